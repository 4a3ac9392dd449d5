"""A class on JupyterHub: twenty students open the course's nbgitpuller link at once, run lesson 02
and save a rating each, and the instructor pools the class with the class report.

Everything runs on 127.0.0.1 without network: JupyterHub with its dummy authenticator and a local
process spawner (one home folder per student under a temporary folder), configurable-http-proxy
from npm (installed into ``build/node/`` on first use), and the course served to nbgitpuller as a
local bare git repository of this checkout's HEAD. Each student is a thread with its own HTTP
session, doing what the browser does: log in through the hub's form, follow the link, wait for
the server, let nbgitpuller clone the course, open lesson 02, run its code cells in a kernel over
the kernel websocket, and save a rating with the lesson's own form.

The test prints the time and memory each student costs (peak resident memory of the student's
server and kernel). At the end the hub stops and no process it started is left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

import nbformat
import psutil
import pytest
import requests
import websocket

from helpers.instructor.classroom import pool_class

# Run apart from `make test` (`make test-hub`): twenty servers starting at once on two cores
# beside the rest of the suite once left one server pending past its five-minute limit.
pytestmark = [pytest.mark.slow, pytest.mark.hub]

CLASS_SIZE = 20
LESSON = "notebooks/02_source_reliability.ipynb"
REPO_NAME = "course"  # the folder nbgitpuller clones into, in each student's home
CHP_VERSION = "5.3.0"
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


# ----------------------------------------------------------------------------- setup helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_proxy_command() -> Path:
    """configurable-http-proxy, installed from npm into build/node/ (git-ignored) on first use."""
    chp = ROOT / "build" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not chp.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("needs npm (Node.js) for configurable-http-proxy; .ci/run installs it")
        subprocess.run(
            [npm, "install", "--prefix", str(chp.parents[2]), "--no-audit", "--no-fund",
             "--silent", f"configurable-http-proxy@{CHP_VERSION}"],
            check=True, timeout=300,
        )  # fmt: skip
    return chp


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def serve_course(folder: Path) -> str:
    """This checkout's HEAD as a bare repository with one branch, main; its file:// URL."""
    bare = folder / f"{REPO_NAME}.git"
    git("init", "--quiet", "--bare", str(bare))
    git("push", "--quiet", str(bare), "HEAD:refs/heads/main", cwd=ROOT)
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=bare)
    return bare.as_uri()


