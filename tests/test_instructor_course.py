"""Course navigation (``helpers.instructor.course``): generated header, footer and course map."""

from __future__ import annotations

import json

import pytest

from helpers.instructor.course import FOOTER_TAG, HEADER_TAG, read_manifest, update
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
