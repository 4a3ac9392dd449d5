from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: an actor id of the gazetteer. A hidden test scores it after hand-in.")
def test_a_known_actor_id(q2_most_named):
    from helpers.actors import read_gazetteer
    from helpers.answers import expect_member
    expect_member(q2_most_named, set(read_gazetteer().table['actor_id']), 'actor_id')

