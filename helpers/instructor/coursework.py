"""Graded coursework: otter-grader assignments, from master notebooks to a table of scores.

Each assignment has a *master* notebook in otter-grader's format (questions with their points,
solutions, public and hidden tests, written answers with a rubric) at
``notebooks/assignments/source/<name>/<name>.ipynb``. From it, ``otter assign`` makes:

- the **student version**, ``notebooks/assignments/<name>/<name>.ipynb`` with its public tests in
  ``tests/``: no solutions, no hidden tests, no outputs. It is committed, so Binder users open it
  directly; :func:`assign` regenerates it and :func:`stale` says when it no longer matches its
  master.
- the **autograder**, ``build/assignments/<name>/<name>-autograder.zip`` with every test, and the
  solutions notebook beside it: :func:`build_autograder`. Never committed.

:func:`grade_folder` grades every notebook in a folder with ``otter run`` (no Docker: each
submission runs in a fresh kernel of this environment) and writes one CSV row per submission: a
column per question (written answers stay empty for the marker), the autograded total and a note.
A submission that cannot be read or run gets its row with an error note naming the file; the
others are still graded.

The answer checks the assignments' tests call (``expect_*``) are in :mod:`helpers.answers`:
they test an answer's form and say what to look at, never what the answer is.

Command line (``make assignments``, ``make autograder``, ``make grade`` call it)::

    python -m helpers.instructor.coursework assign [--check] [NAME ...]
    python -m helpers.instructor.coursework autograder [--no-run-tests] [NAME ...]
    python -m helpers.instructor.coursework grade FOLDER [--assignment NAME] [--out CSV]
                                                         [--timeout S] [--autograders FOLDER]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from helpers.files import spreadsheet_safe as safe_cell
from helpers.instructor.grading import (
    GradingError,
    answer_names,
    choose_isolation,
    hidden_tests,
    isolation_summary,
    run_submission,
    score_answers,
)
from helpers.instructor.sandbox import Limits
from helpers.paths import course_root

__all__ = [
    "assign",
    "assignment_names",
    "assignments_dir",
    "autograder_path",
    "Build",
    "build_autograder",
    "build_dir",
    "CELL_TIMEOUT",
    "check_writable",
    "compare_student_versions",
    "CourseworkError",
    "DEFAULT_OUT",
    "fallback_path",
    "find_submissions",
    "Grade",
    "grade_folder",
    "grade_submission",
    "grades_table",
    "GRADING_FILES",
    "IGNORED_NAMES",
    "in_progress_path",
    "main",
    "master_path",
    "otter_assign",
    "Question",
    "questions",
    "read_submission",
    "source_dir",
    "spreadsheet_safe",
    "stable_cell_ids",
    "stage_master",
    "stale",
    "submission_assignment",
    "SUBMISSION_TIMEOUT",
    "write_csv",
]

#: Seconds a single cell of a submission may run before grading gives up on it (TIMEOUT=).
CELL_TIMEOUT = Limits().cell_seconds
#: Seconds a whole submission may run, kernel start included (SUBMISSION_TIMEOUT=).
SUBMISSION_TIMEOUT = Limits().submission_seconds
#: Where ``grade`` writes the grades unless told (relative to the working folder).
DEFAULT_OUT = "build/grades.csv"
#: The course's folders every autograder carries (its ``files/``), so the tests can import
#: ``helpers`` and read the sources and tables wherever the autograder runs (Gradescope).
GRADING_FILES = ("helpers", "seeds", "data")
#: Files a student version may gain by being opened or run; never compared.
IGNORED_NAMES = frozenset({".ipynb_checkpoints", "__pycache__", ".OTTER_LOG"})
_NAME = re.compile(r"[a-z0-9][a-z0-9_]*")
_QUESTION_START = re.compile(r"#\s*BEGIN\s+QUESTION\b", re.I)


class CourseworkError(ValueError):
    """A problem with an assignment, an autograder or a submission, said in plain words."""


class Question(NamedTuple):
    """One question of an assignment: its name (``q1``…), points, and whether a marker grades it."""

    name: str
    points: float
    manual: bool


class Build(NamedTuple):
    """What ``otter assign`` made of a master: student folder, autograder zip, solutions."""

    student: Path
    autograder: Path
    solutions: Path


class Grade(NamedTuple):
    """The result of grading one submission: points per autograded question, and a note."""

    submission: str
    scores: dict[str, float]
    note: str


# --- Where things are ---------------------------------------------------------------------------


def assignments_dir() -> Path:
    """The folder of the student versions, ``notebooks/assignments``.

    >>> assignments_dir().relative_to(course_root()).as_posix()
    'notebooks/assignments'
    """
    return course_root() / "notebooks" / "assignments"


def source_dir() -> Path:
    """The folder of the master notebooks, ``notebooks/assignments/source``.

    >>> source_dir().name
    'source'
    """
    return assignments_dir() / "source"


def build_dir() -> Path:
    """Where autograders are built, ``build/assignments`` (git-ignored).

    >>> build_dir().relative_to(course_root()).as_posix()
    'build/assignments'
    """
    return course_root() / "build" / "assignments"


def assignment_names() -> list[str]:
    """The assignments, in course order: every ``source/<name>/<name>.ipynb``.

    >>> assignment_names()[0]
    'a1_raw_reading'
    """
    return sorted(p.parent.name for p in source_dir().glob("*/*.ipynb") if p.stem == p.parent.name)


def master_path(name: str) -> Path:
    """The master notebook of an assignment, or an error listing the assignments there are.

    >>> master_path("a2_reliability").name
    'a2_reliability.ipynb'
    """
    path = source_dir() / name / f"{name}.ipynb"
    if not _NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(assignment_names()) or "none"
        raise CourseworkError(f"no assignment {name!r} (expected {path}); assignments: {known}")
    return path


def autograder_path(name: str, folder: str | Path | None = None) -> Path:
    """Where the autograder of an assignment is built.

    >>> autograder_path("a1_raw_reading").name
    'a1_raw_reading-autograder.zip'
    """
    return Path(folder or build_dir()) / name / f"{name}-autograder.zip"


def questions(name: str | Path) -> list[Question]:
    """The questions of an assignment, read from the ``# BEGIN QUESTION`` cells of its master.

    ``name`` is an assignment's name or the path of a master notebook.

    >>> questions("a1_raw_reading")[0]
    Question(name='q1', points=4, manual=False)
    """
    import yaml

    path = Path(name) if str(name).endswith(".ipynb") else master_path(str(name))
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for number, cell in enumerate(nb["cells"], start=1):
        source = "".join(cell["source"])
        if cell["cell_type"] != "raw" or not _QUESTION_START.match(source):
            continue
        config = yaml.safe_load(source.split("\n", 1)[1] if "\n" in source else "") or {}
        if not isinstance(config, dict) or "name" not in config:
            raise CourseworkError(f"{path}: cell {number}: a question needs a name")
        found.append(
            Question(str(config["name"]), config.get("points", 1), bool(config.get("manual")))
        )
    return found


# --- Student versions and autograders -----------------------------------------------------------


@contextlib.contextmanager
def _quiet() -> Iterator[io.StringIO]:
    """Collect what otter prints (progress, logos, its own warnings) instead of showing it."""
    from otter import logging as otter_logging

    captured = io.StringIO()
    otter_logging.set_level(otter_logging.WARNING)
    with (
        contextlib.redirect_stdout(captured),
        contextlib.redirect_stderr(captured),
        warnings.catch_warnings(),
    ):
        warnings.filterwarnings("ignore", module=r"otter\.")  # otter's own deprecation notices
        yield captured


def otter_assign(name: str, result: str | Path, run_tests: bool = False) -> Build:
    """Run ``otter assign`` on a master into the folder ``result`` (student/ and autograder/).

    With ``run_tests`` otter grades the solutions notebook against every test first and fails
    unless it earns full marks. Nothing is written next to the master.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     otter_assign("a1_raw_reading", tmp).autograder.name.startswith("a1_raw_reading-")
    True
    """
    from otter.assign import main as assign_main

    master = master_path(name)
    result = Path(result).resolve()
    captured = io.StringIO()
    try:
        with tempfile.TemporaryDirectory() as tmp, _quiet() as captured:
            staged = stage_master(master, Path(tmp))
            assign_main(str(staged), str(result), no_pdfs=True, no_run_tests=not run_tests)
    except Exception as err:
        detail = str(err).strip() or captured.getvalue().strip()[-2000:]
        raise CourseworkError(f"otter assign failed for {master}: {detail}") from None
    zips = sorted((result / "autograder").glob(f"{name}-autograder_*.zip"))
    if len(zips) != 1:
        raise CourseworkError(f"otter assign made {len(zips)} autograder zips for {name}")
    return Build(result / "student", zips[0], result / "autograder" / f"{name}.ipynb")


def stage_master(master: str | Path, folder: str | Path) -> Path:
    """Copy a master into ``folder`` with what its autograder carries; return the copy's path.

    A master's config names ``autograder_files`` (``helpers``, ``seeds``, ``data``) and
    ``requirements: requirements.txt``, paths beside the master for ``otter assign``; they are
    the course's own, copied here from the course root (without ``__pycache__``), so a
    Gradescope run has the package, the sources and the tables, and installs the course's pins.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     staged = stage_master(master_path("a1_raw_reading"), tmp)
    ...     sorted(p.name for p in staged.parent.iterdir())
    ['a1_raw_reading.ipynb', 'data', 'helpers', 'requirements.txt', 'seeds']
    """
    master, folder = Path(master), Path(folder)
    root = course_root()
    folder.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for part in GRADING_FILES:
        shutil.copytree(root / part, folder / part, ignore=skip)
    shutil.copy(root / "requirements.txt", folder / "requirements.txt")
    return Path(shutil.copy(master, folder / master.name))


def stable_cell_ids(path: str | Path) -> None:
    """Give every cell of a notebook an id derived from its content, so regenerating is a no-op.

    ``otter assign`` gives the cells it adds (checks, answer prompts) random ids.

    >>> import nbformat
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "x.ipynb"
    ...     nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), path)
    ...     stable_cell_ids(path)
    ...     nbformat.read(path, as_version=4).cells[0].id
    '41378f2d'
    """
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    seen: Counter[str] = Counter()
    used: set[str] = set()
    for cell in nb.cells:
        key = f"{cell.cell_type}\0{cell.source}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        size = 8
        while digest[:size] in used:
            size += 1
        cell["id"] = digest[:size]
        used.add(cell["id"])
    nbformat.write(nb, str(path))


def _names(names: Sequence[str] | None) -> list[str]:
    chosen = list(names) if names else assignment_names()
    for name in chosen:
        master_path(name)  # a clear error for an unknown name
    return chosen


def assign(names: Sequence[str] | None = None, dest: str | Path | None = None) -> list[Path]:
    """Regenerate the student versions (notebook and public tests) from their masters.

    They go to ``notebooks/assignments/<name>/``, or under ``dest``; returns the notebooks.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [path.name for path in assign(["a1_raw_reading"], dest=tmp)]
    ['a1_raw_reading.ipynb']
    """
    dest = Path(dest) if dest else assignments_dir()
    written = []
    for name in _names(names):
        with tempfile.TemporaryDirectory() as tmp:
            built = otter_assign(name, Path(tmp) / name)
            stable_cell_ids(built.student / f"{name}.ipynb")
            target = dest / name
            if target.resolve() == source_dir().resolve():
                raise CourseworkError("an assignment cannot be called 'source'")
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(built.student, target)
        written.append(target / f"{name}.ipynb")
    return written


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not IGNORED_NAMES.intersection(p.relative_to(folder).parts)
    }


def _content(path: Path) -> Any:
    """A file's bytes; for a notebook, its JSON without the cell ids otter makes up."""
    if path.suffix != ".ipynb":
        return path.read_bytes()
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        cell.pop("id", None)
    return nb


