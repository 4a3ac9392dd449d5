"""Reading and writing the course's files: one CSV reader, one lock, one atomic write.

Every CSV the package reads (the curated tables in ``data/``, the outlet table of FA-KES, a
student's annotation or ACH file, a user's own lexicon or gazetteer extension) goes through
:func:`read_csv`, so every file follows the same rules and breaks them with the same kind of
message:

- **Encoding**: UTF-8, with or without a byte-order mark (what Excel writes as "CSV UTF-8").
  A file saved as UTF-16 or in a legacy code page is refused, naming the line and the byte.
- **Shape**: one header row, then rows with exactly as many fields as the header. Line
  breaks inside quoted values are fine; rows where every field is blank are skipped. Header
  names are compared without surrounding spaces and case.
- **Errors**: :class:`TableError` (a ``ValueError``), whose message starts with the file's
  name, then the physical line the row starts on, the column, and what was expected::

      claims.csv, line 4: 11 fields; expected 12: the row stops before column note

  The full path, the line and the column are also on ``err.path``, ``err.line`` and
  ``err.column``.

Writing: :func:`write_atomic` replaces a file so that a crash leaves the old or the new
content, never half of one; :func:`locked` serialises writers with a lock file created with
``O_CREAT | O_EXCL`` (atomic on local file systems and NFS v3+); :func:`append_csv_rows`
appends rows to a CSV keeping the earlier bytes and a ``.bak`` copy. :func:`latest_positions`
is the one "latest wins" rule of append-only files: per key, the row with the newest
timestamp, the later row on a tie.

- **Crashes.** The lock file records its owner (``pid``, ``host``, the process's start time
  where the system tells it). A lock whose owner is gone (same host, process no longer
  running, or its number now used by a later process) is taken over at once; a live owner
  is waited for, up to ``LOCK_TIMEOUT`` seconds. A lock made on another host (a shared
  network folder), or one that names no owner, is stale only when older than
  ``STALE_LOCK_SECONDS``. An interrupted atomic write leaves a temporary file named
  ``.<name>.saving-<host>-<pid>-<random>.tmp``; the next write into that folder removes
  every such file older than ``ORPHAN_TEMP_SECONDS`` whose writer is gone.
- **Write errors** (a read-only folder, a full disk, a folder where the file should be, a
  file where the folder should be) raise :class:`WriteError`, an ``OSError`` whose message
  names the file and the folder, says what to do, and that nothing already saved changed
  (:func:`write_problem` words it).

Two kinds of CSV are written. The course's **own stores** (students' annotation and ACH files)
are read back by the course and keep every value exactly as typed. Files **made for people to
open in a spreadsheet** (grade exports, gradebooks, the class's pooled ratings) go through
:func:`write_spreadsheet_csv`, which neutralises formulas with :func:`spreadsheet_safe`
(OWASP's rule for CSV injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return gets a leading ``'``; numbers, ``-1`` included, stay numbers).

This module imports only the standard library.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import hashlib
import io
import numbers
import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.latest import latest_positions, parse_timestamp

__all__ = [
    "FORMULA_STARTS",
    "LOCK_TIMEOUT",
    "NEW_FILE_LINE_END",
    "ORPHAN_TEMP_SECONDS",
    "STALE_LOCK_SECONDS",
    "CsvLineError",
    "CsvTable",
    "FileBusyError",
    "TableError",
    "WriteError",
    "append_csv_rows",
    "csv_line",
    "csv_records",
    "decode_utf8",
    "ensure_folder",
    "latest_positions",
    "parse_timestamp",
    "lock_owner_gone",
    "locked",
    "process_running",
    "read_csv",
    "read_file_bytes",
    "remove_orphan_temp_files",
    "spreadsheet_safe",
    "write_atomic",
    "write_problem",
    "write_spreadsheet_csv",
]

LOCK_TIMEOUT = 15.0
STALE_LOCK_SECONDS = 30.0
ORPHAN_TEMP_SECONDS = 10.0
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEW_FILE_LINE_END = "\r\n"
SAVE_AS = 'save it as "CSV UTF-8"'
_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class TableError(ValueError):
    """A file that does not fit its contract; the message names file, line and column.

    Attributes: ``path`` (full path of the file, or None), ``line`` (the physical line the
    row starts on), ``column`` (column name) — each None when it does not apply.

    >>> err = TableError("a.csv, line 3, column sign: 'x' is not one of +1, -1, 0",
    ...                  "data/a.csv", 3, "sign")
    >>> err.path.name, err.line, err.column
    ('a.csv', 3, 'sign')
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
    ):
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column


