"""01 · exercise 3: what can be said about the outlet of 004?"""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q3"
points = 1
ANSWER = "2e7d2c03a9507ae2"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "A hunch is not evidence: which words in the text name that magazine?",
    "b": "A reader's comment mentioning a broadcaster does not make it the publisher.",
    "d": "Reread the comments and the officials quoted: does nothing point anywhere?",
}


@test_case(points=1, failure_message="Choose the strongest statement the text itself supports.")
def test_outlet_claim_the_text_supports(q3_outlet):
    expect_choice(q3_outlet, ANSWER, hints=HINTS)
