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

Files are read, locked and written by :mod:`helpers.files`. Reading
(:func:`load_annotations`) validates every row and is forgiving about what a
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
on Linux, macOS and Windows, and on NFS v3+. The lock names its owner (process and host). A
waiting save retries every few milliseconds for up to ``LOCK_TIMEOUT`` seconds; a lock left
by a crashed kernel or a killed process (its owner no longer runs) is taken over at once,
and one made on another computer or naming no owner only when older than
``STALE_LOCK_SECONDS``. A save interrupted mid-write leaves a hidden
``.<name>.csv.saving-….tmp`` file, removed by the next save into the folder. Limits: on
Windows a lock is stale by age only; the lock only protects saves made through this module,
not a spreadsheet editing the file at the same time.

A save that cannot be written (a read-only folder, a full disk, a folder where the file
should be, a file where the folder should be) raises :class:`helpers.files.WriteError`, an
``OSError`` naming the file and folder and saying what to do; the file is left as it was.

The files are the course's own store, read back exactly: a rationale starting with ``=`` is
kept as typed. To open a class's ratings in a spreadsheet, export them with
``python -m helpers.instructor.class_report FOLDER --pooled-csv FILE``, which neutralises
formulas (:func:`helpers.files.spreadsheet_safe`).

New files are written as UTF-8 with a byte-order mark (so Excel shows accents correctly)
and CRLF line endings (RFC 4180); appended rows follow the line ending the file already uses.

A class's files are pooled by :func:`pool_annotations` (lesson 02 and the class report).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.files import (
    LOCK_TIMEOUT,
    STALE_LOCK_SECONDS,
    TableError,
    append_csv_rows,
    ensure_folder,
    latest_positions,
    locked,
    read_csv,
)
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
POOLED_COLUMNS = [*COLUMNS, "file"]
PROBLEM_COLUMNS = ["file", "line", "problem"]
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
MAX_RATIONALE = 100_000  # below csv's default field limit (131,072)


class AnnotationError(TableError):
    """A rating or an annotation file that breaks the rules; the message says where and why.

    A :class:`helpers.files.TableError`, with its attributes: ``path`` (full path of the
    file, or None), ``line`` (physical line the row starts on), ``column`` (column name) —
    each None when it does not apply.

    >>> str(AnnotationError("alice.csv: missing columns: rationale"))
    'alice.csv: missing columns: rationale'
    """


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


