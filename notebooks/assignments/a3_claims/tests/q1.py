from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: a type for each statement. Hidden tests score them after hand-in.")
def test_four_types(q1_types):
    from helpers.claims import CLAIM_TYPES
    from helpers.answers import expect_labels_form
    expect_labels_form(q1_types, 'ABCD', CLAIM_TYPES, 'claim type')

