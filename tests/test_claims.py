"""Corroboration: sources that support a claim count once per independent witness.

Built on small constructed corpora whose dependence is known, and on three real FA-KES articles
that print one news-agency story under three outlets' names.
"""

import pandas as pd
import pytest

from helpers.annotations import latest_annotations, load_annotations, save_annotation
from helpers.claims import (
    CLAIM_COLUMNS,
    admiralty_counts,
    check_claims,
    corroboration,
    credibility_table,
    dependence_links,
    propose_credibility,
    stance_matrix,
)
from helpers.corpus import Corpus, Source
from helpers.fakes import fakes_sources, load_fakes
from helpers.spans import find_quote
from helpers.tables import TableError

WIRE = (
    "Government helicopters dropped barrel bombs on the town on Thursday, killing at least "
    "eleven civilians including three children, a monitoring group said."
)
OWN_WORDS = "Our reporter in the town counted eleven dead after Thursday's raid by helicopters."
ANALYST = "Moscow wants above all to keep Assad in power, said Jane Roe of the Example Institute."
OTHER_ANALYST = "The Kremlin's real aim is that Assad survives, Jane Roe told Example Radio."
THIRD_ANALYST = "Russia intends to keep Assad in power, according to Rick Doe."


def make_corpus(**texts: str) -> Corpus:
    return Corpus([Source.from_text(text, source_id=sid) for sid, text in texts.items()])


def row(corpus, claim, source_id, quote, stance="asserts", speaker="author", via="", kind="event"):
    span = find_quote(corpus[source_id], quote)
    return {
        "claim_id": claim,
        "statement": f"Statement of {claim}.",
        "type": kind,
        "source_id": source_id,
        "stance": stance,
        "start": span.start,
        "end": span.end,
        "quote": quote,
        "speaker": speaker,
        "via": via,
        "note": "constructed",
    }


def relayed(corpus, source_id, quote, speaker, via="", claim="keep-assad", kind="intent"):
    return row(corpus, claim, source_id, quote, "reports-others-asserting", speaker, via, kind)


def claims_of(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)


def test_a_copied_wire_story_is_one_witness_and_an_own_report_is_another():
    corpus = make_corpus(
        a="Outlet A. " + WIRE,
        b=WIRE + " Outlet B adds nothing.",
        c="Outlet C. " + OWN_WORDS,
    )
    claims = claims_of(
        row(corpus, "eleven-killed", "a", WIRE, kind="quantity"),
        row(corpus, "eleven-killed", "b", WIRE, kind="quantity"),
        row(corpus, "eleven-killed", "c", OWN_WORDS, kind="quantity"),
    )
    result = corroboration(claims, corpus).iloc[0]
    assert result["supporting"] == ("a", "b", "c")
    assert result["witnesses"] == (("a", "b"), ("c",))
    assert any("a–b shared wording" in link for link in result["links"])
    assert propose_credibility(corroboration(claims, corpus))["proposed"].tolist() == ["1"]


def test_the_same_expert_in_two_outlets_is_one_witness_even_in_different_words():
    corpus = make_corpus(a=ANALYST, b=OTHER_ANALYST)
    claims = claims_of(
        relayed(corpus, "a", ANALYST, "Jane Roe"),
        relayed(corpus, "b", OTHER_ANALYST, "Jane Roe", "Example Radio"),
    )
    links = dependence_links(claims, corpus)
    assert links[["kind", "evidence"]].values.tolist() == [["same speaker", "Jane Roe"]]
    result = corroboration(claims, corpus).iloc[0]
    assert result["witnesses"] == (("a", "b"),)
    proposal = propose_credibility(corroboration(claims, corpus)).iloc[0]
    assert proposal["proposed"] == "2"
    assert "dependent" in proposal["rule"]


def test_two_independent_analysts_agreeing_on_an_aim_is_consistency_not_confirmation():
    corpus = make_corpus(a=ANALYST, c=THIRD_ANALYST)
    claims = claims_of(
        relayed(corpus, "a", ANALYST, "Jane Roe"),
        relayed(corpus, "c", THIRD_ANALYST, "Rick Doe"),
    )
    result = corroboration(claims, corpus).iloc[0]
    assert result["witnesses"] == (("a",), ("c",))
    proposal = propose_credibility(corroboration(claims, corpus)).iloc[0]
    assert proposal["proposed"] == "2"
    assert "consistency, not confirmation" in proposal["rule"]


