"""The annotation store: students' Admiralty ratings of sources and claims, one CSV per annotator.

Each annotator's ratings live in ``<folder>/<annotator>.csv`` (by default
``work_dir()/"annotations"``). The file has exactly these columns, in this order:

==============  ==========================================================================
``annotator``   the annotator's name: 1–64 letters, digits, ``-``, ``_`` or ``.``
``source_id``   the id of the rated source (checked against a corpus when one is given)
``level``       ``source`` (a rating of a source) or ``claim`` (a rating of one claim in it)
``target``      what is rated: for ``source`` e.g. ``article`` or ``comments`` (the reader
                comments are rated as a separate source); for ``claim`` a claim id or text
``reliability`` A–F or empty. Required on ``source`` rows; optional on ``claim`` rows (the
                rater's view of the source's reliability). F means "cannot be judged".
``credibility`` 1–6 or empty. Required on ``claim`` rows, empty on ``source`` rows.
                6 means "cannot be judged".
``rationale``   why: free text, required (commas, quotes and new lines are fine)
``evidence``    spans into the source's raw text, ``start-end`` with start < end, several
                separated by ``;`` (``602-745;1200-1260``); may be empty
``timestamp``   when the rating was saved, ISO 8601 in UTC, written by the store
==============  ==========================================================================

Reading (:func:`load_annotations`) validates every row and is forgiving about what a
spreadsheet does to a file: a UTF-8 byte-order mark, CRLF line endings, new lines inside
quoted values, blank lines, spaces around codes and lower-case codes (``b`` becomes ``B``).
Anything else wrong raises :class:`AnnotationError`. Its message starts with the file's
*name* (the full path is on ``err.path``), then the physical line the row starts on, the
column, the bad value and what is allowed::

    alice.csv, line 3, column reliability: 'G' is not allowed; use one of A, B, C, D, E, F

Saving (:func:`save_annotation`) is append-only: a new rating, even of the same thing, is a
new row and :func:`latest_annotations` picks the latest per annotator, source, level and
target. A rating is validated before anything is written; the current file is read and
validated (a malformed file is never written to), the new content goes to a temporary file
in the same folder (flushed and fsynced), the previous file is copied to ``<name>.csv.bak``
and the temporary file replaces the file with :func:`os.replace`, so a crash leaves either
the old or the new file, never half of one. Earlier rows are kept byte for byte.

Concurrent saves (two notebooks, one annotator) are serialised by a lock file
``<name>.csv.lock`` created with ``O_CREAT | O_EXCL`` — atomic on every local file system
on Linux, macOS and Windows, and on NFS v3+. A waiting save retries every few milliseconds
for up to ``LOCK_TIMEOUT`` seconds; a lock file older than ``STALE_LOCK_SECONDS`` (left by
a crashed kernel or a killed process) is taken to be stale and removed. Limits: a save that
held the lock longer than that (they take milliseconds) could have it broken; two waiters
breaking the same stale lock at the same instant could both proceed; the lock only protects
saves made through this module, not a spreadsheet editing the file at the same time.

New files are written as UTF-8 with a byte-order mark (so Excel shows accents correctly)
and CRLF line endings (RFC 4180); appended rows follow the line ending the file already uses.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.paths import work_dir
from helpers.scales import CANNOT_BE_JUDGED, codes

COLUMNS = (
    "annotator",
    "source_id",
    "level",
    "target",
    "reliability",
    "credibility",
    "rationale",
    "evidence",
    "timestamp",
)
LEVELS = ("source", "claim")
KEY = ("annotator", "source_id", "level", "target")
ANNOTATOR_RULE = "1-64 letters, digits, -, _ or . (not starting with .)"
_ANNOTATOR_RE = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,63}")
_SPAN_RE = re.compile(r"\s*(\d+)\s*-\s*(\d+)\s*")
SPAN_RULE = "use start-end with start < end, spans separated by ; (e.g. 602-745;1200-1260)"
TIMESTAMP_RULE = "use ISO 8601 with a time zone, e.g. 2026-11-21T06:30:00+00:00"
LOCK_TIMEOUT = 15.0
STALE_LOCK_SECONDS = 30.0
_NEW_FILE_LINE_END = "\r\n"
MAX_RATIONALE = 100_000  # below csv's default field limit (131,072)


class AnnotationError(ValueError):
    """A rating or an annotation file that breaks the rules; the message says where and why.

    Attributes: ``path`` (full path of the file, or None), ``line`` (physical line the row
    starts on), ``column`` (column name) — each None when it does not apply.

    >>> str(AnnotationError("alice.csv: missing columns: rationale"))
    'alice.csv: missing columns: rationale'
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


