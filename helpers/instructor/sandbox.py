"""Confining a student's notebook while it runs: bubblewrap, an unprivileged user, limits.

Graded submissions are untrusted code. Each runs under bubblewrap (``bwrap``, Debian's package
``bubblewrap``), the sandbox Flatpak uses, so that it:

- runs as the unprivileged user ``nobody`` (uid 65534) with no capabilities, and no way back
  (``no_new_privs``: set-uid programs do not raise it);
- sees a read-only system (``/usr``, ``/etc``), Python and the course's ``helpers/``, ``seeds/``
  and ``data/``, and nothing else: not the hidden tests, not the masters, not the folder of
  submissions, not the grades file, not the instructor's home;
- writes only to a private ``/tmp`` of limited size (:attr:`Limits.disk_bytes`) holding its own
  notebook and the public checks (read-only), thrown away afterwards;
- has no network (an empty network namespace) and its own process ids: when it ends, every
  process it started ends with it;
- is held to CPU, memory, file-size and process-count limits (rlimits) and, from outside, to a
  wall-clock limit per submission, after which the whole sandbox is killed.

:func:`bubblewrap_problem` says why the sandbox cannot run here (``None`` when it can).
:func:`bwrap_command` builds the command; :func:`run_bounded` runs any command with the limits,
a wall clock and a cap on what it prints, and kills its whole process group afterwards.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "bubblewrap_problem",
    "bwrap_command",
    "Limits",
    "python_roots",
    "run_bounded",
    "RunOutcome",
    "SANDBOX_UID",
    "SANDBOX_WORKDIR",
    "set_limits",
]

#: The user a submission runs as: ``nobody``.
SANDBOX_UID = 65534
#: The submission's private working folder inside the sandbox.
SANDBOX_WORKDIR = "/tmp/submission"
_SYSTEM = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc")


class Limits(NamedTuple):
    """What one submission may use. The defaults suit the course's assignments (a few seconds).

    >>> Limits().cell_seconds, Limits().submission_seconds
    (60, 300)
    """

    cell_seconds: int = 60
    submission_seconds: int = 300
    memory_bytes: int = 4 * 2**30
    disk_bytes: int = 128 * 2**20
    processes: int = 256


class RunOutcome(NamedTuple):
    """How a bounded run ended: exit status, what it printed (capped), time, and why it ended."""

    returncode: int | None
    stdout: bytes
    stderr: str
    seconds: float
    timed_out: bool


def python_roots() -> list[Path]:
    """The folders this Python and its environment live in (bound read-only into the sandbox).

    >>> Path(sys.prefix) in python_roots()
    True
    """
    found: list[Path] = []
    executable = Path(sys.executable)
    for folder in (
        Path(sys.base_prefix),
        Path(sys.prefix),
        executable.parent.parent,
        executable.resolve().parent.parent,
    ):
        folder = folder.resolve()
        if folder not in found:
            found.append(folder)
    return found


def _outermost(paths: Sequence[Path]) -> list[Path]:
    """The paths not inside another of them, in order."""
    resolved = sorted({Path(p).resolve() for p in paths}, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in resolved:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


def bwrap_command(
    command: Sequence[str],
    read_only: Sequence[Path],
    limits: Limits,
    env: dict[str, str],
    submission_fd: int,
    public_tests: Path | None = None,
    as_root: bool | None = None,
) -> list[str]:
    """The bubblewrap command that runs ``command`` confined, in :data:`SANDBOX_WORKDIR`.

    The submission is copied in from the open file ``submission_fd`` as ``submission.ipynb``;
    ``public_tests`` (if given) appears read-only as ``tests/`` beside it. Run by root, the
    sandbox needs no user namespace and drops to ``nobody`` with ``setpriv``; run by anyone
    else, a user namespace maps that user to uid 65534.

    >>> cmd = bwrap_command(["true"], [], Limits(), {"HOME": "/tmp"}, 3, as_root=True)
    >>> cmd[:2], "--unshare-net" in cmd, cmd[cmd.index("setpriv") + 1]
    (['bwrap', '--die-with-parent'], True, '--reuid=65534')
    """
    as_root = os.geteuid() == 0 if as_root is None else as_root
    args = ["bwrap", "--die-with-parent", "--new-session"]
    args += ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--hostname", "sandbox"]
    if not as_root:
        args += ["--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID)]
    for name in _SYSTEM:
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    system = [Path("/") / name for name in _SYSTEM]
    # The private /tmp first, so a course or venv that lives under /tmp is bound on top of it.
    args += ["--perms", "1777", "--size", str(limits.disk_bytes), "--tmpfs", "/tmp"]
    made: set[Path] = {Path("/tmp")}
    for path in _outermost([*read_only]):
        if any(path == s or s in path.parents for s in system):
            continue
        # bwrap would make the folders above a mount point readable by root alone
        for parent in reversed(path.parents[:-1]):
            if parent not in made:
                args += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        args += ["--ro-bind", str(path), str(path)]
    args += ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"]
    args += ["--perms", "0777", "--dir", SANDBOX_WORKDIR]
    if public_tests is not None:
        args += ["--ro-bind", str(public_tests), f"{SANDBOX_WORKDIR}/tests"]
    args += ["--perms", "0644", "--file", str(submission_fd), f"{SANDBOX_WORKDIR}/submission.ipynb"]
    args += ["--remount-ro", "/", "--chdir", SANDBOX_WORKDIR, "--clearenv"]
    for key, value in sorted(env.items()):
        args += ["--setenv", key, value]
    args.append("--")
    if as_root:
        args += ["setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups"]
        args += ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    return [*args, *command]


def set_limits(limits: Limits) -> None:
    """Apply the rlimits of ``limits`` to this process (called in the child before it runs).

    CPU seconds per process, address space, file size, number of processes; no core dumps.
    """
    cpu = limits.submission_seconds
    for which, value in [
        (resource.RLIMIT_CPU, (cpu, cpu + 5)),
        (resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes)),
        (resource.RLIMIT_FSIZE, (limits.disk_bytes, limits.disk_bytes)),
        (resource.RLIMIT_NPROC, (limits.processes, limits.processes)),
        (resource.RLIMIT_CORE, (0, 0)),
    ]:
        resource.setrlimit(which, value)


def _drain(stream: object, keep: int, tail: bool, into: list[bytes]) -> None:
    """Read a pipe to its end, keeping its first (or last) ``keep`` bytes and dropping the rest."""
    kept = b""
    while chunk := stream.read(65536):  # type: ignore[attr-defined]
        kept = (kept + chunk)[-keep:] if tail else kept + chunk[: max(0, keep - len(kept))]
    into.append(kept)


def run_bounded(
    command: Sequence[str],
    limits: Limits,
    pass_fds: Sequence[int] = (),
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    keep_bytes: int = 4 * 2**20,
) -> RunOutcome:
    """Run a command in its own process group with the limits and a wall clock; then kill the group.

    Standard output is kept up to ``keep_bytes`` (the rest is read and dropped), standard error's
    last 4000 bytes. After ``limits.submission_seconds`` the group is killed and ``timed_out``
    is true.

    >>> outcome = run_bounded([sys.executable, "-c", "print('hi')"], Limits())
    >>> outcome.returncode, outcome.stdout, outcome.timed_out
    (0, b'hi\\n', False)
    """
    started = time.monotonic()
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        pass_fds=tuple(pass_fds),
        env=env,
        cwd=cwd,
        preexec_fn=lambda: set_limits(limits),  # noqa: PLW1509 (no threads in the child)
    )
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=_drain, args=(process.stdout, keep_bytes, False, out)),
        threading.Thread(target=_drain, args=(process.stderr, 4000, True, err)),
    ]
    for reader in readers:
        reader.daemon = True
        reader.start()
    timed_out = False
    try:
        process.wait(timeout=limits.submission_seconds)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for reader in readers:
        reader.join(timeout=10)
    return RunOutcome(
        None if timed_out else process.returncode,
        out[0] if out else b"",
        (err[0] if err else b"").decode("utf-8", "replace"),
        time.monotonic() - started,
        timed_out,
    )


def bubblewrap_problem() -> str | None:
    """Why bubblewrap cannot confine a submission on this machine, or ``None`` if it can.

    It is tried for real: a tiny confined command must run as ``nobody``.

    >>> bubblewrap_problem() is None or "bubblewrap" in bubblewrap_problem()
    True
    """
    if sys.platform != "linux":
        return f"bubblewrap needs Linux (this is {sys.platform})"
    missing = [tool for tool in ("bwrap", "setpriv") if shutil.which(tool) is None]
    if os.geteuid() != 0 and "setpriv" in missing:
        missing.remove("setpriv")
    if missing:
        return f"bubblewrap is not installed (no {' or '.join(missing)} on PATH)"
    read, write = os.pipe()
    os.close(write)
    try:
        command = bwrap_command(
            ["/usr/bin/id", "-u"], [], Limits(), {"PATH": "/usr/bin:/bin"}, read
        )
        outcome = run_bounded(command, Limits(submission_seconds=30), pass_fds=[read])
    except OSError as err:
        return f"bubblewrap could not start: {err}"
    finally:
        os.close(read)
    if outcome.returncode != 0 or outcome.stdout.strip() != str(SANDBOX_UID).encode():
        last = (outcome.stderr.strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap is installed but cannot make a sandbox here: {last}"
    return None
