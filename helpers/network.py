"""Networks of actors: who is named together, who does what to whom, and who sides with whom.

Three kinds of graph, each traceable to the raw text:

- :func:`comention_graph`: actors named in the same sentence of one source (undirected). Edge
  ``weight`` is the number of sentences and ``evidence`` lists their spans. Being named together
  is not a relation: "Russia and the US agree" and "Russia and the US disagree" give the same
  edge.
- :func:`relation_graph`: the stated relations of ``data/relations.csv``
  (:func:`read_relations`), one directed edge per row, keyed by the row's index, with its quote.
- :func:`signed_graph`: relations collapsed to one undirected edge per pair of actors, signed
  + (friends), − (enemies) or 0 (neither, or as many of each).

:func:`roll_up` merges people and units into the state or body they act for.
:func:`edge_evidence` lists the passages behind an edge, so every line in a figure can be
traced back to a sentence. :func:`export_graph` writes a file for Gephi.

Structural balance
------------------
Heider (1946) and Cartwright & Harary (1956): a triangle of actors is **balanced** when the
product of its three signs is positive. That gives ``+ + +`` (three friends) and ``+ − −`` (two
friends with a common enemy, "the enemy of my enemy is my friend"). ``+ + −`` and ``− − −`` are
**unbalanced**. Cartwright and Harary proved that a signed graph is balanced (every cycle holds
an even number of negative edges) exactly when its actors can be split into two camps, with
every positive edge inside a camp and every negative edge across. The **frustration index** is
the smallest number of edges that break the best such split; 0 means balanced.

- :func:`signed_triads` lists every triangle with its pattern and :func:`balance_share` gives
  the balanced share. :func:`enemy_of_my_enemy_breaks` picks out the ``− − −`` triangles
  (US–Russia–Islamic State: three mutual enemies).
- :func:`best_two_camps` finds the split with the fewest frustrated edges, by exact search over
  all splits of each connected group of at most :data:`MAX_EXACT_NODES` actors.
  :func:`frustrated_edges` lists the edges that break a split.

Limits (read before concluding anything)
----------------------------------------
- Balance functions use only + and − edges. A 0 edge (neutral or tied) is neither friend nor
  enemy and is ignored.
- Triangles only see triangles. A share of 1 does not mean the graph is balanced: a square
  with one negative edge has no triangle but cannot be split. The frustration index looks at
  every cycle. A share of ``nan`` means there is no signed triangle at all.
- The graph is only as good as the relations table. An edge means that some source said so,
  once or more. A missing edge means that nobody in these texts said so.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import json
import math
import os
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from helpers.corpus import BASIS_VALUES, Corpus, Source, load_corpus
from helpers.paths import course_root, data_dir, work_dir
from helpers.sentences import paragraph_spans, sentence_spans
from helpers.spans import quoted_span_problem
from helpers.tables import TableError

__all__ = [
    "EVIDENCE_COLUMNS",
    "MAX_EXACT_NODES",
    "RELATION_COLUMNS",
    "RELATION_SIGNS",
    "TRIAD_COLUMNS",
    "balance_share",
    "best_two_camps",
    "check_relations",
    "comention_graph",
    "edge_evidence",
    "enemy_of_my_enemy_breaks",
    "export_graph",
    "frustrated_edges",
    "read_relations",
    "relation_graph",
    "roll_up",
    "sentence_spans",
    "signed_graph",
    "signed_triads",
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
]
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
EVIDENCE_COLUMNS = [
    "source_id",
    "start",
    "end",
    "quote",
    "relation",
    "sign",
    "subject",
    "object",
    "row",
]
TRIAD_COLUMNS = ["a", "b", "c", "sign_ab", "sign_bc", "sign_ac", "product", "balanced", "pattern"]
MAX_EXACT_NODES = 28
UNITS = ("sentence", "paragraph")
EXPORT_SUFFIXES = (".gexf", ".graphml")
PROTECTED_FOLDERS = ("seeds", "data", "notebooks")

_SIGN_TEXT = {"+1": 1, "1": 1, "-1": -1, "0": 0, "+0": 0, "-0": 0}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CAMEO = re.compile(r"\d{2,4}")
_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_WHEN = re.compile(rf"(?P<first>{_POINT})(?:/(?P<second>{_POINT}|\.\.))?")
_KINDS = ("comention", "relations", "signed")


# --------------------------------------------------------------------------- small helpers


def _text_of(text: Source | str) -> tuple[str | None, str]:
    if isinstance(text, Source):
        return text.id, text.text
    if isinstance(text, str):
        return None, text
    raise TypeError(f"expected a Source or a str, got {type(text).__name__}")


def _missing(frame: object, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _blank(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) or value == ""


def _name_map(names: object) -> dict[str, str]:
    """Actor names from a mapping, a table with ``actor_id, name`` or a gazetteer's ``.table``."""
    if names is None:
        return {}
    table = getattr(names, "table", names)
    if isinstance(table, pd.DataFrame):
        if {"actor_id", "name"} <= set(table.columns):
            return dict(zip(table["actor_id"].astype(str), table["name"].astype(str), strict=True))
        return {}
    if isinstance(names, Mapping):
        return {str(k): str(v) for k, v in names.items()}
    raise TypeError(f"names: expected a mapping or a table with actor_id and name columns, got "
                    f"{type(names).__name__}")  # fmt: skip


# --------------------------------------------------------------------------- relations table


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
            "2016-07, a year 2016, an interval 2015-11-18/2015-11-30 or an open interval "
            "2020-09-23/.. (see data/README.md, Dates)"
        )
    if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
        raise TableError(f"{at}, column when: the interval {when!r} ends before it starts")


