"""Answer checks: the assertions behind every exercise's feedback, practice and graded alike.

A check takes a student's answer and either passes or raises ``AssertionError`` with a message
for the student. Two kinds live here, and both are used from otter-grader test files:

- **Practice checks** (``notebooks/checks/<lesson>/qN.py``) say whether an answer holds. They
  compare a one-way :func:`fingerprint` of the answer with the fingerprints of accepted answers,
  so a check can say "not yet" and give a hint without containing or printing the answer:
  :func:`expect_fingerprint`, :func:`expect_choice`, :func:`expect_labels`.
- **Form checks** for the graded assignments' public tests say whether an answer is complete and
  in the right form, never whether it is right (hidden tests score it after hand-in):
  :func:`expect_option`, :func:`expect_member`, :func:`expect_labels_form`,
  :func:`expect_passage`, with :func:`locate_passage` and :func:`part_kinds` for questions that
  ask for a passage of a seed.

Both kinds start from :func:`expect_answered`, which fails while the ``...`` placeholder is still
there. Nothing here needs otter, IPython or a notebook: the lesson face that runs the checks is
:mod:`helpers.exercises`, the graded pipeline :mod:`helpers.instructor.coursework`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

__all__ = [
    "expect_answered",
    "expect_choice",
    "expect_fingerprint",
    "expect_labels",
    "expect_labels_form",
    "expect_member",
    "expect_option",
    "expect_passage",
    "expect_whole_number",
    "fingerprint",
    "is_unanswered",
    "locate_passage",
    "normalise_answer",
    "parse_iso_date",
    "part_kinds",
]


# --- Fingerprints ------------------------------------------------------------------------------


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


# --- Every check starts here -------------------------------------------------------------------


def is_unanswered(value: Any) -> bool:
    """True while an answer is still the ``...`` placeholder (or was never set).

    >>> is_unanswered(...), is_unanswered("x")
    (True, False)
    """
    return value is ... or value is None


def expect_answered(value: Any, how: str) -> None:
    """Fail with "Replace the ... with <how>" while the placeholder is still there.

    >>> expect_answered("x", "a name in quotes")
    >>> try:
    ...     expect_answered(..., "a name in quotes")
    ... except AssertionError as err:
    ...     print(str(err).splitlines()[0])
    Replace the ... with a name in quotes.
    """
    assert not is_unanswered(value), f"Replace the ... with {how}."


# --- Practice checks: is the answer right? -----------------------------------------------------


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
    answer: Any,
    expected: dict[str, str | Collection[str]],
    allowed: Collection[str],
    what: str = "label",
) -> None:
    """A dict of items to labels: say how many are right and which to revisit, never the labels.

    ``expected`` maps each item's key to the fingerprint of its label, or to a set of
    fingerprints where the data records defensible alternatives; ``allowed`` are the labels the
    student may choose from.

    >>> expect_labels({"A": "Body"}, {"A": fingerprint("body")}, {"body", "link"})
    >>> expect_labels({"A": "link"}, {"A": {fingerprint("body"), fingerprint("link")}},
    ...               {"body", "link"})
    """
    keys = ", ".join(repr(k) for k in expected)
    assert isinstance(answer, dict), f"Keep the answer a dictionary: {{key: {what}, ...}}."
    assert set(answer) == set(expected), f"Keep exactly the keys {keys}."
    blank = sorted(k for k, v in answer.items() if is_unanswered(v))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    allowed = {a.lower() for a in allowed}
    odd = sorted(k for k, v in answer.items() if str(v).strip().lower() not in allowed)
    assert not odd, f"Not an allowed {what} for: {', '.join(odd)}."
    accepted = {k: {e} if isinstance(e, str) else set(e) for k, e in expected.items()}
    wrong = sorted(k for k, v in answer.items() if fingerprint(v) not in accepted[k])
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


# --- Form checks for graded public tests: is the answer complete and well formed? -------------


def expect_option(answer: Any, options: str = "abcd") -> str:
    """A multiple-choice answer: one of the letters offered, whichever it is.

    >>> expect_option(" B ")
    'b'
    """
    expect_answered(answer, "one letter in quotes, e.g. 'a'")
    letters = ", ".join(repr(o) for o in options)
    assert isinstance(answer, str), f"Answer with one letter in quotes: {letters}."
    choice = answer.strip().lower()
    assert len(choice) == 1 and choice in options, f"Answer with one letter: {letters}."
    return choice


def expect_member(answer: Any, allowed: Collection[str], what: str) -> str:
    """One value from a known list (an actor id, a claim id, a seed number…), as text.

    >>> expect_member("Russia ", {"russia", "iran"}, "actor id")
    'russia'
    """
    expect_answered(answer, f"{what} in quotes")
    assert isinstance(answer, str), f"Give the {what} as text in quotes."
    value = answer.strip().lower()
    assert value in {a.lower() for a in allowed}, f"{answer!r} is not a known {what}."
    return value


def expect_labels_form(
    answer: Any, keys: Sequence[str], allowed: Collection[str], what: str = "label"
) -> dict[str, str]:
    """A dict of keys to labels: every key answered with an allowed label. Says nothing of which
    are right.

    >>> expect_labels_form({"A": "Body"}, ["A"], {"body", "link"})
    {'A': 'body'}
    """
    names = ", ".join(keys)
    assert isinstance(answer, dict), f"Keep the answer a dictionary with the keys {names}."
    assert set(answer) == set(keys), f"Keep exactly the keys {names}."
    blank = [k for k in keys if is_unanswered(answer[k])]
    assert not blank, f"Still to answer: {', '.join(blank)}."
    allowed_lower = {str(a).lower() for a in allowed}
    values = {k: str(answer[k]).strip().lower() for k in keys}
    odd = [k for k in keys if values[k] not in allowed_lower]
    assert not odd, f"Not an allowed {what} for: {', '.join(odd)}."
    return values


def locate_passage(source_id: str, passage: str) -> tuple[int, int] | None:
    """Where a passage copied from a seed is, as (start, end), or None if it is not there.

    Runs of spaces, line breaks and no-break spaces in the copy match any run of them.

    >>> locate_passage("000", "Katana  VentraIP")
    (0, 15)
    """
    from helpers.corpus import load_corpus

    if not passage.strip():
        return None
    text = load_corpus()[source_id].text
    position = text.find(passage)
    if position >= 0:
        return position, position + len(passage)
    words = passage.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def expect_passage(answer: Any, source_id: str, min_words: int = 3) -> tuple[int, int]:
    """A passage copied verbatim from a seed; returns its (start, end) in the raw text.

    >>> expect_passage("The Russia–Syria–Iran–Iraq coalition (RSII coalition)", "000")
    (51, 104)
    """
    expect_answered(answer, f"a passage copied from {source_id}, in quotes")
    assert isinstance(answer, str), "Give the passage as text in quotes."
    assert len(answer.split()) >= min_words, f"Copy at least {min_words} words."
    span = locate_passage(source_id, answer.strip())
    assert span, f"Not found in {source_id}: copy it exactly, punctuation included."
    return span


def part_kinds(source_id: str, start: int, end: int) -> set[str]:
    """The kinds of page part (``helpers.segment``) a span of a seed touches.

    >>> part_kinds("000", 0, 15)
    {'boilerplate'}
    """
    from helpers.corpus import load_corpus
    from helpers.segments import segment

    parts = segment(load_corpus()[source_id])
    touched = parts[(parts["start"] < end) & (parts["end"] > start)]
    return set(touched["kind"])
