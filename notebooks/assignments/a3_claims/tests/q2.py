from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 3

@test_case(points=0, hidden=False, 
    success_message="checks passed: a stance for each passage. Hidden tests score them after hand-in.")
def test_three_stances(q2_stances):
    from helpers.claims import STANCES
    from helpers.answers import expect_labels_form
    expect_labels_form(q2_stances, 'ABC', STANCES, 'stance')

