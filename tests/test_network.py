"""Actor networks: co-mention, relations, signed graphs, roll-up, structural balance, export."""

from __future__ import annotations

import csv
import itertools
import json
import subprocess
import sys
import time

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import load_corpus
from helpers.corpus import Source
from helpers.network import (
    EVIDENCE_COLUMNS,
    MAX_EXACT_NODES,
    RELATION_COLUMNS,
    TRIAD_COLUMNS,
    _exact_split,
    balance_share,
    best_two_camps,
    check_relations,
    comention_graph,
    edge_evidence,
    enemy_of_my_enemy_breaks,
    export_graph,
    frustrated_edges,
    read_relations,
    relation_graph,
    roll_up,
    sentence_spans,
    signed_graph,
    signed_triads,
)
from helpers.tables import TableError

CORPUS = load_corpus()


# helpers ---------------------------------------------------------------------------------------


def _mentions(text: str, names: dict[str, str]) -> pd.DataFrame:
    """find_mentions-shaped table: every occurrence of each surface, sorted by start."""
    rows = []
    for surface, actor_id in names.items():
        start = text.find(surface)
        while start >= 0:
            rows.append((actor_id, actor_id.title(), surface, start, start + len(surface)))
            start = text.find(surface, start + 1)
    rows.sort(key=lambda r: r[3])
    return pd.DataFrame(rows, columns=["actor_id", "actor", "surface", "start", "end"])


def _relations(*rows) -> pd.DataFrame:
    """A relations table from (subject, relation, object, sign) tuples, one fake quote each."""
    return pd.DataFrame(
        [
            {"source_id": "s", "subject": s, "relation": r, "object": o, "sign": sign,
             "cameo_root": "", "when": "2016", "when_basis": "text", "start": 10 * i,
             "end": 10 * i + 5, "quote": f"q{i}", "note": "n"}
            for i, (s, r, o, sign) in enumerate(rows)
        ]
    )  # fmt: skip


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


