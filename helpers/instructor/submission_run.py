"""Run one submitted notebook and report its answers as plain values (grading, phase 1).

Grading a submission has two phases, so that no student code ever runs where the hidden tests
are (:mod:`helpers.instructor.sandbox` confines this one):

1. **Here**, inside the sandbox: the notebook runs in a fresh kernel, cell by cell, with only its
   public checks beside it; then the values of the answer variables (``q1_kinds``…) are written
   out as tagged JSON: strings, numbers, lists, tuples, sets, dicts, ``None``, ``...``. Anything
   else becomes an *unsupported* marker that fails every test. Nothing is pickled.
2. **Outside**, in the grader's process: :func:`decode_answers` turns that JSON back into plain
   values (every byte of it is treated as untrusted) and the hidden tests score them.

Whatever a submission prints or forges here can only change its own answers, which it could set
anyway; it cannot reach the hidden tests, the other submissions or the grades file.

Command line (run by the grader, inside the sandbox)::

    python -m helpers.instructor.submission_run NOTEBOOK --names q1_kinds,q2_author --timeout 60
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "decode_answers",
    "decode_value",
    "encode_value",
    "extraction_code",
    "main",
    "RESULT_MARKER",
    "run_notebook",
    "UnsupportedAnswer",
]

#: Starts the one line of standard output that carries the result.
RESULT_MARKER = "@@GRADING-RESULT@@"
_MAX_DEPTH = 32


class UnsupportedAnswer:
    """An answer that was not a plain value (a DataFrame, a function…): it fails every test.

    >>> UnsupportedAnswer("DataFrame")
    <unsupported answer: DataFrame>
    """

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<unsupported answer: {self.type_name}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnsupportedAnswer) and other.type_name == self.type_name

    def __hash__(self) -> int:
        return hash(("UnsupportedAnswer", self.type_name))


def encode_value(value: Any, depth: int = 0) -> Any:
    """A plain value as tagged JSON data; anything else as ``{"unsupported": type name}``.

    >>> encode_value({"A": ("x", 1)})
    {'dict': [['A', {'tuple': ['x', 1]}]]}
    >>> encode_value(...), encode_value(float("nan")), encode_value(print)
    ({'ellipsis': True}, {'float': 'nan'}, {'unsupported': 'builtin_function_or_method'})
    """
    import numbers

    if depth > _MAX_DEPTH:
        return {"unsupported": "nested too deeply"}
    if value is None or isinstance(value, bool):
        return value
    if value is Ellipsis:
        return {"ellipsis": True}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else {"float": repr(number)}
    if isinstance(value, list):
        return [encode_value(item, depth + 1) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [encode_value(item, depth + 1) for item in value]}
    if isinstance(value, set | frozenset):
        return {"set": [encode_value(item, depth + 1) for item in value]}
    if isinstance(value, dict):
        pairs = [[encode_value(k, depth + 1), encode_value(v, depth + 1)] for k, v in value.items()]
        return {"dict": pairs}
    return {"unsupported": type(value).__name__}


def decode_value(data: Any, depth: int = 0) -> Any:
    """The plain value that tagged JSON data stands for; a ``ValueError`` if it is not one.

    >>> decode_value({"dict": [["A", {"tuple": ["x", 1]}]]})
    {'A': ('x', 1)}
    >>> decode_value({"unsupported": "DataFrame"})
    <unsupported answer: DataFrame>
    """
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deeply")
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode_value(item, depth + 1) for item in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError("not a tagged value")
    ((tag, inner),) = data.items()
    if tag == "ellipsis":
        return Ellipsis
    if tag == "float" and inner in {"nan", "inf", "-inf"}:
        return float(inner)
    if tag == "unsupported":
        return UnsupportedAnswer(str(inner)[:80])
    if not isinstance(inner, list):
        raise ValueError(f"{tag}: not a list")
    if tag == "tuple":
        return tuple(decode_value(item, depth + 1) for item in inner)
    try:
        if tag == "set":
            return {decode_value(item, depth + 1) for item in inner}
        if tag == "dict" and all(isinstance(pair, list) and len(pair) == 2 for pair in inner):
            return {decode_value(k, depth + 1): decode_value(v, depth + 1) for k, v in inner}
    except TypeError:  # an unhashable key or member: a list inside a set
        return UnsupportedAnswer(f"{tag} with unhashable members")
    raise ValueError(f"unknown tag {tag!r}")


def decode_answers(data: Any, names: Sequence[str]) -> dict[str, Any]:
    """The answers of a result, by name: only the expected names, each decoded or unsupported.

    >>> decode_answers({"q1": "b", "x": 1, "q2": {"bad": 1}}, ["q1", "q2", "q3"])
    {'q1': 'b', 'q2': <unsupported answer: malformed>}
    """
    if not isinstance(data, dict):
        return {}
    answers = {}
    for name in names:
        if name in data:
            try:
                answers[name] = decode_value(data[name])
            except (ValueError, RecursionError):
                answers[name] = UnsupportedAnswer("malformed")
    return answers


def extraction_code(names: Sequence[str]) -> str:
    """The code run in the kernel after the notebook: prints its answers as one marked line.

    >>> scope = {"q1": ("a", ...)}
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as printed:
    ...     exec(extraction_code(["q1", "q2"]), scope)
    >>> printed.getvalue() == RESULT_MARKER + '{"q1": {"tuple": ["a", {"ellipsis": true}]}}\\n'
    True
    """
    import inspect

    header = f"from __future__ import annotations\nimport math\n_MAX_DEPTH = {_MAX_DEPTH}\n"
    encoder = header + inspect.getsource(encode_value)
    return (
        "def __grading_answers(names, encoder):\n"
        "    import json\n"
        "    scope = {}\n"
        "    exec(encoder, scope)\n"
        "    found = {}\n"
        "    for name in names:\n"
        "        if name in globals():\n"
        "            try:\n"
        "                found[name] = scope['encode_value'](globals()[name])\n"
        "            except Exception as err:\n"
        "                found[name] = {'unsupported': type(err).__name__}\n"
        f"    return {RESULT_MARKER!r} + json.dumps(found)\n"
        f"print(__grading_answers({list(names)!r}, {encoder!r}))\n"
    )


def _errors(nb: Any) -> list[dict[str, Any]]:
    found = []
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(
                    {
                        "cell": index,
                        "ename": str(output.get("ename", "Error"))[:80],
                        "evalue": str(output.get("evalue", ""))[:300],
                    }
                )
    return found


def _disk_full(folder: Path) -> bool:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_blocks > 0 and stats.f_bavail <= stats.f_blocks // 50


def run_notebook(
    path: str | Path, names: Sequence[str], cell_timeout: int, private_disk: bool = False
) -> dict[str, Any]:
    """Run a notebook in a fresh kernel beside it; return its answers, errors and how it ended.

    ``stopped`` says why the run ended early (a cell over its time, the kernel gone), else None.
    With ``private_disk`` (the sandbox's own size-limited folder), ``disk_full`` says whether
    the notebook filled it.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(path).resolve()
    nb = nbformat.read(str(path), as_version=4)
    nb.cells = [cell for cell in nb.cells if cell.get("cell_type") in {"code", "markdown"}]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nb.cells.append(nbformat.v4.new_code_cell(extraction_code(names)))
    current = {"cell": 0}

    def started(cell: Any, cell_index: int) -> None:
        current["cell"] = cell_index + 1

    client = NotebookClient(
        nb,
        timeout=cell_timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=started,
    )
    stopped = None
    try:
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        stopped = f"cell {current['cell']} ran longer than {cell_timeout} s (the time limit)"
    except DeadKernelError:
        stopped = (
            f"the notebook's kernel stopped during cell {current['cell']} "
            "(the notebook exited, crashed or passed a memory limit)"
        )
    except Exception as err:  # the notebook could not be run at all
        stopped = f"could not be run: {type(err).__name__}: {str(err)[:200]}"
    answers: Any = None
    if stopped is None:
        extraction = nb.cells[-1]
        for output in extraction.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            for line in text.splitlines():
                if line.startswith(RESULT_MARKER):
                    answers = json.loads(line[len(RESULT_MARKER) :])
        if answers is None:
            stopped = "its answers could not be read after it ran"
    errors = _errors(nb)
    errors = [e for e in errors if e["cell"] != len(nb.cells)]
    return {
        "answers": answers or {},
        "errors": errors[:3],
        "error_count": len(errors),
        "stopped": stopped,
        "disk_full": private_disk and _disk_full(path.parent),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run a notebook and print its result as one marked JSON line; the exit status is 0."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor.submission_run")
    parser.add_argument("notebook")
    parser.add_argument("--names", default="", help="answer variables, comma-separated")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--private-disk", action="store_true")
    args = parser.parse_args(argv)
    names = [name for name in args.names.split(",") if name]
    result = run_notebook(args.notebook, names, args.timeout, args.private_disk)
    sys.stdout.write(RESULT_MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
