"""ACH as Heuer defines it: ratings, diagnosticity, inconsistency scores, sensitivity, the store.

The hand-worked example (three hypotheses, five evidence rows) is worked out in the docstring
of :func:`test_hand_worked_scores`; every other test checks one promise of
``helpers.hypotheses``.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import pytest

from helpers.annotations import AnnotationError
from helpers.claims import read_claims
from helpers.corpus import load_corpus
from helpers.hypotheses import (
    ACH_COLUMNS,
    RATINGS,
    RUSSIA_AIMS,
    AchError,
    ach_matrix,
    ach_path,
    check_matrix,
    diagnosticity,
    evidence_weight,
    evidence_weights,
    inconsistency_scores,
    load_ach,
    reference_ach,
    reference_matrix,
    save_ach,
    sensitivity,
)
from helpers.paths import data_dir
from helpers.tables import TableError

HYPS = ["h1", "h2", "h3"]
ROWS = ["e1", "e2", "e3", "e4", "e5"]
RATED = [
    ["C", "I", "II"],
    ["I", "C", "C"],
    ["C", "C", "C"],
    ["N", "II", "I"],
    ["I", "NA", "C"],
]
WEIGHTS = {"e1": 1.0, "e2": 0.5, "e3": 1.0, "e4": 0.2, "e5": 0.8}


@pytest.fixture
def worked():
    return ach_matrix(HYPS, ROWS, RATED)


# --------------------------------------------------------------------------- the worked example


def test_hand_worked_scores(worked):
    """Points: I = 1, II = 2, everything else 0; weighted = points × row weight.

    ==  ====  ====  ====  ======
    row  h1    h2    h3   weight
    ==  ====  ====  ====  ======
    e1   C     I     II    1.0
    e2   I     C     C     0.5
    e3   C     C     C     1.0
    e4   N     II    I     0.2
    e5   I     NA    C     0.8
    ==  ====  ====  ====  ======

    Unweighted: h1 = e2 1 + e5 1 = 2; h2 = e1 1 + e4 2 = 3; h3 = e1 2 + e4 1 = 3.
    Weighted: h1 = 0.5 + 0.8 = 1.3; h2 = 1.0 + 2 × 0.2 = 1.4; h3 = 2 × 1.0 + 0.2 = 2.2.
    Ranks (least inconsistent first, on the weighted score): h1 1, h2 2, h3 3.
    Without weights the weighted column equals the counts and h2, h3 tie for rank 2.
    Leaving e5 out: h1 = 0.5, h2 = 1.4, h3 = 2.2.
    """
    scores = inconsistency_scores(worked, WEIGHTS)
    assert scores.index.tolist() == HYPS
    assert scores["inconsistency"].tolist() == [2, 3, 3]
    assert scores["weighted"].tolist() == pytest.approx([1.3, 1.4, 2.2])
    assert scores["rank"].tolist() == [1, 2, 3]

    plain = inconsistency_scores(worked)
    assert plain["weighted"].tolist() == [2.0, 3.0, 3.0]
    assert plain["rank"].tolist() == [1, 2, 2]

    without_e5 = inconsistency_scores(worked, WEIGHTS, include=[True, True, True, True, False])
    assert without_e5["weighted"].tolist() == pytest.approx([0.5, 1.4, 2.2])
    assert without_e5["inconsistency"].tolist() == [1, 3, 3]
    by_id = inconsistency_scores(worked, WEIGHTS, include={"e5": False})
    assert by_id.equals(without_e5)


def test_consistency_adds_no_support():
    """CC is not a point for a hypothesis: only inconsistencies are counted (Heuer)."""
    m = ach_matrix(["h1", "h2"], ["e1", "e2"], [["CC", "C"], ["CC", "N"]])
    assert inconsistency_scores(m)["weighted"].tolist() == [0.0, 0.0]
    assert inconsistency_scores(m)["rank"].tolist() == [1, 1]


def test_hand_worked_diagnosticity(worked):
    """e3 is C for every hypothesis; e5 (I, NA, C) is diagnostic: NA is ignored."""
    flags = diagnosticity(worked)
    assert flags.name == "is_diagnostic"
    assert flags.to_dict() == {"e1": True, "e2": True, "e3": False, "e4": True, "e5": True}


def test_na_is_ignored_and_score_mode_sees_only_points():
    m = ach_matrix(
        ["h1", "h2", "h3"],
        ["same-but-na", "one-rated", "strengths", "all-na"],
        [["C", "NA", "C"], ["I", "NA", "NA"], ["CC", "C", "N"], ["NA", "NA", "NA"]],
    )
    assert diagnosticity(m).tolist() == [False, False, True, False]
    assert diagnosticity(m, by="score").tolist() == [False, False, False, False]
    with pytest.raises(ValueError, match="by='points'"):
        diagnosticity(m, by="points")


def test_hand_worked_sensitivity(worked):
    """h1 leads by 0.1. Leaving e1 out: h1 1.3, h2 0.4, h3 0.2, so h3 leads. Leaving e4 out:
    h1 1.3, h2 1.0, h3 2.0, so h2 leads: a row of weight 0.2 is a linchpin because the margin
    is small. Leaving e2, e3 or e5 out keeps h1 first."""
    table = sensitivity(worked, WEIGHTS)
    assert table.attrs["leader"] == "h1"
    assert table.columns.tolist() == ["removed", "size", "leader", "changes_conclusion"]
    assert table.set_index("removed")["leader"].to_dict() == {
        "e1": "h3",
        "e2": "h1",
        "e3": "h1",
        "e4": "h2",
        "e5": "h1",
    }
    assert table.loc[table["changes_conclusion"], "removed"].tolist() == ["e1", "e4"]


def test_sensitivity_finds_the_one_linchpin():
    """Weights 1. h1 = r2 2 = 2; h2 = r1 1 = 1; h3 = r1 2 + r2 1 + r4 1 = 4: h2 leads.
    Without r1: 2, 0, 3 (h2). Without r2: 0, 1, 3 (h1 leads). Without r4: 2, 1, 3 (h2).
    r3 is C throughout. So r2 alone carries the conclusion, and no pair of the others does."""
    m = ach_matrix(
        ["h1", "h2", "h3"],
        ["r1", "r2", "r3", "r4"],
        [["N", "I", "II"], ["II", "N", "I"], ["C", "C", "C"], ["N", "N", "I"]],
    )
    table = sensitivity(m, pairs=True)
    assert table.attrs["leader"] == "h2"
    changed = table[table["changes_conclusion"]]
    assert changed[["removed", "size", "leader"]].values.tolist() == [["r2", 1, "h1"]]


def test_pairs_report_sets_where_no_single_item_matters_and_ties_count_as_change():
    """h1 = 1 (r4), h2 = 3 (r1, r2, r3). No single item closes the gap; any two of r1–r3 make
    a tie (1 = 1), which is no longer a clear first place."""
    m = ach_matrix(["h1", "h2"], ["r1", "r2", "r3", "r4"], [["N", "I"]] * 3 + [["I", "N"]])
    table = sensitivity(m, pairs=True)
    assert not table.loc[table["size"] == 1, "changes_conclusion"].any()
    pairs = table[table["size"] == 2]
    assert pairs["removed"].tolist() == ["r1 + r2", "r1 + r3", "r2 + r3"]
    assert set(pairs["leader"]) == {"h1 = h2"}


def test_sensitivity_only_tries_included_rows(worked):
    table = sensitivity(worked, WEIGHTS, include={"e1": False})
    assert "e1" not in table["removed"].tolist()
    # without e1: h1 1.3, h2 0.4, h3 0.2
    assert table.attrs["leader"] == "h3"


# --------------------------------------------------------------------------- validation


def test_invalid_rating_is_refused_naming_row_and_column():
    with pytest.raises(AchError, match=r"row 'e2', column 'h3': 'maybe' is not a rating") as err:
        ach_matrix(HYPS, ["e1", "e2"], [["C", "I", "N"], ["C", "I", "maybe"]])
    assert (err.value.row, err.value.column) == ("e2", "h3")
    assert "CC, C, N, I, II, NA" in str(err.value)
    with pytest.raises(AchError, match=r"row 'e1', column 'h2': empty is not a rating"):
        check_matrix(pd.DataFrame({"h1": ["C"], "h2": [""]}, index=["e1"]))


def test_codes_are_normalised():
    m = ach_matrix(["h1", "h2"], ["e1"], [[" cc", "ii "]])
    assert m.loc["e1"].tolist() == ["CC", "II"]
    assert m.index.name == "evidence_id" and m.columns.name == "hypothesis"


def test_every_cell_must_be_rated_and_ids_must_be_known():
    with pytest.raises(AchError, match=r"row 'e1', column 'h2': not rated; rate it \(NA"):
        ach_matrix(["h1", "h2"], ["e1"], {"e1": {"h1": "C"}})
    with pytest.raises(AchError, match=r"row 'e9': not one of the evidence ids"):
        ach_matrix(["h1"], ["e1"], {"e9": ["C"]})
    with pytest.raises(AchError, match=r"does not give one rating per hypothesis"):
        ach_matrix(["h1", "h2"], ["e1"], [["C"]])
    with pytest.raises(AchError, match=r"hypothesis 'h 1' is not an id"):
        ach_matrix(["h 1"], ["e1"], [["C"]])
    with pytest.raises(AchError, match=r"given twice"):
        ach_matrix(["h1", "h1"], ["e1"], [["C", "C"]])


def test_long_ratings_build_the_same_matrix(worked):
    long = worked.stack().rename("rating").reset_index()
    assert ach_matrix(HYPS, ROWS, long).equals(worked)


def test_bad_weights_and_masks_are_refused(worked):
    with pytest.raises(AchError, match=r"no weight for evidence 'e5'"):
        inconsistency_scores(worked, {"e1": 1, "e2": 1, "e3": 1, "e4": 1})
    with pytest.raises(AchError, match=r"row 'e1': weight -1"):
        inconsistency_scores(worked, dict(WEIGHTS, e1=-1))
    with pytest.raises(AchError, match=r"include has 2 values for 5"):
        inconsistency_scores(worked, include=[True, False])
    with pytest.raises(AchError, match=r"include\['e1'\] is 1; use True or False"):
        inconsistency_scores(worked, include={"e1": 1})


# --------------------------------------------------------------------------- weights


def test_weight_table():
    """Reliability A–E: 1.0, 0.8, 0.6, 0.4, 0.2; credibility 1–5 the same; F 0.5; 6 → 0."""
    assert [evidence_weight(r, 1) for r in "ABCDE"] == [1.0, 0.8, 0.6, 0.4, 0.2]
    assert [evidence_weight("A", c) for c in "12345"] == [1.0, 0.8, 0.6, 0.4, 0.2]
    assert evidence_weight("B", "2") == 0.64
    assert evidence_weight("F", 1) == 0.5
    assert evidence_weight("", 1) == 0.5
    assert evidence_weight("F", 1, unjudged_reliability=0) == 0.0
    assert evidence_weight("A", 6) == 0.0
    with pytest.raises(ValueError, match="reliability 'G' is not a code"):
        evidence_weight("G", 1)
    with pytest.raises(ValueError, match="credibility 7 is not a code; use one of 1, 2"):
        evidence_weight("A", 7)


@pytest.fixture(scope="module")
def weights():
    return evidence_weights()


def test_claim_weights_take_the_most_reliable_supporting_source(weights):
    # supported by 004 (reference C) and by 001 (reference B): B counts
    row = weights.loc["russia-hit-rebels-not-is"]
    assert (row["source_id"][:3], row["reliability"], row["credibility"]) == ("001", "B", "1")
    assert row["weight"] == pytest.approx(0.8)
    # only hedged (qualifies), so no source supports it: F and credibility 6
    kerry = weights.loc["kerry-price-ground-syrian-air-force"]
    assert (kerry["source_id"], kerry["reliability"], kerry["credibility"]) == ("", "F", "6")
    assert kerry["weight"] == 0.0
    assert set(weights.index) == set(read_claims()["claim_id"])


def test_claim_weights_take_overrides():
    w = evidence_weights(
        reliability={"001_d05eff7ba99ae3f9": "E"}, credibility={"russia-hit-rebels-not-is": "3"}
    )
    row = w.loc["russia-hit-rebels-not-is"]
    # 004 has no rating in the override, so it counts as F and is passed over
    assert (row["reliability"], row["credibility"]) == ("E", "3")
    assert row["weight"] == pytest.approx(0.12)
    with pytest.raises(ValueError, match="not a claim id"):
        evidence_weights(credibility={"no-such-claim": "1"})


def test_the_weights_table_is_accepted_by_the_scores(weights):
    m = reference_matrix()
    assert inconsistency_scores(m, weights).equals(inconsistency_scores(m, weights["weight"]))


# --------------------------------------------------------------------------- the reference matrix


def test_reference_matrix_loads_and_every_item_is_a_claim():
    m = reference_matrix()
    assert m.columns.tolist() == list(RUSSIA_AIMS)
    assert 10 <= len(m) <= 14
    assert set(m.index) <= set(read_claims()["claim_id"])
    assert set(m.stack()) <= set(RATINGS)


def test_opinions_on_the_question_are_shown_and_not_scored():
    """Analysts' answers to "what was Russia's main aim?" are not evidence for the answer."""
    ref = reference_ach()
    opinions = ref[ref["rationale"].str.startswith("Opinion on the question:")]
    assert set(opinions["evidence_id"]) == {
        "russia-aim-keep-assad",
        "russia-seeks-leverage-over-ukraine",
        "russia-seeks-peacemaker-role",
    }
    assert (opinions["rating"] == "NA").all() and len(opinions) == 3 * len(RUSSIA_AIMS)
    assert not ref[~ref.index.isin(opinions.index)]["rationale"].str.startswith("Opinion").any()


