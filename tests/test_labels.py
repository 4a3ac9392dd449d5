"""The labels lexicon, label counts traced to their passages, and Entman framing coded per seed."""

from __future__ import annotations

import csv
import re
from itertools import combinations

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.labels import (
    CONNOTATION_VALUES,
    FRAMING_COLUMNS,
    FUNCTIONS,
    LABEL_COLUMNS,
    accepted_functions,
    find_labels,
    label_choices,
    label_passages,
    read_framing,
    read_labels,
)
from helpers.tables import TableError

# Terms whose pattern needs more than the bare word: a title needs its holder's name, and
# 'government' needs a Syrian qualifier. Every other term is found as written.
EXAMPLES = {
    ("syrian-government", "government"): "Syrian government",
    ("assad", "President"): "President Assad",
    ("assad", "dictator"): "dictator Bashar al-Assad",
    ("assad", "Mr."): "Mr. Assad",
    ("putin", "President"): "President Putin",
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def labels():
    return read_labels()


@pytest.fixture(scope="module")
def framing(corpus):
    return read_framing(corpus=corpus)


def _write(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# --------------------------------------------------------------------------- the lexicon


def test_the_lexicon_has_25_to_50_terms_with_documented_connotations(labels):
    # 48 since "liberation", "shabiha" and "martyr" joined: words whose load is in the choice
    assert 25 <= len(labels) <= 50
    assert set(labels["connotation"]) <= set(CONNOTATION_VALUES)
    assert labels["note"].str.strip().ne("").all()
    assert not labels.duplicated(["concept", "term"]).any()


def test_the_contested_pairs_of_the_issue_are_in_the_lexicon(labels):
    pairs = set(zip(labels["concept"], labels["term"], strict=True))
    for pair in [
        ("syrian-government", "regime"),
        ("syrian-government", "government"),
        ("assad", "President"),
        ("assad", "dictator"),
        ("armed-groups", "rebels"),
        ("armed-groups", "opposition"),
        ("armed-groups", "terrorists"),
        ("armed-groups", "jihadists"),
        ("islamic-state", "Daesh"),
        ("islamic-state", "Islamic State"),
        ("military-action", "intervention"),
        ("military-action", "invasion"),
        ("military-action", "liberation"),
        ("armed-groups", "shabiha"),
        ("the-dead", "martyr"),
    ]:
        assert pair in pairs


def test_every_pattern_compiles(labels):
    for pattern in labels["pattern"]:
        re.compile(pattern)


@pytest.mark.parametrize("row", read_labels().to_dict("records"), ids=lambda r: r["term"])
def test_every_pattern_finds_its_own_term_in_a_sentence(row):
    example = EXAMPLES.get((row["concept"], row["term"]), row["term"])
    sentence = f"Yesterday they wrote of {example} in the report."
    found = find_labels(sentence)
    at = sentence.index(example)
    hit = found[(found["start"] <= at) & (found["end"] > at)]
    assert hit[["concept", "term"]].values.tolist() == [[row["concept"], row["term"]]]


def test_no_two_terms_of_one_concept_match_the_same_span(labels, corpus):
    texts = [s.text for s in corpus]
    texts.append(
        " ".join(
            EXAMPLES.get((c, t), t) for c, t in zip(labels["concept"], labels["term"], strict=True)
        )
    )
    for concept, terms in labels.groupby("concept"):
        spans = {
            row.term: {
                (m.start(), m.end()) for text in texts for m in re.finditer(row.pattern, text)
            }
            for row in terms.itertuples()
        }
        for a, b in combinations(spans, 2):
            assert not spans[a] & spans[b], f"{concept}: {a!r} and {b!r} match the same span"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("pattern", "(unclosed", "column pattern: '(unclosed' does not compile"),
        ("pattern", r"\s*", "matches the empty string"),
        ("concept", "Syrian Government", "column concept: 'Syrian Government' is not a slug"),
        ("connotation", "pejorative", "column connotation: 'pejorative' is not one of"),
        ("note", "", "column note: is empty"),
    ],
)
def test_a_malformed_lexicon_row_is_refused_naming_file_line_and_column(
    tmp_path, column, value, message
):
    good = {
        "concept": "syrian-government",
        "term": "regime",
        "pattern": r"(?i)\bregime\b",
        "connotation": "delegitimising",
        "note": "n",
    }
    path = _write(
        tmp_path / "mine.csv", LABEL_COLUMNS, [good, {**good, "term": "x", column: value}]
    )
    with pytest.raises(
        TableError, match=re.escape("mine.csv, line 3, ") + ".*" + re.escape(message)
    ):
        read_labels(path)


def test_a_term_listed_twice_for_one_concept_is_refused(tmp_path):
    row = {"concept": "c", "term": "t", "pattern": "t", "connotation": "neutral", "note": "n"}
    path = _write(tmp_path / "mine.csv", LABEL_COLUMNS, [row, row])
    with pytest.raises(TableError, match="mine.csv, line 3, column term: 't' is listed again"):
        read_labels(path)


