"""Throughput of every reading function on adversarial input, at 1 MB and 4 MB.

    .venv/bin/python benchmarks/bench_linear_time.py [--mb 1 4] [--only voices segment]

The inputs are those of ``tests/growth.py`` (one-line text, "told X" over and over, thousands of
opening quotation marks, straight quotes, "Mr. " repeated). For each reading function and input
it prints MB/s at each size and the ratio of the times (4.0 for 4× the input means linear
time; 16 quadratic). The peer is ``str.splitlines`` on the same text: the floor of any reading.
The target: at least about 1 MB/s (1 s per MB) for every function on every input.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from growth import ADVERSARIAL, adversarial  # noqa: E402

_calls = itertools.count()


def readers() -> dict:
    """The reading functions, each taking a text (sources are fresh, so no cache is timed)."""
    import helpers
    from helpers.attribution import find_attributions
    from helpers.corpus import Source
    from helpers.labels import find_labels
    from helpers.perspectives import voices
    from helpers.sentences import sentence_spans

    def fresh(text: str) -> Source:
        return Source.from_text(f"{text}\n{next(_calls)}", source_id="adversarial")

    return {
        "str.splitlines (peer)": str.splitlines,
        "sentence_spans": sentence_spans,
        "find_attributions": find_attributions,
        "find_mentions": helpers.find_mentions,
        "find_labels": find_labels,
        "segment": lambda text: helpers.segment(fresh(text)),
        "voices": lambda text: voices(fresh(text)),
        "reliability_signals": lambda text: helpers.reliability_signals(fresh(text)),
    }


def seconds(function, text: str) -> float:
    began = time.process_time()
    function(text)
    return time.process_time() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, nargs=2, default=(1.0, 4.0), metavar=("SMALL", "LARGE"))
    parser.add_argument("--only", nargs="*", help="function names to run (default: all)")
    args = parser.parse_args(argv)
    small, large = (int(mb * 1_000_000) for mb in args.mb)
    functions = readers()
    print(f"MB/s (CPU time) at {args.mb[0]:g} MB and {args.mb[1]:g} MB; ratio = time ratio")
    print(f"{'input':<16} {'function':<22} {'small':>8} {'large':>8} {'ratio':>6}")
    slowest = []
    for shape in ADVERSARIAL:
        texts = (adversarial(shape, small), adversarial(shape, large))
        for name, function in functions.items():
            if args.only and name not in args.only:
                continue
            function(texts[0][:10_000])  # warm up: imports, compiled patterns, gazetteer
            t_small, t_large = (seconds(function, t) for t in texts)
            rate = [
                len(t) / 1e6 / max(s, 1e-9) for t, s in zip(texts, (t_small, t_large), strict=True)
            ]
            ratio = t_large / max(t_small, 1e-9)
            print(f"{shape:<16} {name:<22} {rate[0]:8.2f} {rate[1]:8.2f} {ratio:6.1f}", flush=True)
            if "peer" not in name:
                slowest.append((min(rate), name, shape))
    rate, name, shape = min(slowest)
    print(f"\nslowest: {name} on {shape!r} at {rate:.2f} MB/s ({1 / rate:.1f} s per MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
