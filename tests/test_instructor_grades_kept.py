"""Grades are never lost: the output is checked before grading, rows are kept as they come, and
a file that cannot be written at the end sends the grades to a clearly named place instead.

The submissions here are ones the grader rejects without running them (not notebooks, another
assignment), so every row is made at once and the tests are about the files alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from helpers.instructor import coursework
from helpers.instructor.coursework import CourseworkError
from helpers.paths import course_root

NAME = "a1_raw_reading"
OTHER = course_root() / "notebooks" / "assignments" / "a2_reliability" / "a2_reliability.ipynb"


@pytest.fixture
def class_folder(tmp_path):
    """Three submissions that each get an error row at once, and an autograder to name."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "a_broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    shutil.copy(OTHER, folder / "b_wrong.ipynb")
    (folder / "=HYPERLINK(1).ipynb").write_text("not json", encoding="utf-8")
    autograders = tmp_path / "autograders"
    zip_path = coursework.autograder_path(NAME, autograders)
    zip_path.parent.mkdir(parents=True)
    zip_path.write_bytes(b"")  # never opened: no submission here gets that far
    return folder, autograders


def _grade(class_folder, out, **kwargs):
    folder, autograders = class_folder
    return coursework.grade_folder(folder, NAME, out, autograders=autograders, **kwargs)


@pytest.mark.parametrize(
    "where, reason",
    [
        ("folder", "it is a folder"),
        ("missing/grades.csv", "does not exist"),
        ("/proc/grades.csv", "does not accept new files"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_grading(
    class_folder, tmp_path, where, reason
):
    (tmp_path / "folder").mkdir()
    out = tmp_path / where if not where.startswith("/") else where
    graded = []
    with pytest.raises(CourseworkError, match=reason) as caught:
        _grade(class_folder, out, progress=graded.append)
    assert graded == [], "no submission may be graded when its grade cannot be kept"
    assert str(out) in str(caught.value)
    assert "OUT=" in str(caught.value) and "--out" in str(caught.value)


def test_the_command_line_says_what_to_do_and_grades_nothing(class_folder, tmp_path, capsys):
    folder, autograders = class_folder
    argv = ["grade", str(folder), "--out", str(tmp_path), "--autograders", str(autograders)]
    assert coursework.main([*argv, "--assignment", NAME]) == 2
    captured = capsys.readouterr()
    assert f"cannot write the grades to {tmp_path}: it is a folder" in captured.err
    assert "a_broken.ipynb" not in captured.out


def test_rows_are_kept_as_they_come_and_survive_a_crash(class_folder, tmp_path):
    out = tmp_path / "grades.csv"
    kept = coursework.in_progress_path(out)
    seen = []

    def crash_on_second(grade):
        seen.append(grade.submission)
        if len(seen) == 2:
            raise KeyboardInterrupt  # the instructor's laptop dies mid-class

    with pytest.raises(KeyboardInterrupt):
        _grade(class_folder, out, progress=crash_on_second)
    assert not out.exists()
    rows = pd.read_csv(kept, dtype=str, keep_default_na=False)
    assert list(rows["submission"]) == ["'=HYPERLINK(1).ipynb", "a_broken.ipynb"]
    assert kept.name == "grades.partial.csv"


def test_a_finished_class_leaves_one_grades_file_and_no_partial_one(class_folder, tmp_path):
    out = tmp_path / "grades.csv"
    table = _grade(class_folder, out)
    assert len(table) == 3 and not coursework.in_progress_path(out).exists()
    assert pd.read_csv(out, dtype=str, keep_default_na=False).shape == (3, 8)


def test_a_write_failure_at_the_end_saves_the_grades_in_the_temp_folder(class_folder, tmp_path):
    out = tmp_path / "grades.csv"
    said = []

    def block_out_at_the_end(grade):
        if grade.submission == "b_wrong.ipynb":
            out.mkdir()  # the file's place is taken while grading runs

    table = _grade(class_folder, out, progress=block_out_at_the_end, say=said.append)
    assert len(said) == 1 and said[0].startswith(f"warning: cannot write the grades to {out}")
    saved = said[0].split("saved in ")[1].split(" instead")[0]
    assert Path(saved).parent == Path(tempfile.gettempdir())
    assert Path(saved).name.startswith("grades-not-saved-")
    fallback = pd.read_csv(saved, dtype=str, keep_default_na=False)
    assert list(fallback["submission"]) == list(coursework.spreadsheet_safe(table)["submission"])
    os.remove(saved)


def test_a_partial_file_that_cannot_be_written_does_not_stop_grading(class_folder, tmp_path):
    out = tmp_path / "grades.csv"
    said = []

    def block_partial(grade):
        partial = coursework.in_progress_path(out)
        if not partial.is_dir():
            partial.unlink()
            partial.mkdir()

    table = _grade(class_folder, out, progress=block_partial, say=said.append)
    assert len(table) == 3 and out.is_file()
    assert said and "cannot keep the grades so far" in said[0]


def test_student_text_cannot_become_a_spreadsheet_formula(class_folder, tmp_path):
    out = tmp_path / "grades.csv"
    _grade(class_folder, out)
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK(1).ipynb" in text
    assert not any(line.startswith("=") for line in text.splitlines())