# --------------------------------------------------------------------------- finding labels


def test_offsets_point_into_the_raw_text_and_never_overlap(corpus):
    for source in corpus:
        found = find_labels(source)
        assert (
            found["surface"]
            == [source.text[s:e] for s, e in zip(found["start"], found["end"], strict=True)]
        ).all()
        assert found["start"].is_monotonic_increasing
        assert (found["start"].iloc[1:].to_numpy() >= found["end"].iloc[:-1].to_numpy()).all()


def test_capitals_only_acronyms_do_not_match_ordinary_words():
    found = find_labels("This is what IS is: ISIS, not isis. WHAT IS NEXT")
    assert found[["term", "start"]].values.tolist() == [["IS", 13], ["ISIS", 20]]


def test_case_rules_follow_each_pattern():
    found = find_labels(
        "THE REGIME and the Regime; DAESH or Daesh; islamic state is not Islamic State."
    )
    assert found["surface"].tolist() == ["REGIME", "Regime", "DAESH", "Daesh", "Islamic State"]


def test_the_longest_match_wins():
    text = "The Islamic State group, the so-called \u201cmoderate\u201d rebels and Shia militiamen."
    found = find_labels(text)
    assert found[["term", "surface"]].values.tolist() == [
        ["Islamic State group", "Islamic State group"],
        ["so-called moderate", "so-called \u201cmoderate\u201d"],
        ["rebels", "rebels"],
        ["Shia militias", "Shia militiamen"],
    ]


def test_acts_and_policies_are_not_counted_as_labels_for_groups():
    text = "Terrorist attacks, regime change and a proxy war; the regime hit terrorists."
    assert find_labels(text)["surface"].tolist() == ["regime", "terrorists"]


def test_find_labels_takes_a_student_lexicon(tmp_path):
    row = {
        "concept": "army",
        "term": "SAA",
        "pattern": r"\bSAA\b",
        "connotation": "official",
        "note": "n",
    }
    path = _write(tmp_path / "mine.csv", LABEL_COLUMNS, [row])
    assert find_labels("The SAA and the regime.", labels=path)["term"].tolist() == ["SAA"]


# --------------------------------------------------------------------------- counts and passages


def test_every_count_is_the_number_of_its_passages(corpus):
    choices = label_choices(corpus)
    assert (choices["count"] >= 1).all()
    for row in choices.itertuples():
        source = corpus[row.source_id]
        rows = label_passages(source, row.concept, row.term, segment_kind=row.segment)
        assert len(rows) == row.count
        assert (
            rows["surface"]
            == [source.text[s:e] for s, e in zip(rows["start"], rows["end"], strict=True)]
        ).all()
        assert all(p.count(s) >= 1 for p, s in zip(rows["passage"], rows["surface"], strict=True))


def test_counts_without_segments_add_up_to_the_counts_with_them(corpus):
    with_parts = label_choices(corpus).groupby(["source_id", "concept", "term"])["count"].sum()
    whole = label_choices(corpus, segments=False)
    assert set(whole["segment"]) == {"all"}
    assert (
        whole.set_index(["source_id", "concept", "term"])["count"]
        .sort_index()
        .equals(with_parts.sort_index())
    )


def test_the_seeds_choose_differently(corpus):
    whole = label_choices(corpus, segments=False)
    count = whole.set_index(["source_id", "term"])["count"]

    def n(seed, term):
        return int(count.get((corpus[seed].id, term), 0))

    # 003 writes "Russian Federation" where its wire sources had "Russia"
    assert n("003", "Russian Federation") == 5 and n("003", "Russia") == 0
    # 002, an opinion piece by a Syrian writer, says "regime" far more than "government"
    assert n("002", "regime") > 10 * n("002", "government")
    # only 000 and 004 name the group "Daesh"; only 003 says "Islamic State group"
    assert {s for s in corpus.ids if n(s, "Daesh")} == {corpus["000"].id, corpus["004"].id}
    assert n("003", "Islamic State group") == 1


def test_reader_comments_are_counted_apart_from_the_article(corpus):
    choices = label_choices(corpus["004"])
    terrorists = choices[choices["term"] == "terrorists"].set_index("segment")["count"]
    assert terrorists.get("comment", 0) == 15 and terrorists.get("body", 0) == 0


def test_label_passages_refuses_an_unknown_term():
    with pytest.raises(KeyError, match="no term 'junta' for concept 'syrian-government'"):
        label_passages("text", "syrian-government", "junta")


def test_label_choices_of_plain_texts():
    table = label_choices({"a": "The regime fell.", "b": "Rebels and rebels."}, segments=False)
    assert table[["source_id", "term", "count"]].values.tolist() == [
        ["a", "regime", 1],
        ["b", "rebels", 2],
    ]


# --------------------------------------------------------------------------- framing


def test_every_framing_quote_is_its_span(framing, corpus):
    coded = framing[framing["quote"] != ""]
    for row in coded.itertuples():
        assert corpus[row.source_id].text[row.start : row.end] == row.quote