class _RowProblem(Exception):
    """Internal: a bad value in one column; the caller adds file and line."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


# --------------------------------------------------------------------------- names and paths


def check_annotator(annotator: str) -> str:
    """The annotator's name, if allowed (1–64 letters, digits, ``-``, ``_``, ``.``).

    >>> check_annotator("alice_2")
    'alice_2'
    """
    if not isinstance(annotator, str) or not _ANNOTATOR_RE.fullmatch(annotator):
        raise AnnotationError(f"annotator name {annotator!r} is not allowed; use {ANNOTATOR_RULE}")
    return annotator


def annotation_path(annotator: str, folder: str | Path | None = None) -> Path:
    """Where one annotator's ratings are kept: ``<folder>/<annotator>.csv``.

    The folder defaults to ``work_dir()/"annotations"`` (``$COURSE_WORK_DIR`` or ``work/``).

    >>> annotation_path("alice", folder="/tmp/class").as_posix()
    '/tmp/class/alice.csv'
    """
    check_annotator(annotator)
    base = Path(folder) if folder is not None else work_dir() / "annotations"
    return base / f"{annotator}.csv"


# --------------------------------------------------------------------------- evidence spans


def parse_evidence(text: str | None) -> list[tuple[int, int]]:
    """Evidence spans ``start-end;start-end`` as a list of ``(start, end)`` tuples.

    Empty text means no evidence. Raises :class:`AnnotationError` for anything else.

    >>> parse_evidence("602-745;1200-1260")
    [(602, 745), (1200, 1260)]
    >>> parse_evidence("")
    []
    """
    try:
        return _parse_evidence(text)
    except _RowProblem as problem:
        raise AnnotationError(f"evidence {problem.message}", column="evidence") from None


def format_evidence(spans: Iterable[Any] | str | None) -> str:
    """Evidence as the file stores it, from a string or from ``(start, end)`` pairs or Spans.

    >>> format_evidence([(602, 745), (1200, 1260)])
    '602-745;1200-1260'
    """
    if spans is None:
        return ""
    if isinstance(spans, str):
        return ";".join(f"{s}-{e}" for s, e in parse_evidence(spans))
    pieces = []
    for span in spans:
        if hasattr(span, "start") and hasattr(span, "end"):
            start, end = span.start, span.end
        else:
            try:
                start, end = span
            except (TypeError, ValueError):
                raise AnnotationError(
                    f"evidence {span!r} is not a span; give (start, end) pairs or {SPAN_RULE}",
                    column="evidence",
                ) from None
        pieces.append(f"{start}-{end}")
    text = ";".join(pieces)
    parse_evidence(text)
    return text


def _parse_evidence(text: str | None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if text is None or not str(text).strip():
        return spans
    for piece in str(text).split(";"):
        if not piece.strip():
            continue  # a stray ';' (e.g. "602-745;") adds nothing
        match = _SPAN_RE.fullmatch(piece)
        if not match or int(match[1]) >= int(match[2]):
            raise _RowProblem("evidence", f"{piece.strip()!r} is not allowed; {SPAN_RULE}")
        spans.append((int(match[1]), int(match[2])))
    return spans


# --------------------------------------------------------------------------- row validation


def _normalise(raw: dict[str, str]) -> dict[str, str]:
    """Strip spaces around every value except the rationale; upper-case the rating codes."""
    row = {c: ("" if raw.get(c) is None else str(raw[c])) for c in COLUMNS}
    for column in COLUMNS:
        if column != "rationale":
            row[column] = row[column].strip()
    row["level"] = row["level"].lower()
    row["reliability"] = row["reliability"].upper()
    return row


def _validate(row: dict[str, str], corpus: Any = None) -> dict[str, str]:
    """Check one normalised row; raise _RowProblem naming the column. Returns the row."""
    if not _ANNOTATOR_RE.fullmatch(row["annotator"]):
        raise _RowProblem("annotator", f"{row['annotator']!r} is not allowed; use {ANNOTATOR_RULE}")
    if not row["source_id"]:
        raise _RowProblem("source_id", "empty; give the id of the rated source")
    if corpus is not None and row["source_id"] not in corpus:
        raise _RowProblem("source_id", f"no source {row['source_id']!r} in the corpus")
    if row["level"] not in LEVELS:
        raise _RowProblem(
            "level", f"{row['level']!r} is not allowed; use one of {', '.join(LEVELS)}"
        )
    if not row["target"]:
        raise _RowProblem(
            "target",
            "empty; say what is rated (for level source e.g. article or comments, "
            "for level claim a claim id or a short claim text)",
        )
    for axis in ("reliability", "credibility"):
        allowed = codes(axis)
        if row[axis] and row[axis] not in allowed:
            raise _RowProblem(
                axis, f"{row[axis]!r} is not allowed; use one of {', '.join(allowed)}"
            )
    if row["level"] == "source":
        if not row["reliability"]:
            raise _RowProblem(
                "reliability",
                f"empty; a source row needs one of {', '.join(codes('reliability'))} "
                f"({CANNOT_BE_JUDGED['reliability']}: cannot be judged)",
            )
        if row["credibility"]:
            raise _RowProblem(
                "credibility",
                f"{row['credibility']!r} on a source row; leave it empty "
                "(credibility is rated on claim rows)",
            )
    elif not row["credibility"]:
        raise _RowProblem(
            "credibility",
            f"empty; a claim row needs one of {', '.join(codes('credibility'))} "
            f"({CANNOT_BE_JUDGED['credibility']}: cannot be judged)",
        )
    if not row["rationale"].strip():
        raise _RowProblem("rationale", "empty; every rating needs a rationale (say why)")
    if len(row["rationale"]) > MAX_RATIONALE:
        raise _RowProblem(
            "rationale",
            f"{len(row['rationale']):,} characters; keep it under {MAX_RATIONALE:,} "
            "(quote the evidence by span instead)",
        )
    spans = _parse_evidence(row["evidence"])
    if corpus is not None:
        length = len(corpus[row["source_id"]].text)
        for start, end in spans:
            if end > length:
                raise _RowProblem(
                    "evidence",
                    f"'{start}-{end}' is outside the source; {row['source_id']!r} has "
                    f"{length} characters, so end must be at most {length}",
                )
    row["evidence"] = ";".join(f"{s}-{e}" for s, e in spans)
    try:
        stamp = datetime.fromisoformat(row["timestamp"])
    except ValueError:
        stamp = None
    if stamp is None or stamp.tzinfo is None:
        raise _RowProblem("timestamp", f"{row['timestamp']!r} is not allowed; {TIMESTAMP_RULE}")
    return row


def validate_row(raw: dict[str, Any], corpus: Any = None, where: str = "row") -> dict[str, str]:
    """One annotation row, normalised and checked by the store's rules, for other tables.

    Raises :class:`AnnotationError` as ``"<where>, column <name>: <problem>"``.

    >>> validate_row({"annotator": "ana", "source_id": "001", "level": "source",
    ...               "target": "article", "reliability": "b", "rationale": "Named analysts.",
    ...               "timestamp": "2026-11-21T00:00:00+00:00"})["reliability"]
    'B'
    """
    try:
        return _validate(_normalise(raw), corpus)
    except _RowProblem as problem:
        raise AnnotationError(
            f"{where}, column {problem.column}: {problem.message}", column=problem.column
        ) from None


# --------------------------------------------------------------------------- reading files
def _file_bytes(path: Path, error: type[AnnotationError] = AnnotationError) -> bytes:
    """The file's bytes, or ``error`` naming the file and why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path.name}: no such file (looked in {path.parent})", path) from None
    except OSError as err:
        raise error(f"{path.name}: cannot be read ({err.strerror or err})", path) from None


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


