"""The course's reading pipeline over many documents at once, streamed.

For every document it runs the per-document steps the lessons teach one source at a time:

- ``parts``: :func:`helpers.segments.segment` (page parts, without their text);
- ``signals``: :func:`helpers.reliability.reliability_signals` (one row of counts);
- ``mentions``: :func:`helpers.actors.find_mentions`;
- ``voices``: :func:`helpers.perspectives.voices`;
- ``labels``: :func:`helpers.labels.find_labels`;
- ``metadata``: :func:`helpers.metadata.page_metadata` (title, author, date, outlet and
  address, one row per field, with basis and evidence span).

Documents go in as an iterable and tables come out, so memory grows with the *results*, never
with the text already read: :func:`pipeline_chunks` yields the tables of each chunk of
documents as soon as it is done, which is how a corpus larger than memory is read (reduce each
chunk, keep the reductions). :func:`run_pipeline` collects every chunk into one set of tables.

The same work maps over the partitions of a parallel engine: :func:`read_partition` takes plain
``(source_id, text, metadata)`` records, so a process pool, a Dask bag or a Spark RDD
(``rdd.mapPartitions``) can call it without sharing anything but text. Two engines are built in:

- **Dask** (``cluster=``): chunks become the partitions of a ``dask.bag``, read on a
  ``distributed`` cluster: a LocalCluster on this machine (``cluster="local"``, ``workers``
  processes, with a dashboard), any scheduler's address (``cluster="tcp://host:8786"``), or a
  client you already hold (:func:`dask_client`). The machines of a remote cluster need the
  course's ``helpers`` installed. Dask is imported only when asked for.
- **a local process pool** (``workers`` > 1 without ``cluster``): no cluster, nothing beyond
  the standard library, and forked workers that inherit the gazetteer already built, so it
  starts at once; the fallback where Dask is not installed, and the peer Dask is measured
  against in ``benchmarks/bench_pipeline.py``.

Both keep at most two partitions per worker in flight and hand chunks back in input order, so
the tables are equal to the one-process run's.

Every table carries ``source_id`` (and the document's metadata lives in ``documents``), so
results group by outlet, date or any other column with pandas.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any

import pandas as pd

from helpers.actors import Gazetteer, default_gazetteer, find_mentions
from helpers.corpus import Source
from helpers.labels import find_labels
from helpers.metadata import page_metadata
from helpers.perspectives import voices
from helpers.reliability import reliability_signals
from helpers.segments import parts_table, segment_parts

__all__ = [
    "CHUNK_SIZE",
    "dask_client",
    "empty_tables",
    "pipeline_chunks",
    "read_partition",
    "run_pipeline",
    "STEPS",
    "TABLES",
]

STEPS = ("parts", "signals", "mentions", "voices", "labels", "metadata")
TABLES = ("documents", *STEPS)
CHUNK_SIZE = 100

Progress = Callable[[int, int | None], object]


def _check_steps(steps: Iterable[str]) -> tuple[str, ...]:
    if isinstance(steps, str):
        steps = (steps,)
    steps = tuple(steps)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}; the steps are {', '.join(STEPS)}")
    return steps


def _with_source_id(frame: pd.DataFrame, source_id: str) -> pd.DataFrame:
    if "source_id" in frame.columns:
        return frame
    frame.insert(0, "source_id", source_id)
    return frame


def _document_row(source: Source) -> dict[str, Any]:
    row: dict[str, Any] = {"source_id": source.id}
    for key, value in source.metadata.items():
        row.setdefault(key, value)
    row["chars"] = len(source.text)
    row["words"] = len(source.text.split())
    return row


def _read_chunk(
    sources: list[Source],
    steps: tuple[str, ...],
    gazetteer: Gazetteer,
    lexicon: pd.DataFrame | None,
) -> dict[str, pd.DataFrame]:
    found: dict[str, list] = {name: [] for name in TABLES}
    for source in sources:
        found["documents"].append(_document_row(source))
        if "parts" in steps:
            found["parts"] += [(source.id, *part) for part in segment_parts(source)]
        if "signals" in steps:
            found["signals"].append(
                {"source_id": source.id, **reliability_signals(source).summary()}
            )
        if "mentions" in steps:
            found["mentions"].append(_with_source_id(find_mentions(source, gazetteer), source.id))
        if "labels" in steps:
            found["labels"].append(_with_source_id(find_labels(source, lexicon), source.id))
        if "metadata" in steps:
            found["metadata"].append(_with_source_id(page_metadata(source), source.id))
    if "voices" in steps:
        found["voices"].append(voices(sources, gazetteer))
    tables = {"documents": pd.DataFrame(found["documents"])}
    for name in steps:
        rows = found[name]
        if name == "signals":
            tables[name] = pd.DataFrame(rows)
        elif name == "parts":
            tables[name] = _parts_frame(rows)
        else:
            rows = [f for f in rows if len(f)]
            tables[name] = pd.concat(rows, ignore_index=True) if rows else _empty(name, lexicon)
    return tables


def _parts_frame(rows: list[tuple]) -> pd.DataFrame:
    """The page parts of many documents as one table, like segment's but without the text."""
    frame = parts_table([row[1:] for row in rows]).drop(columns="text")
    frame.insert(0, "source_id", pd.Series([row[0] for row in rows], dtype="str"))
    return frame


