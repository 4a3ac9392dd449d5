"""The display face shows source text escaped, never interpreted as HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import Source
from helpers.display import (
    PALETTE,
    colour_for,
    highlight_html,
    legend_html,
    show_claim,
    show_passage,
    show_side_by_side,
    show_source,
)
from helpers.palette import PALETTE as PALETTE_ITSELF
from helpers.palette import colour_for as colour_for_itself
from helpers.reuse import common_passages

HOSTILE = 'Before <script>alert("x")</script> & <img src=x onerror=alert(1)> after'


def test_source_text_is_escaped_in_every_view():
    source = Source.from_text(HOSTILE, source_id="evil<id>")
    start = HOSTILE.index("<script>")
    for html in (
        show_source(source).data,
        show_source(source, [(start, start + 8, "<b>label</b>")]).data,
        show_passage(source, start, start + 8).data,
    ):
        assert "<script>" not in html and "<img" not in html and "<b>label" not in html
        assert "&lt;script&gt;" in html


def test_highlighting_marks_exactly_the_span_with_a_visible_label():
    html = highlight_html("Moscow and Tehran", [(11, 17, "actor")], max_height="none")
    assert ">actor</span>Tehran</mark>" in html
    assert html.count("<mark") == 1


def test_spans_from_a_dataframe_use_the_label_column():
    spans = pd.DataFrame({"start": [0, 7], "end": [6, 10], "kind": ["headline", "body"]})
    html = highlight_html("Title. Body", spans)
    assert "headline" in html and "body" in html


def test_overlapping_spans_do_not_nest_marks():
    html = highlight_html("abcdef", [(0, 4, "x"), (2, 6, "y")])
    assert html.count("<mark") == 1


def test_a_window_shows_only_its_stretch():
    html = highlight_html("0123456789", [(2, 4, "")], start=1, end=5)
    assert '">1<mark' in html and "23</mark>4</div>" in html


def test_the_legend_shows_each_label_in_its_palette_colour_with_its_meaning_escaped():
    colours = colour_for(["body", "comment", "caption"])
    assert list(colours.values()) == list(PALETTE[:3])
    assert "comment" in legend_html(colours, {"comment": "a reader's <b>note</b>"})
    assert "<b>note" not in legend_html(colours, {"comment": "a reader's <b>note</b>"})


def test_show_claim_escapes_passages_and_shows_each_sources_chain():

    a = Source.from_text("Officials said <script>x()</script> eleven died.", "aaa-1")
    rows = pd.DataFrame(
        [
            {
                "claim_id": "c",
                "statement": "Eleven <b>died</b>.",
                "source_id": "aaa-1",
                "stance": "reports-others-asserting",
                "start": 0,
                "end": 47,
                "speaker": "unnamed: officials",
                "via": "Interfax",
            },
        ]
    )
    shown = show_claim(rows, [a], "c").data
    assert "<script>" not in shown and "<b>died</b>" not in shown
    assert "unnamed: officials &gt; Interfax &gt; aaa" in shown
    with pytest.raises(KeyError, match="no claim 'zz'"):
        show_claim(rows, [a], "zz")


def test_side_by_side_marks_each_shared_passage_with_the_same_number_on_both_sides():

    story = "at least eleven civilians were killed in barrel bomb attacks on the town"
    a = Source.from_text("Outlet A: " + story + " a monitor said.", "a")
    b = Source.from_text("In the town, " + story + ", said the monitor.", "b")
    passages = common_passages(a, b)
    assert isinstance(passages, pd.DataFrame) and len(passages) == 1
    shown = show_side_by_side(a, b, passages).data
    assert shown.count(">#1<") == 2


def test_the_palette_is_still_importable_from_display():
    assert PALETTE is PALETTE_ITSELF and colour_for is colour_for_itself
