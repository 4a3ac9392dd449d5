"""Page metadata: `page_metadata` answers title, author, date, outlet and address with evidence.

Every value carries its basis and a span into the raw file that shows it; what the page does not
support is "unknown" with the reason. The pages are invented here in the shapes real pages take.
"""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.corpus import Source
from helpers.metadata import FIELDS, METADATA_COLUMNS, iso_date, page_metadata


def html_source(raw: str, source_id: str = "page") -> Source:
    """An HTML source as read_source makes it: visible text, the raw file on ``raw``."""
    from helpers.corpus import html_visible_text

    text, title = html_visible_text(raw)
    return Source(id=source_id, text=text, sha256="0", raw=raw, format="html")


def row(table: pd.DataFrame, field: str) -> pd.Series:
    return table.set_index("field").loc[field]


def evidence(source: Source, table: pd.DataFrame, field: str) -> str:
    r = row(table, field)
    return (source.raw or source.text)[r["start"] : r["end"]]


TEXT_PAGE = (
    "The Daily Ledger\n\n"
    "Talks stall in Astana\n\n"
    "By Ann Lee\n\n"
    "Published March 3rd, 2016 - 11:00 GMT\n\n"
    "Talks in Astana stalled on Monday, two officials said, blaming Iran for the delay.\n"
)


def test_one_row_per_field_with_its_columns():
    table = page_metadata(TEXT_PAGE)
    assert list(table.columns) == list(METADATA_COLUMNS)
    assert table["field"].tolist() == list(FIELDS)
    assert set(table["basis"]) <= {"text", "inferred", "unknown"}


def test_a_text_page_states_title_author_date_and_masthead_each_with_its_span():
    source = Source.from_text(TEXT_PAGE)
    table = page_metadata(source)
    assert row(table, "title")["value"] == "Talks stall in Astana"
    assert evidence(source, table, "author") == "Ann Lee"
    assert row(table, "published")["value"] == "2016-03-03"
    assert "March 3rd, 2016" in evidence(source, table, "published")
    assert row(table, "outlet")["value"] == "The Daily Ledger"
    assert evidence(source, table, "outlet") == "The Daily Ledger"


def test_what_the_page_does_not_show_is_unknown_with_a_reason_and_no_span():
    table = page_metadata("Talks stall\n\nTalks in Astana stalled on Sunday, two officials said.")
    for field in ("author", "published", "outlet", "url"):
        r = row(table, field)
        assert (r["value"], r["basis"], r["start"], r["end"]) == (None, "unknown", -1, -1)
        assert r["note"]
    assert "on Sunday" in row(table, "published")["note"]


def test_a_capture_stamp_or_an_updated_stamp_is_not_a_publication_date():
    stamped = page_metadata(
        " date 2017-02-15 The Daily Ledger\n\nTalks stall in Astana\n\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran for it."
    )
    assert row(stamped, "published")["basis"] == "unknown"
    assert "capture stamp" in row(stamped, "published")["note"]
    assert row(stamped, "title")["value"] == "Talks stall in Astana"
    updated = page_metadata(
        "Talks stall in Astana\n\nUpdated March 3, 2016\n\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran."
    )
    assert row(updated, "published")["basis"] == "unknown"


def test_a_credited_reporter_comes_before_a_generic_byline_or_front_matter_author():
    page = (
        "---\npost_title: 'Talks stall in Astana &#8211; Reuters'\nauthor: Staff Writer\n"
        "post_date: 2016-07-16 00:22:22\n"
        "permalink: >\n  https://www.example.com/2016/07/16/talks-stall/\n---\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran for the delay.\n\n"
        "(Reporting by Ann Lee; Editing by Tom Fox)\n"
    )
    source = Source.from_text(page)
    table = page_metadata(source)
    assert evidence(source, table, "author") == "Ann Lee"
    assert row(table, "title")["value"] == "Talks stall in Astana"  # " – Reuters" is the site
    assert row(table, "published")["value"] == "2016-07-16"
    assert row(table, "url")["value"] == "https://www.example.com/2016/07/16/talks-stall/"
    assert row(table, "outlet")["value"] == "example.com"
    uncredited = page_metadata(page.replace("(Reporting by Ann Lee; Editing by Tom Fox)", ""))
    assert row(uncredited, "author")["value"] == "Staff Writer"


HTML_PAGE = """<!doctype html><html><head>
<title>Reuters logo</title>
<meta property="og:title" content="Talks stall in Astana">
<meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2016-03-03T11:00:00Z">
<meta property="og:site_name" content="The Daily Ledger">
<link rel="canonical" href="https://ledger.example/2016/03/03/talks-stall">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks stall"}</script>
</head><body><p>Talks in Astana stalled on Monday, two officials said, blaming Iran.</p>
<p>Generated 2026-12-07 10:33</p></body></html>"""


def test_html_meta_tags_answer_with_spans_into_the_raw_file():
    source = html_source(HTML_PAGE)
    table = page_metadata(source)
    assert evidence(source, table, "title") == "Talks stall in Astana"
    assert evidence(source, table, "author") == "Ann Lee"
    assert row(table, "published")["value"] == "2016-03-03"
    assert evidence(source, table, "published") == "2016-03-03T11:00:00Z"
    assert evidence(source, table, "outlet") == "The Daily Ledger"
    assert evidence(source, table, "url") == "https://ledger.example/2016/03/03/talks-stall"
    assert all(table["basis"] == "text")


def test_json_ld_answers_when_there_are_no_meta_tags():
    raw = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Talks stall in Astana", "datePublished": "2016-03-03", '
        '"author": {"@type": "Person", "name": "Ann Lee"}, '
        '"publisher": {"@type": "Organization", "name": "The Daily Ledger"}}</script></head>'
        "<body><p>Talks in Astana stalled on Monday, two officials said.</p></body></html>"
    )
    source = html_source(raw)
    table = page_metadata(source)
    assert [row(table, f)["value"] for f in ("title", "author", "published", "outlet")] == [
        "Talks stall in Astana", "Ann Lee", "2016-03-03", "The Daily Ledger",
    ]  # fmt: skip
    assert evidence(source, table, "author") == "Ann Lee"


@pytest.mark.parametrize("boilerplate", ["Reuters logo", "Tag Archives: Iraq", "2017-02-15 10:33"])
def test_boilerplate_titles_never_win(boilerplate):
    raw = (
        f"<html><head><title>{boilerplate}</title></head><body><p>Some text here.</p></body></html>"
    )
    table = page_metadata(html_source(raw))
    assert row(table, "title")["value"] != boilerplate


def test_a_date_in_the_pages_own_address_counts_where_the_page_shows_it():
    page = (
        "Talks stall in Astana\n\nhttps://ledger.example/2016/03/03/talks-stall\n\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran for the delay."
    )
    table = page_metadata(page)
    assert row(table, "url")["basis"] == "text"
    assert row(table, "published")["value"] == "2016-03-03"
    assert "address" in row(table, "published")["note"]


def test_dates_are_read_in_the_forms_pages_print_them():
    assert iso_date("Thursday, 6 October, 2016 - 17:00") == "2016-10-06"
    assert iso_date("Feb. 5, 2017") == "2017-02-05"
    assert iso_date("28/09/2015") == "2015-09-28"
    assert iso_date("no date here") is None


def test_page_metadata_is_on_the_package_face_and_refuses_other_input():
    assert helpers.page_metadata is page_metadata
    with pytest.raises(TypeError, match="page_metadata"):
        page_metadata(42)
