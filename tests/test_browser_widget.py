"""The rating form in a real browser: a student rates a source in JupyterLab and it is on disk.

A one-cell notebook is written into a temporary served folder; JupyterLab runs with HOME and
COURSE_WORK_DIR in temporary folders, so the form saves into that temporary work folder.
Chromium (Debian's, at /usr/bin/chromium) runs the notebook, then chooses a reliability, types
a rationale, pastes an evidence quote, clicks Add evidence and Save, and the test reads the CSV
the kernel wrote. A screenshot is kept under the pytest temporary folder and, when
``$COURSE_TEST_ARTIFACTS`` is set, copied there. Skipped without Chromium except in CI, where
its absence is a failure (see tests/jupyterlab_browser.py).
"""

from __future__ import annotations

import contextlib
import time

import nbformat
import pytest
from jupyterlab_browser import BROKEN, chromium, jupyterlab, keep_screenshot, open_and_run_all
from jupyterlab_browser import require_browser as _require_browser

from helpers import load_corpus
from helpers.annotations import load_annotations

NOTEBOOK = "rating_form.ipynb"
ANNOTATOR = "browser_student"
SOURCE_ID = "001_d05eff7ba99ae3f9"
QUOTE = (
    "The United States has proposed working militarily with the Russians in Syria against a "
    "common enemy, the al-Qaeda-linked Jabhat al-Nusra group."
)
RATIONALE = "Three named analysts, a byline and a date; comments are a separate source."
TIMEOUT_MS = 120_000  # a loaded 2-core machine can be slow; every wait is on a condition

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _write_notebook(folder) -> int:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    # One code cell: the form is what is under test.
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Rating form (browser test)"),
        nbformat.v4.new_code_cell(
            "from helpers import load_corpus\n"
            "from helpers.widgets import rating_form\n\n"
            f"form = rating_form(load_corpus(), {ANNOTATOR!r}, start=1)\n"
            "form"
        ),
    ]
    nbformat.write(nb, folder / NOTEBOOK)
    return sum(c.cell_type == "code" for c in nb.cells)


@pytest.fixture
def lab(tmp_path):
    _require_browser()
    pytest.importorskip("playwright")
    served, home, work = tmp_path / "served", tmp_path / "home", tmp_path / "work"
    served.mkdir()
    home.mkdir()
    code_cells = _write_notebook(served)
    with jupyterlab(served, home, {"COURSE_WORK_DIR": str(work)}) as url:
        yield url, code_cells, work


@pytest.fixture
def browser():
    _require_browser()
    with chromium() as instance:
        yield instance


def test_a_student_rates_a_source_in_jupyterlab_and_the_row_is_on_disk(lab, browser, tmp_path):
    began = time.monotonic()
    url, code_cells, work = lab
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        open_and_run_all(page, url, NOTEBOOK, code_cells)
        errors = page.locator("[data-mime-type='application/vnd.jupyter.error']")
        assert errors.count() == 0, errors.first.inner_text()[:500]

        panel = page.locator(".jp-NotebookPanel")
        page.wait_for_selector(".jp-NotebookPanel .widget-button")
        status = panel.locator(".widget-html", has_text="rating the article")
        status.wait_for()
        body = panel.inner_text()
        for broken in BROKEN:
            assert broken not in body, f"{broken!r} shown in the notebook"
        assert "Source 2 of 5" in body and SOURCE_ID in body

        reliability = panel.locator(".widget-dropdown", has_text="Reliability").locator("select")
        reliability.select_option(label="B — Usually reliable")
        panel.locator(".widget-html", has_text="◀ chosen").wait_for()

        panel.locator(".widget-textarea textarea").fill(RATIONALE)
        panel.locator(".widget-text input").fill(QUOTE)
        panel.locator(".widget-button", has_text="Add evidence").click()
        panel.locator(".widget-html", has_text="Evidence attached:").first.wait_for()

        panel.locator(".widget-button", has_text="Save").click()
        saved = panel.locator(".widget-html", has_text="Saved reliability B")
        saved.wait_for()
        assert f"{ANNOTATOR}.csv" in saved.inner_text()
        panel.locator(".widget-html", has_text="Saved so far for this source").wait_for()
        saved.scroll_into_view_if_needed()
        keep_screenshot(page, tmp_path, "rating_form.png")
    except BaseException:  # pytest.fail raises a BaseException
        with contextlib.suppress(Exception):
            keep_screenshot(page, tmp_path, "rating_form-failure.png")
        raise
    finally:
        page.close()

    rows = load_annotations(work / "annotations" / f"{ANNOTATOR}.csv")
    assert len(rows) == 1
    row = rows.iloc[0]
    start = load_corpus()[SOURCE_ID].text.index(QUOTE)
    assert (row.annotator, row.source_id, row.level, row.target) == (
        ANNOTATOR,
        SOURCE_ID,
        "source",
        "article",
    )
    assert (row.reliability, row.credibility) == ("B", "")
    assert row.rationale == RATIONALE
    assert row.evidence == f"{start}-{start + len(QUOTE)}"
    print(f"browser widget test wall time: {time.monotonic() - began:.1f} s")
