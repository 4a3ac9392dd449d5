"""helpers.network.sentences: the sentence splitter co-mention graphs count in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import load_corpus
from helpers.network import (
    sentence_spans,
)

CORPUS = load_corpus()


# sentences -------------------------------------------------------------------------------------


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
def test_sentence_splitter_handles_abbreviations_initials_quotes_and_line_breaks(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


@given(st.text(alphabet="ab AB.?!\n“”U.S", max_size=80))
def test_sentences_are_ordered_trimmed_and_cover_every_visible_character(text):
    spans = sentence_spans(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert text[start:end] == text[start:end].strip()
        covered.update(range(start, end))
        previous_end = end
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered


def test_sentence_spans_point_into_the_raw_seed_text():
    source = CORPUS["001"]
    spans = sentence_spans(source)
    sentence = "Now the battlefield has changed substantially over the past 10 months."
    start = source.text.index(sentence)
    assert (start, start + len(sentence)) in spans
