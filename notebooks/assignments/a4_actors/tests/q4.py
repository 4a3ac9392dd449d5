from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: three actor ids and a letter. Hidden tests score them after hand-in.")
def test_three_actors_and_a_letter(q4_triangle, q4_meaning):
    from helpers.actors import read_gazetteer
    from helpers.answers import expect_answered, expect_member, expect_option
    expect_answered(q4_triangle, 'a set of three actor ids, like {"x", "y", "z"}')
    assert isinstance(q4_triangle, set | frozenset) and len(q4_triangle) == 3, 'Give a set of three actor ids, like {"x", "y", "z"}.'
    ids = set(read_gazetteer().table['actor_id'])
    for actor in q4_triangle:
        expect_member(actor, ids, 'actor_id')
    expect_option(q4_meaning, 'abcd')