class FileBusyError(TimeoutError):
    """Another writer held a file's lock for longer than the wait allowed.

    >>> FileBusyError("a.csv: busy", "a.csv").path.name
    'a.csv'
    """

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class WriteError(OSError):
    """A file could not be written; the message names it, its folder and what to do.

    An ``OSError`` keeping the original ``errno``; ``path`` is the file that was being written.

    >>> err = WriteError("a.csv: not saved: the disk is full", "/tmp/a.csv", errno.ENOSPC)
    >>> str(err), err.errno == errno.ENOSPC, err.path.name
    ('a.csv: not saved: the disk is full', True, 'a.csv')
    """

    def __init__(self, message: str, path: str | Path | None = None, code: int | None = None):
        super().__init__(code, message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


ErrorType = Callable[..., Exception]
_KEPT = "nothing already saved was changed"


def write_problem(err: OSError, path: str | Path) -> str:
    """What went wrong writing ``path``, in words that name the place and say what to do.

    >>> write_problem(OSError(errno.ENOSPC, "No space left"), "/w/a.csv")[:48]
    'a.csv: not saved: the disk holding /w is full (n'
    """
    path = Path(path)
    name, folder = path.name, path.parent
    where = Path(err.filename) if isinstance(getattr(err, "filename", None), str) else path
    if isinstance(err, WriteError):
        return err.message
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"{name}: not saved: the disk holding {folder} is full (no space left). Free "
            "some space (delete large files you no longer need, empty the bin), then save "
            f"again; {_KEPT}"
        )
    if isinstance(err, IsADirectoryError) or (where.is_dir() and where.name == name):
        where = path if path.is_dir() else where
        return (
            f"{name}: not saved: {where} is a folder, where the file {where.name} should be. "
            f"Rename or move that folder, then save again; {_KEPT}"
        )
    if isinstance(err, (NotADirectoryError, FileExistsError)) or (
        err.errno == errno.EEXIST and where.is_file()
    ):
        blocking = next((p for p in (where, *where.parents) if p.is_file()), where)
        return (
            f"{name}: not saved: {blocking} is a file, where a folder should be. Rename or move "
            f"that file (or save to another folder), then save again; {_KEPT}"
        )
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"{name}: not saved: the folder {folder} is read-only (permission denied). Save to "
            f"a folder you can write to (set COURSE_WORK_DIR to one, or give folder=...), or ask "
            f"for write access to it; {_KEPT}"
        )
    reason = err.strerror or str(err) or type(err).__name__
    return f"{name}: not saved in {folder}: {reason}. Check the folder, then save again; {_KEPT}"


def ensure_folder(folder: str | Path, for_file: str | Path | None = None) -> Path:
    """Create ``folder`` (and its parents) if missing; a :class:`WriteError` says why not.

    ``for_file`` names the file about to be saved there, for the message.

    >>> import tempfile
    >>> ensure_folder(Path(tempfile.mkdtemp(), "a", "b")).is_dir()
    True
    """
    folder = Path(folder)
    target = Path(for_file) if for_file is not None else folder / "."
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        if err.filename is None:
            err.filename = str(folder)
        raise WriteError(write_problem(err, target), target, err.errno) from None
    return folder


# --------------------------------------------------------------------------- owners of files

