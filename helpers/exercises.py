"""Exercises with instant feedback, in otter-grader's format.

Every lesson opens its checks with ``grader = exercises.lesson_checker("01_reading_raw_sources")``
and each exercise ends with ``grader.check("q1")``, exactly as in otter-grader coursework. The
checks live in ``notebooks/checks/<lesson>/qN.py`` as otter's exception-based test files. They
compare a *fingerprint* of the student's answer with the fingerprints of accepted answers, so
a check can say "not yet" (and give a hint) without ever printing or containing the answer.
Reference answers for the practice exercises are kept apart, in
``notebooks/checks/<lesson>/solutions.py``, where the test suite proves each one passes.

The checks themselves (``fingerprint``, ``expect_answered``, ``expect_choice``…) are defined in
:mod:`helpers.answers`, shared with the graded assignments; this module is the notebook face
that runs them, and keeps them importable from here.

Practice checks never write anything: otter's own ``Notebook`` would keep a ``.OTTER_LOG`` in the
working folder, which neither lessons nor the graded assignments need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import otter

from helpers.answers import (
    expect_answered,
    expect_choice,
    expect_fingerprint,
    expect_labels,
    expect_whole_number,
    fingerprint,
    is_unanswered,
    normalise_answer,
    parse_iso_date,
)
from helpers.paths import course_root

__all__ = [
    "LessonChecker",
    "checks_dir",
    "lesson_checker",
    "student_annotations",
    # the answer checks, defined in helpers.answers and kept importable from here
    "expect_answered",
    "expect_choice",
    "expect_fingerprint",
    "expect_labels",
    "expect_whole_number",
    "fingerprint",
    "is_unanswered",
    "normalise_answer",
    "parse_iso_date",
]


def student_annotations(annotator: Any) -> Any:
    """The student's saved ratings (a DataFrame), or a failure that says what to do.

    >>> try:
    ...     student_annotations(...)
    ... except AssertionError as err:
    ...     print(str(err).splitlines()[0])
    Replace the ... with your name in quotes.
    """
    from helpers.annotations import AnnotationError, annotation_path, load_annotations

    expect_answered(annotator, "your name in quotes")
    path = annotation_path(annotator)
    assert path.exists(), f"Nothing saved yet under the name {annotator!r}."
    try:
        return load_annotations(path)
    except AnnotationError as err:
        raise AssertionError(f"Your ratings file has a problem: {err}") from None


def checks_dir(lesson: str) -> Path:
    """The folder of a lesson's checks.

    >>> checks_dir("01_reading_raw_sources").name
    '01_reading_raw_sources'
    """
    return course_root() / "notebooks" / "checks" / lesson


class LessonChecker(otter.Notebook):
    """otter's ``Notebook`` for practice exercises: same ``check``, but keeps no log file."""

    def _log_event(self, *args: Any, **kwargs: Any) -> None:
        return None


def lesson_checker(lesson: str) -> LessonChecker:
    """The ``grader`` object a lesson uses: ``grader.check("q1")`` runs that exercise's checks.

    >>> grader = lesson_checker("01_reading_raw_sources")
    >>> grader._tests_dir.endswith("01_reading_raw_sources")
    True
    """
    folder = checks_dir(lesson)
    if not folder.is_dir():
        raise FileNotFoundError(f"no checks for lesson {lesson!r}: {folder} does not exist")
    return LessonChecker(tests_dir=str(folder))
