"""Grades for a learning platform: the grades CSV as a Canvas gradebook or a Moodle grade import.

``make grade`` writes one row per submission (``submission``, a column per question, ``total``,
``note``; see :func:`helpers.instructor.coursework.grades_table`). A platform wants one row per
*student*, identified its own way. The link is a **roster**, a CSV the instructor writes (or
a platform's own export with one column added), one row per student:

=================  ===========================================================================
``submission``     the submitted file's name as the grades CSV gives it (``ana_lima.ipynb``;
                   ``.ipynb`` may be left off). Empty for a student who handed nothing in.
``student``        the student's name as the platform shows it (Canvas: "Last, First")
``id``             Canvas's user ID             \\  Canvas needs ``student`` and one of these three
``sis_user_id``    the SIS user ID              |  (the columns of a Canvas gradebook export:
``sis_login_id``   the SIS login ID             /  "ID", "SIS User ID", "SIS Login ID")
``section``        the Canvas section (optional)
``email`` …        Moodle: the column named by ``--moodle-id`` (default ``email``; or
                   ``idnumber``, ``username``), matched to the same field in Moodle
=================  ===========================================================================

Headers are matched without case, and spaces or hyphens count as ``_``, so a Canvas export's
own header ("SIS User ID") works; other columns are ignored. Nothing is guessed: a submission
whose name is in no roster row, a roster row with no submission, a student with two
submissions, and a submission without a usable grade (grading failed, or a written answer is
not marked yet) are each listed by name and get no grade in the export.

The grade is the sum of the question columns, so fill in the written answers' columns of the
grades CSV first (with ``partial=True`` the points so far are exported even where a column is
empty). The exports:

- **Canvas** (Grades → Import): ``Student, ID, SIS User ID, SIS Login ID, Section`` and one
  column headed ``<title> (<Canvas assignment id>)``, the heading of that assignment in a
  Canvas gradebook export; with no id the heading is the title alone and Canvas offers to
  create a new assignment.
- **Moodle** (Grades → Import → CSV file): the identifier column and one column headed
  ``<title>``; in Moodle's import, map the identifier to the same user field ("Email
  address", "ID number"…) and the grade column to the grade item.

Both are UTF-8 CSV with a byte-order mark, comma-delimited, written with
:func:`helpers.files.write_spreadsheet_csv`, so no cell can run as a formula.

Command line (``make gradebook``)::

    python -m helpers.instructor.gradebook GRADES --roster ROSTER [--format canvas|moodle]
        [--title TEXT] [--canvas-id N] [--moodle-id COLUMN] [--partial] [--out CSV]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from helpers.files import FORMULA_STARTS, TableError, WriteError, read_csv, write_spreadsheet_csv

__all__ = [
    "CANVAS_COLUMNS",
    "CANVAS_IDS",
    "FORMATS",
    "Export",
    "export_gradebook",
    "grade_of",
    "main",
    "match_roster",
    "read_grades",
    "read_roster",
]

FORMATS = ("canvas", "moodle")
#: The student columns of a Canvas gradebook, in order, and the roster columns they come from.
CANVAS_COLUMNS = {
    "Student": "student",
    "ID": "id",
    "SIS User ID": "sis_user_id",
    "SIS Login ID": "sis_login_id",
    "Section": "section",
}
#: Roster columns of which Canvas needs one to know a student.
CANVAS_IDS = ("id", "sis_user_id", "sis_login_id")
_SKIPPED_STUDENTS = {"points possible"}  # the second row of a Canvas gradebook export


class Export(NamedTuple):
    """What an export wrote, and what it left out and why (each a list of plain sentences)."""

    path: Path
    heading: str
    written: int
    not_in_roster: list[str]
    no_submission: list[str]
    not_exported: list[str]


def _key(header: str) -> str:
    return re.sub(r"[\s\-_]+", "_", header.strip().lower())


def _plain(value: str) -> str:
    """A cell as typed, without the quote a spreadsheet-safe writer put before a formula sign."""
    value = value.strip()
    return value[1:] if value.startswith("'") and value[1:2].startswith(FORMULA_STARTS) else value


def read_roster(path: str | Path) -> list[dict[str, Any]]:
    """The roster's rows, keyed by normalised column names, each with its ``line``.

    >>> import tempfile
    >>> roster = Path(tempfile.mkdtemp(), "roster.csv")
    >>> _ = roster.write_text("Student,SIS User ID,Submission\\n\\"Lima, Ana\\",S1,ana.ipynb\\n")
    >>> read_roster(roster)[0]["sis_user_id"], read_roster(roster)[0]["line"]
    ('S1', 2)
    """
    table = read_csv(path)
    keys = [_key(c) for c in table.columns]
    if "submission" not in keys:
        raise TableError(
            f"{Path(path).name}, line 1: no column submission; add one naming each student's "
            "submitted file as the grades CSV gives it",
            path,
            1,
            "submission",
        )
    rows = []
    for line, raw in table:
        row: dict[str, Any] = {_key(c): _plain(v) for c, v in raw.items()}
        if row.get("student", "").lower() in _SKIPPED_STUDENTS:
            continue
        row["line"] = line
        rows.append(row)
    return rows


def read_grades(path: str | Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The question columns of a grades CSV and its rows (each with its ``line``).

    >>> import tempfile
    >>> grades = Path(tempfile.mkdtemp(), "grades.csv")
    >>> _ = grades.write_text("submission,q1,q2,total,note\\nana.ipynb,2,1,3,\\n")
    >>> read_grades(grades)[0]
    ['q1', 'q2']
    """
    table = read_csv(path)
    columns = list(table.columns)
    missing = [c for c in ("submission", "total", "note") if c not in columns]
    if missing or columns.index("submission") > columns.index("total"):
        raise TableError(
            f"{Path(path).name}, line 1: not a grades table (missing {', '.join(missing)}); "
            "give the CSV `make grade` wrote: submission, a column per question, total, note",
            path,
            1,
        )
    questions = columns[columns.index("submission") + 1 : columns.index("total")]
    rows = []
    for line, raw in table:
        rows.append({**{c: _plain(v) for c, v in raw.items()}, "line": line})
    return questions, rows


