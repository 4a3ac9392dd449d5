"""07 · exercise 1: what FA-KES's label 0 means."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q1"
points = 2
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "The label is given to one article, not to its outlet: reread section 1.",
    "c": "What did the crowd workers compare, and with what?",
    "d": "Disagreeing with a record is not inventing: who could be wrong?",
}


@test_case(points=2, failure_message="Reread “What the label means” in section 1.")
def test_what_label_zero_means(q1_label_zero):
    expect_choice(q1_label_zero, ANSWER, hints=HINTS)
