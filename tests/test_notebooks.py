"""Lesson notebooks follow the course's conventions (their outputs are checked by nbval).

The generated header, footer and navigation are tested with their generator, in
``test_instructor_course.py``.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers.paths import course_root

NOTEBOOKS = course_root() / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _headings(nb):
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        in_fence = False
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("```"):
                in_fence = not in_fence
            match = re.match(r"(#{1,6})\s", line)
            if match and not in_fence:
                yield len(match.group(1)), line


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_one_h1_first_and_headings_never_skip_a_level(path):
    nb = _load(path)
    levels = [level for level, _ in _headings(nb)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading jumps from level {before} to {after}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_outputs_are_stored_in_order_without_errors(path):
    code = [c for c in _load(path)["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "re-run with `make outputs`"
    for cell in code:
        if "raises-exception" in cell["metadata"].get("tags", []):
            continue
        assert all(o["output_type"] != "error" for o in cell["outputs"]), "".join(cell["source"])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_widget_state_and_no_paths_of_this_machine(path):
    nb = _load(path)
    assert "widgets" not in nb["metadata"]
    text = path.read_text(encoding="utf-8")
    assert str(course_root()) not in text
    assert not re.search(r"/(home|root|Users)/\w+", text)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_code_cells_stay_short(path):
    for cell in _load(path)["cells"]:
        if cell["cell_type"] == "code":
            assert len("".join(cell["source"]).splitlines()) <= 20, "".join(cell["source"])[:80]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_figure_carries_alt_text_that_reaches_jupyterlab(path):
    for number, cell in enumerate(_load(path)["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data and "image/svg+xml" not in data, (
                f"cell {number}: show figures with helpers.plotting.figure_output (alt text)"
            )
            page = "".join(data.get("text/html", ""))
            for img in re.findall(r"<img\b[^>]*>", page):
                alt = re.search(r'\balt="([^"]*)"', img)
                assert alt and len(alt.group(1).strip()) > 20, (
                    f"cell {number}: a figure without useful alt text"
                )
