from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: a function for each passage. Hidden tests score them after hand-in.")
def test_four_functions(q2_functions):
    from helpers.answers import expect_labels_form
    from helpers.labels import FUNCTIONS
    expect_labels_form(q2_functions, 'ABCD', FUNCTIONS, 'function')

