"""The course's per-document pipeline at corpus scale: speed, memory and how the cost grows.

    .venv/bin/python benchmarks/bench_pipeline.py [--scales 1 10 60] [--engine-scales 1 10]
        [--workers 2]
    .venv/bin/python benchmarks/bench_pipeline.py --gigabytes 1 --workers 2   # the 1 GB run

The pipeline is :mod:`helpers.pipeline`: page parts, reliability signals, mentions, voices and
labels for every document. The corpus is FA-KES (804 articles, 1.58 MB) repeated k times, each
copy with its own ids, generated lazily: no run ever holds more than one chunk of text.

Each measurement runs in a fresh process, so its peak resident memory (``ru_maxrss`` from
``os.wait4``) is its own. Printed, with ratios against named peers:

- **streamed** (:func:`helpers.pipeline.pipeline_chunks`, each chunk reduced to counts and
  dropped) at 1×, 10× and 60×: documents per second, MB per second, peak memory; then the
  growth of time and memory from the smallest scale (linear time means the time ratio equals
  the size ratio; bounded memory means the memory ratio stays near 1);
- **collected** (:func:`helpers.pipeline.run_pipeline`, every row kept) at 1× and 10×: the
  peer whose memory grows with the results;
- **read only**: decoding and iterating the same stream without any step, the floor;
- **the two parallel engines, side by side** at each of ``--engine-scales``: partitions on a
  local process pool (``pipeline_chunks(..., workers=n)``) and partitions of Dask bags on a
  ``distributed`` LocalCluster of n single-threaded workers (``cluster=client``), both mapping
  :func:`helpers.pipeline.read_partition` with at most two partitions per worker in flight;
  their speed-up over one process, Dask's time as a ratio of the pool's, the cluster's start-up
  time (reported apart, not in the run's time) and whether both find the same mentions.

``--gigabytes N`` streams N GB of text through the pool and then through Dask, and reports time,
peak memory and the ratio (the bounded-memory target: 1 GB streamed, never loaded whole).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator

from helpers.corpus import Source
from helpers.fakes import fakes_sources, load_fakes
from helpers.pipeline import dask_client, pipeline_chunks, run_pipeline


def base_records() -> list[tuple[str, str, dict]]:
    """FA-KES as plain (id, text, metadata) records."""
    return [(s.id, s.text, dict(s.metadata)) for s in fakes_sources(load_fakes())]


def repeated(records: list, copies: int | None, limit_bytes: int | None = None) -> Iterator:
    """The records repeated ``copies`` times (or until ``limit_bytes`` of text), ids made unique."""
    done, copy = 0, 0
    while copies is None or copy < copies:
        for source_id, text, metadata in records:
            if limit_bytes is not None and done >= limit_bytes:
                return
            done += len(text.encode("utf-8"))
            yield f"{source_id}-c{copy:04d}", text, metadata
        copy += 1


def as_sources(records: Iterator) -> Iterator[Source]:
    for source_id, text, metadata in records:
        yield Source.from_text(text, source_id=source_id, **metadata)


def reduce_chunk(tables: dict, totals: Counter) -> None:
    """Keep only counts: rows per table, and mentions per outlet and actor."""
    for name, table in tables.items():
        totals[f"rows:{name}"] += len(table)
    docs = tables["documents"].set_index("source_id")["outlet"]
    mentions = tables.get("mentions")
    if mentions is not None and len(mentions):
        pairs = mentions["source_id"].map(docs) + "|" + mentions["actor_id"]
        totals.update(pairs.value_counts().to_dict())


# --------------------------------------------------------------------------- child measurements


def child(mode: str, copies: int | None, workers: int, gigabytes: float | None) -> dict:
    records = base_records()
    limit = int(gigabytes * 1e9) if gigabytes else None
    stream = repeated(records, copies, limit)
    counted = {"docs": 0, "bytes": 0}

    def counting(items):
        for item in items:
            counted["docs"] += 1
            counted["bytes"] += len(item[1].encode("utf-8"))
            yield item

    client, started = None, 0.0
    if mode == "dask":
        begin = time.perf_counter()
        client = dask_client(workers=workers)
        started = time.perf_counter() - begin
    start = time.perf_counter()
    totals: Counter = Counter()
    if mode == "read":
        for source in as_sources(counting(stream)):
            totals["chars"] += len(source.text)
    elif mode == "streamed":
        for chunk in pipeline_chunks(as_sources(counting(stream))):
            reduce_chunk(chunk, totals)
    elif mode == "collected":
        tables = run_pipeline(as_sources(counting(stream)))
        reduce_chunk(tables, totals)
    elif mode == "pool":
        for chunk in pipeline_chunks(as_sources(counting(stream)), workers=workers):
            reduce_chunk(chunk, totals)
    elif mode == "dask":
        for chunk in pipeline_chunks(as_sources(counting(stream)), cluster=client):
            reduce_chunk(chunk, totals)
    else:
        raise ValueError(mode)
    seconds = time.perf_counter() - start
    if client is not None:
        client.close()
    return {
        "seconds": seconds,
        "start_seconds": started,
        "docs": counted["docs"],
        "bytes": counted["bytes"],
        "mentions": totals.get("rows:mentions", 0),
    }


def measure(mode: str, copies: int | None, workers: int = 1, gigabytes: float | None = None):
    """Run one measurement in a fresh process; return its result and peak memory in MB."""
    args = [sys.executable, __file__, "--child", mode, "--workers", str(workers)]
    args += ["--copies", str(copies)] if copies else ["--gigabytes", str(gigabytes)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"measurement {mode} ×{copies} failed")
    result = json.loads(out)
    # ru_maxrss (kB on Linux) of the child, or of its largest pool worker if that is larger
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def line(label: str, r: dict) -> str:
    mb = r["bytes"] / 1e6
    return (
        f"{label:<34} {r['docs']:>9,} docs {mb:>8.1f} MB {r['seconds']:>8.2f} s "
        f"{r['docs'] / r['seconds']:>8.0f} docs/s {mb / r['seconds']:>6.2f} MB/s "
        f"peak {r['peak_mb']:>6.0f} MB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 60])
    parser.add_argument("--engine-scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--gigabytes", type=float)
    parser.add_argument("--copies", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.copies, args.workers, args.gigabytes)))
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; one run of each")
    if args.gigabytes:
        pool = measure("pool", None, args.workers, args.gigabytes)
        print(line(f"streamed, pool of {args.workers}", pool))
        on_dask = measure("dask", None, args.workers, args.gigabytes)
        print(line(f"streamed, Dask LocalCluster of {args.workers}", on_dask))
        compare_engines(pool, on_dask)
        print("(peak: the largest single process; each worker holds two partitions at most)")
        return
    scales = sorted(args.scales)
    streamed = {k: measure("streamed", k) for k in scales}
    for k, r in streamed.items():
        print(line(f"streamed ×{k}", r))
    low = scales[0]
    for k in scales[1:]:
        t = streamed[k]["seconds"] / streamed[low]["seconds"]
        m = streamed[k]["peak_mb"] / streamed[low]["peak_mb"]
        print(f"  ×{k} against ×{low}: size {k / low:.0f}×, time {t:.1f}×, peak memory {m:.2f}×")
    collected = {k: measure("collected", k) for k in scales[:2]}
    for k, r in collected.items():
        print(line(f"collected ×{k} (peer: keeps all rows)", r))
        s = streamed[k]
        print(
            f"  collected / streamed: time {r['seconds'] / s['seconds']:.2f}×, "
            f"peak memory {r['peak_mb'] / s['peak_mb']:.2f}×"
        )
    read = measure("read", scales[-1])
    print(line(f"read only ×{scales[-1]} (floor)", read))
    top = streamed[scales[-1]]
    print(f"  pipeline / read only: {top['seconds'] / read['seconds']:.0f}× the time")
    for k in sorted(args.engine_scales):
        pool = measure("pool", k, args.workers)
        print(line(f"partitions, pool of {args.workers} ×{k}", pool))
        on_dask = measure("dask", k, args.workers)
        print(line(f"partitions, Dask LocalCluster of {args.workers} ×{k}", on_dask))
        one = streamed.get(k)
        if one is not None:
            print(
                f"  speed-up over one process: pool {one['seconds'] / pool['seconds']:.2f}×, "
                f"Dask {one['seconds'] / on_dask['seconds']:.2f}×; "
                f"same mentions as one process: {pool['mentions'] == one['mentions']} (pool), "
                f"{on_dask['mentions'] == one['mentions']} (Dask)"
            )
        compare_engines(pool, on_dask)


def compare_engines(pool: dict, on_dask: dict) -> None:
    """Dask's time and memory as ratios of the pool's, and its cluster's start-up apart."""
    print(
        f"  Dask / pool: time {on_dask['seconds'] / pool['seconds']:.2f}×, peak memory "
        f"{on_dask['peak_mb'] / pool['peak_mb']:.2f}×; the cluster started in "
        f"{on_dask['start_seconds']:.1f} s (not in its time); same mentions: "
        f"{on_dask['mentions'] == pool['mentions']} ({pool['mentions']:,})"
    )


if __name__ == "__main__":
    main()
