"""07 · exercise 4: what the outlet-versus-label test tells you."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q4"
points = 2
ANSWER = "2e7d2c03a9507ae2"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Would one outlet's share say anything about the next Reuters article? Compare with the "
    "permutation test.",
    "b": "Compare the camps in the permutation test: is the owner's side told from chance?",
    "d": "The test is about outlets and labels, not about whether the VDC's records are useful.",
}


@test_case(points=2, failure_message="Compare the real labels with the shuffled ones.")
def test_what_follows_from_the_prediction(q4_what_follows):
    expect_choice(q4_what_follows, ANSWER, hints=HINTS)
