"""Network figures: a fixed layout, signs readable without colour, labels that do not collide."""

from __future__ import annotations

import itertools
import sys

import networkx as nx
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection

from helpers.network import comention_graph, relation_graph, signed_graph
from helpers.plotting import (
    SIGN_COLOURS,
    SIGN_LABELS,
    figure_output,
    network_figure,
    network_layout,
    networks_side_by_side,
)


def _signed() -> nx.Graph:
    rel = pd.DataFrame(
        [("usa", "strikes", "islamic-state", -1), ("russia", "strikes", "islamic-state", -1),
         ("usa", "criticizes", "russia", -1), ("russia", "supports", "syria", 1),
         ("iran", "supports", "syria", 1), ("usa", "supports", "fsa", 1),
         ("syria", "fights", "fsa", -1), ("usa", "negotiates", "turkey", 0),
         ("usa", "criticizes", "russia", -1)],
        columns=["subject", "relation", "object", "sign"],
    ).assign(source_id="s", start=0, end=1, quote=".")  # fmt: skip
    return signed_graph(rel, names={"usa": "United States", "islamic-state": "Islamic State"})


def _lines(fig, label: str) -> list[LineCollection]:
    return [
        c
        for c in fig.axes[0].collections
        if isinstance(c, LineCollection) and c.get_label() == label
    ]


def _labels(ax) -> list[str]:
    return sorted(t.get_text() for t in ax.texts)


def test_negative_edges_are_dashed_positive_solid_and_zero_dotted():
    fig = network_figure(_signed(), signed=True)
    (negative,) = _lines(fig, SIGN_LABELS[-1])
    (positive,) = _lines(fig, SIGN_LABELS[1])
    (zero,) = _lines(fig, SIGN_LABELS[0])
    assert len(negative.get_segments()) == 4 and len(positive.get_segments()) == 3
    assert len(zero.get_segments()) == 1
    assert negative.get_linestyle()[0][1] is not None  # a dash pattern
    assert positive.get_linestyle()[0][1] is None  # solid
    dots, dashes = zero.get_linestyle()[0][1], negative.get_linestyle()[0][1]
    assert dots is not None and dots[0] < dashes[0]  # dots are shorter than dashes
    assert tuple(negative.get_edgecolor()[0][:3]) != tuple(positive.get_edgecolor()[0][:3])


def test_the_legend_names_every_line_style():
    fig = network_figure(_signed(), signed=True)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert all(SIGN_LABELS[s] in texts for s in SIGN_COLOURS)
    assert "line width: 1 statement" in texts and "line width: 2 statements" in texts


def test_heavier_edges_are_drawn_wider():
    fig = network_figure(_signed(), signed=True)
    (negative,) = _lines(fig, SIGN_LABELS[-1])
    widths = dict(zip(map(lambda s: tuple(map(tuple, s)), negative.get_segments()),
                      negative.get_linewidths(), strict=True))  # fmt: skip
    assert max(widths.values()) > min(widths.values())


def test_every_node_is_labelled_by_its_name():
    fig = network_figure(_signed(), signed=True)
    assert _labels(fig.axes[0]) == sorted(
        ["United States", "Islamic State", "russia", "syria", "iran", "fsa", "turkey"]
    )


def test_labels_do_not_overlap_each_other():
    graph = nx.Graph(kind="signed")
    hub = "Hub actor"
    for i in range(14):
        graph.add_edge(hub, f"Actor number {i}", sign=1 if i % 2 else -1)
    graph.add_edges_from((f"Actor number {i}", f"Actor number {i + 1}") for i in range(0, 13, 2))
    nx.set_edge_attributes(graph, {e: graph.edges[e].get("sign", 1) for e in graph.edges}, "sign")
    fig = network_figure(graph, signed=True)
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in fig.axes[0].texts]
    assert len(boxes) == 15
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


def test_above_the_label_limit_only_the_biggest_are_labelled_and_the_caption_says_so():
    graph = nx.star_graph(30)
    nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph}, copy=False)
    fig = network_figure(graph, max_labels=10)
    labels = _labels(fig.axes[0])
    assert len(labels) == 10 and "n00" in labels  # the hub first
    assert "Labels on the 10 actors with most ties of 31" in fig.axes[0].get_xlabel()


