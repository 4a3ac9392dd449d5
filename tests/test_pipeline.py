"""The corpus pipeline: the same results as the per-document functions, streamed in chunks."""

import pandas as pd
import pytest

from helpers import find_mentions, load_corpus, reliability_signals, segment
from helpers.corpus import Source
from helpers.labels import find_labels
from helpers.perspectives import voices
from helpers.pipeline import (
    STEPS,
    empty_tables,
    pipeline_chunks,
    read_partition,
    run_pipeline,
)


@pytest.fixture(scope="module")
def seeds():
    return load_corpus()


@pytest.fixture(scope="module")
def seed_tables(seeds):
    return run_pipeline(seeds)


def _tagged(frame, source_id):
    frame = frame.copy()
    frame.insert(0, "source_id", source_id)
    return frame


def test_every_step_gives_what_the_lesson_functions_give_source_by_source(seeds, seed_tables):
    mentions = pd.concat([_tagged(find_mentions(s), s.id) for s in seeds], ignore_index=True)
    labels = pd.concat([_tagged(find_labels(s), s.id) for s in seeds], ignore_index=True)
    parts = pd.concat(
        [_tagged(segment(s).drop(columns="text"), s.id) for s in seeds], ignore_index=True
    )
    pd.testing.assert_frame_equal(seed_tables["mentions"], mentions)
    pd.testing.assert_frame_equal(seed_tables["labels"], labels)
    pd.testing.assert_frame_equal(seed_tables["parts"], parts)
    pd.testing.assert_frame_equal(seed_tables["voices"], voices(list(seeds)))
    signals = seed_tables["signals"].set_index("source_id")
    for s in seeds:
        assert signals.loc[s.id].to_dict() == reliability_signals(s).summary()


def test_documents_carry_metadata_and_sizes(seeds, seed_tables):
    docs = seed_tables["documents"].set_index("source_id")
    assert list(docs.index) == seeds.ids
    assert docs.loc[seeds.ids[1], "outlet"] == "Rudaw English"
    assert docs.loc[seeds.ids[0], "chars"] == len(seeds[0].text)
    assert docs.loc[seeds.ids[0], "words"] == len(seeds[0].text.split())


def test_chunks_concatenate_to_the_whole_and_report_progress(seeds, seed_tables):
    calls = []
    chunks = list(pipeline_chunks(seeds, chunk_size=2, progress=lambda d, t: calls.append((d, t))))
    assert [len(c["documents"]) for c in chunks] == [2, 2, 1]
    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]
    for name in ("mentions", "voices", "labels"):
        joined = pd.concat([c[name] for c in chunks], ignore_index=True)
        pd.testing.assert_frame_equal(joined, seed_tables[name])


def test_chunks_are_read_lazily_so_a_stream_is_never_held_whole():
    read = []

    def stream():
        for n in range(10):
            read.append(n)
            yield Source.from_text(f"Putin spoke {n}.", source_id=f"d{n}")

    chunks = pipeline_chunks(stream(), steps=["mentions"], chunk_size=3)
    first = next(chunks)
    assert len(first["documents"]) == 3
    assert read == [0, 1, 2]


def test_partitions_of_plain_records_add_up_to_the_single_run(seeds, seed_tables):
    records = [(s.id, s.text, dict(s.metadata)) for s in seeds]
    parts = [read_partition(records[:2]), read_partition(records[2:])]
    for name in ("mentions", "labels"):
        joined = pd.concat([p[name] for p in parts], ignore_index=True)
        pd.testing.assert_frame_equal(joined, seed_tables[name])
    assert pd.concat([p["documents"] for p in parts])["outlet"].tolist() == [
        s.metadata["outlet"] for s in seeds
    ]


def test_steps_can_be_chosen_and_unknown_ones_are_named(seeds):
    tables = run_pipeline(seeds, steps=["mentions"])
    assert sorted(tables) == ["documents", "mentions"]
    with pytest.raises(ValueError, match="unknown step.*quotes.*the steps are parts"):
        run_pipeline(seeds, steps=["quotes"])


def test_an_item_that_is_not_a_source_is_named_by_position(seeds):
    with pytest.raises(TypeError, match="document 3: expected a Source, got str"):
        run_pipeline([seeds[0], seeds[1], "plain text"])


def test_an_empty_corpus_gives_empty_tables_with_their_columns():
    tables = run_pipeline([])
    assert sorted(tables) == sorted(["documents", *STEPS])
    assert all(len(t) == 0 for t in tables.values())
    assert list(tables["mentions"].columns[:2]) == ["source_id", "actor_id"]
    assert "speaker" in tables["voices"].columns
    assert list(empty_tables(["labels"])) == ["documents", "labels"]


def test_a_chunk_size_must_be_a_positive_whole_number(seeds):
    with pytest.raises(ValueError, match="chunk_size"):
        list(pipeline_chunks(seeds, chunk_size=0))


def test_a_pool_of_processes_gives_the_same_tables_in_the_same_order(seeds, seed_tables):
    calls = []
    pooled = run_pipeline(
        seeds, workers=2, chunk_size=2, progress=lambda d, t: calls.append((d, t))
    )
    for name, table in seed_tables.items():
        pd.testing.assert_frame_equal(pooled[name], table)
    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_a_pool_refuses_a_gazetteer_it_cannot_share_and_says_what_to_do(seeds):
    from helpers.actors import read_gazetteer

    with pytest.raises(ValueError, match="use workers=1 without a cluster for your own"):
        run_pipeline(seeds, gazetteer=read_gazetteer(), workers=2)
    with pytest.raises(ValueError, match="workers"):
        run_pipeline(seeds, workers=0)


def test_the_metadata_table_is_page_metadata_document_by_document(seeds, seed_tables):
    from helpers.metadata import page_metadata

    expected = pd.concat([_tagged(page_metadata(s), s.id) for s in seeds], ignore_index=True)
    pd.testing.assert_frame_equal(seed_tables["metadata"], expected)
