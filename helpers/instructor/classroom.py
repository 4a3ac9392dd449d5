"""A class's annotation files pooled, and how far the class agrees: the instructor's tables.

An instructor collects every student's annotation CSV (see :mod:`helpers.annotations`) in one
folder. :func:`pool_class` reads them all: a file that breaks the store's rules is listed in a
table of problems (file, line, what is wrong) and left out, and the rest are pooled. The other
functions read the pooled table:

- :func:`class_agreement` — one alpha for the sources' reliability and one for the claims'
  credibility;
- :func:`agreement_by_source` and :func:`agreement_by_claim` — the same per source and per
  claim, with how many students rated and how many skipped;
- :func:`most_disputed` — the items the class split on most, with the codes and the rationale
  of every student at each end;
- :func:`coverage` — which students skipped which sources and claims;
- :func:`code_counts` and :func:`compare_with_reference` — counts for figures, and the class
  beside the course's reference ratings.

Vocabulary. An **item** (a *unit* for alpha) is one thing rated: a source (``level`` source,
``target`` article or comments), rated for reliability A–F, or a claim in a source (``level``
claim, ``target`` the claim id), rated for credibility 1–6. Only each student's latest rating
of an item counts. F and 6 ("cannot be judged") are no point on the scale: they are counted
(``n_cannot_judge``) but left out of every statistic, as in :mod:`helpers.agreement`, whose
:func:`~helpers.agreement.krippendorff_alpha` (ordinal by default) is used throughout. Alpha
needs at least two items in a group: over a single item it is 0 or undefined whatever the
class did, so it is reported as ``nan`` unless two or more items were each rated on the scale
(not F or 6) by two or more students; the spread is then in ``max_range`` and
``mean_abs_diff``.

Columns shared by the agreement tables (:data:`GROUP_COLUMNS`):

==================  ===================================================================
``n_units``         items in the group that at least one student rated
``n_raters``        students who rated at least one item of the group
``n_skipped``       students of the class (everyone pooled) who rated none of them
``n_missing``       ratings the group's raters left out: n_raters × n_units − ratings
``n_cannot_judge``  ratings of F or 6 among those given
``codes``           every code given, in scale order, e.g. ``B×3, C×1, F×1``
``max_range``       the largest spread (max − min, in scale steps) on any one item
``mean_abs_diff``   mean absolute difference, in scale steps, over all pairs of students
                    who rated the same item (pairs pooled over the group's items)
``alpha``           Krippendorff's alpha over the group's items; nan with fewer than two
                    items rated on the scale by two or more students, or no variation
==================  ===================================================================
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.agreement import krippendorff_alpha
from helpers.annotations import (
    COLUMNS,
    POOLED_COLUMNS,
    latest_annotations,
    pool_annotations,
)
from helpers.annotations import PROBLEM_COLUMNS as PROBLEM_COLUMNS
from helpers.annotations import SPREADSHEET_SUFFIXES as SPREADSHEET_SUFFIXES
from helpers.files import write_spreadsheet_csv
from helpers.scales import CANNOT_BE_JUDGED, codes

__all__ = [
    "agreement_by_claim",
    "agreement_by_source",
    "class_agreement",
    "code_counts",
    "compare_with_reference",
    "coverage",
    "COVERAGE_COLUMNS",
    "DISPUTE_COLUMNS",
    "example_class",
    "GROUP_COLUMNS",
    "item_spread",
    "most_disputed",
    "pool_class",
    "ratings_per_source",
    "write_pooled_csv",
    "REFERENCE_COLUMNS",
    "SCALE_OF_LEVEL",
    "UNIT",
    "UNIT_SEPARATOR",
]

SCALE_OF_LEVEL = {"source": "reliability", "claim": "credibility"}
UNIT = ["source_id", "level", "target"]
GROUP_COLUMNS = [
    "n_units",
    "n_raters",
    "n_skipped",
    "n_missing",
    "n_cannot_judge",
    "codes",
    "max_range",
    "mean_abs_diff",
    "alpha",
]
DISPUTE_COLUMNS = [
    *UNIT,
    "scale",
    "n_raters",
    "n_cannot_judge",
    "codes",
    "range",
    "mean_abs_diff",
    "highest_code",
    "highest",
    "lowest_code",
    "lowest",
    "cannot_judge",
]
COVERAGE_COLUMNS = [
    "annotator",
    "file",
    "n_sources_rated",
    "n_sources_skipped",
    "skipped_sources",
    "n_claims_rated",
    "n_claims_skipped",
    "skipped_claims",
]
REFERENCE_COLUMNS = [*UNIT, "scale", "reference", "n_rated", "codes", "n_same", "n_within_one"]
UNIT_SEPARATOR = " · "
_VALUES = {
    axis: {c: (None if c == CANNOT_BE_JUDGED[axis] else i + 1) for i, c in enumerate(codes(axis))}
    for axis in CANNOT_BE_JUDGED
}


# --------------------------------------------------------------------------- pooling


def pool_class(
    folder: str | Path, corpus: Any = None, strict: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every student's annotation file in ``folder`` pooled: ``(pooled, problems)``.

    The class pooler of :func:`helpers.annotations.pool_annotations` (lesson 02 uses the
    same), which says what is pooled and which files are left out: ``pooled`` has the
    columns :data:`POOLED_COLUMNS`, ``problems`` the columns :data:`PROBLEM_COLUMNS`.

    >>> import tempfile
    >>> pool_class(tempfile.mkdtemp())[0].columns.tolist()[-2:]
    ['timestamp', 'file']
    """
    return pool_annotations(folder, corpus, strict=strict)


