"""Grades for Canvas and Moodle (helpers.instructor.gradebook): one row per student, never guessed.

A small class: three graded submissions (one with a written answer not marked yet), one that
failed to run, one nobody on the roster handed in, one student with no submission.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.files import TableError, read_csv
from helpers.instructor.gradebook import export_gradebook, main
from helpers.paths import course_root

GRADES = """submission,q1,q2,q3,total,note
ana_lima.ipynb,4,3,2.5,7,
ben_okafor.ipynb,4,0,,4,
=cmd.ipynb,0,0,1,0,
chen_wu.ipynb,,,,,"error: chen_wu.ipynb cannot be read: not a notebook"
stray.ipynb,1,1,1,2,
"""

ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,Email,Submission
"Lima, Ana",101,S-1,alima,Seminar A,ana@uni.example,ana_lima.ipynb
"Okafor, Ben",102,S-2,bokafor,Seminar A,ben@uni.example,ben_okafor
"Wu, Chen",103,S-3,cwu,Seminar B,chen@uni.example,chen_wu.ipynb
"Doe, Dana",104,S-4,ddoe,Seminar B,dana@uni.example,
"Hack, Eve",105,S-5,ehack,Seminar B,=HYPERLINK(1),=cmd.ipynb
"""


@pytest.fixture
def files(tmp_path):
    grades, roster = tmp_path / "grades.csv", tmp_path / "roster.csv"
    grades.write_text(GRADES, encoding="utf-8")
    roster.write_text(ROSTER, encoding="utf-8")
    return grades, roster


def rows(path: Path) -> list[list[str]]:
    table = read_csv(path)
    return [list(table.columns)] + [list(row.values()) for row in table.rows]


def test_canvas_gets_its_student_columns_and_one_assignment_column(files):
    grades, roster = files
    done = export_gradebook(grades, roster, fmt="canvas", title="Assignment 1", canvas_id="4711")
    assert done.path == grades.with_name("grades-canvas.csv")
    assert done.path.read_bytes().startswith(codecs.BOM_UTF8)
    assert rows(done.path) == [
        ["student", "id", "sis user id", "sis login id", "section", "assignment 1 (4711)"],
        ["Lima, Ana", "101", "S-1", "alima", "Seminar A", "9.5"],
        ["Hack, Eve", "105", "S-5", "ehack", "Seminar B", "1"],
    ]
    header = done.path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Student,ID,SIS User ID,SIS Login ID,Section,Assignment 1 (4711)"


def test_nothing_is_guessed_each_left_out_submission_is_named_with_why(files):
    grades, roster = files
    done = export_gradebook(grades, roster, fmt="canvas", title="A1")
    assert done.not_in_roster == ["stray.ipynb"]
    assert done.no_submission == ["Doe, Dana (roster line 5)"]
    assert done.not_exported == [
        "ben_okafor.ipynb: q3 not marked yet",
        "chen_wu.ipynb: not graded (error: chen_wu.ipynb cannot be read: not a notebook)",
    ]
    partial = export_gradebook(grades, roster, fmt="canvas", title="A1", partial=True)
    assert [r[0] for r in rows(partial.path)[1:]] == ["Lima, Ana", "Okafor, Ben", "Hack, Eve"]


def test_moodle_gets_the_chosen_identifier_and_a_grade_column(files, tmp_path):
    grades, roster = files
    out = tmp_path / "moodle" / "a1.csv"
    done = export_gradebook(grades, roster, out, fmt="moodle", title="A1", moodle_id="Email")
    assert done.path == out
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "Email,A1",
        "ana@uni.example,9.5",
        "'=HYPERLINK(1),1",  # a formula someone typed into the roster stays text
    ]


def test_a_student_named_for_two_submissions_gets_no_grade(files):
    grades, roster = files
    roster.write_text(ROSTER + '"Lima, Ana",101,S-1,alima,Seminar A,ana@uni.example,stray\n')
    done = export_gradebook(grades, roster, fmt="canvas", title="A1")
    assert "Lima, Ana" not in [r[0] for r in rows(done.path)]
    assert any("2 submissions (ana_lima.ipynb, stray.ipynb)" in n for n in done.not_exported)


def test_one_submission_given_to_two_students_is_refused_naming_both_lines(files):
    grades, roster = files
    roster.write_text(ROSTER + '"Fox, Fay",106,S-6,ffox,Seminar B,fay@uni.example,ana_lima\n')
    with pytest.raises(TableError, match=r"roster\.csv, line 7: submission 'ana_lima' .* line 2"):
        export_gradebook(grades, roster, fmt="canvas")


def test_a_roster_without_the_identifiers_a_platform_needs_is_refused(files):
    grades, roster = files
    roster.write_text("Submission,Student\nana_lima.ipynb,Ana\n")
    with pytest.raises(TableError, match="needs the columns student and one of id"):
        export_gradebook(grades, roster, fmt="canvas")
    with pytest.raises(TableError, match="needs the columns email"):
        export_gradebook(grades, roster, fmt="moodle")
    roster.write_text("Student,Email\nAna,a@x\n")
    with pytest.raises(TableError, match="no column submission"):
        export_gradebook(grades, roster, fmt="moodle")


def test_a_grades_file_saved_with_semicolons_says_how_to_save_it(files):
    grades, roster = files
    grades.write_text(GRADES.replace(",", ";"), encoding="utf-8")
    with pytest.raises(TableError, match=r'"CSV UTF-8 \(comma delimited\)"'):
        export_gradebook(grades, roster)


def test_the_command_reports_what_it_left_out(files, capsys):
    grades, roster = files
    assert main([str(grades), "--roster", str(roster), "--format", "moodle", "--title", "A1"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"wrote {grades.with_name('grades-moodle.csv')}: 2 grades in column")
    assert "not in the roster (1; add a roster row naming each file):\n  stray.ipynb" in said
    assert "ben_okafor.ipynb: q3 not marked yet" in said


def test_make_gradebook_runs_the_command(files, tmp_path):
    grades, roster = files
    result = subprocess.run(
        [
            "make",
            "-s",
            "-n",
            "gradebook",
            f"GRADES={grades}",
            f"ROSTER={roster}",
            "FORMAT=moodle",
            "BIN=" + str(Path(sys.executable).parent),
            "LAB_STAMP=",
        ],  # fmt: skip
        cwd=course_root(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f'-m helpers.instructor.gradebook "{grades}" --roster "{roster}"' in result.stdout
    assert "--format moodle" in result.stdout
