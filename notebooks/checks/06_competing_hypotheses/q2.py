"""06 · exercise 2: why the best-confirmed fact of the case is not diagnostic."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q2"
points = 1
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Look at its weight: it is among the best-sourced items of the matrix.",
    "c": "Look at its credibility code in the weights table.",
    "d": "Read its row in the matrix: how does it rate the other hypotheses?",
}


@test_case(points=1, failure_message="Read the item's row across all four hypotheses.")
def test_why_the_item_is_not_diagnostic(q2_why):
    expect_choice(q2_why, ANSWER, hints=HINTS)