_HOST = socket.gethostname()
_HOST_TAG = hashlib.sha1(_HOST.encode()).hexdigest()[:8]
_TEMP_NAME = re.compile(
    r"\.(?P<name>.+)\.saving-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}\.tmp"
)
_OLD_TEMP_NAME = re.compile(
    r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp"
)  # written before owners were named


def _start_time(pid: int) -> str:
    """When process ``pid`` started, in clock ticks since boot ('' where the system hides it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def process_running(pid: int, started: str = "") -> bool:
    """Whether process ``pid`` runs on this machine (and, given ``started``, is the same one).

    A zombie (ended, not yet reaped) counts as gone. Where a process cannot be checked safely
    (Windows) every process counts as running, so only a lock's age can make it stale.

    >>> process_running(os.getpid()), process_running(2**22 + 12345)
    (True, False)
    """
    if pid <= 0 or os.name == "nt":
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    fields = stat.rsplit(")", 1)[-1].split()
    if fields and fields[0] in ("Z", "X"):
        return False
    return not started or len(fields) <= 19 or fields[19] == started


def _owner_record() -> dict[str, str]:
    return {"pid": str(os.getpid()), "host": _HOST, "started": _start_time(os.getpid())}


def _parse_owner(content: bytes) -> dict[str, str]:
    owner = {}
    for line in content.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            owner[key.strip()] = value.strip()
    return owner


def lock_owner_gone(content: bytes, age: float, stale: float = STALE_LOCK_SECONDS) -> bool:
    """Whether a lock file with ``content``, ``age`` seconds old, may be taken over.

    Its owner ran on this host and is gone: at once. Another host, or no owner named: only
    when older than ``stale`` seconds (an empty lock, whose writer died before naming itself,
    after 2 s).

    >>> lock_owner_gone(f"pid={2**22 + 12345}\\nhost={_HOST}\\n".encode(), age=0.1)
    True
    >>> lock_owner_gone(f"pid={os.getpid()}\\nhost={_HOST}\\n".encode(), age=3600)
    False
    """
    owner = _parse_owner(content)
    if owner.get("host") == _HOST and owner.get("pid", "").isdigit() and os.name != "nt":
        return not process_running(int(owner["pid"]), owner.get("started", ""))
    if not content.strip():
        return age > min(stale, 2.0)
    return age > stale


def _describe_owner(content: bytes) -> str:
    owner = _parse_owner(content)
    if not owner.get("pid"):
        return "another save"
    place = "this computer" if owner.get("host") == _HOST else f"host {owner.get('host', '?')}"
    return f"another save (process {owner['pid']} on {place})"


def remove_orphan_temp_files(
    folder: str | Path, older_than: float = ORPHAN_TEMP_SECONDS
) -> list[Path]:
    """Remove the temporary files interrupted atomic writes left in ``folder``; return them.

    Only files named as :func:`write_atomic` names them are touched, and only when older than
    ``older_than`` seconds and their writer is gone (a writer on another host: older than
    ``STALE_LOCK_SECONDS`` as well).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> orphan = folder / f".a.csv.saving-{_HOST_TAG}-{2**22 + 12345}-0123abcd.tmp"
    >>> _ = orphan.write_bytes(b"half a sa")
    >>> [p.name == orphan.name for p in remove_orphan_temp_files(folder, older_than=0)]
    [True]
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.endswith(".tmp") or not entry.name.startswith("."):
            continue
        match = _TEMP_NAME.fullmatch(entry.name)
        old = None if match else _OLD_TEMP_NAME.fullmatch(entry.name)
        if match is None and (old is None or not os.path.isfile(Path(folder, old["name"]))):
            continue  # not ours (an old-style name counts only beside the file it was saving)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        age = now - info.st_mtime
        if age <= older_than or not entry.is_file(follow_symlinks=False):
            continue
        if match is not None:
            here = match["host"] == _HOST_TAG and os.name != "nt"
            if here and process_running(int(match["pid"])):
                continue
            if not here and age <= max(older_than, STALE_LOCK_SECONDS):
                continue
        elif age <= max(older_than, STALE_LOCK_SECONDS):  # an old-style name: by age alone
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