def compare_student_versions(fresh: str | Path, committed: str | Path) -> list[str]:
    """How a committed student folder differs from a freshly generated one ([] if it does not).

    Cell ids are the only thing ignored: ``otter assign`` makes them up.

    >>> same = assignments_dir() / "a1_raw_reading"
    >>> compare_student_versions(same, same)
    []
    """
    fresh_files, committed_files = _files(Path(fresh)), _files(Path(committed))
    problems = []
    for rel in sorted(set(fresh_files) | set(committed_files)):
        a, b = fresh_files.get(rel), committed_files.get(rel)
        if b is None:
            problems.append(f"{rel}: missing")
        elif a is None:
            problems.append(f"{rel}: not made by otter assign")
        elif _content(a) != _content(b):
            problems.append(f"{rel}: differs from what its master makes")
    return problems


def stale(names: Sequence[str] | None = None) -> list[str]:
    """The committed student files that are out of date with their masters ([] if none).

    >>> stale(["a1_raw_reading"])
    []
    """
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in _names(names):
            assign([name], dest=tmp)
            found = compare_student_versions(Path(tmp) / name, assignments_dir() / name)
            problems += [f"notebooks/assignments/{name}/{problem}" for problem in found]
    return problems


def build_autograder(name: str, out: str | Path | None = None, run_tests: bool = True) -> Path:
    """Build ``<out>/<name>/<name>-autograder.zip`` and the solutions notebook beside it.

    ``out`` defaults to ``build/assignments``. With ``run_tests`` (the default) the build fails
    unless the master's solutions pass every test.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     build_autograder("a1_raw_reading", out=tmp, run_tests=False).name
    'a1_raw_reading-autograder.zip'
    """
    target = autograder_path(name, out)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = otter_assign(name, Path(tmp) / name, run_tests=run_tests)
        shutil.copy(built.solutions, target.parent / f"{name}-solutions.ipynb")
        partial = target.with_suffix(".zip.part")
        shutil.copy(built.autograder, partial)
        os.replace(partial, target)
    return target