def test_a_shared_channel_joins_two_sources_and_unnamed_channels_do_not():
    corpus = make_corpus(a="Eleven died, Interfax said.", b="Officials said eleven people died.")
    quote_a, quote_b = "Eleven died, Interfax said.", "Officials said eleven people died."
    same = claims_of(
        row(
            corpus, "x", "a", quote_a, "reports-others-asserting", "unnamed: officials", "Interfax"
        ),
        row(
            corpus, "x", "b", quote_b, "reports-others-asserting", "unnamed: officials", "Interfax"
        ),
    )
    assert corroboration(same, corpus).iloc[0]["witnesses"] == (("a", "b"),)
    unnamed = claims_of(
        row(
            corpus,
            "x",
            "a",
            quote_a,
            "reports-others-asserting",
            "unnamed: officials",
            "unnamed: media reports",
        ),
        row(
            corpus,
            "x",
            "b",
            quote_b,
            "reports-others-asserting",
            "unnamed: officials",
            "unnamed: media reports",
        ),
    )
    assert corroboration(unnamed, corpus).iloc[0]["witnesses"] == (("a",), ("b",))


def test_naming_another_sources_outlet_as_the_channel_is_citing_it():
    corpus = Corpus(
        [
            Source.from_text("Eleven people died in the raid.", "a", outlet="Daily Example"),
            Source.from_text("The Daily Example reports eleven dead.", "b"),
        ]
    )
    claims = claims_of(
        row(corpus, "x", "a", "Eleven people died in the raid."),
        row(
            corpus,
            "x",
            "b",
            "The Daily Example reports eleven dead.",
            "reports-others-asserting",
            "unnamed: the outlet",
            "Daily Example",
        ),
    )
    links = dependence_links(claims, corpus)
    assert "cites the other" in set(links["kind"])


def test_reader_comments_are_not_witnesses():
    corpus = make_corpus(a="Article: " + OWN_WORDS, b="Comment by Jack: eleven dead, I heard.")
    claims = claims_of(
        row(corpus, "x", "a", OWN_WORDS),
        row(corpus, "x", "b", "eleven dead, I heard.", speaker="commenter: Jack"),
    )
    result = corroboration(claims, corpus).iloc[0]
    assert result["supporting"] == ("a",)
    assert result["comments"] == ("b",)
    assert propose_credibility(corroboration(claims, corpus))["proposed"].tolist() == ["3"]


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        (["qualifies"], "6"),
        (["contests"], "5"),
        (["asserts", "contests"], "4"),
        (["asserts", "asserts", "contests"], "3"),
        (["asserts"], "3"),
        (["asserts", "qualifies"], "2"),
    ],
)
def test_proposals_follow_the_written_rules(stances, expected):
    texts = {
        f"s{i}": f"Witness number {i} has its own words about claim {i * 7}." for i in range(4)
    }
    corpus = make_corpus(**texts)
    claims = claims_of(
        *(row(corpus, "x", f"s{i}", texts[f"s{i}"], stance) for i, stance in enumerate(stances))
    )
    assert propose_credibility(corroboration(claims, corpus))["proposed"].tolist() == [expected]


def test_three_fakes_outlets_printing_one_agency_story_are_one_witness():
    fakes = load_fakes()
    wanted = fakes[fakes["article_title"].str.startswith("Barrel bombs kill 11")]
    assert sorted(wanted["source"]) == ["ahram", "alaraby", "jordantimes"]
    corpus = Corpus(fakes_sources(wanted))
    quote = "Since Saturday at least 68 civilians have been killed in aerial attacks on the town."
    claims = claims_of(
        *(
            row(
                corpus,
                "al-bab-68-killed",
                s.id,
                quote,
                "reports-others-asserting",
                "Syrian Observatory for Human Rights",
                kind="quantity",
            )
            for s in corpus
        )
    )
    links = dependence_links(claims, corpus)
    assert set(links["kind"]) == {"shared wording", "same speaker"}
    result = corroboration(claims, corpus).iloc[0]
    assert len(result["supporting"]) == 3
    assert len(result["witnesses"]) == 1


