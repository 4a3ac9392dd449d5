"""Spans point into raw text: a quote is found verbatim, or refused naming the place."""

from __future__ import annotations

import pytest

from helpers import Source
from helpers.spans import Span, SpanError, find_quote


def test_find_quote_returns_offsets_of_the_verbatim_text():
    source = Source.from_text("Moscow and Tehran; Moscow again.", source_id="s")
    assert find_quote(source, "Moscow") == Span("s", 0, 6)
    assert find_quote(source, "Moscow", occurrence=2) == Span("s", 19, 25)


def test_a_quote_that_is_not_verbatim_is_refused_naming_the_place():
    source = Source.from_text("the U.S.is being shunted", source_id="003")
    with pytest.raises(SpanError, match=r"row 7: quote 'the U.S. is' is not in source '003'"):
        find_quote(source, "the U.S. is", where="row 7")
