"""How far a class agrees when it rates the same sources: Krippendorff's alpha and weighted kappa.

Every statistic here works on ordinal values (A=1 … E=5 for reliability, 1 … 5 for
credibility, see :func:`helpers.scales.ordinal_value`). "Cannot be judged" (F, 6) is not a
point on the scale, so it is **missing**: it is counted and shown by :func:`disagreement_table`
but never enters a statistic.

Krippendorff's alpha
    Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School
    for Communication, University of Pennsylvania, departmental paper 43.

    Units rated by fewer than two raters are dropped (they hold no pairable values). For the
    remaining units *u*, with ``m_u`` ratings of which ``n_uc`` have value *c*, the
    coincidence matrix is ``o_ck = Σ_u (n_uc·n_uk − [c=k]·n_uc) / (m_u − 1)``; its marginals
    are ``n_c = Σ_k o_ck`` and ``n = Σ_c n_c`` (the number of pairable values). Then::

        alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck·δ²_ck / Σ_ck n_c·n_k·δ²_ck

    with the difference function δ² of the level of measurement:

    - nominal: ``δ²_ck = 0`` if ``c = k`` else ``1``;
    - ordinal: ``δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²``, summing the marginal
      frequencies of the values from *c* to *k* over the values that actually occur, so the
      distance between two ranks depends on how many pairable values lie between them;
    - interval: ``δ²_ck = (c − k)²``.

    alpha is 1 for perfect agreement, 0 for agreement no better than chance, negative for
    systematic disagreement. When there is no variation to measure (every pairable value the
    same, or fewer than two pairable values) ``D_e`` is 0 and alpha is undefined: the function
    returns ``nan`` rather than dividing by zero.

Weighted kappa
    Cohen, J. (1968). Weighted kappa: Nominal scale agreement with provision for scaled
    disagreement or partial credit. *Psychological Bulletin* 70(4), 213–220.

    For two raters, with ``p_ij`` the observed proportion of items rated *i* by the first and
    *j* by the second, ``p_i·`` and ``p_·j`` the marginal proportions and disagreement weights
    ``w_ij`` over the *k* categories in order::

        kappa_w = 1 − Σ_ij w_ij·p_ij / Σ_ij w_ij·p_i·p_·j

    ``none`` (Cohen's 1960 kappa): ``w_ij = [i ≠ j]``; ``linear``: ``|i − j| / (k − 1)``;
    ``quadratic``: ``((i − j) / (k − 1))²`` (positions *i*, *j* in the category order).

Tables: :func:`ratings_matrix` is units × annotators of ordinal values (``nan`` = missing),
index named ``unit``; :func:`disagreement_table` documents its columns below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from helpers.annotations import COLUMNS as ANNOTATION_COLUMNS
from helpers.files import latest_positions, parse_timestamp
from helpers.scales import CANNOT_BE_JUDGED, codes, ordinal_value

__all__ = [
    "cohen_weighted_kappa",
    "DISAGREEMENT_COLUMNS",
    "disagreement_table",
    "Kappa",
    "KAPPA_WEIGHTS",
    "krippendorff_alpha",
    "LEVELS",
    "ratings_matrix",
    "simulate_raters",
    "UNIT_SEPARATOR",
]

LEVELS = ("nominal", "ordinal", "interval")
KAPPA_WEIGHTS = ("linear", "quadratic", "none")
UNIT_SEPARATOR = " · "
DISAGREEMENT_COLUMNS = [
    "unit",
    "n_raters",
    "n_cannot_judge",
    "codes",
    "range",
    "mean_abs_diff",
    "most_favourable",
    "least_favourable",
]


# --------------------------------------------------------------------------- Krippendorff's alpha
def _is_missing(x: object) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def _numeric_table(ratings: object, who: str) -> np.ndarray:
    """Ratings as a 2-D float array (nan = missing); ValueError names any non-number's place."""
    if isinstance(ratings, pd.DataFrame):
        rows, cols = list(ratings.index), list(ratings.columns)
        raw = ratings.to_numpy(dtype=object)
    else:
        raw = np.asarray(ratings, dtype=object)
        if raw.ndim != 2:
            raise ValueError(
                f"{who}: expected a 2-D table, units × raters (rows = items rated, columns = "
                f"raters); got an array of shape {raw.shape}"
            )
        rows, cols = list(range(raw.shape[0])), list(range(raw.shape[1]))
    out = np.full(raw.shape, np.nan)
    for (i, j), x in np.ndenumerate(raw):
        if _is_missing(x):
            continue
        if isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(
            x, (bool, np.bool_)
        ):
            value = float(x)
            if math.isinf(value):
                raise ValueError(f"{who}: rating at unit {rows[i]!r}, rater {cols[j]!r} is {x!r}")
            out[i, j] = value
            continue
        raise ValueError(
            f"{who}: rating at unit {rows[i]!r}, rater {cols[j]!r} is {x!r}, not a number; "
            "convert codes first with helpers.scales.ordinal_value (F and 6 become missing) "
            "and leave unrated cells as None or NaN"
        )
    return out


