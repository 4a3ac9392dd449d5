"""Answer checks (``helpers.answers``): fingerprints, the placeholder check, practice and form
checks, each failing with a message for the student."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import answers, exercises
from helpers.answers import (
    expect_answered,
    expect_choice,
    expect_labels,
    expect_labels_form,
    expect_member,
    expect_option,
    expect_passage,
    expect_whole_number,
    fingerprint,
    locate_passage,
    normalise_answer,
    parse_iso_date,
    part_kinds,
)
from helpers.paths import course_root


def test_fingerprints_ignore_case_spacing_accents_and_set_order():
    assert fingerprint(" Erdoğan ") == fingerprint("erdogan")
    assert fingerprint({"b", "a"}) == fingerprint({"a", "b"})
    assert fingerprint([1, 2]) != fingerprint([2, 1])
    assert normalise_answer(True) != normalise_answer("True")


@pytest.mark.parametrize("placeholder", [..., None])
def test_every_check_asks_for_the_placeholder_to_be_replaced(placeholder):
    calls = [
        lambda: expect_answered(placeholder, "a name in quotes"),
        lambda: expect_choice(placeholder, fingerprint("a")),
        lambda: expect_whole_number(placeholder, 0),
        lambda: parse_iso_date(placeholder),
        lambda: expect_option(placeholder),
        lambda: expect_member(placeholder, {"russia"}, "actor id"),
        lambda: expect_passage(placeholder, "000"),
    ]
    for call in calls:
        with pytest.raises(AssertionError, match=r"^Replace the \.\.\. with "):
            call()


def test_a_practice_check_says_how_many_labels_are_right_never_which_label():
    expected = {"A": fingerprint("body"), "B": fingerprint("link")}
    with pytest.raises(AssertionError, match=r"^1 of 2 right\. Look again at: B\."):
        expect_labels({"A": "Body", "B": "body"}, expected, {"body", "link"})
    with pytest.raises(AssertionError, match="Not an allowed label for: B"):
        expect_labels({"A": "body", "B": "menu"}, expected, {"body", "link"})


def test_a_form_check_accepts_any_allowed_answer_and_says_nothing_of_which_is_right():
    assert expect_option(" D ") == "d"
    assert expect_member("IRAN", {"russia", "iran"}, "actor id") == "iran"
    keys, allowed = ["A", "B"], {"body", "link"}
    labels = expect_labels_form({"A": "Link", "B": "body"}, keys, allowed)
    assert labels == {"A": "link", "B": "body"}
    with pytest.raises(AssertionError, match=r"^Answer with one letter: 'a', 'b', 'c', 'd'\."):
        expect_option("e")
    with pytest.raises(AssertionError, match="in quotes"):
        expect_option(1)
    with pytest.raises(AssertionError, match="'syria' is not a known actor id"):
        expect_member("syria", {"russia", "iran"}, "actor id")
    with pytest.raises(AssertionError, match="Still to answer: B"):
        expect_labels_form({"A": "body", "B": ...}, keys, allowed)
    with pytest.raises(AssertionError, match="Keep exactly the keys A, B"):
        expect_labels_form({"A": "body"}, keys, allowed)


def test_a_passage_is_found_across_line_breaks_and_must_be_copied_exactly():
    start, end = locate_passage("000", "Katana \n VentraIP")
    assert (start, end) == (0, 15)
    assert part_kinds("000", start, end) == {"boilerplate"}
    assert locate_passage("000", "   ") is None
    assert locate_passage("000", "words that are nowhere in the page") is None
    with pytest.raises(AssertionError, match="Copy at least 3 words"):
        expect_passage("Katana VentraIP", "000")
    with pytest.raises(AssertionError, match="Not found in 000: copy it exactly"):
        expect_passage("The coalition of four", "000")


def test_a_date_must_be_written_iso():
    with pytest.raises(AssertionError, match=r"Write the date as YYYY-MM-DD"):
        parse_iso_date("21/7/2016")
    with pytest.raises(AssertionError, match="as text in quotes"):
        parse_iso_date(20160721)


def test_the_lesson_face_re_exports_the_same_checks():
    for name in set(answers.__all__) & set(exercises.__all__):
        assert getattr(exercises, name) is getattr(answers, name), name


def test_answer_checks_load_no_notebook_machinery():
    code = (
        "import sys, helpers.answers\n"
        "loaded = {'otter', 'IPython', 'nbformat', 'ipywidgets', 'matplotlib'} & set(sys.modules)\n"
        "print(sorted(loaded))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=course_root(), capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
