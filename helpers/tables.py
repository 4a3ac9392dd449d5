"""Curated tables in ``data/``, read and checked against the raw sources.

Each table is judgement made visible: every row quotes the raw text it rests on, and reading
it attaches the quote's offsets (``start``, ``end``) so the row can be traced to its place.
A row that does not fit (an unknown source, a quote that is not verbatim, a basis outside the
vocabulary) stops the load with the file, line and column named: a
:class:`~helpers.files.TableError` (defined in :mod:`helpers.files`, which reads every table,
and importable from here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.annotations import COLUMNS as ANNOTATION_COLUMNS
from helpers.annotations import LEVELS, AnnotationError, validate_row
from helpers.corpus import BASIS_VALUES, Corpus, load_corpus
from helpers.files import CsvTable, TableError, read_csv
from helpers.paths import data_dir
from helpers.scales import CANNOT_BE_JUDGED, codes
from helpers.spans import SpanError, find_quote

TIMELINE_COLUMNS = ["when", "when_basis", "when_evidence", "event", "source_id", "quote"]


def read_timeline(path: str | Path | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """The dated timeline of the case, each event with its quote located in the raw source.

    Columns: ``when`` (ISO date, partial date or interval), ``when_basis`` (text / inferred /
    unknown), ``when_evidence``, ``event``, ``source_id``, ``quote``, ``start``, ``end``.

    >>> timeline = read_timeline()
    >>> timeline.loc[0, ["when", "when_basis"]].tolist()
    ['2015-07', 'text']
    """
    path = Path(path) if path else data_dir() / "timeline.csv"
    corpus = corpus or load_corpus()
    table = read_csv(path, TIMELINE_COLUMNS)
    rows = table.rows
    for line, row in table:
        where = f"{path.name}, line {line}"
        if row["when_basis"] not in BASIS_VALUES:
            raise TableError(
                f"{where}, column when_basis: {row['when_basis']!r} is not one of "
                f"{', '.join(BASIS_VALUES)}"
            )
        if row["source_id"] not in corpus:
            raise TableError(f"{where}, column source_id: no source {row['source_id']!r}")
        if row["when_basis"] == "text" and row["when_evidence"] not in row["quote"]:
            raise TableError(
                f"{where}, column when_evidence: a date read from the text must appear in the quote"
            )
        try:
            span = find_quote(
                corpus[row["source_id"]], row["quote"], where=f"{where}, column quote"
            )
        except SpanError as err:
            raise TableError(str(err)) from None
        row["start"], row["end"] = span.start, span.end
    return pd.DataFrame(rows, columns=[*TIMELINE_COLUMNS, "start", "end"])


# --------------------------------------------------------------------------- reference ratings

REFERENCE_RATINGS_COLUMNS = [
    "source_id",
    "level",
    "target",
    "claim",
    "reliability",
    "credibility",
    "rationale",
    "evidence_quotes",
]
REFERENCE_ANNOTATOR = "course-reference"
# When the reference ratings were last revised; every row carries it as its timestamp.
# Change it whenever data/reference_ratings.csv changes (see data/README.md).
REFERENCE_TIMESTAMP = "2026-12-07T00:00:00+00:00"
QUOTE_SEPARATOR = " | "
SOURCE_TARGETS = ("article", "comments")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def read_reference_ratings(
    path: str | Path | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """The course's reference Admiralty ratings, shaped like one annotator's annotations.

    Reads ``data/reference_ratings.csv`` (columns in :data:`REFERENCE_RATINGS_COLUMNS`), checks
    every row and locates every evidence quote (first occurrence) in its seed's raw text.
    Returns the annotation columns of :mod:`helpers.annotations` (``annotator`` is
    ``"course-reference"``, ``evidence`` the quotes' spans ``start-end;…`` in quote order,
    ``timestamp`` the fixed revision date :data:`REFERENCE_TIMESTAMP`), then ``claim`` and
    ``evidence_quotes``, all as text; the result passes the annotation store's row rules and
    can be pooled with a class's ratings. Raises :class:`TableError` naming file, line and
    column.

    >>> ref = read_reference_ratings()
    >>> ref.loc[ref["target"] == "russia-hit-rebels-not-is", ["reliability", "credibility"]].values
    array([['C', '1']], dtype=object)
    """
    path = Path(path) if path else data_dir() / "reference_ratings.csv"
    corpus = corpus if corpus is not None else load_corpus()
    table = read_csv(path, REFERENCE_RATINGS_COLUMNS)
    rows = table.rows
    seen: dict[tuple[str, str, str], int] = {}
    article: dict[str, str] = {}
    evidence: list[str] = []
    for line, row in table:
        where = f"{path.name}, line {line}"
        for column in REFERENCE_RATINGS_COLUMNS:
            if "\n" in row[column] or "\r" in row[column]:
                raise TableError(
                    f"{where}, column {column}: a line break inside the value; keep every row on "
                    "one line"
                )
        _check_reference_row(row, where, corpus)
        key = (row["source_id"], row["level"], row["target"])
        if key in seen:
            raise TableError(
                f"{where}, column target: {row['target']!r} is rated again for "
                f"{row['source_id']} at level {row['level']} (first on line {seen[key]})"
            )
        seen[key] = line
        if row["level"] == "source" and row["target"] == "article":
            article[row["source_id"]] = row["reliability"]
        spans = []
        for quote in row["evidence_quotes"].split(QUOTE_SEPARATOR):
            try:
                span = find_quote(
                    corpus[row["source_id"]], quote, where=f"{where}, column evidence_quotes"
                )
            except SpanError as err:
                raise TableError(str(err)) from None
            spans.append(f"{span.start}-{span.end}")
        evidence.append(";".join(spans))
    for line, row in table:
        if row["level"] != "claim":
            continue
        where = f"{path.name}, line {line}, column reliability"
        if row["source_id"] not in article:
            raise TableError(
                f"{where}: no level=source, target=article row for {row['source_id']}, so the "
                "claim's reliability has nothing to match"
            )
        if row["reliability"] != article[row["source_id"]]:
            raise TableError(
                f"{where}: {row['reliability']!r} differs from the source's own rating "
                f"{article[row['source_id']]!r}; a claim row repeats its source's reliability"
            )
    ratings = _as_annotations(path, table, evidence, corpus)
    ratings["claim"] = [row["claim"] for row in rows]
    ratings["evidence_quotes"] = [row["evidence_quotes"] for row in rows]
    return ratings


def _check_reference_row(row: dict[str, str], where: str, corpus: Corpus) -> None:
    """One reference row's own rules (ids, level, target, codes, required fields)."""
    if row["source_id"] not in corpus:
        raise TableError(f"{where}, column source_id: no source {row['source_id']!r}")
    if row["level"] not in LEVELS:
        raise TableError(
            f"{where}, column level: {row['level']!r} is not one of {', '.join(LEVELS)}"
        )
    if row["level"] == "source" and row["target"] not in SOURCE_TARGETS:
        raise TableError(
            f"{where}, column target: {row['target']!r} is not one of "
            f"{', '.join(SOURCE_TARGETS)} (the targets of a source row)"
        )
    if row["level"] == "claim" and not _SLUG_RE.fullmatch(row["target"]):
        raise TableError(
            f"{where}, column target: {row['target']!r} is not a slug; use lower-case words "
            "joined by hyphens, e.g. russia-hit-rebels-not-is"
        )
    for axis in ("reliability", "credibility"):
        allowed = codes(axis)
        if row[axis] and row[axis] not in allowed:
            raise TableError(
                f"{where}, column {axis}: {row[axis]!r} is not one of {', '.join(allowed)}"
            )
    needed = ["reliability", "rationale", "evidence_quotes"]
    if row["level"] == "claim":
        needed[1:1] = ["credibility", "claim"]
    else:
        for column in ("credibility", "claim"):
            if row[column]:
                raise TableError(
                    f"{where}, column {column}: {row[column]!r} on a source row; leave it empty "
                    "(credibility and claim text belong to claim rows)"
                )
    for column in needed:
        if not row[column].strip():
            hint = {
                "reliability": f"one of {', '.join(codes('reliability'))} "
                f"({CANNOT_BE_JUDGED['reliability']}: cannot be judged)",
                "credibility": f"one of {', '.join(codes('credibility'))} "
                f"({CANNOT_BE_JUDGED['credibility']}: cannot be judged)",
                "claim": "the claim as one plain sentence",
                "rationale": "say why",
                "evidence_quotes": "verbatim quotes from the seed, separated by "
                f"{QUOTE_SEPARATOR!r}",
            }[column]
            raise TableError(f"{where}, column {column}: empty; give {hint}")


