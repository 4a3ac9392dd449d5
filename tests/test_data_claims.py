"""data/claims.csv keeps the promises data/README.md makes for it."""

import re

import pandas as pd
import pytest

from helpers import load_corpus, segment
from helpers.claims import (
    CLAIM_TYPES,
    COMMENTER,
    STANCES,
    claim_list,
    corroboration,
    propose_credibility,
    read_claims,
)
from helpers.paths import data_dir
from helpers.tables import TableError, read_reference_ratings

CORPUS = load_corpus()
CLAIMS = read_claims(corpus=CORPUS)


def test_every_span_lies_in_its_source_and_matches_its_quote():
    for row in CLAIMS.itertuples():
        assert CORPUS[row.source_id].text[row.start : row.end] == row.quote, row.Index


def test_at_least_25_claims_of_every_type_and_stance():
    claims = claim_list(CLAIMS)
    assert len(claims) >= 25
    assert set(claims["type"]) == set(CLAIM_TYPES)
    assert set(CLAIMS["stance"]) == set(STANCES)


def test_every_seed_speaks_to_claims_and_some_claims_have_several_sources():
    assert set(CLAIMS["source_id"]) == set(CORPUS.ids)
    sources = claim_list(CLAIMS)["sources"]
    assert (sources >= 2).sum() >= 10
    assert (sources == 1).sum() >= 5


def test_the_reference_ratings_rate_claims_of_this_table_in_the_same_words():
    reference = read_reference_ratings(corpus=CORPUS)
    rated = reference[reference["level"] == "claim"]
    statements = claim_list(CLAIMS).set_index("claim_id")["statement"]
    raw = pd.read_csv(data_dir() / "reference_ratings.csv", dtype=str, keep_default_na=False)
    for row in raw[raw["level"] == "claim"].itertuples():
        assert row.target in statements.index, row.target
        assert statements[row.target] == row.claim, row.target
    assert len(rated) == len(raw[raw["level"] == "claim"])


def test_reader_comments_and_only_they_are_coded_as_commenters():
    for row in CLAIMS.itertuples():
        parts = segment(CORPUS[row.source_id])
        kind = parts[(parts["start"] <= row.start) & (row.start < parts["end"])]["kind"].iloc[0]
        assert (kind == "comment") == row.speaker.startswith(COMMENTER), (row.claim_id, kind)


def test_a_person_is_spelled_one_way_across_rows_and_seeds():
    named = {s for s in CLAIMS["speaker"] if s != "author" and ":" not in s}
    for short in named:
        longer = [n for n in named if n != short and n.endswith(" " + short)]
        assert not longer, f"{short!r} and {longer} name one person two ways"


def test_the_authors_own_voice_has_no_hands_between():
    own = CLAIMS[CLAIMS["speaker"] == "author"]
    assert (own["via"] == "").all()


def test_a_source_never_lists_itself_as_a_channel():
    outlets = {s.id: str(s.metadata.get("outlet", "")) for s in CORPUS}
    for row in CLAIMS.itertuples():
        hands = [h.strip() for h in row.via.split(">")] if row.via else []
        assert outlets[row.source_id] not in hands, (row.claim_id, row.source_id)


def test_words_quoted_in_a_note_are_verbatim_from_that_rows_seed_save_elisions():
    for row in CLAIMS.itertuples():
        for quoted in re.findall(r"“([^”]+)”", row.note):
            for piece in filter(None, (p.strip() for p in quoted.split("…"))):  # … elides
                assert piece in CORPUS[row.source_id].text, (row.claim_id, piece)


def test_proposals_exist_for_every_claim_and_follow_the_written_codes():
    proposals = propose_credibility(corroboration(CLAIMS, CORPUS))
    assert proposals["claim_id"].tolist() == claim_list(CLAIMS)["claim_id"].tolist()
    assert set(proposals["proposed"]) <= set("123456")


def test_a_hand_edited_copy_with_a_broken_quote_is_refused_naming_the_line(tmp_path):
    text = (data_dir() / "claims.csv").read_text(encoding="utf-8")
    first = CLAIMS.iloc[0]
    broken = tmp_path / "claims.csv"
    broken.write_text(text.replace(first["quote"], first["quote"][:-1] + "#", 1), encoding="utf-8")
    with pytest.raises(TableError, match=r"claims.csv, line 2, column quote: does not match"):
        read_claims(broken, corpus=CORPUS)