def _check_relation_row(
    row: dict[str, Any], at: str, corpus: Corpus, actor_ids: set[str] | None
) -> dict[str, Any]:
    row = {k: ("" if _blank(v) else v) for k, v in row.items()}
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
    if sign_text not in _SIGN_TEXT:
        raise TableError(f"{at}, column sign: {sign_text!r} is not one of +1, -1, 0")
    sign = _SIGN_TEXT[sign_text]
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
    column. ``actor_ids`` (ids, a table with ``actor_id``, or a gazetteer) turns on the check
    that every subject and object is a known actor.

    >>> corpus = load_corpus()
    >>> text = corpus["001"].text
    >>> start = text.index("The United States has proposed")
    >>> end = text.index(".", start) + 1
    >>> row = {"source_id": "001", "subject": "usa", "relation": "proposes", "object": "russia",
    ...        "sign": "0", "cameo_root": "03", "when": "2016-07", "when_basis": "inferred",
    ...        "start": start, "end": end, "quote": text[start:end], "note": "n"}
    >>> table = check_relations(pd.DataFrame([row]), corpus)
    >>> table.loc[0, "source_id"], table["sign"].tolist()
    ('001_d05eff7ba99ae3f9', [0])
    """
    _missing(frame, RELATION_COLUMNS, where)
    corpus = corpus if corpus is not None else load_corpus()
    known = _actor_id_set(actor_ids)
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
    stops the load with a :class:`helpers.tables.TableError` naming file, line and column. The
    rules: known source, actor ids as slugs (and known, when ``actor_ids`` is given: a list of
    ids, ``read_gazetteer().table`` or the gazetteer itself), ``relation`` from
    :data:`RELATION_SIGNS`, ``sign`` one of ``+1, -1, 0`` and not against the relation,
    ``cameo_root`` a CAMEO code or empty, ``when`` in ISO form and ``unknown`` (or empty) iff
    ``when_basis`` is unknown, ``quote == text[start:end]``, a ``note``, and no repeated row.

    >>> import tempfile
    >>> text = load_corpus()["003"].text
    >>> start = text.index("But the de facto"); end = text.index("ISIS.", start) + 5
    >>> row = ["003", "russia", "allied-with", "iran", "+1", "", "unknown", "unknown",
    ...        start, end, text[start:end], "de facto alliance"]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with open(Path(folder, "r.csv"), "w", encoding="utf-8", newline="") as fh:
    ...         csv.writer(fh).writerows([RELATION_COLUMNS, row])
    ...     table = read_relations(Path(folder, "r.csv"))
    >>> table.loc[0, "subject"], table.loc[0, "object"], table["sign"].tolist()
    ('russia', 'iran', [1])
    """
    path = Path(path) if path else data_dir() / "relations.csv"
    rows, lines = [], []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header != RELATION_COLUMNS:
                raise TableError(
                    f"{path}: columns are {header}; expected exactly {RELATION_COLUMNS}"
                )
            while True:
                line = reader.line_num + 1
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    raise TableError(f"{path.name}, line {line}: {err}") from None
                if not record:
                    continue
                if len(record) != len(RELATION_COLUMNS):
                    raise TableError(
                        f"{path.name}, line {line}: {len(record)} fields; expected "
                        f"{len(RELATION_COLUMNS)} (a comma inside a field needs double quotes)"
                    )
                rows.append(record)
                lines.append(line)
    except UnicodeDecodeError as err:
        raise TableError(f"{path}: not UTF-8 (byte {err.start}); save it as UTF-8 CSV") from None
    frame = pd.DataFrame(rows, columns=RELATION_COLUMNS, dtype=object)
    return check_relations(frame, corpus, actor_ids, where=path.name, lines=lines)


# --------------------------------------------------------------------------- co-mention graph


def _check_mentions(mentions: pd.DataFrame, text: str) -> pd.DataFrame:
    _missing(mentions, ["actor_id", "start", "end"], "mentions")
    for number, row in enumerate(mentions.to_dict("records")):
        at = f"mentions row {number}"
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            raise ValueError(f"{at}: start/end {row['start']!r}, {row['end']!r} are not "
                             "whole numbers") from None  # fmt: skip
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{at}: span {start}-{end} is not inside the text (0-{len(text)})")
        if "surface" in row and not _blank(row["surface"]) and text[start:end] != row["surface"]:
            raise ValueError(
                f"{at}: the text at {start}-{end} reads {text[start:end]!r}, not the surface "
                f"{row['surface']!r}; are these mentions from another text?"
            )
        if _blank(row["actor_id"]):
            raise ValueError(f"{at}: empty actor_id")
    return mentions


