"""05 · exercise 3: which seed gives the United States the largest share of its attention?"""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q3"
points = 1


@test_case(points=1, failure_message="Read along the usa row and find its largest share.")
def test_most_attention_to_the_united_states(q3_usa_most):
    expect_answered(q3_usa_most, "a seed number in quotes, e.g. '003'")
    expect_fingerprint(
        str(q3_usa_most).strip(),
        {"7a3e6b16cb75f48f", "c66fe4ff4d736d0c"},
        "Not that seed: compare shares, not counts.",
    )
