"""Spans: ``(source_id, start, end)`` offsets into a source's raw text.

Every derived fact in the course is a stand-off annotation pointing into the unedited text,
never an edited copy. Curated tables carry a verbatim quote; :func:`find_quote` turns it into
offsets and fails loudly (naming the table, row and source) when the quote is not there.
:func:`matching_view` gives a normalised view of a text to match names in (NFC, no invisible
characters) with the map from its offsets back to the raw text's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

import numpy as np

from helpers.corpus import Source

__all__ = ["Span", "SpanError", "find_quote", "matching_view", "quoted_span_problem"]


class SpanError(ValueError):
    """A span or quote that does not fit its source; the message says where and why."""


class Span(NamedTuple):
    """A stretch of one source's raw text, as :func:`find_quote` returns it.

    >>> Span("001", 3, 9).length
    6
    """

    source_id: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


def find_quote(source: Source, quote: str, where: str = "", occurrence: int = 1) -> Span:
    """The span of the ``occurrence``-th verbatim copy of ``quote`` in the source.

    >>> find_quote(Source.from_text("a b a b", source_id="s"), "a b", occurrence=2)
    Span(source_id='s', start=4, end=7)
    """
    prefix = f"{where}: " if where else ""
    if not quote:
        raise SpanError(f"{prefix}empty quote")
    position = -1
    for _ in range(occurrence):
        position = source.text.find(quote, position + 1)
        if position < 0:
            shown = quote if len(quote) <= 60 else quote[:57] + "…"
            raise SpanError(
                f"{prefix}quote {shown!r} is not in source {source.id!r} "
                f"(quotes must be copied verbatim from the raw text)"
            )
    return Span(source.id, position, position + len(quote))


def quoted_span_problem(
    source: Source, start: object, end: object, quote: str
) -> tuple[str, str, int, int] | None:
    """Why a table row's (start, end, quote) does not fit its source, or None if it does.

    Returns ``(column, problem, start, end)`` for the caller to report with file and line.
    Offsets may be given as text (from a CSV); ``quote`` must equal the raw text at the span.

    >>> from helpers.corpus import Source
    >>> s = Source.from_text("Moscow said so.", "s")
    >>> quoted_span_problem(s, "0", "6", "Moscow") is None
    True
    >>> quoted_span_problem(s, 0, 6, "Kremlin")[:2]
    ('quote', "does not match the source at 0-6: 'Moscow'")
    """
    offsets = []
    for column, value in (("start", start), ("end", end)):
        try:
            offsets.append(int(str(value)))
        except ValueError:
            return column, f"{value!r} is not a whole number", -1, -1
    first, last = offsets
    if not 0 <= first < last <= len(source.text):
        problem = f"span {first}-{last} is not inside {source.id} (0-{len(source.text)})"
        return "end", problem, first, last
    actual = source.text[first:last]
    if quote != actual:
        return "quote", f"does not match the source at {first}-{last}: {actual!r}", first, last
    return None


# Characters a reader does not see inside a word, dropped from the matching view: the soft
# hyphen, zero-width space, non-joiner and joiner, direction marks and embeddings, the word
# joiner and invisible operators, direction isolates, and the zero-width no-break space (BOM).
_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")


@functools.cache
def _view_pieces() -> re.Pattern:
    """An invisible character, or a character with the combining marks that follow it."""
    marks = "".join(
        re.escape(c) for c in map(chr, range(0x300, 0x10000)) if unicodedata.combining(c)
    )
    return re.compile(f"[{_INVISIBLE}]|.[{marks}]+", re.S)


def matching_view(text: str) -> tuple[str, np.ndarray, np.ndarray] | None:
    """The text as names are matched in it, and the way back to raw offsets; None if the same.

    The view is NFC (a letter and its combining accents composed into one character, as
    "Erdoğan" typed with a separate breve becomes the usual "Erdoğan") without the characters
    a reader does not see (soft hyphens, zero-width spaces and joiners, direction marks). For
    each view offset ``i``, ``starts[i]`` and ``ends[i]`` are the raw offsets of the character
    it came from, so a match ``view[a:b]`` is ``text[starts[a]:ends[b - 1]]``.

    >>> raw = "Erdo\\u00adg\\u0306an\\u200b"
    >>> view, starts, ends = matching_view(raw)
    >>> view, raw[starts[0] : ends[len(view) - 1]] == raw[:-1]  # all but the zero-width space
    ('Erdoğan', True)
    >>> matching_view("Plain text, already NFC: Erdoğan") is None
    True
    """
    if text.isascii() or (
        unicodedata.is_normalized("NFC", text) and not _INVISIBLE_RE.search(text)
    ):
        return None
    pieces: list[str] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    last = 0
    for match in _view_pieces().finditer(text):
        a, b = match.span()
        new = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", match.group()))
        if new == match.group():
            continue
        pieces += [text[last:a], new]
        starts += [np.arange(last, a), np.full(len(new), a)]
        ends += [np.arange(last + 1, a + 1), np.full(len(new), b)]
        last = b
    pieces.append(text[last:])
    starts.append(np.arange(last, len(text)))
    ends.append(np.arange(last + 1, len(text) + 1))
    return "".join(pieces), np.concatenate(starts), np.concatenate(ends)
