"""04 · exercise 4: Iraq's camp in the best two-camp split."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q4"
points = 2
ANSWER = "d4328f17fc46dfde"  # helpers.answers.fingerprint of the answer


@test_case(points=2, failure_message="Look for iraq in the two lists printed above.")
def test_iraqs_camp(q4_iraq_with):
    expect_answered(q4_iraq_with, '"usa" or "iran"')
    answer = str(q4_iraq_with).strip().lower()
    assert answer in ("usa", "iran"), 'Answer "usa" or "iran".'
    expect_fingerprint(answer, ANSWER, "Not that camp: which list is iraq in?")
