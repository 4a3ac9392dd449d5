"""helpers.network.balance: signed triangles, balance and the best two camps."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import load_corpus
from helpers.network import (
    MAX_EXACT_NODES,
    TRIAD_COLUMNS,
    balance_share,
    best_two_camps,
    enemy_of_my_enemy_breaks,
    frustrated_edges,
    signed_triads,
)
from helpers.network.balance import _exact_split

CORPUS = load_corpus()


# helpers ---------------------------------------------------------------------------------------


def _signed(*edges) -> nx.Graph:
    graph = nx.Graph()
    for u, v, sign in edges:
        graph.add_edge(u, v, sign=sign)
    return graph


def _brute_force(graph: nx.Graph) -> int:
    nodes = sorted(graph)
    best = None
    for bits in itertools.product((0, 1), repeat=len(nodes)):
        side = dict(zip(nodes, bits, strict=True))
        cost = sum(
            (side[u] != side[v]) == (s > 0) for u, v, s in graph.edges(data="sign") if s != 0
        )
        best = cost if best is None else min(best, cost)
    return best or 0


# structural balance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "signs, pattern, balanced",
    [
        ((1, 1, 1), "+ + +", True),
        ((1, -1, -1), "+ - -", True),
        ((-1, 1, -1), "+ - -", True),
        ((1, 1, -1), "+ + -", False),
        ((-1, -1, -1), "- - -", False),
    ],
)
def test_a_triangle_is_balanced_when_the_product_of_its_signs_is_positive(signs, pattern, balanced):
    graph = _signed(("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2]))
    triads = signed_triads(graph)
    assert list(triads.columns) == TRIAD_COLUMNS
    assert triads.loc[0, ["pattern", "balanced"]].tolist() == [pattern, balanced]
    assert triads.loc[0, ["sign_ab", "sign_bc", "sign_ac"]].tolist() == list(signs)
    assert balance_share(graph) == (1.0 if balanced else 0.0)
    assert (best_two_camps(graph)[2] == 0) == balanced


def test_two_camps_friendly_inside_and_hostile_across_are_perfectly_balanced():
    camp_a, camp_b = ["russia", "syria", "iran", "hezbollah"], ["usa", "fsa", "turkey"]
    graph = nx.Graph()
    for u, v in itertools.combinations(camp_a + camp_b, 2):
        graph.add_edge(u, v, sign=1 if (u in camp_a) == (v in camp_a) else -1)
    assert balance_share(graph) == 1.0
    found_a, found_b, frustration = best_two_camps(graph)
    assert frustration == 0
    assert {frozenset(found_a), frozenset(found_b)} == {frozenset(camp_a), frozenset(camp_b)}
    assert frustrated_edges(graph, found_a, found_b).empty
    assert enemy_of_my_enemy_breaks(graph).empty


def test_a_square_with_one_negative_edge_has_no_triangle_but_frustration_one():
    graph = _signed(("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "a", -1))
    assert signed_triads(graph).empty and pd.isna(balance_share(graph))
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert frustration == 1
    assert len(frustrated_edges(graph, camp_a, camp_b)) == 1


def test_us_russia_islamic_state_break_the_enemy_of_my_enemy_rule():
    graph = _signed(("usa", "russia", -1), ("russia", "islamic-state", -1),
                    ("usa", "islamic-state", -1), ("usa", "fsa", 1))  # fmt: skip
    breaks = enemy_of_my_enemy_breaks(graph)
    assert breaks[["a", "b", "c"]].values.tolist() == [["islamic-state", "russia", "usa"]]
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert frustration == 1
    problems = frustrated_edges(graph, camp_a, camp_b)
    assert (
        problems["sign"].tolist() == [-1] and problems["problem"].str.startswith("negative").all()
    )


def test_zero_edges_are_neither_friends_nor_enemies():
    graph = _signed(("a", "b", 1), ("b", "c", 1), ("a", "c", 0), ("c", "d", 0))
    assert signed_triads(graph).empty
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert (camp_a, camp_b, frustration) == (["a", "b", "c"], [], 0)  # d has no signed edge


def test_disconnected_groups_are_split_each_on_its_own():
    graph = _signed(("a", "b", -1), ("x", "y", -1), ("y", "z", -1), ("x", "z", -1))
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert frustration == 1
    assert "a" in camp_a and "b" in camp_b and "x" in camp_a


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=2, max_value=8).flatmap(
        lambda n: st.dictionaries(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
            st.sampled_from([1, -1, 0]),
            max_size=n * (n - 1) // 2,
        )
    )
)
def test_best_two_camps_finds_the_same_frustration_as_trying_every_split(edges):
    graph = _signed(*((f"n{u}", f"n{v}", s) for (u, v), s in edges.items()))
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert frustration == _brute_force(graph)
    assert len(frustrated_edges(graph, camp_a, camp_b)) == frustration
    assert best_two_camps(graph, method="local")[2] >= frustration


def test_the_exact_search_stops_above_its_limit_and_the_local_search_is_an_upper_bound():
    size = MAX_EXACT_NODES + 1  # an odd ring of enemies: frustration 1
    ring = _signed(*((f"n{i:02d}", f"n{(i + 1) % size:02d}", -1) for i in range(size)))
    with pytest.raises(
        ValueError, match=f"{size} actors .* stops at {MAX_EXACT_NODES}.*method='local'"
    ):
        best_two_camps(ring)
    assert best_two_camps(ring, method="local")[2] >= 1
    assert best_two_camps(ring, max_exact=size)[2] == 1


def test_the_exact_search_at_its_limit_finds_a_split_whose_frustration_it_can_name():
    # Its speed is a benchmark's business, not a unit test's: a wall-clock limit here failed
    # on a loaded machine while the answer was right.
    graph = nx.Graph()
    for u, v in itertools.combinations(range(MAX_EXACT_NODES), 2):
        if v - u in (1, 3, 7, 12):
            graph.add_edge(u, v, sign=1 if (u * v) % 3 else -1)
    assert nx.is_connected(graph) and len(graph) == MAX_EXACT_NODES
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert sorted([*camp_a, *camp_b]) == sorted(graph)
    assert len(frustrated_edges(graph, camp_a, camp_b)) == frustration


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=2, max_value=9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.dictionaries(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                    lambda p: p[0] < p[1]
                ),
                st.sampled_from([1, -1]),
            ),
        )
    )
)
def test_the_search_in_blocks_finds_what_trying_every_split_finds(case):
    # Big groups are searched in blocks of splits; tiny blocks here exercise the same path.
    n, edges = case
    graph = _signed(*((u, v, s) for (u, v), s in edges.items()))
    graph.add_nodes_from(range(n))
    side, frustration = _exact_split(n, [(u, v, s) for (u, v), s in edges.items()], block_bits=2)
    assert frustration == _brute_force(graph)
    assert sum((side[u] != side[v]) == (s > 0) for (u, v), s in edges.items()) == frustration


def test_balance_refuses_graphs_that_are_not_simple_signed_graphs():
    with pytest.raises(TypeError, match="signed_graph"):
        signed_triads(nx.MultiDiGraph())
    with pytest.raises(ValueError, match="edge 'a'–'b' has no sign"):
        best_two_camps(nx.Graph([("a", "b")]))
    graph = _signed(("a", "b", 1))
    with pytest.raises(ValueError, match="in both camps: a"):
        frustrated_edges(graph, ["a"], ["a", "b"])
    with pytest.raises(ValueError, match="in neither camp.*: b"):
        frustrated_edges(graph, ["a"], [])
