"""Seconds to grade one submission: in the bubblewrap sandbox, unconfined, and with ``otter run``.

Each way grades the same notebook (assignment 1's solutions) ``--repeat`` times, one after the
other, and the script prints the median seconds per submission and the ratio to the unconfined
run (the same two phases without the sandbox) and to ``otter run`` (otter-grader's own local
grading, which confines nothing: the way this course graded before the sandbox).

    .venv/bin/python benchmarks/bench_grading.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from helpers.instructor import coursework
from helpers.instructor.sandbox import Limits

NAME = "a1_raw_reading"


def _otter_run(notebook: Path, autograder: Path) -> float:
    from otter.run import main as otter_run

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        results = otter_run(str(notebook), autograder=str(autograder), output_dir=None)
    return float(results.total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = coursework.build_autograder(NAME, out=tmp, run_tests=False)
        notebook = zip_path.parent / f"{NAME}-solutions.ipynb"
        ways = {
            "sandbox (bubblewrap)": lambda: sum(
                coursework.grade_submission(
                    notebook, zip_path, NAME, isolation="bubblewrap"
                ).scores.values()
            ),
            "unconfined (same phases)": lambda: sum(
                coursework.grade_submission(
                    notebook, zip_path, NAME, isolation="none", limits=Limits()
                ).scores.values()
            ),
            "otter run (no isolation)": lambda: _otter_run(notebook, zip_path),
        }
        medians = {}
        for label, grade in ways.items():
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                points = grade()
                times.append(time.perf_counter() - started)
            assert points == 11, (label, points)
            medians[label] = statistics.median(times)
            print(
                f"{label:28} {medians[label]:6.2f} s per submission  (runs: "
                + ", ".join(f"{t:.2f}" for t in times)
                + ")"
            )
    sandbox = medians["sandbox (bubblewrap)"]
    print(f"sandbox / unconfined: {sandbox / medians['unconfined (same phases)']:.2f}x")
    print(f"sandbox / otter run:  {sandbox / medians['otter run (no isolation)']:.2f}x")


if __name__ == "__main__":
    main()