def write_pooled_csv(pooled: pd.DataFrame, out: str | Path) -> Path:
    """The pooled ratings as a CSV made for a spreadsheet: formulas neutralised, UTF-8 with BOM.

    What students typed is kept, but a cell that a spreadsheet would run (``=…``, ``+…``,
    ``-…``, ``@…``) starts with ``'`` (:func:`helpers.files.spreadsheet_safe`).

    >>> import tempfile
    >>> pooled = example_class().head(1).assign(rationale="=HYPERLINK(1)")
    >>> out = write_pooled_csv(pooled, Path(tempfile.mkdtemp(), "class.csv"))
    >>> "'=HYPERLINK(1)" in out.read_text(encoding="utf-8-sig")
    True
    """
    columns = [c for c in POOLED_COLUMNS if c in pooled.columns]
    rows = pooled[columns].astype(object).where(pooled[columns].notna(), "")
    return write_spreadsheet_csv(out, columns, rows.itertuples(index=False, name=None))


def example_class() -> pd.DataFrame:
    """A tiny made-up pooled class for examples: three annotators, two sources, one claim.

    ``ana`` and ``ben`` rate both sources and the claim; ``cleo`` skips source ``s2``.

    >>> example_class().groupby("annotator").size().to_dict()
    {'ana': 3, 'ben': 3, 'cleo': 2}
    """
    stamp = "2026-11-21T09:00:00+00:00"
    rows = [
        ("ana", "s1", "source", "article", "B", "", "Named reporter, dated."),
        ("ana", "s2", "source", "article", "D", "", "No byline or date."),
        ("ana", "s1", "claim", "c1", "", "2", "Two named analysts agree."),
        ("ben", "s1", "source", "article", "B", "", "Bylined and dated."),
        ("ben", "s2", "source", "article", "E", "", "Copied text, words swapped."),
        ("ben", "s1", "claim", "c1", "", "4", "Only one side is quoted."),
        ("cleo", "s1", "source", "article", "C", "", "The outlet has a stake."),
        ("cleo", "s1", "claim", "c1", "", "6", "Nothing to check it against."),
    ]
    return pd.DataFrame(
        [[*r, "", stamp, f"{r[0]}.csv"] for r in rows], columns=POOLED_COLUMNS, dtype=str
    )