# sentences -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Russia struck. The U.S. objected.", ["Russia struck.", "The U.S. objected."]),
        ("The U.S. President spoke. Russia too.", ["The U.S. President spoke.", "Russia too."]),
        ("Troops left the U.S. The talks ended.", ["Troops left the U.S.", "The talks ended."]),
        ("John F. Kennedy came. He left.", ["John F. Kennedy came.", "He left."]),
        ("Mr. Assad and Gen. Soleimani met.", ["Mr. Assad and Gen. Soleimani met."]),
        ("Why? Because ISIS. NATO said no!", ["Why?", "Because ISIS.", "NATO said no!"]),
        ("“We won.” Putin said.", ["“We won.”", "Putin said."]),
        ("It fell (as feared.) Then quiet.", ["It fell (as feared.)", "Then quiet."]),
        ("Headline without stop\nBody text.", ["Headline without stop", "Body text."]),
        ("A hard-wrapped line\ncontinues here.", ["A hard-wrapped line\ncontinues here."]),
        ("Score 3.5 points. 2016 was bad.", ["Score 3.5 points.", "2016 was bad."]),
        ("See No. 5 and e.g. this.", ["See No. 5 and e.g. this."]),
    ],
)
def test_sentence_splitter_handles_abbreviations_initials_quotes_and_line_breaks(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


@given(st.text(alphabet="ab AB.?!\n“”U.S", max_size=80))
def test_sentences_are_ordered_trimmed_and_cover_every_visible_character(text):
    spans = sentence_spans(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert text[start:end] == text[start:end].strip()
        covered.update(range(start, end))
        previous_end = end
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered


def test_sentence_spans_point_into_the_raw_seed_text():
    source = CORPUS["001"]
    spans = sentence_spans(source)
    sentence = "Now the battlefield has changed substantially over the past 10 months."
    start = source.text.index(sentence)
    assert (start, start + len(sentence)) in spans


# co-mention graph ------------------------------------------------------------------------------

TEXT = (
    "Russia and Iran met in Tehran. Russia struck Aleppo; Russia said so. "
    "Iran, Russia and the US disagreed.\nThe US left. Turkey watched."
)
NAMES = {"Russia": "russia", "Iran": "iran", "Tehran": "iran", "US": "usa", "Turkey": "turkey"}


def test_comention_weight_counts_sentences_not_mentions():
    graph = comention_graph(_mentions(TEXT, NAMES), TEXT)
    assert dict(graph.nodes(data="count")) == {"russia": 4, "iran": 3, "usa": 2, "turkey": 1}
    weights = {tuple(sorted(e)): w for *e, w in graph.edges(data="weight")}
    assert weights == {("iran", "russia"): 2, ("russia", "usa"): 1, ("iran", "usa"): 1}
    assert graph.nodes["turkey"]["name"] == "Turkey"  # named alone: a node without edges


def test_comention_evidence_spans_are_the_sentences():
    graph = comention_graph(_mentions(TEXT, NAMES), TEXT)
    quotes = [TEXT[s:e] for s, e in graph.edges["russia", "iran"]["evidence"]]
    assert quotes == ["Russia and Iran met in Tehran.", "Iran, Russia and the US disagreed."]


def test_comention_by_paragraph_joins_the_sentences_of_a_line():
    graph = comention_graph(_mentions(TEXT, NAMES), TEXT, unit="paragraph")
    assert graph.edges["russia", "usa"]["weight"] == 1
    assert graph.has_edge("usa", "turkey")


def test_comention_of_a_source_keeps_its_id_and_text_for_evidence():
    source = Source.from_text(TEXT, source_id="note")
    graph = comention_graph(_mentions(TEXT, NAMES), source)
    evidence = edge_evidence(graph, "iran", "usa")
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    assert evidence.loc[0, "source_id"] == "note"
    assert evidence.loc[0, "quote"] == "Iran, Russia and the US disagreed."
    assert evidence.loc[0, "relation"] == "co-mentioned" and pd.isna(evidence.loc[0, "sign"])


def test_mentions_from_another_text_are_refused():
    other = _mentions("Turkey and the US", NAMES)
    with pytest.raises(ValueError, match="mentions row 0.*another text"):
        comention_graph(other, TEXT)


def test_a_real_seed_gives_a_comention_graph_whose_evidence_is_verbatim():
    source = CORPUS["001"]
    graph = comention_graph(_mentions(source.text, {"Kerry": "kerry", "Russia": "russia"}), source)
    evidence = edge_evidence(graph, "kerry", "russia")
    assert len(evidence) == graph.edges["kerry", "russia"]["weight"] > 0
    for row in evidence.itertuples():
        assert source.text[row.start : row.end] == row.quote
        assert "Kerry" in row.quote and "Russia" in row.quote


# relations table -------------------------------------------------------------------------------


def _seed_row(**change) -> list:
    text = CORPUS["001"].text
    quote = "Washington even proposed establishing a Joint Implementation Group in Jordan"
    start = text.index(quote)
    row = {
        "source_id": "001", "subject": "usa", "relation": "proposes", "object": "russia",
        "sign": "0", "cameo_root": "03", "when": "2016-07/2016-07-21", "when_basis": "inferred",
        "start": start, "end": start + len(quote), "quote": quote,
        "note": "a joint group with Russia; month from the article date",
    }  # fmt: skip
    row.update(change)
    return [row[c] for c in RELATION_COLUMNS]


def _write(path, rows, header=RELATION_COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_read_relations_types_the_columns_and_resolves_source_prefixes(tmp_path):
    table = read_relations(_write(tmp_path / "r.csv", [_seed_row()]), corpus=CORPUS)
    assert list(table.columns) == RELATION_COLUMNS
    assert table.loc[0, "source_id"] == "001_d05eff7ba99ae3f9"
    assert table["sign"].dtype == int and table["start"].dtype == int
    assert table.loc[0, "quote"] == CORPUS["001"].text[table.loc[0, "start"] : table.loc[0, "end"]]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"relation": "likes"}, "column relation: 'likes' is not one of"),
        ({"sign": "+2"}, "column sign: '\\+2' is not one of"),
        ({"relation": "strikes", "sign": "+1"}, "column sign: \\+1 contradicts 'strikes'"),
        ({"relation": "supports", "sign": "-1"}, "column sign: -1 contradicts 'supports'"),
        ({"quote": "Washington proposed"}, "column quote: does not match"),
        ({"start": "x"}, "column start: 'x' is not a whole number"),
        ({"end": "999999"}, "column end: span .* is not inside"),
        ({"subject": "United States"}, "column subject: 'United States' is not an actor id"),
        ({"object": "usa"}, "column object: the same actor as the subject"),
        ({"source_id": "009"}, "column source_id: no source '009'"),
        ({"when": "July 2016"}, "column when: 'July 2016' is not an ISO date"),
        ({"when": "2016-13"}, "column when: '2016-13' is not an ISO date"),
        ({"when": "2016-07-21/2016-07-01"}, "column when: the interval .* ends before"),
        ({"when_basis": "guess"}, "column when_basis: 'guess' is not one of"),
        ({"when_basis": "unknown"}, "column when: '2016-07/2016-07-21' with when_basis unknown"),
        ({"cameo_root": "25"}, "column cameo_root: '25' is not a CAMEO event code"),
        ({"note": ""}, "column note: empty"),
    ],
)
def test_a_bad_relations_row_is_refused_naming_file_line_and_column(tmp_path, change, message):
    path = _write(
        tmp_path / "bad.csv", [_seed_row(), _seed_row(**{"relation": "negotiates", **change})]
    )
    with pytest.raises(TableError, match=f"bad.csv, line 3, {message}"):
        read_relations(path, corpus=CORPUS)


