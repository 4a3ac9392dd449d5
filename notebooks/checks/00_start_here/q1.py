"""00 · exercise 1: how many sources name their author in the text?"""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, expect_whole_number

OK_FORMAT = False
name = "q1"
points = 1
ANSWER = "d84bdb34d4eeef40"  # helpers.answers.fingerprint of the answer


@test_case(points=1, failure_message="Count the rows of `sources` whose `author_basis` is 'text'.")
def test_count_of_authors_read_from_the_text(q1_authors_in_text):
    expect_whole_number(q1_authors_in_text, 0, 5)
    expect_fingerprint(q1_authors_in_text, ANSWER, "Not that number: check the filter.")
