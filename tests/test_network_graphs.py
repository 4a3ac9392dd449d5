"""helpers.network.graphs: co-mention, relation and signed graphs, roll-up, evidence."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from network_examples import NAMES, TEXT, mentions_table, relations_table

from helpers import load_corpus
from helpers.corpus import Source
from helpers.network import (
    EVIDENCE_COLUMNS,
    comention_graph,
    edge_evidence,
    relation_graph,
    roll_up,
    signed_graph,
)

CORPUS = load_corpus()


# co-mention graph ------------------------------------------------------------------------------


def test_comention_weight_counts_sentences_not_mentions():
    graph = comention_graph(mentions_table(TEXT, NAMES), TEXT)
    assert dict(graph.nodes(data="count")) == {"russia": 4, "iran": 3, "usa": 2, "turkey": 1}
    weights = {tuple(sorted(e)): w for *e, w in graph.edges(data="weight")}
    assert weights == {("iran", "russia"): 2, ("russia", "usa"): 1, ("iran", "usa"): 1}
    assert graph.nodes["turkey"]["name"] == "Turkey"  # named alone: a node without edges


def test_comention_evidence_spans_are_the_sentences():
    graph = comention_graph(mentions_table(TEXT, NAMES), TEXT)
    quotes = [TEXT[s:e] for s, e in graph.edges["russia", "iran"]["evidence"]]
    assert quotes == ["Russia and Iran met in Tehran.", "Iran, Russia and the US disagreed."]


def test_comention_by_paragraph_joins_the_sentences_of_a_line():
    graph = comention_graph(mentions_table(TEXT, NAMES), TEXT, unit="paragraph")
    assert graph.edges["russia", "usa"]["weight"] == 1
    assert graph.has_edge("usa", "turkey")


def test_comention_of_a_source_keeps_its_id_and_text_for_evidence():
    source = Source.from_text(TEXT, source_id="note")
    graph = comention_graph(mentions_table(TEXT, NAMES), source)
    evidence = edge_evidence(graph, "iran", "usa")
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    assert evidence.loc[0, "source_id"] == "note"
    assert evidence.loc[0, "quote"] == "Iran, Russia and the US disagreed."
    assert evidence.loc[0, "relation"] == "co-mentioned" and pd.isna(evidence.loc[0, "sign"])


def test_mentions_from_another_text_are_refused():
    other = mentions_table("Turkey and the US", NAMES)
    with pytest.raises(ValueError, match="mentions row 0.*another text"):
        comention_graph(other, TEXT)


def test_a_real_seed_gives_a_comention_graph_whose_evidence_is_verbatim():
    source = CORPUS["001"]
    graph = comention_graph(
        mentions_table(source.text, {"Kerry": "kerry", "Russia": "russia"}), source
    )
    evidence = edge_evidence(graph, "kerry", "russia")
    assert len(evidence) == graph.edges["kerry", "russia"]["weight"] > 0
    for row in evidence.itertuples():
        assert source.text[row.start : row.end] == row.quote
        assert "Kerry" in row.quote and "Russia" in row.quote


# relation and signed graphs --------------------------------------------------------------------


def test_relation_graph_has_one_edge_per_row_keyed_by_row_index():
    rel = relations_table(
        ("usa", "strikes", "islamic-state", -1),
        ("russia", "strikes", "islamic-state", -1),
        ("usa", "negotiates", "russia", 0),
        ("russia", "negotiates", "usa", 0),
    )
    graph = relation_graph(rel, names={"usa": "United States"})
    assert sorted(graph.edges(keys=True)) == [
        ("russia", "islamic-state", 1),
        ("russia", "usa", 3),
        ("usa", "islamic-state", 0),
        ("usa", "russia", 2),
    ]
    edge = graph.edges["usa", "russia", 2]
    assert {k: edge[k] for k in ("relation", "sign", "quote", "start")} == {
        "relation": "negotiates", "sign": 0, "quote": "q2", "start": 20,
    }  # fmt: skip
    assert graph.nodes["usa"]["name"] == "United States" and graph.nodes["usa"]["count"] == 3


def test_relation_graph_of_one_source_keeps_the_original_row_indices():
    rel = pd.concat(
        [relations_table(("usa", "strikes", "nusra", -1)),
         relations_table(("russia", "strikes", "nusra", -1)).assign(source_id="t")],
        ignore_index=True,
    )  # fmt: skip
    assert list(relation_graph(rel, source_id="t").edges(keys=True)) == [("russia", "nusra", 1)]
    with pytest.raises(ValueError, match="source_id 'x' matches none"):
        relation_graph(rel, source_id="x")


def test_signed_edge_sign_is_the_majority_of_signed_rows_and_neutral_rows_do_not_vote():
    rel = relations_table(
        ("usa", "criticizes", "russia", -1),
        ("russia", "accuses", "usa", -1),
        ("usa", "cooperates", "russia", 1),
        ("usa", "negotiates", "russia", 0),
        ("usa", "negotiates", "russia", 0),
        ("usa", "negotiates", "russia", 0),
    )
    edge = signed_graph(rel).edges["usa", "russia"]
    assert (edge["sign"], edge["weight"], edge["mixed"]) == (-1, 6, True)
    assert (edge["positive"], edge["negative"], edge["neutral"]) == (1, 2, 3)
    assert edge["rows"] == [0, 1, 2, 3, 4, 5]


def test_a_tie_or_only_neutral_rows_give_sign_zero_which_can_be_dropped():
    rel = relations_table(
        ("usa", "supports", "turkey", 1),
        ("usa", "criticizes", "turkey", -1),
        ("usa", "mediates", "jordan", 0),
    )
    kept = signed_graph(rel)
    assert kept.edges["usa", "turkey"]["sign"] == 0 and kept.edges["usa", "turkey"]["mixed"]
    assert kept.edges["usa", "jordan"]["sign"] == 0 and not kept.edges["usa", "jordan"]["mixed"]
    dropped = signed_graph(rel, zero="drop")
    assert dropped.number_of_edges() == 0 and set(dropped) == {"usa", "turkey", "jordan"}


def test_signed_graph_from_a_relation_graph_equals_the_one_from_the_table():
    rel = relations_table(("usa", "strikes", "nusra", -1), ("russia", "strikes", "nusra", -1))
    a, b = signed_graph(rel), signed_graph(relation_graph(rel))
    assert nx.utils.edges_equal(a.edges(data=True), b.edges(data=True))


def test_edge_evidence_of_relation_and_signed_graphs_lists_rows_in_both_directions():
    rel = relations_table(
        ("usa", "criticizes", "russia", -1),
        ("russia", "accuses", "usa", -1),
        ("usa", "strikes", "nusra", -1),
    )
    for graph in (relation_graph(rel), signed_graph(rel)):
        evidence = edge_evidence(graph, "russia", "usa")
        assert evidence["row"].tolist() == [0, 1]
        assert evidence["subject"].tolist() == ["usa", "russia"]
        assert evidence["quote"].tolist() == ["q0", "q1"]
    with pytest.raises(ValueError, match="no edge between 'russia' and 'nusra'; 'russia' is"):
        edge_evidence(relation_graph(rel), "russia", "nusra")
    with pytest.raises(ValueError, match="no actor 'iran'"):
        edge_evidence(signed_graph(rel), "iran", "usa")


# roll-up ---------------------------------------------------------------------------------------

PARENTS = {
    "putin": "russia",
    "lavrov": "russia",
    "obama": "usa",
    "soleimani": "quds-force",
    "quds-force": "irgc",
    "kofman": "wilson-center",
    "russia": "",
}


def test_roll_up_merges_people_into_their_state_and_counts_each_sentence_once():
    text = "Putin and Obama met. Russia and Obama argued. Putin and Lavrov agreed. Kofman spoke."
    names = {n: n.lower() for n in ("Putin", "Obama", "Russia", "Lavrov", "Kofman")}
    graph = comention_graph(mentions_table(text, names), text)
    rolled = roll_up(graph, PARENTS, names={"usa": "United States"})
    assert sorted(rolled) == ["russia", "usa", "wilson-center"]  # Kofman acts for his institute
    assert rolled.nodes["wilson-center"]["name"] == "wilson-center"  # no name known: the id
    assert rolled.nodes["russia"]["members"] == ["lavrov", "putin", "russia"]
    assert rolled.nodes["russia"]["count"] == 4
    assert rolled.nodes["usa"]["name"] == "United States"
    assert rolled.edges["russia", "usa"]["weight"] == 2
    assert not any(u == v for u, v in rolled.edges)  # Putin–Lavrov became a self-loop: dropped


def test_roll_up_follows_the_whole_parent_chain_and_refuses_cycles():
    graph = relation_graph(relations_table(("soleimani", "supports", "assad", 1)))
    parents = pd.DataFrame(
        {"actor_id": ["soleimani", "quds-force", "irgc", "assad"],
         "name": ["Qasem Soleimani", "Quds Force", "IRGC", "Bashar al-Assad"],
         "parent": ["quds-force", "irgc", "", "syria"]}
    )  # fmt: skip
    rolled = roll_up(graph, parents)
    assert list(rolled.edges(keys=True)) == [("irgc", "syria", 0)]
    assert rolled.nodes["irgc"]["name"] == "IRGC"
    assert rolled.edges["irgc", "syria", 0]["subject"] == "soleimani"
    with pytest.raises(ValueError, match="cycle soleimani -> a -> soleimani"):
        roll_up(graph, {"soleimani": "a", "a": "soleimani"})


def test_roll_up_accepts_a_gazetteer_like_object():
    class Gazetteer:
        table = pd.DataFrame({"actor_id": ["russia"], "name": ["Russia"], "parent": [""]})

        def parent_of(self, actor_id):
            return {"putin": "russia"}.get(actor_id)

    rolled = roll_up(
        relation_graph(relations_table(("putin", "strikes", "nusra", -1))), Gazetteer()
    )
    assert sorted(rolled) == ["nusra", "russia"] and rolled.nodes["russia"]["name"] == "Russia"


def test_roll_up_of_a_signed_graph_pools_rows_and_votes_again():
    rel = relations_table(
        ("putin", "criticizes", "obama", -1),
        ("russia", "cooperates", "usa", 1),
        ("lavrov", "cooperates", "obama", 1),
        ("putin", "supports", "lavrov", 1),
    )
    rolled = roll_up(signed_graph(rel), PARENTS)
    edge = rolled.edges["russia", "usa"]
    assert (edge["sign"], edge["rows"], edge["mixed"]) == (1, [0, 1, 2], True)
    assert rolled.number_of_edges() == 1
    assert edge_evidence(rolled, "usa", "russia")["subject"].tolist() == [
        "putin",
        "russia",
        "lavrov",
    ]


# layering --------------------------------------------------------------------------------------


def test_the_network_layer_imports_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys, helpers.network; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'ipywidgets')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