def _decode(data: bytes, path: Path) -> str:
    name = path.name
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise AnnotationError(
            f'{name}: saved as UTF-16 ("Unicode Text"), not UTF-8; save it as "CSV UTF-8"', path
        )
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        at = bom + err.start
        raise AnnotationError(
            f'{name}: not UTF-8 (byte {at} is 0x{data[at]:02X}); save it as "CSV UTF-8"', path
        ) from None


def _read_rows(
    path: Path, corpus: Any = None, other_sources: bool = False
) -> tuple[bytes, list[dict[str, str]], list[int]]:
    """The file's bytes, its validated rows and the line each row starts on.

    With ``other_sources``, rows naming a source outside ``corpus`` are checked without it and
    left out of the rows (they rate another corpus); the rest are checked against it.
    """
    name = path.name
    data = _file_bytes(path)
    text = _decode(data, path)
    if not text.strip():
        raise AnnotationError(
            f"{name}: empty file (no header row); delete it, or restore {name}.bak if there is "
            f"one. The columns are {', '.join(COLUMNS)}",
            path,
        )
    try:
        records = csv_records(text)
    except CsvLineError as err:
        start = err.line
        if "unexpected end of data" in str(err):
            message = (
                f"{name}, line {start}: a quoted value that starts on this row is never closed "
                '(no closing "); the file looks truncated'
            )
        elif "field larger than field limit" in str(err):
            message = (
                f"{name}, line {start}: a value is longer than {csv.field_size_limit():,} "
                'characters; is a closing " missing?'
            )
        else:
            message = (
                f'{name}, line {start}: bad quoting ({err}); a value that starts with " must '
                'end with " followed by a comma or the end of the line'
            )
        raise AnnotationError(message, path, line=start) from None
    records = [(n, f) for n, f in records if any(v.strip() for v in f)]  # blank lines
    if not records:
        raise AnnotationError(f"{name}: empty file (no header row)", path)
    header_line, header = records[0]
    header = [h.strip().lstrip("\ufeff").strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise AnnotationError(f"{name}: missing columns: {', '.join(missing)}", path, header_line)
    extra = [h for h in header if h not in COLUMNS]
    if extra:
        raise AnnotationError(
            f"{name}: unexpected columns: {', '.join(repr(h) for h in extra)}; the columns are "
            f"{', '.join(COLUMNS)}",
            path,
            header_line,
        )
    if tuple(header) != COLUMNS:
        raise AnnotationError(
            f"{name}: columns in the wrong order ({', '.join(header)}); use {', '.join(COLUMNS)}",
            path,
            header_line,
        )
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    body = records[1:]
    for index, (line, fields) in enumerate(body):
        if len(fields) != len(COLUMNS):
            if len(fields) < len(COLUMNS) and index == len(body) - 1:
                message = (
                    f"{name}, line {line}: the last row has {len(fields)} of {len(COLUMNS)} "
                    "fields; the file looks truncated"
                )
            elif len(fields) < len(COLUMNS):
                message = (
                    f"{name}, line {line}: {len(fields)} fields where {len(COLUMNS)} are expected "
                    f"({', '.join(COLUMNS)})"
                )
            else:
                message = (
                    f"{name}, line {line}: {len(fields)} fields where {len(COLUMNS)} are "
                    "expected; a value with a comma must be in double quotes"
                )
            raise AnnotationError(message, path, line)
        row = _normalise(dict(zip(COLUMNS, fields, strict=True)))
        elsewhere = other_sources and corpus is not None and row["source_id"] not in corpus
        try:
            row = _validate(row, None if elsewhere else corpus)
        except _RowProblem as problem:
            raise AnnotationError(
                f"{name}, line {line}, column {problem.column}: {problem.message}",
                path,
                line,
                problem.column,
            ) from None
        key = tuple(row[c] for c in COLUMNS)
        if key in seen:
            raise AnnotationError(
                f"{name}, line {line}: duplicates line {seen[key]} (identical in every column); "
                "delete one of them",
                path,
                line,
            )
        seen[key] = line
        if not elsewhere:
            rows.append(row)
            lines.append(line)
    return data, rows, lines


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)


