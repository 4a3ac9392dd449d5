"""Lesson 08 runs top to bottom on any folder: on pages it was not written for, on an empty
folder and on a folder that does not exist yet. Its exercise checks may say "not answered yet",
but no cell raises."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.paths import course_root

LESSON = course_root() / "notebooks" / "08_bring_your_own_sources.ipynb"
UNSEEN = course_root() / "benchmarks" / "unseen" / "pages"

pytestmark = pytest.mark.slow


def _run(folder: Path, work: Path) -> nbformat.NotebookNode:
    """Execute the lesson with COURSE_BYO_FOLDER set; return the notebook with its outputs."""
    notebook = nbformat.read(LESSON, as_version=4)
    env = {"COURSE_BYO_FOLDER": str(folder), "COURSE_WORK_DIR": str(work)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(LESSON.parent)}},
        )
        client.execute()
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return notebook


def _errors(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        f"cell {i}: {out.ename}: {out.evalue}"
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.output_type == "error"
    ]


def _text(notebook: nbformat.NotebookNode) -> str:
    parts = []
    for cell in notebook.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.output_type == "stream":
                parts.append(out.text)
            elif "text/plain" in out.get("data", {}):
                parts.append(out.data["text/plain"])
    return "\n".join(parts)


def test_lesson_08_runs_without_an_error_on_a_folder_it_was_not_written_for(tmp_path):
    notebook = _run(UNSEEN, tmp_path)
    assert _errors(notebook) == []
    text = _text(notebook)
    pages = sorted(p.stem for p in UNSEEN.iterdir() if p.suffix in (".txt", ".html"))
    assert len(pages) == 35
    # Every page keeps its own column: no id is cut down to a prefix that several pages share.
    summary = next(
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and "reliability_signals(source).summary()" in cell.source
    )
    shown = summary.outputs[0].data["text/plain"]
    assert "[" in shown and "35 columns" in shown.replace("\n", " ")
    assert "report    01_wio_reuters_warplanes_aleppo" in text  # the folder itself was read


def test_lesson_08_says_what_to_do_when_the_folder_does_not_exist_yet(tmp_path):
    notebook = _run(tmp_path / "my-sources", tmp_path)
    assert _errors(notebook) == []
    assert "There is no folder" in _text(notebook)
    assert "Create it" in _text(notebook)


def test_lesson_08_says_what_to_do_when_the_folder_is_empty(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    notebook = _run(empty, tmp_path)
    assert _errors(notebook) == []
    assert "holds no .txt, .md or .html file yet" in _text(notebook)