# --- Grading ------------------------------------------------------------------------------------


def read_submission(path: str | Path, label: str | None = None) -> dict[str, Any]:
    """The notebook in a submission file, or a :class:`CourseworkError` saying what is wrong.

    >>> try:
    ...     read_submission(course_root() / "data" / "sources.csv", "sources.csv")
    ... except CourseworkError as err:
    ...     print(err)
    sources.csv: not a notebook: invalid JSON at line 1, column 1
    """
    label = label or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise CourseworkError(f"{label}: not a notebook: not UTF-8 text ({err.reason})") from None
    except OSError as err:
        raise CourseworkError(f"{label}: cannot be read: {err.strerror}") from None
    try:
        nb = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        where = (
            f"at line {err.lineno}, column {err.colno}"
            if isinstance(err, json.JSONDecodeError)
            else "(nested too deeply)"
        )
        raise CourseworkError(f"{label}: not a notebook: invalid JSON {where}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise CourseworkError(f"{label}: not a notebook: no list of cells")
    return nb


def submission_assignment(nb: dict[str, Any]) -> str | None:
    """The assignment a notebook belongs to, as its student version records it.

    >>> submission_assignment({"metadata": {"otter": {"assignment_name": "a1_raw_reading"}}})
    'a1_raw_reading'
    """
    meta = nb.get("metadata", {})
    otter_meta = meta.get("otter", {}) if isinstance(meta, dict) else {}
    name = otter_meta.get("assignment_name") if isinstance(otter_meta, dict) else None
    return name if isinstance(name, str) else None


def _error_note(run: dict[str, Any]) -> str:
    """The note for a run: the cells that raised errors, and a private folder filled up."""
    notes = []
    errors, count = run["errors"], run["error_count"]
    if count and errors and isinstance(errors[0], dict):
        first = f"{errors[0].get('ename', 'Error')}: {errors[0].get('evalue', '')}".strip()
        cells = "1 cell" if count == 1 else f"{count} cells"
        notes.append(f"{cells} raised an error (first: {first[:160]})")
    if run["disk_full"]:
        notes.append("it filled its private folder (the disk limit)")
    return "; ".join(notes)


def grade_submission(
    path: str | Path,
    autograder: str | Path,
    assignment: str,
    label: str | None = None,
    limits: Limits | None = None,
    isolation: str = "bubblewrap",
) -> Grade:
    """Grade one submission in two phases. Problems become the note, not errors.

    Its notebook runs confined (``isolation="bubblewrap"``, see
    :mod:`helpers.instructor.grading`) and leaves only its answers as plain values; the hidden
    tests of ``autograder`` score them here, where no student code runs. Nothing is written
    beside the submission.

    >>> grade = grade_submission(course_root() / "data" / "sources.csv", "-", "a1_raw_reading")
    >>> grade.scores, grade.note
    ({}, 'error: sources.csv: not a notebook: invalid JSON at line 1, column 1')
    """
    label = label or Path(path).name
    limits = limits or Limits()
    try:
        nb = read_submission(path, label)
    except CourseworkError as err:
        return Grade(label, {}, f"error: {err}")
    found = submission_assignment(nb)
    if found is None:
        why = "names no assignment: it was not made from a student version"
        return Grade(label, {}, f"error: {label}: this notebook {why}")
    if found != assignment:
        why = f"is for assignment {found!r}, not {assignment!r}"
        return Grade(label, {}, f"error: {label}: this notebook {why}")
    public = assignments_dir() / assignment / "tests"
    try:
        with hidden_tests(autograder) as tests:
            names = answer_names(tests)
        # no hidden test is on disk while the notebook runs, even unconfined
        run = run_submission(path, names, limits, isolation, public if public.is_dir() else None)
        with hidden_tests(autograder) as tests:
            scores = score_answers(run["answers"], tests)
    except GradingError as err:
        return Grade(label, {}, f"error: {label}: {err}")
    return Grade(label, scores, _error_note(run))


def find_submissions(folder: str | Path) -> list[Path]:
    """Every notebook under a folder (not checkpoints), in name order.

    >>> [path.name for path in find_submissions(assignments_dir() / "a1_raw_reading")]
    ['a1_raw_reading.ipynb']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseworkError(f"no folder of submissions at {folder}")
    found = sorted(
        p
        for p in folder.rglob("*.ipynb")
        if not IGNORED_NAMES.intersection(p.parts) and p.is_file()
    )
    if not found:
        raise CourseworkError(f"{folder}: no .ipynb files to grade (zip files must be unpacked)")
    return found


def _guess_assignment(paths: list[Path], folder: Path) -> str:
    named: Counter[str] = Counter()
    for path in paths:
        with contextlib.suppress(CourseworkError):
            name = submission_assignment(read_submission(path))
            if name:
                named[name] += 1
    if len(named) == 1:
        return next(iter(named))
    if not named:
        raise CourseworkError(
            f"{folder}: no submission says which assignment it is; give one with --assignment "
            "(make grade ASSIGNMENT=name)"
        )
    counts = ", ".join(f"{name}: {n} files" for name, n in sorted(named.items()))
    raise CourseworkError(
        f"{folder}: submissions of several assignments ({counts}); give one with --assignment "
        "(make grade ASSIGNMENT=name)"
    )


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def grades_table(grades: Sequence[Grade], questions_: Sequence[Question]) -> pd.DataFrame:
    """One row per submission: a column per question (manual ones empty), total, note.

    >>> qs = [Question("q1", 2, False), Question("q2", 3, True)]
    >>> grades_table([Grade("a.ipynb", {"q1": 2.0}, "")], qs).to_dict("records")
    [{'submission': 'a.ipynb', 'q1': 2, 'q2': '', 'total': 2, 'note': ''}]
    """
    rows = []
    for grade in grades:
        row: dict[str, Any] = {"submission": grade.submission}
        failed = grade.note.startswith("error")
        for question in questions_:
            score = grade.scores.get(question.name)
            row[question.name] = "" if question.manual or failed else _number(score or 0.0)
        row["total"] = "" if failed else _number(sum(grade.scores.values()))
        row["note"] = grade.note
        rows.append(row)
    columns = ["submission", *(q.name for q in questions_), "total", "note"]
    return pd.DataFrame(rows, columns=columns)


def in_progress_path(out: str | Path) -> Path:
    """Where grading keeps the rows done so far: ``grades.partial.csv`` beside ``grades.csv``.

    >>> in_progress_path("build/grades.csv").as_posix()
    'build/grades.partial.csv'
    """
    out = Path(out)
    return out.with_name(f"{out.stem}.partial{out.suffix or '.csv'}")


def check_writable(out: str | Path) -> Path:
    """Make sure grades can be written to ``out`` before any is made; say what to do if not.

    >>> try:
    ...     check_writable("/proc/grades.csv")
    ... except CourseworkError as err:
    ...     print(str(err)[:60])
    cannot write the grades to /proc/grades.csv: its folder does
    """
    out = Path(out)
    advice = "give another file with OUT=… (make) or --out"
    if out.is_dir():
        raise CourseworkError(f"cannot write the grades to {out}: it is a folder; {advice}")
    if not out.parent.is_dir():
        raise CourseworkError(
            f"cannot write the grades to {out}: its folder {out.parent} does not exist; create "
            f"it or {advice}"
        )
    for target in (out, in_progress_path(out)):
        if target.is_dir():
            raise CourseworkError(f"cannot write the grades to {target}: it is a folder; {advice}")
    try:
        descriptor, probe = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        os.close(descriptor)
        os.unlink(probe)
    except OSError as err:
        raise CourseworkError(
            f"cannot write the grades to {out}: its folder does not accept new files "
            f"({err.strerror}); {advice}"
        ) from None
    if out.exists() and not os.access(out, os.W_OK):
        raise CourseworkError(f"cannot write the grades to {out}: the file is read-only; {advice}")
    return out


def fallback_path(out: str | Path) -> Path:
    """Where grades go when ``out`` cannot be written at the end: the system's temporary folder.

    >>> fallback_path("build/grades.csv").name.startswith("grades-not-saved-")
    True
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.gettempdir()) / f"{Path(out).stem}-not-saved-{stamp}-{os.getpid()}.csv"


