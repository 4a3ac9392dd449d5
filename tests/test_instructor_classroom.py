"""Pooling a class's annotation files and measuring its agreement, on class folders built here.

The class (sources s1–s3; claim c1 in s1 and s2, claim c2 in s1):

=======  ==========  ==========  ==========  =========  =========  =========
student  s1          s2          s3          s1 · c1    s1 · c2    s2 · c1
=======  ==========  ==========  ==========  =========  =========  =========
ana      B           C           D           2          3          2
ben      B           C           D           2          3          2
cleo     D           C           B           5          3          6
dan      C           (skipped)   (skipped)   3          (skipped)  (skipped)
=======  ==========  ==========  ==========  =========  =========  =========

and four files that cannot be pooled: a bad header, a bad code, a hand-edited broken quote
and an empty file. Expected values are worked out by hand in the comments, with the
``krippendorff`` package as an independent check of the ordinal alphas.
"""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import krippendorff
import numpy as np
import pandas as pd
import pytest

from helpers import load_corpus
from helpers.annotations import COLUMNS, AnnotationError, save_annotation
from helpers.instructor.classroom import (
    COVERAGE_COLUMNS,
    DISPUTE_COLUMNS,
    GROUP_COLUMNS,
    POOLED_COLUMNS,
    PROBLEM_COLUMNS,
    agreement_by_claim,
    agreement_by_source,
    class_agreement,
    code_counts,
    compare_with_reference,
    coverage,
    most_disputed,
    pool_class,
    ratings_per_source,
)

HEADER = ",".join(COLUMNS)
STAMP = "2026-11-21T06:30:00+00:00"
SCRIPT = "Looks official <script>alert('x')</script> but D"
FIXTURE = Path(__file__).parent / "fixtures" / "class_example"
nan = np.nan

RATINGS = {
    "ana": {
        ("s1", "source", "article"): ("B", "Named reporter, dated."),
        ("s2", "source", "article"): ("C", "Opinion, named author."),
        ("s3", "source", "article"): ("D", "No byline."),
        ("s1", "claim", "c1"): ("2", "Two analysts agree."),
        ("s1", "claim", "c2"): ("3", "Possible, unconfirmed."),
        ("s2", "claim", "c1"): ("2", "Consistent with s1."),
    },
    "ben": {
        ("s1", "source", "article"): ("B", "Bylined, named experts."),
        ("s2", "source", "article"): ("C", "A column, but signed."),
        ("s3", "source", "article"): ("D", "Copied text."),
        ("s1", "claim", "c1"): ("2", "Agrees with the other seeds."),
        ("s1", "claim", "c2"): ("3", "Nothing confirms it."),
        ("s2", "claim", "c1"): ("2", "Same claim as in s1."),
    },
    "cleo": {
        ("s1", "source", "article"): ("D", SCRIPT),
        ("s2", "source", "article"): ("C", "Fair enough."),
        ("s3", "source", "article"): ("B", "Reads well."),
        ("s1", "claim", "c1"): ("5", "Only one side is quoted, so improbable."),
        ("s1", "claim", "c2"): ("3", "Maybe."),
        ("s2", "claim", "c1"): ("6", "No way to check it here."),
    },
    "dan": {
        ("s1", "source", "article"): ("C", "Outlet has a stake."),
        ("s1", "claim", "c1"): ("3", "Plausible."),
    },
}


def save_class(folder: Path, ratings: dict = RATINGS) -> None:
    for student, items in ratings.items():
        for (source, level, target), (code, why) in items.items():
            reliability, credibility = (code, None) if level == "source" else (None, code)
            save_annotation(
                student, source, level, target, reliability, credibility, why, folder=folder
            )


def write(folder: Path, name: str, *rows: str, header: str = HEADER) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    """Built once per module and only read by the tests."""
    folder = tmp_path_factory.mktemp("class")
    save_class(folder)
    write(folder, "eve.csv", f"eve,s1,source,article,B,,Fine,,{STAMP}", header=HEADER[:-10])
    write(
        folder,
        "fay.csv",
        f"fay,s1,source,article,B,,Fine,,{STAMP}",
        f"fay,s2,source,article,G,,Great,,{STAMP}",
    )
    write(
        folder,
        "gus.csv",
        f"gus,s1,source,article,B,,Fine,,{STAMP}",
        f'gus,s2,source,article,C,,"Said ""maybe" and left,,{STAMP}',
    )
    (folder / "hal.csv").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def pooled(class_folder) -> pd.DataFrame:
    return pool_class(class_folder)[0]