# --------------------------------------------------------------------------- bytes and text


def read_file_bytes(path: str | Path, error: ErrorType = TableError) -> bytes:
    """The file's bytes, or ``error`` naming the file and why it cannot be read.

    >>> read_file_bytes("/nowhere/a.csv")
    Traceback (most recent call last):
    ...
    helpers.files.TableError: a.csv: no such file (looked in /nowhere)
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path.name}: no such file (looked in {path.parent})", path) from None
    except IsADirectoryError:
        raise error(
            f"{path.name}: a folder, where a file should be (in {path.parent}); rename or move "
            "that folder",
            path,
        ) from None
    except PermissionError:
        raise error(
            f"{path.name}: cannot be read: permission denied (in {path.parent}); ask for read "
            "access, or copy the file to a folder of yours",
            path,
        ) from None
    except OSError as err:
        raise error(f"{path.name}: cannot be read ({err.strerror or err})", path) from None


def decode_utf8(data: bytes, path: str | Path, error: ErrorType = TableError) -> str:
    """``data`` as text: UTF-8 with or without a byte-order mark, else ``error`` saying where.

    >>> decode_utf8(codecs.BOM_UTF8 + "café".encode(), "a.csv")
    'café'
    >>> decode_utf8(b"id\\ncaf\\xe9", "a.csv")
    Traceback (most recent call last):
    ...
    helpers.files.TableError: a.csv, line 2: not UTF-8 (byte 6 is 0xE9); save it as "CSV UTF-8"
    """
    name = Path(path).name
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise error(f'{name}: saved as UTF-16 ("Unicode Text"), not UTF-8; {SAVE_AS}', path)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        at = bom + err.start
        line = data.count(b"\n", 0, at) + 1
        raise error(
            f"{name}, line {line}: not UTF-8 (byte {at} is 0x{data[at]:02X}); {SAVE_AS}",
            path,
            line,
        ) from None


class CsvLineError(csv.Error):
    """A CSV record that cannot be parsed; ``line`` is the line where that record starts."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def csv_records(text: str) -> list[tuple[int, list[str]]]:
    """Every record of CSV ``text`` with the line it starts on (quoted fields may span lines).

    >>> csv_records('a,b' + chr(10) + '"x' + chr(10) + 'y",z' + chr(10) + 'last,row')
    [(1, ['a', 'b']), (2, ['x\\ny', 'z']), (4, ['last', 'row'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    last_line = 0
    try:
        for fields in reader:
            records.append((last_line + 1, fields))
            last_line = reader.line_num
    except csv.Error as err:
        raise CsvLineError(str(err), last_line + 1) from None
    return records


def _quoting_problem(name: str, err: CsvLineError) -> str:
    if "unexpected end of data" in str(err):
        return (
            f"{name}, line {err.line}: a quoted value that starts on this row is never closed "
            '(no closing "); the file looks truncated'
        )
    if "field larger than field limit" in str(err):
        return (
            f"{name}, line {err.line}: a value is longer than {csv.field_size_limit():,} "
            'characters; is a closing " missing?'
        )
    return (
        f'{name}, line {err.line}: bad quoting ({err}); a value that starts with " must '
        'end with " followed by a comma or the end of the line'
    )


# --------------------------------------------------------------------------- the CSV reader


@dataclass(frozen=True)
class CsvTable:
    """A CSV file as read: its bytes, its header, and every row with the line it starts on."""

    path: Path
    data: bytes
    columns: tuple[str, ...]
    rows: list[dict[str, str]]
    lines: list[int]

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(line, row)`` for every row, in file order."""
        return iter(zip(self.lines, self.rows, strict=True))

    def __len__(self) -> int:
        return len(self.rows)


