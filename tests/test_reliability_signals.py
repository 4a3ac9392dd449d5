"""reliability_signals: observable signals with spans, on the seeds and on unseen pages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus import Source, load_corpus
from helpers.reliability import SIGNALS, Signal, SignalRecord, reliability_signals
from helpers.segments import segment

PAGES = Path(__file__).parent / "pages"
NAMES = [name for name, _ in SIGNALS]


@pytest.fixture(scope="module")
def seeds():
    return {s.id[:3]: (s, reliability_signals(s)) for s in load_corpus()}


def page(name: str) -> tuple[Source, SignalRecord]:
    source = Source.from_text((PAGES / f"signals_{name}.txt").read_text("utf-8"), source_id=name)
    return source, reliability_signals(source)


def texts(source: Source, sig: Signal) -> list[str]:
    return [source.text[s:e] for s, e in sig.spans]


def joined(source: Source, sig: Signal) -> str:
    return " | ".join(texts(source, sig))


# --------------------------------------------------------------------------- the record


def test_record_shape(seeds):
    source, rec = seeds["001"]
    assert isinstance(rec, SignalRecord)
    assert list(rec) == NAMES and len(rec) == len(SIGNALS)
    assert all(isinstance(rec[n], Signal) for n in rec)
    table = rec.table()
    assert list(table.columns) == ["signal", "description", "present", "count", "example", "detail"]
    assert table["signal"].tolist() == NAMES
    assert rec.summary() == dict(zip(table["signal"], table["count"], strict=True))
    for sig in rec.values():
        assert sig.present == (sig.count > 0) and sig.count == len(sig.spans)
    with pytest.raises(KeyError, match="no signal 'score'"):
        rec["score"]


def test_record_is_immutable(seeds):
    _, rec = seeds["003"]
    with pytest.raises((TypeError, AttributeError)):
        rec.signals["byline"] = None
    with pytest.raises(AttributeError):
        rec["byline"].count = 3


def test_no_rating_or_score(seeds):
    _, rec = seeds["004"]
    forbidden = ("score", "rating", "reliable", "verdict", "credib")
    assert not any(word in name for name in rec for word in forbidden)
    assert not any(word in c for c in rec.table().columns for word in forbidden)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="expects a Source, got str"):
        reliability_signals("just text")


# --------------------------------------------------------------------------- seeds


def test_seed_003_aggregator(seeds):
    source, rec = seeds["003"]
    assert not rec["byline"].present and not rec["date"].present
    assert not rec["outlet_named"].present
    surnames = rec["surname_without_introduction"].detail
    assert "Cameron" in surnames and "Carlin" in surnames
    assert "Cameron made the comments" in texts(source, rec["surname_without_introduction"])
    assert "Carlin added" in texts(source, rec["surname_without_introduction"])
    dangling = joined(source, rec["dangling_reference"])
    for phrase in ("the comments", "The other challenge", "The new developments", "Carlin added"):
        assert phrase in dangling
    stray = texts(source, rec["stray_outlet_attribution"])
    assert any("reports NYT" in t for t in stray)
    assert any("The Guardianreports" in t for t in stray)
    glued = texts(source, rec["missing_space_after_sentence"])
    assert "U.S.is" in glued
    assert "Iraqi officials said" in texts(source, rec["anonymous_attribution"])
    assert rec["reader_comments"].count == 0


def test_seed_001_named_report(seeds):
    source, rec = seeds["001"]
    assert rec["byline"].present and "By Paul Iddon" in joined(source, rec["byline"])
    assert texts(source, rec["date"]) == ["21/7/2016"]
    assert "Rudaw English" in joined(source, rec["outlet_named"])
    named = rec["named_attribution"].detail
    for name in ("Kofman", "Hauer", "Akhmetov"):
        assert name in named
    assert rec["named_attribution"].count >= 8
    assert "Kofman believes" in texts(source, rec["named_attribution"])
    assert rec["direct_quote"].count >= 12
    speakers = rec["direct_quote"].detail
    for name in ("Kofman", "Hauer", "Akhmetov"):
        assert name in speakers
    # only the article's own five comments; the 2019 sidebar is not counted
    assert rec["reader_comments"].count == 5
    assert "other stories not counted" in rec["reader_comments"].detail
    assert rec["reader_comments"].spans[0][0] == source.text.index("Maverick | 21/7/2016")
    assert not rec["surname_without_introduction"].present
    assert not rec["stray_outlet_attribution"].present
    assert not rec["missing_space_after_sentence"].present


def test_seed_001_signals_ignore_comments(seeds):
    source, rec = seeds["001"]
    first_comment = source.text.index("Maverick | 21/7/2016")
    for name in NAMES:
        if name in ("reader_comments",):
            continue
        assert all(s < first_comment for s, _ in rec[name].spans), name


def test_seed_002_opinion(seeds):
    source, rec = seeds["002"]
    assert rec["byline"].present and "author bio" in rec["byline"].detail
    assert "Haid Haid\xa0is a Syrian columnist" in joined(source, rec["byline"])
    assert "disclaimer" in rec["opinion_marker"].detail
    assert "The views expressed" in joined(source, rec["opinion_marker"])
    assert "Middle East Eye" in rec["outlet_named"].detail
    assert "allegedly" in texts(source, rec["hedge"])
    links = joined(source, rec["citation"])
    assert "READ: Can Turkey" in links and "MORE: Syria" in links
    assert not rec["direct_quote"].present
    assert rec["reader_comments"].count == 0


def test_seed_000_encyclopedia(seeds):
    source, rec = seeds["000"]
    cites = texts(source, rec["citation"])
    assert "[1]" in cites and "[13]" in cites
    assert sum(1 for t in cites if t.startswith("[")) >= 15
    assert "it was suggested" in texts(source, rec["hedge"])
    assert "it was suggested" in texts(source, rec["anonymous_attribution"])
    assert not rec["byline"].present and not rec["reader_comments"].present


def test_seed_004_feature(seeds):
    source, rec = seeds["004"]
    named = rec["named_attribution"].detail
    for name in ("Stent", "Techau", "Prystaiko", "Pushkov"):
        assert name in named
    anon = joined(source, rec["anonymous_attribution"])
    assert "says one Syrian in Paris" in anon
    assert "what activists said" in anon
    assert rec["reader_comments"].count == 22
    speakers = rec["direct_quote"].detail
    assert "Stent" in speakers and "one Syrian in Paris" in speakers
    assert not rec["byline"].present and not rec["outlet_named"].present
    # the doubled caption is read once: "what activists said" is not counted twice
    assert anon.count("what activists said") == 1
    # "ForTerror" sits in a reader comment, not in the article
    assert not rec["missing_space_after_sentence"].present


# --------------------------------------------------------------------------- unseen pages


def test_unseen_wire_story_with_anonymous_officials():
    source, rec = page("wire_anonymous")
    anon = texts(source, rec["anonymous_attribution"])
    assert "officials said" in anon
    assert "a senior Western diplomat said" in anon
    assert "on condition of anonymity" in anon
    assert "Two officials who asked not to be named said" in anon
    assert not rec["named_attribution"].present
    assert "a senior Western diplomat" in rec["direct_quote"].detail
    assert {"reportedly", "allegedly", "It is believed"} <= set(texts(source, rec["hedge"]))
    assert rec["outlet_named"].detail == "Wirenews"
    assert not rec["byline"].present and not rec["opinion_marker"].present


def test_unseen_clean_report_with_full_attributions():
    source, rec = page("clean_report")
    assert rec["byline"].present and texts(source, rec["date"]) == ["12 March 2017"]
    assert "Valley Courier" in rec["outlet_named"].detail
    assert {"Omar Khatib", "Sarah Lindqvist"} <= set(
        rec["named_attribution"].detail.replace(" ×1", "").replace(" ×2", "").split(", ")
    )
    assert rec["direct_quote"].detail == "speakers: Khatib ×1, Lindqvist ×1"
    assert not rec["anonymous_attribution"].present
    assert not rec["surname_without_introduction"].present  # "Khatib added" was introduced
    assert not rec["dangling_reference"].present
    assert not rec["missing_space_after_sentence"].present  # the URL is not a glued sentence
    assert "URL" in rec["citation"].detail
    assert not rec["hedge"].present and not rec["opinion_marker"].present


def test_unseen_opinion_column():
    source, rec = page("opinion_column")
    markers = texts(source, rec["opinion_marker"])
    for word in ("I", "we", "must", "should", "absurd", "shameful", "clearly"):
        assert word in markers
    assert "disclaimer" in rec["opinion_marker"].detail
    assert "Weekly Ledger" in rec["outlet_named"].detail
    assert rec["byline"].detail == "author bio"
    assert not rec["named_attribution"].present and not rec["direct_quote"].present


def test_unseen_aggregator():
    source, rec = page("aggregator")
    assert set(rec["surname_without_introduction"].detail.split(", ")) == {"Lavrov", "Peskov"}
    dangling = joined(source, rec["dangling_reference"])
    assert "The latest developments" in dangling and "Lavrov made the comments" in dangling
    stray = texts(source, rec["stray_outlet_attribution"])
    assert ", reports Reuters" in stray and "The Timesreports" in stray
    assert set(texts(source, rec["missing_space_after_sentence"])) == {
        "respond.The",
        "Timesreports",
        "ForPeace",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army said on Monday that 3.5 per cent of U.S. troops had left.",
        "See https://example.org/Path.Html and mail info@news.example.com today.",
        "Mr. Smith met J. R. Jones at St. Petersburg. McDonald and SecDev staff joined.",
        "He bought an iPhone. YouTube and PowerPoint were mentioned.",
    ],
)
def test_missing_space_has_few_false_positives(text):
    rec = reliability_signals(Source.from_text(text))
    assert not rec["missing_space_after_sentence"].present, rec["missing_space_after_sentence"]


def test_introduced_surname_is_not_flagged():
    text = (
        "Talks resume\n\nForeign Minister Sergei Lavrov met his counterpart in Geneva on "
        "Tuesday to discuss the talks.\n\nLavrov said the meeting had gone well.\n"
    )
    rec = reliability_signals(Source.from_text(text))
    assert rec["named_attribution"].present
    assert not rec["surname_without_introduction"].present


def test_a_surname_introduced_only_later_is_flagged_where_it_first_speaks():
    text = (
        "Talks resume\n\nLavrov said the meeting had gone well.\n\nForeign Minister Sergei "
        "Lavrov met his counterpart in Geneva on Tuesday to discuss the talks.\n"
    )
    rec = reliability_signals(Source.from_text(text))
    assert rec["surname_without_introduction"].spans == ((14, 25),)  # 'Lavrov said'
    assert rec["dangling_reference"].detail == "bare surname Lavrov"


def test_reader_comments_are_the_comment_parts_and_replies_come_from_their_depth(seeds):
    source, rec = seeds["004"]
    table = segment(source)
    comments = table[table["kind"] == "comment"]
    assert rec["reader_comments"].spans == tuple(comments[["start", "end"]].itertuples(False, None))
    replies = int((comments["depth"] > 0).sum())
    assert replies and rec["reader_comments"].detail.startswith(f"{replies} are replies")


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_never_raises_and_spans_lie_within_text(text):
    rec = reliability_signals(Source.from_text(text))
    assert list(rec) == NAMES
    for sig in rec.values():
        for start, end in sig.spans:
            assert 0 <= start < end <= len(text)


_NOISE = (
    'said says told Kofman Mr. U.S.is “ ” " [1] officials reportedly I we must By \n \n\n'
    " , . The comments Guardianreports reports NYT ForTerror | 21/7/2016 allegedly"
)
_WORDS = st.sampled_from(_NOISE.split(" "))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=120))
def test_news_like_noise_keeps_spans_in_text(words):
    text = " ".join(words)
    rec = reliability_signals(Source.from_text(text))
    assert isinstance(rec.table(), pd.DataFrame)
    for sig in rec.values():
        assert all(0 <= s < e <= len(text) for s, e in sig.spans)


def test_truncated_fires_on_a_page_that_stops_in_mid_sentence_with_the_unfinished_span():
    cut = Source.from_text(
        "Talks stall\n\nTalks in Astana stalled on Monday, two officials said, blaming Iran.\n\n"
        "The next round of talks is due in February. Officials said that the Ir"
    )
    signal = reliability_signals(cut)["truncated"]
    assert signal.present and [cut.text[s:e] for s, e in signal.spans] == [
        "Officials said that the Ir"
    ]


def test_truncated_stays_quiet_on_a_whole_page_and_on_one_ending_in_site_chrome():
    whole = "Talks stall\n\nTalks in Astana stalled on Monday, two officials said, blaming Iran.\n"
    assert not reliability_signals(Source.from_text(whole))["truncated"].present
    chrome = whole + "\nShare this\n\nLike us on Facebook"
    assert not reliability_signals(Source.from_text(chrome))["truncated"].present


def test_an_outlet_told_is_a_listener_not_a_bare_surname():
    page = (
        "Talks stall\n\nTalks stalled, the aide, speaking on condition of anonymity, told Reuters."
    )
    rec = reliability_signals(Source.from_text(page))
    assert not rec["surname_without_introduction"].present
    assert not rec["named_attribution"].present
    assert rec["anonymous_attribution"].count == 1


def test_a_speakers_we_is_not_the_writers_opinion():
    page = "Talks stall\n\nWe will not leave the city, the spokesman said. We think it failed."
    rec = reliability_signals(Source.from_text(page))
    assert rec["opinion_marker"].detail == "first person ×1"  # the writer's "We think"
    assert page[slice(*rec["opinion_marker"].spans[0])] == "We"
    assert rec["opinion_marker"].spans[0][0] == page.index("We think")