def test_unknown_actor_ids_are_refused_when_the_actors_are_given(tmp_path):
    path = _write(tmp_path / "r.csv", [_seed_row(object="rusia")])
    assert read_relations(path, corpus=CORPUS).loc[0, "object"] == "rusia"
    actors = pd.DataFrame({"actor_id": ["usa", "russia"], "name": ["United States", "Russia"]})
    with pytest.raises(TableError, match="r.csv, line 2, column object: 'rusia' is not a known"):
        read_relations(path, corpus=CORPUS, actor_ids=actors)


def test_line_numbers_count_a_quoted_line_break(tmp_path):
    text = CORPUS["001"].text
    start = text.index("Forgot Password")
    end = text.index("connect using") + len("connect using")
    assert "\n" in text[start:end]
    first = _seed_row(start=start, end=end, quote=text[start:end])
    path = _write(tmp_path / "r.csv", [first, _seed_row(sign="9")])
    with pytest.raises(TableError, match="r.csv, line 4, column sign"):
        read_relations(path, corpus=CORPUS)


def test_the_same_relation_and_span_twice_is_refused(tmp_path):
    path = _write(tmp_path / "r.csv", [_seed_row(), _seed_row()])
    with pytest.raises(TableError, match="line 3, column quote: the same relation and span as"):
        read_relations(path, corpus=CORPUS)


def test_wrong_columns_field_counts_and_encodings_are_refused(tmp_path):
    with pytest.raises(TableError, match="columns are"):
        read_relations(_write(tmp_path / "a.csv", [], header=RELATION_COLUMNS[:-1]), CORPUS)
    with pytest.raises(TableError, match="a.csv, line 2: 11 fields; expected 12"):
        read_relations(_write(tmp_path / "a.csv", [_seed_row()[:-1]]), CORPUS)
    (tmp_path / "b.csv").write_bytes(",".join(RELATION_COLUMNS).encode() + b"\n\xff\n")
    with pytest.raises(TableError, match="not UTF-8"):
        read_relations(tmp_path / "b.csv", CORPUS)