def _header_problem(
    name: str,
    header: list[str],
    columns: list[str] | None,
    required: list[str] | None,
) -> str | None:
    """What is wrong with a header, as a message, or None."""
    twice = sorted({h for h in header if header.count(h) > 1})
    if columns is None:
        if any(not h for h in header):
            return f"{name}: a column without a name (column {header.index('') + 1})"
        return f"{name}: columns given twice: {', '.join(twice)}" if twice else None
    needed = required if required is not None else columns
    problems = []
    missing = [c for c in needed if c not in header]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    unexpected = [h for h in header if h not in columns]
    if unexpected:
        problems.append(f"unexpected columns: {', '.join(repr(h) for h in unexpected)}")
    if twice:
        problems.append(f"columns given twice: {', '.join(twice)}")
    if not problems and required is None and header != columns:
        problems.append(f"columns in the wrong order ({', '.join(header)})")
    if not problems:
        return None
    if required is None:
        rule = f"the columns are {', '.join(columns)}"
    else:
        optional = [c for c in columns if c not in required]
        rule = f"give {', '.join(required)} and any of {', '.join(optional)}, each once"
    return f"{name}: {'; '.join(problems)}; {rule}"


def read_csv(
    path: str | Path,
    columns: Sequence[str] | None = None,
    *,
    required: Sequence[str] | None = None,
    error: ErrorType = TableError,
) -> CsvTable:
    """Read a CSV file by the house rules (module docstring); every row is a dict of text.

    ``columns``: the header must be exactly these, in this order; with ``required`` as well,
    the header must hold the required ones and may add any of the others, in any order (a
    row then has every one of ``columns``, '' where the file has none). Without ``columns``
    any header of distinct, named columns is taken. Raises ``error`` (default
    :class:`TableError`) as ``error(message, path, line, column)``.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp(), "t.csv")
    >>> _ = path.write_text('id,note\\n1,"two\\nlines"\\n\\n2,x\\n', encoding="utf-8-sig")
    >>> table = read_csv(path, ["id", "note"])
    >>> table.lines, [row["id"] for row in table.rows]
    ([2, 5], ['1', '2'])
    >>> _ = path.write_text("id;note\\n1;x\\n", encoding="utf-8")
    >>> read_csv(path, ["id", "note"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.files.TableError: t.csv, line 1: the header is one column, 'id;note': ...
    """
    path = Path(path)
    name = path.name
    expected = list(columns) if columns is not None else None
    needed = list(required) if required is not None else None
    data = read_file_bytes(path, error)
    text = decode_utf8(data, path, error)
    try:
        records = csv_records(text)
    except CsvLineError as err:
        raise error(_quoting_problem(name, err), path, err.line) from None
    records = [(n, f) for n, f in records if any(v.strip() for v in f)]
    if not records:
        hint = f"; the columns are {', '.join(expected)}" if expected else ""
        backup = path.with_name(name + ".bak")
        if backup.is_file():
            hint += f"; {backup.name} holds the version before the last save"
        raise error(f"{name}: empty file (no header row){hint}", path)
    header_line, raw_header = records[0]
    header = [h.strip().lstrip("\ufeff").strip().lower() for h in raw_header]
    if len(header) == 1 and expected != header:
        for mark, what in _DELIMITERS.items():
            if mark in raw_header[0]:
                raise error(
                    f"{name}, line {header_line}: the header is one column, "
                    f"{raw_header[0]!r}: the values are separated by {what}, not commas (as "
                    "a spreadsheet set to some languages saves them); save it as "
                    '"CSV UTF-8 (comma delimited)"',
                    path,
                    header_line,
                )
    problem = _header_problem(name, header, expected, needed)
    if problem:
        raise error(problem, path, header_line)
    width = len(header)
    body = records[1:]
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    for index, (line, fields) in enumerate(body):
        if len(fields) != width:
            if len(fields) < width:
                column = header[len(fields)]
                message = (
                    f"{name}, line {line}: {len(fields)} fields; expected {width}: the row "
                    f"stops before column {column}"
                )
                if index == len(body) - 1:
                    message += "; the file looks truncated"
            else:
                column = header[-1]
                message = (
                    f"{name}, line {line}: {len(fields)} fields; expected {width}: a value "
                    f"past the last column ({column}); a value with a comma must be in "
                    "double quotes"
                )
            raise error(message, path, line, column)
        row = dict.fromkeys(expected or header, "")
        row.update(zip(header, fields, strict=True))
        rows.append(row)
        lines.append(line)
    return CsvTable(path, data, tuple(header), rows, lines)


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def locked(
    path: str | Path,
    timeout: float | None = None,
    stale: float | None = None,
    error: ErrorType = FileBusyError,
) -> Iterator[None]:
    """Hold ``<path>.lock`` while the block runs; other holders wait (see the module doc).

    A waiting writer retries every few milliseconds for up to ``timeout`` seconds (default
    :data:`LOCK_TIMEOUT`), then raises ``error(message, path)``. A lock whose owner is gone
    is taken over at once (:func:`lock_owner_gone`; ``stale``, default
    :data:`STALE_LOCK_SECONDS`, is the age rule for owners it cannot check). A lock that
    cannot be made (read-only folder, full disk) raises :class:`WriteError`.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp(), "a.csv")
    >>> with locked(target):
    ...     target.with_name("a.csv.lock").read_text().startswith("pid=")
    True
    >>> target.with_name("a.csv.lock").exists()
    False
    """
    path = Path(path)
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    stale = STALE_LOCK_SECONDS if stale is None else stale
    lock = path.with_name(path.name + ".lock")
    owner = _owner_record()
    token = "".join(f"{k}={v}\n" for k, v in {**owner, "token": uuid.uuid4().hex}.items())
    token_bytes = token.encode()
    deadline = time.monotonic() + timeout
    delay = 0.002
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                age = time.time() - lock.stat().st_mtime
                content = lock.read_bytes()
            except FileNotFoundError:
                continue  # released just now: try again at once
            except IsADirectoryError:
                raise WriteError(write_problem(IsADirectoryError(21, "", str(lock)), lock),
                                 lock, errno.EISDIR) from None  # fmt: skip
            if lock_owner_gone(content, age, stale) and _take_over(lock, content):
                continue
            if time.monotonic() > deadline:
                raise error(
                    f"{path.name}: {_describe_owner(content)} has held {lock.name} for "
                    f"{age:.0f} s; try again in a moment (if that save is stuck, restart its "
                    f"notebook's kernel, or delete {lock})",
                    path,
                ) from None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
            continue
        except OSError as err:
            raise WriteError(write_problem(err, path), path, err.errno) from None
        try:
            try:
                os.write(fd, token_bytes)
            finally:
                os.close(fd)
        except OSError as err:
            with contextlib.suppress(OSError):
                lock.unlink()
            raise WriteError(write_problem(err, path), path, err.errno) from None
        break
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if lock.read_bytes() == token_bytes:  # never remove a lock another writer now holds
                lock.unlink()