def hub_config(folder: Path, port: int) -> Path:
    """A jupyterhub_config.py for a class on this machine."""
    config = f"""
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(http_proxy_command())!r}]
c.ConfigurableHTTPProxy.pid_file = {str(folder / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{folder / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(folder / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(folder / "hub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / "home" / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {["--allow-root"] if os.geteuid() == 0 else []!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
# the lessons import the course's helpers from the copy nbgitpuller pulled into the home folder
c.Spawner.environment = {{"PYTHONPATH": lambda spawner: spawner.home_dir + "/{REPO_NAME}"}}
c.JupyterHub.concurrent_spawn_limit = {CLASS_SIZE}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""
    path = folder / "jupyterhub_config.py"
    path.write_text(config)
    return path


def pull_link(hub: str, repo: str) -> str:
    """The course's nbgitpuller link to lesson 02, as an instructor hands it out."""
    query = urlencode(
        {"repo": repo, "branch": "main", "urlpath": f"lab/tree/{REPO_NAME}/{LESSON}"},
        quote_via=quote,
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


# ----------------------------------------------------------------------------- one student


class Student:
    """A browser, reduced to what a student's clicks send: one HTTP session on the hub."""

    def __init__(self, hub: str, name: str):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.server = f"{hub}/user/{name}"

    def xsrf(self) -> dict[str, str]:
        return {"X-XSRFToken": self.http.cookies.get("_xsrf", path=f"/user/{self.name}/")}

    def open_link(self, link: str, timeout: float = 300) -> requests.Response:
        """Follow the link: log in if asked, start the server, wait until it answers."""
        page = self.http.get(link, timeout=60)
        if urlparse(page.url).path == "/hub/login":
            action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
            xsrf = re.search(r'name="_xsrf"[^>]*value="([^"]+)"', page.text).group(1)
            page = self.http.post(
                self.hub + action.replace("&amp;", "&"),
                data={"username": self.name, "password": "class", "_xsrf": xsrf},
                timeout=60,
            )
        deadline = time.monotonic() + timeout
        while not urlparse(page.url).path.startswith(f"/user/{self.name}/git-pull"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: server not ready; last page {page.url}")
            spawn = re.search(r'href="(/hub/spawn/[^"]+)"', page.text)
            if spawn:  # "server not running": press its start button
                page = self.http.get(self.hub + spawn.group(1).replace("&amp;", "&"), timeout=60)
            time.sleep(0.5)
            page = self.http.get(link, timeout=60)
        page.raise_for_status()
        return page

    def pull(self, repo: str) -> list[dict]:
        """What the git-pull page's script does: read nbgitpuller's event stream to the end."""
        events = []
        query = {"repo": repo, "branch": "main", "targetpath": REPO_NAME}
        with self.http.get(
            f"{self.server}/git-pull/api", params=query, stream=True, timeout=300
        ) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    events.append(json.loads(line[len("data: ") :]))
        assert events and events[-1]["phase"] == "finished", f"{self.name}: {events[-3:]}"
        return events

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        reply = self.http.request(
            method, f"{self.server}/api/{path}", headers=self.xsrf(), timeout=120, **kwargs
        )
        reply.raise_for_status()
        return reply

    def run_notebook(self, path: str, cells: list[str]) -> str:
        """Open a session on the notebook as Lab does and run ``cells`` in its kernel, in order."""
        session = self.api(
            "POST", "sessions", json={"path": path, "type": "notebook", "name": "",
                                      "kernel": {"name": "python3"}},
        ).json()  # fmt: skip
        kernel = session["kernel"]["id"]
        ws_url = self.server.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        ws = websocket.create_connection(
            f"{ws_url}?session_id={session['id']}", timeout=300,
            header=[f"Cookie: {cookies}", f"X-XSRFToken: {self.xsrf()['X-XSRFToken']}"],
            origin=self.hub,
        )  # fmt: skip
        try:
            for n, code in enumerate(cells, start=1):
                execute(ws, session["id"], code, f"{self.name}, cell {n}")
        finally:
            ws.close()
        return session["id"]


def execute(ws: websocket.WebSocket, session: str, code: str, where: str) -> None:
    """Run one cell over the kernel websocket; raise with the traceback if it fails."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                   "username": "", "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }))  # fmt: skip
    error, replied, idle = None, False, False
    while not (replied and idle):
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "error":
            error = "\n".join(msg["content"]["traceback"])
        elif kind == "execute_reply":
            replied = True
            if msg["content"]["status"] != "ok" and error is None:
                error = msg["content"].get("evalue", "failed")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    if error:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", error)  # no terminal colours
        raise AssertionError(f"{where}: {plain}")


def lesson_cells(notebook: dict, annotator: str) -> list[str]:
    """Lesson 02's code cells as the student runs them, with their own name, then the rating."""
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        cells.append(
            re.sub(r'^ANNOTATOR = ".*"$', f"ANNOTATOR = {annotator!r}", source, flags=re.M)
        )
    assert any(f"ANNOTATOR = {annotator!r}" in c for c in cells), "lesson 02 names its annotator"
    # what the student does in the form: pick a rating, write why, press Save
    cells.append(
        'form.set_rating(reliability="B", rationale="Named reporter; named analysts.")\n'
        "assert form.save(), form.status\n"
        'assert annotation_path(ANNOTATOR).exists()'
    )  # fmt: skip
    return cells


def processes_of(hub: psutil.Process, name: str) -> list[psutil.Process]:
    """The student's single-user server and everything under it (the kernel)."""
    for proc in hub.children(recursive=True):
        try:
            if proc.environ().get("JUPYTERHUB_USER") == name and "singleuser" in " ".join(
                proc.cmdline()
            ):
                return [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    raise AssertionError(f"no server process for {name}")


def peak_rss_mb(proc: psutil.Process) -> float:
    """Peak resident memory of a live process (VmHWM), in MB."""
    status = Path(f"/proc/{proc.pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def one_student(hub_process: psutil.Process, hub: str, link: str, repo: str, n: int) -> dict:
    name = f"student{n:02d}"
    start = time.perf_counter()
    student = Student(hub, name)
    student.open_link(link)
    student.pull(repo)
    notebook_path = f"{REPO_NAME}/{LESSON}"
    lesson = student.api("GET", f"contents/{notebook_path}").json()["content"]
    opened = time.perf_counter()
    session = student.run_notebook(notebook_path, lesson_cells(lesson, name))
    done = time.perf_counter()
    procs = processes_of(hub_process, name)
    cpu = [sum(p.cpu_times()[:2]) for p in procs]
    memory = [peak_rss_mb(p) for p in procs]
    student.api("DELETE", f"sessions/{session}")  # closes the lesson and stops its kernel
    return {
        "name": name,
        "ready_s": opened - start,
        "lesson_s": done - opened,
        "total_s": done - start,
        "cpu_s": sum(cpu),
        "server_cpu_s": cpu[0],
        "server_mb": memory[0],
        "kernel_mb": sum(memory[1:]),
        "pids": [p.pid for p in procs],
        "student": student,
    }


# ----------------------------------------------------------------------------- the class


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub; yields (url, its process, the served repo's URL, folder); stops it all."""
    folder = tmp_path_factory.mktemp("hub")
    repo = serve_course(folder)
    port = free_port()
    config = hub_config(folder, port)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_WORK_DIR"}
    log = open(folder / "hub.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(config)],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/hub/api", timeout=5).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(
                f"the hub did not start:\n{(folder / 'hub.log').read_text()[-3000:]}"
            )
        time.sleep(0.3)
    hub_process = psutil.Process(proc.pid)
    seen: set[int] = set()
    try:
        yield url, hub_process, repo, folder, seen
    finally:
        seen |= {p.pid for p in hub_process.children(recursive=True)}
        proc.send_signal(signal.SIGTERM)  # the hub stops every server and the proxy it started
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        finally:
            log.close()
        gone, alive = psutil.wait_procs(
            [psutil.Process(pid) for pid in seen if psutil.pid_exists(pid)], timeout=30
        )
        assert not alive, f"left running after the hub stopped: {alive}"


def test_twenty_students_open_the_link_run_lesson_02_and_are_pooled_by_the_class_report(hub):
    url, hub_process, repo, folder, seen = hub
    link = pull_link(url, repo)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLASS_SIZE) as pool:
        results = list(
            pool.map(lambda n: one_student(hub_process, url, link, repo, n), range(CLASS_SIZE))
        )
    wall = time.perf_counter() - start
    for r in results:
        seen.update(r["pids"])

    # the instructor collects each student's rating file from their work folder
    class_folder = folder / "class"
    class_folder.mkdir()
    for r in results:
        saved = (
            folder / "home" / r["name"] / REPO_NAME / "work" / "annotations" / f"{r['name']}.csv"
        )
        assert saved.exists(), f"{r['name']}'s rating is in their own work folder"
        shutil.copy(saved, class_folder)
    pooled, problems = pool_class(class_folder)
    assert problems.empty, problems
    assert pooled["annotator"].nunique() == CLASS_SIZE
    report = subprocess.run(
        [sys.executable, "-m", "helpers.instructor.class_report", str(class_folder),
         "--out", str(folder / "class_report.html")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f"{CLASS_SIZE} students" in report.stdout

    n = len(results)
    measured = ("ready_s", "lesson_s", "total_s", "cpu_s", "server_cpu_s", "server_mb", "kernel_mb")
    mean = {k: sum(r[k] for r in results) / n for k in measured}
    print(
        f"\n{n} students on {os.cpu_count()} cores: {wall:.1f} s for the class "
        f"({wall / n:.2f} s of wall time per student); each student, on average: "
        f"{mean['ready_s']:.1f} s from the link to the pulled lesson, {mean['lesson_s']:.1f} s "
        f"to run it and save, {mean['cpu_s']:.1f} s of CPU ({mean['server_cpu_s']:.1f} s of "
        "them in the server, the rest in the kernel); peak memory "
        f"{mean['server_mb']:.0f} MB server + {mean['kernel_mb']:.0f} MB kernel = "
        f"{mean['server_mb'] + mean['kernel_mb']:.0f} MB (largest "
        f"{max(r['server_mb'] + r['kernel_mb'] for r in results):.0f} MB)"
    )


def test_a_student_who_changed_a_lesson_keeps_their_lines_when_the_instructor_updates_it(hub):
    """nbgitpuller merges the instructor's update and keeps the student's side of a conflict;
    a student who renames their copy gets the instructor's version back from the same link."""
    url, hub_process, repo, folder, seen = hub
    link, path = pull_link(url, repo), f"{REPO_NAME}/{LESSON}"
    student = Student(url, "student-conflict")
    student.open_link(link)
    student.pull(repo)
    seen.update(p.pid for p in processes_of(hub_process, student.name))

    # the student writes their name into the ANNOTATOR cell and saves, as Lab does
    model = student.api("GET", f"contents/{path}").json()
    cells = model["content"]["cells"]
    mine = next(i for i, c in enumerate(cells) if c["source"].startswith("ANNOTATOR = "))
    cells[mine]["source"] = 'ANNOTATOR = "amira"'
    student.api("PUT", f"contents/{path}", json={"type": "notebook", "content": model["content"]})

    # the instructor changes the same line, and a paragraph far from it, and pushes
    checkout = folder / "instructor"
    git("clone", "--quiet", repo, str(checkout))
    lesson = nbformat.read(checkout / LESSON, as_version=4)
    lesson.cells[mine].source = 'ANNOTATOR = "student"  # your name, in quotes'
    far = next(i for i, c in enumerate(lesson.cells) if c.cell_type == "markdown" and i > 0)
    lesson.cells[far].source += "\n\nUpdated by your instructor: read section 2 first."
    nbformat.write(lesson, checkout / LESSON)
    git("commit", "--quiet", "-am", "Lesson 02: say what to write as ANNOTATOR", cwd=checkout)
    git("push", "--quiet", "origin", "main", cwd=checkout)

    # the student opens the same link again
    student.open_link(link)
    events = student.pull(repo)
    merged = student.api("GET", f"contents/{path}").json()["content"]
    nbformat.validate(nbformat.from_dict(merged))
    assert merged["cells"][mine]["source"] == 'ANNOTATOR = "amira"', "the student's line wins"
    assert merged["cells"][far]["source"].endswith("read section 2 first."), "the rest merges"
    log = git("log", "--format=%an: %s", cwd=folder / "home" / student.name / REPO_NAME)
    assert log.splitlines()[:2] == [
        "nbgitpuller: Merge remote-tracking branch 'origin/main'",
        "nbgitpuller: Automatic commit by nbgitpuller",
    ], log
    print("\nnbgitpuller said:\n" + "".join(e.get("output", "") for e in events))

    # to get the instructor's version, the student renames theirs and opens the link again
    kept = path.replace(".ipynb", "-mine.ipynb")
    student.api("PATCH", f"contents/{path}", json={"path": kept})
    student.open_link(link)
    student.pull(repo)
    fresh = student.api("GET", f"contents/{path}").json()["content"]
    assert fresh["cells"][mine]["source"] == 'ANNOTATOR = "student"  # your name, in quotes'
    assert student.api("GET", f"contents/{kept}").json()["content"]["cells"][mine]["source"] == (
        'ANNOTATOR = "amira"'
    )
