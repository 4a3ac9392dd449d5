"""The rating form in a real browser: a student rates a source in JupyterLab and it is on disk.

A two-cell notebook is written into a temporary served folder; JupyterLab runs with HOME and
COURSE_WORK_DIR in temporary folders, so the form saves to ``<tmp>/work/annotations``.
Chromium (Debian's, at /usr/bin/chromium) runs all cells, then chooses a reliability, types a
rationale, pastes an evidence quote, clicks Add evidence and Save, and the test reads the CSV
the kernel wrote. A screenshot is kept under the pytest temporary folder and, when
``$COURSE_TEST_ARTIFACTS`` is set, copied there. Skipped without Chromium except in CI, where
its absence is a failure (as in tests/test_browser.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from helpers import load_corpus
from helpers.annotations import load_annotations

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NOTEBOOK = "rating_form.ipynb"
ANNOTATOR = "browser_student"
SOURCE_ID = "001_d05eff7ba99ae3f9"
QUOTE = (
    "The United States has proposed working militarily with the Russians in Syria against a "
    "common enemy, the al-Qaeda-linked Jabhat al-Nusra group."
)
RATIONALE = "Three named analysts, a byline and a date; comments are a separate source."
BROKEN = ("Loading widget", "Error displaying widget", "model not found", "Traceback")
TIMEOUT_MS = 120_000  # a loaded 2-core machine can be slow; every wait is on a condition

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_browser():
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run should have installed it")
    pytest.skip("needs Debian's chromium (apt-get install chromium); .ci/run installs it")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_notebook(folder) -> int:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    # One code cell: on a loaded machine an early Run All can run only some cells.
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
    served, home = tmp_path / "served", tmp_path / "home"
    served.mkdir()
    home.mkdir()
    code_cells = _write_notebook(served)
    # No "get notified about Jupyter news?" toast over the form (and in the screenshot).
    settings = home / ".jupyter/lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    work = tmp_path / "work"
    port = _free_port()
    env = {**os.environ, "HOME": str(home), "COURSE_WORK_DIR": str(work)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--allow-root",
            f"--ServerApp.root_dir={served}",
            f"--LabApp.workspaces_dir={served / '.ws'}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=served,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        yield url, code_cells, work
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


@pytest.fixture
def browser():
    _require_browser()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _run_all_cells(page, expected: int) -> None:
    """Run All (answering the Select Kernel prompt whenever it appears), until every cell ran."""

    def run_all():
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        return time.time()

    asked_at = run_all()
    select_kernel = page.locator(".jp-Dialog").get_by_role("button", name="Select")
    prompts_js = """() => [...document.querySelectorAll(
        '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())"""
    deadline = time.time() + TIMEOUT_MS / 1000
    while True:
        if select_kernel.is_visible():
            with contextlib.suppress(Exception):
                select_kernel.click(timeout=2_000)
        prompts = page.evaluate(prompts_js)
        if len(prompts) == expected and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            return
        idle = all(p == "[ ]:" for p in prompts) and not select_kernel.is_visible()
        if idle and time.time() - asked_at > 15:  # Run All came before the page was ready
            asked_at = run_all()
        if time.time() > deadline:
            pytest.fail(f"cells did not all run within {TIMEOUT_MS // 1000} s; prompts: {prompts}")
        page.wait_for_timeout(500)


def _keep_screenshot(page, tmp_path, name: str):
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    kept = [shot]
    if os.environ.get("COURSE_TEST_ARTIFACTS"):
        folder = os.environ["COURSE_TEST_ARTIFACTS"]
        os.makedirs(folder, exist_ok=True)
        kept.append(shutil.copy(shot, folder))
    print(f"screenshot: {', '.join(str(k) for k in kept)}")
    return shot


def test_a_student_rates_a_source_in_jupyterlab_and_the_row_is_on_disk(lab, browser, tmp_path):
    began = time.monotonic()
    url, code_cells, work = lab
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(f"{url}/lab/tree/{NOTEBOOK}?reset", timeout=TIMEOUT_MS)
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell")
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        _run_all_cells(page, code_cells)
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
        _keep_screenshot(page, tmp_path, "rating_form.png")
    except BaseException:  # pytest.fail raises a BaseException
        with contextlib.suppress(Exception):
            _keep_screenshot(page, tmp_path, "rating_form-failure.png")
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
