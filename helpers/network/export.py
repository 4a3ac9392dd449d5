"""Writing a graph for Gephi and friends: GEXF or GraphML, every attribute a scalar.

:func:`export_graph` writes any graph of :mod:`helpers.network.graphs` (or a plain networkx
graph) into the work folder, never into the course's own folders.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from helpers.paths import course_root, work_dir

__all__ = ["EXPORT_SUFFIXES", "PROTECTED_FOLDERS", "export_graph"]

EXPORT_SUFFIXES = (".gexf", ".graphml")
PROTECTED_FOLDERS = ("seeds", "data", "notebooks")


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
