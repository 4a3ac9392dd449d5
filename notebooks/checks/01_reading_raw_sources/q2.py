"""01 · exercise 2: who wrote the Rudaw report, and when was it published?"""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint, parse_iso_date

OK_FORMAT = False
name = "q2"
points = 2
AUTHOR_ANSWER = "c4ed5d6d7cfaccd4"  # helpers.answers.fingerprint of the answer
PUBLISHED_ANSWER = "2a5cb737abb7a964"  # helpers.answers.fingerprint of the answer


@test_case(points=1, failure_message="The byline is the line under the headline.")
def test_author_as_the_byline_gives_it(q2_author):
    expect_answered(q2_author, "the author's name in quotes")
    assert isinstance(q2_author, str), "Give the name as text in quotes."
    expect_fingerprint(q2_author, AUTHOR_ANSWER, "Not the name in the byline.")


@test_case(
    points=1,
    failure_message="21/7/2016 is day/month/year, as in most of the world. Write ISO: YYYY-MM-DD.",
)
def test_published_date_in_iso_format(q2_published):
    parse_iso_date(q2_published)
    expect_fingerprint(q2_published, PUBLISHED_ANSWER, "That is not the date the byline gives.")
