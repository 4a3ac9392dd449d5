"""02 · exercise 1: find an anonymous attribution in 004 and locate it by its span.

Accepted: a passage overlapping an anonymous attribution that the reliability signals find, or
a passage of 004 that data/claims.csv codes with an unnamed speaker: the claims table is where
the course records who speaks, so the check accepts every passage it records that way.
"""

from otter.test_files import test_case

from helpers import load_corpus, reliability_signals
from helpers.answers import expect_answered
from helpers.claims import UNNAMED, read_claims
from helpers.spans import SpanError, find_quote

OK_FORMAT = False
name = "q1"
points = 2


@test_case(
    points=2,
    failure_message="Look for words put in the mouth of someone the text does not name.",
)
def test_quote_is_an_anonymous_attribution_in_004(q1_quote):
    expect_answered(q1_quote, "a passage copied from 004, in quotes")
    assert isinstance(q1_quote, str), "Give the passage as text in quotes."
    assert len(q1_quote.strip()) >= 5, "Copy a few words at least."
    feature = load_corpus()["004"]
    try:
        span = find_quote(feature, q1_quote)
    except SpanError:
        raise AssertionError("Not found in 004: copy it exactly, punctuation included.") from None
    anonymous = list(reliability_signals(feature)["anonymous_attribution"].spans)
    claims = read_claims()
    mine = claims[claims["source_id"] == feature.id]
    unnamed = mine[mine["speaker"].str.startswith(UNNAMED)]
    anonymous += list(zip(unnamed["start"], unnamed["end"], strict=True))
    assert any(start < span.end and span.start < end for start, end in anonymous), (
        "Found in 004, but that passage names its source or attributes nothing."
    )
