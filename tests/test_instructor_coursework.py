"""Graded coursework: five otter-grader assignments, their student versions, and grading them.

Every master is run through ``otter assign`` once per session, into a temporary folder. The
student versions committed in ``notebooks/assignments/`` must be what that makes of their
masters; each master's solutions must earn every autograded point, in this process and when
graded (run in the sandbox, scored by the hidden tests); an unanswered student version must earn
none; and grading a folder of submissions (full, blank, partial, broken) must give one CSV row
each, without Docker and without writing anything into the repository. Attacks on the grader
are in ``test_instructor_grading_attacks.py``; keeping grades safe in
``test_instructor_grades_kept.py``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import multiprocessing
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from otter.nbmeta_config import NBMetadataConfig
from otter.test_files import create_test_file

from helpers.exercises import LessonChecker
from helpers.instructor import coursework
from helpers.instructor.coursework import CourseworkError
from helpers.paths import course_root

NAMES = ["a1_raw_reading", "a2_reliability", "a3_claims", "a4_actors", "a5_perspectives_ach"]
ASSIGNMENTS = course_root() / "notebooks" / "assignments"
SOLUTION_TAG = "otter_assign_solution_cell"
ANSWER_TAG = "otter_answer_cell"
CHECK = re.compile(r'^grader\.check\("(q\d+)"\)$')
HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)
POINTS = re.compile(r"^## Question \d+ · .+ \((\d+) points?\)$", re.M)
RUBRIC = re.compile(
    r"\*\*Rubric\*\* \((\d+) points?\)\n\n\| criterion \| points \|\n\|---\|---\|\n((?:\|.*\|\n?)+)"
)


def _notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _student(name: str) -> Path:
    return ASSIGNMENTS / name / f"{name}.ipynb"


def _by_question(nb: dict, tag: str) -> dict[str, list[int]]:
    """The indices of the answer (or solution) cells of each autograded question."""
    found: dict[str, list[int]] = {}
    pending: list[int] = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if tag in cell["metadata"].get("tags", []):
            pending.append(index)
        match = CHECK.match(_source(cell).strip())
        if match:
            found[match.group(1)], pending = pending, []
    return found


def _run_cells(nb: dict, indices: list[int]) -> dict:
    env: dict = {}
    for index in indices:
        exec(_source(nb["cells"][index]), env)  # the course's own answer cells: literals only
    return {k: v for k, v in env.items() if not k.startswith("__")}


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value] if len(value) > 1 else []
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, set | list | tuple):
        return [t for v in value for t in _texts(v)]
    return []


def _prompt(nb: dict, question: str) -> str:
    """The markdown of a question, from its heading to the next section's."""
    texts, inside = [], False
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = _source(cell)
        if re.search(r"^## ", source, re.M):
            inside = f"## Question {question[1:]} ·" in source
        if inside:
            texts.append(source)
    return "\n".join(texts)