def grade_folder(
    folder: str | Path,
    assignment: str | None = None,
    out: str | Path | None = None,
    autograders: str | Path | None = None,
    limits: Limits | None = None,
    isolation: str | None = None,
    progress: Any = None,
    say: Any = None,
    workers: int = 1,
) -> pd.DataFrame:
    """Grade every submission in a folder and write the table as CSV to ``out`` (if given).

    ``assignment`` defaults to the one the submissions name; the autograder is looked up under
    ``autograders`` (default ``build/assignments``). ``isolation`` is ``"bubblewrap"`` (the
    default) or ``"none"``. ``out`` is checked before grading starts; while grading, the rows
    done so far are rewritten after each submission into ``grades.partial.csv`` beside it, which
    becomes ``out`` at the end. If ``out`` cannot be written then, the table goes to
    :func:`fallback_path` and ``say`` (default: print) tells where. ``progress`` is called with
    each :class:`Grade` as it is made. ``workers`` submissions are graded at once (each in its
    own sandbox); rows stay in name order.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     try:
    ...         grade_folder(tmp)
    ...     except CourseworkError as err:
    ...         print(str(err).replace(tmp, "FOLDER"))
    FOLDER: no .ipynb files to grade (zip files must be unpacked)
    """
    say = say or _say
    folder = Path(folder)
    paths = find_submissions(folder)
    name = assignment or _guess_assignment(paths, folder)
    questions_ = questions(name)
    zip_path = autograder_path(name, autograders)
    if not zip_path.is_file():
        raise CourseworkError(f"no autograder for {name} at {zip_path}: run `make autograder`")
    if out:
        check_writable(out)
    isolation = isolation or "bubblewrap"
    partial, partial_failed = (in_progress_path(out) if out else None), False
    done: dict[Path, Grade] = {}

    def grade(path: Path) -> Grade:
        label = path.relative_to(folder).as_posix()
        return grade_submission(path, zip_path, name, label, limits, isolation)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for path, grade_ in zip(paths, pool.map(grade, paths), strict=True):
            done[path] = grade_
            if partial and not partial_failed:
                try:
                    write_csv(grades_table(list(done.values()), questions_), partial)
                except OSError as err:
                    partial_failed = True
                    say(f"warning: cannot keep the grades so far in {partial} ({err}); going on")
            if progress:
                progress(grade_)
    grades = [done[path] for path in paths]
    table = grades_table(grades, questions_)
    if out:
        try:
            write_csv(table, out)
        except OSError as err:
            saved = write_csv(table, fallback_path(out))
            say(
                f"warning: cannot write the grades to {out} ({err.strerror or err}); they are "
                f"saved in {saved} instead: copy that file somewhere safe"
            )
        else:
            if partial and not partial_failed:
                with contextlib.suppress(OSError):
                    partial.unlink()
    return table


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table with text cells that a spreadsheet would run as a formula made inert.

    Submission names and notes carry student text (file names, error messages). Every cell goes
    through :func:`helpers.files.spreadsheet_safe`, the course's one rule (OWASP's): text
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``;
    numbers are left alone.

    >>> table = pd.DataFrame({"note": ["=HYPERLINK(1)", "ok"], "q1": [-1, 2]})
    >>> spreadsheet_safe(table).to_dict("list")
    {'note': ["'=HYPERLINK(1)", 'ok'], 'q1': [-1, 2]}
    """

    return table.apply(lambda column: column.map(safe_cell))


def write_csv(table: pd.DataFrame, out: str | Path) -> Path:
    """Write a table as UTF-8 CSV, atomically (a reader never sees half a file), formula-safe.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_csv(pd.DataFrame({"q1": [2]}), Path(tmp) / "grades.csv").read_text()
    'q1\\n2\\n'
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    try:
        spreadsheet_safe(table).to_csv(partial, index=False, encoding="utf-8")
        os.replace(partial, out)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return out


