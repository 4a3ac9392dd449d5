"""The FA-KES corpus: 804 news articles about the Syrian war from 15 outlets.

``data/fa-kes/fakes.csv`` is shipped unchanged (see ``data/fa-kes/README.md`` for the citation,
DOI and licence). It is not valid UTF-8: it mixes Windows-1252 bytes with a few bytes that
Windows-1252 leaves undefined. :func:`load_fakes` reads it by the course's decoding rules
(:func:`helpers.corpus.decode_bytes`) and says what it had to do; :func:`fakes_sources` turns rows
into :class:`~helpers.corpus.Source` records so every per-document function of the course runs on
them.

The ``label`` column records whether an article's casualty facts agree with the Syrian Violations
Documentation Center's records. It rates one article's facts, not the outlet that published it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from helpers.corpus import Source, SourceReadError, decode_bytes
from helpers.paths import data_dir

__all__ = [
    "COUNT_COLUMNS",
    "FAKES_COLUMNS",
    "fakes_path",
    "FAKES_SHA256",
    "fakes_sources",
    "load_fakes",
]

FAKES_COLUMNS = [
    "unit_id",
    "article_title",
    "article_content",
    "source",
    "date",
    "location",
    "actor",
    "cause_of_death",
    "nb_children",
    "nb_civilians",
    "nb_noncivilians",
    "nb_women",
    "label",
]
COUNT_COLUMNS = ["nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label"]
# The shipped file's checksum, as recorded in data/fa-kes/README.md.
FAKES_SHA256 = "c2338e05ab32dade097cb6044765de0c6c5405eb6fa6c7db509c536474ccb75d"


def fakes_path() -> Path:
    """Where the shipped FA-KES file is.

    >>> fakes_path().name
    'fakes.csv'
    """
    return data_dir() / "fa-kes" / "fakes.csv"


def load_fakes(path: str | Path | None = None) -> pd.DataFrame:
    """The FA-KES table: one row per article, with a ``row`` number and the decoding report.

    Text columns stay text; the four casualty counts and ``label`` (1 credible, 0 fake) are
    integers. ``row`` (1-based, the article's place in the file) identifies an article, because
    ``unit_id`` repeats. ``df.attrs["encoding"]`` and ``df.attrs["notes"]`` say how the bytes
    were decoded and what had to be repaired.

    The shipped file is checked against its recorded SHA-256 (:data:`FAKES_SHA256`) before it is
    read, so a damaged or edited copy fails here rather than giving different counts. A file of
    your own (``path=``) is read as it is.

    >>> fakes = load_fakes()
    >>> len(fakes), fakes.attrs["encoding"]
    (804, 'cp1252')
    """
    shipped = path is None
    path = Path(path) if path else fakes_path()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceReadError(path, f"cannot be read ({err.strerror})") from None
    if shipped and hashlib.sha256(data).hexdigest() != FAKES_SHA256:
        raise SourceReadError(
            path,
            "differs from the shipped FA-KES file (its SHA-256 is not the one recorded in "
            "data/fa-kes/README.md); restore it with `git checkout -- data/fa-kes/fakes.csv`, "
            "or pass your own file as load_fakes(path=...)",
        )
    text, encoding, notes = decode_bytes(data, path)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing = [c for c in FAKES_COLUMNS if c not in frame.columns]
    if missing:
        raise SourceReadError(path, f"missing column(s) {', '.join(missing)}")
    for column in COUNT_COLUMNS:
        bad = frame.index[~frame[column].str.fullmatch(r"\d+")]
        if len(bad):
            line = int(bad[0]) + 2
            raise SourceReadError(
                path,
                f"line {line}, column {column}: expected a whole number, "
                f"got {frame.at[bad[0], column]!r}",
            )
        frame[column] = frame[column].astype(int)
    frame.insert(0, "row", range(1, len(frame) + 1))
    repeated = int(frame["unit_id"].duplicated().sum())
    if repeated:
        notes = [*notes, f"{repeated} row(s) repeat an earlier unit_id; use `row` as the key"]
    frame.attrs["encoding"] = encoding
    frame.attrs["notes"] = list(notes)
    return frame


def fakes_sources(fakes: pd.DataFrame | None = None) -> Iterator[Source]:
    """Each article as a :class:`Source` (id ``fakes-0001``…), text = title + blank line + body.

    Metadata carries the outlet (``outlet``), ``date``, ``label``, ``unit_id`` and ``actor``
    (whom the crowd workers read as responsible for the casualties).

    >>> first = next(fakes_sources())
    >>> first.id, first.metadata["outlet"]
    ('fakes-0001', 'nna')
    """
    fakes = load_fakes() if fakes is None else fakes
    for record in fakes.itertuples(index=False):
        yield Source.from_text(
            f"{record.article_title}\n\n{record.article_content}",
            source_id=f"fakes-{record.row:04d}",
            title=record.article_title,
            outlet=record.source,
            date=record.date,
            label=int(record.label),
            unit_id=record.unit_id,
            actor=record.actor,
        )
