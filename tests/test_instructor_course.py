"""Course navigation (``helpers.instructor.course``): generated header, footer and course map."""

from __future__ import annotations

import json

import pytest

from helpers.instructor.course import (
    FOOTER_TAG,
    HEADER_TAG,
    binder_url,
    nbgitpuller_url,
    read_course_settings,
    read_manifest,
    update,
)
from helpers.paths import course_root

LESSONS = sorted((course_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_generated_header_footer_and_course_map_are_current():
    assert update(check=True) == [], "run `make nav` and commit the result"


def test_manifest_and_lesson_files_agree():
    ready = {lesson["file"] for lesson in read_manifest() if lesson.get("ready", True)}
    assert ready == {p.name for p in LESSONS}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_header_first_and_footer_last(path):
    cells = _load(path)["cells"]
    assert HEADER_TAG in cells[0]["metadata"].get("tags", [])
    assert FOOTER_TAG in cells[-1]["metadata"].get("tags", [])


# Where the course is published: the [course] table


def _course_toml(tmp_path, table: str):
    path = tmp_path / "course.toml"
    path.write_text(f"[course]\n{table}\n", encoding="utf-8")
    return path


def test_course_settings_default_to_unset_with_the_main_branch(tmp_path):
    settings = read_course_settings(_course_toml(tmp_path, ""))
    assert settings == {"repository": "", "branch": "main", "jupyterhub": ""}


def test_a_hub_address_loses_its_trailing_slash(tmp_path):
    path = _course_toml(
        tmp_path, 'repository = "https://github.com/o/r"\njupyterhub = "https://hub.example.edu/"'
    )
    assert read_course_settings(path)["jupyterhub"] == "https://hub.example.edu"


@pytest.mark.parametrize(
    "table, key",
    [
        ('repository = "https://github.com/owner/repo.git"', "repository"),
        ('repository = "https://github.com/owner/repo/"', "repository"),
        ('repository = "https://gitlab.com/owner/repo"', "repository"),
        ('repository = "github.com/owner/repo"', "repository"),
        ('jupyterhub = "hub.example.edu"', "jupyterhub"),
        ('branch = "main branch"', "branch"),
        ('branch = ""', "branch"),
        ('repo = "https://github.com/owner/repo"', "unknown settings repo"),
    ],
)
def test_a_malformed_setting_names_the_file_and_the_setting(tmp_path, table, key):
    path = _course_toml(tmp_path, table)
    with pytest.raises(ValueError, match=key) as error:
        read_course_settings(path)
    assert str(path) in str(error.value)


def test_launch_links_escape_the_branch_and_lesson_and_need_a_repository():
    settings = {"repository": "https://github.com/o/r", "branch": "term/2027", "jupyterhub": ""}
    assert binder_url(settings, "00_start_here.ipynb") == (
        "https://mybinder.org/v2/gh/o/r/term%2F2027?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    )
    assert nbgitpuller_url(settings, "00_start_here.ipynb") is None  # no hub set
    hub = {**settings, "repository": "", "jupyterhub": "https://hub.example.edu"}
    assert nbgitpuller_url(hub) is None and binder_url(hub) is None
