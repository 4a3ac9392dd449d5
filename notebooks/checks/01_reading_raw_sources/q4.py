"""01 · exercise 4: when, at the earliest, was the Rudaw page copied?"""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, parse_iso_date

OK_FORMAT = False
name = "q4"
points = 1
ANSWER = "3d8c14528566b275"  # helpers.answers.fingerprint of the answer


@test_case(
    points=1,
    failure_message="No copy is older than the newest date printed on it: look past the story.",
)
def test_earliest_capture_date(q4_captured_after):
    given = parse_iso_date(q4_captured_after)
    assert given.year > 2016, "The article's own date is not the newest date on the page."
    expect_fingerprint(
        q4_captured_after,
        ANSWER,
        "Close: check the newest timestamp, and read US dates as month/day/year.",
    )