def test_cc_is_kept_for_what_is_hard_to_explain_otherwise():
    """A stated purpose, or a worry any aim would share, is C for fight-is, never CC."""
    m = reference_matrix()
    assert m.loc["baghdad-information-centre", "fight-is"] == "C"
    assert m.loc["russian-fighters-in-is-thousands", "fight-is"] == "C"
    assert m.loc["russia-hit-rebels-not-is", "fight-is"] == "I"


def test_reference_has_non_diagnostic_rows_and_a_rationale_for_every_rating():
    assert (~diagnosticity(reference_matrix())).sum() >= 2
    ref = reference_ach()
    assert len(ref) == len(reference_matrix()) * len(RUSSIA_AIMS)
    assert ref["rationale"].str.strip().str.len().gt(40).all()


def test_reference_rationale_quotes_are_verbatim():
    texts = [s.text for s in load_corpus()]
    for r in reference_ach().itertuples():
        for quote in re.findall(r"“([^”]*)”", r.rationale):
            assert any(quote in t for t in texts), (r.evidence_id, r.hypothesis, quote)


def test_reference_ranking_and_linchpin(weights):
    """What lesson 06 says about the reference matrix; update the lesson if this changes."""
    m = reference_matrix()
    scores = inconsistency_scores(m, weights)
    assert scores.sort_values("rank").index.tolist() == [
        "bases-influence",
        "keep-assad",
        "leverage-west",
        "fight-is",
    ]
    assert scores["inconsistency"].to_dict() == {
        "fight-is": 4,
        "keep-assad": 1,
        "leverage-west": 2,
        "bases-influence": 0,
    }
    table = sensitivity(m, weights)
    assert table.loc[table["changes_conclusion"], "removed"].tolist() == [
        "sdf-backed-by-us-acceptable-to-russia"
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("no-such-claim,fight-is,C,Why.", r"line 2, column evidence_id: 'no-such-claim' is not"),
        ("russia-aim-keep-assad,win-war,C,Why.", r"line 2, column hypothesis: 'win-war' is not"),
        ("russia-aim-keep-assad,fight-is,X,Why.", r"line 2, column rating: 'X' is not a rating"),
        ("russia-aim-keep-assad,fight-is,C, ", r"line 2, column rationale: empty"),
    ],
)
def test_a_bad_reference_row_names_line_and_column(tmp_path, row, message):
    path = tmp_path / "ach.csv"
    path.write_text("evidence_id,hypothesis,rating,rationale\n" + row + "\n", encoding="utf-8")
    with pytest.raises(TableError, match=message):
        reference_ach(path)


