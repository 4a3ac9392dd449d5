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
``O_CREAT | O_EXCL`` (atomic on local file systems and NFS v3+), breaking a lock older than
``STALE_LOCK_SECONDS`` as stale; :func:`append_csv_rows` appends rows to a CSV keeping the
earlier bytes and a ``.bak`` copy. :func:`latest_positions` is the one "latest wins" rule of
append-only files: per key, the row with the newest timestamp, the later row on a tie.

This module imports only the standard library.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "LOCK_TIMEOUT",
    "NEW_FILE_LINE_END",
    "STALE_LOCK_SECONDS",
    "CsvLineError",
    "CsvTable",
    "FileBusyError",
    "TableError",
    "append_csv_rows",
    "csv_line",
    "csv_records",
    "decode_utf8",
    "latest_positions",
    "parse_timestamp",
    "locked",
    "read_csv",
    "read_file_bytes",
    "write_atomic",
]

LOCK_TIMEOUT = 15.0
STALE_LOCK_SECONDS = 30.0
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


ErrorType = Callable[..., Exception]


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
    :data:`LOCK_TIMEOUT`), then raises ``error(message, path)``; a lock file older than
    ``stale`` seconds (default :data:`STALE_LOCK_SECONDS`) is removed as stale.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp(), "a.csv")
    >>> with locked(target):
    ...     target.with_name("a.csv.lock").exists()
    True
    >>> target.with_name("a.csv.lock").exists()
    False
    """
    path = Path(path)
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    stale = STALE_LOCK_SECONDS if stale is None else stale
    lock = path.with_name(path.name + ".lock")
    token = f"{os.getpid()} {uuid.uuid4().hex}\n".encode()
    deadline = time.monotonic() + timeout
    delay = 0.002
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                age = time.time() - lock.stat().st_mtime
            except FileNotFoundError:
                continue  # released just now: try again at once
            if age > stale:
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
                continue
            if time.monotonic() > deadline:
                raise error(
                    f"{path.name}: another save has held {lock.name} for {age:.0f} s; try again "
                    f"(if no notebook is saving, delete {lock})",
                    path,
                ) from None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
            continue
        try:
            os.write(fd, token)
        finally:
            os.close(fd)
        break
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if lock.read_bytes() == token:  # never remove a lock another writer now holds
                lock.unlink()


def write_atomic(path: str | Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, fsync it, then replace ``path``.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp(), "a.txt")
    >>> write_atomic(target, b"new")
    >>> target.read_bytes()
    b'new'
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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


# --------------------------------------------------------------------------- latest wins


def parse_timestamp(value: Any, where: str = "row") -> datetime:
    """An ISO 8601 timestamp as a UTC instant; one without a time zone counts as UTC.

    >>> parse_timestamp("2026-11-21T08:00:00+01:00").isoformat()
    '2026-11-21T07:00:00+00:00'
    >>> parse_timestamp("yesterday", "row 2")
    Traceback (most recent call last):
    ...
    ValueError: row 2: timestamp 'yesterday' is not ISO 8601 (e.g. 2026-11-21T06:30:00+00:00)
    """
    try:
        stamp = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(
            f"{where}: timestamp {value!r} is not ISO 8601 (e.g. 2026-11-21T06:30:00+00:00)"
        ) from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def latest_positions(
    rows: Sequence[Mapping[str, Any]], key: Sequence[str], stamp: str = "timestamp"
) -> list[int]:
    """Positions of the latest row per ``key``, in the order each key was first seen.

    "Latest" is the newest ``stamp`` (ISO 8601; one without a time zone counts as UTC); on
    equal timestamps the later row wins. Timestamps are only read for keys with several rows.

    >>> rows = [{"k": "a", "timestamp": "2026-11-21T07:00:00+00:00"},
    ...         {"k": "b", "timestamp": "2026-11-21T06:00:00+00:00"},
    ...         {"k": "a", "timestamp": "2026-11-21T08:00:00+01:00"},
    ...         {"k": "b", "timestamp": "2026-11-21T06:00:00+00:00"}]
    >>> latest_positions(rows, ["k"])  # 08:00+01:00 is 07:00 UTC: a tie, the later row wins
    [2, 3]
    """
    groups: dict[tuple[Any, ...], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(tuple(row[k] for k in key), []).append(position)
    return [
        positions[0]
        if len(positions) == 1
        else max(positions, key=lambda p: (parse_timestamp(rows[p][stamp], f"row {p}"), p))
        for positions in groups.values()
    ]
