from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: four actor ids of the gazetteer. Hidden tests score them after hand-in.")
def test_four_known_actor_ids(q1_actors):
    from helpers.actors import read_gazetteer
    from helpers.answers import expect_labels_form
    ids = read_gazetteer().table['actor_id']
    expect_labels_form(q1_actors, 'ABCD', set(ids), 'actor_id of the gazetteer')

