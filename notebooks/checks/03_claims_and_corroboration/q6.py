"""03 · exercise 6: what a single unconfirmed claim in a weak source is worth."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q6"
points = 1
ANSWER = "2e7d2c03a9507ae2"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Nothing else confirms it, and the page cannot say where it came from.",
    "b": "Unconfirmed is not the same as false: no source contradicts it.",
    "d": "A letter and a number are two questions; averaging them answers neither.",
}


@test_case(points=1, failure_message="Think of what you would do next, not of a verdict.")
def test_what_the_claim_is_worth(q6_worth):
    expect_choice(q6_worth, ANSWER, hints=HINTS)