def comention_graph(mentions: pd.DataFrame, text: Source | str, unit: str = "sentence") -> nx.Graph:
    """Actors named in the same sentence (or paragraph) of one text.

    ``mentions`` is :func:`helpers.actors.find_mentions` of ``text`` (columns ``actor_id``,
    ``actor``, ``start``, ``end``; ``surface``, if present, is checked against the text).
    Sentences come from :func:`sentence_spans`. ``unit="paragraph"`` uses lines instead (a line
    break ends a paragraph, except inside hard-wrapped text). A mention belongs to the unit
    where it starts.

    Nodes: every actor mentioned, with ``name`` (the ``actor`` column, else the id) and
    ``count`` (its mentions). Edges: one per pair of actors named in the same unit, with
    ``weight`` (the number of units, however often each is named in one) and ``evidence``
    (their ``(start, end)`` spans). The graph keeps ``kind="comention"``, ``unit``,
    ``source_id`` (None for a plain string) and ``text``, for :func:`edge_evidence`.

    >>> text = "Russia and Iran met. Russia struck Aleppo. Iran and Russia agreed."
    >>> m = pd.DataFrame({"actor_id": ["russia", "iran", "russia", "iran", "russia"],
    ...                   "start": [0, 11, 21, 43, 52], "end": [6, 15, 27, 47, 58]})
    >>> g = comention_graph(m, text)
    >>> g.edges["russia", "iran"]["weight"], g.nodes["russia"]["count"]
    (2, 3)
    """
    source_id, raw = _text_of(text)
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}")
    spans = sentence_spans(raw) if unit == "sentence" else paragraph_spans(raw)
    starts = [s for s, _ in spans]
    frame = _check_mentions(mentions, raw)
    names = frame["actor"] if "actor" in frame.columns else frame["actor_id"]
    graph = nx.Graph(kind="comention", unit=unit, source_id=source_id, text=raw)
    in_unit: dict[int, set[str]] = defaultdict(set)
    for actor, name, start in zip(frame["actor_id"], names, frame["start"], strict=True):
        actor = str(actor)
        if actor not in graph:
            graph.add_node(actor, name=str(actor if _blank(name) else name), count=0)
        graph.nodes[actor]["count"] += 1
        in_unit[max(bisect.bisect_right(starts, int(start)) - 1, 0)].add(actor)
    for index in sorted(in_unit):
        for a, b in combinations(sorted(in_unit[index]), 2):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, weight=0, evidence=[])
            graph.edges[a, b]["weight"] += 1
            graph.edges[a, b]["evidence"].append(spans[index])
    return graph


# --------------------------------------------------------------------------- relation graphs


def _pick_source(values: Iterable[str], source_id: str) -> str:
    ids = sorted(set(values))
    if source_id in ids:
        return source_id
    matches = [i for i in ids if i.startswith(source_id)]
    if len(matches) == 1:
        return matches[0]
    raise ValueError(
        f"source_id {source_id!r} {'matches several' if matches else 'matches none'} of the "
        f"sources in the relations: {', '.join(matches or ids) or '(none)'}"
    )


def relation_graph(
    relations: pd.DataFrame, source_id: str | None = None, names: object = None
) -> nx.MultiDiGraph:
    """One directed edge per relation row, subject → object, keyed by the row's index.

    Edge attributes: ``relation, sign, cameo_root, when, when_basis, source_id, start, end,
    quote, note`` and ``subject``, ``object`` (the row's own actors, kept through
    :func:`roll_up`). ``source_id`` keeps one source's rows (a prefix such as ``"001"`` works).
    ``None`` pools all sources. Nodes carry ``name`` (from ``names``, a mapping or
    ``read_gazetteer().table``, else the id) and ``count`` (the rows naming the actor).

    >>> rel = pd.DataFrame({"source_id": ["s1", "s1"], "subject": ["usa", "russia"],
    ...     "relation": ["strikes", "strikes"], "object": ["islamic-state", "nusra"],
    ...     "sign": [-1, -1], "start": [0, 9], "end": [8, 20], "quote": ["...", "..."]})
    >>> g = relation_graph(rel)
    >>> list(g.edges(keys=True))
    [('usa', 'islamic-state', 0), ('russia', 'nusra', 1)]
    """
    _missing(relations, ["source_id", "subject", "relation", "object", "sign", "start", "end",
                         "quote"], "relations")  # fmt: skip
    frame = relations
    if source_id is not None:
        source_id = _pick_source(frame["source_id"].astype(str), str(source_id))
        frame = frame[frame["source_id"].astype(str) == source_id]
    name_of = _name_map(names)
    graph = nx.MultiDiGraph(kind="relations", source_id=source_id)
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        subject, obj = str(row["subject"]), str(row["object"])
        for actor in (subject, obj):
            if actor not in graph:
                graph.add_node(actor, name=name_of.get(actor, actor), count=0)
            graph.nodes[actor]["count"] += 1
        graph.add_edge(
            subject, obj, key=int(index) if isinstance(index, (int, np.integer)) else index,
            relation=str(row["relation"]), sign=_sign(row["sign"], f"relations row {index}"),
            cameo_root="" if _blank(row.get("cameo_root")) else str(row["cameo_root"]),
            when="" if _blank(row.get("when")) else str(row["when"]),
            when_basis="" if _blank(row.get("when_basis")) else str(row["when_basis"]),
            source_id=str(row["source_id"]), start=int(row["start"]), end=int(row["end"]),
            quote=str(row["quote"]), note="" if _blank(row.get("note")) else str(row["note"]),
            subject=subject, object=obj,
        )  # fmt: skip
    return graph


def _sign(value: object, where: str) -> int:
    text = str(value).strip()
    if text in _SIGN_TEXT:
        return _SIGN_TEXT[text]
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if number in (1.0, -1.0, 0.0):
        return int(number)
    raise ValueError(f"{where}: sign {value!r} is not one of +1, -1, 0")


def _signed_attributes(records: list[dict[str, Any]]) -> dict[str, Any]:
    records = sorted({r["row"]: r for r in records}.values(), key=lambda r: _row_order(r["row"]))
    signs = [r["sign"] for r in records]
    total = sum(signs)
    positive, negative = signs.count(1), signs.count(-1)
    return {
        "sign": (total > 0) - (total < 0),
        "weight": len(records),
        "positive": positive,
        "negative": negative,
        "neutral": signs.count(0),
        "mixed": bool(positive and negative),
        "rows": [r["row"] for r in records],
        "evidence": records,
    }


def _row_order(row: object) -> tuple[int, str]:
    return (0, f"{row:020d}") if isinstance(row, int) else (1, str(row))