# --------------------------------------------------------------------------- pooling


def test_good_files_are_pooled_and_each_malformed_file_is_named_with_its_line(class_folder):
    pooled, problems = pool_class(class_folder)
    assert list(pooled.columns) == POOLED_COLUMNS
    assert sorted(pooled["annotator"].unique()) == ["ana", "ben", "cleo", "dan"]
    assert len(pooled) == 6 + 6 + 6 + 2
    assert set(pooled["file"]) == {"ana.csv", "ben.csv", "cleo.csv", "dan.csv"}
    assert list(problems.columns) == PROBLEM_COLUMNS
    assert problems["file"].tolist() == ["eve.csv", "fay.csv", "gus.csv", "hal.csv"]
    assert problems["line"].tolist() == [1, 3, 3, pd.NA]
    eve, fay, gus, hal = problems["problem"]
    assert eve.startswith("eve.csv: missing columns: timestamp; the columns are annotator,")
    assert fay == (
        "fay.csv, line 3, column reliability: 'G' is not allowed; use one of A, B, C, D, E, F"
    )
    assert gus.startswith("gus.csv, line 3: bad quoting")
    assert hal.startswith("hal.csv: empty file (no header row)")


def test_strict_pooling_stops_at_the_first_malformed_file_and_names_it(class_folder):
    with pytest.raises(AnnotationError, match=r"^eve\.csv: missing columns: timestamp") as info:
        pool_class(class_folder, strict=True)
    assert info.value.path == class_folder / "eve.csv"


def test_a_folder_of_good_files_pools_under_strict_too(tmp_path):
    save_class(tmp_path)
    pooled, problems = pool_class(tmp_path, strict=True)
    assert pooled["annotator"].nunique() == 4 and problems.empty


def test_only_each_students_latest_rating_of_an_item_is_pooled(tmp_path):
    write(
        tmp_path,
        "ana.csv",
        f"ana,s1,source,article,F,,No metadata,,{STAMP}",
        "ana,s1,source,article,E,,Second look: spun text,,2026-11-21T07:00:00+00:00",
    )
    pooled, _ = pool_class(tmp_path)
    assert pooled[["reliability", "rationale"]].values.tolist() == [["E", "Second look: spun text"]]


def test_a_header_only_file_is_listed_but_does_not_stop_a_strict_pool(tmp_path):
    save_class(tmp_path, {"ana": RATINGS["ana"]})
    write(tmp_path, "new.csv")
    pooled, problems = pool_class(tmp_path, strict=True)
    assert set(pooled["annotator"]) == {"ana"}
    assert problems[["file", "problem"]].values.tolist() == [
        ["new.csv", "new.csv: no ratings yet (only the header row); nothing to pool"]
    ]
    assert problems["line"].isna().all()


def test_a_copy_of_a_classmates_file_is_left_out_naming_both_files(tmp_path):
    save_class(tmp_path, {"ana": RATINGS["ana"]})
    (tmp_path / "ana_copy.csv").write_bytes((tmp_path / "ana.csv").read_bytes())
    pooled, problems = pool_class(tmp_path)
    assert pooled["file"].unique().tolist() == ["ana.csv"]
    assert problems.to_dict("records") == [
        {
            "file": "ana_copy.csv",
            "line": 2,
            "problem": "ana_copy.csv, line 2, column annotator: the ratings of 'ana' are "
            "already pooled from ana.csv; keep one file per student (is this a copy?)",
        }
    ]


def test_a_file_mixing_two_students_is_left_out_at_the_first_foreign_row(tmp_path):
    write(
        tmp_path,
        "ana.csv",
        f'ana,s1,source,article,B,,"Two\nlines",,{STAMP}',
        f"ben,s1,source,article,C,,Mine,,{STAMP}",
    )
    pooled, problems = pool_class(tmp_path)
    assert pooled.empty
    assert problems.loc[0, "line"] == 4
    assert problems.loc[0, "problem"].startswith(
        "ana.csv, line 4, column annotator: 'ben' after rows by 'ana'"
    )