def _number(text: str) -> float:
    return float(text.replace(",", "."))  # a decimal comma a spreadsheet may have put in


def grade_of(row: dict[str, Any], questions: Sequence[str], partial: bool = False):
    """``(grade, reason)``: the sum of the question columns, or None and why not.

    >>> grade_of({"q1": "2", "q2": "", "total": "2", "note": ""}, ["q1", "q2"])
    (None, 'q2 not marked yet')
    >>> grade_of({"q1": "2", "q2": "1.5", "total": "2", "note": ""}, ["q1", "q2"])
    (3.5, '')
    """
    if not str(row.get("total", "")).strip():
        return None, f"not graded ({row.get('note') or 'no total'})"
    empty = [q for q in questions if not str(row.get(q, "")).strip()]
    if empty and not partial:
        return None, f"{', '.join(empty)} not marked yet"
    total = 0.0
    for question in questions:
        cell = str(row.get(question, "")).strip()
        if not cell:
            continue
        try:
            total += _number(cell)
        except ValueError:
            return None, f"{question} is {cell!r}, not a number of points"
    return (int(total) if total.is_integer() else round(total, 2)), ""


def _name_of(student: dict[str, Any], id_columns: Sequence[str]) -> str:
    label = student.get("student") or next((student[c] for c in id_columns if student.get(c)), "")
    return f"{label or '(no name)'} (roster line {student['line']})"


def match_roster(
    grades: list[dict[str, Any]], roster: list[dict[str, Any]], id_columns: Sequence[str]
):
    """Pair each submission with its roster row: ``(pairs, not_in_roster, no_submission, twice)``.

    A roster's ``submission`` matches the grades' exactly, or with ``.ipynb`` added. A
    student (same identifiers) named for two submissions goes to ``twice``, unpaired.

    >>> grades = [{"submission": "ana.ipynb"}, {"submission": "zed.ipynb"}]
    >>> roster = [{"submission": "ana", "email": "a@x", "line": 2},
    ...           {"submission": "", "email": "b@x", "line": 3}]
    >>> pairs, stray, absent, twice = match_roster(grades, roster, ["email"])
    >>> [(g["submission"], s["email"]) for g, s in pairs], stray, absent
    ([('ana.ipynb', 'a@x')], ['zed.ipynb'], ['b@x (roster line 3)'])
    """
    by_name: dict[str, dict[str, Any]] = {}
    for student in roster:
        name = student.get("submission", "")
        if not name:
            continue
        for spelling in {name, name if name.endswith(".ipynb") else name + ".ipynb"}:
            if spelling in by_name and by_name[spelling] is not student:
                raise TableError(
                    f"roster, line {student['line']}: submission {name!r} is given on line "
                    f"{by_name[spelling]['line']} too; each submission belongs to one student",
                    None,
                    student["line"],
                    "submission",
                )
            by_name[spelling] = student
    found: dict[int, list[dict[str, Any]]] = {}
    not_in_roster = []
    for row in grades:
        student = by_name.get(row["submission"])
        if student is None:
            not_in_roster.append(row["submission"])
        else:
            found.setdefault(id(student), []).append(row)
    pairs, twice = [], []
    people: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for student in roster:
        rows = found.get(id(student), [])
        key = tuple(student.get(c, "") for c in ("student", *id_columns))
        people.setdefault(key, []).extend((row, student) for row in rows)
    no_submission = [
        _name_of(s, id_columns) for s in roster if not found.get(id(s)) and not s.get("submission")
    ]
    no_submission += [
        f"{_name_of(s, id_columns)}: {s['submission']!r} is not in the grades"
        for s in roster
        if s.get("submission") and not found.get(id(s))
    ]
    for matches in people.values():
        if len(matches) == 1:
            pairs.append(matches[0])
        elif matches:
            names = ", ".join(row["submission"] for row, _ in matches)
            twice.append(f"{_name_of(matches[0][1], id_columns)} has {len(matches)} submissions "
                         f"({names}); keep the one that counts in the roster")  # fmt: skip
    return pairs, not_in_roster, no_submission, twice