# --------------------------------------------------------------------------- ratings


def _ratings(pooled: pd.DataFrame) -> pd.DataFrame:
    """One row per (annotator, item) with ``scale``, ``code``, ``value`` (nan: F/6) and ``cannot``.

    Raises ValueError naming the row of a code outside the scale or a level other than
    source/claim; rows without a code on their level's scale (nothing rated) are left out.
    """
    missing = [c for c in COLUMNS if c not in pooled.columns]
    if missing:
        raise ValueError(
            f"pooled ratings lack column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)} "
            "(use pool_class)"
        )
    frame = pooled.reset_index(drop=True)
    frame = frame.assign(
        **{c: frame[c].fillna("").astype(str).str.strip() for c in ("annotator", *UNIT)}
    )
    frame = latest_annotations(frame)
    level = frame["level"].str.lower()
    bad = ~level.isin(list(SCALE_OF_LEVEL))
    if bad.any():
        i = bad.to_numpy().argmax()
        raise ValueError(
            f"pooled ratings row {i}, column level: {frame['level'].iloc[i]!r} is not allowed; "
            f"use one of {', '.join(SCALE_OF_LEVEL)}"
        )
    scale = level.map(SCALE_OF_LEVEL)
    raw = np.where(scale == "reliability", frame["reliability"], frame["credibility"])
    code = pd.Series(raw, index=frame.index).fillna("").astype(str).str.strip().str.upper()
    code = code.str.replace(r"\.0$", "", regex=True)  # a credibility read as a float: 2.0
    values = []
    for i, (axis, c) in enumerate(zip(scale, code, strict=True)):
        if c and c not in _VALUES[axis]:
            raise ValueError(
                f"pooled ratings row {i}, column {axis}: {c!r} is not allowed; use one of "
                f"{', '.join(codes(axis))}"
            )
        value = _VALUES[axis].get(c)
        values.append(np.nan if value is None else float(value))
    out = frame.assign(level=level, scale=scale, code=code, value=values)
    out["cannot"] = out["code"] == out["scale"].map(CANNOT_BE_JUDGED)
    if "file" not in out.columns:
        out["file"] = ""
    return out[out["code"] != ""].reset_index(drop=True)


def _codes_text(codes_given: Iterable[str], scale: str | None) -> str:
    """``B×3, C×1`` in scale order (both scales in one text when ``scale`` is None)."""
    counts = Counter(codes_given)
    order = {c: i for i, c in enumerate(codes(scale))} if scale else {}
    given = sorted(counts, key=lambda c: (order.get(c, 0), c))
    return ", ".join(f"{c}×{counts[c]}" for c in given)


def _pair_sums(values: np.ndarray) -> tuple[float, int]:
    """Sum of |x − y| over all pairs of ``values`` and the number of pairs."""
    x = np.sort(values[~np.isnan(values)])
    n = len(x)
    if n < 2:
        return 0.0, 0
    weights = 2 * np.arange(n) - n + 1
    return float((weights * x).sum()), n * (n - 1) // 2


def _group_stats(ratings: pd.DataFrame, everyone: set[str], level: str) -> dict[str, Any]:
    """The :data:`GROUP_COLUMNS` of one group of items (all on one scale)."""
    raters = set(ratings["annotator"])
    units = ratings.groupby(UNIT, sort=False)
    n_units = units.ngroups
    total, pairs, max_range, n_pairable = 0.0, 0, math.nan, 0
    for _, unit in units:
        values = unit["value"].to_numpy(dtype=float)
        s, p = _pair_sums(values)
        total, pairs = total + s, pairs + p
        if p:
            n_pairable += 1
            spread = float(np.nanmax(values) - np.nanmin(values))
            max_range = spread if math.isnan(max_range) else max(max_range, spread)
    alpha = math.nan
    if n_pairable >= 2:
        matrix = ratings.pivot(index=UNIT, columns="annotator", values="value")
        alpha = krippendorff_alpha(matrix.to_numpy(dtype=float), level=level)
    scales = ratings["scale"].unique()
    return {
        "n_units": n_units,
        "n_raters": len(raters),
        "n_skipped": len(everyone - raters),
        "n_missing": n_units * len(raters) - len(ratings),
        "n_cannot_judge": int(ratings["cannot"].sum()),
        "codes": _codes_text(ratings["code"], scales[0] if len(scales) == 1 else None),
        "max_range": max_range,
        "mean_abs_diff": total / pairs if pairs else math.nan,
        "alpha": alpha,
    }


