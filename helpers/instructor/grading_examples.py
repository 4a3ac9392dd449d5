"""An example class to try ``make grade`` on: six submissions of assignment 1, made from its master.

``python -m helpers.instructor.grading_examples`` (``make grading-examples``) writes them into
``notebooks/assignments/examples/a1_raw_reading/``; nothing in them is typed by hand:

- ``full.ipynb``: the master's solutions as ``otter assign`` makes them (all 11 automatic points);
- ``partial.ipynb``: question 1 with one label wrong and question 3 answered (3 + 2 = 5 points);
- ``blank.ipynb``: the student version as handed out (0 points);
- ``broken.ipynb``: the full one cut off halfway, as a failed upload leaves it (an error row);
- ``wrong_assignment.ipynb``: assignment 2's student version handed in for 1 (an error row);
- ``cheating.ipynb``: the student version plus a cell that rewrites the checks so they always pass
  and copies the answers out of the master; the sandbox stops both (0 points, a note).

``tests/test_instructor_grading_examples.py`` grades the folder and checks every row.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers.instructor.coursework import (
    assignments_dir,
    otter_assign,
    stable_cell_ids,
)

__all__ = [
    "CHEAT",
    "examples_dir",
    "EXAMPLE_ASSIGNMENT",
    "main",
    "stale_examples",
    "write_examples",
]

#: The assignment the examples are submissions of.
EXAMPLE_ASSIGNMENT = "a1_raw_reading"
#: The cell ``cheating.ipynb`` adds: it works when a notebook runs with the grader's rights.
CHEAT = """\
# Take the answers from the instructor's master notebook, and make every check pass.
import glob
from pathlib import Path

import nbformat
from helpers.paths import course_root

master = course_root() / "notebooks/assignments/source/a1_raw_reading/a1_raw_reading.ipynb"
for cell in nbformat.read(master, as_version=4).cells:
    if cell.cell_type == "code" and "SOLUTION" in cell.source:
        exec(cell.source)
for test in glob.glob("tests/*.py"):
    Path(test).write_text("from otter.test_files import test_case\\nOK_FORMAT = False\\n")
"""


def examples_dir() -> Path:
    """The folder of the example submissions.

    >>> examples_dir().relative_to(assignments_dir()).as_posix()
    'examples/a1_raw_reading'
    """
    return assignments_dir() / "examples" / EXAMPLE_ASSIGNMENT


def _partial(student: Any, solutions: Any) -> Any:
    """Question 1 answered with label B wrong, question 3 answered, the rest left blank."""
    answers: dict[str, Any] = {}
    for cell in solutions.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and "otter_assign_solution_cell" in tags:
            exec(cell.source, answers)  # the master's own answer cells: literals only
    replacements = {
        "q1_kinds = ": f"q1_kinds = {dict(answers['q1_kinds'], B='body')!r}",
        "q3_passage = ": f"q3_passage = {answers['q3_passage']!r}",
    }
    for cell in student.cells:
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            for start, answer in replacements.items():
                if cell.source.startswith(start):
                    cell.source = answer
    return student


def write_examples(dest: str | Path | None = None) -> list[Path]:
    """Make the six example submissions and return their paths (in ``dest`` if given).

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_examples(tmp)][:3]
    ['blank.ipynb', 'broken.ipynb', 'cheating.ipynb']
    """
    import nbformat

    dest = Path(dest) if dest else examples_dir()
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        one = otter_assign(EXAMPLE_ASSIGNMENT, Path(tmp) / "one")
        two = otter_assign("a2_reliability", Path(tmp) / "two")
        solutions = nbformat.read(one.solutions, as_version=4)
        student_path = one.student / f"{EXAMPLE_ASSIGNMENT}.ipynb"
        made = {
            "full.ipynb": solutions,
            "blank.ipynb": nbformat.read(student_path, as_version=4),
            "partial.ipynb": _partial(nbformat.read(student_path, as_version=4), solutions),
            "wrong_assignment.ipynb": nbformat.read(
                two.student / "a2_reliability.ipynb", as_version=4
            ),
        }
        cheat = nbformat.read(student_path, as_version=4)
        cheat.cells.append(nbformat.v4.new_code_cell(CHEAT))
        made["cheating.ipynb"] = cheat
        for name, nb in made.items():
            nbformat.write(nb, dest / name)
            stable_cell_ids(dest / name)
    full = (dest / "full.ipynb").read_text(encoding="utf-8")
    (dest / "broken.ipynb").write_text(full[: len(full) // 2], encoding="utf-8")
    return sorted(dest.glob("*.ipynb"))


def stale_examples() -> list[str]:
    """The example files that differ from what :func:`write_examples` makes now ([] if none).

    >>> stale_examples()
    []
    """
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.name: p.read_bytes() for p in write_examples(tmp)}
    committed = {p.name: p.read_bytes() for p in examples_dir().glob("*.ipynb")}
    problems = []
    for name in sorted(set(fresh) | set(committed)):
        if name not in committed:
            problems.append(f"{name}: missing")
        elif name not in fresh:
            problems.append(f"{name}: not made by the script")
        elif fresh[name] != committed[name]:
            problems.append(f"{name}: differs from what the script makes")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers.instructor.grading_examples [--check]``; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor.grading_examples")
    parser.add_argument("--check", action="store_true", help="only say which are out of date")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_examples()
        for problem in problems:
            print(f"out of date: {examples_dir() / problem}")
        return 1 if problems else 0
    for path in write_examples():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
