"""A student's path in a real browser: JupyterLab opens each lesson and runs every cell.

Lessons are served from a temporary copy with outputs cleared (so "every cell ran" cannot be
satisfied by stored outputs), with HOME and the work folder in temporary folders (Jupyter and
the lessons write there). Needs Debian's Chromium (`.ci/run` installs it).
"""

from __future__ import annotations

import nbformat
import pytest
from jupyterlab_browser import (
    BROKEN,
    chromium,
    jupyterlab,
    keep_screenshot,
    open_and_run_all,
    read_notebook,
)
from jupyterlab_browser import require_browser as _require_browser

from helpers.paths import course_root

LESSONS = sorted(p.name for p in (course_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _require_browser()
    pytest.importorskip("playwright")
    served = tmp_path_factory.mktemp("served")
    home = tmp_path_factory.mktemp("home")
    (served / "as_stored").mkdir()
    for name in LESSONS:
        nb = nbformat.read(course_root() / "notebooks" / name, as_version=4)
        nbformat.write(nb, served / "as_stored" / name)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, served / name)
    with jupyterlab(served, home, {"COURSE_WORK_DIR": str(home / "work")}) as url:
        yield url, served


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_cell_of_the_lesson_runs_in_jupyterlab(lab, browser, lesson):
    url, served = lab
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(served / lesson, 4).cells)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        try:
            open_and_run_all(page, url, lesson, code_cells)
        except AssertionError:
            keep_screenshot(page, served, f"{lesson}-timeout.png")
            raise
        seen = read_notebook(page)
        assert not seen["errors"], seen["errors"][0]
        for broken in BROKEN:
            assert broken not in seen["text"]
        assert "results" in seen["text"]  # the exercise checks ran and gave feedback
        for alt, width in seen["images"].items():  # every figure reaches the reader with its alt
            assert len(alt.strip()) > 20, f"a figure of {lesson} has no useful alt text"
            assert width > 100, f"the figure {alt[:40]!r}… did not render"
        keep_screenshot(page, served, f"{lesson}.png")
    finally:
        page.close()


LESSONS_WITH_FIGURES = [
    name
    for name in LESSONS
    if "data:image/png;base64" in (course_root() / "notebooks" / name).read_text(encoding="utf-8")
]


@pytest.mark.parametrize("lesson", LESSONS_WITH_FIGURES)
def test_stored_figures_show_with_alt_text_before_anything_runs(lab, browser, lesson):
    """A student who opens a lesson (untrusted, nothing run) sees its figures and their alt."""
    url, served = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{url}/lab/tree/as_stored/{lesson}?reset", timeout=60_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
        seen = read_notebook(page)["images"]
        stored = (course_root() / "notebooks" / lesson).read_text(encoding="utf-8")
        assert len(seen) == stored.count("data:image/png;base64"), list(seen)
        for alt, width in seen.items():
            assert len(alt.strip()) > 20, f"a figure without useful alt text: {alt!r}"
            assert width > 100, f"the figure {alt[:40]!r}… did not render"
        keep_screenshot(page, served, f"{lesson}-as-stored.png")
    finally:
        page.close()
