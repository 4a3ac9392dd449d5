"""Labels and frames: the words a source chooses for contested things, and how it frames the war.

**Labels.** ``data/labels.csv`` is a lexicon of contested labels: one row per word choice
(``term``) for a thing being named (``concept``): "regime" or "government" for Syria's
government, "rebels", "opposition", "terrorists" or "jihadists" for armed groups, "Daesh" or
"Islamic State"… Each term has a regular expression (``pattern``) that finds it in raw text and
a ``connotation`` from :data:`CONNOTATIONS`: the usual load of the word, not the intent of the
source that uses it. :func:`find_labels` finds every occurrence as a span into the raw text;
:func:`label_choices` counts them per source (and per page part: article body, reader
comments…); :func:`label_passages` gives the passages behind every count, so a count can always
be read back as the sentences it is made of.

A pattern cannot tell what a word refers to: "terrorists" in a reader comment may mean IS, the
rebels or everyone. The concept says what the term is a word *for*; the passages say what it
names each time.

**Frames.** ``data/framing.csv`` codes Entman's four framing functions (problem definition,
causal interpretation, moral evaluation, treatment recommendation; Entman 1993, "Framing:
Toward clarification of a fractured paradigm", *Journal of Communication* 43(4)) per seed, each
with its passage as a span; :func:`read_framing` reads and checks it.

Matching rules for :func:`find_labels`: each pattern is applied as written (its own ``(?i)``
decides the case rule); where matches overlap, the longest wins (then the one that starts first,
then the lexicon's row order), so "Islamic State group" is one label, not "Islamic State" plus
nothing. Offsets are Python ``str`` indices: ``text[start:end] == surface``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.corpus import Corpus, Source, load_corpus, text_of
from helpers.files import TableError, read_csv
from helpers.paths import data_dir
from helpers.segments import segment, segment_parts
from helpers.spans import quoted_span_problem

__all__ = [
    "ALTERNATIVES_SEPARATOR",
    "accepted_functions",
    "check_framing",
    "check_labels",
    "CHOICE_COLUMNS",
    "CONNOTATION_VALUES",
    "CONNOTATIONS",
    "FIND_COLUMNS",
    "find_labels",
    "FRAMING_COLUMNS",
    "FUNCTIONS",
    "label_choices",
    "LABEL_COLUMNS",
    "label_passages",
    "NO_PASSAGE",
    "PASSAGE_COLUMNS",
    "read_framing",
    "read_labels",
    "READER_COMMENT",
]

LABEL_COLUMNS = ["concept", "term", "pattern", "connotation", "note"]

#: The connotation vocabulary: the usual load of a word, not the intent of a source using it.
CONNOTATIONS = (
    ("neutral", "the plain word of wire copy and reference works; takes no side by itself"),
    ("official", "the name or title the named party gives itself, or its office's title"),
    ("legitimising", "grants a standing the named party claims and others deny"),
    ("delegitimising", "withholds or denies the named party's claim to a name or to authority"),
    ("sympathetic", "invites the reader to side with the named party"),
    ("hostile", "casts the named party as an enemy, a criminal or an aggressor"),
)
CONNOTATION_VALUES = tuple(name for name, _ in CONNOTATIONS)

FRAMING_COLUMNS = [
    "source_id",
    "function",
    "frame",
    "start",
    "end",
    "quote",
    "note",
    "alternatives",
]
#: The functions another careful coder could defensibly give a passage, as the note argues,
#: separated by this in the ``alternatives`` column (empty: none).
ALTERNATIVES_SEPARATOR = " | "
#: Entman's (1993) four framing functions, in his order.
FUNCTIONS = (
    "problem definition",
    "causal interpretation",
    "moral evaluation",
    "treatment recommendation",
)
NO_PASSAGE = "no passage"
READER_COMMENT = "reader comment"

FIND_COLUMNS = ["concept", "term", "connotation", "surface", "start", "end"]
CHOICE_COLUMNS = ["source_id", "segment", "concept", "term", "connotation", "count"]
PASSAGE_COLUMNS = [
    "source_id",
    "concept",
    "term",
    "connotation",
    "surface",
    "start",
    "end",
    "segment",
    "passage",
]
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# --------------------------------------------------------------------------- the lexicon


def _problem(where: str, column: str, problem: str) -> TableError:
    return TableError(f"{where}, column {column}: {problem}")


def _records(
    frame: pd.DataFrame, columns: list[str], where: str, lines: Sequence[int] | None = None
):
    """(line, where-with-line, row as text) per row; raises on a missing column or line break.

    The line is ``lines[i]`` when given, else as in a CSV with one header line and one line
    per row.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise TableError(f"{where}: missing column(s) {', '.join(missing)}")
    records = frame[columns].to_dict("records")
    numbers = lines if lines is not None else range(2, len(records) + 2)
    for line, raw in zip(numbers, records, strict=True):
        row = {k: ("" if pd.isna(v) else str(v)) for k, v in raw.items()}
        at = f"{where}, line {line}"
        for column in columns:
            if "\n" in row[column] or "\r" in row[column]:
                raise _problem(at, column, "a line break inside the value; keep a row on one line")
        yield line, at, row


