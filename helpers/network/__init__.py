"""Networks of actors, from the texts: who is named together, who does what to whom, who sides
with whom. One module per job:

- :mod:`~helpers.network.relations`: the relations table ``data/relations.csv``
  (:func:`read_relations`, :func:`check_relations`, :data:`RELATION_COLUMNS`,
  :data:`RELATION_SIGNS`, :data:`RELATION_STATUSES`).
- :mod:`~helpers.network.graphs`: co-mention, relation and signed graphs
  (:func:`comention_graph`, :func:`relation_graph`, :func:`signed_graph`), :func:`roll_up` to
  the state or body an actor acts for (:func:`top_level_of`), and :func:`edge_evidence`, the
  passages behind an edge.
- :mod:`~helpers.network.balance`: structural balance ("the enemy of my enemy is my friend")
  and the best split into two camps. Its docstring explains the idea and its limits.
- :mod:`~helpers.network.export`: :func:`export_graph` writes a graph for Gephi.
- :func:`sentence_spans`, from :mod:`helpers.sentences` (the one splitter): the units a
  co-mention counts in.
- :mod:`~helpers.network.inputs`: small checks the others share.

Every name below can be imported from ``helpers.network`` itself:

>>> from helpers.network import best_two_camps, signed_graph
"""

from __future__ import annotations

from helpers.network.balance import (
    MAX_EXACT_NODES,
    TRIAD_COLUMNS,
    balance_share,
    best_two_camps,
    enemy_of_my_enemy_breaks,
    frustrated_edges,
    signed_triads,
)
from helpers.network.export import EXPORT_SUFFIXES, PROTECTED_FOLDERS, export_graph
from helpers.network.graphs import (
    EVIDENCE_COLUMNS,
    UNITS,
    comention_graph,
    edge_evidence,
    relation_graph,
    roll_up,
    signed_graph,
    top_level_of,
)
from helpers.network.relations import (
    RELATION_COLUMNS,
    RELATION_SIGNS,
    RELATION_STATUSES,
    REQUIRED_RELATION_COLUMNS,
    check_relations,
    read_relations,
)
from helpers.sentences import sentence_spans

__all__ = [
    "EVIDENCE_COLUMNS",
    "EXPORT_SUFFIXES",
    "MAX_EXACT_NODES",
    "PROTECTED_FOLDERS",
    "RELATION_COLUMNS",
    "RELATION_SIGNS",
    "RELATION_STATUSES",
    "REQUIRED_RELATION_COLUMNS",
    "TRIAD_COLUMNS",
    "UNITS",
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
    "top_level_of",
]