def _empty(name: str, lexicon: pd.DataFrame | None) -> pd.DataFrame:
    if name == "parts":
        return _parts_frame([])
    if name == "mentions":
        return _with_source_id(find_mentions(""), "").iloc[:0]
    if name == "labels":
        return _with_source_id(find_labels("", lexicon), "").iloc[:0]
    if name == "metadata":
        return _with_source_id(page_metadata(""), "").iloc[:0]
    return voices([])


def pipeline_chunks(
    sources: Iterable[Source],
    steps: Iterable[str] = STEPS,
    gazetteer: Gazetteer | None = None,
    labels: pd.DataFrame | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
    total: int | None = None,
    workers: int = 1,
    cluster: Any = None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """The pipeline's tables for each chunk of ``chunk_size`` documents, one chunk at a time.

    Reads ``sources`` lazily: only one chunk's documents are held at once (with ``workers`` > 1
    or a ``cluster``, at most two chunks per worker, read in parallel with the shipped gazetteer
    and lexicon; chunks still come out in input order). ``cluster`` runs the chunks on Dask:
    ``"local"`` (a LocalCluster of ``workers`` processes, closed at the end), a scheduler's
    address such as ``"tcp://10.0.0.5:8786"``, or a ``distributed.Client``; without it,
    ``workers`` > 1 uses a local process pool. ``progress`` is called as
    ``progress(done, total)`` after every chunk (``total`` defaults to ``len(sources)`` when it
    has one, else None).

    >>> chunks = pipeline_chunks([Source.from_text("Putin met Assad.", source_id="a")] * 3,
    ...                          steps=["mentions"], chunk_size=2)
    >>> [len(c["mentions"]) for c in chunks]
    [4, 2]
    """
    steps = _check_steps(steps)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(
            f"chunk_size: expected a whole number of documents ≥ 1, got {chunk_size!r}"
        )
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers: expected a whole number of processes ≥ 1, got {workers!r}")
    if total is None and hasattr(sources, "__len__"):
        total = len(sources)  # type: ignore[arg-type]
    if workers > 1 or cluster is not None:
        if gazetteer is not None or labels is not None:
            raise ValueError(
                "workers > 1 and clusters read with the shipped gazetteer and lexicon only; "
                "use workers=1 without a cluster for your own"
            )
        if cluster is not None:
            yield from _dask_chunks(sources, steps, chunk_size, progress, workers, total, cluster)
        else:
            yield from _pooled_chunks(sources, steps, chunk_size, progress, workers, total)
        return
    gazetteer = default_gazetteer() if gazetteer is None else gazetteer
    lexicon = labels  # None: the shipped lexicon, checked and compiled once (cached)
    iterator, done = iter(sources), 0
    if progress is not None:
        progress(0, total)
    while chunk := list(islice(iterator, chunk_size)):
        for n, item in enumerate(chunk):
            if not isinstance(item, Source):
                raise TypeError(
                    f"document {done + n + 1}: expected a Source, got {type(item).__name__}"
                )
        yield _read_chunk(chunk, steps, gazetteer, lexicon)
        done += len(chunk)
        if progress is not None:
            progress(done, total)


def run_pipeline(
    sources: Iterable[Source],
    steps: Iterable[str] = STEPS,
    gazetteer: Gazetteer | None = None,
    labels: pd.DataFrame | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int = 1,
    cluster: Any = None,
) -> dict[str, pd.DataFrame]:
    """Every step over every document: a dict of tables keyed ``documents`` and each step.

    ``documents`` has one row per document (``source_id``, its metadata, ``chars``,
    ``words``); ``parts`` the page parts (``source_id, start, end, kind`` …, without the text);
    ``signals`` one row per document with a count per signal; ``mentions``, ``voices`` and
    ``labels`` the rows of :func:`~helpers.actors.find_mentions`,
    :func:`~helpers.perspectives.voices` and :func:`~helpers.labels.find_labels` with
    ``source_id``; ``metadata`` the rows of :func:`~helpers.metadata.page_metadata` (five per
    document) with ``source_id``. ``workers`` > 1 reads chunks in that many processes at once,
    and ``cluster`` on Dask (see :func:`pipeline_chunks`; both with the shipped gazetteer and
    lexicon only); the tables are the same, in the same order.

    >>> docs = [Source.from_text("The regime said Russia helped.", source_id="a", outlet="x")]
    >>> tables = run_pipeline(docs)
    >>> sorted(tables), tables["documents"]["outlet"].tolist()
    (['documents', 'labels', 'mentions', 'metadata', 'parts', 'signals', 'voices'], ['x'])
    >>> tables["mentions"][["source_id", "actor_id"]].values.tolist()
    [['a', 'syria'], ['a', 'russia']]
    """
    steps = _check_steps(steps)
    chunks = pipeline_chunks(
        sources, steps, gazetteer, labels, chunk_size, progress, workers=workers, cluster=cluster
    )
    collected: dict[str, list[pd.DataFrame]] = {}
    for chunk in chunks:
        for name, table in chunk.items():
            collected.setdefault(name, []).append(table)
    if not collected:
        return empty_tables(steps, labels)
    return {name: pd.concat(tables, ignore_index=True) for name, tables in collected.items()}


def _pooled_chunks(
    sources: Iterable[Source],
    steps: tuple[str, ...],
    chunk_size: int,
    progress: Progress | None,
    workers: int,
    total: int | None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Chunks read by a pool of processes, at most two per worker in flight, in input order."""
    records = (_as_record(n, s) for n, s in enumerate(sources, start=1))
    pending: deque = deque()
    done = 0
    default_gazetteer(), find_labels("")  # built once here, inherited by forked workers
    if progress is not None:
        progress(0, total)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while True:
            while len(pending) < 2 * workers and (part := list(islice(records, chunk_size))):
                pending.append((len(part), pool.submit(read_partition, part, steps)))
            if not pending:
                return
            size, future = pending.popleft()
            yield future.result()
            done += size
            if progress is not None:
                progress(done, total)


def _as_record(n: int, source: object) -> tuple[str, str, dict[str, Any]]:
    if not isinstance(source, Source):
        raise TypeError(f"document {n}: expected a Source, got {type(source).__name__}")
    return source.id, source.text, dict(source.metadata)


def dask_client(address: str | None = None, workers: int = 2, timeout: float = 10):
    """A ``distributed.Client``: to the Dask scheduler at ``address``, or to a new LocalCluster.

    Without ``address`` it starts ``workers`` single-threaded worker processes on this machine,
    listening on 127.0.0.1 only, with the dashboard on a free port (``client.dashboard_link``;
    it needs ``bokeh``). Closing the client (``client.close()``, or leaving a ``with`` block)
    stops a cluster it started; a cluster reached by address keeps running. An address that
    answers nothing within ``timeout`` seconds is an error that names it.

    >>> dask_client(workers=0)
    Traceback (most recent call last):
    ValueError: workers: expected a whole number of processes ≥ 1, got 0
    """
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers: expected a whole number of processes ≥ 1, got {workers!r}")
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask is in requirements.txt
        raise ImportError(
            "the Dask engine needs dask and distributed: pip install -r requirements.txt"
        ) from exc
    if address is None:
        return Client(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        )
    if not isinstance(address, str):
        raise TypeError(
            "address: expected a scheduler's address such as 'tcp://host:8786', "
            f"got {type(address).__name__}"
        )
    try:
        return Client(address, timeout=timeout)
    except OSError as exc:
        raise OSError(
            f"could not reach a Dask scheduler at {address!r} ({exc}); check the address and "
            "that the scheduler runs, or use cluster='local' for a cluster on this machine"
        ) from exc


@contextmanager
def _client_for(cluster: Any, workers: int) -> Iterator[Any]:
    """The client a run uses: the one given (left open), or one opened and closed here."""
    from distributed import Client

    if isinstance(cluster, Client):
        yield cluster
        return
    if cluster == "local":
        client = dask_client(workers=max(workers, 1))
    elif isinstance(cluster, str):
        client = dask_client(cluster)
    else:
        raise TypeError(
            f"cluster: expected 'local', a scheduler's address or a distributed.Client, "
            f"got {type(cluster).__name__}"
        )
    try:
        yield client
    finally:
        client.close()


def _partition_tables(records: list, steps: tuple[str, ...]) -> list[dict[str, pd.DataFrame]]:
    """One bag partition's tables, wrapped in a list: a bag would flatten a dict to its keys."""
    return [read_partition(records, steps)]


def _dask_chunks(
    sources: Iterable[Source],
    steps: tuple[str, ...],
    chunk_size: int,
    progress: Progress | None,
    workers: int,
    total: int | None,
    cluster: Any,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Chunks read as the partitions of Dask bags, at most two per worker in flight, in order."""
    import dask.bag as db

    records = (_as_record(n, s) for n, s in enumerate(sources, start=1))
    with _client_for(cluster, workers) as client:
        width = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        done = 0
        if progress is not None:
            progress(0, total)
        try:
            while True:
                # one bag per window of `width` partitions, two windows in flight
                while len(pending) < 2 * width and (
                    window := list(islice(records, chunk_size * width))
                ):
                    bag = db.from_sequence(window, partition_size=chunk_size)
                    parts = bag.map_partitions(_partition_tables, steps).to_delayed()
                    sizes = [
                        len(window[i : i + chunk_size]) for i in range(0, len(window), chunk_size)
                    ]
                    pending.extend(zip(sizes, client.compute(parts), strict=True))
                if not pending:
                    return
                size, future = pending.popleft()
                (tables,) = future.result()
                yield tables
                done += size
                if progress is not None:
                    progress(done, total)
        finally:
            client.cancel([future for _, future in pending])


def empty_tables(steps: Iterable[str] = STEPS, labels=None) -> dict[str, pd.DataFrame]:
    """The tables of an empty corpus: right columns, no rows.

    >>> empty_tables(["mentions"])["mentions"].columns.tolist()[:2]
    ['source_id', 'actor_id']
    """
    steps = _check_steps(steps)
    lexicon = labels
    tables = {"documents": pd.DataFrame(columns=["source_id", "chars", "words"])}
    for name in steps:
        if name == "signals":
            tables[name] = pd.DataFrame(columns=["source_id"])
        else:
            tables[name] = _empty(name, lexicon)
    return tables


def read_partition(
    records: Iterable[tuple[str, str, Mapping[str, Any]]], steps: Iterable[str] = STEPS
) -> dict[str, pd.DataFrame]:
    """The pipeline over one partition of plain ``(source_id, text, metadata)`` records.

    Made to be mapped over partitions by a process pool, a Dask bag or Spark: it needs nothing
    but the text, loads the shipped gazetteer and lexicon in the worker, and returns tables that
    concatenate with those of other partitions.

    >>> read_partition([("a", "Assad met Putin.", {"outlet": "x"})], ["mentions"])["mentions"]
    ... # doctest: +NORMALIZE_WHITESPACE
      source_id actor_id            actor surface  start  end
    0         a    assad  Bashar al-Assad   Assad      0    5
    1         a    putin  Vladimir Putin    Putin     10   15

    Mapped over partitions on local processes, as a Dask bag's ``map_partitions`` would map it
    over a cluster's (each partition's tables come back whole, in order, and concatenate):

    >>> from concurrent.futures import ProcessPoolExecutor
    >>> partitions = [[("a", "Assad met Putin.", {})], [("b", "Iran and Iraq talked.", {})]]
    >>> with ProcessPoolExecutor(max_workers=2) as pool:
    ...     results = list(pool.map(read_partition, partitions))
    >>> pd.concat(r["mentions"] for r in results)[["source_id", "actor_id"]].values.tolist()
    [['a', 'assad'], ['a', 'putin'], ['b', 'iran'], ['b', 'iraq']]
    """
    sources = (
        Source.from_text(text, source_id=source_id, **dict(metadata))
        for source_id, text, metadata in records
    )
    return run_pipeline(sources, steps)
