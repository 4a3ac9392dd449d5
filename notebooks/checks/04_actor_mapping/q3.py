"""04 · exercise 3: what holds an unbalanced triangle together."""

from otter.test_files import test_case

from helpers.answers import expect_choice

OK_FORMAT = False
name = "q3"
points = 2
ANSWER = "3e23e8160039594a"  # helpers.answers.fingerprint of the answer

HINTS = {
    "a": "Multiply the three signs: is the product positive?",
    "c": "Most triangles above are balanced: the theory does apply.",
    "d": "Read the evidence: what does the seed actually state about Russia and Turkey?",
}


@test_case(
    points=2, failure_message="Read the source_id and note of the Turkey–Islamic State link."
)
def test_what_holds_the_triangle(q3_what_holds):
    expect_choice(q3_what_holds, ANSWER, hints=HINTS)