def load_annotations(
    path: str | Path, corpus: Any = None, *, other_sources: bool = False
) -> pd.DataFrame:
    """One annotator's file as a DataFrame with the columns in :data:`COLUMNS` (all text).

    Every row is validated (source ids and evidence spans against ``corpus`` when given;
    with ``other_sources=True`` a file that also rates other corpora is read, and only the
    rows of this corpus's sources are returned, the others checked but left out);
    codes are normalised (``b`` → ``B``) and ``evidence`` is written canonically
    (``602-745;1200-1260``; :func:`parse_evidence` turns it into pairs). Raises
    :class:`AnnotationError` naming file, line, column, bad value and what is allowed.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = save_annotation("alice", "001_d05eff7ba99ae3f9", "source", "article", "b", None,
    ...                     "Named analysts, dated, outlet known.", folder=folder)
    >>> load_annotations(annotation_path("alice", folder)).loc[0, ["level", "reliability"]].tolist()
    ['source', 'B']
    """
    _, rows, _ = _read_rows(Path(path), corpus, other_sources)
    return _frame(rows)


def latest_annotations(df: pd.DataFrame) -> pd.DataFrame:
    """The latest row per (annotator, source_id, level, target), in the order first rated.

    "Latest" is by timestamp; rows with equal timestamps count in file order.

    >>> df = pd.DataFrame([["al", "s", "source", "article", "C", "", "first", "",
    ...                     "2026-11-21T06:30:00+00:00"],
    ...                    ["al", "s", "source", "article", "B", "", "second look", "",
    ...                     "2026-11-21T07:00:00+00:00"]], columns=COLUMNS)
    >>> latest_annotations(df)["reliability"].tolist()
    ['B']
    """
    if df.empty:
        return df.copy().reset_index(drop=True)
    work = df.reset_index(drop=True)
    stamps = pd.Series(
        [datetime.fromisoformat(str(t).strip()).astimezone(UTC) for t in work["timestamp"]],
        index=work.index,
    )
    order = pd.DataFrame({"stamp": stamps, "position": range(len(work))}, index=work.index)
    ranked = order.sort_values(["stamp", "position"], kind="stable").index
    picked = work.loc[ranked].drop_duplicates(list(KEY), keep="last")
    first_seen = work.drop_duplicates(list(KEY), keep="first")[list(KEY)]
    return first_seen.merge(picked, on=list(KEY), how="left")[list(COLUMNS)]