def test_spreadsheets_are_listed_and_other_files_passed_over(tmp_path):
    save_class(tmp_path, {"ana": RATINGS["ana"], "ben": RATINGS["ben"]})  # ben's save: .bak too
    (tmp_path / "cleo.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.txt").write_text("not ratings")
    (tmp_path / ".~lock.ana.csv#").write_text("lock")
    (tmp_path / "DAN.CSV").write_text(f"{HEADER}\ndan,s1,source,article,C,,Why,,{STAMP}\n")
    pooled, problems = pool_class(tmp_path)
    assert sorted(pooled["file"].unique()) == ["DAN.CSV", "ana.csv", "ben.csv"]
    assert problems["file"].tolist() == ["cleo.xlsx"]
    assert 'save it as "CSV UTF-8"' in problems.loc[0, "problem"]


def test_source_ids_are_checked_against_the_corpus_when_given(tmp_path):
    corpus = load_corpus()
    save_annotation("ana", corpus["001"].id, "source", "article", "B", None, "Why", folder=tmp_path)
    write(tmp_path, "ben.csv", f"ben,999_nope,source,article,B,,Why,,{STAMP}")
    pooled, problems = pool_class(tmp_path, corpus)
    assert pooled["annotator"].tolist() == ["ana"]
    assert problems.loc[0, "problem"] == (
        "ben.csv, line 2, column source_id: no source '999_nope' in the corpus"
    )


def test_a_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere: no such folder"):
        pool_class(tmp_path / "nowhere")


def test_the_sample_class_for_instructors_pools_cleanly_against_the_seeds():
    corpus = load_corpus()
    pooled, problems = pool_class(FIXTURE, corpus, strict=True)
    assert problems.empty
    assert pooled["annotator"].nunique() == 5
    assert all(a.startswith("sample_") for a in pooled["annotator"])
    skipped = coverage(pooled, corpus).set_index("annotator")["skipped_sources"]
    assert [s[:3] for s in skipped["sample_dara"]] == ["000", "003"]
    eli_003 = pooled.query("annotator == 'sample_eli' and level == 'source'")
    assert eli_003.loc[eli_003["source_id"].str.startswith("003"), "reliability"].tolist() == ["E"]


# --------------------------------------------------------------------------- agreement


def package_alpha(units_by_raters: list[list[float]]) -> float:
    """The krippendorff package's ordinal alpha (it reads raters × units)."""
    table = np.array(units_by_raters, dtype=float).T
    return krippendorff.alpha(reliability_data=table, level_of_measurement="ordinal")


def test_source_reliability_alpha_matches_hand_computation_and_the_package(pooled):
    # Units s1: B B D C = 2 2 4 3; s2: C C C = 3 3 3; s3: D D B = 4 4 2 (dan skipped s2, s3).
    # Coincidences: o22 = 2/3, o23 = 2/3, o24 = 5/3, o33 = 3, o34 = 1/3, o44 = 1;
    # n2 = 3, n3 = 4, n4 = 3, n = 10.
    # nominal:  1 − 9·(2·(2/3 + 5/3 + 1/3)) / (2·(3·4 + 3·3 + 4·3)) = 1 − 48/66 = 3/11
    # interval: 1 − 9·(2·(2/3·1 + 5/3·4 + 1/3·1)) / (2·(12·1 + 9·4 + 12·1)) = 1 − 138/120
    nominal = class_agreement(pooled, level="nominal").set_index("scale")
    interval = class_agreement(pooled, level="interval").set_index("scale")
    ordinal = class_agreement(pooled).set_index("scale")
    assert nominal.loc["reliability", "alpha"] == pytest.approx(3 / 11)
    assert interval.loc["reliability", "alpha"] == pytest.approx(-0.15)
    expected = package_alpha([[2, 2, 4, 3], [3, 3, 3, nan], [4, 4, 2, nan]])
    assert ordinal.loc["reliability", "alpha"] == pytest.approx(expected)
    row = ordinal.loc["reliability"]
    assert list(ordinal.columns) == GROUP_COLUMNS
    assert (row["n_units"], row["n_raters"], row["n_skipped"], row["n_missing"]) == (3, 4, 0, 2)
    assert row["codes"] == "B×3, C×4, D×3"
    assert row["max_range"] == 2
    # pairs within units: s1 (0+2+1+2+1+1)/6 pairs, s2 0/3, s3 (0+2+2)/3 → 11/12
    assert row["mean_abs_diff"] == pytest.approx(11 / 12)


