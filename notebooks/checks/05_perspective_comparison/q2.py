"""05 · exercise 2: the word 004's readers choose for armed groups."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q2"
points = 1
ANSWER = "e1490e2a1ebcd651"  # helpers.answers.fingerprint of the answer


@test_case(points=1, failure_message="Read the comment column of the table above.")
def test_the_comments_word(q2_comment_term):
    expect_answered(q2_comment_term, "a term in quotes")
    expect_fingerprint(
        q2_comment_term,
        ANSWER,
        "Not that term: which count is highest in the comments?",
    )