def _record(key: object, data: Mapping[str, Any], u: str, v: str) -> dict[str, Any]:
    return {
        "row": key,
        "source_id": data.get("source_id"),
        "subject": data.get("subject", u),
        "relation": data.get("relation"),
        "object": data.get("object", v),
        "sign": int(data["sign"]),
        "start": data.get("start"),
        "end": data.get("end"),
        "quote": data.get("quote", ""),
    }


def signed_graph(
    relations: pd.DataFrame | nx.MultiDiGraph,
    source_id: str | None = None,
    *,
    zero: str = "keep",
    names: object = None,
) -> nx.Graph:
    """Relations collapsed to one undirected, signed edge per pair of actors.

    The rule is the sign of the sum of the rows' signs: a majority vote of the + and − rows,
    in which neutral (0) rows do not vote. A tie, or only neutral rows, gives sign 0. With
    ``zero="keep"`` (the default) such edges stay, and balance functions ignore them. With
    ``zero="drop"`` they are left out (their actors stay as nodes). A row whose subject and
    object are the same actor is dropped.

    Edge attributes: ``sign`` (+1, -1, 0), ``weight`` (rows), ``positive``, ``negative``,
    ``neutral`` (rows of each sign), ``mixed`` (both + and − rows present, whatever won),
    ``rows`` (relation row indices) and ``evidence`` (one record per row, for
    :func:`edge_evidence`). ``relations`` is a relations table (``source_id`` and ``names`` as
    in :func:`relation_graph`) or a graph made by :func:`relation_graph`.

    >>> rel = pd.DataFrame({"source_id": "s", "subject": ["usa", "russia", "usa"],
    ...     "relation": ["strikes", "criticizes", "negotiates"],
    ...     "object": ["islamic-state", "usa", "russia"], "sign": [-1, -1, 0],
    ...     "start": 0, "end": 1, "quote": "."})
    >>> g = signed_graph(rel)
    >>> g.edges["usa", "russia"]["sign"], g.edges["usa", "russia"]["rows"]
    (-1, [1, 2])
    """
    if zero not in ("keep", "drop"):
        raise ValueError(f"zero must be 'keep' or 'drop'; got {zero!r}")
    if isinstance(relations, pd.DataFrame):
        multi = relation_graph(relations, source_id, names)
    elif isinstance(relations, nx.MultiDiGraph) and relations.graph.get("kind") == "relations":
        multi = relations
        if source_id is not None:
            wanted = _pick_source((d["source_id"] for *_, d in multi.edges(data=True)), source_id)
            multi = multi.edge_subgraph(
                (u, v, k) for u, v, k, d in multi.edges(keys=True, data=True)
                if d["source_id"] == wanted
            )  # fmt: skip
            source_id = wanted
    else:
        raise TypeError("signed_graph needs a relations table or a graph from relation_graph()")
    graph = nx.Graph(kind="signed", zero=zero, source_id=multi.graph.get("source_id", source_id))
    for node, data in multi.nodes(data=True):
        graph.add_node(node, **data)
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in multi.edges(keys=True, data=True):
        if u != v:
            pairs[tuple(sorted((u, v)))].append(_record(key, data, u, v))
    for (u, v), records in sorted(pairs.items()):
        attributes = _signed_attributes(records)
        if zero == "keep" or attributes["sign"] != 0:
            graph.add_edge(u, v, **attributes)
    return graph


# --------------------------------------------------------------------------- roll-up


def _parent_function(parent_of: object) -> Callable[[str], object]:
    if isinstance(parent_of, pd.DataFrame):
        _missing(parent_of, ["actor_id", "parent"], "parent_of")
        mapping = dict(zip(parent_of["actor_id"].astype(str), parent_of["parent"], strict=True))
        return mapping.get
    method = getattr(parent_of, "parent_of", None)
    if callable(method):
        return method
    if isinstance(parent_of, Mapping):
        return parent_of.get
    if callable(parent_of):
        return parent_of
    raise TypeError(
        "parent_of: expected a mapping actor_id -> parent, a function, a table with actor_id "
        f"and parent columns, or a gazetteer; got {type(parent_of).__name__}"
    )


def _top_level(parent_of: object) -> Callable[[str], str]:
    lookup = _parent_function(parent_of)

    def parent(actor: str) -> str | None:
        try:
            found = lookup(actor)
        except KeyError:
            return None
        return None if _blank(found) else str(found)

    def top(actor: str) -> str:
        chain = [actor]
        while (up := parent(chain[-1])) is not None:
            if up in chain:
                raise ValueError(f"parent_of: a cycle {' -> '.join([*chain, up])}")
            chain.append(up)
        return chain[-1]

    return top


