"""The autograder zip is what Gradescope needs, and it carries the course it grades with.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once to build the
image (installing ``environment.yml``: otter, and here the course's own pins), then for each
submission runs ``run_autograder``, which copies ``files/`` beside the submission. The tests
import ``helpers`` and read ``seeds/`` and ``data/``, so those must travel in ``files/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from helpers.instructor.coursework import (
    GRADING_FILES,
    assignment_names,
    build_autograder,
    master_path,
    questions,
)
from helpers.paths import course_root

NAME = "a1_raw_reading"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_autograder(NAME, out=tmp_path_factory.mktemp("ag"), run_tests=False)


def test_the_zip_holds_what_gradescope_runs(built):
    names = set(zipfile.ZipFile(built).namelist())
    assert {"run_autograder", "setup.sh", "environment.yml", "otter_config.json"} <= names
    tests = sorted(n for n in names if n.startswith("tests/"))
    assert tests == [f"tests/{q.name}.py" for q in questions(NAME) if not q.manual]
    config = json.loads(zipfile.ZipFile(built).read("otter_config.json"))
    assert config["assignment_name"] == NAME


def test_the_zip_carries_the_package_the_sources_and_the_tables(built):
    names = set(zipfile.ZipFile(built).namelist())
    root = course_root()
    for part in GRADING_FILES:
        for path in (root / part).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
                assert f"files/{path.relative_to(root).as_posix()}" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_the_image_installs_the_course_pins_on_its_python(built):
    environment = zipfile.ZipFile(built).read("environment.yml").decode()
    assert "python=3.11" in environment  # the version requirements.txt is compiled for
    pins = (course_root() / "requirements.txt").read_text().splitlines()
    for pin in (line for line in pins if re.match(r"[a-z0-9]", line, re.I)):
        assert f"- {pin.strip()}" in environment


@pytest.mark.parametrize("name", assignment_names())
def test_every_master_tells_otter_to_ship_the_course(name):
    config = json.loads(master_path(name).read_text(encoding="utf-8"))["cells"][0]
    text = "".join(config["source"])
    assert "requirements: requirements.txt" in text and 'python_version: "3.11"' in text
    assert all(f"  - {part}" in text for part in GRADING_FILES)


@pytest.mark.slow
def test_a_gradescope_style_run_grades_the_solutions_with_the_shipped_helpers(built, tmp_path):
    """Gradescope's layout without its image: /autograder/{source,submission,results}."""
    autograder = tmp_path / "autograder"
    source = autograder / "source"
    zipfile.ZipFile(built).extractall(source)
    marker = autograder / "submission" / "imported-the-shipped-helpers"
    with (source / "files" / "helpers" / "__init__.py").open("a", encoding="utf-8") as fh:
        fh.write(f"\nopen({str(marker)!r}, 'w').close()  # this test's probe\n")
    (autograder / "submission").mkdir()
    solutions = built.with_name(f"{NAME}-solutions.ipynb")
    shutil.copy(solutions, autograder / "submission" / f"{NAME}.ipynb")
    (autograder / "results").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COURSE_HOME")}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from otter.run.run_autograder import main; main({str(autograder)!r})",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads((autograder / "results" / "results.json").read_text())
    auto = sum(q.points for q in questions(NAME) if not q.manual)
    scored = sum(test.get("score") or 0 for test in results["tests"])
    assert scored == auto, json.dumps(results)[:3000]
    assert marker.exists()  # the kernel imported helpers from the zip's files/
