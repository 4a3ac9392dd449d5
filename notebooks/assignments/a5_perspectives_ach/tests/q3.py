from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 4

@test_case(points=0, hidden=False, 
    success_message="checks passed: a rating for each hypothesis. Hidden tests score them after hand-in.")
def test_a_rating_per_hypothesis(q3_ratings):
    from helpers.answers import expect_labels_form
    from helpers.hypotheses import RATINGS, RUSSIA_AIMS
    expect_labels_form(q3_ratings, list(RUSSIA_AIMS), RATINGS, 'rating')