def check_labels(
    frame: pd.DataFrame, where: str = "labels", lines: Sequence[int] | None = None
) -> pd.DataFrame:
    """Validate a lexicon table; return it with every value as text, in file order.

    Rules: ``concept`` is a slug; ``term`` and ``note`` are not empty; a (concept, term) pair
    appears once; ``pattern`` compiles and cannot match the empty string; ``connotation`` is in
    :data:`CONNOTATION_VALUES`. Errors name ``where``, the line (``lines[i]`` when given, else
    as in a CSV with one header line) and the column.

    >>> row = {"concept": "c", "term": "t", "pattern": "(", "connotation": "neutral", "note": "n"}
    >>> check_labels(pd.DataFrame([row]), where="mine.csv")
    Traceback (most recent call last):
    ...
    helpers.files.TableError: mine.csv, line 2, column pattern: '(' does not compile: \
missing ), unterminated subpattern at position 0
    """
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for line, at, row in _records(frame, LABEL_COLUMNS, where, lines):
        if not _SLUG.fullmatch(row["concept"]):
            raise _problem(
                at, "concept", f"{row['concept']!r} is not a slug (a-z, 0-9 and single hyphens)"
            )
        for column in ("term", "note"):
            if not row[column].strip():
                raise _problem(at, column, "is empty")
        key = (row["concept"], row["term"])
        if key in seen:
            raise _problem(
                at,
                "term",
                f"{row['term']!r} is listed again for {row['concept']!r} "
                f"(first on line {seen[key]})",
            )
        seen[key] = line
        try:
            compiled = re.compile(row["pattern"])
        except re.error as err:
            raise _problem(at, "pattern", f"{row['pattern']!r} does not compile: {err}") from None
        if not row["pattern"] or compiled.fullmatch("") is not None:
            raise _problem(at, "pattern", f"{row['pattern']!r} matches the empty string")
        if row["connotation"] not in CONNOTATION_VALUES:
            raise _problem(
                at,
                "connotation",
                f"{row['connotation']!r} is not one of {', '.join(CONNOTATION_VALUES)}",
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def read_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The lexicon of contested labels (``data/labels.csv`` by default), checked.

    Columns: ``concept``, ``term``, ``pattern`` (a Python regex), ``connotation``, ``note``;
    see :func:`check_labels` for the rules. A student's own lexicon with the same columns is
    read the same way.

    >>> labels = read_labels()
    >>> labels.loc[labels["concept"] == "syrian-government", "term"].tolist()
    ['regime', 'government', 'Syrian Arab Republic']
    """
    path = Path(path) if path else data_dir() / "labels.csv"
    table = read_csv(path, LABEL_COLUMNS)
    frame = pd.DataFrame(table.rows, columns=LABEL_COLUMNS)
    return check_labels(frame, where=path.name, lines=table.lines)


class _Lexicon(NamedTuple):
    """A checked lexicon with its patterns compiled, ready to search many texts."""

    table: pd.DataFrame
    patterns: list[re.Pattern]
    labels: list[tuple[str, str, str]]  # (concept, term, connotation) of each row


def _compiled(table: pd.DataFrame) -> _Lexicon:
    columns = [table[c].tolist() for c in ("concept", "term", "connotation")]
    patterns = [re.compile(p) for p in table["pattern"]]
    return _Lexicon(table, patterns, list(zip(*columns, strict=True)))


@functools.lru_cache(maxsize=4)
def _cached_lexicon(path: str, mtime_ns: int, size: int) -> _Lexicon:
    return _compiled(read_labels(path))


def _lexicon(labels: pd.DataFrame | str | Path | None) -> _Lexicon:
    """The lexicon to search with; the shipped one is read once (again only if the file changes)."""
    if labels is None:
        path = data_dir() / "labels.csv"
        try:
            stat = path.stat()
        except OSError:
            return _compiled(read_labels(path))  # which says what is wrong with the path
        return _cached_lexicon(str(path), stat.st_mtime_ns, stat.st_size)
    if isinstance(labels, (str, Path)):
        return _compiled(read_labels(labels))
    if isinstance(labels, pd.DataFrame):
        return _compiled(check_labels(labels))
    raise TypeError(f"labels: expected a DataFrame or a path, got {type(labels).__name__}")


def find_labels(
    text_or_source: Source | str, labels: pd.DataFrame | str | Path | None = None
) -> pd.DataFrame:
    """Every occurrence of a lexicon term in a text, as spans into the raw text.

    Columns: ``concept``, ``term``, ``connotation``, ``surface`` (``text[start:end]``),
    ``start``, ``end``; sorted by ``start``, never overlapping (the longest match wins).
    ``labels`` is a lexicon table or a path (default: the shipped ``data/labels.csv``).

    >>> found = find_labels("The regime said IS is weak; the Islamic State group denied it.")
    >>> found[["term", "surface", "start", "end"]].values.tolist()
    [['regime', 'regime', 4, 10], ['IS', 'IS', 16, 18], \
['Islamic State group', 'Islamic State group', 32, 51]]
    """
    return _find_labels(text_of(text_or_source), _lexicon(labels))


def _find_labels(text: str, lexicon: _Lexicon) -> pd.DataFrame:
    candidates = []
    for order, pattern in enumerate(lexicon.patterns):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), match.end(), order))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = np.zeros(len(text) + 1, dtype=bool)
    kept = []
    for start, end, order in candidates:
        if not taken[start:end].any():
            taken[start:end] = True
            kept.append((start, end, order))
    kept.sort()
    records = [(*lexicon.labels[order], text[start:end], start, end) for start, end, order in kept]
    out = pd.DataFrame(records, columns=FIND_COLUMNS)
    return out if records else out.astype({"start": "int64", "end": "int64"})


# --------------------------------------------------------------------------- counts and passages


def _as_source(obj: object, name: str = "text") -> Source:
    if isinstance(obj, Source):
        return obj
    if isinstance(obj, str):
        return Source.from_text(obj, source_id=name)
    raise TypeError(f"{name}: expected a Source or a str, got {type(obj).__name__}")


def _sources(items: object) -> list[Source]:
    if isinstance(items, (Source, str)):
        return [_as_source(items)]
    if isinstance(items, Mapping):
        return [_as_source(v, str(k)) for k, v in items.items()]
    if isinstance(items, Iterable):
        out = []
        for n, item in enumerate(items):
            if not isinstance(item, Source):
                raise TypeError(
                    f"item {n}: expected a Source (or pass a dict of name -> text), "
                    f"got {type(item).__name__}"
                )
            out.append(item)
        return out
    raise TypeError(
        "expected a Source, a str, a dict of name -> text or Source, or an iterable of Sources "
        f"(such as a corpus); got {type(items).__name__}"
    )


def _with_segments(source: Source, found: pd.DataFrame) -> pd.Series:
    """The page part (``helpers.segments`` kind) each occurrence starts in."""
    if found.empty:
        return pd.Series([], dtype=str)
    parts = segment_parts(source)
    where = np.searchsorted([p.start for p in parts], found["start"].to_numpy(), "right") - 1
    return pd.Series(np.array([p.kind for p in parts])[where], index=found.index, dtype=str)


def label_choices(
    sources: object,
    labels: pd.DataFrame | str | Path | None = None,
    segments: bool = True,
) -> pd.DataFrame:
    """How often each source uses each term: one row per source, page part, concept and term.

    ``sources`` is a corpus (or any iterable of Sources), one Source or str, or a dict of
    name -> text or Source. With ``segments=True`` each occurrence is placed in the page part
    it starts in (:func:`helpers.segments.segment`: ``body``, ``comment``, ``caption``…), so an
    article's own choices can be told from its readers'; with ``segments=False`` the
    ``segment`` column is ``"all"``. Columns: ``source_id``, ``segment``, ``concept``, ``term``,
    ``connotation``, ``count``; only terms that occur are listed (``count`` >= 1), in lexicon
    order within each source. :func:`label_passages` gives the passages behind a count.

    >>> page = "Rebels advance\\n\\nThe regime and the Syrian government, rebels said today."
    >>> label_choices({"demo": page})[["segment", "term", "count"]].values.tolist()
    [['headline', 'rebels', 1], ['body', 'regime', 1], ['body', 'government', 1], \
['body', 'rebels', 1]]

    A table for comparing sources, one column per source (``pivot_table`` sums the parts):

    >>> choices = label_choices(load_corpus(), segments=False)
    >>> gov = choices[choices["concept"] == "syrian-government"]
    >>> table = gov.pivot_table("count", "term", "source_id", aggfunc="sum", fill_value=0)
    >>> table.loc["regime"].tolist()
    [0, 8, 13, 1, 8]
    """
    lexicon = _lexicon(labels)
    order = {(c, t): n for n, (c, t, _) in enumerate(lexicon.labels)}
    frames = []
    for source in _sources(sources):
        found = _find_labels(source.text, lexicon)
        found["source_id"] = source.id
        found["segment"] = _with_segments(source, found) if segments else "all"
        frames.append(found)
    if not frames or all(f.empty for f in frames):
        return pd.DataFrame(columns=CHOICE_COLUMNS).astype({"count": "int64"})
    every = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    keys = ["source_id", "segment", "concept", "term", "connotation"]
    counts = every.groupby(keys, sort=False).size().rename("count").reset_index()
    source_rank = {s: n for n, s in enumerate(dict.fromkeys(every["source_id"]))}
    segment_rank = {
        (s, g): n
        for n, (s, g) in enumerate(
            dict.fromkeys(zip(every["source_id"], every["segment"], strict=True))
        )
    }
    counts["_rank"] = [
        (source_rank[s], segment_rank[(s, g)], order[(c, t)])
        for s, g, c, t in zip(
            counts["source_id"], counts["segment"], counts["concept"], counts["term"], strict=True
        )
    ]
    counts = counts.sort_values("_rank", kind="stable").drop(columns="_rank")
    return counts[CHOICE_COLUMNS].reset_index(drop=True).astype({"count": "int64"})


def label_passages(
    source: Source | str,
    concept: str,
    term: str,
    context: int = 60,
    labels: pd.DataFrame | str | Path | None = None,
    segment_kind: str | None = None,
) -> pd.DataFrame:
    """The passages behind a count: every occurrence of one term in one source, in context.

    ``source`` is a Source or a text. Columns: ``source_id``, ``concept``, ``term``,
    ``connotation``, ``surface``, ``start``, ``end`` (the occurrence: ``text[start:end] ==
    surface``), ``segment`` (the page part it starts in), ``passage`` (the raw text from
    ``context`` characters before the occurrence to ``context`` after, clipped to the text).
    ``segment_kind`` keeps only occurrences in that page part (``"body"``, ``"comment"``…), so
    the rows match one row of :func:`label_choices`. An unknown (concept, term) is an error.

    >>> rows = label_passages("Rebels said the regime fell.", "syrian-government", "regime",
    ...                       context=5)
    >>> rows[["surface", "start", "end", "passage"]].values.tolist()
    [['regime', 16, 22, ' the regime fell']]
    """
    lexicon = _lexicon(labels)
    if (concept, term) not in {(c, t) for c, t, _ in lexicon.labels}:
        terms = [t for c, t, _ in lexicon.labels if c == concept]
        hint = f"its terms are {', '.join(map(repr, terms))}" if terms else "no such concept"
        raise KeyError(f"no term {term!r} for concept {concept!r} in the lexicon ({hint})")
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, got {context}")
    src = _as_source(source)
    found = _find_labels(src.text, lexicon)
    found = found[(found["concept"] == concept) & (found["term"] == term)].copy()
    found["source_id"] = src.id
    found["segment"] = _with_segments(src, found)
    if segment_kind is not None:
        found = found[found["segment"] == segment_kind]
    text = src.text
    found["passage"] = [
        text[max(0, s - context) : e + context]
        for s, e in zip(found["start"], found["end"], strict=True)
    ]
    return found[PASSAGE_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- framing


def check_framing(
    frame: pd.DataFrame,
    corpus: Corpus,
    where: str = "framing",
    lines: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Validate a framing table against its sources; return it with ``start``/``end`` as numbers.

    Rules (errors name ``where``, the line — ``lines[i]`` when given — and the column):
    ``source_id`` is a source of the corpus (a prefix such as ``"001"`` is accepted and
    written out in full); ``function`` is one of :data:`FUNCTIONS`; ``frame`` and ``note``
    are not empty; ``quote == text[start:end]``.
    A row with ``start``, ``end`` and ``quote`` all empty says that the source has no passage
    for the function: its note starts with ``no passage``, and no other row of that source
    codes that function in the article (reader-comment rows may). A passage inside a reader
    comment (:func:`helpers.segments.segment` kind ``comment``) has a note starting with
    ``reader comment``, and only such a passage does. ``alternatives`` (the column may be left
    out) lists other functions a careful coder could defensibly give the passage, separated by
    :data:`ALTERNATIVES_SEPARATOR`, each one of :data:`FUNCTIONS` and not the row's own; the
    note argues them. ``start``/``end`` come back as nullable integers (``Int64``), empty on
    no-passage rows.

    >>> corpus = load_corpus()
    >>> row = {"source_id": "003", "function": "moral evaluation", "frame": "f", "start": 0,
    ...        "end": 4, "quote": "Iraq", "note": "n"}
    >>> check_framing(pd.DataFrame([row]), corpus)[["source_id", "start"]].values.tolist()
    [['003_45a6886da7819588', 0]]
    """
    rows = []
    no_passage: dict[tuple[str, str], int] = {}
    coded: dict[tuple[str, str], int] = {}
    parts: dict[str, pd.DataFrame] = {}
    if "alternatives" not in frame.columns:
        frame = frame.assign(alternatives="")
    for line, at, row in _records(frame, FRAMING_COLUMNS, where, lines):
        others = [a.strip() for a in row["alternatives"].split(ALTERNATIVES_SEPARATOR.strip())]
        others = [a for a in others if a]
        for other in others:
            if other not in FUNCTIONS or other == row["function"]:
                raise _problem(
                    at,
                    "alternatives",
                    f"{other!r} is not another of {', '.join(FUNCTIONS)}; separate several with "
                    f"{ALTERNATIVES_SEPARATOR!r}",
                )
        row["alternatives"] = ALTERNATIVES_SEPARATOR.join(others)
        try:
            source = corpus[row["source_id"]]
        except KeyError:
            raise _problem(at, "source_id", f"no source {row['source_id']!r}") from None
        row["source_id"] = source.id
        if row["function"] not in FUNCTIONS:
            raise _problem(
                at, "function", f"{row['function']!r} is not one of {', '.join(FUNCTIONS)}"
            )
        for column in ("frame", "note"):
            if not row[column].strip():
                raise _problem(at, column, "is empty")
        note = row["note"].strip().lower()
        key = (source.id, row["function"])
        if not (row["start"] or row["end"] or row["quote"]):
            if not note.startswith(NO_PASSAGE):
                raise _problem(
                    at,
                    "note",
                    f"start, end and quote are empty, so the note must start with "
                    f"{NO_PASSAGE!r} and say why the source has no passage for this function",
                )
            if key in coded:
                raise _problem(
                    at,
                    "note",
                    f"'no passage', but line {coded[key]} codes {row['function']!r} "
                    f"for {source.id}",
                )
            no_passage[key] = line
            row["start"] = row["end"] = pd.NA
            rows.append(row)
            continue
        if note.startswith(NO_PASSAGE):
            raise _problem(at, "note", f"says {NO_PASSAGE!r} but the row has a passage")
        problem = quoted_span_problem(source, row["start"], row["end"], row["quote"])
        if problem:
            raise _problem(at, problem[0], problem[1])
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        if source.id not in parts:
            parts[source.id] = segment(source)
        kinds = parts[source.id]
        first = int(np.searchsorted(kinds["start"].to_numpy(), row["start"], "right") - 1)
        in_comment = kinds["kind"].iat[first] == "comment"
        if in_comment != note.startswith(READER_COMMENT):
            problem = (
                f"the passage is in a reader comment, so the note must start with "
                f"{READER_COMMENT!r}"
                if in_comment
                else f"the note starts with {READER_COMMENT!r} but the passage is in the page's "
                f"{kinds['kind'].iat[first]}, not a comment"
            )
            raise _problem(at, "note", problem)
        if not in_comment:
            if key in no_passage:
                raise _problem(
                    at,
                    "function",
                    f"line {no_passage[key]} says {source.id} has no passage "
                    f"for {row['function']!r}",
                )
            coded.setdefault(key, line)
        rows.append(row)
    out = pd.DataFrame(rows, columns=FRAMING_COLUMNS)
    return out.astype({"start": "Int64", "end": "Int64"})


def read_framing(path: str | Path | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """Entman's four framing functions coded per seed (``data/framing.csv``), spans checked.

    Columns: ``source_id``, ``function`` (one of :data:`FUNCTIONS`), ``frame`` (a short phrase
    in the course's words), ``start``, ``end``, ``quote`` (``text[start:end]``), ``note``,
    ``alternatives`` (other defensible functions, or empty); see :func:`check_framing` for the
    rules.

    >>> framing = read_framing()
    >>> framing.groupby("function").size().index.tolist() == sorted(FUNCTIONS)
    True
    """
    path = Path(path) if path else data_dir() / "framing.csv"
    corpus = corpus if corpus is not None else load_corpus()
    table = read_csv(path, FRAMING_COLUMNS, required=FRAMING_COLUMNS[:-1])
    frame = pd.DataFrame(table.rows, columns=FRAMING_COLUMNS)
    return check_framing(frame, corpus, where=path.name, lines=table.lines)


def accepted_functions(
    source_id: str, passage: str, framing: pd.DataFrame | None = None
) -> set[str]:
    """The functions an answer may give a coded passage: its own and its recorded alternatives.

    ``passage`` is the start of (or the whole) quote of one row of ``framing`` (default
    :func:`read_framing`) for ``source_id`` (a prefix such as ``"002"`` works). An exercise's
    check uses this so that every defensible answer the data records is accepted.

    >>> sorted(accepted_functions("002", "Iran, which was allegedly not consulted"))
    ['causal interpretation', 'moral evaluation']
    """
    framing = framing if framing is not None else read_framing()
    rows = framing[
        framing["source_id"].str.startswith(source_id)
        & framing["quote"].fillna("").str.startswith(passage)
    ]
    if len(rows) != 1:
        raise ValueError(
            f"{len(rows)} framing rows of {source_id} start with {passage[:40]!r}; give more of "
            "the passage, or a passage the table codes"
        )
    row = rows.iloc[0]
    others = [a for a in str(row["alternatives"]).split(ALTERNATIVES_SEPARATOR) if a]
    return {row["function"], *others}