def _take_over(lock: Path, seen: bytes) -> bool:
    """Remove the stale lock whose content was ``seen``; False if it changed hands meanwhile.

    The lock is first renamed (atomic: of two writers breaking it, one wins); if what was
    renamed is no longer the stale lock, it is put back.
    """
    grave = lock.with_name(f"{lock.name}.stale-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(lock, grave)
    except FileNotFoundError:
        return True  # someone else removed it: try to make ours
    except OSError:
        return False
    try:
        if grave.read_bytes() != seen:  # a live writer's lock: give it back
            with contextlib.suppress(OSError):
                os.link(grave, lock)
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            grave.unlink()


def write_atomic(path: str | Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, fsync it, then replace ``path``.

    The temporary file is ``.<name>.saving-<host>-<pid>-<random>.tmp``; before writing, orphans
    that crashed writes left in the folder are removed (:func:`remove_orphan_temp_files`).
    A failure raises :class:`WriteError` and leaves ``path`` as it was.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp(), "a.txt")
    >>> write_atomic(target, b"new")
    >>> target.read_bytes()
    b'new'
    """
    path = Path(path)
    remove_orphan_temp_files(path.parent)
    tmp = path.with_name(
        f".{path.name}.saving-{_HOST_TAG}-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    )
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as err:
        raise WriteError(write_problem(err, path), path, err.errno) from None
    try:
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and not isinstance(err, WriteError):
            raise WriteError(write_problem(err, path), path, err.errno) from err
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def csv_line(values: Sequence[Any], line_end: str = NEW_FILE_LINE_END) -> str:
    """One CSV record ending in ``line_end``; values holding a line break are quoted.

    >>> csv_line(["a", "b, c", "d"], "\\n")
    'a,"b, c",d\\n'
    """
    buffer = io.StringIO(newline="")
    # "\r\n" as terminator makes the writer quote any value holding \r or \n.
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()[:-2] + line_end


def append_csv_rows(
    path: str | Path, columns: Sequence[str], rows: Sequence[Sequence[Any]], old: bytes = b""
) -> None:
    """Write ``path`` as ``old`` (its current bytes, kept as they are) plus ``rows``.

    With ``old`` empty the file is new: a UTF-8 byte-order mark (so Excel shows accents), the
    header and the rows, with CRLF line ends. Otherwise the rows follow the line end ``old``
    uses, and ``old`` is first kept as ``<name>.bak``. Both writes are atomic; hold
    :func:`locked` around reading ``old`` and calling this.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp(), "a.csv")
    >>> append_csv_rows(target, ["id", "x"], [["1", "a"]])
    >>> append_csv_rows(target, ["id", "x"], [["2", "b"]], old=target.read_bytes())
    >>> target.read_bytes().decode("utf-8-sig").splitlines()
    ['id,x', '1,a', '2,b']
    """
    path = Path(path)
    if old:
        line_end = "\r\n" if old.split(b"\n", 1)[0].endswith(b"\r") else "\n"
        added = "".join(csv_line(row, line_end) for row in rows)
        content = old.rstrip(b"\r\n") + line_end.encode() + added.encode("utf-8")
        write_atomic(path.with_name(path.name + ".bak"), old)
    else:
        line_end = NEW_FILE_LINE_END
        text = csv_line(columns, line_end) + "".join(csv_line(row, line_end) for row in rows)
        content = codecs.BOM_UTF8 + text.encode("utf-8")
    write_atomic(path, content)


# --------------------------------------------------------------------------- for spreadsheets

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a spreadsheet cell that can never run as a formula (OWASP's rule).

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    ``'``, unless it is a plain number (``-1``, ``+2.5``, ``-3e2``); numbers pass unchanged and
    ``None`` or NaN become ``''``.

    >>> [spreadsheet_safe(v) for v in ["=1+1", "@SUM(A1)", "-1", -1, "- dash", "plain", None]]
    ["'=1+1", "'@SUM(A1)", '-1', -1, "'- dash", 'plain', '']
    """
    if value is None or type(value).__name__ == "NAType":
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return "" if value != value else value  # NaN: an empty cell
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_spreadsheet_csv(
    path: str | Path, columns: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> Path:
    """Write a CSV made for a spreadsheet: every cell through :func:`spreadsheet_safe`.

    UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), comma-delimited, CRLF line ends,
    written atomically (a failure raises :class:`WriteError`, the old file left as it was).

    >>> import tempfile
    >>> out = write_spreadsheet_csv(Path(tempfile.mkdtemp(), "g.csv"), ["who", "points"],
    ...                             [["=HYPERLINK(1)", -1]])
    >>> out.read_bytes().decode("utf-8-sig").splitlines()
    ['who,points', "'=HYPERLINK(1),-1"]
    """
    path = Path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(c) for c in columns])
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    ensure_folder(path.parent, path)
    write_atomic(path, codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    return path
