"""06 · exercise 3: Heuer's rule, count the evidence against a hypothesis."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q3"
points = 1
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "The rule is about what an item can tell you, not about where it comes from.",
    "c": "The rule is not about the size of the numbers.",
    "d": "The method must not start from the answer it wants to reach.",
}


@test_case(points=1, failure_message="Think of what consistent evidence can and cannot tell apart.")
def test_why_inconsistency_is_counted(q3_rule):
    expect_choice(q3_rule, ANSWER, hints=HINTS)
