"""07 · exercise 3: how many articles name the Syrian Observatory for Human Rights."""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, expect_whole_number

OK_FORMAT = False
name = "q3"
points = 2
ANSWER = "32ce3931dc4e26fd"  # helpers.answers.fingerprint of the answer


@test_case(points=2, failure_message="Count articles (source_id), not mentions.")
def test_articles_naming_the_observatory(q3_observatory_articles):
    value = expect_whole_number(q3_observatory_articles, 1, 804, example=120)
    expect_fingerprint(
        value,
        ANSWER,
        "Not yet: keep the rows of syrian-observatory, then count distinct source_id values.",
    )
