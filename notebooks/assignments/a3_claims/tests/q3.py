from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: a whole number. A hidden test scores it after hand-in.")
def test_a_whole_number(q3_hands):
    from helpers.exercises import expect_whole_number
    expect_whole_number(q3_hands, 1, 10)

