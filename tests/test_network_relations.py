"""helpers.network.relations: reading and checking the relations table."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.network import (
    RELATION_COLUMNS,
    REQUIRED_RELATION_COLUMNS,
    check_relations,
    read_relations,
    relation_graph,
    signed_graph,
)
from helpers.tables import TableError

CORPUS = load_corpus()


# relations table -------------------------------------------------------------------------------


def _seed_row(**change) -> list:
    text = CORPUS["001"].text
    quote = "Washington even proposed establishing a Joint Implementation Group in Jordan"
    start = text.index(quote)
    row = {
        "source_id": "001", "subject": "usa", "relation": "proposes", "object": "russia",
        "sign": "0", "cameo_root": "03", "when": "2016-07/2016-07-21", "when_basis": "inferred",
        "start": start, "end": start + len(quote), "quote": quote,
        "note": "a joint group with Russia; month from the article date", "status": "stated",
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
        ({"status": "wrong"}, "column status: 'wrong' is not one of stated, source-error"),
        ({"status": "source-error"}, "column note: a source-error row must say"),
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
    with pytest.raises(TableError, match="missing columns: note"):
        read_relations(_write(tmp_path / "a.csv", [], header=RELATION_COLUMNS[:-2]), CORPUS)
    with pytest.raises(TableError, match="a.csv, line 2: 12 fields; expected 13"):
        read_relations(_write(tmp_path / "a.csv", [_seed_row()[:-1]]), CORPUS)
    (tmp_path / "b.csv").write_bytes(",".join(RELATION_COLUMNS).encode() + b"\n\xff\n")
    with pytest.raises(TableError, match="not UTF-8"):
        read_relations(tmp_path / "b.csv", CORPUS)


def test_check_relations_validates_a_students_table():
    frame = pd.DataFrame([_seed_row(sign="+1", relation="cooperates")], columns=RELATION_COLUMNS)
    assert check_relations(frame, CORPUS).loc[0, "sign"] == 1
    with pytest.raises(TableError, match="mine, line 2, column relation"):
        check_relations(frame.assign(relation="hugs"), CORPUS, where="mine")


def test_a_table_without_a_status_column_reads_every_row_as_stated(tmp_path):
    path = _write(tmp_path / "r.csv", [_seed_row()[:-1]], header=REQUIRED_RELATION_COLUMNS)
    table = read_relations(path, corpus=CORPUS)
    assert list(table.columns) == RELATION_COLUMNS
    assert table.loc[0, "status"] == "stated"
    frame = pd.DataFrame([_seed_row()], columns=RELATION_COLUMNS).drop(columns="status")
    assert check_relations(frame, CORPUS).loc[0, "status"] == "stated"


def test_a_source_error_stays_in_the_table_and_out_of_the_graphs_unless_asked_for(tmp_path):
    error = _seed_row(relation="opposes", sign="-1", object="jordan",
                      note="Source error: made up for the test; outside knowledge says otherwise",
                      status="source-error")  # fmt: skip
    table = read_relations(_write(tmp_path / "r.csv", [_seed_row(), error]), corpus=CORPUS)
    assert table["status"].tolist() == ["stated", "source-error"]
    graph = relation_graph(table)
    assert not graph.has_edge("usa", "jordan") and graph.graph["left_out"] == [1]
    assert signed_graph(table).graph["left_out"] == [1]
    assert "jordan" not in signed_graph(table)
    kept = signed_graph(table, include_source_errors=True)
    assert kept.edges["usa", "jordan"]["sign"] == -1 and kept.graph["left_out"] == []
