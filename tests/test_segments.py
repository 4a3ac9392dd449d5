"""Page parts: `segment` covers the raw text exactly and names each part as a careful reader would.

The seed expectations quote passages from seeds/; the unseen pages in tests/pages/ were written
for these tests (a wire report, a blog with comments, a broadcaster page, an opinion page and
plain hard-wrapped notes) so that the rules are checked on layouts they were not tuned to.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus import Source, read_source
from helpers.segments import COLUMNS, SEGMENT_KINDS, Part, segment, segment_parts

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).resolve().parent / "pages"
KINDS = {kind for kind, _ in SEGMENT_KINDS}


def seed(prefix: str) -> Source:
    (path,) = sorted((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    return read_source(path)


def page(name: str) -> Source:
    return read_source(PAGES / f"{name}.txt")


@pytest.fixture(scope="module")
def parts() -> dict[str, pd.DataFrame]:
    """Every seed and test page, segmented once."""
    sources = {p: seed(p) for p in ("000", "001", "002", "003", "004")}
    sources.update({p.stem: read_source(p) for p in sorted(PAGES.glob("*.txt"))})
    return {name: segment(source) for name, source in sources.items()}


def part(table: pd.DataFrame, quote: str) -> pd.Series:
    """The part holding ``quote`` (the first, when the page repeats it)."""
    hits = table[table["text"].str.contains(quote, regex=False)]
    assert len(hits), f"no part contains {quote!r}"
    return hits.iloc[0]


def kinds_of(table: pd.DataFrame, quote: str) -> list[str]:
    """Kinds of every part holding ``quote``, in page order (for repeated passages)."""
    return table[table["text"].str.contains(quote, regex=False)]["kind"].tolist()


def assert_covers_exactly(text: str, table: pd.DataFrame) -> None:
    assert list(table.columns) == list(COLUMNS)
    if not text:
        assert table.empty
        return
    assert table["start"].iloc[0] == 0
    assert table["end"].iloc[-1] == len(text)
    assert (table["start"].iloc[1:].to_numpy() == table["end"].iloc[:-1].to_numpy()).all()
    assert (table["end"] > table["start"]).all(), "zero-length part"
    assert "".join(table["text"]) == text
    for row in table.itertuples():
        assert row.text == text[row.start : row.end]
        assert row.kind in KINDS
        assert isinstance(row.note, str)
        assert row.commenter is None or isinstance(row.commenter, str)
        assert row.date is None or isinstance(row.date, str)
        assert pd.isna(row.depth) or row.depth >= 0
    later_starts = table["text"].iloc[1:].str[:1]
    assert not later_starts.str.isspace().any(), "whitespace must belong to the part before"


# ----------------------------------------------------------------------------- any text at all

LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\x0c", ""])
PIECES = st.sampled_from(
    [
        "Maverick | 21/7/2016",
        "Jane Doe says:",
        "March 3, 2016 at 4:12 pm",
        "Reply",
        "  1. First comment",
        "    • a reply",
        "      • deeper",
        "By Paul Iddon 21/7/2016",
        "MOSCOW (Reuters) - Russia said on Tuesday it would share data with the United States.",
        "READ: Another story",
        "Photo: a caption (AFP)",
        "Sign in to comment.",
        "0.344 seconds",
        "22",
        "Background[edit]",
        "Paul Iddon is a Rudaw reporter.",
        "| yesterday at 11:47 | (1)",
        "The views expressed here do not necessarily reflect ours.",
        "Related Topics",
        "",
        "A long sentence of prose that ends the way sentences in articles usually end here.",
        "Short title line",
        "   ",
        "\t",
        "Ünïcödé — “quoted” ‘text’ 😀",
        "x" * 500,
        "Menu",
        "12 March 2016",
        "Patrick Wintour Diplomatic editor",
        "- a list item",
        "Recent Posts",
    ]
)
PAGE_LIKE = st.lists(
    st.one_of(PIECES, st.text(max_size=40)).flatmap(
        lambda piece: LINE_BREAKS.map(lambda brk: piece + brk)
    ),
    max_size=40,
).map("".join)
ANY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@ANY_SETTINGS
@given(st.text())
def test_parts_cover_any_unicode_text_exactly(text):
    assert_covers_exactly(text, segment(text))


@ANY_SETTINGS
@given(PAGE_LIKE)
def test_parts_cover_page_like_text_with_any_line_endings_exactly(text):
    assert_covers_exactly(text, segment(text))


@ANY_SETTINGS
@given(st.text(alphabet=st.sampled_from(" \t\r\n\x0b\x0c\x85\u2028\u2029\xa0"), min_size=1))
def test_whitespace_only_text_is_one_part(text):
    table = segment(text)
    assert_covers_exactly(text, table)
    assert len(table) == 1


def test_empty_text_gives_an_empty_table_with_the_columns():
    table = segment("")
    assert table.empty and list(table.columns) == list(COLUMNS)


def test_a_very_long_line_is_one_part():
    text = "word " * 200_000
    table = segment(text)
    assert_covers_exactly(text, table)
    assert len(table) == 1


def test_a_source_and_its_text_segment_the_same():
    source = seed("002")
    assert segment(source).equals(segment(source.text))


def test_segment_rejects_what_is_not_text():
    with pytest.raises(TypeError, match="Source or a str"):
        segment(b"bytes")
    with pytest.raises(TypeError, match="Source or a str"):
        segment_parts(None)


def test_columns_have_their_documented_types(parts):
    table = parts["blog_comments"]
    assert [str(t) for t in table.dtypes[["start", "end", "depth"]]] == ["int64", "int64", "Int64"]
    assert all(pd.api.types.is_string_dtype(table[c]) for c in ("kind", "text", "note"))
    assert table["commenter"].dtype == object and table["date"].dtype == object
    # where the page shows no commenter or date the cell holds None, never NaN
    assert {type(v) for v in table["commenter"]} == {str, type(None)}
    depths = parts["004"]["depth"]  # a thread: depth where the page shows one, else <NA>
    assert depths.isna().any() and set(depths.dropna()) == {0, 1, 2, 3, 4}


def as_plain_rows(table: pd.DataFrame) -> list[tuple]:
    return [
        tuple(None if value is pd.NA else value for value in row)
        for row in table.itertuples(index=False, name=None)
    ]


def test_segment_parts_are_the_rows_of_segment_as_tuples(parts):
    sources = [seed(p) for p in ("000", "001", "002", "003", "004")]
    sources += [read_source(p) for p in sorted(PAGES.glob("*.txt"))]
    for source in sources:
        plain = segment_parts(source)
        assert all(isinstance(p, Part) for p in plain)
        assert [tuple(p) for p in plain] == as_plain_rows(segment(source)), source.id
    assert segment_parts("") == [] and Part._fields == COLUMNS


@settings(max_examples=100, deadline=None)
@given(PAGE_LIKE)
def test_segment_parts_match_segment_on_page_like_text(text):
    assert [tuple(p) for p in segment_parts(text)] == as_plain_rows(segment(text))


def test_segmenting_a_page_again_gives_an_equal_table_not_the_same_one():
    text = page("blog_comments").text
    first = segment(text)
    first.loc[0, "kind"] = "edited by the caller"
    segment_parts(text).clear()
    again = segment(text)
    assert again.loc[0, "kind"] != "edited by the caller"
    assert again.drop(index=0).equals(first.drop(index=0))
    assert len(segment_parts(text)) == len(again)


def test_kinds_are_a_table_of_names_and_definitions():
    names = [kind for kind, _ in SEGMENT_KINDS]
    assert len(names) == len(set(names))
    assert all(isinstance(d, str) and d for _, d in SEGMENT_KINDS)
    assert {
        "boilerplate",
        "headline",
        "subheading",
        "standfirst",
        "byline",
        "dateline",
        "body",
        "caption",
        "pullquote",
        "link",
        "author_bio",
        "disclaimer",
        "comment",
        "sidebar",
        "infobox",
    } <= set(names)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_line_endings_do_not_change_the_kinds(prefix):
    text = seed(prefix).text
    for ending in ("\r\n", "\r"):
        changed = text.replace("\n", ending)
        table = segment(changed)
        assert_covers_exactly(changed, table)
        assert table["kind"].tolist() == segment(text)["kind"].tolist()


SEED_LINES = sorted(
    {
        line
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
    }
)
INDENTS = st.sampled_from(["", "  ", "    ", "\t", "      • ", "  1. ", "- "])
BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n \n"])
SHUFFLED_PAGES = st.lists(st.tuples(INDENTS, st.sampled_from(SEED_LINES), BREAKS), max_size=60).map(
    lambda rows: "".join(indent + line + brk for indent, line, brk in rows)
)


@ANY_SETTINGS
@given(SHUFFLED_PAGES)
def test_parts_cover_shuffled_and_reindented_seed_lines_exactly(text):
    assert_covers_exactly(text, segment(text))


def test_a_large_page_is_covered_exactly():
    text = "\n\n".join(seed(p).text for p in ("000", "001", "002", "003", "004")) * 20
    assert_covers_exactly(text, segment(text))


# ----------------------------------------------------------------------------- seed 000


def test_000_mirror_banner_is_boilerplate_and_title_is_headline(parts):
    assert part(parts["000"], "Katana VentraIP").kind == "boilerplate"
    assert part(parts["000"], "Russia–Syria–Iran–Iraq coalition\n").kind == "headline"
    assert part(parts["000"], "The Russia–Syria–Iran–Iraq coalition (RSII").kind == "body"


def test_000_infobox_fragments_are_infobox(parts):
    for quote in ("Formation", "September\xa02015", "Active\n", "Anti-IS"):
        assert part(parts["000"], quote).kind == "infobox", quote


def test_000_edit_headings_are_subheadings(parts):
    for quote in ("Background[edit]", "Russia and Iran[edit]", "Agreement[edit]"):
        assert part(parts["000"], quote).kind == "subheading", quote


def test_000_see_also_and_reference_debris_are_links(parts):
    for quote in (
        "Foreign involvement in the Syrian civil war",
        "Iran–Israel proxy conflict",
        "Iran–Israel conflict during",
        "Iran–Saudi Arabia proxy conflict",
        "Axis of Resistance",
        "Archived 23 September 2020 at the Wayback Machine",
        "Iran offers its base to Russia",
    ):
        assert part(parts["000"], quote).kind == "link", quote
    assert part(parts["000"], "In an interview with Iranian TV").kind == "body"


# ----------------------------------------------------------------------------- seed 001


def test_001_sign_in_and_comment_form_chrome_is_boilerplate(parts):
    for quote in (
        "Sign In / Up",
        "Add contribution as a guest",
        "Comment as a guest",
        "Forgot Password",
        "or connect using",
    ):
        assert part(parts["001"], quote).kind == "boilerplate", quote


def test_001_headline_then_byline_that_keeps_its_date(parts):
    assert part(parts["001"], "The implications of a US-Russia alliance").kind == "headline"
    byline = part(parts["001"], "By Paul Iddon 21/7/2016")
    assert byline.kind == "byline" and byline.date == "21/7/2016" and "date" in byline.note


def test_001_doubled_caption_is_two_captions_the_second_noted_as_a_repeat(parts):
    table = parts["001"]
    copies = table[table["text"].str.contains("AP file photo", regex=False)]
    assert copies["kind"].tolist() == ["caption", "caption"]
    assert copies["note"].iloc[0] == "" and "repeat" in copies["note"].iloc[1]


def test_001_body_runs_to_the_author_bio(parts):
    table = parts["001"]
    assert part(table, "The United States has proposed working militarily").kind == "body"
    assert part(table, "There is, however, a caveat:").kind == "body"
    assert part(table, "Akhmetov concluded.").kind == "body"
    assert part(table, "Paul Iddon is a Rudaw reporter based in Erbil").kind == "author_bio"


def test_001_reader_comments_carry_commenter_and_date(parts):
    table = parts["001"]
    comments = table[table["kind"] == "comment"]
    assert comments["commenter"].tolist() == [
        "Maverick",
        "John Kilkenny",
        "Hejar",
        "FAUthman",
        "JV",
    ]
    assert set(comments["date"]) == {"21/7/2016"}
    assert "The US conceded to Russia" in part(table, "Maverick | 21/7/2016").text
    assert part(table, "Erdoin switched sides").commenter == "JV"


def test_001_comments_on_other_stories_are_sidebar_not_comments(parts):
    table = parts["001"]
    assert part(table, "Be Part of Your Rudaw!").kind in {"boilerplate", "sidebar"}
    assert part(table, "What You Say").kind == "sidebar"
    leon = part(table, "Leon | 3/24/2019 8:03:06 AM")
    assert (leon.kind, leon.commenter, leon.date) == ("sidebar", "Leon", "3/24/2019 8:03:06 AM")
    assert part(table, "Kurde Canada |").commenter == "Kurde Canada"
    for quote in (
        "Iraqi PM proposes parliament sacks Nineveh governor",
        "Elsewhere on Rudaw",
        "Mosul mourns victims of the ferry disaster",
        "We will remain vigilant",
    ):
        assert part(table, quote).kind == "sidebar", quote
    assert table[table["text"].str.contains("2019")]["kind"].eq("sidebar").all()


def test_001_page_timing_debris_is_boilerplate(parts):
    assert part(parts["001"], "0.344 seconds").kind == "boilerplate"


# ----------------------------------------------------------------------------- seed 002


def test_002_head_is_skip_link_headline_and_standfirst(parts):
    table = parts["002"]
    assert part(table, "Skip to main content").kind == "boilerplate"
    assert part(table, "Peace talks: How Iran and Russia may come to blows").kind == "headline"
    assert part(table, "The Syrian conflict brought Russia and Iran together").kind == "standfirst"


def test_002_pull_quotes_repeat_shortened_body_sentences(parts):
    table = parts["002"]
    struggle = "A struggle for influence in the country post-conflict"
    assert kinds_of(table, struggle) == ["pullquote", "body"]
    assert kinds_of(table, "lies in ending the Syrian conflict") == ["pullquote", "body"]
    assert kinds_of(table, "Assad will have to share power") == ["pullquote", "body"]
    assert "pull quote" in part(table, struggle).note


def test_002_read_and_more_teasers_are_links(parts):
    for quote in (
        "READ: Can Turkey and Russia",
        "READ: It's the Arab spring",
        "MORE: Syria: The beginning",
    ):
        assert part(parts["002"], quote).kind == "link", quote


def test_002_section_headings_are_subheadings(parts):
    for quote in ("Restoring order vs maintaining influence", "Shift in strategy", "Russia on top"):
        assert part(parts["002"], quote).kind == "subheading", quote


def test_002_end_matter_bio_disclaimer_caption_and_chrome(parts):
    table = parts["002"]
    assert part(table, "Haid Haid\xa0is a Syrian columnist").kind == "author_bio"
    assert part(table, "The views expressed in this article belong").kind == "disclaimer"
    assert part(table, "Photo: Iranian President Hassan Rouhani").kind == "caption"
    for quote in (
        "This article is available in French",
        "Stay informed with MEE",
        "Sign up to get the latest alerts",
        "Middle East Eye delivers independent",
    ):
        assert part(table, quote).kind == "boilerplate", quote
    assert part(table, "Iran also has to make a decision").kind == "body"


# ----------------------------------------------------------------------------- seed 003


def test_003_spun_text_is_a_headline_over_body_lines_and_nothing_else(parts):
    table = parts["003"]
    assert table["kind"].tolist() == ["headline"] + ["body"] * 12  # one part per lifted sentence
    assert (table["note"] == "").all()
    assert table["text"].iloc[0].startswith("Iraq to share intelligence on ISIS")
    assert part(table, "Cameron made the comments Sunday").kind == "body"
    assert part(table, "The Guardianreports").kind == "body"


# ----------------------------------------------------------------------------- seed 004


def test_004_stray_counter_headline_and_standfirst(parts):
    table = parts["004"]
    assert table["text"].iloc[0].strip() == "22" and table["kind"].iloc[0] == "boilerplate"
    assert table["kind"].iloc[1] == "headline"
    assert part(table, "If the West unites with Russia").kind == "standfirst"


def test_004_doubled_captions_differing_in_case_are_captions_noted_as_repeats(parts):
    table = parts["004"]
    for quote in ("A handout frame grab", "Civil defense members extinguish"):
        copies = table[table["text"].str.contains(quote, regex=False)]
        assert copies["kind"].tolist() == ["caption", "caption"], quote
        assert "repeat" in copies["note"].iloc[1]


def test_004_related_lines_are_links_and_the_body_is_body(parts):
    table = parts["004"]
    assert part(table, "Related: Obama and Putin huddle").kind == "link"
    assert part(table, "Related: Vladimir Putin’s new world order").kind == "link"
    assert part(table, "Terrorism can forge strange alliances").kind == "body"
    assert part(table, "who knows where they will send another rocket").kind == "body"


def test_004_repeated_title_before_comments_is_boilerplate(parts):
    table = parts["004"]
    title = table[table["text"].str.startswith("Allies with benefits")]
    assert title["kind"].tolist() == ["headline", "boilerplate"]
    assert "headline" in title["note"].iloc[1]


def test_004_comment_threads_take_depth_from_indentation(parts):
    table = parts["004"]
    expected = {
        "1. Given how gutless": 0,
        "• Yes! Let’s change": 1,
        "• We don’t have to bomb": 2,
        "• You just said you wanted": 3,
        "• Once again, Tresus": 4,
        "• Aw, poor jameshalifax": 4,
        "2. As much as I hate Putin": 0,
        "• Western is nebulous": 1,
        "• Apparently my biosensor": 2,
        "3. Vladimir Putin is a cynical": 0,
        "• Good lord, are you still": 1,
        "4. Let me see here": 0,
        "• “once again you are putting words": 4,
    }
    for quote, depth in expected.items():
        row = part(table, quote)
        assert (row.kind, row.depth, row.commenter) == ("comment", depth, None), quote


def test_004_continuation_lines_belong_to_their_comment(parts):
    table = parts["004"]
    assert "Go Putin !!" in part(table, "1. Given how gutless").text
    assert "Iraq – dictator overthrown" in part(table, "2. As much as I hate Putin").text
    assert "Go Putin!!”" in part(table, "• “once again you are putting words").text
    assert len(table[table["kind"] == "comment"]) == 22


def test_004_sign_in_prompt_after_the_comments_is_boilerplate(parts):
    assert part(parts["004"], "Sign in to comment.").kind == "boilerplate"


def test_seeds_glitches_are_kept_as_they_are(parts):
    for name, quote in (
        ("001", "Erdoin"),
        ("001", "Jahbat"),
        ("003", "U.S.is"),
        ("003", "The Guardianreports"),
    ):
        assert part(parts[name], quote) is not None


# ----------------------------------------------------------------------------- unseen pages


def test_wire_report_dateline_is_split_from_the_lead_paragraph(parts):
    table = parts["wire_report"]
    dateline = part(table, "MOSCOW (Reuters) -")
    assert dateline.kind == "dateline" and dateline.text.strip() == "MOSCOW (Reuters) -"
    assert part(table, "Russia is prepared to give the United States").kind == "body"


def test_wire_report_head_byline_credits_and_footer(parts):
    table = parts["wire_report"]
    for quote in ("Skip to content", "World", "Markets", "4 Min Read", "© 2016 Reuters"):
        assert part(table, quote).kind == "boilerplate", quote
    assert part(table, "Russia offers to share Syria strike data").kind == "headline"
    assert part(table, "By Olga Petrenko, Samir Haddad").kind == "byline"
    assert part(table, "REUTERS/Ministry of Defence").kind == "credit"  # split off its caption
    assert part(table, "Reporting by Olga Petrenko in Moscow").kind == "credit"
    assert part(table, "More from Reuters").kind == "sidebar"
    assert part(table, "Iraq says Mosul offensive").kind == "sidebar"


def test_blog_comments_say_who_and_when_and_reply_links_are_chrome(parts):
    table = parts["blog_comments"]
    comments = table[table["kind"] == "comment"]
    assert comments["commenter"].tolist() == ["Samir K.", "Dana Whitfield", "Pete"]
    assert comments["date"].tolist() == [
        "January 26, 2017 at 9:14 am",
        "January 26, 2017 at 11:02 am",
        "January 27, 2017 at 4:12 pm",
    ]
    assert "the ceasefire map matters" in part(table, "Samir K. says:").text
    assert set(kinds_of(table, "Reply\n")) == {"boilerplate"}
    assert part(table, "Your email address will not be published").kind == "boilerplate"


def test_blog_head_body_and_end(parts):
    table = parts["blog_comments"]
    assert part(table, "The Levant Desk").kind == "boilerplate"
    assert part(table, "Why Astana is not Geneva").kind == "headline"
    byline = part(table, "Posted on January 26, 2017 by Dana Whitfield")
    assert (byline.kind, byline.date) == ("byline", "January 26, 2017")
    assert part(table, "What the guarantors want").kind == "subheading"
    assert part(table, "Iran wants neither of those things").kind == "body"
    for quote in ("Share this:", "Twitter", "Like this:"):
        assert part(table, quote).kind == "boilerplate", quote
    assert part(table, "Recent Posts").kind == "sidebar"
    assert part(table, "The Aleppo evacuation deal").kind == "sidebar"


def test_broadcaster_cookie_banner_share_tools_and_image_captions(parts):
    table = parts["broadcaster"]
    for quote in (
        "Cookies on this site",
        "We use cookies",
        "Yes, I agree",
        "Share this with",
        "Email",
        "Weather",
    ):
        assert part(table, quote).kind == "boilerplate", quote
    assert part(table, "Syria conflict: Russia and Iran 'drifting apart'").kind == "headline"
    assert part(table, "12 January 2017").kind == "dateline"
    for quote in (
        "Image copyright Getty Images",
        "Image caption Russian and Iranian",
        "Media caption Watch",
    ):
        assert part(table, quote).kind == "caption", quote
    assert part(table, "A long wait").kind == "subheading"
    assert part(table, '"We are not in a hurry').kind == "body"
    for quote in (
        "Related Topics",
        "Syrian civil war",
        "More on this story",
        "Turkey and Russia broker nationwide truce",
    ):
        assert part(table, quote).kind == "link", quote


def test_opinion_page_pull_quote_bio_disclaimer_and_a_list_that_is_not_a_thread(parts):
    table = parts["opinion_page"]
    assert part(table, "Washington should talk to Moscow").kind == "headline"
    assert part(table, "Cooperation on targeting could save lives").kind == "standfirst"
    assert part(table, "By Rachel Okafor").kind == "byline"
    assert part(table, "Updated: March 4, 2016").kind == "dateline"
    assert part(table, "(AFP)").kind == "caption"
    assert kinds_of(table, "The question is not whether to talk to Moscow") == ["pullquote", "body"]
    assert part(table, "Three conditions\n").kind == "subheading"
    assert part(table, "1. A shared list of targets").kind == "body"
    assert "comment" not in set(table["kind"])
    assert part(table, "Rachel Okafor is a senior fellow").kind == "author_bio"
    assert part(table, "The opinions expressed in this article").kind == "disclaimer"
    assert part(table, "You might also like").kind == "sidebar"
    assert part(table, "© 2016 Meridian Media Ltd").kind == "boilerplate"


def test_single_spaced_newspaper_page_finds_head_without_blank_lines(parts):
    table = parts["newspaper_single_spaced"]
    for quote in ("Skip to main content", "Sign in", "Europe", "Analysis"):
        assert part(table, quote).kind == "boilerplate", quote
    assert part(table, "Russia's Syria gamble: what does Putin want?").kind == "headline"
    assert part(table, "Moscow's military intervention is about more").kind == "standfirst"
    name = part(table, "Patrick Wintour Diplomatic editor")
    assert name.kind == "byline" and "name line" in name.note
    assert part(table, "Mon 12 Oct 2015 18.21 BST").kind == "dateline"
    assert part(table, "Photograph: Sergei Karpukhin/Reuters").kind == "credit"
    assert part(table, "Vladimir Putin's decision to launch").kind == "body"
    assert part(table, "He has put himself at the centre").kind == "body"
    assert kinds_of(table, "Vladimir Putin\n") == ["link"]
    assert part(table, "Reuse this content").kind == "boilerplate"


def test_press_release_label_date_above_headline_and_end_mark(parts):
    table = parts["press_release"]
    assert part(table, "FOR IMMEDIATE RELEASE").kind == "boilerplate"
    assert part(table, "October 1, 2015").kind == "dateline"
    assert part(table, "Statement on Coordination Center in Baghdad").kind == "headline"
    assert part(table, "WASHINGTON, D.C. —").kind == "dateline"
    assert part(table, "The Department is aware of reports").kind == "body"
    assert part(table, "###").kind == "boilerplate"
    assert part(table, "Media contact").kind == "boilerplate"


def test_news_brief_standfirst_followed_by_date_and_source_credit(parts):
    table = parts["news_brief"]
    assert part(table, "News|ISIL/ISIS").kind == "boilerplate"
    assert part(table, "Iraq to share intelligence with Russia").kind == "headline"
    assert part(table, "Baghdad says it will exchange").kind == "standfirst"
    assert part(table, "27 Sep 2015").kind == "dateline"
    assert part(table, "Joint Operations Command said").kind == "body"
    assert part(table, "Source: Al Jazeera and news agencies").kind == "credit"


def test_plain_hard_wrapped_notes_are_all_body(parts):
    table = parts["plain_notes"]
    assert set(table["kind"]) == {"body"}
    assert len(table) == 4  # one part per paragraph, wrapped lines joined
    assert (
        table["text"].iloc[0].startswith("The notes below")
        and "in October 2015" in table["text"].iloc[0]
    )


def test_no_part_is_unexplained_chrome_inside_an_unseen_article(parts):
    for name in (
        "wire_report",
        "blog_comments",
        "broadcaster",
        "opinion_page",
        "newspaper_single_spaced",
        "press_release",
        "news_brief",
    ):
        table = parts[name]
        first_body = table.index[table["kind"] == "body"][0]
        last_body = table.index[table["kind"] == "body"][-1]
        inside = table.loc[first_body:last_body]
        assert not inside["kind"].isin(["comment", "sidebar", "headline"]).any(), name


# ----------------------------------------------------------------------------- single rules

LEAD = (
    "First paragraph of the article, long enough to be a sentence of prose, ends here. "
    "It goes on for a second and a third sentence, so that it is read as the opening of "
    "the body and not as a standfirst, which is a single short line under the headline. "
    "Then it stops."
)
TAIL = "Officials in Moscow declined to comment on Tuesday when reporters asked about the plan."


def kind_in_article(line: str) -> str:
    """The kind ``segment`` gives ``line`` between two ordinary paragraphs under a headline."""
    table = segment(f"A headline\n\n{LEAD}\n\n{line}\n\n{TAIL}\n")
    return part(table, line).kind


@pytest.mark.parametrize(
    "line",
    [
        "A Reuters/Ipsos poll found that most Americans opposed working with Moscow in Syria.",
        "A photo of the two leaders shaking hands was shown on state television on Monday night.",
        "Russia rejected the views expressed by Washington on Monday about the talks in Geneva.",
        "NATO – the alliance Moscow distrusts most – was not invited to the meeting in Astana.",
        "Timur Akhmetov is an independent Russian analyst who follows the talks closely, he said.",
    ],
)
def test_body_sentences_that_merely_mention_chrome_words_stay_body(line):
    assert kind_in_article(line) == "body"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Photo: Ministers meet in Tehran (AFP)", "caption"),
        ("Soldiers on patrol near Palmyra. (Omar Sanadiki/Reuters)", "caption"),
        ("READ MORE: How the Astana talks began", "link"),
        ("Advertisement", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("Subscribe to our newsletter", "boilerplate"),
        ("The Kremlin's view", "subheading"),
    ],
)
def test_display_lines_inside_an_article_are_recognised_by_their_form(line, kind):
    assert kind_in_article(line) == kind


def test_a_name_line_between_headline_and_date_is_a_byline():
    table = segment(
        f"Russia and Iran edge apart over Syria talks\nJohn Smith\n12 March 2016\n{LEAD}\n"
    )
    assert table["kind"].tolist() == ["headline", "byline", "dateline", "body"]


def test_a_title_case_headline_under_a_site_tagline_is_the_headline():
    table = segment(
        "The Levant Desk\nNotes on security in the eastern Mediterranean\n\n"
        f"Why Astana Is Not Geneva\n\n{LEAD}\n"
    )
    assert table["kind"].tolist() == ["boilerplate", "boilerplate", "headline", "body"]


def test_only_the_first_paragraph_can_carry_a_wire_dateline():
    table = segment(f"Headline of the story\n\nBEIRUT (AP) — {LEAD}\n\nWASHINGTON — {TAIL}\n")
    assert table["kind"].tolist() == ["headline", "dateline", "body", "body"]


def test_a_date_above_a_page_without_headline_is_a_dateline():
    table = segment(f"Menu\n12 March 2016\n{LEAD}\n")
    assert table["kind"].tolist() == ["boilerplate", "dateline", "body"]


def test_comments_on_the_page_without_an_article_are_still_comments():
    table = segment(
        "Maverick | 21/7/2016\nThe US conceded to Russia because it was inevitable.\n"
        "JV | 21/7/2016\nWhat an idiot.\n"
    )
    assert table["kind"].tolist() == ["comment", "comment"]
    assert table["commenter"].tolist() == ["Maverick", "JV"]


# --------------------------------------------------------------------------- page parts of
# unseen shapes: credits, captions ending in a credit, bios, related blocks, datelines without a
# dash, listings, cut-off pages, scraper stamps and front matter (pages invented here, in the
# shapes real pages take).


def kind_at(table: pd.DataFrame, quote: str) -> str:
    """The kind of the part where ``quote`` starts (a part may start inside a line)."""
    text = "".join(table["text"])
    at = text.index(quote)
    return table[(table["start"] <= at) & (at < table["end"])]["kind"].iloc[0]


WIRE_COPY = (
    "Talks on Aleppo stall\n\n"
    "TEHRAN – Iran said on Sunday that talks on Aleppo had stalled, blaming the rebels.\n\n"
    "A woman walks past a damaged building in Aleppo, Syria December 15, 2016. REUTERS/Jane Doe\n\n"
    "The talks were due to resume in Astana next week, two officials said on Monday.\n\n"
    "(Reporting by Ann Lee; Editing by Tom Fox)\n\n"
    "Source: Al Jazeera and news agencies\n"
)


def test_credit_lines_are_credits_not_bylines_or_link_debris():
    table = segment(WIRE_COPY)
    assert kind_at(table, "(Reporting by Ann Lee") == "credit"
    assert kind_at(table, "Source: Al Jazeera") == "credit"
    assert kind_at(table, "TEHRAN –") == "dateline"


def test_a_photo_credit_ending_a_caption_is_split_off_as_a_credit():
    table = segment(WIRE_COPY)
    assert kind_at(table, "A woman walks past") == "caption"
    assert kind_at(table, "REUTERS/Jane Doe") == "credit"
    bracketed = segment(
        "Talks stall\n\nTalks in Astana stalled, two officials said on Monday.\n\n"
        "Rescuers search the rubble of a building in Idlib on Tuesday [EPA]\n\n"
        "The rescue went on into the night, the civil defence said on Tuesday."
    )
    assert kind_at(bracketed, "Rescuers search") == "caption"
    assert kind_at(bracketed, "[EPA]") == "credit"


def test_a_dateline_without_a_dash_is_a_place_in_capitals_not_an_acronym():
    placed = segment(
        "Aid arrives\n\nMADAYA, Syria An aid convoy entered the besieged town on Monday."
    )
    assert kind_at(placed, "MADAYA, Syria") == "dateline"
    assert kind_at(placed, "An aid convoy") == "body"
    acronym = segment("Talks stall\n\nNATO said on Monday that the talks in Astana had stalled.")
    assert kind_at(acronym, "NATO said") == "body"


def test_author_bio_and_check_also_block_with_its_teasers():
    page = (
        "Talks stall\n\nTalks in Astana stalled on Monday, two officials said, blaming Iran.\n\n"
        "The next round is due in February, a diplomat said after the long meeting ended.\n\n"
        "Check Also\n\nRussia and Turkey broker a truce\n\nIran warns Israel over Syria strikes\n\n"
        "Ann Lee is a breaking news editor at the Daily Ledger.\n"
    )
    table = segment(page)
    assert kind_at(table, "Check Also") == "link"
    assert kind_at(table, "Russia and Turkey broker") == "link"
    assert kind_at(table, "Ann Lee is a breaking news editor") == "author_bio"
    titled = segment(page.replace("is a breaking news editor at", "is Senior Editor for"))
    assert kind_at(titled, "Ann Lee is Senior Editor") == "author_bio"


def test_a_cut_off_last_paragraph_stays_body_and_says_so():
    table = segment("Talks stall\n\nTalks in Astana stalled on Monday, two officials said.\n\n"
                    "The next round of talks is due in February, when the Ir")  # fmt: skip
    last = table.iloc[-1]
    assert last["kind"] == "body" and "cut off" in last["note"]
    complete = segment("Talks stall\n\nTalks in Astana stalled on Monday, two officials said.\n\n"
                       "The next round is due in February.")  # fmt: skip
    assert complete.iloc[-1]["kind"] == "body" and complete.iloc[-1]["note"] == ""


def test_a_scrapers_capture_stamp_is_markup_and_never_in_the_headline():
    table = segment(
        " date 2017-02-15 The Daily Ledger\n\nTalks stall in Astana\n\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran for the delay."
    )
    assert table.iloc[0]["kind"] == "markup" and table.iloc[0]["text"] == " date 2017-02-15 "
    assert kind_at(table, "Talks stall in Astana") == "headline"
    assert "date 2017" not in part(table, "Talks stall in Astana")["text"]


def test_front_matter_is_markup_its_title_the_headline_and_ad_markers_markup():
    page = (
        "---\nID: 12\npost_title: 'Talks stall in Astana'\nauthor: Staff Writer\n---\n"
        " [ad_1]\nTalks in Astana stalled on Monday, two officials said, blaming Iran for it.\n"
        "[ad_2]\n"
    )
    table = segment(page)
    assert table["kind"].tolist()[:3] == ["markup", "headline", "markup"]
    assert part(table, "Talks stall in Astana")["text"] == "Talks stall in Astana"
    assert kind_at(table, "[ad_1]") == "markup" and kind_at(table, "[ad_2]") == "markup"
    assert kind_at(table, "Talks in Astana stalled") == "body"
    assert_covers_exactly(page, table)


def test_name_lines_under_the_date_are_the_byline_and_agency_bylines_count():
    table = segment(
        "An official website of the government\n\nPlan for Peace in Syria\n"
        "September 10, 2016\n\nJohn Kerry\nSecretary of State\n\n"
        "SECRETARY KERRY: So thank you all for your patience during a very long day."
    )
    assert kind_at(table, "Plan for Peace in Syria") == "headline"
    assert kind_at(table, "John Kerry") == "byline"
    agency = segment(
        "Talks stall\n\nFebruary 5, 2017 TASS\n\nWorld Bulletin / News Desk\n\n"
        "Talks in Astana stalled on Monday, two officials said, blaming Iran for the delay."
    )
    assert kind_at(agency, "February 5, 2017 TASS") == "byline"
    assert kind_at(agency, "World Bulletin / News Desk") == "byline"


LISTING = (
    "Tag Archives: Iraq\n\n"
    "Iraq joins intelligence centre\nMarch 3, 2016\n"
    "Baghdad said it would share intelligence with Russia, Iran and Syria from a new centre.\n\n"
    "Kerry meets Lavrov in Geneva\nMarch 4, 2016\n"
    "The two ministers met for five hours and agreed on a plan for a ceasefire in Syria.\n\n"
    "Aid reaches Madaya at last\nMarch 5, 2016\n"
    "A convoy of trucks carrying food entered the besieged town on Monday, officials said.\n"
)


def test_a_page_of_several_dated_entries_is_a_listing_not_one_article():
    table = segment(LISTING)
    for title in ("Iraq joins", "Kerry meets Lavrov", "Aid reaches Madaya", "The two ministers"):
        assert kind_at(table, title) == "listing", title
    assert kind_at(table, "March 4, 2016") == "dateline"
    one_entry = segment(LISTING.split("\n\nKerry")[0])
    assert "listing" not in set(one_entry["kind"])
