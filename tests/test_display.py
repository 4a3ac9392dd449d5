"""The display face shows source text escaped, never interpreted as HTML."""

from __future__ import annotations

import pandas as pd

from helpers import Source
from helpers.display import (
    PALETTE,
    colour_for,
    highlight_html,
    legend_html,
    show_passage,
    show_source,
)

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


def test_colours_are_from_the_colour_blind_safe_palette_and_stable():
    colours = colour_for(["body", "comment", "caption"])
    assert list(colours.values()) == list(PALETTE[:3])
    assert "comment" in legend_html(colours, {"comment": "a reader's <b>note</b>"})
    assert "<b>note" not in legend_html(colours, {"comment": "a reader's <b>note</b>"})
