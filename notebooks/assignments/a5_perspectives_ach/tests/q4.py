from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: two evidence ids of the matrix. Hidden tests score them after hand-in.")
def test_two_evidence_ids(q4_gained, q4_lost):
    from helpers.answers import expect_member
    from helpers.hypotheses import reference_matrix
    items = set(reference_matrix().index)
    expect_member(q4_gained, items, 'evidence id of the matrix')
    expect_member(q4_lost, items, 'evidence id of the matrix')

