"""The pipeline on Dask: the one-process run's tables, on a local cluster or a given address."""

import pandas as pd
import psutil
import pytest

from helpers.fakes import fakes_sources, load_fakes
from helpers.pipeline import dask_client, pipeline_chunks, run_pipeline

pytestmark = pytest.mark.slow

ARTICLES = 60  # a slice of FA-KES, cut into several partitions of 16


def children() -> set[int]:
    """This process's children, less multiprocessing's resource tracker (it lives as long)."""
    return {
        p.pid
        for p in psutil.Process().children(recursive=True)
        if "resource_tracker" not in " ".join(p.cmdline())
    }


@pytest.fixture(scope="module")
def articles():
    return list(fakes_sources(load_fakes()))[:ARTICLES]


@pytest.fixture(scope="module")
def one_process(articles):
    return run_pipeline(articles)


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as client:
        yield client


def test_a_local_cluster_gives_every_table_equal_to_the_one_process_run(articles, one_process):
    before = children()
    calls = []
    on_dask = run_pipeline(
        articles, cluster="local", workers=2, chunk_size=16, progress=lambda d, t: calls.append(d)
    )
    assert sorted(on_dask) == sorted(one_process)
    for name, table in one_process.items():
        pd.testing.assert_frame_equal(on_dask[name], table, obj=name)
    assert calls == [0, 16, 32, 48, 60]
    left = children() - before
    assert not left, "the cluster started for the run is stopped with it"


def test_a_cluster_given_by_its_address_gives_the_same_tables(client, articles, one_process):
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    on_dask = run_pipeline(articles, cluster=address, chunk_size=7)
    for name, table in one_process.items():
        pd.testing.assert_frame_equal(on_dask[name], table, obj=name)
    assert client.status == "running", "a cluster reached by address is left running"


def test_chunks_stream_from_a_client_in_input_order(client, articles, one_process):
    chunks = list(pipeline_chunks(articles, steps=["mentions"], chunk_size=25, cluster=client))
    assert [len(c["documents"]) for c in chunks] == [25, 25, 10]
    joined = pd.concat([c["mentions"] for c in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(joined, one_process["mentions"])


def test_an_unreachable_address_is_named_with_what_to_do():
    with pytest.raises(OSError, match=r"reach a Dask scheduler at 'tcp://127.0.0.1:9'.*'local'"):
        dask_client("tcp://127.0.0.1:9", timeout=1)


def test_a_cluster_of_the_wrong_kind_is_refused(articles):
    with pytest.raises(TypeError, match="cluster: expected 'local', a scheduler's address"):
        run_pipeline(articles[:2], cluster=2)
