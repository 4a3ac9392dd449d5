"""What the real-browser tests share: a JupyterLab on loopback, Debian's Chromium, Run All.

JupyterLab 4.6 starts no kernel when a notebook opens and asks which one to start at the first
run; on a loaded machine that prompt, and the Run All command itself, can come before the page
is ready. So the kernel is started through the server's REST API before the page opens (Lab
attaches to the running session: no prompt), Run All is issued once the server reports the
kernel idle, and again only if the kernel stays idle with no cell run (the command was dropped).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
BROKEN = ("Loading widget", "Error displaying widget", "model not found", "Traceback")
PROMPTS_JS = """() => [...document.querySelectorAll(
    '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())"""


def require_browser() -> None:
    """Skip without Debian's Chromium, except in CI, where its absence is a failure."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run should have installed it")
    pytest.skip("needs Debian's chromium (apt-get install chromium); .ci/run installs it")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _api(url: str, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{url}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


@contextlib.contextmanager
def jupyterlab(served: Path, home: Path, env: dict | None = None):
    """Run JupyterLab on a free loopback port serving ``served``; yield its base URL."""
    settings = home / ".jupyter/lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)  # no "Jupyter news?" toast over the page
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
         "--port", str(port), "--ServerApp.port_retries=0", "--IdentityProvider.token=",
         "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", "--allow-root",
         f"--ServerApp.root_dir={served}", f"--LabApp.workspaces_dir={served / '.ws'}"],
        env={**os.environ, "HOME": str(home), **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=served,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                _api(url, "/api/status")
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


@contextlib.contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _kernel_state(url: str, kernel_id: str) -> str:
    return _api(url, f"/api/kernels/{kernel_id}").get("execution_state", "")


def open_and_run_all(page, url: str, notebook: str, code_cells: int, timeout: float = 180) -> None:
    """Start the notebook's kernel, open it in Lab, Run All, and wait until every cell ran."""
    session = _api(
        url, "/api/sessions",
        {"path": notebook, "name": notebook, "type": "notebook", "kernel": {"name": "python3"}},
    )  # fmt: skip
    kernel_id = session["kernel"]["id"]
    deadline = time.time() + timeout
    page.goto(f"{url}/lab/tree/{notebook}?reset", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
    # The server reports the kernel "starting" until a client connects: the page is that client.
    while _kernel_state(url, kernel_id) != "idle":
        if time.time() > deadline:
            raise AssertionError("the kernel did not become idle")
        time.sleep(0.5)
    select_kernel = page.locator(".jp-Dialog").get_by_role("button", name="Select")

    def run_all() -> float:
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        return time.time()

    asked_at = run_all()
    while True:
        if select_kernel.is_visible():  # should not happen with a running session; harmless
            with contextlib.suppress(Exception):
                select_kernel.click(timeout=2_000)
        prompts = page.evaluate(PROMPTS_JS)
        if len(prompts) == code_cells and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            return
        nothing_ran = all(p == "[ ]:" for p in prompts)
        if nothing_ran and time.time() - asked_at > 20 and _kernel_state(url, kernel_id) == "idle":
            asked_at = run_all()  # the page dropped the command: the kernel never got it
        if time.time() > deadline:
            raise AssertionError(
                f"cells did not all run within {timeout:.0f} s; prompts: {prompts}"
            )
        page.wait_for_timeout(500)


def keep_screenshot(page, folder: Path, name: str) -> Path:
    """Save a screenshot under ``folder`` and, if $COURSE_TEST_ARTIFACTS is set, copy it there."""
    path = Path(folder) / name
    page.screenshot(path=str(path))
    artefacts = os.environ.get("COURSE_TEST_ARTIFACTS")
    if artefacts:
        Path(artefacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(artefacts) / name)
    print(f"screenshot: {path}")
    return path


_SCROLLER = "document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"


def read_notebook(page, max_steps: int = 600) -> dict:
    """Scroll the open notebook from top to bottom and collect what a reader sees on the way.

    JupyterLab renders cells only as they scroll into view, so one look at the page shows a
    window of the notebook. Returns ``text`` (everything shown), ``errors`` (error outputs) and
    ``images`` (alt text -> natural width in pixels, 0 if the image did not decode).
    """
    page.evaluate(f"() => {_SCROLLER}.scrollTo(0, 0)")
    texts: list[str] = []
    errors: list[str] = []
    images: dict[str, int] = {}
    at_end_checks = 0  # Lab estimates the height of unrendered cells: the end must hold still
    for _ in range(max_steps):
        texts.append(page.locator(".jp-NotebookPanel").inner_text())
        shown = page.locator("[data-mime-type='application/vnd.jupyter.error']")
        errors += [shown.nth(i).inner_text()[:500] for i in range(shown.count())]
        for image in page.locator(".jp-OutputArea-output img").all():
            width = image.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)")
            images[image.get_attribute("alt") or ""] = width
        at_end = page.evaluate(
            f"() => {{ const s = {_SCROLLER}; "
            "return s.scrollTop + s.clientHeight >= s.scrollHeight - 2; }"
        )
        at_end_checks = at_end_checks + 1 if at_end else 0
        if at_end_checks >= 5:
            break
        page.evaluate(f"() => {_SCROLLER}.scrollBy(0, 600)")
        page.wait_for_timeout(100)
    return {"text": "\n".join(texts), "errors": errors, "images": images}
