"""04 · exercise 4: catch the source error behind Iraq's place in the split.

000 counts Iraq among "the four countries" the United States is hostile to; the relations table
keeps that row with status source-error and the networks leave it out (data/README.md, Source
errors). The check rewards catching the error, not placing Iraq by it.
"""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q4"
points = 2
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Read 003's sentence on France again: where had coalition airstrikes been flown?",
    "c": "No seed says it in one sentence, but two passages above point the same way.",
    "d": "A split is computed from the links; can it prove a link it was given?",
}


@test_case(points=2, failure_message="Set 000's clause beside the two passages printed above.")
def test_the_source_error_is_caught(q4_source_error):
    expect_choice(q4_source_error, ANSWER, hints=HINTS)
