"""Actors and their mentions: who a text names, by which words, and where.

The gazetteer ``data/actors.csv`` (documented in ``data/README.md``) lists one actor per row:
states and governments, forces, armed groups, international bodies, media, think tanks, people.
Each row gives the actor's ``name`` and its other ``aliases`` (acronyms, metonyms such as
*Moscow* for the Russian government, transliterations, renamings, the seeds' misspellings), and
marks the ``ambiguous`` ones. :func:`read_gazetteer` reads and checks it (and a user's own
extension file); :func:`find_mentions` finds every mention in a text and returns stand-off spans
into the raw text.

Matching rules (the same for every alias)
-----------------------------------------
- **Exact case** for an alias made only of capital letters and digits (``IS``, ``US``, ``UN``,
  ``ISIS``, ``NATO``): ``IS`` never matches *is* or *Is*. Such an alias of at most three
  characters is skipped inside a run of capitals (a headline such as "WHAT IS NEXT"): when the
  nearest word on each side, on the same line and within 64 characters, is written in capitals
  (at least one such word; words without letters and all-capital aliases are passed over, so
  "US, UK and France" keeps its US).
- **Capital initial**: every other alias matches in any case, except that an alias starting
  with a capital letter needs a capital at the start of the match (``Assad`` matches *Assad*
  and *ASSAD*, not *assad*; ``the Kremlin`` matches *The Kremlin*).
- **Folding**: case is compared through ``str.lower()`` (one character for one character;
  the final-sigma ``ς`` counts as ``σ``), the curly apostrophe ``’`` counts as ``'``, and a
  line break, tab or non-breaking space counts as a space, so *Russia’s* and *Russia's*, *Da’esh*
  and *Da'esh*, and a name broken over two lines all match.
- **Word-bounded**: a match never cuts a word. Where the alias starts (ends) with a letter or
  digit, the character before (after) the match is not a letter, digit or combining mark;
  *Russia’s* matches ``Russia``, *Russian* does not. An alias ending in punctuation (``U.S.``)
  needs nothing after it, so the seed's "U.S.is" (a lost space) still names the United States.
- **Longest, leftmost, no overlaps**: "Islamic State of Iraq and the Levant" is one mention,
  not *Islamic State* plus *Iraq*.
- **Ambiguous** aliases are matched only with ``include_ambiguous=True`` (the default). An alias
  may belong to two actors only if both rows list it as ambiguous; the actor whose row comes
  first in the file then gets every match (the later row's alias is ignored).

Engine
------
One Aho–Corasick automaton (``pyahocorasick``) scans a case-folded copy of the text; the
exact-case aliases are found by one regular expression over runs of capitals. Both work on
64k-character chunks, so the extra memory is a few copies of one chunk, never of the text. All
candidates of a chunk are checked at once with numpy (word boundaries and capitals read from
tables of code points), and one sweep keeps the longest leftmost matches, walking in Python
only the rare runs of overlapping candidates. Time is linear in the text plus the number of
candidates, and no Python object is made per character: ``benchmarks/bench_mentions.py``
measures it.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd

from helpers.corpus import Source, text_of
from helpers.files import TableError, read_csv
from helpers.paths import data_dir
from helpers.segments import segment
from helpers.spans import matching_view

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_KINDS",
    "ALIAS_SEPARATOR",
    "MENTION_COLUMNS",
    "NOT_ALIASES",
    "Gazetteer",
    "default_gazetteer",
    "find_mentions",
    "mention_counts",
    "mentions_by_segment",
    "read_gazetteer",
]

ACTOR_COLUMNS = [
    "actor_id",
    "name",
    "kind",
    "cameo",
    "cameo_note",
    "parent",
    "aliases",
    "ambiguous",
    "evidence",
    "note",
]
ACTOR_KINDS = (
    "state",
    "government body",
    "armed forces",
    "armed group",
    "igo",
    "media",
    "think tank",
    "ngo",
    "person",
    "other",
)
NOT_ALIASES = "not_aliases"  # optional column: longer names that contain an alias but are not it
ALIAS_SEPARATOR = " | "
MENTION_COLUMNS = ["actor_id", "actor", "surface", "start", "end"]
ALIAS_COLUMNS = ["actor_id", "alias", "exact_case", "ambiguous"]
COUNT_BY = ("actor_id", "actor", "surface")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SHORT_CAPS = 3  # exact-case aliases this short are skipped inside runs of capitals
_CAPS_WINDOW = 64  # characters looked at on each side for the run-of-capitals rule
_CHUNK = 1 << 16  # characters folded and scanned at a time
_LETTER_RANK = {c: i for i, c in enumerate(" etaoinshrdlcumwfgypbvkjxqz")}  # commonest first
_ASCII_SPACES = ("\n", "\r", "\t")  # count as a space (with U+00A0) inside a multi-word alias
# Punctuation and spaces (never part of a word, never a line break), for quick looks around.
_PUNCTUATION = frozenset(
    " \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\xa0\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
)
_PUNCTUATION_THEN = re.compile(f"[{re.escape(''.join(sorted(_PUNCTUATION)))}]{{0,8}}(.)", re.S)
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


# --------------------------------------------------------------------------- folding


def _is_word_char(char: str) -> bool:
    """A letter, digit or combining mark: the characters a match may not cut through."""
    return char.isalnum() or (char >= "\u0300" and unicodedata.category(char)[0] == "M")


@functools.cache
def _expanding() -> re.Pattern:
    """Characters whose ``lower()`` is longer than one character ('İ' in Unicode 15)."""
    chars = [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _fold(text: str) -> str:
    """Case-fold ``text`` one character for one character, so offsets stay valid.

    >>> _fold("İSTANBUL’S\\nΣ")
    "istanbul's σ"
    """
    low = text.lower()
    if len(low) != len(text):  # a character that lowers to two: keep the first
        low = _expanding().sub(lambda m: m.group().lower()[0], text).lower()
    if not low.isascii():
        low = low.replace("ς", "σ").replace("\u2019", "'").replace("\xa0", " ")
    for space in _ASCII_SPACES:
        low = low.replace(space, " ")
    return low


# --------------------------------------------------------------------------- reading


def _alias_list(value: str) -> list[str]:
    return value.split(ALIAS_SEPARATOR) if value.strip() else []


def _check_alias(alias: str, where: str, column: str) -> None:
    problem = None
    if not alias.strip():
        problem = f"an empty alias; separate aliases with {ALIAS_SEPARATOR!r} (space, pipe, space)"
    elif alias != alias.strip():
        problem = f"{alias!r} has a space at its start or end; use exactly {ALIAS_SEPARATOR!r}"
    elif "|" in alias:
        problem = f"{alias!r} contains '|'; separate aliases with {ALIAS_SEPARATOR!r}"
    elif _LINE_BREAKS.search(alias):
        problem = f"{alias!r} contains a line break; keep every alias on one line"
    elif not any(map(_is_word_char, alias)):
        problem = f"{alias!r} has no letter or digit"
    if problem:
        raise TableError(f"{where}, column {column}: {problem}")


def _key(alias: str) -> str:
    """The folded, composed (NFC) form an alias is matched and compared by."""
    return _fold(unicodedata.normalize("NFC", alias))


def _is_exact_case(alias: str) -> bool:
    """Only capital letters and digits, at least one letter: matched in exactly this case."""
    return alias.isupper() and all(c.isalnum() for c in alias)


class Gazetteer:
    """Actors with their aliases, and the automaton that finds them (see :func:`read_gazetteer`).

    ``table``: one row per actor (the columns of ``data/actors.csv``, as text; an extension's
    aliases are appended to its actor's ``aliases``). ``aliases``: one row per alias that can
    match, the name included (``actor_id``, ``alias``, ``exact_case``, ``ambiguous``); an
    ambiguous alias shared by two actors is listed once, under the first.

    >>> g = read_gazetteer()
    >>> g.parent_of("putin"), "russia" in g
    ('russia', True)
    """

    def __init__(
        self,
        rows: list[dict[str, str]],
        entries: list[tuple],
        files: list[str],
        not_names: Iterable[str] = (),
    ):
        self.files = files
        self.table = pd.DataFrame(rows, columns=[*ACTOR_COLUMNS, NOT_ALIASES], dtype=str)
        self.table[NOT_ALIASES] = self.table[NOT_ALIASES].fillna("")
        self._ids = [row["actor_id"] for row in rows]
        self._names = [row["name"] for row in rows]
        # One more "actor" past the last: the names that are no actor's (see NOT_ALIASES). They
        # take part in the longest-leftmost choice, so an alias inside them is not a mention,
        # and are then dropped.
        self._not_actor = len(rows)
        self.not_names = list(not_names)
        entries = [*entries, *((self._not_actor, n, _is_exact_case(n), False) for n in not_names)]
        self._id_array = np.array([*self._ids, ""], dtype=object)
        self._name_array = np.array([*self._names, ""], dtype=object)
        self._index = {actor_id: i for i, actor_id in enumerate(self._ids)}
        self._parents = {row["actor_id"]: row["parent"] or None for row in rows}
        self.aliases = pd.DataFrame(
            [
                (self._ids[a], alias, exact, amb)
                for a, alias, exact, amb in entries
                if a != self._not_actor
            ],
            columns=ALIAS_COLUMNS,
        ).astype({"actor_id": str, "alias": str, "exact_case": bool, "ambiguous": bool})
        self._compile(entries)

    def _compile(self, entries: list[tuple]) -> None:
        # Folded key -> per mode (0: all aliases, 1: unambiguous only) [actor, needs a capital];
        # exact-case spelling -> per mode the actor.
        folded: dict[str, list] = {}
        exact: dict[str, list] = {}
        for actor, alias, is_exact, ambiguous in entries:
            if is_exact:
                slot = exact.setdefault(alias, [None, None])
                for mode in (0, 1):
                    if slot[mode] is None and not (mode and ambiguous):
                        slot[mode] = actor
                continue
            capital = alias[0].isupper()
            slot = folded.setdefault(_key(alias), [None, None])
            for mode in (0, 1):
                if mode and ambiguous:
                    continue
                if slot[mode] is None:
                    slot[mode] = [actor, capital]
                else:  # the same actor (conflicts were refused): one small-letter spelling frees it
                    slot[mode][1] = slot[mode][1] and capital
        # pyahocorasick searches a node's children in the order they were added, so add the keys
        # with the commonest English letters first: the scan compares fewer letters.
        keys = sorted(folded, key=lambda k: [_LETTER_RANK.get(c, len(_LETTER_RANK)) for c in k])
        self._automaton = ahocorasick.Automaton()
        for number, key in enumerate(keys):
            self._automaton.add_word(key, number)
        if keys:
            self._automaton.make_automaton()
        self._key_count = len(keys)
        self._longest = max((len(k) for k in [*folded, *exact]), default=1)
        self._key_length = np.array([len(k) for k in keys], dtype=np.int64)
        self._key_first_word = np.array([_is_word_char(k[0]) for k in keys], dtype=bool)
        self._key_last_word = np.array([_is_word_char(k[-1]) for k in keys], dtype=bool)
        # Per mode: the actor each key gives (-1: none in this mode) and whether it needs a capital.
        self._key_actor = [
            np.array([-1 if folded[k][m] is None else folded[k][m][0] for k in keys], np.int64)
            for m in (0, 1)
        ]
        self._key_capital = [
            np.array([folded[k][m] is not None and folded[k][m][1] for k in keys], dtype=bool)
            for m in (0, 1)
        ]
        self._exact = [
            {alias: slot[m] for alias, slot in exact.items() if slot[m] is not None} for m in (0, 1)
        ]
        self._all_exact = set(exact)
        if exact:
            firsts = sorted({a[0] for a in exact})
            chars = sorted({c for a in exact for c in a})
            shortest = min(len(a) for a in exact)
            self._caps_runs = re.compile(
                f"[{''.join(map(re.escape, firsts))}][{''.join(map(re.escape, chars))}]"
                f"{{{shortest - 1},}}"
            )
        else:
            self._caps_runs = None

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._index

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        files = ", ".join(Path(f).name for f in self.files)
        return f"<Gazetteer: {len(self)} actors, {len(self.aliases)} aliases from {files}>"

    def name_of(self, actor_id: str) -> str:
        """The actor's name.

        >>> read_gazetteer().name_of("un")
        'United Nations'
        """
        return self._names[self._position(actor_id)]

    def parent_of(self, actor_id: str) -> str | None:
        """The actor this one acts for or belongs to (Putin → russia), or None.

        >>> read_gazetteer().parent_of("quds-force")
        'irgc'
        """
        self._position(actor_id)
        return self._parents[actor_id]

    def _position(self, actor_id: str) -> int:
        try:
            return self._index[actor_id]
        except KeyError:
            raise KeyError(f"no actor {actor_id!r} in the gazetteer ({self.files[0]})") from None

    # ------------------------------------------------------------------------ matching

    def _candidates(self, text: str, strict: bool) -> tuple[np.ndarray, ...]:
        """Every match that passes the boundary and case rules: (starts, ends, actors)."""
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        n = len(text)
        exact = self._exact[strict]
        scan = self._automaton.iter if self._key_count else None
        caps_runs = self._caps_runs if exact else None
        key_actor, key_capital = self._key_actor[strict], self._key_capital[strict]
        reach = self._longest - 1
        for chunk_start in range(0, n, _CHUNK):
            chunk_end = min(n, chunk_start + _CHUNK)
            piece = text[chunk_start : chunk_end + reach]
            codes = _Codes(text, chunk_start, piece)
            if scan is not None:
                flat = np.fromiter(itertools.chain.from_iterable(scan(_fold(piece))), np.int64)
                last, key = flat[0::2], flat[1::2]
                actor = key_actor[key]
                end = last + 1
                start = end - self._key_length[key]
                ok = (actor >= 0) & (start < chunk_end - chunk_start)
                ok &= ~(self._key_first_word[key] & codes.word_before(start))
                ok &= ~(self._key_last_word[key] & codes.word_at(end))
                ok &= ~(key_capital[key] & ~codes.upper_at(start))
                found.append((start[ok] + chunk_start, end[ok] + chunk_start, actor[ok]))
            if caps_runs is not None:
                runs = [
                    (m.start(), m.end(), actor)
                    for m in caps_runs.finditer(piece)
                    if (actor := exact.get(m.group())) is not None
                ]
                if runs:
                    start, end, actor = np.array(runs, dtype=np.int64).T
                    ok = start < chunk_end - chunk_start
                    ok &= ~codes.word_before(start) & ~codes.word_at(end)
                    start, end, actor = start[ok] + chunk_start, end[ok] + chunk_start, actor[ok]
                    short = np.flatnonzero(end - start <= _SHORT_CAPS)
                    if short.size:
                        skip = self._all_exact
                        drop = [
                            i
                            for i in short.tolist()
                            if _in_capitals(text, int(start[i]), int(end[i]), skip)
                        ]
                        if drop:
                            keep = np.ones(start.size, dtype=bool)
                            keep[drop] = False
                            start, end, actor = start[keep], end[keep], actor[keep]
                    found.append((start, end, actor))
        if not found:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))

    def mentions(self, text: str, include_ambiguous: bool = True) -> pd.DataFrame:
        """The mentions table for ``text`` (see :func:`find_mentions`)."""
        view = matching_view(text)
        scanned = text if view is None else view[0]
        start, end, actor = self._candidates(scanned, strict=not include_ambiguous)
        start, end, actor = _longest_leftmost(start, end, actor)
        named = actor != self._not_actor
        start, end, actor = start[named], end[named], actor[named]
        if view is not None and start.size:  # back to offsets into the raw text
            start, end = view[1][start], view[2][end - 1]
        if not start.size:
            return pd.DataFrame(
                {c: pd.Series([], dtype=str) for c in MENTION_COLUMNS[:3]}
                | {"start": start, "end": end}
            )
        surfaces = [text[s:e] for s, e in zip(start.tolist(), end.tolist(), strict=True)]
        columns = {
            "actor_id": self._id_array[actor],
            "actor": self._name_array[actor],
            "surface": np.array(surfaces, dtype=object),
            "start": start,
            "end": end,
        }
        return pd.DataFrame(columns, copy=False)  # text columns are inferred as str


def _longest_leftmost(
    start: np.ndarray, end: np.ndarray, actor: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep the leftmost match, the longest where several start together, then repeat after it.

    Matches that overlap nothing are kept at once; only runs of overlapping matches are walked.
    """
    order = np.lexsort((start - end, start))
    start, end, actor = start[order], end[order], actor[order]
    if start.size < 2:
        return start, end, actor
    reach = np.maximum.accumulate(end)
    free = np.ones(start.size, dtype=bool)
    free[1:] = start[1:] >= reach[:-1]  # overlaps nothing before it: starts a new run
    run = np.cumsum(free)
    sizes = np.bincount(run)
    keep = sizes[run] == 1
    for first in np.flatnonzero(free & (sizes[run] > 1)).tolist():
        last_end = -1
        i = first
        while i < start.size and (i == first or not free[i]):
            if start[i] >= last_end:
                keep[i] = True
                last_end = end[i]
            i += 1
    return start[keep], end[keep], actor[keep]


class _Codes:
    """Code points of a chunk with its neighbours, to test characters at many offsets at once."""

    __slots__ = ("codes",)

    def __init__(self, text: str, chunk_start: int, piece: str):
        stop = chunk_start + len(piece)
        codes = np.empty(len(piece) + 2, dtype=np.uint32)
        codes[0] = ord(text[chunk_start - 1]) if chunk_start else 32
        codes[1:-1] = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        codes[-1] = ord(text[stop]) if stop < len(text) else 32
        self.codes = codes

    def _lookup(self, at: np.ndarray, table: np.ndarray, test) -> np.ndarray:
        values = self.codes[at]
        big = values >= table.size
        result = table[np.where(big, 0, values)]
        if big.any():
            result[big] = [test(chr(v)) for v in values[big].tolist()]
        return result

    def word_before(self, start: np.ndarray) -> np.ndarray:
        """Is the character before each local offset a letter, digit or mark?"""
        return self._lookup(start, _tables()[0], _is_word_char)

    def word_at(self, at: np.ndarray) -> np.ndarray:
        """Is the character at each local offset a letter, digit or mark?"""
        return self._lookup(at + 1, _tables()[0], _is_word_char)

    def upper_at(self, at: np.ndarray) -> np.ndarray:
        """Is the character at each local offset an upper-case letter?"""
        return self._lookup(at + 1, _tables()[1], str.isupper)


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """For every character of the Basic Multilingual Plane: word character? upper case?"""
    chars = [chr(i) for i in range(0x10000)]
    word = np.fromiter(map(_is_word_char, chars), dtype=bool, count=0x10000)
    upper = np.fromiter(map(str.isupper, chars), dtype=bool, count=0x10000)
    return word, upper


@functools.cache
def _word_runs() -> re.Pattern:
    """Runs of letters, digits and combining marks (the characters of :func:`_is_word_char`)."""

    def char_class(low: int, high: int) -> str:
        marks = [c for c in map(chr, range(low, high)) if unicodedata.category(c)[0] == "M"]
        return "".join(re.escape(c) for c in marks)

    # Marks of the first 65536 code points make a bitmap (fast); the rest, a list of ranges,
    # is only tried for characters past that plane.
    return re.compile(
        f"(?:[^\\W_]|[{char_class(0, 0x10000)}]"
        f"|(?=[\\U00010000-\\U0010ffff])[{char_class(0x10000, 0x110000)}])+"
    )


def _nearest(words: Iterable[str], skip: Mapping) -> str | None:
    """The first of ``words`` that has a letter and is not in ``skip``."""
    for word in words:
        if word not in skip and any(c.isalpha() for c in word):
            return word
    return None


def _in_capitals(text: str, start: int, end: int, skip: Mapping) -> bool:
    """True when the nearest words beside ``text[start:end]`` on its line are in capitals.

    Words that are themselves in ``skip`` (the all-capital aliases) or have no letter are
    passed over; only words within :data:`_CAPS_WINDOW` characters are seen (a word cut there
    is judged by its visible part).
    """
    # Fast answers: past a little punctuation, the next or the previous word has a small letter.
    after = _PUNCTUATION_THEN.match(text, end)
    if after and after.group(1).islower():
        return False
    i = start - 1
    while i >= 0 and start - i <= 8 and text[i] in _PUNCTUATION:
        i -= 1
    if i >= 0 and text[i].islower():
        return False
    runs = _word_runs()
    before = _LINE_BREAKS.split(text[max(0, start - _CAPS_WINDOW) : start])[-1]
    after = _LINE_BREAKS.split(text[end : end + _CAPS_WINDOW], maxsplit=1)[0]
    left = _nearest(reversed(runs.findall(before)), skip)
    right = _nearest(runs.findall(after), skip)
    words = [w for w in (left, right) if w is not None]
    return bool(words) and all(w.isupper() for w in words)


def read_gazetteer(path: str | Path | None = None, extra: str | Path | None = None) -> Gazetteer:
    """Read and check a gazetteer (default ``data/actors.csv``), optionally with an extension.

    The file must have exactly the columns :data:`ACTOR_COLUMNS`. Checked: ``actor_id`` is a
    unique slug; ``name`` is given; ``kind`` is one of :data:`ACTOR_KINDS`; ``parent`` is an
    actor in the file (and no actor is its own ancestor); ``aliases`` and ``ambiguous`` are
    separated by ``' | '``; ``ambiguous`` lists only the row's name and aliases; an alias is not
    listed twice in a row nor repeats the name; and no alias belongs to two actors (compared
    after case-folding and treating ``’`` as ``'``) unless both rows list it as ambiguous, in
    which case the first row wins.

    ``extra`` is a user's CSV with the same columns, of which only ``actor_id`` and ``aliases``
    are required (the others may be blank or absent). A new ``actor_id`` adds an actor (its
    ``name`` defaults to its first alias); an existing one adds aliases to that actor, and may
    mark any of the actor's names ambiguous. Every problem raises
    :class:`~helpers.tables.TableError` naming the file, line, column and alias.

    >>> g = read_gazetteer()
    >>> g.aliases.query("actor_id == 'russia'")["alias"].head(1).tolist()
    ['Russia']
    """
    path = Path(path) if path is not None else data_dir() / "actors.csv"
    if not path.is_file():
        raise FileNotFoundError(f"no gazetteer at {path}")
    builder = _Builder()
    for line, row in read_csv(path, [*ACTOR_COLUMNS, NOT_ALIASES], required=ACTOR_COLUMNS):
        builder.add_row(row, f"{path.name}, line {line}", extension=False)
    files = [str(path)]
    if extra is not None:
        extra = Path(extra)
        if not extra.is_file():
            raise FileNotFoundError(f"no extension file at {extra}")
        columns = [*ACTOR_COLUMNS, NOT_ALIASES]
        for line, row in read_csv(extra, columns, required=["actor_id", "aliases"]):
            builder.add_row(row, f"{extra.name}, line {line}", extension=True)
        files.append(str(extra))
    builder.check_parents()
    builder.check_not_names()
    not_names = [name for name, _, _ in builder.not_names.values()]
    return Gazetteer(builder.rows, builder.entries(), files, not_names)


class _Builder:
    """Collects rows and aliases, checking each against what came before."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self.where: dict[str, str] = {}  # actor_id -> "file, line N"
        self.by_actor: dict[str, list[tuple[str, bool, bool]]] = {}  # (alias, exact, ambiguous)
        self.owners: dict[str, list[tuple[str, bool, str]]] = {}  # key -> (actor, amb., where)
        self.not_names: dict[str, tuple[str, str, str]] = {}  # key -> (name, actor, where)

    def add_row(self, row: dict[str, str], where: str, extension: bool) -> None:
        row = {k: (v.strip() if k not in ("aliases", "ambiguous") else v) for k, v in row.items()}
        actor_id = row["actor_id"]
        if not _SLUG.fullmatch(actor_id):
            raise TableError(
                f"{where}, column actor_id: {actor_id!r} is not a slug; use lower-case letters "
                "and digits joined by single hyphens, e.g. syrian-observatory"
            )
        aliases = _alias_list(row["aliases"])
        for alias in aliases:
            _check_alias(alias, where, "aliases")
        row[NOT_ALIASES] = row.get(NOT_ALIASES) or ""
        for name in _alias_list(row[NOT_ALIASES]):
            _check_alias(name, where, NOT_ALIASES)
            self.not_names.setdefault(_key(name), (name, actor_id, where))
        name_column = "name"
        existing = extension and actor_id in self.where
        if existing:
            self._extend(row, aliases, where)
            return
        if actor_id in self.where:
            raise TableError(
                f"{where}, column actor_id: {actor_id!r} is already used ({self.where[actor_id]})"
            )
        if extension:
            if not aliases and not row["name"]:
                raise TableError(
                    f"{where}, column aliases: a new actor {actor_id!r} needs at least one alias"
                )
            if not row["name"]:
                row["name"], aliases = aliases[0], aliases[1:]
                name_column = "aliases"
        elif not row["name"]:
            raise TableError(f"{where}, column name: empty; give the actor's usual name")
        _check_alias(row["name"], where, name_column)
        if row["kind"] not in ACTOR_KINDS and (row["kind"] or not extension):
            raise TableError(
                f"{where}, column kind: {row['kind']!r} is not one of {', '.join(ACTOR_KINDS)}"
            )
        seen = {row["name"]: "name"}
        for alias in aliases:
            if alias in seen:
                what = "repeats the name" if seen[alias] == "name" else "is listed twice"
                raise TableError(f"{where}, column aliases: {alias!r} {what}")
            seen[alias] = "alias"
        ambiguous = self._ambiguous(row, [row["name"], *aliases], where)
        self.where[actor_id] = where
        self.by_actor[actor_id] = []
        row["aliases"] = ALIAS_SEPARATOR.join(aliases)
        self.rows.append(row)
        for alias, column in [(row["name"], name_column), *((a, "aliases") for a in aliases)]:
            self._add_alias(actor_id, alias, alias in ambiguous, where, column)

    def _extend(self, row: dict[str, str], aliases: list[str], where: str) -> None:
        actor_id = row["actor_id"]
        current = self.rows[[r["actor_id"] for r in self.rows].index(actor_id)]
        for column in ("name", "kind", "cameo", "parent"):
            if row[column] and row[column] != current[column]:
                raise TableError(
                    f"{where}, column {column}: {row[column]!r} differs from {current[column]!r} "
                    f"({self.where[actor_id]}); an extension can only add aliases to an existing "
                    "actor, so leave it blank"
                )
        if not aliases and not row[NOT_ALIASES]:
            raise TableError(f"{where}, column aliases: empty; nothing to add to {actor_id!r}")
        known = [alias for alias, _, _ in self.by_actor[actor_id]]
        ambiguous = self._ambiguous(row, [*known, *aliases], where)
        added = [a for a in dict.fromkeys(aliases) if a not in known]
        for alias in added:
            self._add_alias(actor_id, alias, alias in ambiguous, where, "aliases")
        if added:
            current["aliases"] = ALIAS_SEPARATOR.join(filter(None, [current["aliases"], *added]))
        if row[NOT_ALIASES]:
            current[NOT_ALIASES] = ALIAS_SEPARATOR.join(
                filter(None, [current[NOT_ALIASES], row[NOT_ALIASES]])
            )
        # An alias the actor already has may be marked ambiguous now.
        self.by_actor[actor_id] = [
            (alias, exact, amb or alias in ambiguous)
            for alias, exact, amb in self.by_actor[actor_id]
        ]
        for alias in ambiguous & set(known):
            owners = self.owners[_key(alias)]
            owners[:] = [(o, amb or o == actor_id, w) for o, amb, w in owners]
        already = set(_alias_list(current["ambiguous"]))
        marked = [a for a in dict.fromkeys(_alias_list(row["ambiguous"])) if a not in already]
        if marked:
            current["ambiguous"] = ALIAS_SEPARATOR.join(
                filter(None, [current["ambiguous"], *marked])
            )

    def _ambiguous(self, row: dict[str, str], allowed: list[str], where: str) -> set[str]:
        ambiguous = _alias_list(row["ambiguous"])
        for alias in ambiguous:
            _check_alias(alias, where, "ambiguous")
            if alias not in allowed:
                raise TableError(
                    f"{where}, column ambiguous: {alias!r} is not one of the actor's names or "
                    "aliases; list it in aliases too, spelled the same way"
                )
        return set(ambiguous)

    def _add_alias(self, actor_id: str, alias: str, ambiguous: bool, where: str, column: str):
        key = _key(alias)
        for owner, owner_ambiguous, owner_where in self.owners.get(key, []):
            if owner != actor_id and not (ambiguous and owner_ambiguous):
                raise TableError(
                    f"{where}, column {column}: alias {alias!r} already names {owner!r} "
                    f"({owner_where}); an alias may name two actors only if both rows list it "
                    "in ambiguous"
                )
        self.owners.setdefault(key, []).append((actor_id, ambiguous, where))
        self.by_actor[actor_id].append((alias, _is_exact_case(alias), ambiguous))

    def check_not_names(self) -> None:
        """A name listed as not an actor's must not be any actor's alias."""
        for key, (name, actor_id, where) in self.not_names.items():
            if key in self.owners:
                owner, _, owner_where = self.owners[key][0]
                raise TableError(
                    f"{where}, column {NOT_ALIASES}: {name!r} is listed as not {actor_id!r}, but "
                    f"it is an alias of {owner!r} ({owner_where}); keep it in one place"
                )

    def check_parents(self) -> None:
        parents = {row["actor_id"]: row["parent"] for row in self.rows}
        for row in self.rows:
            parent = row["parent"]
            where = f"{self.where[row['actor_id']]}, column parent"
            if parent and parent not in self.where:
                raise TableError(f"{where}: no actor {parent!r} in the gazetteer")
            seen = {row["actor_id"]}
            while parent:
                if parent in seen:
                    raise TableError(f"{where}: {row['actor_id']!r} would be its own ancestor")
                seen.add(parent)
                parent = parents.get(parent, "")

    def entries(self) -> list[tuple[int, str, bool, bool]]:
        """(actor index, alias, exact case, ambiguous), dropping aliases an earlier row owns."""
        index = {row["actor_id"]: i for i, row in enumerate(self.rows)}
        first_owner = {
            key: min((owner for owner, _, _ in owners), key=index.__getitem__)
            for key, owners in self.owners.items()
        }
        out = []
        for actor_id, aliases in self.by_actor.items():
            for alias, exact, ambiguous in aliases:
                if first_owner[_key(alias)] == actor_id:
                    out.append((index[actor_id], alias, exact, ambiguous))
        return out


# --------------------------------------------------------------------------- public functions


@functools.lru_cache(maxsize=4)
def _cached_gazetteer(path: str, mtime_ns: int, size: int) -> Gazetteer:
    return read_gazetteer(path)


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer ``data/actors.csv``, read once (again only if the file changes).

    >>> default_gazetteer() is default_gazetteer()
    True
    """
    path = data_dir() / "actors.csv"
    try:
        stat = path.stat()
    except OSError:
        raise FileNotFoundError(f"no gazetteer at {path}") from None
    return _cached_gazetteer(str(path), stat.st_mtime_ns, stat.st_size)


def find_mentions(
    text_or_source: Source | str,
    gazetteer: Gazetteer | None = None,
    include_ambiguous: bool = True,
) -> pd.DataFrame:
    """Every mention of a gazetteer actor in a text, as spans into the raw text.

    Columns: ``actor_id``, ``actor`` (the actor's name), ``surface`` (the words as written,
    ``text[start:end]``), ``start``, ``end``; sorted by ``start``, never overlapping. The rules
    (exact case for all-capital aliases, word boundaries, longest match first, ambiguous aliases)
    are in this module's documentation. ``gazetteer=None`` uses the shipped one.

    >>> m = find_mentions("The Kremlin said IS is weak; Russia’s ally Assad agreed.")
    >>> m[["actor_id", "surface", "start", "end"]].values.tolist()
    [['russia', 'The Kremlin', 0, 11], ['islamic-state', 'IS', 17, 19], \
['russia', 'Russia', 29, 35], ['assad', 'Assad', 43, 48]]
    >>> find_mentions("Moscow denied it.", include_ambiguous=False).empty
    True
    """
    text = text_of(text_or_source)
    if gazetteer is None:
        gazetteer = default_gazetteer()
    elif not isinstance(gazetteer, Gazetteer):
        raise TypeError(f"gazetteer: expected a Gazetteer, got {type(gazetteer).__name__}")
    return gazetteer.mentions(text, include_ambiguous=include_ambiguous)


def _mentions_by_source(
    items: object, gazetteer: Gazetteer | None, include_ambiguous: bool
) -> dict[str, pd.DataFrame]:
    def mentions(obj: object) -> pd.DataFrame:
        if isinstance(obj, pd.DataFrame):
            missing = [c for c in MENTION_COLUMNS if c not in obj.columns]
            if missing:
                raise ValueError(f"not a mentions table: missing column(s) {', '.join(missing)}")
            return obj
        return find_mentions(obj, gazetteer, include_ambiguous)

    if isinstance(items, pd.DataFrame):
        items = mentions(items)
        if "source_id" in items.columns:
            return {str(k): g for k, g in items.groupby("source_id", sort=False)}
        return {"mentions": items}
    if isinstance(items, Source):
        return {items.id: mentions(items)}
    if isinstance(items, str):
        return {"text": mentions(items)}
    if isinstance(items, Mapping):
        return {str(k): mentions(v) for k, v in items.items()}
    if isinstance(items, Iterable):
        out = {}
        for n, item in enumerate(items):
            if not isinstance(item, Source):
                raise TypeError(
                    f"item {n}: expected a Source (or pass a dict of name -> text or mentions), "
                    f"got {type(item).__name__}"
                )
            out[item.id] = mentions(item)
        return out
    raise TypeError(
        "expected a mentions table, a Source, a str, a dict of them, or an iterable of Sources; "
        f"got {type(items).__name__}"
    )


def mention_counts(
    mentions_or_sources: object,
    by: str = "actor_id",
    gazetteer: Gazetteer | None = None,
    include_ambiguous: bool = True,
) -> pd.DataFrame:
    """How often each actor is mentioned in each source: one row per actor, one column per source.

    Accepts sources (a corpus, a list of Sources, one Source or str), a dict of name -> text,
    Source or mentions table, or a mentions table (with a ``source_id`` column: one column per
    source). ``by`` is ``"actor_id"``, ``"actor"`` (names) or ``"surface"`` (the words used).
    Rows are sorted by total count, most mentioned first; counts are integers.

    >>> texts = {"a": "Moscow and Russia. Assad.", "b": "Russia’s view"}
    >>> mention_counts(texts).loc[["russia", "assad"]].values.tolist()
    [[2, 1], [1, 0]]
    """
    if by not in COUNT_BY:
        raise ValueError(f"by={by!r}: expected one of {', '.join(COUNT_BY)}")
    per_source = _mentions_by_source(mentions_or_sources, gazetteer, include_ambiguous)
    columns = {name: m[by].value_counts(sort=False) for name, m in per_source.items()}
    table = pd.DataFrame(columns).fillna(0).astype(np.int64)
    table = table.reindex(columns=list(per_source), fill_value=0)
    total = table.sum(axis=1)
    order = sorted(table.index, key=lambda k: (-total[k], str(k)))
    table = table.loc[order]
    table.index.name = by
    table.columns.name = "source"
    return table


def mentions_by_segment(
    source: Source | str,
    mentions: pd.DataFrame | None = None,
    gazetteer: Gazetteer | None = None,
    include_ambiguous: bool = True,
) -> pd.DataFrame:
    """The mentions of a source, each with the ``segment`` (page part) it starts in.

    Page parts come from :func:`helpers.segments.segment` (``headline``, ``body``,
    ``comment``…), so the article's own voice can be compared with its readers'.

    >>> page = "Talks stall\\n\\nMoscow and Tehran met in Astana on Monday, officials said."
    >>> mentions_by_segment(page)[["actor_id", "segment"]].values.tolist()
    [['russia', 'body'], ['iran', 'body']]
    """
    text = text_of(source)
    if mentions is None:
        mentions = find_mentions(text, gazetteer, include_ambiguous)
    parts = segment(source)
    out = mentions.copy()
    if len(out) and len(parts):
        where = np.searchsorted(parts["start"].to_numpy(), out["start"].to_numpy(), "right") - 1
        out["segment"] = parts["kind"].to_numpy()[where]
    else:
        out["segment"] = pd.Series([], dtype=str)
    out["segment"] = out["segment"].astype(str)
    return out