def _coincidences(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values that occur in pairable units, coincidence matrix o over those values)."""
    present = ~np.isnan(table)
    table = table[present.sum(axis=1) >= 2]  # a unit with fewer than 2 ratings pairs with nothing
    values = np.unique(table[~np.isnan(table)])
    counts = (table[:, :, None] == values[None, None, :]).sum(axis=1).astype(float)  # n_uc
    m = counts.sum(axis=1)
    pairs = counts[:, :, None] * counts[:, None, :]
    pairs -= counts[:, :, None] * np.eye(len(values))[None, :, :]
    o = (pairs / (m - 1)[:, None, None]).sum(axis=0) if len(m) else np.zeros((0, 0))
    return values, o


def _delta2(values: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared difference δ²_ck between every pair of values at one level of measurement."""
    if level == "nominal":
        return 1.0 - np.eye(len(values))
    if level == "interval":
        return (values[:, None] - values[None, :]) ** 2
    # ordinal: Σ_{g=c..k} n_g − (n_c + n_k)/2, with cumulative sums over the ranked values
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    idx = np.arange(len(values))
    lo, hi = np.minimum.outer(idx, idx), np.maximum.outer(idx, idx)
    between = cum[hi + 1] - cum[lo]
    return (between - (n_c[:, None] + n_c[None, :]) / 2) ** 2


