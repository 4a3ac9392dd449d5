"""data/timeline.csv: every dated event points at its quote in a seed, checked on load."""

from __future__ import annotations

import pytest

from helpers import load_corpus
from helpers.tables import TableError, read_timeline


def test_every_timeline_row_points_at_its_quote_in_the_raw_text():
    corpus = load_corpus()
    timeline = read_timeline(corpus=corpus)
    assert len(timeline) >= 10
    for row in timeline.itertuples():
        assert corpus[row.source_id].text[row.start : row.end] == row.quote


def test_timeline_dates_read_from_text_appear_in_their_quote():
    timeline = read_timeline()
    read = timeline[timeline["when_basis"] == "text"]
    assert all(ev in q for ev, q in zip(read["when_evidence"], read["quote"], strict=True))
    assert (timeline["when_basis"] == "inferred").sum() >= 3


def test_timeline_is_in_date_order():
    def earliest_day(when):
        start = when.split("/")[0]
        return start + "-01" * (2 - start.count("-"))

    starts = [earliest_day(w) for w in read_timeline()["when"]]
    assert starts == sorted(starts)


def test_a_misquoted_timeline_row_is_named_by_file_line_and_column(root, tmp_path):
    text = (root / "data" / "timeline.csv").read_text(encoding="utf-8")
    bad = tmp_path / "timeline.csv"
    bad.write_text(
        text.replace("joint information center", "joint information centre"), encoding="utf-8"
    )
    with pytest.raises(
        TableError, match=r"timeline\.csv, line 4, column quote: quote .* is not in source"
    ):
        read_timeline(bad)


def test_a_timeline_with_wrong_columns_is_refused(tmp_path):
    bad = tmp_path / "timeline.csv"
    bad.write_text("date,event\n2015,x\n", encoding="utf-8")
    with pytest.raises(TableError, match="timeline.csv: missing columns: when, when_basis, "):
        read_timeline(bad)