def pool_annotations(
    folder: str | Path | None = None, corpus: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A class's files pooled: ``(rows, problems)``.

    ``rows`` holds every row of every valid ``*.csv`` in ``folder`` (default
    ``work_dir()/"annotations"``); a file that does not load is left out whole and listed in
    ``problems`` (columns ``file``, ``problem``: the file name and the error message).

    >>> import tempfile
    >>> rows, problems = pool_annotations(tempfile.mkdtemp())
    >>> len(rows), len(problems)
    (0, 0)
    """
    base = Path(folder) if folder is not None else work_dir() / "annotations"
    if not base.is_dir():
        raise FileNotFoundError(f"{base}: no such folder of annotation files")
    frames, problems = [], []
    for path in sorted(base.glob("*.csv")):
        if not path.is_file():
            continue
        try:
            frames.append(load_annotations(path, corpus))
        except AnnotationError as err:
            problems.append({"file": path.name, "problem": str(err)})
    rows = pd.concat(frames, ignore_index=True) if frames else _frame([])
    return rows, pd.DataFrame(problems, columns=["file", "problem"])


# --------------------------------------------------------------------------- saving


@contextlib.contextmanager
def _locked(path: Path, timeout: float | None = None):
    """Hold ``<path>.lock``, created exclusively; stale locks are broken (see module doc)."""
    timeout = LOCK_TIMEOUT if timeout is None else timeout
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
            if age > STALE_LOCK_SECONDS:
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
                continue
            if time.monotonic() > deadline:
                raise AnnotationError(
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
            if lock.read_bytes() == token:  # never remove a lock another save now holds
                lock.unlink()


def _write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, fsync it, then replace ``path``."""
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


def _csv_line(row: dict[str, str], line_end: str) -> str:
    buffer = io.StringIO(newline="")
    # "\r\n" as terminator makes the writer quote any value holding \r or \n.
    csv.writer(buffer, lineterminator="\r\n").writerow([row[c] for c in COLUMNS])
    return buffer.getvalue()[:-2] + line_end


def _now() -> datetime:
    return datetime.now(UTC)


def save_annotation(
    annotator: str,
    source_id: str,
    level: str,
    target: str,
    reliability: str | None,
    credibility: str | int | None,
    rationale: str,
    evidence: Iterable[Any] | str = (),
    corpus: Any = None,
    folder: str | Path | None = None,
) -> dict[str, str]:
    """Append one rating to the annotator's file and return the saved row (a dict).

    The rating is validated first (against ``corpus`` when given) and nothing is written if
    it is wrong; the existing file is validated too and a malformed file is left untouched.
    ``evidence`` is ``"602-745;1200-1260"`` or pairs like ``[(602, 745)]``. The write is
    atomic, keeps the previous file as ``<annotator>.csv.bak`` and is serialised with other
    saves by a lock file (see the module documentation).

    >>> import tempfile
    >>> row = save_annotation("bob", "001_d05eff7ba99ae3f9", "claim", "c1", "", 2,
    ...                       "Two analysts agree.", evidence=[(602, 745)],
    ...                       folder=tempfile.mkdtemp())
    >>> row["credibility"], row["evidence"]
    ('2', '602-745')
    """
    path = annotation_path(annotator, folder)
    name = path.name

    def clean(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        return str(value)

    try:
        evidence_text = format_evidence(evidence)
    except AnnotationError as err:
        raise AnnotationError(
            f"{name}, new row, column evidence: {str(err).removeprefix('evidence ')}",
            path,
            column="evidence",
        ) from None
    row = _normalise(
        {
            "annotator": annotator,
            "source_id": clean(source_id),
            "level": clean(level),
            "target": clean(target),
            "reliability": clean(reliability),
            "credibility": clean(credibility),
            "rationale": clean(rationale),
            "evidence": evidence_text,
            "timestamp": _now().isoformat(timespec="microseconds"),
        }
    )
    try:
        _validate(row, corpus)
        row["rationale"].encode("utf-8")
    except _RowProblem as problem:
        raise AnnotationError(
            f"{name}, new row, column {problem.column}: {problem.message}",
            path,
            column=problem.column,
        ) from None
    except UnicodeEncodeError as err:
        raise AnnotationError(
            f"{name}, new row, column rationale: character {err.start} cannot be stored "
            "in UTF-8; retype it",
            path,
            column="rationale",
        ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if path.exists():
            old, rows, _ = _read_rows(path)  # raises, leaving the file alone, if malformed
            text = old.decode("utf-8-sig")
            line_end = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
            existing = {tuple(r[c] for c in COLUMNS) for r in rows}
            while tuple(row[c] for c in COLUMNS) in existing:  # same microsecond: keep rows unique
                stamp = datetime.fromisoformat(row["timestamp"]) + timedelta(microseconds=1)
                row["timestamp"] = stamp.isoformat(timespec="microseconds")
            body = old.rstrip(b"\r\n") + line_end.encode()  # trailing blank lines dropped
            content = body + _csv_line(row, line_end).encode("utf-8")
            _write_atomic(path.with_name(name + ".bak"), old)
        else:
            line_end = _NEW_FILE_LINE_END
            header = ",".join(COLUMNS) + line_end
            content = codecs.BOM_UTF8 + (header + _csv_line(row, line_end)).encode("utf-8")
        _write_atomic(path, content)
    return dict(row)
