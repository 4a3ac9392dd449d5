"""Submissions that attack the grader, graded in one class folder with honest ones.

Each attacking notebook is the real student version of assignment 1 with one cell of hostile code
added; it knows the exact paths of the autograder, the submissions folder, the course and the
grades file (the strongest attacker). They are graded in the bubblewrap sandbox beside an honest
full submission and a blank one. Every attack must fail to cheat or to harm, the attacker's row
must say what happened, and the honest rows must keep their exact scores. One attack is also run
unconfined, to show that the attack code is real and the sandbox is what stops it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import nbformat
import pytest

from helpers.instructor import coursework, grading
from helpers.instructor.sandbox import Limits, bubblewrap_problem
from helpers.paths import course_root

NAME = "a1_raw_reading"
TOKEN = f"pwned-{os.getpid()}"
LIMITS = Limits(cell_seconds=25, submission_seconds=120, disk_bytes=48 * 2**20)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bubblewrap_problem() is not None,
        reason=f"no sandbox here: {bubblewrap_problem()} (.ci/run installs bubblewrap)",
    ),
]

ATTACKS = {
    # Replace every test it can reach with one that always passes, and the autograder itself.
    "rewrite_tests.ipynb": """
        import glob, tempfile, zipfile
        POINTS = {"q1": 4, "q2": 3, "q3": 2, "q4": 2}
        def full_marks(q):
            return (f"from otter.test_files import test_case\\nOK_FORMAT = False\\n"
                    f"name = {q!r}\\npoints = {POINTS[q]}\\n"
                    f"@test_case(points={POINTS[q]}, hidden=True)\\ndef test_always():\\n"
                    f"    pass\\n")
        hits = []
        for path in glob.glob("tests/*.py") + glob.glob(tempfile.gettempdir() + "/*/tests/*.py"):
            q = path.rsplit("/", 1)[-1][:-3]
            try:
                open(path, "w").write(full_marks(q)); hits.append(path)
            except (OSError, KeyError):
                pass
        try:
            with zipfile.ZipFile(ZIP, "w") as z:
                for q in POINTS:
                    z.writestr(f"tests/{q}.py", full_marks(q))
            hits.append(ZIP)
        except OSError:
            pass
    """,
    # Read the hidden tests or the master's solutions and answer from them.
    "read_answers.ipynb": """
        import re, zipfile
        found = ""
        for read in [lambda: zipfile.ZipFile(ZIP).read("tests/q4.py").decode(),
                     lambda: open(ROOT + "/notebooks/assignments/source/" + NAME + "/" + NAME
                                  + ".ipynb").read()]:
            try:
                found += read()
            except Exception:
                pass
        letter = re.search(r'q4_banner\\)?\\.?\\s*(?:==|=)\\s*\\\\?"(\\w)', found)
        q4_banner = letter.group(1) if letter else ...
    """,
    # Delete or alter the other students' notebooks: by known path, by relative path, and by
    # the folders named on any command line visible in /proc.
    "harm_others.ipynb": """
        import glob, os
        targets = [FOLDER + "/full.ipynb", FOLDER + "/blank.ipynb", "../full.ipynb"]
        for cmdline in glob.glob("/proc/*/cmdline"):
            try:
                args = open(cmdline, "rb").read().decode(errors="replace").split("\\0")
            except OSError:
                continue
            for arg in args:
                if os.path.isdir(arg) and arg.rstrip("/"):
                    targets += glob.glob(arg + "/*.ipynb") + glob.glob(arg + "/*/*.ipynb")
        for path in targets:
            if os.path.basename(path) == "submission.ipynb":
                continue
            try:
                open(path, "a").write("tampered")
            except OSError:
                pass
            try:
                os.remove(path)
            except OSError:
                pass
    """,
    # Write outside its folder: the system's /tmp, the course, the grades file, home.
    "write_outside.ipynb": """
        import os
        for path in ["/tmp/" + TOKEN, ROOT + "/" + TOKEN, OUT, os.path.expanduser("~/" + TOKEN),
                     FOLDER + "/" + TOKEN]:
            try:
                open(path, "w").write("pwned")
            except OSError:
                pass
    """,
    # Leave a process running after grading: detached, in its own session, named by the token.
    "background.ipynb": """
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)", TOKEN],
                         start_new_session=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    """,
    # Never finish.
    "loop_forever.ipynb": """
        while True:
            pass
    """,
    # Fill the disk, hide the error, and answer one question honestly.
    "fill_disk.ipynb": """
        chunk = b"x" * 2**20
        try:
            with open("filler.bin", "wb") as f:
                for _ in range(100_000):
                    f.write(chunk)
        except OSError:
            pass
        q4_banner = "b"
    """,
    # Stop the kernel under the grader.
    "exit_kernel.ipynb": """
        import os
        q4_banner = "b"
        os._exit(0)
    """,
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _attack(student: Path, code: str, paths: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(student, as_version=4)
    setup = "".join(f"{key} = {value!r}\n" for key, value in paths.items())
    nb.cells.append(nbformat.v4.new_code_cell(setup + textwrap.dedent(code)))
    return nb


def _class_folder(tmp: Path, build: coursework.Build) -> tuple[Path, Path, Path]:
    """A class folder: full, blank and one notebook per attack; the autograder; the out file."""
    zip_path = coursework.autograder_path(NAME, tmp / "autograders")
    zip_path.parent.mkdir(parents=True)
    shutil.copy(build.autograder, zip_path)
    folder = tmp / "submissions"
    folder.mkdir()
    shutil.copy(build.solutions, folder / "full.ipynb")
    student = build.student / f"{NAME}.ipynb"
    shutil.copy(student, folder / "blank.ipynb")
    out = tmp / "grades" / "grades.csv"
    out.parent.mkdir()
    paths = {
        "ZIP": str(zip_path),
        "FOLDER": str(folder),
        "ROOT": str(course_root()),
        "OUT": str(out),
        "NAME": NAME,
        "TOKEN": TOKEN,
    }
    for file_name, code in ATTACKS.items():
        nbformat.write(_attack(student, code, paths), folder / file_name)
    return folder, zip_path, out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return coursework.otter_assign(NAME, tmp_path_factory.mktemp("assign") / NAME)


@pytest.fixture(scope="module")
def attacked(built, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    folder, zip_path, out = _class_folder(tmp, built)
    before = {p.name: _digest(p) for p in folder.iterdir()}
    zip_before = _digest(zip_path)
    root_before = sorted(p.name for p in course_root().iterdir())
    table = coursework.grade_folder(
        folder,
        NAME,
        out,
        autograders=zip_path.parent.parent,
        limits=LIMITS,
        isolation="bubblewrap",
        workers=2,
    ).set_index("submission")
    return {
        "table": table,
        "folder": folder,
        "before": before,
        "zip": zip_path,
        "zip_before": zip_before,
        "root_before": root_before,
        "out": out,
    }


def _row(attacked, name: str):
    return attacked["table"].loc[name]


def test_the_honest_rows_keep_their_exact_scores(attacked):
    full, blank = _row(attacked, "full.ipynb"), _row(attacked, "blank.ipynb")
    assert [full[q] for q in ("q1", "q2", "q3", "q4", "q5", "total")] == [4, 3, 2, 2, "", 11]
    assert [blank[q] for q in ("q1", "q2", "q3", "q4", "total")] == [0, 0, 0, 0, 0]
    assert full["note"] == "" and blank["note"] == ""


def test_rewriting_the_tests_earns_nothing_and_changes_no_test(attacked):
    row = _row(attacked, "rewrite_tests.ipynb")
    assert row["total"] == 0 and row["note"] == ""
    assert _digest(attacked["zip"]) == attacked["zip_before"]
    public = course_root() / "notebooks" / "assignments" / NAME / "tests"
    assert all("test_always" not in p.read_text(encoding="utf-8") for p in public.glob("*.py"))


def test_the_hidden_tests_and_solutions_cannot_be_read(attacked):
    row = _row(attacked, "read_answers.ipynb")
    assert row["q4"] == 0 and row["total"] == 0


def test_other_submissions_cannot_be_deleted_or_altered(attacked):
    after = {p.name: _digest(p) for p in attacked["folder"].iterdir()}
    assert after == attacked["before"]
    assert _row(attacked, "harm_others.ipynb")["total"] == 0


def test_nothing_is_written_outside_the_submissions_private_folder(attacked):
    assert not Path("/tmp", TOKEN).exists()
    assert not (course_root() / TOKEN).exists()
    assert not Path("~", TOKEN).expanduser().exists()
    assert sorted(p.name for p in course_root().iterdir()) == attacked["root_before"]
    assert "pwned" not in attacked["out"].read_text(encoding="utf-8")
    assert _row(attacked, "write_outside.ipynb")["total"] == 0


def test_no_process_it_started_outlives_grading(attacked):
    survivors = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if TOKEN.encode() in cmdline.read_bytes():
                survivors.append(cmdline.parent.name)
        except OSError:
            continue
    assert survivors == []
    assert _row(attacked, "background.ipynb")["total"] == 0


def test_a_notebook_that_never_ends_hits_the_time_limit_and_its_row_says_so(attacked):
    row = _row(attacked, "loop_forever.ipynb")
    assert row["total"] == ""
    assert row["note"].startswith("error: loop_forever.ipynb: cell ")
    assert row["note"].endswith(f"ran longer than {LIMITS.cell_seconds} s (the time limit)")


def test_filling_the_disk_stops_at_its_limit_and_the_row_says_so(attacked):
    row = _row(attacked, "fill_disk.ipynb")
    assert row["q4"] == 2 and row["total"] == 2
    assert row["note"] == "it filled its private folder (the disk limit)"
    assert not (attacked["folder"] / "filler.bin").exists()


def test_exiting_the_kernel_is_an_error_row_not_a_crash(attacked):
    row = _row(attacked, "exit_kernel.ipynb")
    assert row["total"] == "" and row["q4"] == ""
    assert row["note"].startswith("error: exit_kernel.ipynb: the notebook's kernel stopped")


def test_the_grades_file_holds_every_row_and_no_partial_file_is_left(attacked):
    text = attacked["out"].read_text(encoding="utf-8")
    assert all(name in text for name in ["full.ipynb", "blank.ipynb", *ATTACKS])
    assert not coursework.in_progress_path(attacked["out"]).exists()


def test_unconfined_the_same_attack_does_rewrite_the_autograder(built, tmp_path, monkeypatch):
    # What the sandbox prevents is real: run without it, the attack replaces the hidden tests.
    # Its temporary folder is this test's own, so it reaches no other test's files.
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    folder, zip_path, _ = _class_folder(tmp_path, built)
    before = _digest(zip_path)
    grade = coursework.grade_submission(
        folder / "rewrite_tests.ipynb", zip_path, NAME, limits=LIMITS, isolation="none"
    )
    assert grade.note == "" and sum(grade.scores.values()) == 11, "full marks for a blank"
    assert _digest(zip_path) != before
    with grading.hidden_tests(zip_path) as tests:  # a blank notebook now earns every point
        assert grading.score_answers({}, tests) == {"q1": 4.0, "q2": 3.0, "q3": 2.0, "q4": 2.0}
