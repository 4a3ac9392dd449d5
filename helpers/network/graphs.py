"""Networks of actors: who is named together, who does what to whom, and who sides with whom.

Three kinds of graph, each traceable to the raw text:

- :func:`comention_graph`: actors named in the same sentence of one source (undirected). Edge
  ``weight`` is the number of sentences and ``evidence`` lists their spans. Being named together
  is not a relation: "Russia and the US agree" and "Russia and the US disagree" give the same
  edge.
- :func:`relation_graph`: the stated relations of ``data/relations.csv``
  (:func:`helpers.network.relations.read_relations`), one directed edge per row, keyed by the
  row's index, with its quote. Rows whose ``status`` is ``source-error`` (a relation the source
  states against well-documented facts) are left out unless ``include_source_errors=True``; the
  graph lists them in ``graph.graph["left_out"]``.
- :func:`signed_graph`: relations collapsed to one undirected edge per pair of actors, signed
  + (friends), − (enemies) or 0 (neither, or as many of each).

:func:`roll_up` merges people and units into the state or body they act for
(:func:`top_level_of` follows the parent chain). :func:`edge_evidence` lists the passages
behind an edge, so every line in a figure can be traced back to a sentence. Structural balance
of a signed graph is in :mod:`helpers.network.balance`, the export for Gephi in
:mod:`helpers.network.export`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from helpers.corpus import Source
from helpers.network.inputs import is_blank, require_columns, sign_of, text_of
from helpers.sentences import paragraph_spans, sentence_spans

__all__ = [
    "EVIDENCE_COLUMNS",
    "UNITS",
    "comention_graph",
    "edge_evidence",
    "relation_graph",
    "roll_up",
    "signed_graph",
    "top_level_of",
]

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
UNITS = ("sentence", "paragraph")

_KINDS = ("comention", "relations", "signed")


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


# --------------------------------------------------------------------------- co-mention graph


def _check_mentions(mentions: pd.DataFrame, text: str) -> pd.DataFrame:
    require_columns(mentions, ["actor_id", "start", "end"], "mentions")
    for number, row in enumerate(mentions.to_dict("records")):
        at = f"mentions row {number}"
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            raise ValueError(f"{at}: start/end {row['start']!r}, {row['end']!r} are not "
                             "whole numbers") from None  # fmt: skip
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{at}: span {start}-{end} is not inside the text (0-{len(text)})")
        if "surface" in row and not is_blank(row["surface"]) and text[start:end] != row["surface"]:
            raise ValueError(
                f"{at}: the text at {start}-{end} reads {text[start:end]!r}, not the surface "
                f"{row['surface']!r}; are these mentions from another text?"
            )
        if is_blank(row["actor_id"]):
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
    source_id, raw = text_of(text)
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
            graph.add_node(actor, name=str(actor if is_blank(name) else name), count=0)
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
    relations: pd.DataFrame,
    source_id: str | None = None,
    names: object = None,
    *,
    include_source_errors: bool = False,
) -> nx.MultiDiGraph:
    """One directed edge per relation row, subject → object, keyed by the row's index.

    Edge attributes: ``relation, sign, cameo_root, when, when_basis, source_id, start, end,
    quote, note, status`` and ``subject``, ``object`` (the row's own actors, kept through
    :func:`roll_up`). ``source_id`` keeps one source's rows (a prefix such as ``"001"`` works).
    ``None`` pools all sources. Nodes carry ``name`` (from ``names``, a mapping or
    ``read_gazetteer().table``, else the id) and ``count`` (the rows naming the actor).

    A row whose ``status`` is ``source-error`` is **left out** (a relation the source states
    against well-documented facts is not a fact about the world); ``include_source_errors=True``
    keeps it, to see what the error does to a network. The indices of the rows left out are in
    ``graph.graph["left_out"]``. A table without a ``status`` column has no source errors.

    >>> rel = pd.DataFrame({"source_id": "s1", "subject": ["usa", "russia", "usa"],
    ...     "relation": ["strikes", "strikes", "opposes"],
    ...     "object": ["islamic-state", "nusra", "iraq"],
    ...     "sign": [-1, -1, -1], "start": [0, 9, 21], "end": [8, 20, 30],
    ...     "quote": ["...", "...", "..."], "status": ["stated", "stated", "source-error"]})
    >>> g = relation_graph(rel)
    >>> list(g.edges(keys=True)), g.graph["left_out"]
    ([('usa', 'islamic-state', 0), ('russia', 'nusra', 1)], [2])
    >>> relation_graph(rel, include_source_errors=True).has_edge("usa", "iraq")
    True
    """
    require_columns(relations, ["source_id", "subject", "relation", "object", "sign", "start",
                                "end", "quote"], "relations")  # fmt: skip
    frame = relations
    if source_id is not None:
        source_id = _pick_source(frame["source_id"].astype(str), str(source_id))
        frame = frame[frame["source_id"].astype(str) == source_id]
    left_out: list[Any] = []
    if "status" in frame.columns:
        status = frame["status"].map(lambda v: "stated" if is_blank(v) else str(v).strip())
        unknown = sorted(set(status) - {"stated", "source-error"})
        if unknown:
            raise ValueError(f"relations: status {unknown[0]!r} is not stated or source-error")
        errors = status == "source-error"
        if not include_source_errors:
            left_out = [int(i) if isinstance(i, (int, np.integer)) else i
                        for i in frame.index[errors]]  # fmt: skip
            frame = frame[~errors]
    name_of = _name_map(names)
    graph = nx.MultiDiGraph(kind="relations", source_id=source_id, left_out=left_out)
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        subject, obj = str(row["subject"]), str(row["object"])
        for actor in (subject, obj):
            if actor not in graph:
                graph.add_node(actor, name=name_of.get(actor, actor), count=0)
            graph.nodes[actor]["count"] += 1
        graph.add_edge(
            subject, obj, key=int(index) if isinstance(index, (int, np.integer)) else index,
            relation=str(row["relation"]), sign=sign_of(row["sign"], f"relations row {index}"),
            cameo_root="" if is_blank(row.get("cameo_root")) else str(row["cameo_root"]),
            when="" if is_blank(row.get("when")) else str(row["when"]),
            when_basis="" if is_blank(row.get("when_basis")) else str(row["when_basis"]),
            source_id=str(row["source_id"]), start=int(row["start"]), end=int(row["end"]),
            quote=str(row["quote"]), note="" if is_blank(row.get("note")) else str(row["note"]),
            status="stated" if is_blank(row.get("status")) else str(row["status"]).strip(),
            subject=subject, object=obj,
        )  # fmt: skip
    return graph


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
    include_source_errors: bool = False,
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
    in :func:`relation_graph`) or a graph made by :func:`relation_graph`. Source errors are left
    out as in :func:`relation_graph` (``include_source_errors=True`` keeps them; a graph passed
    in keeps what it was made with); ``graph.graph["left_out"]`` lists them.

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
        multi = relation_graph(relations, source_id, names,
                               include_source_errors=include_source_errors)  # fmt: skip
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
    graph = nx.Graph(kind="signed", zero=zero, source_id=multi.graph.get("source_id", source_id),
                     left_out=list(multi.graph.get("left_out", [])))  # fmt: skip
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
        require_columns(parent_of, ["actor_id", "parent"], "parent_of")
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


def top_level_of(parent_of: object) -> Callable[[str], str]:
    """A function that gives an actor the top of its parent chain (itself if it has no parent).

    ``parent_of`` is what :func:`roll_up` takes: a mapping actor_id -> parent, a function (such
    as ``read_gazetteer().parent_of``), a table with ``actor_id`` and ``parent`` columns, or the
    gazetteer itself. An actor unknown to it is its own top. A cycle raises ``ValueError``.

    >>> top = top_level_of({"putin": "russia", "soleimani": "quds-force", "quds-force": "irgc"})
    >>> top("putin"), top("soleimani"), top("kofman")
    ('russia', 'irgc', 'kofman')
    """
    lookup = _parent_function(parent_of)

    def parent(actor: str) -> str | None:
        try:
            found = lookup(actor)
        except KeyError:
            return None
        return None if is_blank(found) else str(found)

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
    top = top_level_of(parent_of)
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