# --------------------------------------------------------------------------- agreement


def class_agreement(pooled: pd.DataFrame, level: str = "ordinal") -> pd.DataFrame:
    """Agreement over the class: one row for the sources' reliability, one for claims' credibility.

    Columns ``scale`` then :data:`GROUP_COLUMNS` (see the module docstring); a scale nobody
    used has no row. ``level`` is alpha's level of measurement (``"ordinal"``, ``"interval"``
    or ``"nominal"``).

    >>> table = class_agreement(example_class())
    >>> table[["scale", "n_units", "n_raters", "n_missing", "codes"]].values.tolist()[0]
    ['reliability', 2, 3, 1, 'B×2, C×1, D×1, E×1']
    >>> [round(float(x), 3) for x in table["alpha"]], float(table.loc[1, "mean_abs_diff"])
    ([0.726, nan], 2.0)
    """
    ratings = _ratings(pooled)
    everyone = set(ratings["annotator"])
    rows = []
    for scale in ("reliability", "credibility"):
        group = ratings[ratings["scale"] == scale]
        if len(group):
            rows.append({"scale": scale, **_group_stats(group, everyone, level)})
    return pd.DataFrame(rows, columns=["scale", *GROUP_COLUMNS])


def agreement_by_source(pooled: pd.DataFrame, level: str = "ordinal") -> pd.DataFrame:
    """Agreement per source: its own reliability, and the credibility of the claims in it.

    One row per source and scale: ``source_id``, ``scale`` then :data:`GROUP_COLUMNS`. The
    ``reliability`` row's items are the source's ``level=source`` targets (the article, and its
    comments when rated), so its alpha is usually undefined (one item) and ``codes`` and
    ``max_range`` say how far the class agreed; the ``credibility`` row's items are the claims
    rated in that source. ``n_skipped`` counts the students of the class who rated none of the
    row's items. Sorted by source id, reliability first.

    >>> table = agreement_by_source(example_class())
    >>> columns = ["source_id", "scale", "n_units", "n_raters", "n_skipped", "codes"]
    >>> for row in table[columns].values:
    ...     print(*row)
    s1 reliability 1 3 0 B×2, C×1
    s1 credibility 1 3 0 2×1, 4×1, 6×1
    s2 reliability 1 2 1 D×1, E×1
    """
    ratings = _ratings(pooled)
    everyone = set(ratings["annotator"])
    rows = []
    for source_id, in_source in ratings.groupby("source_id", sort=True):
        for scale in ("reliability", "credibility"):
            group = in_source[in_source["scale"] == scale]
            if len(group):
                stats = _group_stats(group, everyone, level)
                rows.append({"source_id": source_id, "scale": scale, **stats})
    return pd.DataFrame(rows, columns=["source_id", "scale", *GROUP_COLUMNS])


