"""The course's reference ratings: one defensible Admiralty rating per source and per key claim.

Checks what data/README.md promises about data/reference_ratings.csv and what
helpers.tables.read_reference_ratings() returns.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.agreement import disagreement_table, ratings_matrix
from helpers.annotations import COLUMNS, latest_annotations, parse_evidence
from helpers.paths import data_dir
from helpers.scales import codes
from helpers.tables import (
    QUOTE_SEPARATOR,
    REFERENCE_ANNOTATOR,
    REFERENCE_RATINGS_COLUMNS,
    TableError,
    read_reference_ratings,
)

COMMENT_SEEDS = {"001", "004"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def ref(corpus):
    return read_reference_ratings(corpus=corpus)


@pytest.fixture(scope="module")
def raw_rows():
    with open(data_dir() / "reference_ratings.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _seed(source_id: str) -> str:
    return source_id[:3]


def test_the_file_has_the_documented_columns_and_the_result_is_annotation_shaped(ref, raw_rows):
    assert list(raw_rows[0]) == REFERENCE_RATINGS_COLUMNS
    assert list(ref.columns) == [*COLUMNS, "claim", "evidence_quotes"]
    assert len(ref) == len(raw_rows)
    assert (ref["annotator"] == REFERENCE_ANNOTATOR).all()
    assert ref["timestamp"].nunique() == 1
    assert ref["timestamp"].iloc[0].endswith("+00:00")


def test_every_seed_has_exactly_one_article_level_row(ref, corpus):
    articles = ref[(ref["level"] == "source") & (ref["target"] == "article")]
    assert sorted(articles["source_id"]) == sorted(source.id for source in corpus)
    assert articles["source_id"].is_unique
    assert (articles["credibility"] == "").all()


def test_comment_sections_are_rated_for_001_and_004_only_and_as_cannot_be_judged(ref):
    comments = ref[(ref["level"] == "source") & (ref["target"] == "comments")]
    assert set(comments["source_id"].map(_seed)) == COMMENT_SEEDS
    assert len(comments) == len(COMMENT_SEEDS)
    assert (comments["reliability"] == "F").all()
    source_rows = ref[ref["level"] == "source"]
    assert set(source_rows["target"]) == {"article", "comments"}


def test_there_are_at_least_ten_claims_two_or_three_per_seed(ref, corpus):
    claims = ref[ref["level"] == "claim"]
    assert len(claims) >= 10
    per_seed = claims.groupby("source_id").size()
    assert set(per_seed.index) == {source.id for source in corpus}
    assert per_seed.between(2, 3).all()
    assert claims["target"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    assert (claims["claim"].str.strip() != "").all()


def test_every_quote_is_verbatim_and_every_span_shows_its_quote(ref, corpus):
    for row in ref.itertuples():
        text = corpus[row.source_id].text
        quotes = row.evidence_quotes.split(QUOTE_SEPARATOR)
        spans = parse_evidence(row.evidence)
        assert quotes and len(spans) == len(quotes), row.target
        for quote, (start, end) in zip(quotes, spans, strict=True):
            assert quote in text, (row.source_id, quote)
            assert text[start:end] == quote
            assert start == text.find(quote)  # occurrence 1


def test_quotes_keep_invisible_characters_such_as_the_no_break_space_in_002(ref):
    bio = ref[(ref["source_id"].str.startswith("002")) & (ref["target"] == "article")]
    assert "Haid Haid\u00a0is a Syrian columnist" in bio["evidence_quotes"].iloc[0]


def test_codes_are_valid_and_fill_the_right_columns(ref):
    sources = ref[ref["level"] == "source"]
    claims = ref[ref["level"] == "claim"]
    assert sources["reliability"].isin(codes("reliability")).all()
    assert (sources["credibility"] == "").all()
    assert (sources["claim"] == "").all()
    assert claims["credibility"].isin(codes("credibility")).all()
    assert claims["reliability"].isin(codes("reliability")).all()
    assert (ref["rationale"].str.strip() != "").all()


def test_a_claim_repeats_its_seeds_source_rating(ref):
    articles = ref[(ref["level"] == "source") & (ref["target"] == "article")]
    rating = dict(zip(articles["source_id"], articles["reliability"], strict=True))
    claims = ref[ref["level"] == "claim"]
    for row in claims.itertuples():
        assert row.reliability == rating[row.source_id], row.target


def test_a_confirmed_claim_names_another_seed_or_a_dated_public_source(ref):
    """Other information is the other seeds and the public record: a 1 names either a second,
    different seed, or outside knowledge with a dated public source."""
    confirmed = ref[(ref["level"] == "claim") & (ref["credibility"] == "1")]
    assert len(confirmed) >= 1
    by_outside = 0
    for row in confirmed.itertuples():
        named = set(re.findall(r"\bseed (\d{3})\b", row.rationale)) - {_seed(row.source_id)}
        dated = re.search(r"\b(19|20)\d\d\b", row.rationale)
        outside = "outside knowledge" in row.rationale and dated
        assert named or outside, row.target
        by_outside += not named
    assert by_outside >= 1  # the Sinai claim: confirmed by the public record alone


def test_the_aggregator_is_rated_e_and_the_other_reading_f_is_stated(ref):
    row = ref[(ref["source_id"].str.startswith("003")) & (ref["target"] == "article")].iloc[0]
    assert row["reliability"] == "E"
    assert "F" in row["rationale"] and "other reading" in row["rationale"]


def test_the_reference_compares_with_a_second_rater_through_the_agreement_tables(ref):
    other = ref.copy()
    other["annotator"] = "made-up-student"
    other["rationale"] = "A made-up second opinion for the test."
    other["timestamp"] = "2026-11-22T09:00:00+00:00"
    shift = {"B": "C", "C": "D", "E": "D", "1": "2", "2": "3", "3": "2"}
    for axis in ("reliability", "credibility"):
        other[axis] = other[axis].map(lambda code: shift.get(code, code))
    pooled = latest_annotations(pd.concat([ref[list(COLUMNS)], other[list(COLUMNS)]]))
    matrix = ratings_matrix(pooled)
    assert list(matrix.columns) == [REFERENCE_ANNOTATOR, "made-up-student"]
    assert matrix.loc["001_d05eff7ba99ae3f9 · article", REFERENCE_ANNOTATOR] == 2.0  # B
    assert pd.isna(matrix.loc["004_3ad1adf3fbf3dd5d · comments", REFERENCE_ANNOTATOR])  # F
    table = disagreement_table(pooled)
    assert set(table["unit"]) == set(matrix.index)
    assert table.loc[0, "range"] == 1.0
    assert REFERENCE_ANNOTATOR in " ".join(table["most_favourable"])
    claims = disagreement_table(pooled, axis="credibility", level="claim")
    assert len(claims) == (ref["level"] == "claim").sum()
    cannot = claims[claims["unit"].str.endswith("us-charged-60-militants")]
    assert cannot["n_cannot_judge"].tolist() == [2]


def _write_copy(tmp_path, raw_rows, change):
    rows = [dict(row) for row in raw_rows]
    change(rows)
    path = tmp_path / "reference_ratings.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REFERENCE_RATINGS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_misquoted_row_is_refused_naming_file_line_and_column(tmp_path, raw_rows, corpus):
    def misquote(rows):
        rows[3]["evidence_quotes"] += QUOTE_SEPARATOR + "the U.S. is being shunted"

    path = _write_copy(tmp_path, raw_rows, misquote)
    pattern = r"reference_ratings\.csv, line 5, column evidence_quotes: quote 'the U\.S\. is"
    with pytest.raises(TableError, match=pattern):
        read_reference_ratings(path, corpus=corpus)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("reliability", "G", r"line 3, column reliability: 'G' is not one of A, B"),
        ("credibility", "", r"line 3, column credibility: empty"),
        ("level", "paragraph", r"line 3, column level: 'paragraph'"),
        ("source_id", "999_unknown", r"line 3, column source_id: no source '999_unknown'"),
        ("rationale", " ", r"line 3, column rationale: empty"),
        ("target", "Not A Slug", r"line 3, column target: 'Not A Slug' is not a slug"),
        ("rationale", "two\nlines", r"line 3, column rationale: a line break"),
    ],
)
def test_bad_values_are_refused_naming_line_and_column(
    tmp_path, raw_rows, corpus, column, value, message
):
    def spoil(rows):
        assert rows[1]["level"] == "claim"
        rows[1][column] = value

    path = _write_copy(tmp_path, raw_rows, spoil)
    with pytest.raises(TableError, match=r"reference_ratings\.csv, " + message):
        read_reference_ratings(path, corpus=corpus)


def test_a_claim_whose_reliability_differs_from_its_seeds_rating_is_refused(
    tmp_path, raw_rows, corpus
):
    def spoil(rows):
        rows[1]["reliability"] = "A"

    path = _write_copy(tmp_path, raw_rows, spoil)
    with pytest.raises(TableError, match=r"line 3, column reliability: 'A' differs .* 'C'"):
        read_reference_ratings(path, corpus=corpus)


def test_a_source_row_with_a_credibility_is_refused(tmp_path, raw_rows, corpus):
    def spoil(rows):
        assert rows[0]["level"] == "source"
        rows[0]["credibility"] = "2"

    path = _write_copy(tmp_path, raw_rows, spoil)
    with pytest.raises(TableError, match=r"line 2, column credibility: '2' on a source row"):
        read_reference_ratings(path, corpus=corpus)


def test_every_column_and_the_meaning_of_f_and_6_are_documented_in_the_data_readme(root):
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## reference_ratings.csv", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    assert set(REFERENCE_RATINGS_COLUMNS) <= documented
    assert "not an answer key" in section
    assert "cannot be judged" in section
    assert "described, not scored" in section