def test_claim_credibility_leaves_cannot_be_judged_out_but_counts_it(pooled):
    row = class_agreement(pooled).set_index("scale").loc["credibility"]
    assert (row["n_units"], row["n_raters"], row["n_cannot_judge"]) == (3, 4, 1)
    assert row["codes"] == "2×4, 3×4, 5×1, 6×1"
    # s1·c1 2 2 5 3; s1·c2 3 3 3; s2·c1 2 2 (6 is missing)
    expected = package_alpha([[2, 2, 5, 3], [3, 3, 3, nan], [2, 2, nan, nan]])
    assert row["alpha"] == pytest.approx(expected)


def test_agreement_by_claim_pools_one_claim_over_the_sources_it_was_rated_in(pooled):
    table = agreement_by_claim(pooled).set_index("claim")
    c1, c2 = table.loc["c1"], table.loc["c2"]
    assert c1["sources"] == "s1; s2"
    assert (c1["n_units"], c1["n_raters"], c1["n_skipped"], c1["n_missing"]) == (2, 4, 0, 1)
    assert c1["n_cannot_judge"] == 1
    # interval by hand: s1 2 2 5 3, s2 2 2 → o22 = 8/3, o23 = 2/3, o25 = 2/3, o35 = 1/3;
    # n2 = 4, n3 = 1, n5 = 1, n = 6: 1 − 5·2·(2/3 + 6 + 4/3) / (2·(4 + 36 + 4)) = 1/11
    interval = agreement_by_claim(pooled, level="interval").set_index("claim")
    assert interval.loc["c1", "alpha"] == pytest.approx(1 / 11)
    assert c1["alpha"] == pytest.approx(package_alpha([[2, 2, 5, 3], [2, 2, nan, nan]]))
    # c2 is rated in one source only: alpha is undefined there, its spread is not
    assert (c2["n_units"], c2["n_raters"], c2["n_skipped"]) == (1, 3, 1)
    assert math.isnan(c2["alpha"]) and c2["max_range"] == 0 and c2["mean_abs_diff"] == 0


def test_agreement_by_source_gives_reliability_and_claim_credibility_per_source(pooled):
    table = agreement_by_source(pooled).set_index(["source_id", "scale"])
    assert list(table.index) == [
        ("s1", "reliability"),
        ("s1", "credibility"),
        ("s2", "reliability"),
        ("s2", "credibility"),
        ("s3", "reliability"),
    ]
    s1 = table.loc[("s1", "reliability")]
    assert (s1["n_units"], s1["n_raters"], s1["max_range"]) == (1, 4, 2)
    assert s1["codes"] == "B×2, C×1, D×1"
    assert s1["mean_abs_diff"] == pytest.approx(7 / 6)  # 2 2 4 3: (0+2+1+2+1+1)/6
    assert math.isnan(s1["alpha"])  # one item: alpha says nothing
    s2 = table.loc[("s2", "reliability")]
    assert (s2["n_raters"], s2["n_skipped"], s2["codes"], s2["mean_abs_diff"]) == (3, 1, "C×3", 0)
    claims = table.loc[("s1", "credibility")]
    assert (claims["n_units"], claims["n_raters"], claims["n_missing"]) == (2, 4, 1)
    assert claims["alpha"] == pytest.approx(package_alpha([[2, 2, 5, 3], [3, 3, 3, nan]]))
    # s2's one claim: two 2s and a 6 (cannot be judged), so one pairable item: no alpha
    assert math.isnan(table.loc[("s2", "credibility"), "alpha"])


def test_the_most_disputed_items_come_first_with_the_rationales_at_each_end(pooled):
    table = most_disputed(pooled, top=None)
    assert list(table.columns) == DISPUTE_COLUMNS
    # s1·c1 spread 3; s3 and s1 spread 2 (mean diff 4/3 > 7/6); s2·c1 only by "cannot judge"
    assert table[["source_id", "target", "range"]].values.tolist() == [
        ["s1", "c1", 3.0],
        ["s3", "article", 2.0],
        ["s1", "article", 2.0],
        ["s2", "c1", 0.0],
    ]
    first = table.iloc[0]
    assert first["codes"] == "2×2, 3×1, 5×1"
    assert (first["highest_code"], first["lowest_code"]) == ("2", "5")
    ana, ben = ("ana", "Two analysts agree."), ("ben", "Agrees with the other seeds.")
    assert first["highest"] == (ana, ben)
    assert first["lowest"] == (("cleo", "Only one side is quoted, so improbable."),)
    assert table.iloc[2]["lowest"] == (("cleo", SCRIPT),)
    last = table.iloc[3]
    assert last["lowest"] == () and last["cannot_judge"] == (("cleo", "No way to check it here."),)
    assert most_disputed(pooled, top=2)["target"].tolist() == ["c1", "article"]


