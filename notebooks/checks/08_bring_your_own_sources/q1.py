"""08 · exercise 1: why one unread file is a problem and the other is skipped."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q1"
points = 1
ANSWER = "2e7d2c03a9507ae2"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Neither is a damaged text file: both are documents in formats the loader cannot read.",
    "b": "Did the loader look inside 06_briefing.pdf at all? Compare the two reasons.",
    "d": "Rename the Word file to .docx: in which table would it be listed then?",
}


@test_case(points=1, failure_message="Compare the reasons in corpus.problems and corpus.skipped.")
def test_why_one_is_a_problem_and_one_is_skipped(q1_why_apart):
    expect_choice(q1_why_apart, ANSWER, hints=HINTS)
