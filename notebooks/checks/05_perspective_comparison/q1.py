"""05 · exercise 1: the seed whose only voice is a state, not a person."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q1"
points = 1


@test_case(points=1, failure_message="Look for the seed with one voice in the summary table.")
def test_the_seed_with_one_voice(q1_one_voice):
    expect_answered(q1_one_voice, "a seed number in quotes, e.g. '003'")
    expect_fingerprint(
        str(q1_one_voice).strip(),
        {"a1dd6837f284625b", "7f768396075046f9"},
        "Not that one: that seed quotes or relays more than one voice.",
    )