def test_every_seed_codes_all_four_functions_or_says_why_not(framing, corpus):
    article = framing[~framing["note"].str.lower().str.startswith("reader comment")]
    for source_id in corpus.ids:
        functions = set(article.loc[article["source_id"] == source_id, "function"])
        assert functions == set(FUNCTIONS), source_id


def test_the_two_comment_sections_are_coded_separately(framing, corpus):
    comments = framing[framing["note"].str.startswith("Reader comment")]
    for seed in ("001", "004"):
        functions = set(comments.loc[comments["source_id"] == corpus[seed].id, "function"])
        assert functions == set(FUNCTIONS), seed
    others = {corpus[s].id for s in ("000", "002", "003")}
    assert not set(comments["source_id"]) & others


def test_words_quoted_in_framing_notes_are_verbatim_from_a_seed(framing, corpus):
    texts = [s.text for s in corpus]
    for row in framing.itertuples():
        for quoted in re.findall("\u201c([^\u201d]*)\u201d", row.note):
            for part in quoted.split(" \u2026 "):
                part = part.strip("\u2026 ")
                assert not part or any(part in t for t in texts), (row.frame, part)


def _framing_row(corpus, **change):
    text = corpus["003"].text
    quote = "The United States considers Iran the most active state-sponsor of terrorism."
    start = text.index(quote)
    row = {
        "source_id": corpus["003"].id,
        "function": "moral evaluation",
        "frame": "Iran as sponsor of terrorism",
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "note": "relayed",
    }
    return {**row, **change}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"function": "diagnosis"}, "line 3, column function: 'diagnosis' is not one of"),
        ({"quote": "The United States"}, "line 3, column quote: does not match the source"),
        ({"start": "x"}, "line 3, column start: 'x' is not a whole number"),
        ({"source_id": "009"}, "line 3, column source_id: no source '009'"),
        (
            {"start": "", "end": "", "quote": ""},
            "line 3, column note: start, end and quote are empty",
        ),
        (
            {"note": "reader comment: JV"},
            "line 3, column note: the note starts with 'reader comment'",
        ),
        ({"frame": " "}, "line 3, column frame: is empty"),
        ({"alternatives": "diagnosis"}, "line 3, column alternatives: 'diagnosis' is not another"),
        ({"alternatives": "moral evaluation"}, "line 3, column alternatives: 'moral evaluation'"),
    ],
)
def test_a_malformed_framing_row_is_refused_naming_the_line(tmp_path, corpus, change, message):
    rows = [_framing_row(corpus), _framing_row(corpus, **change)]
    path = _write(tmp_path / "framing.csv", FRAMING_COLUMNS, rows)
    with pytest.raises(TableError, match=re.escape(f"framing.csv, {message}")):
        read_framing(path, corpus=corpus)


def test_recorded_alternatives_are_other_functions_the_note_argues(framing):
    with_others = framing[framing["alternatives"] != ""]
    assert len(with_others) >= 10
    for row in with_others.itertuples():
        others = row.alternatives.split(" | ")
        assert set(others) <= set(FUNCTIONS) and row.function not in others
        assert "Alternative" in row.note or "Also" in row.note, row.frame


def test_accepted_functions_are_the_coded_one_and_its_alternatives(framing):
    assert accepted_functions("002", "Iran intervened in Syria", framing) == {
        "causal interpretation"
    }
    assert accepted_functions("004", "French President François Hollande", framing) == {
        "treatment recommendation",
        "problem definition",
    }
    with pytest.raises(ValueError, match="0 framing rows of 003"):
        accepted_functions("003", "Not a passage", framing)


def test_a_no_passage_row_is_allowed_and_may_not_contradict_a_coded_row(tmp_path, corpus):
    empty = {"start": "", "end": "", "quote": "", "function": "treatment recommendation"}
    none = _framing_row(corpus, **empty, note="no passage: the page recommends nothing")
    path = _write(tmp_path / "framing.csv", FRAMING_COLUMNS, [_framing_row(corpus), none])
    table = read_framing(path, corpus=corpus)
    assert pd.isna(table.loc[1, "start"]) and table.loc[1, "quote"] == ""
    coded = _framing_row(corpus, function="treatment recommendation")
    path = _write(tmp_path / "framing.csv", FRAMING_COLUMNS, [none, coded])
    with pytest.raises(TableError, match="framing.csv, line 3, column function: line 2 says"):
        read_framing(path, corpus=corpus)


def test_a_passage_in_a_reader_comment_must_say_so(tmp_path, corpus):
    text = corpus["001"].text
    quote = "US should support the Kurds in the Kurdish regions and Assad in the rest of Syria."
    start = text.index(quote)
    row = _framing_row(
        corpus,
        source_id=corpus["001"].id,
        start=start,
        end=start + len(quote),
        quote=quote,
        note="the article recommends it",
    )
    path = _write(tmp_path / "framing.csv", FRAMING_COLUMNS, [row])
    with pytest.raises(TableError, match="line 2, column note: the passage is in a reader comment"):
        read_framing(path, corpus=corpus)
