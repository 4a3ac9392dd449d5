from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: a hypothesis id. A hidden test scores it after hand-in.")
def test_a_hypothesis_id(q5_leader):
    from helpers.answers import expect_member
    from helpers.hypotheses import RUSSIA_AIMS
    expect_member(q5_leader, set(RUSSIA_AIMS), 'hypothesis id')

