"""One reported-speech lexicon: every module's decision "who said it" reads the same verbs."""

import re

import pytest

from helpers.attribution import find_attributions
from helpers.corpus import Source
from helpers.lexicon import (
    ABBREVIATED_TITLES,
    ABBREVIATIONS,
    REPORTING_PHRASES,
    REPORTING_VERBS,
    SENTENCE_STARTERS,
    TELLING_VERBS,
    TITLES,
    alternation,
)
from helpers.perspectives import find_quotations
from helpers.reliability import reliability_signals
from helpers.speakers import find_speakers


def reliability_speakers(text):
    record = reliability_signals(Source.from_text(text))
    return record["named_attribution"].count, record["anonymous_attribution"].count


@pytest.mark.parametrize("verb", sorted(set(REPORTING_VERBS) - set(TELLING_VERBS)))
def test_every_reporting_verb_gives_a_speaker_in_every_module(verb):
    text = f"Talks resumed on Monday. Kofman {verb} that the talks had failed."
    assert reliability_speakers(text) == (1, 0), verb
    assert find_attributions(text)[["cue", "speaker"]].values.tolist() == [["said", "Kofman"]]
    voices = find_quotations(text)
    assert voices[["kind", "speaker"]].values.tolist() == [["reported", "Kofman"]], verb


@pytest.mark.parametrize("verb", TELLING_VERBS)
def test_telling_verbs_name_the_listener_as_channel(verb):
    text = f"Kofman {verb} Rudaw English that the talks had failed."
    table = find_attributions(text)
    assert table[["cue", "speaker", "channel"]].values.tolist() == [
        ["told", "Kofman", "Rudaw English"]
    ]
    assert reliability_speakers(text) == (1, 0)
    assert find_quotations(text)["speaker"].tolist() == ["Kofman"]


def test_asserted_is_a_reported_statement_for_reliability_attribution_and_voices():
    text = "Two officials asserted that the convoy was hit. Lavrov asserted it was not."
    assert reliability_speakers(text) == (1, 1)
    assert find_attributions(text)["speaker"].tolist() == ["Two officials", "Lavrov"]
    assert find_quotations(text)["speaker"].tolist() == ["Two officials", "Lavrov"]


def test_a_quote_attributed_by_any_reporting_verb_after_it_gets_a_description_speaker():
    text = "“The talks are over and done,” cautioned one diplomat in Geneva."
    assert find_quotations(text)["speaker"].tolist() == ["one diplomat in Geneva"]
    assert reliability_speakers(text) == (0, 1)


def test_reporting_phrases_give_a_speaker_to_the_reliability_signals():
    for phrase in REPORTING_PHRASES:
        speakers = find_speakers(f"Talks. Kofman {phrase} on Sunday.")
        assert [(s.kind, s.name) for s in speakers] == [("named", "Kofman")], phrase


def test_titles_are_stripped_from_a_speaker_and_abbreviated_titles_keep_their_full_stop():
    for title in ABBREVIATED_TITLES:
        assert title in TITLES and title.lower() in ABBREVIATIONS
        text = f"Talks failed. {title}. Kofman asserted it."
        assert [s.name for s in find_speakers(text)] == ["Kofman"], title
        assert find_attributions(text)["speaker"].tolist() == [f"{title}. Kofman"], title
    assert [s.name for s in find_speakers("Syrian President Bashar Assad said so.")] == [
        "Bashar Assad"
    ]


def test_the_lists_hold_words_without_duplicates_or_stray_spaces():
    for words in (REPORTING_VERBS, TELLING_VERBS, ABBREVIATED_TITLES):
        assert len(set(words)) == len(words)
        assert all(re.fullmatch(r"[A-Za-z]+", w) for w in words)
    assert set(TELLING_VERBS) <= set(REPORTING_VERBS)
    assert all(w == w.lower() for w in ABBREVIATIONS | SENTENCE_STARTERS)


def test_alternation_tries_longer_words_first_and_escapes_them():
    pattern = re.compile(rf"(?:{alternation(['say', 'says', 'a.b'])})")
    assert pattern.match("says").group() == "says"
    assert pattern.match("a.b") and not pattern.match("axb")
    assert alternation(["say", "say"]) == "say"
