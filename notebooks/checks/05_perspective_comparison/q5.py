"""05 · exercise 5: how the picture of Russia and Iran shifts from 2015 to 2017."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q5"
points = 2
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Read the 2017 rows: do they still agree?",
    "c": "Check the signs: are the 2015 statements hostile?",
    "d": "The dates come from the texts and the seeds' own dates; the change is in what is stated.",
}


@test_case(points=2, failure_message="Compare the signs of the 2015 rows with those of 2016–2017.")
def test_what_changed(q5_shift):
    expect_choice(q5_shift, ANSWER, hints=HINTS)