def roll_up(graph: nx.Graph, parent_of: object, names: object = None) -> nx.Graph:
    """Merge every actor into its top-level parent, following the parent chain to its end.

    ``parent_of`` maps an actor id to its parent: a mapping, a function (such as
    ``read_gazetteer().parent_of``), a table with ``actor_id`` and ``parent`` (empty: none), or
    the gazetteer itself. An actor without a parent, or unknown to it, stays itself. So Putin
    → russia and Soleimani → quds-force → irgc → (its parent, if any); Kofman →
    wilson-center stays there. Merged nodes add their ``count`` and list their ``members``.
    Their ``name`` is the parent's own (from the graph, ``names`` or a gazetteer table), else
    its id.

    Edges are combined as their graph's kind demands. Co-mention graphs join the ``evidence``
    spans, and ``weight`` counts the distinct sentences. Relation graphs keep every row-edge,
    with its original ``subject`` and ``object``. Signed graphs pool their rows and take the
    sign again by :func:`signed_graph`'s rule. **Edges inside one merged actor (Putin–Lavrov,
    Assad–Syrian army) become self-loops and are dropped.**

    >>> g = nx.Graph(kind="comention", source_id=None, text="")
    >>> g.add_nodes_from([("putin", {"count": 2}), ("russia", {"count": 1}),
    ...                   ("obama", {"count": 1})])
    >>> g.add_edge("putin", "obama", weight=1, evidence=[(0, 9)])
    >>> g.add_edge("russia", "obama", weight=1, evidence=[(0, 9)])
    >>> g.add_edge("putin", "russia", weight=1, evidence=[(0, 9)])
    >>> r = roll_up(g, {"putin": "russia", "obama": "usa"})
    >>> sorted(r.nodes), r.edges["russia", "usa"]["weight"], r.nodes["russia"]["count"]
    (['russia', 'usa'], 1, 3)
    """
    kind = graph.graph.get("kind")
    if kind not in _KINDS:
        raise ValueError(
            "roll_up works on graphs made by comention_graph, relation_graph or signed_graph "
            f"(graph kind {kind!r})"
        )
    top = _top_level(parent_of)
    table = getattr(parent_of, "table", parent_of)
    name_of = {**(_name_map(table) if isinstance(table, pd.DataFrame) else {}), **_name_map(names)}
    new = graph.__class__()
    new.graph.update(graph.graph, rolled_up=True)
    root = {node: top(str(node)) for node in graph}
    for node in sorted(graph, key=str):
        head = root[node]
        if head not in new:
            own = graph.nodes[head].get("name") if head in graph else None
            new.add_node(head, name=own or name_of.get(head, head), count=0, members=[])
        new.nodes[head]["count"] += graph.nodes[node].get("count", 0)
        new.nodes[head]["members"].append(node)
    if kind == "relations":
        for u, v, key, data in graph.edges(keys=True, data=True):
            if root[u] != root[v]:
                new.add_edge(root[u], root[v], key=key, **data)
        for node in new:
            new.nodes[node]["count"] = new.degree(node)
        return new
    merged: dict[tuple[str, str], list] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        if root[u] != root[v]:
            merged[tuple(sorted((root[u], root[v])))].extend(data["evidence"])
    for (u, v), evidence in sorted(merged.items()):
        if kind == "comention":
            spans = sorted(set(evidence))
            new.add_edge(u, v, weight=len(spans), evidence=spans)
        else:
            attributes = _signed_attributes(evidence)
            if graph.graph.get("zero") != "drop" or attributes["sign"] != 0:
                new.add_edge(u, v, **attributes)
    if kind == "signed":
        for node in new:
            rows = {r["row"] for *_, ev in new.edges(node, data="evidence") for r in ev}
            new.nodes[node]["count"] = len(rows)
    return new


# --------------------------------------------------------------------------- evidence


def edge_evidence(graph: nx.Graph, a: str, b: str) -> pd.DataFrame:
    """The passages behind the edge between ``a`` and ``b``, one row each, in text order.

    Columns :data:`EVIDENCE_COLUMNS`: ``source_id, start, end, quote, relation, sign, subject,
    object, row``. For a co-mention graph each row is a sentence. ``relation`` is
    ``"co-mentioned"``, and ``sign`` and ``row`` are empty (``<NA>``). For relation and signed
    graphs each row is a relations row (``row`` is its index), in both directions.

    >>> g = comention_graph(pd.DataFrame({"actor_id": ["usa", "russia"], "start": [0, 7],
    ...     "end": [2, 13]}), "US and Russia met. Then lunch.")
    >>> edge_evidence(g, "russia", "usa")[["start", "end", "quote"]].values.tolist()
    [[0, 18, 'US and Russia met.']]
    """
    kind = graph.graph.get("kind")
    if kind not in _KINDS:
        raise ValueError(f"edge_evidence works on graphs made by comention_graph, relation_graph "
                         f"or signed_graph (graph kind {kind!r})")  # fmt: skip
    for node in (a, b):
        if node not in graph:
            raise ValueError(f"no actor {node!r} in this graph")
    records: list[dict[str, Any]] = []
    if kind == "relations":
        for u, v in ((a, b), (b, a)) if a != b else ((a, b),):
            for key, data in graph.get_edge_data(u, v, default={}).items():
                records.append(_record(key, data, u, v))
    elif graph.has_edge(a, b) and kind == "signed":
        records = list(graph.edges[a, b]["evidence"])
    elif graph.has_edge(a, b):
        text = graph.graph.get("text") or ""
        records = [
            {"source_id": graph.graph.get("source_id"), "start": s, "end": e,
             "quote": text[s:e], "relation": "co-mentioned", "sign": None, "subject": a,
             "object": b, "row": None}
            for s, e in graph.edges[a, b]["evidence"]
        ]  # fmt: skip
    if not records:
        neighbours = sorted(map(str, nx.all_neighbors(graph, a)))
        raise ValueError(
            f"no edge between {a!r} and {b!r}; {a!r} is linked to: "
            f"{', '.join(neighbours) or '(nobody)'}"
        )
    table = pd.DataFrame(records, columns=EVIDENCE_COLUMNS)
    table["sign"] = table["sign"].astype("Int64")
    if kind == "comention":
        table["row"] = table["row"].astype("Int64")
    table = table.sort_values(["source_id", "start", "end"], key=_sort_key, kind="stable")
    return table.reset_index(drop=True)


def _sort_key(column: pd.Series) -> pd.Series:
    return column.astype(str) if column.dtype == object else column