def krippendorff_alpha(ratings: object, level: str = "ordinal") -> float:
    """Krippendorff's alpha for a units × raters table (see the module docstring for formulas).

    ``ratings``: a DataFrame or 2-D array-like, one row per item rated and one column per
    rater, holding numbers (ordinal ranks) with None/NaN where a rater gave no rating.
    ``level``: ``"nominal"``, ``"ordinal"`` (default) or ``"interval"``.
    Returns ``nan`` when there is no variation to measure. A non-number raises ValueError.

    >>> krippendorff_alpha([[1, 1], [2, 2], [3, None]])
    1.0
    >>> round(krippendorff_alpha([[1, 2], [2, 2], [3, 3], [4, 5]], level="interval"), 3)
    0.848
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    table = _numeric_table(ratings, "krippendorff_alpha")
    values, o = _coincidences(table)
    if len(values) < 2:
        return float("nan")
    n_c = o.sum(axis=0)
    n = n_c.sum()
    d2 = _delta2(values, n_c, level)
    expected = (np.outer(n_c, n_c) * d2).sum()
    if n < 2 or expected <= 0:
        return float("nan")
    return float(1.0 - (n - 1) * (o * d2).sum() / expected)


# ------------------------------------------------------------------------------- weighted kappa
class Kappa(float):
    """A kappa value (a plain float to every calculation) that also says what it rests on.

    ``n_pairs``: items both raters rated; ``n_dropped``: items dropped because one or both
    ratings were missing.
    """

    n_pairs: int
    n_dropped: int

    def __new__(cls, value: float, n_pairs: int, n_dropped: int) -> Kappa:
        self = super().__new__(cls, value)
        self.n_pairs = n_pairs
        self.n_dropped = n_dropped
        return self


def cohen_weighted_kappa(
    a: Sequence[object],
    b: Sequence[object],
    categories: Sequence[object] | None = None,
    weights: str = "linear",
) -> Kappa:
    """Cohen's weighted kappa between two raters who rated the same items, in the same order.

    Items where either rating is None/NaN are dropped; the result is a float that also
    carries ``n_pairs`` (items used) and ``n_dropped``. ``categories`` fixes the order and
    range of the scale (default: the sorted union of the ratings given); a rating outside it
    raises ValueError. ``weights``: ``"linear"``, ``"quadratic"`` or ``"none"`` (unweighted).
    Returns ``nan`` when kappa is undefined (no pairs left, or no disagreement expected by
    chance, e.g. both raters used one category only).

    >>> k = cohen_weighted_kappa([1, 1, 2, 2, 3, 3, None], [1, 2, 2, 3, 3, 3, 2])
    >>> k, k.n_pairs, k.n_dropped
    (0.625, 6, 1)
    """
    if weights not in KAPPA_WEIGHTS:
        raise ValueError(f"unknown weights {weights!r}; use one of {', '.join(KAPPA_WEIGHTS)}")
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(
            f"cohen_weighted_kappa: the raters rated different numbers of items ({len(a)} and "
            f"{len(b)}); give both ratings of each item at the same position, None where skipped"
        )
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not (_is_missing(x) or _is_missing(y))]
    n_dropped = len(a) - len(pairs)
    if categories is None:
        try:
            categories = sorted({x for x in a + b if not _is_missing(x)})
        except TypeError as err:
            raise ValueError(
                "cohen_weighted_kappa: ratings of different kinds cannot be ordered; "
                "give categories explicitly"
            ) from err
    categories = list(categories)
    if len(set(categories)) != len(categories):
        raise ValueError(f"cohen_weighted_kappa: categories repeat a value: {categories}")
    position = {c: i for i, c in enumerate(categories)}
    for item, (x, y) in enumerate(zip(a, b, strict=True)):
        for rater, value in (("a", x), ("b", y)):
            if not _is_missing(value) and value not in position:
                raise ValueError(
                    f"cohen_weighted_kappa: rater {rater}, item {item}: {value!r} is not one of "
                    f"the categories {categories}"
                )
    k = len(categories)
    if not pairs or k < 2:
        return Kappa(float("nan"), len(pairs), n_dropped)
    observed = np.zeros((k, k))
    for x, y in pairs:
        observed[position[x], position[y]] += 1
    observed /= len(pairs)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    idx = np.arange(k)
    distance = np.abs(idx[:, None] - idx[None, :]) / (k - 1)
    w = {"none": (distance > 0).astype(float), "linear": distance, "quadratic": distance**2}
    disagree_expected = (w[weights] * expected).sum()
    if disagree_expected <= 0:
        return Kappa(float("nan"), len(pairs), n_dropped)
    value = 1.0 - (w[weights] * observed).sum() / disagree_expected
    return Kappa(value, len(pairs), n_dropped)


# ------------------------------------------------------------------------- annotation tables
def _latest(annotations: pd.DataFrame, axis: str, level: str) -> pd.DataFrame:
    """One row per (annotator, unit) — the latest — with ``unit``, ``code`` and ``value``."""
    if axis not in CANNOT_BE_JUDGED:
        raise ValueError(f"unknown axis {axis!r}; use 'reliability' or 'credibility'")
    needed = ["annotator", "source_id", "level", "target", axis, "timestamp"]
    missing = [c for c in needed if c not in annotations.columns]
    if missing:
        raise ValueError(
            f"annotations lack column(s) {', '.join(missing)}; expected {list(ANNOTATION_COLUMNS)}"
        )
    rows = annotations[annotations["level"] == level]
    for label, stamp in rows["timestamp"].items():
        parse_timestamp(stamp, f"annotations row {label!r}")
    # The course's one "latest wins" rule: newest timestamp per rater and unit, later row on a tie.
    key = ["annotator", "source_id", "level", "target"]
    rows = rows.iloc[latest_positions(rows.to_dict("records"), key)].copy()

    target = rows["target"].map(
        lambda t: "article" if _is_missing(t) else str(t).strip() or "article"
    )
    source = rows["source_id"].astype(str)
    rows["unit"] = source if (target == "article").all() else source + UNIT_SEPARATOR + target

    def code(x: object) -> str | None:
        if _is_missing(x) or (isinstance(x, str) and not x.strip()):
            return None
        if isinstance(x, (float, np.floating)) and float(x).is_integer():
            x = int(x)  # a CSV column with blanks reads 2 as 2.0
        return str(x).strip().upper()

    rows["code"] = rows[axis].map(code)
    values = []
    for i, c in rows["code"].items():
        try:
            values.append(ordinal_value(axis, c))
        except ValueError as err:
            raise ValueError(f"annotations row {i!r} ({axis}): {err}") from None
    rows["value"] = pd.array(values, dtype="Float64").astype(float)
    return rows.sort_values(["unit", "annotator"], kind="mergesort")


def ratings_matrix(
    annotations: pd.DataFrame, axis: str = "reliability", level: str = "source"
) -> pd.DataFrame:
    """The units × annotators table of ordinal values that :func:`krippendorff_alpha` reads.

    ``annotations``: pooled annotation rows with columns ``annotator, source_id, level,
    target, reliability, credibility, rationale, evidence, timestamp``. Only rows of the given
    ``level`` count. When an annotator rated the same (source_id, level, target) more than
    once, the row with the latest timestamp wins (at equal timestamps, the later row), even if
    its rating is blank. Codes become ordinal values (A=1 … E=5; 1 … 5); "cannot be judged"
    (F, 6) and blanks become NaN.

    Units (the index, named ``unit``) are labelled by ``source_id``; when some target is not
    ``article`` (a blank target counts as ``article``) every unit is labelled
    ``"source_id · target"``. Rows and columns are sorted by label.

    >>> notes = pd.DataFrame({"annotator": ["ana", "ana", "ben"], "source_id": ["s1"] * 3,
    ...     "level": ["source"] * 3, "target": ["article"] * 3, "reliability": ["C", "B", "F"],
    ...     "timestamp": ["2024-01-01T10:00", "2024-01-02T10:00", "2024-01-01T11:00"]})
    >>> ratings_matrix(notes).to_dict("index")
    {'s1': {'ana': 2.0, 'ben': nan}}
    """
    rows = _latest(annotations, axis, level)
    table = rows.pivot(index="unit", columns="annotator", values="value")
    table = table.sort_index().sort_index(axis=1).astype(float)
    table.index.name, table.columns.name = "unit", "annotator"
    return table


def _mean_abs_pairwise(values: list[float]) -> float:
    if len(values) < 2:
        return float("nan")
    diffs = [abs(x - y) for x, y in combinations(values, 2)]
    return float(sum(diffs) / len(diffs))


def disagreement_table(
    annotations: pd.DataFrame, axis: str = "reliability", level: str = "source"
) -> pd.DataFrame:
    """One row per unit, the most disputed first, with the reasons at both ends for discussion.

    Columns: ``unit``; ``n_raters`` (annotators who rated it, "cannot be judged" included);
    ``n_cannot_judge`` (F or 6); ``codes`` (e.g. ``"B×3, D×1"`` in scale order); ``range``
    (max − min of the ordinal values, NaN if none); ``mean_abs_diff`` (mean absolute
    difference over all pairs of ordinal values, NaN if fewer than two);
    ``most_favourable`` / ``least_favourable`` ("annotator (code): rationale" for the raters
    who gave the best / worst rating, joined by " | "; empty when everyone agreed).
    Sorted by range, then mean_abs_diff, then n_cannot_judge (all descending; NaN last), ties
    by unit label. Latest ratings and unit labels as in :func:`ratings_matrix`.

    >>> notes = pd.DataFrame({"annotator": ["ana", "ben", "ana", "ben"],
    ...     "source_id": ["s1", "s1", "s2", "s2"], "level": ["source"] * 4,
    ...     "target": ["article"] * 4, "reliability": ["B", "B", "A", "D"],
    ...     "rationale": ["named outlet", "byline", "wire copy", "no date"],
    ...     "timestamp": ["2024-01-01"] * 4})
    >>> t = disagreement_table(notes)
    >>> t[["unit", "codes", "range"]].to_dict("records")[0]
    {'unit': 's2', 'codes': 'A×1, D×1', 'range': 3.0}
    >>> t.loc[0, "least_favourable"]
    'ben (D): no date'
    """
    rows = _latest(annotations, axis, level)
    order = {c: i for i, c in enumerate(codes(axis))}
    cannot = CANNOT_BE_JUDGED[axis]
    has_rationale = "rationale" in rows.columns
    records = []
    for unit, group in rows.groupby("unit", sort=True):
        rated = group[group["code"].notna()]
        counts = rated["code"].value_counts()
        given = sorted(counts.index, key=lambda c: order.get(c, len(order)))
        values = [float(v) for v in rated["value"] if not math.isnan(v)]
        spread = max(values) - min(values) if values else float("nan")

        def voices(extreme: float, rated: pd.DataFrame = rated) -> str:
            at = rated[rated["value"] == extreme]
            parts = []
            for _, r in at.iterrows():
                why = r["rationale"] if has_rationale and not _is_missing(r["rationale"]) else ""
                parts.append(f"{r['annotator']} ({r['code']}): {str(why).strip()}".rstrip(": "))
            return " | ".join(parts)

        records.append(
            {
                "unit": unit,
                "n_raters": len(rated),
                "n_cannot_judge": int((rated["code"] == cannot).sum()),
                "codes": ", ".join(f"{c}×{counts[c]}" for c in given),
                "range": spread,
                "mean_abs_diff": _mean_abs_pairwise(values),
                "most_favourable": voices(min(values)) if spread > 0 else "",
                "least_favourable": voices(max(values)) if spread > 0 else "",
            }
        )
    table = pd.DataFrame.from_records(records, columns=DISAGREEMENT_COLUMNS)
    table = table.sort_values(
        ["range", "mean_abs_diff", "n_cannot_judge", "unit"],
        ascending=[False, False, False, True],
        na_position="last",
        kind="mergesort",
    )
    return table.reset_index(drop=True)


# ----------------------------------------------------------------------------------- simulation
def simulate_raters(
    n_units: int,
    n_raters: int,
    truth: Sequence[int] | None = None,
    noise: float = 0.7,
    missing: float = 0.1,
    seed: int = 0,
) -> pd.DataFrame:
    """SIMULATED ratings (not a real class): units × raters of ordinal values 1 … 5, NaN missing.

    Each unit has a true value (``truth``, or drawn uniformly from 1 … 5); each rater reports
    it plus normal noise with standard deviation ``noise``, rounded and clipped to 1 … 5; each
    cell is then left blank with probability ``missing``. One ``numpy.random.Generator``
    seeded with ``seed`` makes every draw, so the table is the same on every run and machine
    (for the pinned numpy). Index ``simulated_unit_1`` …, columns ``simulated_rater_1`` …;
    ``table.attrs["simulated"]`` is True.

    >>> table = simulate_raters(3, 2, truth=[1, 3, 5], noise=0, missing=0)
    >>> list(table.columns), table.to_numpy().tolist()
    (['simulated_rater_1', 'simulated_rater_2'], [[1.0, 1.0], [3.0, 3.0], [5.0, 5.0]])
    """
    if n_units < 1 or n_raters < 1:
        raise ValueError(f"need at least one unit and one rater; got {n_units} × {n_raters}")
    if not noise >= 0:
        raise ValueError(f"noise is a standard deviation and cannot be negative; got {noise}")
    if not 0 <= missing < 1:
        raise ValueError(f"missing is a probability in [0, 1); got {missing}")
    rng = np.random.default_rng(seed)
    if truth is None:
        true = rng.integers(1, 6, size=n_units).astype(float)
    else:
        true = np.asarray(truth, dtype=float)
        if true.shape != (n_units,) or not np.isin(true, [1, 2, 3, 4, 5]).all():
            raise ValueError(f"truth must be {n_units} values from 1 to 5; got {list(truth)}")
    errors = rng.normal(0.0, 1.0, size=(n_units, n_raters)) * noise
    values = np.clip(np.rint(true[:, None] + errors), 1, 5)
    values[rng.random((n_units, n_raters)) < missing] = np.nan
    table = pd.DataFrame(
        values,
        index=pd.Index([f"simulated_unit_{i + 1}" for i in range(n_units)], name="unit"),
        columns=pd.Index([f"simulated_rater_{j + 1}" for j in range(n_raters)], name="rater"),
    )
    table.attrs["simulated"] = True
    table.attrs["description"] = (
        f"simulated ratings: noise={noise}, missing={missing}, seed={seed}; not real annotations"
    )
    return table
