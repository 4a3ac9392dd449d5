"""Text reuse: shared wording is found, mapped back to the raw texts, and nothing is invented."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Source, load_corpus
from helpers.reuse import common_passages, ngram_overlap, reuse_table, word_tokens

WIRE = (
    "Iraq said on Sunday it would share intelligence on the Islamic State group with Russia, "
    "Iran and Syria. The military command in Baghdad said the new centre would focus on "
    "monitoring the movements of militants across the border with Syria. Officials in "
    "Washington said they were not consulted and that cooperation with Russia was limited to "
    "avoiding accidents in the air over Syria. Russia has moved aircraft, tanks and troops to an "
    "airbase near the coastal city of Latakia in recent weeks, according to officials."
)
SPUN = WIRE.replace("with Russia, Iran", "with Russian Federation, Iran").replace(
    "to an airbase", "to an air base"
)
PARAPHRASE = (
    "Baghdad announced an intelligence-sharing arrangement covering Islamic State with Moscow, "
    "Tehran and Damascus. A joint cell in the Iraqi capital is to track fighters moving over "
    "the Syrian frontier. American officials complained they had not been told, and said their "
    "contacts with the Kremlin only aimed to prevent mid-air incidents. Moscow recently sent "
    "planes, armour and soldiers to a base close to Latakia, officials say."
)
UNRELATED = (
    "The harvest festival opens on Friday with a parade of tractors through the old market "
    "square, followed by a baking contest judged by the mayor and two retired schoolteachers."
)


def words_of(text: str) -> list[str]:
    return [w for w, _, _ in word_tokens(text)]


def as_pairs(table, swap=False):
    a, b = ("b", "a") if swap else ("a", "b")
    return sorted(
        zip(
            table[f"{a}_start"],
            table[f"{a}_end"],
            table[f"{b}_start"],
            table[f"{b}_end"],
            table["words"],
            strict=True,
        )
    )


# ----------------------------------------------------------------------------- tokens


def test_word_tokens_are_lowercased_keep_accents_strip_punctuation_and_point_into_raw_text():
    text = "“Russia’s” CAFÉ—café, don't Assad’s 4½-year (al-Abadi)."
    tokens = word_tokens(text)
    assert [t for t, _, _ in tokens] == [
        "russias",
        "café",
        "café",
        "dont",
        "assads",
        "4½",
        "year",
        "al",
        "abadi",
    ]
    for token, start, end in tokens:
        assert word_tokens(text[start:end])[0][0] == token


def test_word_tokens_accept_a_source_and_treat_decomposed_accents_as_composed():
    source = Source.from_text("Cafe\u0301 opened", source_id="s")
    assert word_tokens(source) == [("café", 0, 5), ("opened", 6, 12)]


def test_bad_arguments_are_refused_with_a_clear_message():
    with pytest.raises(TypeError, match="a: expected a Source or a str, got int"):
        ngram_overlap(3, "text")
    with pytest.raises(ValueError, match="min_words must be a whole number"):
        common_passages("a", "b", min_words=0)
    with pytest.raises(ValueError, match="n must be a whole number"):
        ngram_overlap("a", "b", n=2.5)
    twin = Source.from_text("x", source_id="same")
    with pytest.raises(ValueError, match="unique; repeated: same"):
        reuse_table([twin, twin])


# ----------------------------------------------------------------------------- symmetry


def test_ngram_overlap_is_symmetric_and_containments_swap():
    ab, ba = ngram_overlap(WIRE, SPUN), ngram_overlap(SPUN, WIRE)
    assert ab["shared"] == ba["shared"] > 0
    assert ab["jaccard"] == ba["jaccard"]
    assert ab["containment_a"] == ba["containment_b"]
    assert ab["containment_b"] == ba["containment_a"]


def test_containment_shows_a_short_text_copied_into_a_long_one():
    excerpt = WIRE.split(". ")[1]
    r = ngram_overlap(excerpt, WIRE)
    assert r["containment_a"] == 1.0
    assert r["containment_b"] < 0.5
    assert r["jaccard"] == pytest.approx(r["shared"] / (r["shared"] / r["containment_b"]))


def test_common_passages_finds_the_same_passages_with_roles_swapped():
    ab, ba = common_passages(WIRE, SPUN), common_passages(SPUN, WIRE)
    assert len(ab) >= 3
    assert as_pairs(ab) == as_pairs(ba, swap=True)


def test_reuse_table_has_one_row_per_unordered_pair():
    sources = [
        Source.from_text(t, source_id=i)
        for i, t in [("wire", WIRE), ("spun", SPUN), ("para", PARAPHRASE), ("other", UNRELATED)]
    ]
    table = reuse_table(sources)
    assert len(table) == 6
    assert {frozenset(p) for p in zip(table["a"], table["b"], strict=True)} == {
        frozenset(p)
        for p in [
            ("wire", "spun"),
            ("wire", "para"),
            ("wire", "other"),
            ("spun", "para"),
            ("spun", "other"),
            ("para", "other"),
        ]
    }
    assert list(table.columns) == [
        "a",
        "b",
        "shared_ngrams",
        "jaccard",
        "containment_a",
        "containment_b",
        "longest_passage",
    ]
    assert (table.loc[0, "a"], table.loc[0, "b"]) == ("wire", "spun")
    assert list(table["longest_passage"]) == sorted(table["longest_passage"], reverse=True)
    longest = common_passages(WIRE, SPUN)["words"].max()
    assert table.loc[0, "longest_passage"] == longest


# ----------------------------------------------------------------------------- zero


def test_unrelated_paragraphs_share_nothing():
    assert ngram_overlap(WIRE, UNRELATED) == {
        "shared": 0,
        "jaccard": 0.0,
        "containment_a": 0.0,
        "containment_b": 0.0,
    }
    passages = common_passages(WIRE, UNRELATED)
    assert passages.empty
    assert list(passages.columns) == [
        "a_start",
        "a_end",
        "b_start",
        "b_end",
        "words",
        "text_a",
        "text_b",
    ]


def test_texts_shorter_than_the_window_give_zeros_not_errors():
    assert ngram_overlap("too short", "too short", n=5)["jaccard"] == 0.0
    assert common_passages("", "too short").empty


# ----------------------------------------------------------------------------- known answers


def test_partial_spinning_is_seen_through_between_the_substitutions():
    passages = common_passages(WIRE, SPUN)
    # The two edits cut the story into three runs; each is found whole.
    assert len(passages) == 3
    starts_ends = sorted(zip(passages["a_start"], passages["a_end"], strict=True))
    assert starts_ends == [
        (0, WIRE.index("with Russia, Iran") + len("with")),
        (WIRE.index("Iran and Syria"), WIRE.index("an airbase") + len("an")),
        (WIRE.index("near the coastal"), len(WIRE) - len(".")),
    ]
    # ...and no passage crosses a substituted word.
    for row in passages.itertuples():
        assert "Russian Federation" not in row.text_b
        assert "air base" not in row.text_b and "airbase" not in row.text_a
    # The unchanged mentions of Russia are inside found passages.
    assert sum(row.text_a.count("Russia") for row in passages.itertuples()) == 2


SYNONYMS = {
    "said": "stated",
    "share": "exchange",
    "officials": "authorities",
    "militants": "fighters",
    "border": "frontier",
    "troops": "soldiers",
    "new": "fresh",
    "city": "town",
    "weeks": "days",
    "limited": "restricted",
    "focus": "concentrate",
    "consulted": "asked",
}


def test_synonym_swaps_break_passages_at_every_swapped_word():
    swapped = re.sub(r"\w+", lambda m: SYNONYMS.get(m.group(), m.group()), WIRE)
    passages = common_passages(WIRE, swapped)
    assert list(passages["words"]) == [16, 14]
    for row in passages.itertuples():
        assert not set(words_of(row.text_a)) & set(SYNONYMS)
        assert not set(words_of(row.text_b)) & set(SYNONYMS.values())
    assert passages["words"].max() < common_passages(WIRE, SPUN)["words"].max()


def test_a_word_changed_every_sixth_word_leaves_no_eight_word_passage():
    words = WIRE.split()
    changed = " ".join(w if k % 6 else w + "x" for k, w in enumerate(words))
    assert common_passages(WIRE, changed).empty
    assert not common_passages(WIRE, changed, min_words=5).empty


def test_a_paraphrase_with_no_shared_eight_word_run_yields_no_passage():
    assert common_passages(WIRE, PARAPHRASE).empty
    assert ngram_overlap(WIRE, PARAPHRASE)["shared"] == 0


def test_a_passage_repeated_in_one_text_is_reported_once_per_pairing():
    line = "Read more stories like this one on our website today"
    a = f"Opening words here. {line}."
    b = f"{line}. Something else entirely in between the two. {line}!"
    passages = common_passages(a, b)
    assert len(passages) == 2
    assert set(passages["text_b"]) == {line}
    assert passages["a_start"].nunique() == 1


def test_passages_are_maximal_and_sorted_longest_first():
    a = "alpha beta gamma delta epsilon zeta eta theta iota kappa. x y z "
    a += "one two three four five six seven eight"
    b = "Q alpha beta gamma delta epsilon zeta eta theta iota kappa R one two three four five "
    b += "six seven eight nine"
    passages = common_passages(a, b)
    assert list(passages["words"]) == [10, 8]
    assert passages.loc[0, "text_a"] == "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    assert passages.loc[1, "text_b"] == "one two three four five six seven eight"


def test_heavily_repeated_wording_is_refused_naming_it_rather_than_running_out_of_memory():
    boiler = "click here to subscribe now " * 4000
    with pytest.raises(ValueError, match="too many matching 8-word anchors.*'click here"):
        common_passages(boiler, boiler)


# ----------------------------------------------------------------------------- offsets


def test_every_offset_maps_back_to_the_same_words_on_both_sides():
    for a, b in [(WIRE, SPUN), (SPUN.upper(), WIRE.replace(",", " ;"))]:
        passages = common_passages(a, b, min_words=4)
        assert not passages.empty
        for row in passages.itertuples():
            assert a[row.a_start : row.a_end] == row.text_a
            assert b[row.b_start : row.b_end] == row.text_b
            assert words_of(row.text_a) == words_of(row.text_b)
            assert len(words_of(row.text_a)) == row.words


VOCAB = [
    "the",
    "army",
    "said",
    "Moscow",
    "café",
    "Łódź",
    "don’t",
    "strikes",
    "near",
    "Aleppo",
    "on",
    "Tuesday",
    "rebels",
    "claimed",
    "that",
    "2015",
    "al-Nusra",
    "were",
    "hit",
    "by",
    "jets",
    "Kremlin",
    "Ankara",
    "refugees",
    "border",
    "talks",
    "Geneva",
    "ceasefire",
    "écrit",
    "Über",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", " — ", "\n", " (", ") ", ": "]


@st.composite
def text_with_planted(draw, planted):
    """Random words with `planted` inserted; returns (text, start, end) of the planted words."""
    before = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=400))
    after = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=400))
    style = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
    pieces, start, end = [], 0, 0
    words = before + [None] + after
    length = 0
    for w in words:
        if w is None:
            start = length
            for k, p in enumerate(planted):
                rendered = style(p)
                pieces.append(rendered)
                length += len(rendered)
                if k < len(planted) - 1:
                    sep = draw(st.sampled_from(SEPARATORS))
                    pieces.append(sep)
                    length += len(sep)
            end = length
        else:
            pieces.append(w)
            length += len(w)
        sep = draw(st.sampled_from(SEPARATORS))
        pieces.append(sep)
        length += len(sep)
    return "".join(pieces), start, end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), planted=st.lists(st.sampled_from(VOCAB), min_size=8, max_size=20))
def test_a_planted_passage_in_long_random_texts_is_found_with_correct_offsets(data, planted):
    text_a, a0, a1 = data.draw(text_with_planted(planted), label="a")
    text_b, b0, b1 = data.draw(text_with_planted(planted), label="b")
    planted_words = words_of(" ".join(planted))
    passages = common_passages(text_a, text_b, min_words=8)
    covering = passages[
        (passages["a_start"] <= a0)
        & (passages["a_end"] >= a1)
        & (passages["b_start"] <= b0)
        & (passages["b_end"] >= b1)
    ]
    assert len(covering) >= 1
    row = covering.iloc[0]
    assert text_a[row.a_start : row.a_end] == row.text_a
    found = words_of(row.text_a)
    assert found == words_of(row.text_b)
    assert any(
        found[k : k + len(planted_words)] == planted_words
        for k in range(len(found) - len(planted_words) + 1)
    )
    # Symmetry holds on random input too.
    assert as_pairs(passages) == as_pairs(common_passages(text_b, text_a), swap=True)


# ----------------------------------------------------------------------------- seeds


def test_reuse_table_runs_on_the_five_seeds():
    corpus = load_corpus()
    table = reuse_table(corpus)
    assert len(table) == 10
    assert table["jaccard"].between(0, 1).all()
    # The seeds share no 8-word run: the wire stories that 003 lifted from are not in the
    # corpus. This records the finding; it is not a target to tune towards.
    assert (table["longest_passage"] < 8).all()


def test_word_substitutions_find_a_planted_label_swap_in_either_direction():
    from helpers.reuse import word_substitutions

    base = "The regime bombed the town held by IS, a monitor said on Thursday evening."
    spun = (
        "The Syrian government bombed the town held by Daesh, a monitor said on Thursday evening."
    )
    forward = word_substitutions(base, spun)
    assert {(r.in_a, r.in_b) for r in forward.itertuples()} == {
        ("regime", "Syrian government"),
        ("IS", "Daesh"),
    }
    backward = word_substitutions(spun, base)
    assert {(r.in_b, r.in_a) for r in backward.itertuples()} == {
        (r.in_a, r.in_b) for r in forward.itertuples()
    }
    assert word_substitutions(base, base).empty
