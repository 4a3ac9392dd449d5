from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 3

@test_case(points=0, hidden=False, 
    success_message="checks passed: a code and passages found in 002. Hidden tests score them after hand-in.")
def test_code_and_two_passages(q4_code, q4_evidence):
    from helpers.answers import expect_member, expect_passage
    expect_member(q4_code, set('ABCDEF'), 'reliability code (one letter, A to F)')
    assert isinstance(q4_evidence, list | tuple), 'Keep the evidence a list: [..., ...].'
    assert len(q4_evidence) >= 2, 'Give at least two passages.'
    for passage in q4_evidence:
        expect_passage(passage, '002')