def _as_annotations(
    path: Path, table: CsvTable, evidence: list[str], corpus: Corpus
) -> pd.DataFrame:
    """The rows in annotation shape, each checked by the annotation store's own row rules."""
    records = []
    for (line, row), spans in zip(table, evidence, strict=True):
        record = {
            "annotator": REFERENCE_ANNOTATOR,
            "source_id": row["source_id"],
            "level": row["level"],
            "target": row["target"],
            "reliability": row["reliability"],
            "credibility": row["credibility"],
            "rationale": row["rationale"],
            "evidence": spans,
            "timestamp": REFERENCE_TIMESTAMP,
        }
        try:
            records.append(validate_row(record, corpus, where=f"{path.name}, line {line}"))
        except AnnotationError as err:  # evidence comes from the quotes column of this table
            raise TableError(
                str(err).replace("column evidence:", "column evidence_quotes:"),
                path,
                line,
                "evidence_quotes" if err.column == "evidence" else err.column,
            ) from None
    return pd.DataFrame(records, columns=list(ANNOTATION_COLUMNS), dtype=str)


__all__ = [
    "QUOTE_SEPARATOR",
    "REFERENCE_ANNOTATOR",
    "REFERENCE_RATINGS_COLUMNS",
    "REFERENCE_TIMESTAMP",
    "SOURCE_TARGETS",
    "TIMELINE_COLUMNS",
    "TableError",
    "read_reference_ratings",
    "read_timeline",
]
