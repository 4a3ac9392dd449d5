"""00 · exercise 2: which source's outlet cannot be established at all?"""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q2"
points = 1

SHORT_OR_FULL_ID = {"88c0413bfef1d057", "a45c1d0c52d1b1a8"}


@test_case(
    points=1,
    failure_message="Look for the row whose `outlet_basis` is 'unknown', not 'inferred'.",
)
def test_source_with_no_outlet(q2_no_outlet):
    expect_answered(q2_no_outlet, "a source id in quotes")
    assert isinstance(q2_no_outlet, str), "Give the source id as text in quotes, e.g. '002'."
    expect_fingerprint(q2_no_outlet, SHORT_OR_FULL_ID, "That source's outlet is at least inferred.")
