from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: four kinds from the table. Hidden tests score them after hand-in.")
def test_four_kinds_from_the_table(q1_kinds):
    from helpers.answers import expect_labels_form
    from helpers.segments import SEGMENT_KINDS
    expect_labels_form(q1_kinds, 'ABCD', [kind for kind, _ in SEGMENT_KINDS], 'kind from the table')

