"""03 · exercise 1: what kind of claim is each statement?

A (the Paris death toll) accepts two types: claims.csv types it a quantity for its figure, and
its note says an event is defensible too (the attacks happened), as a3's Sinai statement shows.
"""

from otter.test_files import test_case

from helpers.answers import expect_labels
from helpers.claims import CLAIM_TYPES

OK_FORMAT = False
name = "q1"
points = 5

EXPECTED = {
    "A": {"1a7b308d8df661ba", "b8e1f80bd70ae078"},
    "B": "282bcbc3f0a34a8a",
    "C": "efe77b201dc216c0",
    "D": "b8e1f80bd70ae078",
    "E": "70ad7b8f9a1c6c89",
}


@test_case(
    points=5,
    failure_message=(
        "Ask of each: did it happen, how many, what someone wants, what will be, or how good?"
    ),
)
def test_each_statement_has_its_type(q1_types):
    expect_labels(q1_types, EXPECTED, CLAIM_TYPES, "claim type")
