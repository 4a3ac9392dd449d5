"""Inter-rater agreement: alpha against the `krippendorff` package and the paper, kappa by hand."""

from __future__ import annotations

import doctest
import math
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.agreement as agreement
from helpers.agreement import (
    cohen_weighted_kappa,
    disagreement_table,
    krippendorff_alpha,
    ratings_matrix,
    simulate_raters,
)

nan = np.nan
LEVELS = ["nominal", "ordinal", "interval"]

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: reliability data
# of 4 observers (rows) coding 12 units (columns), with missing values. Transposed below, because
# krippendorff_alpha reads units × raters and the package reads raters × units.
PAPER_RATERS_X_UNITS = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],  # observer A
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],  # observer B
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],  # observer C
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],  # observer D
    ]
)
# The paper's published results (sections C, D, E) to three decimals.
PAPER_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849}


def package_alpha(units_x_raters: np.ndarray, level: str) -> float:
    """The reference implementation; nan where it refuses or cannot divide."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            return float(
                krippendorff.alpha(
                    reliability_data=np.asarray(units_x_raters, dtype=float).T,
                    level_of_measurement=level,
                )
            )
        except ValueError:  # "more than one value in the domain", "at least two coders"
            return nan


# ------------------------------------------------------------------------- Krippendorff's alpha
@pytest.mark.parametrize("level", LEVELS)
def test_alpha_reproduces_krippendorff_2011_worked_example(level):
    ours = krippendorff_alpha(PAPER_RATERS_X_UNITS.T, level=level)
    assert ours == pytest.approx(package_alpha(PAPER_RATERS_X_UNITS.T, level), abs=1e-9)
    assert round(ours, 3) == PAPER_ALPHA[level]


def test_alpha_accepts_a_dataframe_with_none_for_missing():
    frame = pd.DataFrame(PAPER_RATERS_X_UNITS.T, columns=list("ABCD")).astype(object)
    frame = frame.where(frame.notna(), None)
    assert krippendorff_alpha(frame, "interval") == pytest.approx(0.849107142857, abs=1e-9)


table_cells = st.one_of(st.none(), st.sampled_from([1, 2, 3, 4, 5]))


@st.composite
def units_x_raters_tables(draw):
    n_units = draw(st.integers(1, 12))
    n_raters = draw(st.integers(1, 6))
    values = st.sampled_from([1, 2, 3, 4, 5, 0.5, 7.25]) if draw(st.booleans()) else table_cells
    cells = draw(
        st.lists(st.one_of(st.none(), values), min_size=n_units * n_raters,
                 max_size=n_units * n_raters)
    )  # fmt: skip
    return np.array([nan if c is None else c for c in cells], dtype=float).reshape(
        n_units, n_raters
    )


@settings(max_examples=150, deadline=None)
@given(table=units_x_raters_tables(), level=st.sampled_from(LEVELS))
def test_alpha_agrees_with_krippendorff_package_on_random_tables_with_missing_values(table, level):
    reference = package_alpha(table, level)
    ours = krippendorff_alpha(table, level=level)
    if math.isfinite(reference):
        assert ours == pytest.approx(reference, abs=1e-9)
    else:  # the package refuses or divides 0 by 0: nothing to measure, which we report as nan
        assert math.isnan(ours)


@pytest.mark.parametrize("level", LEVELS)
def test_perfect_agreement_gives_alpha_of_one(level):
    table = [[1, 1, 1], [2, 2, None], [5, 5, 5], [3, None, 3]]
    assert krippendorff_alpha(table, level=level) == 1.0


@pytest.mark.parametrize("level", LEVELS)
def test_alpha_is_unchanged_by_permuting_units_or_raters(level):
    table = PAPER_RATERS_X_UNITS.T
    rng = np.random.default_rng(7)
    expected = krippendorff_alpha(table, level=level)
    for _ in range(5):
        shuffled = table[rng.permutation(table.shape[0])][:, rng.permutation(table.shape[1])]
        assert krippendorff_alpha(shuffled, level=level) == pytest.approx(expected, abs=1e-12)


def test_a_unit_rated_by_one_rater_only_is_dropped():
    table = [[1, 1], [2, 3], [4, 4], [5, 5]]
    with_singleton = [*table, [1, None], [None, 5]]
    for level in LEVELS:
        assert krippendorff_alpha(with_singleton, level) == krippendorff_alpha(table, level)


def test_alpha_is_nan_when_there_is_no_variation_to_measure():
    assert math.isnan(krippendorff_alpha([[3, 3], [3, 3], [3, None]]))  # all values identical
    assert math.isnan(krippendorff_alpha([[1, None], [None, 5]]))  # no unit has 2 ratings
    assert math.isnan(krippendorff_alpha(np.empty((0, 3))))


def test_alpha_names_a_value_that_is_not_a_number():
    frame = pd.DataFrame({"ana": [1, 2], "ben": [1, "B"]}, index=["s1", "s2"])
    with pytest.raises(ValueError, match=r"unit 's2', rater 'ben' is 'B', not a number"):
        krippendorff_alpha(frame)
    with pytest.raises(ValueError, match="not a number"):
        krippendorff_alpha([[1, True], [2, 2]])
    with pytest.raises(ValueError, match="2-D"):
        krippendorff_alpha([1, 2, 3])
    with pytest.raises(ValueError, match="unknown level"):
        krippendorff_alpha([[1, 2]], level="ratio-ish")


# ------------------------------------------------------------------------------- weighted kappa
HAND_A = [1, 1, 2, 2, 3, 3]
HAND_B = [1, 2, 2, 3, 3, 3]
# By hand, categories 1..3 (k = 3), n = 6 items; two disagreements, both one step apart.
# Marginals: rater a 1/3, 1/3, 1/3; rater b 1/6, 2/6, 3/6.
# Linear weights w = |i-j|/2:  observed Σ w·p = 2·(1/2)/6 = 1/6.
#   expected Σ w·p_a·p_b = 1/3·[(2/6)(1/2) + (3/6)(1)]        (a = 1)  = 1/3 · 2/3
#                        + 1/3·[(1/6)(1/2) + (3/6)(1/2)]      (a = 2)  = 1/3 · 1/3
#                        + 1/3·[(1/6)(1) + (2/6)(1/2)]        (a = 3)  = 1/3 · 1/3   → 4/9
#   kappa_linear = 1 − (1/6)/(4/9) = 1 − 3/8 = 0.625
# Quadratic weights w = ((i-j)/2)²: observed 2·(1/4)/6 = 1/12;
#   expected 1/3·(7/12 + 1/6 + 1/4) = 1/3;  kappa_quadratic = 1 − (1/12)/(1/3) = 0.75
# Unweighted: p_o = 4/6, p_e = 1/3·(1/6 + 2/6 + 3/6) = 1/3; kappa = (2/3 − 1/3)/(2/3) = 0.5


def test_weighted_kappa_matches_hand_computed_example():
    assert cohen_weighted_kappa(HAND_A, HAND_B, weights="linear") == pytest.approx(0.625)
    assert cohen_weighted_kappa(HAND_A, HAND_B, weights="quadratic") == pytest.approx(0.75)
    assert cohen_weighted_kappa(HAND_A, HAND_B, weights="none") == pytest.approx(0.5)


def test_quadratic_weights_forgive_near_misses_more_and_far_misses_less_than_linear():
    # only one-step disagreements: quadratic > linear > unweighted (values above)
    near = [
        cohen_weighted_kappa(HAND_A, HAND_B, weights=w) for w in ("quadratic", "linear", "none")
    ]
    assert near[0] > near[1] > near[2]
    # one extreme disagreement among agreements: quadratic punishes it hardest
    a, b = [1, 2, 3, 4, 5, 1, 2, 3], [1, 2, 3, 4, 5, 5, 2, 3]
    linear = cohen_weighted_kappa(a, b, weights="linear")
    quadratic = cohen_weighted_kappa(a, b, weights="quadratic")
    assert quadratic < linear
    # two categories: every disagreement is the full distance, so all weightings coincide
    a2, b2 = ["yes", "no", "yes", "yes", "no"], ["yes", "yes", "yes", "no", "no"]
    values = {w: cohen_weighted_kappa(a2, b2, weights=w) for w in ("none", "linear", "quadratic")}
    assert values["none"] == pytest.approx(values["linear"]) == pytest.approx(values["quadratic"])


def test_unweighted_kappa_equals_cohens_kappa_on_textbook_example():
    # 50 proposals read by two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_weighted_kappa(a, b, weights="none") == pytest.approx(0.4)


def test_weighted_kappa_is_one_for_perfect_agreement_and_symmetric_in_the_raters():
    ratings = ["A", "B", "B", "C", "E", "D"]
    for w in ("none", "linear", "quadratic"):
        assert cohen_weighted_kappa(ratings, ratings, weights=w) == 1.0
        assert cohen_weighted_kappa(HAND_A, HAND_B, weights=w) == pytest.approx(
            cohen_weighted_kappa(HAND_B, HAND_A, weights=w), abs=1e-12
        )


def test_weighted_kappa_drops_pairs_with_a_missing_rating_and_says_how_many():
    kappa = cohen_weighted_kappa([*HAND_A, None, 2, nan], [*HAND_B, 3, None, 1])
    assert kappa == pytest.approx(0.625)
    assert (kappa.n_pairs, kappa.n_dropped) == (6, 3)


def test_given_categories_fix_order_and_range_of_the_scale():
    # with the full 1..5 range, a one-step miss is a smaller share of the scale
    narrow = cohen_weighted_kappa(HAND_A, HAND_B)
    wide = cohen_weighted_kappa(HAND_A, HAND_B, categories=[1, 2, 3, 4, 5])
    assert wide == pytest.approx(narrow)  # linear kappa is invariant to the (k−1) scaling
    reversed_order = cohen_weighted_kappa(HAND_A, HAND_B, categories=[3, 2, 1])
    assert reversed_order == pytest.approx(narrow)
    scrambled = cohen_weighted_kappa(HAND_A, HAND_B, categories=[2, 1, 3])
    assert scrambled != pytest.approx(narrow)
    with pytest.raises(ValueError, match=r"rater a, item 0: 1 is not one of the categories"):
        cohen_weighted_kappa(HAND_A, HAND_B, categories=[2, 3])


def test_weighted_kappa_rejects_unequal_lengths_and_unknown_weights():
    with pytest.raises(ValueError, match=r"different numbers of items \(3 and 2\)"):
        cohen_weighted_kappa([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="unknown weights"):
        cohen_weighted_kappa([1, 2], [1, 2], weights="cubic")


def test_weighted_kappa_is_nan_when_undefined():
    assert math.isnan(cohen_weighted_kappa([2, 2, 2], [2, 2, 2]))
    assert math.isnan(cohen_weighted_kappa([None, 1], [2, None]))


# ------------------------------------------------------------------------- annotation tables
def annotation(annotator, source_id, reliability, timestamp, rationale="", target="article",
               level="source", credibility=None):  # fmt: skip
    return {
        "annotator": annotator,
        "source_id": source_id,
        "level": level,
        "target": target,
        "reliability": reliability,
        "credibility": credibility,
        "rationale": rationale,
        "evidence": "",
        "timestamp": timestamp,
    }


@pytest.fixture
def class_annotations():
    rows = [
        annotation("ana", "s1", "B", "2024-03-01T09:00:00", "named outlet"),
        annotation("ben", "s1", "B", "2024-03-01T09:05:00", "byline and date"),
        annotation("cai", "s1", "C", "2024-03-01T09:10:00", "opinion piece"),
        annotation("ana", "s2", "A", "2024-03-01T10:00:00", "agency copy, early view"),
        annotation("ana", "s2", "E", "2024-03-02T10:00:00", "no byline, spun text"),  # latest
        annotation("ben", "s2", "B", "2024-03-01T10:05:00", "quotes named analysts"),
        annotation("cai", "s2", "F", "2024-03-01T10:10:00", "no outlet at all"),
        annotation("ana", "s3", "C", "2024-03-01T11:00:00", "mirror site"),
        annotation("ben", "s3", "C", "2024-03-01T11:05:00", "scraped copy"),
        annotation("ana", "s1", "D", "2024-03-01T12:00:00", "an item", level="item"),
    ]
    return pd.DataFrame(rows)


def test_ratings_matrix_uses_the_latest_rating_per_annotator_and_unit(class_annotations):
    shuffled = class_annotations.sample(frac=1, random_state=3)  # file order must not matter
    table = ratings_matrix(shuffled)
    assert table.index.tolist() == ["s1", "s2", "s3"]
    assert table.columns.tolist() == ["ana", "ben", "cai"]
    assert table.loc["s2", "ana"] == 5.0  # E, the later of A and E
    assert table.loc["s1"].tolist() == [2.0, 2.0, 3.0]  # item-level rows are not mixed in


def test_ratings_matrix_treats_cannot_be_judged_as_missing(class_annotations):
    table = ratings_matrix(class_annotations)
    assert math.isnan(table.loc["s2", "cai"])  # F
    assert math.isnan(table.loc["s3", "cai"])  # never rated
    item = ratings_matrix(
        pd.DataFrame(
            [
                annotation("ana", "s1", None, "2024-01-01", credibility=6, level="item"),
                annotation("ben", "s1", None, "2024-01-01", credibility=2.0, level="item"),
            ]
        ),
        axis="credibility",
        level="item",
    )
    assert math.isnan(item.loc["s1", "ana"]) and item.loc["s1", "ben"] == 2.0


def test_ratings_matrix_labels_units_with_target_when_targets_vary():
    rows = [
        annotation("ana", "s1", "B", "2024-01-01", target="article"),
        annotation("ana", "s1", "D", "2024-01-01", target="comments"),
        annotation("ben", "s1", "C", "2024-01-01", target=""),  # blank target = the article
    ]
    table = ratings_matrix(pd.DataFrame(rows))
    assert table.index.tolist() == ["s1 · article", "s1 · comments"]
    assert table.loc["s1 · article"].tolist() == [2.0, 3.0]


def test_ratings_matrix_names_bad_codes_columns_and_timestamps(class_annotations):
    bad = class_annotations.copy()
    bad.loc[4, "reliability"] = "G"
    with pytest.raises(ValueError, match=r"row 4 \(reliability\).*'G' is not a reliability"):
        ratings_matrix(bad)
    with pytest.raises(ValueError, match="lack column"):
        ratings_matrix(class_annotations.drop(columns="timestamp"))
    late = class_annotations.copy()
    late.loc[2, "timestamp"] = "yesterday"
    with pytest.raises(ValueError, match=r"row 2: timestamp 'yesterday'"):
        ratings_matrix(late)


def test_alpha_of_a_class_reads_f_as_missing(class_annotations):
    table = ratings_matrix(class_annotations)
    recoded = table.copy()
    recoded.loc["s2", "cai"] = 6.0  # what treating F as a sixth rank would do instead
    assert krippendorff_alpha(table) != pytest.approx(krippendorff_alpha(recoded))
    assert krippendorff_alpha(table) == pytest.approx(package_alpha(table.to_numpy(), "ordinal"))


def test_disagreement_table_ranks_the_most_disputed_first_and_carries_rationales(
    class_annotations,
):
    table = disagreement_table(class_annotations)
    assert table.columns.tolist() == agreement.DISAGREEMENT_COLUMNS
    assert table["unit"].tolist() == ["s2", "s1", "s3"]
    top = table.iloc[0]
    assert (top.n_raters, top.n_cannot_judge, top.codes) == (3, 1, "B×1, E×1, F×1")
    assert (top.range, top.mean_abs_diff) == (3.0, 3.0)
    assert top.most_favourable == "ben (B): quotes named analysts"
    assert top.least_favourable == "ana (E): no byline, spun text"
    second = table.iloc[1]
    assert second.codes == "B×2, C×1"
    assert second.mean_abs_diff == pytest.approx(2 / 3)
    assert second.most_favourable == "ana (B): named outlet | ben (B): byline and date"
    assert table.iloc[2].most_favourable == ""  # everyone agreed: nothing to set against


def test_disagreement_table_breaks_ties_by_unit_label():
    rows = [annotation(who, s, code, "2024-01-01") for s in ("s9", "s1", "s5")
            for who, code in (("ana", "B"), ("ben", "C"))]  # fmt: skip
    assert disagreement_table(pd.DataFrame(rows))["unit"].tolist() == ["s1", "s5", "s9"]


# ----------------------------------------------------------------------------------- simulation
def test_simulate_raters_is_deterministic_and_labelled_as_simulated():
    first = simulate_raters(20, 4, noise=0.8, missing=0.2, seed=11)
    pd.testing.assert_frame_equal(first, simulate_raters(20, 4, noise=0.8, missing=0.2, seed=11))
    assert not first.equals(simulate_raters(20, 4, noise=0.8, missing=0.2, seed=12))
    assert first.attrs["simulated"] is True
    assert first.columns[0] == "simulated_rater_1" and first.index[-1] == "simulated_unit_20"
    values = first.to_numpy()
    assert set(np.unique(values[~np.isnan(values)])) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert np.isnan(values).any()


def test_alpha_falls_as_simulated_noise_rises():
    noise_levels = [0.0, 0.3, 0.6, 1.0, 1.5, 2.5]
    alphas = [krippendorff_alpha(simulate_raters(30, 4, noise=z, seed=0)) for z in noise_levels]
    assert alphas[0] == 1.0
    assert all(later < earlier for earlier, later in zip(alphas, alphas[1:], strict=False))


def test_simulate_raters_rejects_impossible_settings():
    with pytest.raises(ValueError, match="noise"):
        simulate_raters(3, 2, noise=-1)
    with pytest.raises(ValueError, match="missing"):
        simulate_raters(3, 2, missing=1.0)
    with pytest.raises(ValueError, match="truth"):
        simulate_raters(3, 2, truth=[1, 2, 6])


def test_docstring_examples_run():
    failures, tried = doctest.testmod(agreement, optionflags=doctest.ELLIPSIS)
    assert tried >= 5 and failures == 0