def test_check_relations_validates_a_students_table():
    frame = pd.DataFrame([_seed_row(sign="+1", relation="cooperates")], columns=RELATION_COLUMNS)
    assert check_relations(frame, CORPUS).loc[0, "sign"] == 1
    with pytest.raises(TableError, match="mine, line 2, column relation"):
        check_relations(frame.assign(relation="hugs"), CORPUS, where="mine")


# relation and signed graphs --------------------------------------------------------------------


def test_relation_graph_has_one_edge_per_row_keyed_by_row_index():
    rel = _relations(
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
        [_relations(("usa", "strikes", "nusra", -1)),
         _relations(("russia", "strikes", "nusra", -1)).assign(source_id="t")],
        ignore_index=True,
    )  # fmt: skip
    assert list(relation_graph(rel, source_id="t").edges(keys=True)) == [("russia", "nusra", 1)]
    with pytest.raises(ValueError, match="source_id 'x' matches none"):
        relation_graph(rel, source_id="x")


def test_signed_edge_sign_is_the_majority_of_signed_rows_and_neutral_rows_do_not_vote():
    rel = _relations(
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
    rel = _relations(
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
    rel = _relations(("usa", "strikes", "nusra", -1), ("russia", "strikes", "nusra", -1))
    a, b = signed_graph(rel), signed_graph(relation_graph(rel))
    assert nx.utils.edges_equal(a.edges(data=True), b.edges(data=True))


def test_edge_evidence_of_relation_and_signed_graphs_lists_rows_in_both_directions():
    rel = _relations(
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
    graph = comention_graph(_mentions(text, names), text)
    rolled = roll_up(graph, PARENTS, names={"usa": "United States"})
    assert sorted(rolled) == ["russia", "usa", "wilson-center"]  # Kofman acts for his institute
    assert rolled.nodes["wilson-center"]["name"] == "wilson-center"  # no name known: the id
    assert rolled.nodes["russia"]["members"] == ["lavrov", "putin", "russia"]
    assert rolled.nodes["russia"]["count"] == 4
    assert rolled.nodes["usa"]["name"] == "United States"
    assert rolled.edges["russia", "usa"]["weight"] == 2
    assert not any(u == v for u, v in rolled.edges)  # Putin–Lavrov became a self-loop: dropped


def test_roll_up_follows_the_whole_parent_chain_and_refuses_cycles():
    graph = relation_graph(_relations(("soleimani", "supports", "assad", 1)))
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

    rolled = roll_up(relation_graph(_relations(("putin", "strikes", "nusra", -1))), Gazetteer())
    assert sorted(rolled) == ["nusra", "russia"] and rolled.nodes["russia"]["name"] == "Russia"


def test_roll_up_of_a_signed_graph_pools_rows_and_votes_again():
    rel = _relations(
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


def test_the_exact_search_at_its_limit_takes_seconds_at_most():
    graph = nx.Graph()
    for u, v in itertools.combinations(range(MAX_EXACT_NODES), 2):
        if v - u in (1, 3, 7, 12):
            graph.add_edge(u, v, sign=1 if (u * v) % 3 else -1)
    assert nx.is_connected(graph) and len(graph) == MAX_EXACT_NODES
    began = time.perf_counter()
    camp_a, camp_b, frustration = best_two_camps(graph)
    assert time.perf_counter() - began < 10
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


# export ----------------------------------------------------------------------------------------


def _graphs() -> dict[str, nx.Graph]:
    rel = _relations(("usa", "criticizes", "russia", -1), ("russia", "accuses", "usa", -1),
                     ("usa", "negotiates", "russia", 0), ("usa", "supports", "fsa", 1))  # fmt: skip
    comention = comention_graph(_mentions(TEXT, NAMES), Source.from_text(TEXT, source_id="t"))
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


# layering --------------------------------------------------------------------------------------


def test_the_network_layer_imports_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys, helpers.network; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'ipywidgets')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