# --------------------------------------------------------------------------- structural balance


def _signed_edges(signed: nx.Graph) -> tuple[list, dict[tuple, int]]:
    """Nodes (sorted) and the +/- edges of a simple undirected signed graph; 0 edges ignored."""
    if not isinstance(signed, nx.Graph) or signed.is_directed() or signed.is_multigraph():
        raise TypeError(
            "balance needs a simple undirected graph with a sign on each edge; make one with "
            "signed_graph(relations)"
        )
    edges: dict[tuple, int] = {}
    for u, v, value in signed.edges(data="sign"):
        if value is None:
            raise ValueError(f"edge {u!r}–{v!r} has no sign (expected +1, -1 or 0)")
        sign = _sign(value, f"edge {u!r}–{v!r}")
        if u == v:
            raise ValueError(f"self-loop on {u!r}: balance is about pairs of actors; remove it")
        if sign:
            edges[(u, v)] = sign
    return sorted(signed.nodes, key=str), edges


def _sign_lookup(edges: dict[tuple, int]) -> dict[Any, dict[Any, int]]:
    lookup: dict[Any, dict[Any, int]] = defaultdict(dict)
    for (u, v), sign in edges.items():
        lookup[u][v] = lookup[v][u] = sign
    return lookup


def signed_triads(signed: nx.Graph) -> pd.DataFrame:
    """Every triangle of + and − edges, with its product and whether it is balanced.

    Columns :data:`TRIAD_COLUMNS`: the actors ``a, b, c`` (in sorted order), ``sign_ab``,
    ``sign_bc``, ``sign_ac``, their ``product``, ``balanced`` (product > 0) and ``pattern``,
    the signs from + to − (``"+ + +"``, ``"+ - -"`` balanced; ``"+ + -"``, ``"- - -"`` not).
    Edges of sign 0 are ignored, so a triangle with one is not listed.

    >>> g = nx.Graph()
    >>> g.add_edge("usa", "russia", sign=-1); g.add_edge("russia", "islamic-state", sign=-1)
    >>> g.add_edge("usa", "islamic-state", sign=-1)
    >>> signed_triads(g)[["pattern", "balanced"]].values.tolist()
    [['- - -', False]]
    """
    nodes, edges = _signed_edges(signed)
    lookup = _sign_lookup(edges)
    order = {node: i for i, node in enumerate(nodes)}
    rows = []
    for a in nodes:
        later = sorted((n for n in lookup[a] if order[n] > order[a]), key=order.get)
        for i, b in enumerate(later):
            for c in later[i + 1 :]:
                if c in lookup[b]:
                    ab, bc, ac = lookup[a][b], lookup[b][c], lookup[a][c]
                    product = ab * bc * ac
                    pattern = " ".join("+" if s > 0 else "-" for s in sorted((ab, bc, ac))[::-1])
                    rows.append((a, b, c, ab, bc, ac, product, product > 0, pattern))
    table = pd.DataFrame(rows, columns=TRIAD_COLUMNS)
    for column in ("sign_ab", "sign_bc", "sign_ac", "product"):
        table[column] = table[column].astype(int)
    table["balanced"] = table["balanced"].astype(bool)
    return table


def balance_share(signed: nx.Graph) -> float:
    """The share of signed triangles that are balanced; ``nan`` when there is none.

    It counts triangles only. A share of 1 does not prove the graph balanced (see
    :func:`best_two_camps` for a test that looks at every cycle).

    >>> g = nx.Graph()
    >>> g.add_edges_from([("a", "b"), ("b", "c"), ("a", "c")], sign=1)
    >>> g.add_edge("c", "d", sign=-1); g.add_edge("a", "d", sign=1)
    >>> balance_share(g)
    0.5
    """
    triads = signed_triads(signed)
    return float(triads["balanced"].mean()) if len(triads) else math.nan


def _components(nodes: list, edges: dict[tuple, int]) -> list[list]:
    graph = nx.Graph()
    graph.add_nodes_from({n for pair in edges for n in pair})
    graph.add_edges_from(edges)
    order = {node: i for i, node in enumerate(nodes)}
    parts = [sorted(part, key=order.get) for part in nx.connected_components(graph)]
    return sorted(parts, key=lambda part: order[part[0]])


def _exact_split(
    n: int, edges: list[tuple[int, int, int]], block_bits: int = 18
) -> tuple[list[int], int]:
    """Try every split with actor 0 in camp A (2^(n-1) of them); the first with fewest frustrated.

    Split number ``m`` puts actor ``k >= 1`` in camp B when bit ``k - 1`` of ``m`` is set. The
    splits are tried in blocks of 2^``block_bits``. Inside a block the low actors vary, and their
    sides are the same arrays in every block. The high actors are fixed, so an edge from a
    low actor to a high one (or to actor 0) adds either the low actor's side or its complement,
    and an edge between two fixed actors adds a constant. Each block then costs one array
    operation per low actor.
    """
    low = min(n - 1, block_bits)
    numbers = np.arange(1 << low, dtype=np.int32)
    sides = {k: (numbers >> (k - 1)) & 1 for k in range(1, low + 1)}
    base = np.zeros(1 << low, dtype=np.int32)
    mixed = []
    for i, j, sign in edges:
        if i in sides and j in sides:
            across = sides[i] ^ sides[j]
            base += across if sign > 0 else 1 - across
        else:
            mixed.append((i, j, sign))
    best_cost, best_split = None, 0
    for high in range(1 << (n - 1 - low)):

        def fixed(k: int, high: int = high) -> int:
            return 0 if k == 0 else (high >> (k - 1 - low)) & 1

        constant, weights = 0, defaultdict(int)
        for i, j, sign in mixed:
            if i not in sides and j not in sides:
                constant += (fixed(i) != fixed(j)) == (sign > 0)
                continue
            k, other = (i, j) if i in sides else (j, i)
            # frustrated = side_k when (sign > 0) == (other is in camp A), else 1 - side_k
            if (sign > 0) == (fixed(other) == 0):
                weights[k] += 1
            else:
                constant, weights[k] = constant + 1, weights[k] - 1
        cost = base + constant
        for k, weight in weights.items():
            if weight:
                cost += weight * sides[k]
        at = int(np.argmin(cost))
        if best_cost is None or int(cost[at]) < best_cost:
            best_cost, best_split = int(cost[at]), (high << low) | at
    side = [0] + [(best_split >> (k - 1)) & 1 for k in range(1, n)]
    return side, int(best_cost or 0)


