"""The relations table ``data/relations.csv``: who does what to whom, and the passage that says so.

One row states one relation between two actors in one source: the relation (one of
:data:`RELATION_SIGNS`), its sign, when it happened and on what basis, and the span of the quote
that states it. :func:`read_relations` reads the file and checks every row against its seed;
:func:`check_relations` checks a table built in a notebook by the same rules. The graphs of
:mod:`helpers.network.graphs` are drawn from this table.

A row's ``status`` (:data:`RELATION_STATUSES`) says whether it enters the networks: ``stated``
(the default: what the source says, taken as the source's claim) or ``source-error`` (the source
says it, but well-documented facts contradict it; the note gives them). A source error stays in
the table, so that a reader can see it and learn to catch it, and the graphs leave it out unless
asked for it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.corpus import BASIS_VALUES, Corpus, load_corpus
from helpers.files import TableError, read_csv
from helpers.network.inputs import SIGN_TEXT, is_blank, require_columns
from helpers.paths import data_dir
from helpers.spans import quoted_span_problem

__all__ = [
    "RELATION_COLUMNS",
    "RELATION_SIGNS",
    "RELATION_STATUSES",
    "REQUIRED_RELATION_COLUMNS",
    "check_relations",
    "read_relations",
]

RELATION_COLUMNS = [
    "source_id",
    "subject",
    "relation",
    "object",
    "sign",
    "cameo_root",
    "when",
    "when_basis",
    "start",
    "end",
    "quote",
    "note",
    "status",
]
#: The columns a relations table must have; ``status`` may be left out (every row is then
#: ``stated``).
REQUIRED_RELATION_COLUMNS = RELATION_COLUMNS[:-1]
#: What a row's ``status`` may be: ``stated`` enters the networks; ``source-error`` is a relation
#: the source states against well-documented facts, kept to be caught and left out of the graphs.
RELATION_STATUSES = ("stated", "source-error")
#: Each relation and the sign it usually carries. A row may always say 0 (mixed, hedged), and a
#: 0 relation may carry either sign; a + relation marked −1 (or the reverse) is refused.
RELATION_SIGNS = {
    "cooperates": 1,
    "shares-intelligence": 1,
    "supports": 1,
    "allied-with": 1,
    "fights": -1,
    "strikes": -1,
    "opposes": -1,
    "criticizes": -1,
    "defies": -1,
    "competes": -1,
    "threatens": -1,
    "accuses": -1,
    "mediates": 0,
    "proposes": 0,
    "negotiates": 0,
}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CAMEO = re.compile(r"\d{2,4}")
_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_WHEN = re.compile(rf"(?P<first>{_POINT})(?:/(?P<second>{_POINT}|\.\.))?")


def _check_when(when: str, basis: str, at: str) -> None:
    if basis == "unknown":
        if when not in ("", "unknown"):
            raise TableError(
                f"{at}, column when: {when!r} with when_basis unknown; write unknown (or leave "
                "it empty), or give the basis of the date"
            )
        return
    match = _WHEN.fullmatch(when)
    bounds = []
    for part in (match.group("first"), match.group("second")) if match else ():
        if part in (None, ".."):
            continue
        year, month, day = (part.split("-") + ["", ""])[:3]
        try:
            low = date(int(year), int(month or 1), int(day or 1))
            last = int(day) if day else calendar.monthrange(low.year, int(month or 12))[1]
            high = date(low.year, int(month or 12), last)
        except ValueError:
            match = None
            break
        bounds.append((low, high))
    if not match:
        raise TableError(
            f"{at}, column when: {when!r} is not an ISO date: write a day 2016-07-21, a month "
            "2016-07, a year 2016, an interval 2015-11-18/2015-12-31 or an open interval "
            "2020-09-23/.. (see data/README.md, Dates)"
        )
    if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
        raise TableError(f"{at}, column when: the interval {when!r} ends before it starts")


def _check_relation_row(
    row: dict[str, Any], at: str, corpus: Corpus, actor_ids: set[str] | None
) -> dict[str, Any]:
    row = {k: ("" if is_blank(v) else v) for k, v in row.items()}
    row = {k: (v.strip() if isinstance(v, str) and k != "quote" else v) for k, v in row.items()}
    try:
        source = corpus[str(row["source_id"])]
    except KeyError:
        raise TableError(f"{at}, column source_id: no source {row['source_id']!r}") from None
    row["source_id"] = source.id
    for column in ("subject", "object"):
        actor = str(row[column])
        if not _SLUG.fullmatch(actor):
            raise TableError(
                f"{at}, column {column}: {actor!r} is not an actor id (a slug: a-z, 0-9 and "
                "single hyphens, as in data/actors.csv)"
            )
        if actor_ids is not None and actor not in actor_ids:
            raise TableError(f"{at}, column {column}: {actor!r} is not a known actor id")
    if row["subject"] == row["object"]:
        raise TableError(f"{at}, column object: the same actor as the subject ({row['subject']})")
    relation = str(row["relation"])
    if relation not in RELATION_SIGNS:
        raise TableError(
            f"{at}, column relation: {relation!r} is not one of {', '.join(RELATION_SIGNS)}"
        )
    sign_text = str(row["sign"])
    if sign_text not in SIGN_TEXT:
        raise TableError(f"{at}, column sign: {sign_text!r} is not one of +1, -1, 0")
    sign = SIGN_TEXT[sign_text]
    usual = RELATION_SIGNS[relation]
    if usual and sign == -usual:
        raise TableError(
            f"{at}, column sign: {sign_text} contradicts {relation!r}, a "
            f"{'positive' if usual > 0 else 'negative'} relation (0 is allowed for a mixed case)"
        )
    row["sign"] = sign
    cameo = str(row["cameo_root"])
    if cameo and not (_CAMEO.fullmatch(cameo) and 1 <= int(cameo[:2]) <= 20):
        raise TableError(
            f"{at}, column cameo_root: {cameo!r} is not a CAMEO event code (two to four digits, "
            "root 01 to 20, e.g. 19 or 064); leave it empty and say why in note"
        )
    basis = str(row["when_basis"])
    if basis not in BASIS_VALUES:
        raise TableError(f"{at}, column when_basis: {basis!r} is not one of "
                         f"{', '.join(BASIS_VALUES)}")  # fmt: skip
    _check_when(str(row["when"]), basis, at)
    problem = quoted_span_problem(source, row["start"], row["end"], row["quote"])
    if problem:
        raise TableError(f"{at}, column {problem[0]}: {problem[1]}")
    row["start"], row["end"] = int(row["start"]), int(row["end"])
    if not str(row["note"]):
        raise TableError(f"{at}, column note: empty; say how the relation was established")
    row["status"] = str(row.get("status") or "stated")
    if row["status"] not in RELATION_STATUSES:
        raise TableError(f"{at}, column status: {row['status']!r} is not one of "
                         f"{', '.join(RELATION_STATUSES)} (empty means stated)")  # fmt: skip
    if row["status"] == "source-error" and "source error" not in str(row["note"]).lower():
        raise TableError(
            f"{at}, column note: a source-error row must say in its note what the source error "
            "is and what contradicts it (the words 'source error' and the evidence)"
        )
    return row


def _actor_id_set(actor_ids: object) -> set[str] | None:
    if actor_ids is None:
        return None
    table = getattr(actor_ids, "table", actor_ids)
    if isinstance(table, pd.DataFrame):
        if "actor_id" not in table.columns:
            raise ValueError("actor_ids: a table of actors needs an actor_id column")
        return set(table["actor_id"].astype(str))
    if isinstance(actor_ids, str):
        raise TypeError("actor_ids: expected a collection of ids, got one string")
    return {str(a) for a in actor_ids}


def check_relations(
    frame: pd.DataFrame,
    corpus: Corpus | None = None,
    actor_ids: object = None,
    where: str = "relations",
    lines: list[int] | None = None,
) -> pd.DataFrame:
    """Validate a relations table against its sources; return it typed (see :func:`read_relations`).

    Errors name ``where``, the line (as in a CSV with one header line, or ``lines[i]``) and the
    column. ``status`` may be missing or empty: the row is then ``stated``. ``actor_ids`` (ids,
    a table with ``actor_id``, or a gazetteer) turns on the check
    that every subject and object is a known actor.

    >>> corpus = load_corpus()
    >>> text = corpus["001"].text
    >>> start = text.index("The United States has proposed")
    >>> end = text.index(".", start) + 1
    >>> row = {"source_id": "001", "subject": "usa", "relation": "proposes", "object": "russia",
    ...        "sign": "0", "cameo_root": "03", "when": "2016-07", "when_basis": "inferred",
    ...        "start": start, "end": end, "quote": text[start:end], "note": "n"}
    >>> table = check_relations(pd.DataFrame([row]), corpus)
    >>> table.loc[0, "source_id"], table["sign"].tolist(), table.loc[0, "status"]
    ('001_d05eff7ba99ae3f9', [0], 'stated')
    """
    require_columns(frame, REQUIRED_RELATION_COLUMNS, where)
    corpus = corpus if corpus is not None else load_corpus()
    known = _actor_id_set(actor_ids)
    if "status" not in frame.columns:
        frame = frame.assign(status="stated")
    records = frame[RELATION_COLUMNS].to_dict("records")
    lines = lines if lines is not None else list(range(2, len(records) + 2))
    rows, seen = [], {}
    for line, raw in zip(lines, records, strict=True):
        at = f"{where}, line {line}"
        row = _check_relation_row(raw, at, corpus, known)
        key = tuple(row[c] for c in ("source_id", "subject", "relation", "object", "start", "end"))
        if key in seen:
            raise TableError(f"{at}, column quote: the same relation and span as line {seen[key]}")
        seen[key] = line
        rows.append(row)
    table = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    for column in ("sign", "start", "end"):
        table[column] = table[column].astype(int)
    for column in set(RELATION_COLUMNS) - {"sign", "start", "end"}:
        table[column] = table[column].astype(str)
    return table


def read_relations(
    path: str | Path | None = None, corpus: Corpus | None = None, actor_ids: object = None
) -> pd.DataFrame:
    """The relations table ``data/relations.csv``, every row checked against its seed.

    Columns are :data:`RELATION_COLUMNS`. ``sign``, ``start`` and ``end`` are ints and the rest
    text. ``source_id`` is the full id (the file may use a prefix such as ``001``), and the
    index numbers the rows from 0, the key of each edge in :func:`relation_graph`. A bad row
    stops the load with a :class:`helpers.files.TableError` naming file, line and column. The
    rules: known source, actor ids as slugs (and known, when ``actor_ids`` is given: a list of
    ids, ``read_gazetteer().table`` or the gazetteer itself), ``relation`` from
    :data:`RELATION_SIGNS`, ``sign`` one of ``+1, -1, 0`` and not against the relation,
    ``cameo_root`` a CAMEO code or empty, ``when`` in ISO form and ``unknown`` (or empty) iff
    ``when_basis`` is unknown, ``quote == text[start:end]``, a ``note``, no repeated row, and
    ``status`` one of :data:`RELATION_STATUSES` (the column may be left out: ``stated``), a
    ``source-error`` row's note saying what the source error is.

    >>> import csv, tempfile
    >>> text = load_corpus()["003"].text
    >>> start = text.index("But the de facto"); end = text.index("ISIS.", start) + 5
    >>> row = ["003", "russia", "allied-with", "iran", "+1", "", "unknown", "unknown",
    ...        start, end, text[start:end], "de facto alliance"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with open(Path(folder, "r.csv"), "w", encoding="utf-8", newline="") as fh:
    ...         csv.writer(fh).writerows([REQUIRED_RELATION_COLUMNS, row])
    ...     table = read_relations(Path(folder, "r.csv"))
    >>> table.loc[0, "subject"], table.loc[0, "object"], table["sign"].tolist()
    ('russia', 'iran', [1])
    """
    path = Path(path) if path else data_dir() / "relations.csv"
    table = read_csv(path, RELATION_COLUMNS, required=REQUIRED_RELATION_COLUMNS)
    frame = pd.DataFrame(table.rows, columns=RELATION_COLUMNS, dtype=object)
    return check_relations(frame, corpus, actor_ids, where=path.name, lines=table.lines)
