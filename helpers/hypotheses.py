"""Analysis of competing hypotheses (ACH): hypotheses across, evidence down, inconsistency counted.

Richards J. Heuer, Jr., *Psychology of Intelligence Analysis* (CIA Center for the Study of
Intelligence, 1999), chapter 8, sets out the method: list every reasonable hypothesis, list the
evidence (including assumptions and the absence of things you would expect), judge each item
against **each** hypothesis, and then look for the hypotheses the evidence argues *against*.
Evidence consistent with every hypothesis has no diagnostic value, however vivid it is, and
the most likely hypothesis is the one with the **least** evidence against it, not the one with
the most evidence for it: consistent evidence is usually consistent with rivals too, while one
solid inconsistency can rule a hypothesis out.

Ratings (:data:`RATINGS`; Heuer marks a cell consistent, inconsistent or not applicable; the
double ratings ``CC`` and ``II`` and neutral ``N`` are those of the PARC ACH software of Heuer
and Pherson):

======  =======================  ===================================================  ======
code    meaning                  ask: if this hypothesis were true, the item would…    points
======  =======================  ===================================================  ======
``CC``  strongly consistent      …be expected; it is hard to explain otherwise          0
``C``   consistent               …fit                                                   0
``N``   neutral                  …be neither more nor less likely                       0
``I``   inconsistent             …be unexpected                                         1
``II``  strongly inconsistent    …be very hard to explain; it argues against it         2
``NA``  not applicable           the item does not bear on this hypothesis              0
======  =======================  ===================================================  ======

**Only inconsistency scores.** :func:`inconsistency_scores` adds up the points (I = 1,
II = 2) per hypothesis; ``CC`` adds no support, because "strongly consistent" evidence is
usually consistent with another hypothesis as well. The ``CC``/``C`` distinction is kept for
the analyst's argument, not for the arithmetic.

**Weights** (:func:`evidence_weight`): an item from an unreliable source, or one that is only
possibly true, should count for less. Each row's weight is the product of a reliability weight
and a credibility weight (Admiralty codes, :mod:`helpers.scales`):

===========  ====  ====  ====  ====  ====  =========================================
reliability   A     B     C     D     E    F (cannot be judged): 0.5 by default
weight       1.0   0.8   0.6   0.4   0.2
credibility   1     2     3     4     5    6 (cannot be judged): 0, the row is left out
weight       1.0   0.8   0.6   0.4   0.2
===========  ====  ====  ====  ====  ====  =========================================

Equal steps, because the Admiralty scales are ordinal and nothing in them says one step is
worth more than another; E and 5 keep a little weight (an item from a poor source is still
information, and may be the only item). The two "cannot be judged" codes are treated
differently on purpose: **6** says there is no basis to judge the *item itself*, so it must not
push any hypothesis down and is left out (weight 0); **F** says nothing is known about the
*source*, which is missing information, not bad information, so it gets 0.5, the middle of the
scale (between C and D) rather than the bottom. Both are parameters: pass
``unjudged_reliability=0`` to leave out items from unjudged sources.

**Diagnosticity** (:func:`diagnosticity`): a row is non-diagnostic when every hypothesis gets
the same rating. ``NA`` cells are ignored (an item that bears on two hypotheses and is ``C`` for
both is still not diagnostic between them), and a row with fewer than two rated cells is
non-diagnostic (nothing to compare). ``by="score"`` applies the stricter test of the scoring: a
row whose inconsistency points are equal across hypotheses (``CC``, ``C`` and ``N`` mixed) does
not move any score.

**Sensitivity** (:func:`sensitivity`): Heuer's step 6 asks which few items the conclusion rests
on, and what if they were wrong (a deception, a misreading, a mistranslation). Here that is
tested mechanically: leave each item out (and optionally each pair) and see whether the
hypothesis that ranks first changes. Leaving an item out is the same as rating it ``N``
throughout.

The course's reference matrix (``data/ach.csv``, :func:`reference_matrix`) rates evidence from
the claims table against four answers to *what was Russia's main aim in Syria?*
(:data:`RUSSIA_AIMS`). A student's own matrix is saved by :func:`save_ach` to
``work/ach/<annotator>.csv`` with the annotation store's guarantees (lock, atomic write, backup,
append-only, latest wins) and read back, validated, by :func:`load_ach`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.annotations import AnnotationError, annotation_path
from helpers.claims import (
    SUPPORTING,
    corroboration,
    is_witness,
    propose_credibility,
    read_claims,
)
from helpers.corpus import Corpus, load_corpus
from helpers.files import (
    TableError,
    append_csv_rows,
    ensure_folder,
    latest_positions,
    locked,
    read_csv,
)
from helpers.paths import data_dir, work_dir
from helpers.scales import codes
from helpers.tables import read_reference_ratings

RATINGS = ("CC", "C", "N", "I", "II", "NA")
RATING_MEANINGS = {
    "CC": "strongly consistent: expected if the hypothesis is true, hard to explain otherwise",
    "C": "consistent: fits the hypothesis",
    "N": "neutral: neither more nor less likely if the hypothesis is true",
    "I": "inconsistent: unexpected if the hypothesis is true",
    "II": "strongly inconsistent: very hard to explain if the hypothesis is true",
    "NA": "not applicable: the item does not bear on this hypothesis",
}
#: Inconsistency points per rating (Heuer: count what argues against, not what fits).
POINTS = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2, "NA": 0}
RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2}
CREDIBILITY_WEIGHTS = {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.0}
UNJUDGED_RELIABILITY = 0.5

#: The course's hypotheses for lesson 06: what was Russia's main aim in Syria (2015–2017)?
RUSSIA_AIMS = {
    "fight-is": "Russia's main aim was to fight Islamic State and jihadist terrorism in Syria.",
    "keep-assad": "Russia's main aim was to keep Assad, or a ruler like him, in power.",
    "leverage-west": (
        "Russia's main aim was to regain standing with the West and leverage over Ukraine and "
        "the sanctions."
    ),
    "bases-influence": (
        "Russia's main aim was to secure its military bases and lasting influence in Syria "
        "and the region."
    ),
}

ACH_COLUMNS = ("evidence_id", "hypothesis", "rating", "timestamp")
REFERENCE_COLUMNS = ["evidence_id", "hypothesis", "rating", "rationale"]
ID_RULE = "1-80 letters, digits, -, _ or . (starting with a letter or digit)"
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}")
_DIGITS = 9  # scores are rounded to this many decimals before ranking: 0.1 + 0.2 ties 0.3


class AchError(AnnotationError):
    """An ACH matrix or file that breaks the rules; the message names where and what is allowed.

    Attributes as :class:`helpers.annotations.AnnotationError` (``path``, ``line``,
    ``column``), plus ``row`` (the evidence id) when it applies.

    >>> str(AchError("row 'e1', column 'h1': 'X' is not a rating"))
    "row 'e1', column 'h1': 'X' is not a rating"
    """

    def __init__(self, message: str, path=None, line=None, column=None, row=None):
        super().__init__(message, path, line, column)
        self.row = row


# --------------------------------------------------------------------------- ratings and matrix


def _rating(value: Any, where: str) -> str:
    code = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    code = code.strip().upper()
    if code not in RATINGS:
        shown = "empty" if not code else repr(str(value).strip())
        raise AchError(f"{where}: {shown} is not a rating; use one of {', '.join(RATINGS)}")
    return code


def _check_id(value: Any, what: str) -> str:
    text = str(value).strip() if value is not None else ""
    if not _ID_RE.fullmatch(text):
        raise AchError(f"{what} {value!r} is not an id; use {ID_RULE}")
    return text


def _ids(items: Iterable[Any] | Mapping[Any, Any], what: str) -> list[str]:
    ids = [_check_id(i, what) for i in items]
    if not ids:
        raise AchError(f"no {what}s: give at least one")
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise AchError(f"{what} {i!r} is given twice; ids must be unique")
        seen.add(i)
    return ids


def check_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """A copy of an ACH matrix with every cell checked and normalised (``c`` → ``C``).

    Rows are evidence ids, columns hypothesis ids (index and columns named ``evidence_id`` and
    ``hypothesis``). A bad cell raises :class:`AchError` naming the row and the column.

    >>> m = pd.DataFrame({"h1": ["c", "ii"], "h2": ["I", "NA"]}, index=["e1", "e2"])
    >>> check_matrix(m).loc["e2"].tolist()
    ['II', 'NA']
    >>> check_matrix(m.replace("c", "maybe"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.hypotheses.AchError: row 'e1', column 'h1': 'maybe' is not a rating; use one of CC, ...
    """
    if not isinstance(matrix, pd.DataFrame):
        raise AchError(f"an ACH matrix is a DataFrame, not {type(matrix).__name__}")
    rows = _ids(matrix.index, "evidence id")
    columns = _ids(matrix.columns, "hypothesis")
    cells = []
    for row, (_, values) in zip(rows, matrix.iterrows(), strict=True):
        out = []
        for column, value in zip(columns, values.tolist(), strict=True):
            try:
                out.append(_rating(value, f"row {row!r}, column {column!r}"))
            except AchError as err:
                raise AchError(str(err), column=column, row=row) from None
        cells.append(out)
    checked = pd.DataFrame(cells, index=rows, columns=columns, dtype=object)
    checked.index.name, checked.columns.name = "evidence_id", "hypothesis"
    return checked


def ach_matrix(
    hypotheses: Sequence[str] | Mapping[str, Any],
    evidence: Sequence[str] | Mapping[str, Any],
    ratings: Mapping[str, Any] | Sequence[Sequence[str]] | pd.DataFrame,
) -> pd.DataFrame:
    """The ACH matrix: evidence rows × hypothesis columns, each cell a rating from :data:`RATINGS`.

    ``hypotheses`` and ``evidence`` are ids (or mappings whose keys are the ids, e.g.
    :data:`RUSSIA_AIMS`). ``ratings`` is one of: a list of rows in evidence order, each a list
    in hypothesis order; a mapping ``evidence id → row`` where a row is such a list or a
    mapping ``hypothesis → rating``; or a long DataFrame with columns ``evidence_id``,
    ``hypothesis``, ``rating``. Every cell must be rated (use ``NA`` where an item does not
    bear on a hypothesis). Errors name the row and column.

    >>> m = ach_matrix(["h1", "h2"], ["e1", "e2"], [["C", "I"], ["n", "II"]])
    >>> m  # doctest: +NORMALIZE_WHITESPACE
    hypothesis  h1  h2
    evidence_id
    e1           C   I
    e2           N  II
    >>> ach_matrix(["h1", "h2"], ["e1"], {"e1": {"h1": "C", "h3": "I"}})
    Traceback (most recent call last):
    ...
    helpers.hypotheses.AchError: row 'e1', column 'h3': not one of the hypotheses (h1, h2)
    """
    hyps = _ids(hypotheses, "hypothesis")
    rows = _ids(evidence, "evidence id")
    cells: dict[tuple[str, str], Any] = {}

    def put(row: Any, column: Any, value: Any) -> None:
        row, column = str(row).strip(), str(column).strip()
        if row not in rows:
            raise AchError(f"row {row!r}: not one of the evidence ids ({', '.join(rows)})", row=row)
        if column not in hyps:
            raise AchError(
                f"row {row!r}, column {column!r}: not one of the hypotheses ({', '.join(hyps)})",
                column=column,
                row=row,
            )
        if (row, column) in cells:
            raise AchError(f"row {row!r}, column {column!r}: rated twice", column=column, row=row)
        cells[(row, column)] = value

    def put_row(row: Any, values: Any) -> None:
        if isinstance(values, Mapping):
            for column, value in values.items():
                put(row, column, value)
            return
        if isinstance(values, str) or len(values) != len(hyps):
            raise AchError(
                f"row {str(row)!r}: {values!r} does not give one rating per hypothesis "
                f"({', '.join(hyps)})",
                row=str(row),
            )
        for column, value in zip(hyps, values, strict=True):
            put(row, column, value)

    if isinstance(ratings, pd.DataFrame):
        missing = [c for c in ("evidence_id", "hypothesis", "rating") if c not in ratings]
        if missing:
            raise AchError(f"the ratings table has no column(s) {', '.join(missing)}")
        for r in ratings.itertuples(index=False):
            put(r.evidence_id, r.hypothesis, r.rating)
    elif isinstance(ratings, Mapping):
        for row, values in ratings.items():
            put_row(row, values)
    else:
        ratings = list(ratings)
        if len(ratings) != len(rows):
            raise AchError(f"{len(ratings)} rows of ratings for {len(rows)} evidence ids")
        for row, values in zip(rows, ratings, strict=True):
            put_row(row, values)
    for row in rows:
        for column in hyps:
            if (row, column) not in cells:
                raise AchError(
                    f"row {row!r}, column {column!r}: not rated; rate it (NA if the item does "
                    "not bear on this hypothesis)",
                    column=column,
                    row=row,
                )
    frame = pd.DataFrame(
        [[cells[(r, h)] for h in hyps] for r in rows], index=rows, columns=hyps, dtype=object
    )
    return check_matrix(frame)


# --------------------------------------------------------------------------- weights


def evidence_weight(
    reliability: str | None,
    credibility: str | int | None,
    reliability_weights: Mapping[str, float] | None = None,
    credibility_weights: Mapping[str, float] | None = None,
    unjudged_reliability: float = UNJUDGED_RELIABILITY,
) -> float:
    """One evidence row's weight: reliability weight × credibility weight (module table).

    ``F`` (or an empty reliability) takes ``unjudged_reliability``; credibility 6 weighs 0.

    >>> evidence_weight("B", 2)
    0.64
    >>> evidence_weight("F", "1"), evidence_weight("A", 6)
    (0.5, 0.0)
    """
    rel_table = dict(RELIABILITY_WEIGHTS if reliability_weights is None else reliability_weights)
    cred_table = dict(CREDIBILITY_WEIGHTS if credibility_weights is None else credibility_weights)
    rel = str(reliability or "").strip().upper()
    cred = str(credibility if credibility is not None else "").strip()
    if rel in ("", "F") and rel not in rel_table:
        rel_weight = unjudged_reliability
    elif rel in rel_table:
        rel_weight = rel_table[rel]
    else:
        raise ValueError(
            f"reliability {reliability!r} is not a code; use one of "
            f"{', '.join(codes('reliability'))}"
        )
    if cred not in cred_table:
        raise ValueError(
            f"credibility {credibility!r} is not a code; use one of "
            f"{', '.join(codes('credibility'))}"
        )
    return round(float(rel_weight) * float(cred_table[cred]), _DIGITS)


def row_weights(matrix: pd.DataFrame, weights: Any = None) -> pd.Series:
    """Each evidence row's weight as a float Series (all 1.0 without weights).

    ``weights``: a Series or mapping by evidence id (extra ids are ignored), a list in row
    order, or the table of :func:`evidence_weights` (its ``weight`` column).

    >>> m = ach_matrix(["h1"], ["e1", "e2"], [["I"], ["C"]])
    >>> row_weights(m, {"e1": 0.5, "e2": 1, "e9": 0.1}).tolist()
    [0.5, 1.0]
    """
    if weights is None:
        return pd.Series(1.0, index=matrix.index, name="weight")
    if isinstance(weights, pd.DataFrame):
        if "weight" not in weights:
            raise AchError("a weights table needs a 'weight' column (see evidence_weights)")
        weights = weights["weight"]
    series = pd.Series(weights, dtype=object) if isinstance(weights, Mapping) else weights
    if not isinstance(series, pd.Series):
        values = list(series)
        if len(values) != len(matrix):
            raise AchError(f"{len(values)} weights for {len(matrix)} evidence rows")
        series = pd.Series(values, index=matrix.index, dtype=object)
    missing = [i for i in matrix.index if i not in series.index]
    if missing:
        raise AchError(f"no weight for evidence {', '.join(map(repr, missing))}", row=missing[0])
    out = {}
    for row in matrix.index:
        try:
            value = float(series[row])
        except (TypeError, ValueError):
            value = float("nan")
        if not value >= 0:
            raise AchError(
                f"row {row!r}: weight {series[row]!r} is not a number of 0 or more", row=row
            )
        out[row] = value
    return pd.Series(out, name="weight", dtype=float)


def include_mask(matrix: pd.DataFrame, include: Any = None) -> pd.Series:
    """Which evidence rows count, as booleans by evidence id (all True without ``include``).

    ``include``: a list of booleans in row order, or a Series/mapping by evidence id (rows it
    does not name stay in).

    >>> m = ach_matrix(["h1"], ["e1", "e2"], [["I"], ["C"]])
    >>> include_mask(m, {"e2": False}).tolist()
    [True, False]
    """
    if include is None:
        return pd.Series(True, index=matrix.index, name="include")
    if isinstance(include, Mapping):
        include = pd.Series(include, dtype=object)
    if isinstance(include, pd.Series):
        unknown = [i for i in include.index if i not in matrix.index]
        if unknown:
            raise AchError(f"include names evidence not in the matrix: {unknown[0]!r}")
        include = include.reindex(matrix.index, fill_value=True)
    else:
        include = list(include)
        if len(include) != len(matrix):
            raise AchError(f"include has {len(include)} values for {len(matrix)} evidence rows")
        include = pd.Series(include, index=matrix.index)
    for row, value in include.items():
        if not isinstance(value, bool | np.bool_):
            raise AchError(f"include[{row!r}] is {value!r}; use True or False", row=row)
    return include.astype(bool).rename("include")


# --------------------------------------------------------------------------- analysis


def diagnosticity(matrix: pd.DataFrame, by: str = "rating") -> pd.Series:
    """Whether each evidence row can tell the hypotheses apart (Series ``is_diagnostic``).

    ``by="rating"``: False when every hypothesis gets the same rating, ``NA`` cells ignored
    (fewer than two rated cells: False). ``by="score"``: False when the row's inconsistency
    points are the same for every hypothesis, so it cannot move the ranking.

    >>> m = ach_matrix(["h1", "h2", "h3"], ["e1", "e2", "e3"],
    ...                [["C", "C", "C"], ["C", "NA", "C"], ["CC", "C", "N"]])
    >>> diagnosticity(m).tolist(), diagnosticity(m, by="score").tolist()
    ([False, False, True], [False, False, False])
    """
    if by not in ("rating", "score"):
        raise ValueError(f"by={by!r}; use 'rating' or 'score'")
    matrix = check_matrix(matrix)
    flags = {}
    for row, values in matrix.iterrows():
        rated = [v for v in values if v != "NA"]
        marks = {POINTS[v] for v in rated} if by == "score" else set(rated)
        flags[row] = len(rated) >= 2 and len(marks) > 1
    series = pd.Series(flags, name="is_diagnostic", dtype=bool)
    series.index.name = "evidence_id"
    return series


def inconsistency_scores(
    matrix: pd.DataFrame, weights: Any = None, include: Any = None
) -> pd.DataFrame:
    """Per hypothesis: inconsistency points, weighted score and rank (1 = least inconsistent).

    Columns: ``inconsistency`` (I = 1, II = 2, summed over included rows), ``weighted`` (each
    row's points × its weight; equal to ``inconsistency`` without weights), ``rank`` (on
    ``weighted``; ties share the better rank). ``weights``: a Series or mapping by evidence id,
    or the table of :func:`evidence_weights`. ``include``: booleans per row (a list in row
    order, or a Series/mapping by evidence id; rows not named stay in); excluded rows count
    for nothing.

    >>> m = ach_matrix(["h1", "h2"], ["e1", "e2"], [["I", "C"], ["N", "II"]])
    >>> inconsistency_scores(m, weights={"e1": 1.0, "e2": 0.2})  # doctest: +NORMALIZE_WHITESPACE
                inconsistency  weighted  rank
    hypothesis
    h1                      1       1.0     2
    h2                      2       0.4     1
    """
    matrix = check_matrix(matrix)
    weight = row_weights(matrix, weights)
    mask = include_mask(matrix, include)
    points = matrix.apply(lambda col: col.map(POINTS)).astype(int)
    kept = points[mask]
    unweighted = kept.sum(axis=0).astype(int)
    weighted = kept.mul(weight[mask], axis=0).sum(axis=0).astype(float).round(_DIGITS)
    table = pd.DataFrame({"inconsistency": unweighted, "weighted": weighted})
    table["rank"] = table["weighted"].rank(method="min").astype(int)
    table.index.name = "hypothesis"
    return table


def leaders(scores: pd.DataFrame) -> tuple[str, ...]:
    """The hypotheses ranked first in a score table (more than one when tied).

    >>> leaders(pd.DataFrame({"weighted": [1.0, 0.4, 0.4]}, index=["a", "b", "c"]))
    ('b', 'c')
    """
    best = scores["weighted"].min()
    return tuple(h for h, v in scores["weighted"].items() if abs(v - best) < 10**-_DIGITS)


def sensitivity(
    matrix: pd.DataFrame, weights: Any = None, include: Any = None, pairs: bool = False
) -> pd.DataFrame:
    """What if an item were wrong? Leave each included row out and see who ranks first.

    One row per left-out evidence item (``pairs=True`` adds every pair of items of which
    neither alone changes the leader: the smallest sets that matter). Columns: ``removed``
    (evidence ids joined by `` + ``), ``size`` (1 or 2), ``leader`` (the first-ranked
    hypotheses afterwards, ties joined by `` = ``), ``changes_conclusion`` (the first place is
    no longer exactly what it was: another hypothesis, or a tie). ``.attrs["leader"]`` holds
    the leader with every included item. The items with ``changes_conclusion`` are the
    *linchpins*: the conclusion rests on them.

    >>> m = ach_matrix(["h1", "h2"], ["e1", "e2", "e3"], [["N", "I"], ["I", "N"], ["N", "II"]])
    >>> s = sensitivity(m)
    >>> s.attrs["leader"], s.loc[s["changes_conclusion"], "removed"].tolist()
    ('h1', ['e3'])
    """
    matrix = check_matrix(matrix)
    weight = row_weights(matrix, weights)
    mask = include_mask(matrix, include)
    base = leaders(inconsistency_scores(matrix, weight, mask))
    candidates = [row for row in matrix.index if mask[row]]

    def without(removed: tuple[str, ...]) -> tuple[str, ...]:
        trial = mask.copy()
        trial[list(removed)] = False
        return leaders(inconsistency_scores(matrix, weight, trial))

    records = []
    for row in candidates:
        top = without((row,))
        records.append((row, 1, " = ".join(top), top != base))
    if pairs:
        movers = {r for r, _, _, changed in records if changed}
        for a, b in itertools.combinations([r for r in candidates if r not in movers], 2):
            top = without((a, b))
            if top != base:
                records.append((f"{a} + {b}", 2, " = ".join(top), True))
    table = pd.DataFrame(records, columns=["removed", "size", "leader", "changes_conclusion"])
    table["changes_conclusion"] = table["changes_conclusion"].astype(bool)
    table.attrs["leader"] = " = ".join(base)
    return table


# --------------------------------------------------------------------------- reference matrix


def reference_ach(
    path: str | Path | None = None,
    claims: pd.DataFrame | None = None,
    hypotheses: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The course's reference ratings (``data/ach.csv``) in long form, with every rationale.

    Columns ``evidence_id, hypothesis, rating, rationale``, in file order. Checks: the columns;
    every evidence id is a claim id of the claims table; every hypothesis is one of
    ``hypotheses`` (default :data:`RUSSIA_AIMS`); every rating is in :data:`RATINGS`; every
    rationale is a non-empty single line; each item is rated once against every hypothesis,
    and its rows are adjacent. Raises :class:`helpers.tables.TableError` naming file, line and
    column.

    >>> ref = reference_ach()
    >>> ref.columns.tolist()
    ['evidence_id', 'hypothesis', 'rating', 'rationale']
    """
    path = Path(path) if path else data_dir() / "ach.csv"
    hyps = list(hypotheses if hypotheses is not None else RUSSIA_AIMS)
    claims = claims if claims is not None else read_claims()
    known = set(claims["claim_id"])
    table = read_csv(path, REFERENCE_COLUMNS)
    rows = table.rows
    if not rows:
        raise TableError(f"{path.name}: no rows", path)
    seen: dict[tuple[str, str], int] = {}
    first_line: dict[str, int] = {}
    previous = None
    for line, row in table:
        at = f"{path.name}, line {line}"
        for column in REFERENCE_COLUMNS:
            if "\n" in row[column] or "\r" in row[column]:
                raise TableError(f"{at}, column {column}: a line break inside the value")
            if column != "rationale":
                row[column] = row[column].strip()
        item, hyp = row["evidence_id"], row["hypothesis"]
        if item not in known:
            raise TableError(f"{at}, column evidence_id: {item!r} is not a claim id of claims.csv")
        if item in first_line and item != previous:
            raise TableError(
                f"{at}, column evidence_id: {item!r} began at line {first_line[item]}; keep an "
                "item's rows together"
            )
        first_line.setdefault(item, line)
        previous = item
        if hyp not in hyps:
            raise TableError(f"{at}, column hypothesis: {hyp!r} is not one of {', '.join(hyps)}")
        if (item, hyp) in seen:
            raise TableError(
                f"{at}, column hypothesis: {item!r} is rated against {hyp!r} again (first on "
                f"line {seen[(item, hyp)]})"
            )
        seen[(item, hyp)] = line
        try:
            row["rating"] = _rating(row["rating"], f"{at}, column rating")
        except AchError as err:
            raise TableError(str(err)) from None
        if not row["rationale"].strip():
            raise TableError(f"{at}, column rationale: empty; every rating needs a rationale")
    for item, line in first_line.items():
        missing = [h for h in hyps if (item, h) not in seen]
        if missing:
            raise TableError(
                f"{path.name}, line {line}, column hypothesis: {item!r} is not rated against "
                f"{', '.join(missing)}"
            )
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS)


def reference_matrix(path: str | Path | None = None, claims: pd.DataFrame | None = None):
    """The course's reference ACH matrix for Russia's main aim (evidence × :data:`RUSSIA_AIMS`).

    Rows in file order, hypotheses in the order of :data:`RUSSIA_AIMS`; rationales are in
    :func:`reference_ach`.

    >>> m = reference_matrix()
    >>> m.columns.tolist()
    ['fight-is', 'keep-assad', 'leverage-west', 'bases-influence']
    """
    long = reference_ach(path, claims)
    return ach_matrix(RUSSIA_AIMS, list(dict.fromkeys(long["evidence_id"])), long)


def evidence_weights(
    claims: pd.DataFrame | None = None,
    reliability: Mapping[str, str] | None = None,
    credibility: Mapping[str, str] | None = None,
    corpus: Corpus | None = None,
    unjudged_reliability: float = UNJUDGED_RELIABILITY,
) -> pd.DataFrame:
    """Each claim's weight as ACH evidence, from its credibility and its best source's reliability.

    ``credibility`` per claim defaults to :func:`helpers.claims.propose_credibility` (override
    any with a mapping ``claim id → code``, e.g. a student's own ratings). ``reliability`` per
    source defaults to the course's reference ratings of each seed's article
    (:func:`helpers.tables.read_reference_ratings`). A claim carried by several supporting
    sources takes the **most reliable** of them: the item is as good as its best witness,
    and credibility already records how far the others confirm it. A claim no source supports
    in its own text counts as from an unjudged source (F). Columns (index ``evidence_id``):
    ``source_id`` (the source whose reliability is used, or ''), ``reliability``,
    ``credibility``, ``weight`` (:func:`evidence_weight`).

    >>> w = evidence_weights()
    >>> row = w.loc["russia-hit-rebels-not-is"]
    >>> row["source_id"], row["reliability"], row["credibility"], float(row["weight"])
    ('001_d05eff7ba99ae3f9', 'B', '1', 0.8)
    """
    corpus = corpus if corpus is not None else load_corpus()
    claims = claims if claims is not None else read_claims(corpus=corpus)
    if reliability is None:
        ref = read_reference_ratings(corpus=corpus)
        ref = ref[(ref["level"] == "source") & (ref["target"] == "article")]
        reliability = dict(zip(ref["source_id"], ref["reliability"], strict=True))
    proposals = propose_credibility(corroboration(claims, corpus))
    cred = dict(zip(proposals["claim_id"], proposals["proposed"], strict=True))
    for claim, code in (credibility or {}).items():
        if claim not in cred:
            raise ValueError(f"credibility given for {claim!r}, which is not a claim id")
        cred[claim] = str(code).strip()
    order = {code: i for i, code in enumerate(codes("reliability"))}
    records = []
    for claim, rows in claims.groupby("claim_id", sort=False):
        support = rows[rows["stance"].isin(SUPPORTING) & rows["speaker"].map(is_witness)]
        rated = [
            (order.get(reliability.get(s, "F") or "F", len(order)), s)
            for s in sorted(set(support["source_id"]))
        ]
        rated = [(rank, s) for rank, s in rated if rank < order["F"]]
        source = min(rated)[1] if rated else ""
        code = reliability[source] if source else "F"
        weight = evidence_weight(code, cred[claim], unjudged_reliability=unjudged_reliability)
        records.append((claim, source, code, cred[claim], weight))
    table = pd.DataFrame(
        records, columns=["evidence_id", "source_id", "reliability", "credibility", "weight"]
    ).set_index("evidence_id")
    return table


# --------------------------------------------------------------------------- the student's store


def ach_path(annotator: str, folder: str | Path | None = None) -> Path:
    """Where one annotator's ACH matrix is kept: ``<folder>/<annotator>.csv``.

    ``folder`` defaults to ``work_dir()/"ach"``; names follow the annotation store's rule.

    >>> ach_path("alice", "/tmp/ach").as_posix()
    '/tmp/ach/alice.csv'
    """
    return annotation_path(annotator, folder if folder is not None else work_dir() / "ach")


def _read_ach_file(path: Path) -> tuple[bytes, list[dict[str, str]]]:
    name = path.name
    table = read_csv(path, ACH_COLUMNS, error=AchError)
    rows = []
    for line, fields in table:
        row = {c: v.strip() for c, v in fields.items()}
        column = ""
        try:
            column = "evidence_id"
            _check_id(row[column], "evidence id")
            column = "hypothesis"
            _check_id(row[column], "hypothesis")
            column = "rating"
            row[column] = _rating(row[column], "rating")
            column = "timestamp"
            try:
                stamp = datetime.fromisoformat(row["timestamp"])
            except ValueError:
                stamp = None
            if stamp is None or stamp.tzinfo is None:
                raise AchError(
                    f"{row['timestamp']!r} is not allowed; use ISO 8601 with a time zone, e.g. "
                    "2026-11-21T06:30:00+00:00"
                )
        except AchError as err:
            problem = str(err).removeprefix("rating: ")
            raise AchError(
                f"{name}, line {line}, column {column}: {problem}",
                path,
                line,
                column,
                row.get("evidence_id"),
            ) from None
        rows.append(row)
    return table.data, rows


def _latest(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """The latest row per (evidence, hypothesis): by timestamp, then by position in the file."""
    picked = latest_positions(rows, ("evidence_id", "hypothesis"))
    return {(rows[i]["evidence_id"], rows[i]["hypothesis"]): rows[i] for i in picked}


def save_ach(
    annotator: str, matrix: pd.DataFrame, folder: str | Path | None = None
) -> pd.DataFrame:
    """Save a student's matrix to ``work/ach/<annotator>.csv``; return the rows written.

    The matrix is checked first (nothing is written if a cell is wrong), then, under the
    store's lock, the existing file is read and validated (a malformed file is left alone and
    the save refused), and one row ``evidence_id, hypothesis, rating, timestamp`` is appended
    for every cell that is new or differs from its latest saved rating: append-only, latest
    wins. The write is atomic and keeps the previous file as ``<annotator>.csv.bak``.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> m = ach_matrix(["h1", "h2"], ["e1"], [["C", "I"]])
    >>> len(save_ach("alice", m, folder)), len(save_ach("alice", m, folder))
    (2, 0)
    """
    path = ach_path(annotator, folder)
    try:
        checked = check_matrix(matrix)
    except AchError as err:
        raise AchError(f"{path.name}, not saved: {err}", path, None, err.column, err.row) from None
    ensure_folder(path.parent, path)
    stamp = datetime.now(UTC)
    with locked(path, error=AchError):
        if path.exists():
            old, rows = _read_ach_file(path)
            latest = _latest(rows)
            newest = max((datetime.fromisoformat(r["timestamp"]) for r in rows), default=None)
            if newest is not None and newest >= stamp:  # clocks: keep "latest wins" true
                stamp = newest + timedelta(microseconds=1)
        else:
            old, latest = b"", {}
        when = stamp.isoformat(timespec="microseconds")
        written = [
            {"evidence_id": e, "hypothesis": h, "rating": checked.loc[e, h], "timestamp": when}
            for e in checked.index
            for h in checked.columns
            if latest.get((e, h), {}).get("rating") != checked.loc[e, h]
        ]
        if written:
            append_csv_rows(path, ACH_COLUMNS, [[r[c] for c in ACH_COLUMNS] for r in written], old)
    return pd.DataFrame(written, columns=list(ACH_COLUMNS), dtype=str)


def load_ach(annotator: str, folder: str | Path | None = None) -> pd.DataFrame:
    """A student's saved matrix: the latest rating of every cell, rows and columns in the order
    first saved. A cell never saved (a hypothesis or item added later) is ``NA``.

    Every line is validated; a problem raises :class:`AchError` naming file, line and column.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = save_ach("alice", ach_matrix(["h1", "h2"], ["e1"], [["C", "I"]]), folder)
    >>> _ = save_ach("alice", ach_matrix(["h1", "h2"], ["e1"], [["C", "II"]]), folder)
    >>> load_ach("alice", folder).loc["e1"].tolist()
    ['C', 'II']
    """
    path = ach_path(annotator, folder)
    _, rows = _read_ach_file(path)
    if not rows:
        raise AchError(f"{path.name}: no ratings saved yet", path)
    latest = _latest(rows)
    items = list(dict.fromkeys(r["evidence_id"] for r in rows))
    hyps = list(dict.fromkeys(r["hypothesis"] for r in rows))
    frame = pd.DataFrame(
        [[latest[(e, h)]["rating"] if (e, h) in latest else "NA" for h in hyps] for e in items],
        index=items,
        columns=hyps,
        dtype=object,
    )
    return check_matrix(frame)


__all__ = [
    "ACH_COLUMNS",
    "CREDIBILITY_WEIGHTS",
    "POINTS",
    "RATINGS",
    "RATING_MEANINGS",
    "RELIABILITY_WEIGHTS",
    "RUSSIA_AIMS",
    "AchError",
    "ach_matrix",
    "ach_path",
    "check_matrix",
    "diagnosticity",
    "evidence_weight",
    "evidence_weights",
    "include_mask",
    "inconsistency_scores",
    "leaders",
    "load_ach",
    "reference_ach",
    "reference_matrix",
    "row_weights",
    "save_ach",
    "sensitivity",
]
