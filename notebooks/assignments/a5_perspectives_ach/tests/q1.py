from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False, 
    success_message="checks passed: a seed number. A hidden test scores it after hand-in.")
def test_a_seed_number(q1_most_anonymous):
    from helpers.answers import expect_member
    expect_member(q1_most_anonymous, {'000', '001', '002', '003', '004'}, 'seed number')

