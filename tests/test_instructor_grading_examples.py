"""The example class in ``notebooks/assignments/examples/a1_raw_reading/``: generated from the
master, and graded by the command ``make grade`` runs, row by row as its README says."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.instructor import coursework, grading_examples
from helpers.instructor.sandbox import bubblewrap_problem

NAME = grading_examples.EXAMPLE_ASSIGNMENT


def test_the_examples_are_what_the_script_makes_of_the_master():
    problems = grading_examples.stale_examples()
    assert not problems, "run `make grading-examples` and commit the result:\n" + "\n".join(
        problems
    )


def test_the_readme_names_every_example():
    readme = (grading_examples.examples_dir() / "README.md").read_text(encoding="utf-8")
    for path in grading_examples.examples_dir().glob("*.ipynb"):
        assert f"`{path.name}`" in readme


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("examples")
    coursework.build_autograder(NAME, out=tmp / "autograders", run_tests=False)
    out = tmp / "grades.csv"
    argv = ["grade", str(grading_examples.examples_dir()), "--out", str(out)]
    argv += ["--autograders", str(tmp / "autograders"), "--jobs", "2", "--assignment", NAME]
    code = coursework.main(argv)
    table = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("submission")
    return code, table


@pytest.mark.slow
@pytest.mark.skipif(bubblewrap_problem() is not None, reason="no sandbox here")
def test_grading_the_examples_gives_each_row_the_readme_promises(graded, capsys):
    code, table = graded
    assert code == 0
    scores = {
        name: [table.loc[name, q] for q in ["q1", "q2", "q3", "q4", "q5", "total"]]
        for name in table.index
    }
    assert scores == {
        "blank.ipynb": ["0", "0", "0", "0", "", "0"],
        "broken.ipynb": ["", "", "", "", "", ""],
        "cheating.ipynb": ["0", "0", "0", "0", "", "0"],
        "full.ipynb": ["4", "3", "2", "2", "", "11"],
        "partial.ipynb": ["3", "0", "2", "0", "", "5"],
        "wrong_assignment.ipynb": ["", "", "", "", "", ""],
    }
    notes = table["note"]
    assert notes["full.ipynb"] == notes["partial.ipynb"] == notes["blank.ipynb"] == ""
    assert re.fullmatch(
        r"error: broken\.ipynb: not a notebook: invalid JSON at line \d+, column \d+",
        notes["broken.ipynb"],
    )
    assert notes["wrong_assignment.ipynb"] == (
        "error: wrong_assignment.ipynb: this notebook is for assignment 'a2_reliability', "
        "not 'a1_raw_reading'"
    )
    assert re.fullmatch(
        r"1 cell raised an error \(first: FileNotFoundError: .*a1_raw_reading\.ipynb'?\)?",
        notes["cheating.ipynb"],
    )
