"""Grading one submission in two phases: its code runs confined, the hidden tests run apart.

1. :func:`run_submission` runs the notebook with :mod:`helpers.instructor.submission_run`:
   under bubblewrap (:mod:`helpers.instructor.sandbox`) as ``nobody``, in a private folder
   holding only that notebook and the public checks, with no network and with time, CPU,
   memory and disk limits. The hidden tests are not in the sandbox at all. What comes out is
   JSON: the answer variables' values, the cells that raised errors, and how the run ended.
2. :func:`score_answers` decodes those values (plain data, never unpickled) and runs the hidden
   tests from the autograder zip on them, here, where no student code runs.

``isolation="none"`` (``--unconfined``) skips the sandbox: the same two phases, but the notebook
runs as the grader's own user with only the rlimits and the time limit. It is for trusted
notebooks only (your own solutions); :func:`choose_isolation` refuses it unless asked.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from helpers.instructor.sandbox import (
    SANDBOX_WORKDIR,
    Limits,
    bubblewrap_problem,
    bwrap_command,
    python_roots,
    run_bounded,
)
from helpers.instructor.submission_run import RESULT_MARKER, decode_answers
from helpers.paths import course_root

__all__ = [
    "answer_names",
    "choose_isolation",
    "GradingError",
    "hidden_tests",
    "ISOLATIONS",
    "isolation_summary",
    "run_submission",
    "score_answers",
]

#: The ways a submission can be run: in the bubblewrap sandbox, or unconfined (trusted only).
ISOLATIONS = ("bubblewrap", "none")
_COURSE_PARTS = ("helpers", "seeds", "data")


class GradingError(ValueError):
    """A submission that could not be graded, or a grader that cannot confine submissions."""


def choose_isolation(unconfined: bool = False) -> str:
    """``"bubblewrap"`` when the sandbox works here; ``"none"`` only when asked to run unconfined.

    >>> choose_isolation() in ISOLATIONS
    True
    """
    problem = bubblewrap_problem()
    if problem is None:
        return "bubblewrap"
    if unconfined:
        return "none"
    raise GradingError(
        f"cannot confine the submissions: {problem}. Install bubblewrap (Debian or Ubuntu: "
        "sudo apt-get install bubblewrap) and grade again. Only for notebooks you trust (your "
        "own), `make grade UNCONFINED=1` (--unconfined) runs them with all your rights."
    )


def isolation_summary(isolation: str, limits: Limits) -> str:
    """One line for the instructor: how submissions are run, and their limits.

    >>> isolation_summary("bubblewrap", Limits())[:60]
    'isolation: bubblewrap sandbox (user nobody, read-only system'
    """
    time_limits = (
        f"{limits.cell_seconds} s per cell, {limits.submission_seconds} s per submission, "
        f"{limits.memory_bytes // 2**20} MiB memory"
    )
    if isolation == "bubblewrap":
        return (
            "isolation: bubblewrap sandbox (user nobody, read-only system, no network, private "
            f"{limits.disk_bytes // 2**20} MiB folder, hidden tests out of reach); limits: "
            f"{time_limits}"
        )
    return (
        "isolation: NONE (--unconfined): each notebook runs with your own rights and can read "
        f"the hidden tests and change your files; limits: {time_limits}"
    )


@contextlib.contextmanager
def hidden_tests(autograder: str | Path) -> Iterator[Path]:
    """The ``tests/`` folder of an autograder zip, unpacked into a temporary folder.

    >>> with hidden_tests("missing.zip") as folder:
    ...     pass
    Traceback (most recent call last):
    ...
    helpers.instructor.grading.GradingError: cannot read the autograder missing.zip: ...
    """
    with tempfile.TemporaryDirectory(prefix="hidden-tests-") as tmp:
        folder = Path(tmp) / "tests"
        folder.mkdir()
        try:
            with zipfile.ZipFile(autograder) as archive:
                for info in archive.infolist():
                    parts = Path(info.filename).parts
                    if len(parts) == 2 and parts[0] == "tests" and parts[1].endswith(".py"):
                        (folder / parts[1]).write_bytes(archive.read(info))
        except (OSError, zipfile.BadZipFile) as err:
            raise GradingError(f"cannot read the autograder {autograder}: {err}") from None
        yield folder


def answer_names(tests_dir: str | Path) -> list[str]:
    """The answer variables the tests read: the parameters of their ``test_…`` functions.

    >>> from helpers.instructor.coursework import assignments_dir
    >>> answer_names(assignments_dir() / "a1_raw_reading" / "tests")[:3]
    ['q1_kinds', 'q2_author', 'q2_date_basis']
    """
    names: list[str] = []
    for path in sorted(Path(tests_dir).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                for arg in node.args.args:
                    if arg.arg not in names and arg.arg != "env":
                        names.append(arg.arg)
    return names


def score_answers(answers: dict[str, Any], tests_dir: str | Path) -> dict[str, float]:
    """Points per question: each test file of ``tests_dir`` (``q1.py``…) run on the answers.

    Only plain values reach the tests; a missing answer is ``None``, as otter passes it.

    >>> from helpers.instructor.coursework import assignments_dir
    >>> score_answers({"q4_banner": "b"}, assignments_dir() / "a1_raw_reading" / "tests")["q4"]
    0.0
    """
    from otter.nbmeta_config import NBMetadataConfig
    from otter.test_files import create_test_file

    scores = {}
    for path in sorted(Path(tests_dir).glob("*.py")):
        test_file = create_test_file(str(path), NBMetadataConfig())
        test_file.run(dict(answers))
        scores[path.stem] = float(test_file.score)
    return scores


def _sandbox_env(root: Path) -> dict[str, str]:
    home = "/tmp/home"
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(root),
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "COURSE_HOME": str(root),
        "COURSE_WORK_DIR": str(Path(home, "work")),
        "JUPYTER_PLATFORM_DIRS": "1",
        "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
        "IPYTHONDIR": f"{home}/ipython",
        "MPLCONFIGDIR": f"{home}/matplotlib",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def _runner(notebook: str, names: Sequence[str], limits: Limits, private: bool) -> list[str]:
    command = [sys.executable, "-m", "helpers.instructor.submission_run", notebook]
    command += ["--names", ",".join(names), "--timeout", str(limits.cell_seconds)]
    return [*command, "--private-disk"] if private else command


def _run_confined(
    path: Path, names: Sequence[str], limits: Limits, public_tests: Path | None
) -> Any:
    root = course_root()
    read_only = [*python_roots(), *(root / part for part in _COURSE_PARTS)]
    notebook = f"{SANDBOX_WORKDIR}/submission.ipynb"
    with open(path, "rb") as submission:
        command = bwrap_command(
            _runner(notebook, names, limits, private=True),
            read_only,
            limits,
            _sandbox_env(root),
            submission.fileno(),
            public_tests,
        )
        return run_bounded(command, limits, pass_fds=[submission.fileno()])


def _run_unconfined(
    path: Path, names: Sequence[str], limits: Limits, public_tests: Path | None
) -> Any:
    with tempfile.TemporaryDirectory(prefix="unconfined-submission-") as tmp:
        shutil.copyfile(path, Path(tmp) / "submission.ipynb")
        if public_tests is not None:
            shutil.copytree(public_tests, Path(tmp) / "tests")
        env = dict(
            os.environ, PYTHONPATH=str(course_root()), COURSE_WORK_DIR=str(Path(tmp, "work"))
        )
        command = _runner(str(Path(tmp) / "submission.ipynb"), names, limits, private=False)
        return run_bounded(command, limits, env=env, cwd=tmp)


def run_submission(
    path: str | Path,
    names: Sequence[str],
    limits: Limits,
    isolation: str = "bubblewrap",
    public_tests: Path | None = None,
) -> dict[str, Any]:
    """Phase 1: run a notebook (confined unless ``isolation="none"``); return what it left.

    The result has ``answers`` (decoded plain values), ``errors`` and ``error_count`` (cells
    that raised), ``disk_full``, and ``seconds``. A run that did not finish raises a
    :class:`GradingError` saying why (time limit, kernel stopped, nothing readable).
    """
    if isolation not in ISOLATIONS:
        raise GradingError(f"unknown isolation {isolation!r}; choose one of {ISOLATIONS}")
    run = _run_confined if isolation == "bubblewrap" else _run_unconfined
    outcome = run(Path(path), names, limits, public_tests)
    if outcome.timed_out:
        raise GradingError(
            f"stopped after {limits.submission_seconds} s, the time limit for one submission"
        )
    lines = [
        line
        for line in outcome.stdout.decode("utf-8", "replace").splitlines()
        if line.startswith(RESULT_MARKER)
    ]
    result: Any = None
    if lines:
        with contextlib.suppress(ValueError, RecursionError):
            result = json.loads(lines[-1][len(RESULT_MARKER) :])
    if not isinstance(result, dict):
        last = (outcome.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise GradingError(f"could not be run: {last}")
    if result.get("stopped"):
        raise GradingError(str(result["stopped"])[:300])
    errors, count = result.get("errors"), result.get("error_count")
    return {
        "answers": decode_answers(result.get("answers"), names),
        "errors": errors if isinstance(errors, list) else [],
        "error_count": count if isinstance(count, int) else 0,
        "disk_full": result.get("disk_full") is True,
        "seconds": outcome.seconds,
    }