def test_items_everyone_agreed_on_are_not_disputed(pooled):
    agreed = most_disputed(pooled, top=None)[["source_id", "target"]].values.tolist()
    assert ["s2", "article"] not in agreed and ["s1", "c2"] not in agreed


def test_top_must_be_a_count(pooled):
    with pytest.raises(ValueError, match="top is how many items"):
        most_disputed(pooled, top=-1)


# --------------------------------------------------------------------------- coverage


def test_coverage_names_what_each_student_skipped(pooled):
    table = coverage(pooled).set_index("annotator")
    assert list(table.reset_index().columns) == COVERAGE_COLUMNS
    dan = table.loc["dan"]
    assert dan["skipped_sources"] == ("s2", "s3")
    assert dan["skipped_claims"] == ("s1 · c2", "s2 · c1")
    assert (dan["n_sources_rated"], dan["n_claims_rated"], dan["file"]) == (1, 1, "dan.csv")
    assert table.loc[["ana", "ben", "cleo"], "n_sources_skipped"].tolist() == [0, 0, 0]
    assert table.loc[["ana", "ben", "cleo"], "n_claims_skipped"].tolist() == [0, 0, 0]


def test_with_a_corpus_every_source_in_it_counts_for_coverage(pooled):
    corpus = SimpleNamespace(ids=["s1", "s2", "s3", "s4"])
    table = coverage(pooled, corpus).set_index("annotator")
    assert table.loc["ana", "skipped_sources"] == ("s4",)
    assert ratings_per_source(pooled, corpus).loc["dan"].to_dict() == {
        "s1": 2,
        "s2": 0,
        "s3": 0,
        "s4": 0,
    }


def test_code_counts_give_the_class_distribution_per_item(pooled):
    sources = code_counts(pooled, "source")
    assert sources.loc["s1"].tolist() == [0, 2, 1, 1, 0, 0]
    claims = code_counts(pooled, "claim")
    assert list(claims.columns) == ["1", "2", "3", "4", "5", "6"]
    assert claims.loc["s2 · c1"].tolist() == [0, 2, 0, 0, 0, 1]


def test_the_class_is_compared_with_reference_ratings(pooled):
    reference = pd.DataFrame(
        [
            ["course", "s1", "source", "article", "B", "", "Reference.", "", STAMP],
            ["course", "s1", "claim", "c1", "", "6", "No basis.", "", STAMP],
            ["course", "s9", "source", "article", "A", "", "Unrated.", "", STAMP],
        ],
        columns=list(COLUMNS),
    )
    table = compare_with_reference(pooled, reference)
    assert table[["target", "reference", "n_rated", "n_same", "n_within_one"]].values.tolist() == [
        ["article", "B", 4, 2, 3],  # B B D C: two B, and C within one step
        ["c1", "6", 4, 0, 0],
        ["article", "A", 0, 0, 0],
    ]


# --------------------------------------------------------------------------- bad input


def test_a_table_without_the_store_columns_is_refused_by_name():
    with pytest.raises(ValueError, match="lack column.*rationale"):
        class_agreement(pd.DataFrame(columns=["annotator", "source_id", "level", "target"]))


def test_a_code_outside_the_scale_is_refused_naming_row_and_column(pooled):
    broken = pooled.copy()
    broken.loc[3, "credibility"] = "9"
    with pytest.raises(ValueError, match=r"row 3, column credibility: '9' is not allowed"):
        agreement_by_claim(broken)


def test_an_empty_class_gives_empty_tables(tmp_path):
    pooled, problems = pool_class(tmp_path)
    assert pooled.empty and problems.empty
    assert class_agreement(pooled).empty and most_disputed(pooled).empty
    assert coverage(pooled).empty
