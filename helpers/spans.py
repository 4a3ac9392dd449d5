"""Spans: ``(source_id, start, end)`` offsets into a source's raw text.

Every derived fact in the course is a stand-off annotation pointing into the unedited text,
never an edited copy. Curated tables carry a verbatim quote; :func:`find_quote` turns it into
offsets and fails loudly (naming the table, row and source) when the quote is not there.
"""

from __future__ import annotations

from typing import NamedTuple

from helpers.corpus import Source

__all__ = ["Span", "SpanError", "find_quote", "quoted_span_problem"]


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