def test_a_reference_item_must_be_rated_against_every_hypothesis(tmp_path):
    lines = (data_dir() / "ach.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ach.csv"
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"is not rated against bases-influence"):
        reference_ach(path)


# --------------------------------------------------------------------------- the store


def test_store_round_trip(worked, tmp_path):
    written = save_ach("alice", worked, tmp_path)
    assert written.columns.tolist() == list(ACH_COLUMNS)
    assert len(written) == 15
    path = ach_path("alice", tmp_path)
    assert path == tmp_path / "alice.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfevidence_id,hypothesis,rating,timestamp\r\n")
    assert load_ach("alice", tmp_path).equals(worked)


def test_latest_rating_wins_and_only_changes_are_appended(worked, tmp_path):
    save_ach("alice", worked, tmp_path)
    first = ach_path("alice", tmp_path).read_bytes()
    changed = worked.copy()
    changed.loc["e3", "h2"] = "II"
    written = save_ach("alice", changed, tmp_path)
    assert written[["evidence_id", "hypothesis", "rating"]].values.tolist() == [["e3", "h2", "II"]]
    after = ach_path("alice", tmp_path).read_bytes()
    assert after.startswith(first.rstrip(b"\r\n"))  # earlier rows kept byte for byte
    assert (tmp_path / "alice.csv.bak").read_bytes() == first
    assert load_ach("alice", tmp_path).loc["e3", "h2"] == "II"
    assert save_ach("alice", changed, tmp_path).empty  # nothing new: nothing written


