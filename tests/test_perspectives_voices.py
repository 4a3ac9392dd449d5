"""Voices: every quotation and reported speech, its speaker, and who gets to speak."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Source, load_corpus
from helpers.fakes import fakes_sources
from helpers.perspectives import (
    QUOTATION_COLUMNS,
    VOICE_COLUMNS,
    find_quotations,
    voice_summary,
    voices,
    who_speaks,
)


def said(text, kinds=("direct", "reported")):
    """(kind, speaker, quoted words) of every voice, in text order; offsets checked on the way."""
    table = find_quotations(text)
    assert_well_formed(text, table)
    return [
        (row.kind, row.speaker, text[row.quote_start : row.quote_end])
        for row in table.itertuples()
        if row.kind in kinds
    ]


def assert_well_formed(text, table):
    assert list(table.columns) == QUOTATION_COLUMNS
    for row in table.itertuples():
        assert 0 <= row.start <= row.quote_start < row.quote_end <= row.end <= len(text)
        assert row.kind in ("direct", "reported", "scare", "fragment")
        if row.speaker:
            assert text[row.speaker_start : row.speaker_end] == row.speaker
        else:
            assert (row.speaker_start, row.speaker_end) == (-1, -1)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def seed_voices(corpus):
    return {sid: voices(corpus[sid]) for sid in ("001", "002", "003", "004")}


def voice_of(table, source, words):
    """The one voice of ``table`` whose quoted words start with ``words``."""
    text = source.text
    hits = [r for r in table.itertuples() if text[r.quote_start : r.quote_end].startswith(words)]
    assert len(hits) == 1, f"{words!r}: {len(hits)} voices"
    return hits[0]


# ----------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," Lavrov said.',
        "“We will win,” Lavrov said.",
        "«We will win,» Lavrov said.",
    ],
)
def test_straight_curly_and_guillemet_quotes_are_direct_voices(text):
    assert said(text) == [("direct", "Lavrov", "We will win,")]


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        ("Maria Ortiz said: “We will win.”", "Maria Ortiz", "We will win."),
        ("Maria Ortiz says “we will win.”", "Maria Ortiz", "we will win."),
        ("“We will win,” said Maria Ortiz.", "Maria Ortiz", "We will win,"),
        ("“We will win,” Maria Ortiz said.", "Maria Ortiz", "We will win,"),
        ("“We will win,” she said.", "she", "We will win,"),
        (
            "“We win,” says one Syrian in Paris, using an Arabic name.",
            "one Syrian in Paris",
            "We win,",
        ),
    ],
)
def test_the_speaker_is_found_before_or_after_the_quotation(text, speaker, words):
    assert said(text) == [("direct", speaker, words)]


def test_says_x_director_of_gives_the_name_not_the_title():
    text = "“It sounds nice,” says Angela Stent, director of a centre at Georgetown University."
    [row] = voices(text).itertuples()
    assert (row.speaker, row.actor_id, row.affiliation, row.named) == (
        "Angela Stent",
        "stent",
        "georgetown-university",
        True,
    )
    assert text[row.quote_start : row.quote_end] == "It sounds nice,"
    assert text[row.start : row.end].startswith("“It sounds nice,” says Angela Stent")


def test_nested_single_quotes_stay_inside_the_outer_quotation():
    text = "“He told me ‘never again’ and left,” Ortiz said. Then it rained."
    assert said(text) == [("direct", "Ortiz", "He told me ‘never again’ and left,")]


def test_a_quotation_over_two_paragraphs_in_the_news_convention_is_one_voice():
    text = "Ortiz spoke.\n\n“First part of it.\n\n“Second part of it,” Ortiz said.\n\nNext story."
    assert said(text) == [
        ("direct", "Ortiz", "First part of it.\n\n“Second part of it,"),
    ]
    straight = 'Intro.\n\n"First part of it.\n\n"Second part," Ortiz said.'
    assert said(straight) == [("direct", "Ortiz", 'First part of it.\n\n"Second part,')]


def test_an_unclosed_quotation_stops_at_the_end_of_its_paragraph():
    text = (
        "“This quote never closes, as Ortiz put it\n\n"
        "The journalist writes on here, with many words of her own.\n\n"
        "“A real quote,” said Lee."
    )
    assert said(text) == [
        ("direct", "", "This quote never closes, as Ortiz put it"),
        ("direct", "Lee", "A real quote,"),
    ]


def test_a_hard_wrapped_line_does_not_end_a_quotation():
    text = "“We will win this war and\nthen go home,” Ortiz said."
    assert said(text) == [("direct", "Ortiz", "We will win this war and\nthen go home,")]


def test_scare_quotes_are_marked_and_are_not_voices():
    text = "Stop arming the “moderate” rebels, and the war will end."
    assert said(text, kinds=("scare",)) == [("scare", "", "moderate")]
    assert voices(text).empty
    assert who_speaks(find_quotations(text), by=()).empty


def test_a_short_quotation_inside_reported_speech_is_part_of_the_reported_voice():
    text = "Putin says the refusal has been “an enormous mistake.”"
    assert said(text) == [("reported", "Putin", "the refusal has been “an enormous mistake.”")]
    assert said(text, kinds=("fragment",)) == [("fragment", "", "an enormous mistake.")]


def test_quotation_without_any_speaker_has_an_empty_speaker():
    text = "Trump said let him do it. “We do not support the regime at all, ever”."
    assert said(text) == [
        ("reported", "Trump", "let him do it"),
        ("direct", "", "We do not support the regime at all, ever"),
    ]


def test_consecutive_quote_paragraphs_share_the_speaker_attributed_once():
    text = "Lee spoke:\n\n“First we talk about it.”\n\n“Then we act on it,” Lee said."
    assert said(text) == [
        ("direct", "Lee", "First we talk about it."),
        ("direct", "Lee", "Then we act on it,"),
    ]
    assert find_quotations(text)["cue"].tolist() == ["continued", "said"]


# ----------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        ("Ortiz said that the talks had failed.", "Ortiz", "the talks had failed"),
        ("According to Ortiz, the talks had failed.", "Ortiz", "the talks had failed"),
        ("The talks had failed badly, according to Ortiz.", "Ortiz", "The talks had failed badly"),
        ("Ortiz told Reuters the talks had failed.", "Ortiz", "the talks had failed"),
        ("The talks, Ortiz said, had failed at last.", "Ortiz", "had failed at last"),
    ],
)
def test_reported_speech_without_marks(text, speaker, words):
    assert said(text) == [("reported", speaker, words)]


def test_a_channel_speaks_when_no_one_else_is_named():
    assert said("It “could enable the Kremlin to act”, reports NYT.") == [
        ("direct", "NYT", "could enable the Kremlin to act")
    ]


# ----------------------------------------------------------------------------- who they are


def test_a_pronoun_is_the_last_named_speaker_before_it():
    text = "“We will win,” said Maria Ortiz.\n\nThe talks go on.\n\n“We will not stop,” she added."
    table = voices(text)
    assert table["speaker"].tolist() == ["Maria Ortiz", "she"]
    assert table["resolved"].tolist() == ["Maria Ortiz", "Maria Ortiz"]
    assert table["named"].tolist() == [True, True]


def test_a_pronoun_prefers_the_person_named_in_the_sentence_before():
    text = (
        "“It is over,” says Angela Stent.\n\n"
        "Vadym Prystaiko, a former ambassador, understands why Hollande acts. "
        "“He is right,” he says."
    )
    table = voices(text)
    assert table["resolved"].tolist() == ["Angela Stent", "Vadym Prystaiko"]
    assert table["actor_id"].tolist() == ["stent", "prystaiko"]
    assert table["affiliation"].tolist() == ["georgetown-university", "ukraine"]


@pytest.mark.parametrize(
    "text, named",
    [
        ("“It is over,” says Maria Ortiz.", True),
        ("“It is over,” says a Russian official.", False),
        ("“It is over,” activists said.", False),
        ("Two officials said that it was over.", False),
        ("“It is over,” says one Syrian in Paris.", False),
        ("“It is over,” Putin said.", True),
    ],
)
def test_named_against_anonymous(text, named):
    assert voices(text)["named"].tolist() == [named]


def test_voices_columns_and_sources():
    table = voices([Source.from_text("“Yes, it is,” Lee said.", "a"), Source.from_text("", "b")])
    assert list(table.columns) == VOICE_COLUMNS
    assert table["source_id"].tolist() == ["a"]
    assert list(voices("").columns) == VOICE_COLUMNS


def test_voices_of_a_list_are_the_voices_of_each_source_one_after_another(corpus):
    own = [
        Source.from_text("Nothing is quoted here.", "none"),
        Source.from_text("A “moderate” man.", "scare-only"),
        Source.from_text("“It is over,” Lavrov said. Officials said it failed.", "voiced"),
    ]
    fakes = list(itertools.islice(fakes_sources(), 0, 804, 40))
    sources = [*corpus, *own, *fakes]
    for group in (sources, own, own[:1], own[1:2], own[:2], own[1:], fakes, []):
        each = [voices(source) for source in group] or [voices("")]
        pd.testing.assert_frame_equal(voices(group), pd.concat(each, ignore_index=True))


def test_who_speaks_groups_by_actor_and_counts_words():
    text = "“Yes, we will,” Putin said. “No,” he added. Activists said it was a lie."
    table = who_speaks(voices(Source.from_text(text, "s")), by=["source_id"])
    assert table[["speaker", "actor_id", "affiliation", "voices", "words"]].values.tolist() == [
        ["Vladimir Putin", "putin", "russia", 2, 4],
        ["Activists", "", "", 1, 4],
    ]
    assert table["share"].tolist() == [0.5, 0.5]
    summary = voice_summary(voices(Source.from_text(text, "s")))
    assert summary[["named_voices", "named_words", "anonymous_voices"]].values.tolist() == [
        [2, 4, 1]
    ]


def test_bad_input_is_refused_clearly():
    with pytest.raises(TypeError, match="Source or a str"):
        find_quotations(3)
    with pytest.raises(ValueError, match="no column"):
        who_speaks(pd.DataFrame({"kind": []}))


# ----------------------------------------------------------------------------- the seeds


def test_001_three_analysts_speak_in_the_body(corpus, seed_voices):
    table = seed_voices["001"]
    source = corpus["001"]
    assert_well_formed(source.text, table[QUOTATION_COLUMNS])
    kofman = voice_of(table, source, "The US proposal itself is quite similar")
    assert kofman.actor_id == "kofman" and kofman.affiliation == "wilson-center"
    assert voice_of(table, source, "The first is a concrete acceptance").actor_id == "hauer"
    assert voice_of(table, source, "We should keep in mind").speaker == "Timur Akhmetov"
    assert voice_of(table, source, "Hence, now there is").resolved == "Kofman"  # "he explained"
    body = who_speaks(table).query("segment == 'body'")
    assert body["actor_id"].head(3).tolist() == ["kofman", "hauer", "akhmetov"]
    assert body["affiliation"].head(2).tolist() == ["wilson-center", "secdev-group"]
    # the readers' “moderate” is a label, not a voice
    scare = find_quotations(source).query("kind == 'scare'")
    assert [source.text[r.quote_start : r.quote_end] for r in scare.itertuples()] == ["moderate"]


def test_004_experts_from_several_sides_and_the_comment_threads(corpus, seed_voices):
    table = seed_voices["004"]
    source = corpus["004"]
    stent = voice_of(table, source, "It sounds very nice theoretically")
    assert (stent.speaker, stent.actor_id, stent.segment) == ("Angela Stent", "stent", "body")
    pushkov = voice_of(table, source, "We have had disagreements in the past")
    assert (pushkov.speaker, pushkov.resolved, pushkov.affiliation) == (
        "he",
        "Aleksei Pushkov",
        "russia",
    )
    syrian = voice_of(table, source, "Daesh and Assad are related")
    assert (syrian.speaker, syrian.named) == ("one Syrian in Paris", False)
    barrel = voice_of(table, source, "Barrel bombs are just bombs")
    assert barrel.segment == "comment"
    assert (table["segment"] == "comment").sum() >= 5
    body = set(who_speaks(table).query("segment == 'body'")["actor_id"])
    assert {"stent", "pushkov", "techau", "prystaiko", "putin"} <= body


def test_002_the_opinion_piece_is_the_author_s_own_voice(corpus, seed_voices):
    table = seed_voices["002"]
    assert len(table) <= 2
    assert table["words"].sum() < 50


def test_003_a_quotation_with_no_speaker(corpus, seed_voices):
    table = seed_voices["003"]
    nobody = voice_of(table, corpus["003"], "We do not support the presence")
    assert (nobody.speaker, nobody.resolved, nobody.named) == ("", "", False)
    assert voice_of(table, corpus["003"], "could also enable the Kremlin").speaker == "NYT"
    summary = voice_summary(table).iloc[0]
    assert summary["unattributed_voices"] == 1


# ----------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    ['"', "“", "”", "«", "»", "‘", "’", "'", "\n", "\n\n", " ", ",", ".", ":", "said", "says",
     "he", "Lavrov", "according to", "Ortiz", "that", "We", "win", "told", "Reuters", "a"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map(" ".join))
def test_never_raises_and_offsets_stay_in_bounds(text):
    table = find_quotations(text)
    assert_well_formed(text, table)
    for row in table.itertuples():
        assert row.words >= 1 or row.kind == "scare"


# ------------------------------------------------------------ shapes of pages never seen before


def voice_rows(text, columns=("speaker", "resolved", "relay")):
    table = voices(Source.from_text(text, source_id="shape"))
    return [tuple(row) for row in table[list(columns)].itertuples(index=False)]


def test_a_relay_is_who_passed_the_words_on():
    text = "Talks failed on Monday, according to military sources in Minsk cited by Belta."
    assert said(text) == [("reported", "military sources in Minsk", "Talks failed on Monday")]
    assert find_quotations(text)["relay"].tolist() == ["Belta"]
    # an outlet told is a relay; a listener who is no outlet is not
    assert find_quotations("Orlov told Anadolu Agency the road was open.")["relay"].tolist() == [
        "Anadolu Agency"
    ]
    assert find_quotations("Orlov told Secretary Lund the road was open.")["relay"].tolist() == [""]
    # a channel-only marker beside a speaker is that speaker's relay
    text = "The road was cut, according to a Guards statement, the Fars news agency reported."
    assert voice_rows(text) == [
        ("a Guards statement", "a Guards statement", "the Fars news agency")
    ]


def test_quoted_as_saying_gives_the_quote_to_the_person_and_the_relay_to_the_outlet():
    text = "The Daily Star quoted Omar Haddad, a spokesman, as saying the talks “are over for now.”"
    table = find_quotations(text)
    assert table[["speaker", "relay"]].values.tolist() == [["Omar Haddad", "The Daily Star"]]


def test_a_quote_paragraph_after_an_attributed_one_continues_its_speaker():
    text = "“We agreed on two steps,” said Lund.\n\n“It is possible to restore the truce now.”"
    table = find_quotations(text)
    assert table[["speaker", "cue"]].values.tolist() == [["Lund", "said"], ["Lund", "continued"]]


def test_a_short_description_points_back_to_the_full_name_given_before():
    text = (
        "The Syrian Observatory for Human Rights said 12 people died. "
        "Rescuers were still digging, the observatory added."
    )
    assert voice_rows(text, ("speaker", "resolved"))[1] == (
        "the observatory",
        "The Syrian Observatory for Human Rights",
    )
    text = (
        "Major General Ivan Orlov said the base was safe. “All our men are well,” the general said."
    )
    assert voice_rows(text, ("speaker", "resolved"))[1] == (
        "the general",
        "Major General Ivan Orlov",
    )


def test_a_pronoun_stands_for_a_name_not_for_a_description():
    text = (
        "Arno Vist said the border would close. A Kurdish official also accused Ankara of "
        "trading oil. “Ten million dollars a month,” he said."
    )
    assert voice_rows(text, ("speaker", "resolved"))[-1] == ("he", "Arno Vist")


def test_an_acronym_is_not_a_pronoun():
    assert voice_rows("Back in May, the US said it respected the pact.")[0][:2] == ("US", "US")


def test_countries_listed_before_a_described_speaker_are_not_the_speaker():
    text = "Belarus, Armenia, Georgia and Moldova will share data, a senior official said."
    assert voice_rows(text, ("speaker", "named", "actor_id")) == [("a senior official", False, "")]


def test_media_in_a_capital_are_media_not_the_state():
    rows = voice_rows("Media in Moscow report that the talks failed.", ("speaker", "actor_id"))
    assert rows == [("Media in Moscow", "")]


def test_a_place_before_an_inverted_monitor_is_not_the_speaker():
    text = "The clashes killed 70 people south of Hama, a monitor said on Friday."
    assert said(text) == [("reported", "a monitor", "The clashes killed 70 people south of Hama")]


def test_words_before_the_verb_when_after_it_comes_only_when_or_an_aside():
    text = "The town fell on Sunday, both sides said, as the army tried to push back."
    assert said(text) == [("reported", "both sides", "The town fell on Sunday")]


def test_a_participle_goes_on_with_the_subject_of_its_sentence():
    text = "Premier Lena Ruiz defended the deal, saying it was needed, adding that she was glad."
    assert [(kind, who) for kind, who, _ in said(text)] == [
        ("reported", "Premier Lena Ruiz"),
        ("reported", "Premier Lena Ruiz"),
    ]


def test_two_speakers_in_one_sentence_each_get_their_own_words():
    text = (
        "Inside Homs, where Russia said it extended a truce until Monday, rebels said the army "
        "shelled their posts."
    )
    assert said(text) == [
        ("reported", "Russia", "it extended a truce until Monday"),
        ("reported", "rebels", "the army shelled their posts"),
    ]


def test_this_was_announced_by_gives_the_sentence_before_to_the_speaker():
    text = "Any strike on the base is a threat.\n\nThis was announced by spokesman Ivo Orlov."
    assert said(text) == [("reported", "spokesman Ivo Orlov", "Any strike on the base is a threat")]


def test_a_transcript_label_gives_the_turn_to_its_speaker():
    text = (
        "FOREIGN MINISTER ORLOV: Thank you all for coming today.\n\n"
        "We believe the plan will hold.\n\nMODERATOR: Next question, please."
    )
    table = find_quotations(text)
    assert table[["speaker", "cue"]].values.tolist() == [
        ["Foreign Minister Orlov", "label"],
        ["Moderator", "label"],
    ]
    first = table.iloc[0]
    assert text[first.quote_start : first.quote_end].endswith("the plan will hold.")
    assert find_quotations("MOSCOW: Talks resumed on Monday.").empty  # a dateline names no one


def test_no_speaker_is_invented_where_the_attribution_is_cut_off_or_passive():
    text = "“The talks are over and we will leave the city tomorrow,” the"
    assert said(text) == [("direct", "", "The talks are over and we will leave the city tomorrow,")]
    text = "The convoy is reported to have turned back at the border."
    assert said(text) == [
        ("reported", "", "The convoy is reported to have turned back at the border")
    ]
    assert voice_rows(text, ("speaker", "resolved", "named")) == [("", "", False)]


def test_voices_is_public_on_the_package_face():
    import helpers

    assert helpers.voices is voices
    assert "relay" in helpers.voices("Orlov told Anadolu Agency it failed.").columns
