"""Structural balance of a signed graph: which triangles hold, and the best split into two camps.

The signed graph comes from :func:`helpers.network.graphs.signed_graph` (or any simple
undirected graph with a ``sign`` of +1, -1 or 0 on each edge).

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

import math
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from helpers.network.inputs import sign_of

__all__ = [
    "MAX_EXACT_NODES",
    "TRIAD_COLUMNS",
    "balance_share",
    "best_two_camps",
    "enemy_of_my_enemy_breaks",
    "frustrated_edges",
    "signed_triads",
]

TRIAD_COLUMNS = ["a", "b", "c", "sign_ab", "sign_bc", "sign_ac", "product", "balanced", "pattern"]
MAX_EXACT_NODES = 28


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
        sign = sign_of(value, f"edge {u!r}–{v!r}")
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
    The frustration is a count; :func:`frustrated_edges` names the edges behind it, the
    statements to read before trusting the split.

    >>> g = nx.Graph()
    >>> g.add_edge("russia", "syria", sign=1); g.add_edge("usa", "fsa", sign=1)
    >>> g.add_edge("russia", "fsa", sign=-1); g.add_edge("usa", "syria", sign=-1)
    >>> best_two_camps(g)
    (['fsa', 'usa'], ['russia', 'syria'], 0)
    >>> g.add_edge("russia", "usa", sign=1)
    >>> camp_a, camp_b, frustration = best_two_camps(g)
    >>> frustration, frustrated_edges(g, camp_a, camp_b).values.tolist()
    (1, [['russia', 'usa', 1, 'positive across the camps']])
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

    Pass the camps of :func:`best_two_camps` to see which statements its frustration counts
    (one row per frustrated edge), or a split of your own to see what it costs.

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