def test_stance_matrix_joins_a_sources_stances_in_scale_order():
    corpus = make_corpus(a=WIRE + " " + OWN_WORDS, b=ANALYST)
    claims = claims_of(
        row(corpus, "x", "a", OWN_WORDS, "contests"),
        row(corpus, "x", "a", WIRE, "asserts"),
        row(corpus, "y", "b", ANALYST, "qualifies"),
    )
    matrix = stance_matrix(claims)
    assert matrix.loc["x"].tolist() == ["asserts+contests", ""]
    assert matrix.loc["y"].tolist() == ["", "qualifies"]


def test_a_students_override_replaces_the_proposal_and_keeps_the_rationale(tmp_path):
    corpus = make_corpus(a=OWN_WORDS, b=ANALYST)
    claims = claims_of(row(corpus, "x", "a", OWN_WORDS), row(corpus, "y", "b", ANALYST))
    proposals = propose_credibility(corroboration(claims, corpus))
    save_annotation(
        "ana", "a", "claim", "x", "", 4, "One reporter, no photographs.", folder=tmp_path
    )
    mine = latest_annotations(load_annotations(tmp_path / "ana.csv"))
    table = credibility_table(claims, proposals, {"a": "B", "b": "E"}, mine)
    by_claim = table.set_index("claim_id")
    assert by_claim.loc["x", ["proposed", "credibility", "decided_by", "rating"]].tolist() == [
        "3",
        "4",
        "ana",
        "B4",
    ]
    assert by_claim.loc["x", "rationale"] == "One reporter, no photographs."
    assert by_claim.loc["y", ["decided_by", "rating"]].tolist() == ["proposal", "E3"]
    counts = admiralty_counts(table)
    assert counts.shape == (6, 6) and counts.values.sum() == len(table)
    assert counts.loc["B", "4"] == 1 and counts.loc["E", "3"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stance": "agrees"}, "line 2, column stance: 'agrees' is not one of"),
        ({"type": "rumour"}, "line 2, column type"),
        ({"claim_id": "Not A Slug"}, "line 2, column claim_id"),
        ({"source_id": "zzz"}, "line 2, column source_id: no source 'zzz'"),
        ({"start": "ten"}, "line 2, column start: 'ten' is not a whole number"),
        ({"end": 10_000}, "line 2, column end: span"),
        ({"quote": "something else"}, "line 2, column quote: does not match the source"),
        ({"note": ""}, "line 2, column note: is empty"),
        ({"via": "Reuters >  > AFP"}, "line 2, column via"),
    ],
)
def test_a_bad_claims_row_is_refused_naming_line_and_column(change, message):
    corpus = make_corpus(a=OWN_WORDS)
    good = row(corpus, "x", "a", OWN_WORDS)
    with pytest.raises(TableError, match=message.replace("(", r"\(")):
        check_claims(claims_of({**good, **change}), corpus, where="claims.csv")


def test_a_claim_whose_statement_changes_between_rows_is_refused():
    corpus = make_corpus(a=OWN_WORDS, b=ANALYST)
    first, second = row(corpus, "x", "a", OWN_WORDS), row(corpus, "x", "b", ANALYST)
    second["statement"] = "Something else."
    with pytest.raises(TableError, match="line 3, column statement: differs from line 2"):
        check_claims(claims_of(first, second), corpus, where="claims.csv")


def test_a_claim_whose_rows_are_split_by_another_claim_is_refused():
    corpus = make_corpus(a=OWN_WORDS, b=ANALYST)
    rows = [row(corpus, "x", "a", OWN_WORDS), row(corpus, "y", "b", ANALYST)]
    rows.append(row(corpus, "x", "b", ANALYST))
    with pytest.raises(TableError, match="line 4, column claim_id: 'x' began at line 2"):
        check_claims(claims_of(*rows), corpus, where="claims.csv")