def export_gradebook(
    grades: str | Path,
    roster: str | Path,
    out: str | Path | None = None,
    fmt: str = "canvas",
    title: str | None = None,
    canvas_id: str | None = None,
    moodle_id: str = "email",
    partial: bool = False,
) -> Export:
    """Write the grades as a ``fmt`` (canvas or moodle) import file; return what was done.

    ``out`` defaults to ``<grades>-<fmt>.csv`` beside the grades; ``title`` to the grades
    file's name. Raises :class:`helpers.files.TableError` for a bad grades or roster file.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "grades.csv").write_text("submission,q1,total,note\\nana.ipynb,-1,-1,\\n")
    >>> _ = (folder / "roster.csv").write_text("submission,email\\nana.ipynb,=a@x\\n")
    >>> done = export_gradebook(folder / "grades.csv", folder / "roster.csv", fmt="moodle",
    ...                         title="A1")
    >>> done.path.read_text(encoding="utf-8-sig").splitlines()
    ['email,A1', "'=a@x,-1"]
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: use one of {', '.join(FORMATS)}")
    grades_path, roster_path = Path(grades), Path(roster)
    questions, rows = read_grades(grades_path)
    students = read_roster(roster_path)
    id_columns = list(CANVAS_IDS) if fmt == "canvas" else [_key(moodle_id)]
    present = set().union(*(s.keys() for s in students)) if students else set()
    needed = [c for c in id_columns if c in present]
    if not needed or (fmt == "canvas" and "student" not in present):
        wanted = "student and one of id, sis_user_id, sis_login_id" if fmt == "canvas" else (
            f"{_key(moodle_id)} (or name another column with --moodle-id)")  # fmt: skip
        raise TableError(
            f"{roster_path.name}, line 1: a {fmt} roster needs the columns {wanted}",
            roster_path,
            1,
        )
    try:
        pairs, not_in_roster, no_submission, twice = match_roster(rows, students, needed)
    except TableError as err:
        raise TableError(str(err).replace("roster,", f"{roster_path.name},", 1), roster_path,
                         err.line, err.column) from None  # fmt: skip
    title = title or grades_path.stem
    heading = f"{title} ({canvas_id})" if fmt == "canvas" and canvas_id else title
    out_rows, not_exported = [], list(twice)
    for row, student in pairs:
        grade, reason = grade_of(row, questions, partial)
        if not any(student.get(c) for c in needed):
            reason = f"roster line {student['line']} gives no {' or '.join(needed)}"
        if reason:
            not_exported.append(f"{row['submission']}: {reason}")
            continue
        if fmt == "canvas":
            out_rows.append([*(student.get(c, "") for c in CANVAS_COLUMNS.values()), grade])
        else:
            out_rows.append([student[needed[0]], grade])
    columns = [*CANVAS_COLUMNS, heading] if fmt == "canvas" else [moodle_id, heading]
    target = Path(out) if out else grades_path.with_name(f"{grades_path.stem}-{fmt}.csv")
    write_spreadsheet_csv(target, columns, out_rows)
    return Export(target, heading, len(out_rows), not_in_roster, no_submission, not_exported)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``python -m helpers.instructor.gradebook`` command; returns the exit status.

    >>> main(["/no/grades.csv", "--roster", "/no/roster.csv"])
    2
    """
    parser = argparse.ArgumentParser(
        prog="python -m helpers.instructor.gradebook",
        description="Turn the grades CSV into a Canvas or Moodle grade import file.",
    )
    parser.add_argument("grades", help="the CSV `make grade` wrote (build/grades.csv)")
    parser.add_argument("--roster", required=True, help="CSV: submission and student ids")
    parser.add_argument("--format", choices=FORMATS, default="canvas")
    parser.add_argument("--title", help="the assignment's name (default: the grades file's)")
    parser.add_argument("--canvas-id", help="the Canvas assignment's id, from its gradebook column")
    parser.add_argument("--moodle-id", default="email", help="roster column Moodle matches on")
    parser.add_argument("--partial", action="store_true", help="export unmarked answers as 0")
    parser.add_argument("--out", help="file to write (default: GRADES-FORMAT.csv)")
    args = parser.parse_args(argv)
    try:
        done = export_gradebook(args.grades, args.roster, args.out, args.format, args.title,
                                args.canvas_id, args.moodle_id, args.partial)  # fmt: skip
    except (TableError, WriteError, ValueError) as err:
        print(f"gradebook: error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {done.path}: {done.written} grades in column {done.heading!r}")
    for label, items, advice in (
        ("not in the roster", done.not_in_roster, "add a roster row naming each file"),
        ("in the roster, no submission graded", done.no_submission, "no grade written"),
        ("not exported", done.not_exported, "fix these, then run again"),
    ):
        if items:
            print(f"{label} ({len(items)}; {advice}):")
            for item in items:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
