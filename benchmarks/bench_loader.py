"""How the corpus layer's costs compare with the plainest ways of doing the same work.

    .venv/bin/python benchmarks/bench_loader.py [--megabytes 50]

Prints, in one run, best-of-3 wall times and the ratio to each named peer:
- read_source on a UTF-8 file vs bytes.decode (the floor: read + decode, nothing checked) and
  vs open(...).read() (Python's ordinary text read);
- read_source on a Windows-1252 file vs bytes.decode("cp1252");
- segment on the seeds repeated to a few MB vs str.splitlines() (the floor for any line-based
  reader) — segment does far more, so the ratio says what the rules cost per line.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from helpers import load_corpus, read_source, segment


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def row(label: str, ours: float, peer_label: str, peer: float) -> None:
    print(f"{label:<38} {ours:7.3f} s   {peer_label:<28} {peer:7.3f} s   ratio {ours / peer:6.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--segment-megabytes", type=int, default=2)
    args = parser.parse_args()
    paragraph = ("Russia and Iran shared intelligence in Baghdad. " * 20 + "\n\n").encode()
    body = paragraph * (args.megabytes * 1_000_000 // len(paragraph) + 1)
    with tempfile.TemporaryDirectory() as folder:
        utf8 = Path(folder) / "utf8.txt"
        utf8.write_bytes(body)
        cp1252 = Path(folder) / "cp1252.txt"
        cp1252.write_bytes(body.replace(b"Baghdad", b"Bagd\xe2d", 1000))
        print(f"inputs: {len(body) / 1e6:.0f} MB of text, best of 3 runs each\n")
        row(
            "read_source, UTF-8",
            best_of(lambda: read_source(utf8)),
            "bytes.decode('utf-8')",
            best_of(lambda: utf8.read_bytes().decode("utf-8")),
        )
        row(
            "read_source, UTF-8",
            best_of(lambda: read_source(utf8)),
            "open(...).read()",
            best_of(lambda: read_text(utf8)),
        )
        row(
            "read_source, Windows-1252",
            best_of(lambda: read_source(cp1252)),
            "bytes.decode('cp1252')",
            best_of(lambda: cp1252.read_bytes().decode("cp1252")),
        )
    seeds = "\n\n".join(source.text for source in load_corpus())
    text = seeds * (args.segment_megabytes * 1_000_000 // len(seeds) + 1)
    print()
    row(
        f"segment, seeds ×{len(text) // len(seeds)} ({len(text) / 1e6:.1f} MB)",
        best_of(lambda: segment(text), repeat=1),
        "str.splitlines()",
        best_of(lambda: text.splitlines()),
    )


if __name__ == "__main__":
    main()
