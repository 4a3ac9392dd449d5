"""02 · exercise 5: how many ratings of a unit count towards agreement?"""

from otter.test_files import test_case

from helpers.exercises import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q5"
points = 1


@test_case(points=1, failure_message="Which of the three codes is a point on the scale?")
def test_ratings_that_count(q5_counted):
    expect_answered(q5_counted, "a whole number")
    assert isinstance(q5_counted, int) and not isinstance(q5_counted, bool), (
        "Give a whole number, e.g. 3 (no quotes)."
    )
    assert 0 <= q5_counted <= 3, "There are three ratings of this unit."
    expect_fingerprint(q5_counted, "d84bdb34d4eeef40", "Not that number: what happens to an F?")
