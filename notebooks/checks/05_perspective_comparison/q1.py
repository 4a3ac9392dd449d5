"""05 · exercise 1: the seed in which no one but the author speaks."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q1"
points = 1


@test_case(points=1, failure_message="Look for the seed missing from the summary table.")
def test_the_seed_without_voices(q1_no_voices):
    expect_answered(q1_no_voices, "a seed number in quotes, e.g. '003'")
    expect_fingerprint(
        str(q1_no_voices).strip(),
        {"a1dd6837f284625b", "7f768396075046f9"},
        "Not that one: that seed quotes or relays at least one voice.",
    )
