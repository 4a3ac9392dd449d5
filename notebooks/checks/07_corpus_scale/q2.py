"""07 · exercise 2: the outlet group that uses "terrorists" most per 1,000 words."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q2"
points = 2
ANSWER = "1eed33acc8a0a33c"  # helpers.answers.fingerprint of the answer

GROUPS = {
    "coalition state media",
    "syrian opposition",
    "turkish",
    "gulf",
    "egyptian",
    "jordanian",
    "lebanese",
    "western wire",
}


@test_case(points=2, failure_message="Read the row 'terrorists' of the words table.")
def test_the_group_that_says_terrorists(q2_terrorists_group):
    expect_answered(q2_terrorists_group, "a group's name in quotes")
    assert isinstance(q2_terrorists_group, str), "Give the group's name as text in quotes."
    assert q2_terrorists_group.strip().lower() in GROUPS, (
        "Use a group name exactly as the table's columns write it."
    )
    expect_fingerprint(
        q2_terrorists_group,
        ANSWER,
        "Not that group: find the largest number in the row, not the column.",
    )