def _frustration(side: list[int], edges: list[tuple[int, int, int]]) -> int:
    return sum((side[i] != side[j]) == (sign > 0) for i, j, sign in edges)


def _local_split(
    n: int, edges: list[tuple[int, int, int]], starts: int = 50
) -> tuple[list[int], int]:
    """Single-actor moves from ``starts`` starting splits (seeded): an upper bound, not proof."""
    rng = random.Random(0)
    neighbours: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, sign in edges:
        neighbours[i].append((j, sign))
        neighbours[j].append((i, sign))
    best: tuple[int, list[int]] | None = None
    for attempt in range(starts):
        side = [0] * n if attempt == 0 else [rng.randint(0, 1) for _ in range(n)]
        improved = True
        while improved:
            improved = False
            for i in range(n):
                gain = sum(
                    1 if (side[i] != side[j]) == (sign > 0) else -1 for j, sign in neighbours[i]
                )
                if gain > 0:
                    side[i] ^= 1
                    improved = True
        side = [s ^ side[0] for s in side]
        cost = _frustration(side, edges)
        if best is None or cost < best[0]:
            best = (cost, side)
    assert best is not None
    return best[1], best[0]


def best_two_camps(
    signed: nx.Graph, *, method: str = "exact", max_exact: int = MAX_EXACT_NODES
) -> tuple[list, list, int]:
    """The split of the actors into two camps with the fewest frustrated edges.

    An edge is **frustrated** when it is negative inside a camp or positive across the camps.
    Returns ``(camp_a, camp_b, frustration)``, each camp sorted. The frustration is the graph's
    frustration index, 0 exactly when the graph is balanced (Cartwright–Harary).

    How: each connected group of actors (joined by + or − edges) is split on its own. Groups
    not joined by any signed edge constrain each other in no way, so which of a group's sides
    is called A is arbitrary: it is the side holding the group's first actor in sorted order.
    ``method="exact"`` tries all 2^(n−1) splits of a group of n actors and returns the first
    best one. Several splits can tie, so read the camps as *one* best split. It stops with a
    ``ValueError`` above ``max_exact`` actors. The default :data:`MAX_EXACT_NODES` = 28 means
    up to 134 million splits, about a second; each actor more doubles the time. Raise
    ``max_exact`` if you can wait. For a bigger group, :func:`roll_up` first, or
    pass ``method="local"``. That is a local search (moving one actor at a time while it
    helps, from 50 seeded starting splits). Its frustration is an upper bound: a better split
    may exist. Actors without any + or − edge are in neither camp. Edges of sign 0 are ignored.

    >>> g = nx.Graph()
    >>> g.add_edge("russia", "syria", sign=1); g.add_edge("usa", "fsa", sign=1)
    >>> g.add_edge("russia", "fsa", sign=-1); g.add_edge("usa", "syria", sign=-1)
    >>> best_two_camps(g)
    (['fsa', 'usa'], ['russia', 'syria'], 0)
    """
    if method not in ("exact", "local"):
        raise ValueError(f"method must be 'exact' or 'local'; got {method!r}")
    nodes, edges = _signed_edges(signed)
    camp_a, camp_b, total = [], [], 0
    for part in _components(nodes, edges):
        index = {node: i for i, node in enumerate(part)}
        local = [(index[u], index[v], s) for (u, v), s in edges.items() if u in index]
        if len(part) > max_exact and method == "exact":
            raise ValueError(
                f"{len(part)} actors are joined by signed edges (first: "
                f"{', '.join(map(str, part[:5]))}…); the exact search stops at {max_exact} "
                f"(2^{max_exact - 1} splits). roll_up() the graph first, or pass "
                "method='local' for a local search whose answer may not be the best"
            )
        if method == "exact":
            side, cost = _exact_split(len(part), local)
        else:
            side, cost = _local_split(len(part), local)
        total += cost
        camp_a += [node for node, s in zip(part, side, strict=True) if s == 0]
        camp_b += [node for node, s in zip(part, side, strict=True) if s == 1]
    return sorted(camp_a, key=str), sorted(camp_b, key=str), total