def _read_rows(
    path: Path, corpus: Any = None, other_sources: bool = False
) -> tuple[bytes, list[dict[str, str]], list[int]]:
    """The file's bytes, its validated rows and the line each row starts on.

    With ``other_sources``, rows naming a source outside ``corpus`` are checked without it and
    left out of the rows (they rate another corpus); the rest are checked against it.
    """
    name = path.name
    table = read_csv(path, COLUMNS, error=AnnotationError)
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, raw in table:
        row = _normalise(raw)
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
    return table.data, rows, lines


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

    "Latest" is by timestamp; rows with equal timestamps count in file order (the rule of
    :func:`helpers.files.latest_positions`). Every column of ``df`` is kept.

    >>> df = pd.DataFrame([["al", "s", "source", "article", "C", "", "first", "",
    ...                     "2026-11-21T06:30:00+00:00"],
    ...                    ["al", "s", "source", "article", "B", "", "second look", "",
    ...                     "2026-11-21T07:00:00+00:00"]], columns=COLUMNS)
    >>> latest_annotations(df)["reliability"].tolist()
    ['B']
    """
    work = df.reset_index(drop=True)
    if work.empty:
        return work.copy()
    records = work[[*KEY, "timestamp"]].to_dict("records")
    return work.iloc[latest_positions(records, KEY)].reset_index(drop=True)


# --------------------------------------------------------------------------- pooling a class


def pool_annotations(
    folder: str | Path | None = None, corpus: Any = None, strict: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every student's annotation file in ``folder`` pooled: ``(pooled, problems)``.

    ``folder`` defaults to ``work_dir()/"annotations"``. Reads each ``*.csv`` (any case of
    the suffix; hidden files, the store's ``.bak`` and ``.lock`` files and Excel's ``~$``
    owner files are passed over) with :func:`load_annotations`, checking source ids and
    evidence spans against ``corpus`` when given. ``pooled`` keeps each student's latest
    rating of each item, with the columns of the store plus ``file`` (the student's file
    name), in file order. A student is the ``annotator`` named in the rows, whatever the file
    is called.

    ``problems`` has one row per file left out, with columns ``file``, ``line`` (the line the
    problem is on, or missing) and ``problem`` (the message, which names the file). A file is
    left out whole when it breaks the store's rules, when it holds rows by more than one
    annotator, when its annotator's ratings were already pooled from another file (a copy),
    or when it is a spreadsheet rather than CSV (or saved with semicolons: the message says to
    save it as "CSV UTF-8 (comma delimited)"). A file with only its header row is listed
    too (it adds nothing), and so is a sub-folder holding CSV files (only the files directly
    in ``folder`` are read) or a folder named like a student's file. Nothing stops the pool
    unless ``strict=True``: then the first such file raises :class:`AnnotationError` naming
    it (a header-only file or a sub-folder does not raise). A missing folder raises
    FileNotFoundError.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = save_annotation("ana", "s1", "source", "article", "B", None, "Named.", folder=folder)
    >>> header = "annotator,source_id,level,target,reliability,credibility,rationale,evidence"
    >>> _ = (folder / "ben.csv").write_text(header + "\\n", encoding="utf-8")
    >>> pooled, problems = pool_annotations(folder)
    >>> pooled[["annotator", "reliability", "file"]].values.tolist()
    [['ana', 'B', 'ana.csv']]
    >>> problems.values.tolist()  # doctest: +ELLIPSIS
    [['ben.csv', 1, 'ben.csv: missing columns: timestamp; the columns are annotator, ...']]
    """
    base = Path(folder) if folder is not None else work_dir() / "annotations"
    if not base.is_dir():
        raise FileNotFoundError(f"{base}: no such folder of annotation files")
    frames: list[pd.DataFrame] = []
    problems: list[dict[str, Any]] = []
    owner: dict[str, str] = {}

    def refuse(path: Path, line: int | None, message: str, error: Exception | None = None):
        if strict:
            raise error or AnnotationError(message, path, line)
        problems.append({"file": path.name, "line": line, "problem": message})

    for path in sorted(base.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "~$")):
            continue
        suffix = path.suffix.lower()
        if path.is_dir():
            if suffix == ".csv":
                refuse(path, None, f"{path.name}: a folder, where a file should be; move the "
                       "student's CSV file out of it, in its place, then pool again")  # fmt: skip
            elif next(path.glob("**/*.[cC][sS][vV]"), None) is not None:
                problems.append(
                    {"file": path.name + "/", "line": None, "problem": f"{path.name}/: a folder "
                     f"holding CSV files; only the files directly in {base.name} are pooled: move "
                     "them up (a learning platform's download may give each student a folder)"}
                )  # fmt: skip
            continue
        if not path.is_file():
            continue
        if suffix in SPREADSHEET_SUFFIXES:
            refuse(
                path,
                None,
                f"{path.name}: a spreadsheet, not a CSV file; open it and save it as "
                '"CSV UTF-8", then pool again',
            )
            continue
        if suffix != ".csv":
            continue
        try:
            _, records, lines = _read_rows(path, corpus)
        except AnnotationError as err:
            refuse(path, err.line, str(err), err)
            continue
        if not records:
            problems.append(
                {"file": path.name, "line": None, "problem": f"{path.name}: no ratings yet "
                 "(only the header row); nothing to pool"}
            )  # fmt: skip
            continue
        rows = _frame(records)
        names = list(dict.fromkeys(rows["annotator"]))
        if len(names) > 1:
            position = int((rows["annotator"] != names[0]).to_numpy().argmax())
            line = lines[position]
            refuse(
                path,
                line,
                f"{path.name}, line {line}, column annotator: {rows['annotator'][position]!r} "
                f"after rows by {names[0]!r}; a file holds one student's ratings "
                f"(annotators here: {', '.join(names)})",
            )
            continue
        name = names[0]
        if name in owner:
            refuse(
                path,
                lines[0],
                f"{path.name}, line {lines[0]}, column annotator: the ratings of {name!r} are "
                f"already pooled from {owner[name]}; keep one file per student (is this a copy?)",
            )
            continue
        owner[name] = path.name
        rows = latest_annotations(rows)  # a student re-rated something: keep the latest
        rows["file"] = path.name
        frames.append(rows)
    pooled = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=POOLED_COLUMNS, dtype=str)
    )
    table = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    table["line"] = table["line"].astype("Int64")
    return pooled[POOLED_COLUMNS], table


# --------------------------------------------------------------------------- saving


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
    ensure_folder(path.parent, path)
    with locked(path, LOCK_TIMEOUT, STALE_LOCK_SECONDS, AnnotationError):
        old = b""
        if path.exists():
            old, rows, _ = _read_rows(path)  # raises, leaving the file alone, if malformed
            existing = {tuple(r[c] for c in COLUMNS) for r in rows}
            while tuple(row[c] for c in COLUMNS) in existing:  # same microsecond: keep rows unique
                stamp = datetime.fromisoformat(row["timestamp"]) + timedelta(microseconds=1)
                row["timestamp"] = stamp.isoformat(timespec="microseconds")
        append_csv_rows(path, COLUMNS, [[row[c] for c in COLUMNS]], old)
    return dict(row)


__all__ = [
    "ANNOTATOR_RULE",
    "COLUMNS",
    "KEY",
    "LEVELS",
    "LOCK_TIMEOUT",
    "MAX_RATIONALE",
    "POOLED_COLUMNS",
    "PROBLEM_COLUMNS",
    "SPAN_RULE",
    "SPREADSHEET_SUFFIXES",
    "STALE_LOCK_SECONDS",
    "TIMESTAMP_RULE",
    "AnnotationError",
    "annotation_path",
    "check_annotator",
    "format_evidence",
    "latest_annotations",
    "load_annotations",
    "parse_evidence",
    "pool_annotations",
    "save_annotation",
    "validate_row",
]
