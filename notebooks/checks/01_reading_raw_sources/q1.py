"""01 · exercise 1: name the part of the page each line belongs to."""

from otter.test_files import test_case

from helpers.answers import expect_labels
from helpers.segments import SEGMENT_KINDS

OK_FORMAT = False
name = "q1"
points = 4

EXPECTED = {
    "A": "9ae3ebf2e993b0de",
    "B": "b1b1bdb480c61d07",
    "C": "dee7b03ef13ea226",
    "D": "c9479b65293d6205",
}


@test_case(
    points=4,
    failure_message="Find each line in the raw page: what is it doing between its neighbours?",
)
def test_each_line_has_its_kind(q1_kinds):
    expect_labels(q1_kinds, EXPECTED, [kind for kind, _ in SEGMENT_KINDS], "kind from the table")