def frustrated_edges(signed: nx.Graph, camp_a: Iterable, camp_b: Iterable) -> pd.DataFrame:
    """The + and − edges that break a split: columns ``a, b, sign, problem``.

    ``problem`` is ``"negative inside camp A"`` (or B) or ``"positive across the camps"``.
    Every actor with a + or − edge must be in exactly one camp.

    >>> g = nx.Graph()
    >>> g.add_edge("usa", "russia", sign=-1); g.add_edge("russia", "islamic-state", sign=-1)
    >>> g.add_edge("usa", "islamic-state", sign=-1)
    >>> frustrated_edges(g, ["usa", "russia"], ["islamic-state"]).values.tolist()
    [['russia', 'usa', -1, 'negative inside camp A']]
    """
    nodes, edges = _signed_edges(signed)
    a_set, b_set = set(camp_a), set(camp_b)
    if a_set & b_set:
        raise ValueError(f"in both camps: {', '.join(sorted(map(str, a_set & b_set)))}")
    unknown = (a_set | b_set) - set(nodes)
    if unknown:
        raise ValueError(f"not in the graph: {', '.join(sorted(map(str, unknown)))}")
    placed = a_set | b_set
    loose = sorted({str(n) for pair in edges for n in pair if n not in placed})
    if loose:
        raise ValueError(f"in neither camp, though they have signed edges: {', '.join(loose)}")
    rows = []
    for (u, v), sign in edges.items():
        u, v = sorted((u, v), key=str)
        same = (u in a_set) == (v in a_set)
        if same and sign < 0:
            rows.append((u, v, sign, f"negative inside camp {'A' if u in a_set else 'B'}"))
        elif not same and sign > 0:
            rows.append((u, v, sign, "positive across the camps"))
    rows.sort(key=lambda r: (str(r[0]), str(r[1])))
    return pd.DataFrame(rows, columns=["a", "b", "sign", "problem"]).astype({"sign": int})


def enemy_of_my_enemy_breaks(signed: nx.Graph) -> pd.DataFrame:
    """Triangles of three mutual enemies (``"- - -"``), where "the enemy of my enemy is my
    friend" fails: two of them share an enemy and are still enemies. Columns as
    :func:`signed_triads`.

    >>> g = nx.Graph()
    >>> g.add_edges_from([("usa", "russia"), ("russia", "islamic-state"),
    ...                   ("usa", "islamic-state")], sign=-1)
    >>> enemy_of_my_enemy_breaks(g)[["a", "b", "c"]].values.tolist()
    [['islamic-state', 'russia', 'usa']]
    """
    triads = signed_triads(signed)
    return triads[triads["pattern"] == "- - -"].reset_index(drop=True)


# --------------------------------------------------------------------------- export


def _scalar(value: object) -> object:
    """A value GEXF and GraphML can hold: bool, int, float or str; None for 'leave it out'."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=str)
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return str(value)


def _json_default(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA:
        return None
    return str(value)


def _unify(items: list[dict[str, Any]]) -> None:
    """One type per attribute name: int+float → float, any other mixture → str."""
    types: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for name, value in data.items():
            types[name].add(type(value))
    for name, found in types.items():
        if len(found) < 2:
            continue
        target = float if found <= {int, float} else str
        for data in items:
            if name in data:
                data[name] = target(data[name])


_RENAMED = {"start": "span_start", "end": "span_end"}


def _flat(data: Mapping[str, Any], rename: bool = True) -> dict[str, Any]:
    out = {}
    for name, value in data.items():
        value = _scalar(value)
        if value is not None:
            out[_RENAMED.get(name, name) if rename else name] = value
    return out


def _refuse_protected(path: Path) -> None:
    try:
        root = course_root().resolve()
    except FileNotFoundError:
        return
    for name in PROTECTED_FOLDERS:
        folder = root / name
        if path == folder or folder in path.parents:
            raise ValueError(
                f"{path}: the course never writes into {name}/; give a bare file name (it goes "
                f"to {work_dir(create=False) / 'networks'}) or another folder"
            )


def export_graph(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` for Gephi and friends, as GEXF or GraphML by the suffix; return the path.

    A relative path lands in ``networks/`` inside the work folder
    (:func:`helpers.paths.work_dir`). The course's ``seeds/``, ``data/`` and ``notebooks/``
    are refused. Both formats hold only scalars, so lists and dicts (``evidence``, ``rows``,
    ``members``) are written as JSON text. Missing values are left out, and an attribute
    whose type varies becomes float (ints and floats) or text. ``start`` and ``end`` are written
    as ``span_start`` and ``span_end``, because GEXF reads those names as time. Nodes get a
    ``label`` (their ``name``) for Gephi. The graph's source ``text`` is not written.

    >>> import tempfile
    >>> g = nx.Graph(); g.add_edge("usa", "russia", sign=-1, rows=[3, 4])
    >>> out = export_graph(g, Path(tempfile.mkdtemp()) / "signed.graphml")
    >>> nx.read_graphml(out).edges["usa", "russia"]["rows"]
    '[3, 4]'
    """
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ValueError(
            f"{path}: cannot export as {suffix or 'a file without a suffix'!r}; name the file "
            ".gexf (Gephi) or .graphml (Gephi, yEd, Cytoscape)"
        )
    if not path.is_absolute():
        path = work_dir() / "networks" / path
    path = path.resolve()
    _refuse_protected(path)
    flat = graph.__class__()
    flat.graph.update(_flat({k: v for k, v in graph.graph.items() if k != "text"}, rename=False))
    nodes = [(n, _flat(d)) for n, d in graph.nodes(data=True)]
    for _, data in nodes:
        if "name" in data and "label" not in data:
            data["label"] = str(data["name"])
    _unify([d for _, d in nodes])
    flat.add_nodes_from(nodes)
    if graph.is_multigraph():
        edges = [(u, v, k, _flat(d)) for u, v, k, d in graph.edges(keys=True, data=True)]
        _unify([e[-1] for e in edges])
        flat.add_edges_from(edges)
    else:
        edges = [(u, v, _flat(d)) for u, v, d in graph.edges(data=True)]
        _unify([e[-1] for e in edges])
        flat.add_edges_from(edges)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        (nx.write_gexf if suffix == ".gexf" else nx.write_graphml)(flat, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