def _autograded(name: str) -> list[coursework.Question]:
    return [q for q in coursework.questions(name) if not q.manual]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``otter assign`` of every master, once: student folder, autograder zip, solutions."""
    out = tmp_path_factory.mktemp("otter-assign")
    return {name: coursework.otter_assign(name, out / name) for name in NAMES}


def _tests_dir(build: coursework.Build) -> Path:
    return build.autograder.parent / "tests"


# --- The assignments as written --------------------------------------------------------------


def test_one_assignment_per_stage_of_the_course():
    assert coursework.assignment_names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_points_are_stated_per_question_and_add_up(name):
    questions = coursework.questions(name)
    assert 4 <= len(questions) <= 6
    assert 10 <= sum(q.points for q in questions) <= 20
    assert any(q.manual for q in questions) and len(_autograded(name)) >= 2
    nb = _notebook(_student(name))
    text = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert [int(p) for p in POINTS.findall(text)] == [q.points for q in questions]
    auto = sum(q.points for q in _autograded(name))
    total = sum(q.points for q in questions)
    assert (
        f"| **Points** | {total}: {auto} checked automatically, {total - auto} by a marker |"
        in text
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_written_answer_has_a_rubric_whose_points_add_up(name):
    nb = _notebook(_student(name))
    for question in (q for q in coursework.questions(name) if q.manual):
        rubric = RUBRIC.search(_prompt(nb, question.name))
        assert rubric, f"{name} {question.name}: no rubric table in the prompt"
        assert int(rubric.group(1)) == question.points
        rows = [row.strip("|").rsplit("|", 1) for row in rubric.group(2).strip().splitlines()]
        assert sum(int(points) for _, points in rows) == question.points


@pytest.mark.parametrize("name", NAMES)
def test_hidden_tests_carry_the_points_and_public_checks_only_check_form(name, built):
    public_dir = built[name].student / "tests"
    for question in _autograded(name):
        full = create_test_file(
            str(_tests_dir(built[name]) / f"{question.name}.py"), NBMetadataConfig()
        )
        public = create_test_file(str(public_dir / f"{question.name}.py"), NBMetadataConfig())
        hidden = [tc for tc in full.test_cases if tc.hidden]
        assert hidden and sum(tc.points for tc in hidden) == question.points, question
        assert public.test_cases and all(not tc.hidden for tc in public.test_cases)
        assert all(tc.points == 0 for tc in public.test_cases)
        assert all(tc.success_message.startswith("checks passed") for tc in public.test_cases)


# --- Student versions ------------------------------------------------------------------------


def test_committed_student_versions_match_their_masters(built):
    problems = [
        f"{name}/{problem}"
        for name in NAMES
        for problem in coursework.compare_student_versions(built[name].student, ASSIGNMENTS / name)
    ]
    assert not problems, "run `make assignments` and commit the result:\n" + "\n".join(problems)


def test_regenerating_a_student_version_changes_no_byte(tmp_path, capsys):
    # Cell ids are derived from content, so `make assignments` on an unchanged master is a no-op.
    first = coursework.assign(["a3_claims"], dest=tmp_path / "one")[0]
    second = coursework.assign(["a3_claims"], dest=tmp_path / "two")[0]
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == _student("a3_claims").read_bytes(), "run `make assignments`"
    assert coursework.main(["assign", "--check", "a3_claims"]) == 0
    assert capsys.readouterr().out == ""


def test_a_changed_student_version_is_reported_stale(built, tmp_path):
    copy = shutil.copytree(built["a3_claims"].student, tmp_path / "a3_claims")
    (copy / "tests" / "q1.py").write_text("# edited by hand\n", encoding="utf-8")
    (copy / "tests" / "q9.py").write_text("# not from the master\n", encoding="utf-8")
    problems = coursework.compare_student_versions(built["a3_claims"].student, copy)
    assert problems == [
        "tests/q1.py: differs from what its master makes",
        "tests/q9.py: not made by otter assign",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_student_versions_carry_no_outputs_solutions_or_hidden_tests(name):
    nb = _notebook(_student(name))
    for cell in nb["cells"]:
        assert cell["cell_type"] != "raw", "an otter block marker was left in"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            assert "SOLUTION" not in _source(cell)
    for test in (ASSIGNMENTS / name / "tests").glob("*.py"):
        assert "hidden=True" not in test.read_text(encoding="utf-8"), test.name


@pytest.mark.parametrize("name", NAMES)
def test_student_versions_follow_the_notebook_conventions(name):
    path = _student(name)
    nb = _notebook(path)
    markdown = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    levels = [len(hashes) for hashes, _ in HEADING.findall(markdown)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert len(_source(cell).splitlines()) <= 20, _source(cell)[:80]
    text = path.read_text(encoding="utf-8")
    assert str(course_root()) not in text and not re.search(r"/(home|root|Users)/\w+", text)
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["otter"]["assignment_name"] == name


@pytest.mark.parametrize("name", NAMES)
def test_checks_keep_no_log_beside_the_notebook(name):
    # otter's own Notebook writes .OTTER_LOG into the notebook's folder; the course's checker
    # keeps none, so student work stays in the notebook itself.
    sources = [_source(c) for c in _notebook(_student(name))["cells"] if c["cell_type"] == "code"]
    assert any('grader = LessonChecker(tests_dir="tests")' in s for s in sources)
    assert not any("otter.Notebook(" in s or "grader.export(" in s for s in sources)
    checks = [CHECK.match(s.strip()).group(1) for s in sources if CHECK.match(s.strip())]
    assert checks == [q.name for q in _autograded(name)]


# --- Tests against answers, in this process -------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_solutions_pass_every_test(name, built):
    solutions = _notebook(built[name].solutions)
    cells = _by_question(solutions, SOLUTION_TAG)
    grader = LessonChecker(tests_dir=str(_tests_dir(built[name])))
    for question in _autograded(name):
        result = grader.check(question.name, global_env=_run_cells(solutions, cells[question.name]))
        assert result.passed_all, repr(result)


@pytest.mark.parametrize("name", NAMES)
def test_unanswered_questions_fail_every_test_and_the_feedback_reveals_nothing(name, built):
    student, solutions = _notebook(_student(name)), _notebook(built[name].solutions)
    blanks, answers = _by_question(student, ANSWER_TAG), _by_question(solutions, SOLUTION_TAG)
    grader = LessonChecker(tests_dir=str(_tests_dir(built[name])))
    for question in _autograded(name):
        result = grader.check(question.name, global_env=_run_cells(student, blanks[question.name]))
        assert result.score == 0 and not any(r.passed for r in result.test_case_results)
        public = [r.message for r in result.test_case_results if not r.test_case.hidden]
        assert all("Replace the ..." in m or "Still to answer" in m for m in public), public
        shown = _prompt(student, question.name)
        for text in _texts(_run_cells(solutions, answers[question.name])):
            assert text not in "\n".join(public) or text in shown, f"{question.name} shows {text!r}"


@pytest.mark.parametrize("name", NAMES)
def test_public_tests_name_no_answer_the_prompt_does_not_show(name, built):
    student, solutions = _notebook(_student(name)), _notebook(built[name].solutions)
    answers = _by_question(solutions, SOLUTION_TAG)
    for question in _autograded(name):
        public = (ASSIGNMENTS / name / "tests" / f"{question.name}.py").read_text(encoding="utf-8")
        shown = _prompt(student, question.name)
        for text in _texts(_run_cells(solutions, answers[question.name])):
            assert text not in public or text in shown, f"{name} {question.name}: {text!r}"


def test_answer_cells_hold_only_literals(built):
    # Solutions are plain values, so the tests above can read them without running a notebook.
    for name in NAMES:
        solutions = _notebook(built[name].solutions)
        for indices in _by_question(solutions, SOLUTION_TAG).values():
            for index in indices:
                for node in ast.parse(_source(solutions["cells"][index])).body:
                    value = node.value if isinstance(node, ast.Assign | ast.Expr) else None
                    assert value is not None, ast.unparse(node)
                    ast.literal_eval(value)


# --- Grading a folder, no Docker -------------------------------------------------------------


def _snapshot(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def _answer_source(nb: dict, question: str, tag: str) -> str:
    return "\n".join(_source(nb["cells"][i]) for i in _by_question(nb, tag)[question])


def _partial(build: coursework.Build, name: str) -> dict:
    """q1 with one label wrong, q3 answered, the rest blank, and a cell that fails."""
    student, solutions = _notebook(build.student / f"{name}.ipynb"), _notebook(build.solutions)
    kinds = _run_cells(solutions, _by_question(solutions, SOLUTION_TAG)["q1"])["q1_kinds"]
    blanks = _by_question(student, ANSWER_TAG)
    student["cells"][blanks["q1"][0]]["source"] = f"q1_kinds = {dict(kinds, B='body')!r}"
    student["cells"][blanks["q3"][0]]["source"] = _answer_source(solutions, "q3", SOLUTION_TAG)
    student["cells"].append(nbformat.v4.new_code_cell("print(undefined_name)"))
    return student


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    """Each assignment's folder of submissions graded in the sandbox: the solutions, the blank
    student version; for a1 also a partial, a broken and a misplaced submission. Two processes
    grade the five folders side by side."""
    before = _snapshot(ASSIGNMENTS)
    autograders = tmp_path_factory.mktemp("autograders")
    jobs = {}
    for name, build in built.items():
        zip_path = coursework.autograder_path(name, autograders)
        zip_path.parent.mkdir(parents=True)
        shutil.copy(build.autograder, zip_path)
        folder = tmp_path_factory.mktemp(f"{name}-submissions")
        shutil.copy(build.solutions, folder / "full.ipynb")
        shutil.copy(build.student / f"{name}.ipynb", folder / "blank.ipynb")
        assignment = None  # found from the submissions' metadata
        if name == "a1_raw_reading":
            (folder / "late").mkdir()
            partial = nbformat.from_dict(_partial(build, name))
            nbformat.write(partial, folder / "late" / "partial.ipynb")
            text = (folder / "full.ipynb").read_text(encoding="utf-8")
            (folder / "broken.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
            other = built["a2_reliability"].student / "a2_reliability.ipynb"
            shutil.copy(other, folder / "wrong.ipynb")
            assignment = name  # the folder holds two assignments' notebooks
        jobs[name] = (folder, assignment, tmp_path_factory.mktemp("grades") / "grades.csv")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_WORK_DIR", str(tmp_path_factory.mktemp("work")))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            futures = {
                name: pool.submit(coursework.grade_folder, folder, assignment, out, autograders)
                for name, (folder, assignment, out) in jobs.items()
            }
            tables = {name: f.result().set_index("submission") for name, f in futures.items()}
    csvs = {name: out for name, (_, _, out) in jobs.items()}
    return {"tables": tables, "csvs": csvs, "before": before, "after": _snapshot(ASSIGNMENTS)}


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_grading_gives_the_solutions_every_autograded_point(name, graded):
    row = graded["tables"][name].loc["full.ipynb"]
    for question in coursework.questions(name):
        assert row[question.name] == ("" if question.manual else question.points), question
    assert row["total"] == sum(q.points for q in _autograded(name))
    assert row["note"] == "", "a cell of the solutions notebook raised an error"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_grading_gives_the_unanswered_student_version_nothing(name, graded):
    row = graded["tables"][name].loc["blank.ipynb"]
    assert [row[q.name] for q in _autograded(name)] == [0] * len(_autograded(name))
    assert row["total"] == 0 and row["note"] == ""


@pytest.mark.slow
def test_a_partial_submission_is_scored_question_by_question(graded):
    row = graded["tables"]["a1_raw_reading"].loc["late/partial.ipynb"]
    assert (row["q1"], row["q2"], row["q3"], row["q4"], row["q5"]) == (3, 0, 2, 0, "")
    assert row["total"] == 5
    assert (
        row["note"]
        == "1 cell raised an error (first: NameError: name 'undefined_name' is not defined)"
    )


@pytest.mark.slow
def test_unreadable_and_misplaced_submissions_get_a_row_naming_the_file(graded):
    table = graded["tables"]["a1_raw_reading"]
    broken, wrong = table.loc["broken.ipynb"], table.loc["wrong.ipynb"]
    assert re.fullmatch(
        r"error: broken\.ipynb: not a notebook: invalid JSON at line \d+, column \d+",
        broken["note"],
    )
    assert broken["q1"] == "" and broken["total"] == ""
    assert wrong["note"] == (
        "error: wrong.ipynb: this notebook is for assignment 'a2_reliability', not 'a1_raw_reading'"
    )


@pytest.mark.slow
def test_the_grades_csv_has_a_row_per_submission_and_a_column_per_question(graded):
    table = pd.read_csv(graded["csvs"]["a1_raw_reading"], dtype=str, keep_default_na=False)
    assert list(table.columns) == ["submission", "q1", "q2", "q3", "q4", "q5", "total", "note"]
    assert list(table["submission"]) == [
        "blank.ipynb",
        "broken.ipynb",
        "full.ipynb",
        "late/partial.ipynb",
        "wrong.ipynb",
    ]
    assert list(table["total"]) == ["0", "", "11", "5", ""]
    assert set(table["q5"]) == {""}, "written answers are left to the marker"


@pytest.mark.slow
def test_grading_writes_nothing_into_the_repository(graded):
    assert graded["after"] == graded["before"]


@pytest.mark.slow
def test_a_master_whose_solution_fails_builds_no_autograder(tmp_path, monkeypatch):
    master = tmp_path / "src" / "broken_master" / "broken_master.ipynb"
    master.parent.mkdir(parents=True)
    cells = [
        nbformat.v4.new_raw_cell(
            "# ASSIGNMENT CONFIG\nname: broken_master\ninit_cell: false\n"
            "export_cell: false\ntests:\n  files: true\n  ok_format: false"
        ),
        nbformat.v4.new_raw_cell("# BEGIN QUESTION\nname: q1\npoints: 1"),
        nbformat.v4.new_markdown_cell("## Question 1 · Two and two (1 point)"),
        nbformat.v4.new_raw_cell("# BEGIN SOLUTION"),
        nbformat.v4.new_code_cell("answer = 5  # SOLUTION"),
        nbformat.v4.new_raw_cell("# END SOLUTION"),
        nbformat.v4.new_raw_cell("# BEGIN TESTS"),
        nbformat.v4.new_code_cell("# HIDDEN\ndef test_four(answer):\n    assert answer == 4"),
        nbformat.v4.new_raw_cell("# END TESTS"),
        nbformat.v4.new_raw_cell("# END QUESTION"),
    ]
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(nb, master)
    monkeypatch.setattr(coursework, "master_path", lambda name: master)
    with pytest.raises(CourseworkError, match="otter assign failed .*autograder tests failed"):
        coursework.build_autograder("broken_master", out=tmp_path / "build")
    assert not (tmp_path / "build" / "broken_master" / "broken_master-autograder.zip").exists()


# --- Bad input and the command line ----------------------------------------------------------


def test_a_submission_that_is_not_a_notebook_is_named_with_what_is_wrong(tmp_path):
    binary = tmp_path / "photo.ipynb"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    listless = tmp_path / "odd.ipynb"
    listless.write_text('{"cells": {}}', encoding="utf-8")
    with pytest.raises(CourseworkError, match=r"^photo\.ipynb: not a notebook: not UTF-8 text"):
        coursework.read_submission(binary, "photo.ipynb")
    with pytest.raises(CourseworkError, match=r"^odd\.ipynb: not a notebook: no list of cells$"):
        coursework.read_submission(listless, "odd.ipynb")


def test_a_notebook_from_elsewhere_is_not_graded_as_the_assignment(tmp_path):
    stray = tmp_path / "notes.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), stray)
    grade = coursework.grade_submission(stray, tmp_path / "unused.zip", "a1_raw_reading")
    assert grade.scores == {}
    assert grade.note == (
        "error: notes.ipynb: this notebook names no assignment: it was not made from a student "
        "version"
    )
    with pytest.raises(CourseworkError, match="no submission says which assignment it is"):
        coursework.grade_folder(tmp_path)


def test_grading_a_folder_says_what_is_missing(tmp_path, capsys):
    assert coursework.main(["grade", str(tmp_path / "nowhere")]) == 2
    assert f"no folder of submissions at {tmp_path / 'nowhere'}" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("not a notebook", encoding="utf-8")
    assert coursework.main(["grade", str(tmp_path)]) == 2
    assert "no .ipynb files to grade" in capsys.readouterr().err
    shutil.copy(_student("a1_raw_reading"), tmp_path / "a.ipynb")
    out = tmp_path / "grades.csv"
    nowhere = tmp_path / "no-autograders"
    code = coursework.main(
        ["grade", str(tmp_path), "--out", str(out), "--autograders", str(nowhere)]
    )
    assert code == 2 and not out.exists()
    assert "no autograder for a1_raw_reading" in capsys.readouterr().err


def test_an_unknown_assignment_lists_the_known_ones():
    with pytest.raises(CourseworkError, match="no assignment 'a9'.*assignments: a1_raw_reading, "):
        coursework.master_path("a9")


def test_the_make_targets_call_the_coursework_command():
    fragment = (course_root() / "coursework.mk").read_text(encoding="utf-8")
    for target, command in [
        ("assignments:", "-m helpers.instructor.coursework assign"),
        ("autograder:", "-m helpers.instructor.coursework autograder"),
        ("grade:", "-m helpers.instructor.coursework grade"),
    ]:
        assert re.search(rf"^{target}", fragment, re.M) and command in fragment, target


def test_the_command_line_prints_its_usage():
    output = io.StringIO()
    with contextlib.redirect_stdout(output), pytest.raises(SystemExit) as exit_:
        coursework.main(["--help"])
    assert exit_.value.code == 0 and "grade" in output.getvalue()