def test_a_hypothesis_added_later_is_na_for_items_not_rated_against_it(tmp_path):
    save_ach("alice", ach_matrix(["h1"], ["e1", "e2"], [["I"], ["C"]]), tmp_path)
    save_ach("alice", ach_matrix(["h1", "h2"], ["e1"], [["I", "C"]]), tmp_path)
    loaded = load_ach("alice", tmp_path)
    assert loaded.loc["e2"].tolist() == ["C", "NA"]


def test_default_folder_is_work_ach(worked, tmp_path):
    save_ach("bob", worked)
    assert (tmp_path / "work" / "ach" / "bob.csv").is_file()
    assert load_ach("bob").equals(worked)


def test_a_bad_matrix_is_not_saved(tmp_path):
    bad = pd.DataFrame({"h1": ["maybe"]}, index=["e1"])
    with pytest.raises(AchError, match=r"alice.csv, not saved: row 'e1', column 'h1'"):
        save_ach("alice", bad, tmp_path)
    assert not ach_path("alice", tmp_path).exists()
    with pytest.raises(AnnotationError, match="annotator name '../x' is not allowed"):
        save_ach("../x", ach_matrix(["h1"], ["e1"], [["C"]]), tmp_path)


def _write(tmp_path, text):
    path = ach_path("alice", tmp_path)
    path.write_text(text, encoding="utf-8", newline="")
    return path


