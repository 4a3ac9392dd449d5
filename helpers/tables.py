"""Curated tables in ``data/``, read and checked against the raw sources.

Each table is judgement made visible: every row quotes the raw text it rests on, and reading
it attaches the quote's offsets (``start``, ``end``) so the row can be traced to its place.
A row that does not fit (an unknown source, a quote that is not verbatim, a basis outside the
vocabulary) stops the load with the file, line and column named.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from helpers.corpus import BASIS_VALUES, Corpus, load_corpus
from helpers.paths import data_dir
from helpers.spans import SpanError, find_quote

TIMELINE_COLUMNS = ["when", "when_basis", "when_evidence", "event", "source_id", "quote"]


class TableError(ValueError):
    """A curated table that does not fit its contract; the message names file, line, column."""


def _read_rows(path: Path, columns: list[str]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != columns:
                raise TableError(
                    f"{path}: columns are {reader.fieldnames}; expected exactly {columns}"
                )
            rows = []
            for row in reader:
                if None in row or None in row.values():
                    raise TableError(f"{path}, line {reader.line_num}: wrong number of fields")
                rows.append(row)
            return rows
    except UnicodeDecodeError as err:
        raise TableError(f"{path}: not UTF-8 (byte {err.start}); save it as UTF-8 CSV") from None


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
    rows = _read_rows(path, TIMELINE_COLUMNS)
    for line, row in enumerate(rows, start=2):
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
