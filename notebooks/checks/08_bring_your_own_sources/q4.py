"""08 · exercise 4: who gets the most words in the sample HTML page."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q4"
points = 1


@test_case(points=1, failure_message="Read the words column of the who_speaks table above.")
def test_the_longest_voice(q4_most_words):
    expect_answered(q4_most_words, "a speaker's name in quotes")
    assert isinstance(q4_most_words, str), "Give the speaker's name as text in quotes."
    expect_fingerprint(
        q4_most_words.strip(),
        {"e937db5e54a59add", "d9ec0f2eee3befca"},
        "Not that speaker: who has the largest number in the words column?",
    )