def test_node_area_follows_the_mention_count():
    text = "Russia and Iran. Russia and Iran. Russia."
    m = pd.DataFrame({"actor_id": ["russia", "iran", "russia", "iran", "russia"],
                      "start": [0, 11, 17, 28, 34], "end": [6, 15, 23, 32, 40]})  # fmt: skip
    fig = network_figure(comention_graph(m, text))
    (nodes,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    sizes = dict(zip(["iran", "russia"], nodes.get_sizes(), strict=True))
    assert sizes["russia"] > sizes["iran"]
    assert "Circle area: mentions." in fig.axes[0].get_xlabel()


def test_the_same_graph_and_seed_give_the_same_png_bytes():
    def draw():
        return figure_output(network_figure(_signed(), signed=True, title="T"), alt="A network.")

    assert draw().png == draw().png
    graphs = {"A": _signed(), "B": nx.Graph([("usa", "iran")])}
    assert (
        figure_output(networks_side_by_side(graphs), alt="x").png
        == figure_output(networks_side_by_side(graphs), alt="x").png
    )


def test_given_positions_are_used_and_must_cover_every_node():
    graph = _signed()
    positions = {n: (i, i % 3) for i, n in enumerate(sorted(graph))}
    fig = network_figure(graph, signed=True, positions=positions)
    (nodes,) = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert sorted(map(tuple, nodes.get_offsets().tolist())) == sorted(
        (float(x), float(y)) for x, y in positions.values()
    )
    with pytest.raises(ValueError, match="positions lack 1 node"):
        network_figure(graph, positions={n: p for n, p in positions.items() if n != "fsa"})


def test_side_by_side_has_one_titled_panel_per_graph_and_shared_positions():
    a, b, c = _signed(), nx.Graph([("usa", "iran"), ("iran", "syria")]), nx.Graph()
    c.add_node("usa")
    fig = networks_side_by_side({"Rudaw": a, "MEE": b, "Aggregator": c, "Fourth": b})
    assert len(fig.axes) == 4
    assert [ax.get_title().splitlines()[0] for ax in fig.axes] == [
        "Rudaw", "MEE", "Aggregator", "Fourth",
    ]  # fmt: skip
    assert fig.axes[2].get_title().splitlines()[1] == "1 actor, 0 ties"

    def position(ax, name):
        (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
        order = sorted(n for n in {0: a, 1: b, 2: c, 3: b}[fig.axes.index(ax)])
        return tuple(nodes.get_offsets()[order.index(name)])

    assert (
        position(fig.axes[0], "usa") == position(fig.axes[1], "usa") == position(fig.axes[2], "usa")
    )
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()


def test_a_relation_multigraph_is_drawn_as_its_collapse():
    rel = pd.DataFrame(
        {"source_id": "s", "subject": ["usa", "russia", "usa"], "object": ["russia", "usa", "fsa"],
         "relation": ["criticizes", "accuses", "supports"], "sign": [-1, -1, 1],
         "start": 0, "end": 1, "quote": "."}
    )  # fmt: skip
    fig = network_figure(relation_graph(rel), signed=True)
    (negative,) = _lines(fig, SIGN_LABELS[-1])
    assert len(negative.get_segments()) == 1


def test_layout_is_fixed_by_the_seed_and_puts_lone_actors_below():
    graph = nx.Graph([("a", "b"), ("b", "c")])
    graph.add_node("z")
    first, again = network_layout(graph, seed=3), network_layout(graph, seed=3)
    assert first == again and set(first) == {"a", "b", "c", "z"}
    assert first["z"][1] < min(first[n][1] for n in "abc")


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="no actors"):
        network_figure(nx.Graph())
    with pytest.raises(ValueError, match="edge 'a'–'b' has sign None"):
        network_figure(nx.Graph([("a", "b")]), signed=True)
    with pytest.raises(ValueError, match="dict of at least one"):
        networks_side_by_side({})


def test_network_figures_are_made_without_pyplot():
    network_figure(_signed(), signed=True)
    pyplot = sys.modules.get("matplotlib.pyplot")
    assert pyplot is None or not pyplot.get_fignums()
