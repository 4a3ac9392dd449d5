"""One sentence splitter: the rules every module reads sentences by."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.network
from helpers.corpus import Source, load_corpus
from helpers.sentences import paragraph_spans, sentence_cuts, sentence_spans


def sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lavrov met Gen. Votel in Geneva.",
        "The U.S. President spoke to U.N. officials.",
        "It was 9 a.m. when John F. Kennedy arrived.",
        "Resolution No. 2254 was passed on Sept. 11.",
        "The deal was “final.” and stayed so.",
    ],
)
def test_abbreviations_titles_and_initials_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_sentence_ends_at_marks_before_a_capital_or_digit_and_at_line_breaks():
    text = "Talks failed. “We left,” he said! Why? 2016 was hard.\nNext line"
    assert sentences(text) == [
        "Talks failed.",
        "“We left,” he said!",
        "Why?",
        "2016 was hard.",
        "Next line",
    ]


def test_a_dotted_abbreviation_ends_a_sentence_only_before_a_usual_starter():
    assert sentences("He left the U.S. The talks went on.") == [
        "He left the U.S.",
        "The talks went on.",
    ]
    assert sentences("He left the U.S. Kerry said so.") == ["He left the U.S. Kerry said so."]


def test_reference_marks_stay_with_their_sentence():
    text = "It was formed in Baghdad.[3][4] It was formed in 2015."
    assert sentences(text) == ["It was formed in Baghdad.[3][4]", "It was formed in 2015."]


def test_hard_wrapped_lines_and_lower_case_starts_stay_in_one_sentence():
    text = "Talks in Astana\nstalled on Monday. and then resumed.\n\nNew paragraph."
    assert sentences(text) == [
        "Talks in Astana\nstalled on Monday. and then resumed.",
        "New paragraph.",
    ]
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Talks in Astana\nstalled on Monday. and then resumed.",
        "New paragraph.",
    ]


def test_cuts_are_where_spans_end_and_network_reexports_the_splitter():
    text = "Mr. Lavrov spoke. Talks failed.\nNext."
    assert sentence_cuts(text) == [17, 31]
    assert helpers.network.sentence_spans is sentence_spans
    source = Source.from_text(text)
    assert sentence_spans(source) == sentence_spans(text)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="expected a Source or a str, got int"):
        sentence_spans(3)


def test_seed_sentences_point_into_the_raw_text_in_order():
    for source in load_corpus():
        spans = sentence_spans(source)
        assert all(0 <= s < e <= len(source.text) for s, e in spans)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
        assert all(source.text[s:e] == source.text[s:e].strip() for s, e in spans)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab AB.!?…\n“”\"'()[]0U.S", max_size=200))
def test_on_any_text_spans_are_ordered_trimmed_and_cover_every_word(text):
    spans = sentence_spans(text)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Russia struck. The U.S. objected.", ["Russia struck.", "The U.S. objected."]),
        ("The U.S. President spoke. Russia too.", ["The U.S. President spoke.", "Russia too."]),
        ("Troops left the U.S. The talks ended.", ["Troops left the U.S.", "The talks ended."]),
        ("John F. Kennedy came. He left.", ["John F. Kennedy came.", "He left."]),
        ("Mr. Assad and Gen. Soleimani met.", ["Mr. Assad and Gen. Soleimani met."]),
        ("Why? Because ISIS. NATO said no!", ["Why?", "Because ISIS.", "NATO said no!"]),
        ("“We won.” Putin said.", ["“We won.”", "Putin said."]),
        ("It fell (as feared.) Then quiet.", ["It fell (as feared.)", "Then quiet."]),
        ("Headline without stop\nBody text.", ["Headline without stop", "Body text."]),
        ("A hard-wrapped line\ncontinues here.", ["A hard-wrapped line\ncontinues here."]),
        ("Score 3.5 points. 2016 was bad.", ["Score 3.5 points.", "2016 was bad."]),
        ("See No. 5 and e.g. this.", ["See No. 5 and e.g. this."]),
    ],
)
def test_worked_cases_of_abbreviations_initials_quotes_and_line_breaks(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences
