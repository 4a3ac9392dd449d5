"""02 · exercise 3: what does F (or 6) mean?"""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q3"
points = 1
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Is F the end of the scale, or outside it? Reread the definition of F.",
    "c": "F is a letter on the reliability scale, not an abbreviation.",
    "d": "Where does the standard place F: between two grades, or apart from all of them?",
}


@test_case(points=1, failure_message="Reread the definitions of F and 6 in the tables above.")
def test_meaning_of_cannot_be_judged(q3_f_means):
    expect_choice(q3_f_means, ANSWER, hints=HINTS)