# --- Command line -------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``python -m helpers.instructor.coursework`` command; returns the exit status.

    >>> main(["assign", "--check", "a1_raw_reading"])
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m helpers.instructor.coursework", description=__doc__
    )
    commands = parser.add_subparsers(dest="command", required=True)
    p_assign = commands.add_parser("assign", help="regenerate the student versions")
    p_assign.add_argument("names", nargs="*", help="assignments (default: all)")
    p_assign.add_argument("--check", action="store_true", help="only say which are out of date")
    p_build = commands.add_parser("autograder", help="build autograders into build/assignments")
    p_build.add_argument("names", nargs="*", help="assignments (default: all)")
    p_build.add_argument("--no-run-tests", action="store_true", help="skip the solutions check")
    p_grade = commands.add_parser("grade", help="grade a folder of submissions into a CSV")
    p_grade.add_argument("folder", help="folder of submitted .ipynb files")
    p_grade.add_argument("--assignment", help="assignment name (default: from the submissions)")
    p_grade.add_argument("--out", default=DEFAULT_OUT, help="CSV file to write")
    p_grade.add_argument(
        "--timeout", type=int, default=CELL_TIMEOUT, help=f"seconds per cell ({CELL_TIMEOUT})"
    )
    p_grade.add_argument(
        "--submission-timeout",
        type=int,
        default=SUBMISSION_TIMEOUT,
        help=f"seconds per submission ({SUBMISSION_TIMEOUT})",
    )
    p_grade.add_argument("--autograders", help="folder of built autograders (build/assignments)")
    p_grade.add_argument("--jobs", type=int, default=1, help="submissions graded at once (1)")
    p_grade.add_argument(
        "--unconfined",
        action="store_true",
        help="DANGEROUS: when bubblewrap is missing, run notebooks with your own rights "
        "(only for notebooks you trust)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "assign" and args.check:
            problems = stale(args.names)
            for problem in problems:
                _say(f"out of date: {problem}")
            if problems:
                _say("run `make assignments` and commit the result")
            return 1 if problems else 0
        if args.command == "assign":
            for path in assign(args.names):
                _say(f"wrote {path.relative_to(course_root())}")
            return 0
        if args.command == "autograder":
            for name in _names(args.names):
                path = build_autograder(name, run_tests=not args.no_run_tests)
                checked = "" if args.no_run_tests else " (solutions pass every test)"
                _say(f"built {path.relative_to(course_root())}{checked}")
            return 0

        def report(grade: Grade) -> None:
            if grade.note.startswith("error"):
                _say(grade.note)
                return
            _say(f"{grade.submission}: {_number(sum(grade.scores.values()))} points")
            if grade.note:
                _say(f"  note: {grade.note}")

        if min(args.timeout, args.submission_timeout) < 1:
            raise CourseworkError("--timeout and --submission-timeout must be at least 1 second")
        limits = Limits(cell_seconds=args.timeout, submission_seconds=args.submission_timeout)
        # what is wrong with the folder is said before anything else
        paths = find_submissions(args.folder)
        args.assignment = args.assignment or _guess_assignment(paths, Path(args.folder))
        if args.out == DEFAULT_OUT:
            Path(DEFAULT_OUT).parent.mkdir(parents=True, exist_ok=True)
        check_writable(args.out)
        isolation = choose_isolation(unconfined=args.unconfined)
        _say(isolation_summary(isolation, limits))
        _say(f"grades so far are kept in {in_progress_path(args.out)} until all are done")
        table = grade_folder(
            args.folder,
            args.assignment,
            args.out,
            autograders=args.autograders,
            limits=limits,
            isolation=isolation,
            progress=report,
            workers=args.jobs,
        )
        failed = int(table["note"].str.startswith("error").sum())
        _say(f"wrote {args.out}: {len(table)} submissions, {failed} could not be graded")
        return 0
    except (CourseworkError, GradingError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