def agreement_by_claim(pooled: pd.DataFrame, level: str = "ordinal") -> pd.DataFrame:
    """Agreement per claim: the credibility of one claim in every source the class rated it in.

    One row per claim (``level=claim`` target): ``claim``, ``sources`` (the source ids it was
    rated in, ``"; "``-joined) then :data:`GROUP_COLUMNS`, where the items are the claim in each
    of those sources; alpha needs the claim rated in two or more sources. ``n_skipped`` counts
    the students of the class who rated the claim in no source. Sorted by claim.

    >>> table = agreement_by_claim(example_class())
    >>> table[["claim", "sources", "n_units", "n_raters", "n_cannot_judge"]].values.tolist()
    [['c1', 's1', 1, 3, 1]]
    """
    ratings = _ratings(pooled)
    everyone = set(ratings["annotator"])
    claims = ratings[ratings["scale"] == "credibility"]
    rows = []
    for claim, group in claims.groupby("target", sort=True):
        sources = "; ".join(sorted(group["source_id"].unique()))
        rows.append({"claim": claim, "sources": sources, **_group_stats(group, everyone, level)})
    return pd.DataFrame(rows, columns=["claim", "sources", *GROUP_COLUMNS])


def _voices(rows: list[tuple]) -> tuple[tuple[str, str], ...]:
    """``(annotator, rationale)`` of rating records ``(scale, annotator, code, value, …)``."""
    return tuple((r[1], "" if pd.isna(r[5]) else str(r[5])) for r in rows)


def item_spread(pooled: pd.DataFrame) -> pd.DataFrame:
    """Every item rated, with the class's codes and spread and who gave the highest and lowest.

    Columns :data:`DISPUTE_COLUMNS`: ``source_id, level, target``; ``scale``; ``n_raters``
    (students who rated it, F/6 included); ``n_cannot_judge``; ``codes``; ``range`` (max − min
    in scale steps, nan when fewer than one code on the scale); ``mean_abs_diff`` (over pairs
    of students); ``highest_code`` / ``highest`` — the most favourable code given (nearest A or
    1) and the ``(annotator, rationale)`` pairs of the students who gave it; ``lowest_code`` /
    ``lowest`` — the least favourable, the same way (empty when everyone on the scale agreed);
    ``cannot_judge`` — the ``(annotator, rationale)`` pairs of those who gave F or 6. Items in
    order of first rating.

    >>> row = item_spread(example_class()).iloc[1]
    >>> row["target"], row["codes"], row["highest_code"], row["lowest"]
    ('article', 'D×1, E×1', 'D', (('ben', 'Copied text, words swapped.'),))
    """
    ratings = _ratings(pooled)
    units: dict[tuple[str, str, str], list[tuple]] = {}
    columns = [*UNIT, "scale", "annotator", "code", "value", "cannot", "rationale"]
    for record in ratings[columns].itertuples(index=False, name=None):
        units.setdefault(record[:3], []).append(record[3:])
    rows = []
    for (source_id, level, target), unit in units.items():
        scale = unit[0][0]
        on_scale = [r for r in unit if not r[4]]
        values = np.array([r[3] for r in on_scale], dtype=float)
        s, pairs = _pair_sums(values)
        best, worst = (values.min(), values.max()) if len(values) else (math.nan, math.nan)
        high = [r for r in on_scale if r[3] == best]
        low = [r for r in on_scale if r[3] == worst] if worst > best else []
        rows.append(
            {
                "source_id": source_id,
                "level": level,
                "target": target,
                "scale": scale,
                "n_raters": len(unit),
                "n_cannot_judge": len(unit) - len(on_scale),
                "codes": _codes_text([r[2] for r in unit], scale),
                "range": float(worst - best),
                "mean_abs_diff": s / pairs if pairs else math.nan,
                "highest_code": high[0][2] if high else "",
                "highest": _voices(high),
                "lowest_code": low[0][2] if low else "",
                "lowest": _voices(low),
                "cannot_judge": _voices([r for r in unit if r[4]]),
            }
        )
    return pd.DataFrame(rows, columns=DISPUTE_COLUMNS)


