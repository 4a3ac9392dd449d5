from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: the passage is in 004. Hidden tests score it after hand-in.")
def test_reason_is_copied_from_004(q2_reason):
    from helpers.answers import expect_passage
    expect_passage(q2_reason, '004')

