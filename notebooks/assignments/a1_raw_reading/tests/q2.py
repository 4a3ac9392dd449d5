from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 3

@test_case(points=0, hidden=False, 
    success_message="checks passed: a name from the page, a basis and a genre. Hidden tests score them after hand-in.")
def test_three_facts_in_form(q2_author, q2_date_basis, q2_genre):
    from helpers.answers import expect_answered, expect_member, locate_passage
    expect_answered(q2_author, "the author's name in quotes")
    assert isinstance(q2_author, str) and locate_passage('002', q2_author.strip()), 'Give the name exactly as the page prints it.'
    expect_member(q2_date_basis, {'text', 'inferred', 'unknown'}, 'basis')
    genres = {'encyclopedia', 'news report', 'analysis', 'opinion', 'aggregator', 'magazine feature'}
    expect_member(q2_genre, genres, 'genre')

