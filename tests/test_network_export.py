"""helpers.network.export: writing graphs for Gephi (GEXF, GraphML)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from network_examples import NAMES, TEXT, mentions_table, relations_table

from helpers import load_corpus
from helpers.corpus import Source
from helpers.network import (
    comention_graph,
    export_graph,
    relation_graph,
    roll_up,
    signed_graph,
)

CORPUS = load_corpus()


# export ----------------------------------------------------------------------------------------


def _graphs() -> dict[str, nx.Graph]:
    rel = relations_table(("usa", "criticizes", "russia", -1), ("russia", "accuses", "usa", -1),
                     ("usa", "negotiates", "russia", 0), ("usa", "supports", "fsa", 1))  # fmt: skip
    comention = comention_graph(mentions_table(TEXT, NAMES), Source.from_text(TEXT, source_id="t"))
    return {
        "comention": comention,
        "relations": relation_graph(rel),
        "signed": signed_graph(rel),
        "rolled": roll_up(comention, {"iran": "russia"}),
    }


@pytest.mark.parametrize("suffix, read", [(".gexf", nx.read_gexf), (".graphml", nx.read_graphml)])
@pytest.mark.parametrize("kind", ["comention", "relations", "signed", "rolled"])
def test_export_round_trips_through_networkx_readers(tmp_path, suffix, read, kind):
    graph = _graphs()[kind]
    path = export_graph(graph, tmp_path / f"{kind}{suffix}")
    back = read(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["name"] == data["name"]
    u, v, *_ = next(iter(graph.edges))
    stored = back.get_edge_data(u, v) or back.get_edge_data(v, u)
    if graph.is_multigraph():
        stored = next(iter(stored.values()))
    if kind in ("comention", "rolled"):
        assert json.loads(stored["evidence"]) == [list(s) for s in graph.edges[u, v]["evidence"]]
    elif kind == "signed":
        assert json.loads(stored["rows"]) == graph.edges[u, v]["rows"]
    else:
        assert stored["span_start"] == graph.get_edge_data(u, v)[0]["start"]


def test_export_of_a_bare_name_goes_to_the_work_folder(tmp_path):
    path = export_graph(_graphs()["signed"], "signed.gexf")
    assert path == (tmp_path / "work" / "networks" / "signed.gexf").resolve()
    assert nx.read_gexf(path).nodes["usa"]["label"] == "usa"


def test_export_of_mixed_types_is_readable(tmp_path):
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1, note=None, tag={"x": 1})
    graph.add_edge("b", "c", weight=2.5, note="n", tag="plain")
    back = nx.read_graphml(export_graph(graph, tmp_path / "m.graphml"))
    assert back.edges["a", "b"]["weight"] == 1.0 and "note" not in back.edges["a", "b"]
    assert back.edges["a", "b"]["tag"] == '{"x": 1}'


def test_export_refuses_other_formats_and_the_course_folders(root):
    with pytest.raises(ValueError, match="name the file .gexf .* or .graphml"):
        export_graph(nx.Graph(), "graph.png")
    for folder in ("data", "seeds", "notebooks"):
        with pytest.raises(ValueError, match=f"never writes into {folder}/"):
            export_graph(nx.Graph(), root / folder / "graph.gexf")
    assert not (root / "data" / "graph.gexf").exists()
