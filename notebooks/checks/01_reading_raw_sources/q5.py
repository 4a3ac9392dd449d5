"""01 · exercise 5: what most likely happened to "The Guardianreports"?"""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q5"
points = 1
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "The Guardian's name is spelt right; the fault is between two words.",
    "c": "Look at the text around it: is this a typing slip, or a pattern on this page?",
    "d": "Encoding damage garbles letters; here nothing is garbled, something is missing.",
}


@test_case(points=1, failure_message="Think about how the words reached this page.")
def test_history_of_the_glitch(q5_glitch):
    expect_choice(q5_glitch, ANSWER, hints=HINTS)
