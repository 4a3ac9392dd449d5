"""02 · exercise 5: how many ratings of a unit count towards agreement?"""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, expect_whole_number

OK_FORMAT = False
name = "q5"
points = 1
ANSWER = "d84bdb34d4eeef40"  # helpers.answers.fingerprint of the answer


@test_case(points=1, failure_message="Which of the three codes is a point on the scale?")
def test_ratings_that_count(q5_counted):
    expect_whole_number(q5_counted, 0, 3)
    expect_fingerprint(q5_counted, ANSWER, "Not that number: what happens to an F?")
