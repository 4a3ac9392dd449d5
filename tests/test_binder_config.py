"""Binder builds the course from the repository root: prove its configuration offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import setuptools

BIN = Path(sys.executable).parent


def test_runtime_pins_python_3_11(root):
    assert (root / "runtime.txt").read_text().strip() == "python-3.11"


def test_there_is_no_binder_folder_so_the_root_config_and_package_are_used(root):
    assert not (root / "binder").exists() and not (root / ".binder").exists()


def test_pyproject_lets_binder_install_the_helpers_package(root):
    config = tomllib.loads((root / "pyproject.toml").read_text())
    assert "build-backend" in config["build-system"]
    assert config["project"]["requires-python"].startswith(">=3.11")
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    shipped = sorted(setuptools.find_packages(root, include=include))
    on_disk = sorted(
        ".".join(init.parent.relative_to(root).parts)
        for init in root.glob("helpers/**/__init__.py")
    )
    assert "helpers.network" in shipped and shipped == on_disk


def test_requirements_pin_every_package_exactly(root):
    lines = [
        line.split("#")[0].strip() for line in (root / "requirements.txt").read_text().splitlines()
    ]
    pins = [line for line in lines if line]
    assert len(pins) > 20
    loose = [line for line in pins if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^=<>~!,]+", line)]
    assert loose == [], f"requirements.txt has unpinned lines: {loose}"


def _normalised(name: str) -> str:
    """A package name as pip compares it (PEP 503): lxml_html_clean is lxml-html-clean."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_requirements_txt_is_compiled_from_requirements_in(root):
    wanted = {
        _normalised(re.split(r"[<>=~!\[ ]", line)[0])
        for line in (root / "requirements.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    pinned = {
        _normalised(line.split("==")[0])
        for line in (root / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    assert wanted <= pinned


def test_repo2docker_accepts_the_configuration(root):
    repo2docker = BIN / "repo2docker"
    if not repo2docker.exists():
        pytest.skip("repo2docker is installed by requirements-dev.txt")
    result = subprocess.run(
        [
            str(repo2docker),
            "--no-build",
            "--debug",
            "--user-id",
            "1000",
            "--user-name",
            "jovyan",
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-2000:]
    assert "python=3.11" in out
    assert 'pip install --no-cache-dir -r "requirements.txt"' in out
    assert re.search(r"pip install --no-cache-dir \.\s*$", out, re.M), (
        "the package is not installed"
    )


@pytest.mark.slow
def test_the_pins_resolve_to_exactly_themselves(root, tmp_path):
    if shutil.which("pip", path=str(BIN)) is None:
        pytest.skip("no pip in this environment")
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(root / "requirements.txt"),
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    resolved = {
        item["metadata"]["name"].lower().replace("_", "-"): item["metadata"]["version"]
        for item in json.loads(report.read_text())["install"]
    }
    pinned = dict(
        line.split("==")
        for line in (root / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    pinned = {name.lower().replace("_", "-"): version.strip() for name, version in pinned.items()}
    assert resolved == pinned