GOOD = "evidence_id,hypothesis,rating,timestamp\n"
STAMP = "2026-11-21T10:00:00+00:00"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"e1,h1,C,{STAMP}\ne1,h2,X,{STAMP}\n", r"alice.csv, line 3, column rating: 'X' is not"),
        (f"e1,h1,C,{STAMP}\ne 1,h2,C,{STAMP}\n", r"alice.csv, line 3, column evidence_id"),
        ("e1,h1,C,yesterday\n", r"alice.csv, line 2, column timestamp: 'yesterday'"),
        ("e1,h1,C,2026-11-21T10:00:00\n", r"line 2, column timestamp: .* time zone"),
        ("e1,h1,C\n", r"alice.csv, line 2: 3 fields; expected 4: the row stops before column "),
        (f'e1,h1,"C,{STAMP}\n', r"alice.csv, line 2: a quoted value .* is never closed"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_line(tmp_path, body, message):
    path = _write(tmp_path, GOOD + body)
    with pytest.raises(AchError, match=message):
        load_ach("alice", tmp_path)
    before = path.read_bytes()
    with pytest.raises(AchError):
        save_ach("alice", ach_matrix(["h1"], ["e1"], [["I"]]), tmp_path)
    assert path.read_bytes() == before  # a malformed file is never written to


def test_wrong_header_and_empty_file_are_refused(tmp_path):
    _write(tmp_path, "evidence,hypothesis,rating,timestamp\n")
    with pytest.raises(
        AchError, match=r"alice.csv: missing columns: evidence_id; unexpected columns: 'evidence'"
    ):
        load_ach("alice", tmp_path)
    _write(tmp_path, "")
    with pytest.raises(AchError, match="empty file"):
        load_ach("alice", tmp_path)
    _write(tmp_path, GOOD)
    with pytest.raises(AchError, match="no ratings saved yet"):
        load_ach("alice", tmp_path)
    with pytest.raises(AchError, match="no such file"):
        load_ach("nobody", tmp_path)


def test_a_hand_edited_file_is_read_forgivingly(tmp_path):
    """A spreadsheet's CRLF, lower-case codes, blank lines and spaces are accepted; the later
    timestamp wins even when its row comes first."""
    later = "2026-11-22T10:00:00+00:00"
    _write(tmp_path, GOOD.replace("\n", "\r\n") + f"e1,h1, ii ,{later}\r\n\r\ne1,h1,c,{STAMP}\r\n")
    assert load_ach("alice", tmp_path).loc["e1", "h1"] == "II"
    written = save_ach("alice", ach_matrix(["h1"], ["e1"], [["N"]]), tmp_path)
    saved = datetime.fromisoformat(written["timestamp"].iloc[0])
    assert saved > datetime.fromisoformat(later)  # a new save is always the latest
    content = ach_path("alice", tmp_path).read_bytes()
    assert content.count(b"\n") == content.count(b"\r\n")  # the file's line ending is kept
    assert load_ach("alice", tmp_path).loc["e1", "h1"] == "N"
