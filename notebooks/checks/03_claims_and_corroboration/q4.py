"""03 · exercise 4: three outlets, how many independent witnesses?"""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, expect_whole_number

OK_FORMAT = False
name = "q4"
points = 2
ANSWER = "d0ff5974b6aa52cf"  # helpers.answers.fingerprint of the answer


@test_case(
    points=2, failure_message="Count witnesses, not outlets: who saw it, and who passed it on?"
)
def test_witnesses_behind_three_outlets(q4_witnesses):
    expect_whole_number(q4_witnesses, 1, 3, example=2)
    expect_fingerprint(
        q4_witnesses, ANSWER, "Not that number. Whose count is it, and who sent it out?"
    )
