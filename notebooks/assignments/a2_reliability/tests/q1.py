from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: an axis for each fact. Hidden tests score them after hand-in.")
def test_four_axes(q1_axes):
    from helpers.answers import expect_labels_form
    expect_labels_form(q1_axes, 'ABCD', {'reliability', 'credibility'}, 'axis')

