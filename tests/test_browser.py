"""A student's path in a real browser: JupyterLab opens each lesson and runs every cell.

Lessons are served from a temporary copy with outputs cleared (so "every cell ran" cannot be
satisfied by stored outputs), with HOME pointed at a temporary folder (Jupyter writes there).
Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it); skipped without it
except in CI, where its absence is a failure.
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
from pathlib import Path

import nbformat
import pytest

from helpers.paths import course_root

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
LESSONS = sorted(p.name for p in (course_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))

pytestmark = pytest.mark.browser


def _require_browser():
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run should have installed it")
    pytest.skip("needs Debian's chromium (apt-get install chromium); .ci/run installs it")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _require_browser()
    pytest.importorskip("playwright")
    served = tmp_path_factory.mktemp("served")
    home = tmp_path_factory.mktemp("home")
    for name in LESSONS:
        nb = nbformat.read(course_root() / "notebooks" / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, served / name)
    port = _free_port()
    env = {**os.environ, "HOME": str(home), "COURSE_WORK_DIR": str(home / "work")}
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
        stderr=subprocess.PIPE,
        cwd=served,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        yield url, served
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_cell_of_the_lesson_runs_in_jupyterlab(lab, browser, lesson):
    url, served = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        expected = sum(c.cell_type == "code" for c in nbformat.read(served / lesson, 4).cells)
        page.goto(f"{url}/lab/tree/{lesson}?reset", timeout=60_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
        )

        def run_all_cells():
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            return time.time()

        asked_at = run_all_cells()
        # JupyterLab asks once which kernel to start (the notebook's own is preselected); on a
        # busy machine the question can come late, so it is answered whenever it appears.
        select_kernel = page.locator(".jp-Dialog").get_by_role("button", name="Select")
        prompts_js = """() => [...document.querySelectorAll(
            '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())"""
        deadline = time.time() + 120
        while True:
            if select_kernel.is_visible():
                with contextlib.suppress(Exception):
                    select_kernel.click(timeout=2_000)
            prompts = page.evaluate(prompts_js)
            if len(prompts) == expected and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
                break
            idle = all(p == "[ ]:" for p in prompts) and not select_kernel.is_visible()
            if idle and time.time() - asked_at > 15:  # Run All came before the page was ready
                asked_at = run_all_cells()
            if time.time() > deadline:
                page.screenshot(path=str(served / f"{lesson}-timeout.png"))
                pytest.fail(f"cells did not all run within 120 s; prompts: {prompts}")
            page.wait_for_timeout(500)
        errors = page.locator("[data-mime-type='application/vnd.jupyter.error']")
        assert errors.count() == 0, errors.first.inner_text()[:500]
        body = page.locator(".jp-NotebookPanel").inner_text()
        for broken in ("Error displaying widget", "model not found", "Traceback"):
            assert broken not in body
        assert "results" in body  # the exercise checks ran and gave feedback
        page.screenshot(path=str(served / f"{lesson}.png"))
    finally:
        page.close()
