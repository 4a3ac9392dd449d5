"""08 · exercise 2: what to do about a file the loader decoded with the wrong code page."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q2"
points = 2
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "An alias would hide the damage: every other Turkish letter in the file stays wrong.",
    "c": "Look at the name as the loader decoded it: is that the name the writer typed?",
    "d": "The file is readable and useful; only its letters need the right code page.",
}


@test_case(points=2, failure_message="Compare the two decodings of the same bytes above.")
def test_what_to_do_with_the_explainer(q2_fix):
    expect_choice(q2_fix, ANSWER, hints=HINTS)
