"""Exercises with instant feedback, in otter-grader's format.

Every lesson opens its checks with ``grader = exercises.lesson_checker("01_reading_raw_sources")``
and each exercise ends with ``grader.check("q1")``, exactly as in otter-grader coursework. The
checks live in ``notebooks/checks/<lesson>/qN.py`` as otter's exception-based test files. They
compare a *fingerprint* of the student's answer with the fingerprints of accepted answers, so
a check can say "not yet" (and give a hint) without ever printing or containing the answer.
Reference answers for the practice exercises are kept apart, in
``notebooks/checks/<lesson>/solutions.py``, where the test suite proves each one passes.

Practice checks never write anything: otter's own ``Notebook`` would keep a ``.OTTER_LOG`` in the
working folder, which neither lessons nor the graded assignments need.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

import otter

from helpers.paths import course_root


def normalise_answer(value: Any) -> str:
    """The canonical text of an answer: case, accents, spacing and order of sets don't matter.

    Strings are lower-cased, accents stripped, runs of spaces and punctuation at the ends
    removed; sets are sorted; lists and tuples keep their order; dicts are sorted by key.

    >>> normalise_answer("  Paul  IDDON. ")
    'paul iddon'
    >>> normalise_answer({"b", "A"})
    '{a|b}'
    """
    if isinstance(value, str):
        text = unicodedata.normalize("NFKD", value)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = re.sub(r"\s+", " ", text.lower()).strip(" .,;:!?'\"“”‘’")
        return text
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(round(float(value), 6))
    if isinstance(value, set | frozenset):
        return "{" + "|".join(sorted(normalise_answer(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + "|".join(normalise_answer(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted((normalise_answer(k), normalise_answer(v)) for k, v in value.items())
        return "{" + "|".join(f"{k}={v}" for k, v in items) + "}"
    return normalise_answer(str(value))


def fingerprint(value: Any) -> str:
    """A short one-way fingerprint of an answer, for checks that must not contain the answer.

    >>> fingerprint("Paul Iddon") == fingerprint("paul  iddon")
    True
    >>> len(fingerprint(42))
    16
    """
    return hashlib.sha256(normalise_answer(value).encode("utf-8")).hexdigest()[:16]


def is_unanswered(value: Any) -> bool:
    """True while an answer is still the ``...`` placeholder (or was never set).

    >>> is_unanswered(...), is_unanswered("x")
    (True, False)
    """
    return value is ... or value is None


# Answer checkers for test files: each raises AssertionError with a message for the student.


def expect_answered(value: Any, how: str) -> None:
    """Fail with "Replace the ... with <how>" while the placeholder is still there.

    >>> expect_answered("x", "a name in quotes")
    """
    assert not is_unanswered(value), f"Replace the ... with {how}."


def expect_fingerprint(value: Any, accepted: str | Collection[str], message: str) -> None:
    """Pass if the answer's fingerprint is accepted; otherwise fail with ``message``.

    >>> expect_fingerprint("Paul Iddon", fingerprint("paul iddon"), "Not the byline's name.")
    """
    accepted = {accepted} if isinstance(accepted, str) else set(accepted)
    assert fingerprint(value) in accepted, message


def expect_choice(
    value: Any, accepted: str, options: str = "abcd", hints: dict[str, str] | None = None
) -> None:
    """A multiple-choice answer: one letter from ``options``, with a hint per wrong letter.

    >>> expect_choice("C", fingerprint("c"))
    """
    expect_answered(value, "one letter in quotes, e.g. 'a'")
    choice = str(value).strip().lower()
    letters = ", ".join(repr(o) for o in options)
    assert len(choice) == 1 and choice in options, f"Answer with one letter: {letters}."
    expect_fingerprint(choice, accepted, (hints or {}).get(choice, "Not that one."))


def expect_labels(
    answer: Any, expected: dict[str, str], allowed: Collection[str], what: str = "label"
) -> None:
    """A dict of items to labels: say how many are right and which to revisit, never the labels.

    ``expected`` maps each item's key to the fingerprint of its label; ``allowed`` are the
    labels the student may choose from.

    >>> expect_labels({"A": "Body"}, {"A": fingerprint("body")}, {"body", "link"})
    """
    keys = ", ".join(repr(k) for k in expected)
    assert isinstance(answer, dict), f"Keep the answer a dictionary: {{key: {what}, ...}}."
    assert set(answer) == set(expected), f"Keep exactly the keys {keys}."
    blank = sorted(k for k, v in answer.items() if is_unanswered(v))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    allowed = {a.lower() for a in allowed}
    odd = sorted(k for k, v in answer.items() if str(v).strip().lower() not in allowed)
    assert not odd, f"Not an allowed {what} for: {', '.join(odd)}."
    wrong = sorted(k for k, v in answer.items() if fingerprint(v) != expected[k])
    right = len(expected) - len(wrong)
    assert not wrong, f"{right} of {len(expected)} right. Look again at: {', '.join(wrong)}."


def expect_whole_number(value: Any, low: int, high: int | None = None, example: int = 3) -> int:
    """A whole-number answer from ``low`` to ``high`` (no upper bound if None), or a hint.

    >>> expect_whole_number(2, 1, 3)
    2
    """
    expect_answered(value, "a whole number")
    assert isinstance(value, int) and not isinstance(value, bool), (
        f"Give a whole number, e.g. {example} (no quotes)."
    )
    span = f"from {low} to {high}" if high is not None else f"{low} or more"
    assert value >= low and (high is None or value <= high), f"The answer is {span}."
    return value


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


def parse_iso_date(value: Any) -> date:
    """The date an answer gives as ``YYYY-MM-DD`` text, or a failure saying how to write it.

    >>> parse_iso_date(" 2016-07-21 ")
    datetime.date(2016, 7, 21)
    """
    expect_answered(value, "a date in quotes, like '2015-09-30'")
    assert isinstance(value, str), "Give the date as text in quotes, like '2015-09-30'."
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise AssertionError("Write the date as YYYY-MM-DD, e.g. '2015-09-30'.") from None


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