def most_disputed(pooled: pd.DataFrame, top: int | None = 5) -> pd.DataFrame:
    """The items the class split on most, with the codes and the rationales at each end.

    An item is disputed when its codes on the scale differ (``range`` > 0), or when some but
    not all of its raters said it cannot be judged (F or 6). Columns as in
    :func:`item_spread`. Sorted by ``range``, then ``mean_abs_diff``, then ``n_cannot_judge``,
    then ``n_raters`` (all descending), ties by source id, level and target; the first ``top``
    rows (all with ``top=None``).

    >>> top = most_disputed(example_class(), top=2)
    >>> top[["source_id", "target", "codes", "range"]].values.tolist()
    [['s1', 'c1', '2×1, 4×1, 6×1', 2.0], ['s2', 'article', 'D×1, E×1', 1.0]]
    >>> top.loc[0, "highest"], top.loc[0, "lowest"]
    ((('ana', 'Two named analysts agree.'),), (('ben', 'Only one side is quoted.'),))
    >>> top.loc[0, "cannot_judge"]
    (('cleo', 'Nothing to check it against.'),)
    """
    if top is not None and (not isinstance(top, int) or top < 0):
        raise ValueError(f"top is how many items to list: a whole number >= 0 or None; got {top!r}")
    table = item_spread(pooled)
    split = table["range"] > 0
    basis = (table["n_cannot_judge"] > 0) & (table["n_cannot_judge"] < table["n_raters"])
    table = table[split | basis]
    table = table.sort_values(
        ["range", "mean_abs_diff", "n_cannot_judge", "n_raters", *UNIT],
        ascending=[False, False, False, False, True, True, True],
        na_position="last",
        kind="mergesort",
    ).reset_index(drop=True)
    return table if top is None else table.head(top)


# --------------------------------------------------------------------------- coverage


def _unit_label(source_id: str, target: str) -> str:
    return f"{source_id}{UNIT_SEPARATOR}{target}"


def coverage(pooled: pd.DataFrame, corpus: Any = None) -> pd.DataFrame:
    """Which students skipped which sources and claims, one row per student.

    A student skipped a source when they gave it no ``level=source`` rating; the sources are
    the corpus's (when given) or else every source anyone in the class rated. A student
    skipped a claim when someone else rated that claim in that source and they did not.
    Columns :data:`COVERAGE_COLUMNS`: ``annotator``, ``file``, ``n_sources_rated``,
    ``n_sources_skipped``, ``skipped_sources`` (a tuple of source ids), ``n_claims_rated``,
    ``n_claims_skipped``, ``skipped_claims`` (a tuple of ``"source_id · claim"``). F and 6
    count as rated: the student looked and said so. Sorted by annotator.

    >>> table = coverage(example_class())
    >>> table[["annotator", "n_sources_skipped", "skipped_sources"]].values.tolist()
    [['ana', 0, ()], ['ben', 0, ()], ['cleo', 1, ('s2',)]]
    """
    ratings = _ratings(pooled)
    sources = list(corpus.ids) if corpus is not None else sorted(ratings["source_id"].unique())
    claim_units = ratings.loc[ratings["level"] == "claim", ["source_id", "target"]]
    claim_units = list(dict.fromkeys(map(tuple, claim_units.to_numpy().tolist())))
    claim_units.sort()
    rows = []
    for annotator, mine in ratings.groupby("annotator", sort=True):
        rated_sources = set(mine.loc[mine["level"] == "source", "source_id"])
        mine_claims = mine[mine["level"] == "claim"]
        rated_claims = set(zip(mine_claims["source_id"], mine_claims["target"], strict=True))
        skipped_sources = tuple(s for s in sources if s not in rated_sources)
        skipped_claims = tuple(_unit_label(*u) for u in claim_units if u not in rated_claims)
        rows.append(
            {
                "annotator": annotator,
                "file": mine["file"].iloc[0],
                "n_sources_rated": len(rated_sources),
                "n_sources_skipped": len(skipped_sources),
                "skipped_sources": skipped_sources,
                "n_claims_rated": len(rated_claims),
                "n_claims_skipped": len(skipped_claims),
                "skipped_claims": skipped_claims,
            }
        )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def ratings_per_source(pooled: pd.DataFrame, corpus: Any = None) -> pd.DataFrame:
    """How many items each student rated in each source: students down, sources across.

    An item is the source itself (article, comments) or a claim in it; 0 means the student
    rated nothing there. The sources are the corpus's (when given) or every source rated.

    >>> ratings_per_source(example_class()).to_dict("index")
    {'ana': {'s1': 2, 's2': 1}, 'ben': {'s1': 2, 's2': 1}, 'cleo': {'s1': 2, 's2': 0}}
    """
    ratings = _ratings(pooled)
    sources = list(corpus.ids) if corpus is not None else sorted(ratings["source_id"].unique())
    table = pd.crosstab(ratings["annotator"], ratings["source_id"])
    table = table.reindex(columns=sources, fill_value=0).astype(int)
    table.index.name, table.columns.name = "annotator", "source_id"
    return table


