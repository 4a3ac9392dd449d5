"""03 · exercise 2: the stance of one passage toward one claim."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint
from helpers.claims import STANCES

OK_FORMAT = False
name = "q2"
points = 2
ANSWER = "b38585eac27ed371"  # helpers.answers.fingerprint of the answer

HINTS = {
    "asserts": "Is this the magazine's own voice, or someone it quotes?",
    "reports-others-asserting": "He is relayed, yes. But does he accept the claim as it stands?",
    "contests": "Does he reject co-operation, or set terms for it?",
}


@test_case(points=2, failure_message="Read the word after the comma: what does it do to the offer?")
def test_the_stance_of_obamas_words(q2_stance):
    expect_answered(q2_stance, "one of the four stances in quotes")
    stance = str(q2_stance).strip().lower()
    assert stance in STANCES, f"Answer with one of: {', '.join(STANCES)}."
    expect_fingerprint(stance, ANSWER, HINTS.get(stance, "Not that one."))