def code_counts(pooled: pd.DataFrame, level: str = "source") -> pd.DataFrame:
    """How many students gave each code to each item of one level: items down, codes across.

    ``level="source"``: codes A–F; ``"claim"``: 1–6. Items are labelled ``source_id`` for an
    article and ``"source_id · target"`` otherwise, sorted by label.

    >>> code_counts(example_class()).loc["s2"].to_dict()
    {'A': 0, 'B': 0, 'C': 0, 'D': 1, 'E': 1, 'F': 0}
    """
    if level not in SCALE_OF_LEVEL:
        raise ValueError(f"unknown level {level!r}; use one of {', '.join(SCALE_OF_LEVEL)}")
    scale = SCALE_OF_LEVEL[level]
    ratings = _ratings(pooled)
    ratings = ratings[ratings["level"] == level]
    article = (ratings["level"] == "source") & (ratings["target"] == "article")
    label = ratings["source_id"].where(
        article, ratings["source_id"] + UNIT_SEPARATOR + ratings["target"]
    )
    table = pd.crosstab(label, ratings["code"]) if len(ratings) else pd.DataFrame()
    table = table.reindex(columns=list(codes(scale)), fill_value=0).fillna(0).astype(int)
    table = table.sort_index()
    table.index.name, table.columns.name = "item", scale
    return table


def compare_with_reference(pooled: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """The class's codes beside a reference rating of the same items (e.g. the course's).

    ``reference``: annotation rows (the store's columns; e.g.
    :func:`helpers.tables.read_reference_ratings`). One row per reference item, in its order:
    ``source_id, level, target, scale``; ``reference`` (its code); ``n_rated`` (students who
    rated the item); ``codes`` (theirs); ``n_same`` (students who gave the reference's code);
    ``n_within_one`` (within one scale step of it; for F or 6 the same as ``n_same``).

    >>> ref = example_class().query("annotator == 'ana'").assign(annotator="reference")
    >>> table = compare_with_reference(example_class(), ref)
    >>> table[["target", "reference", "n_same", "n_within_one"]].values.tolist()
    [['article', 'B', 2, 3], ['article', 'D', 1, 2], ['c1', '2', 1, 1]]
    """
    ref = _ratings(reference)
    ratings = _ratings(pooled)
    by_unit = {key: unit for key, unit in ratings.groupby(UNIT, sort=False)}
    rows = []
    for _, r in ref.drop_duplicates(UNIT, keep="last").iterrows():
        key = (r["source_id"], r["level"], r["target"])
        unit = by_unit.get(key, ratings.iloc[:0])
        same = int((unit["code"] == r["code"]).sum())
        near = same if r["cannot"] else int(((unit["value"] - r["value"]).abs() <= 1).sum())
        rows.append(
            {
                "source_id": key[0],
                "level": key[1],
                "target": key[2],
                "scale": r["scale"],
                "reference": r["code"],
                "n_rated": len(unit),
                "codes": _codes_text(unit["code"], r["scale"]),
                "n_same": same,
                "n_within_one": near,
            }
        )
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS)
