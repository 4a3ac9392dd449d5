"""Show sources in a notebook: raw text with highlighted spans, always escaped.

Text from a source is never interpreted as HTML: every character passes through
:func:`html.escape` before it reaches the page, so a ``<script>`` in a scraped page is shown,
not run. Colours come from :mod:`helpers.palette` (Okabe–Ito, safe for the common forms of
colour blindness; ``PALETTE`` and ``colour_for`` are importable from here too) and are never
the only signal: every highlighted span also carries a visible label.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
from IPython.display import HTML

from helpers.corpus import Source
from helpers.palette import PALETTE, colour_for

__all__ = [
    "PALETTE",
    "colour_for",
    "highlight_html",
    "legend_html",
    "show_claim",
    "show_passage",
    "show_side_by_side",
    "show_source",
]

_BOX = (
    "font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; "
    "white-space: pre-wrap; line-height: 1.5; border: 1px solid #bbb; padding: 0.6em; "
    "max-height: {height}; overflow-y: auto; color: #111; background: #fff"
)
_LABEL = (
    "font-family: sans-serif; font-size: 0.7em; font-weight: bold; padding: 0 0.25em; "
    "margin-right: 0.2em; border-radius: 2px; background: #333; color: #fff"
)


def _as_spans(
    spans: pd.DataFrame | Iterable | None, label_column: str
) -> list[tuple[int, int, str]]:
    if spans is None:
        return []
    if isinstance(spans, pd.DataFrame):
        labels = spans[label_column] if label_column in spans else [""] * len(spans)
        return [
            (int(s), int(e), str(lab))
            for s, e, lab in zip(spans["start"], spans["end"], labels, strict=True)
        ]
    out = []
    for item in spans:
        start, end, *rest = item
        out.append((int(start), int(end), str(rest[0]) if rest else ""))
    return out


def highlight_html(
    text: str,
    spans: pd.DataFrame | Iterable | None = None,
    label_column: str = "kind",
    colours: dict[str, str] | None = None,
    start: int = 0,
    end: int | None = None,
    max_height: str = "28em",
) -> str:
    """Escaped HTML of ``text[start:end]`` with spans marked (overlapping spans: first wins).

    ``spans`` is a DataFrame with ``start``, ``end`` (and optionally a label column) or an
    iterable of ``(start, end[, label])``; offsets are into the whole ``text``.

    >>> print(highlight_html("a <b>", [(2, 5, "tag")], max_height="none"))  # doctest: +ELLIPSIS
    <div ...>a <mark ... title="tag"><span ...>tag</span>&lt;b&gt;</mark></div>
    """
    end = len(text) if end is None else min(end, len(text))
    marks = sorted(
        (max(s, start), min(e, end), lab)
        for s, e, lab in _as_spans(spans, label_column)
        if e > start and s < end and e > s
    )
    colours = colours or colour_for(lab for _, _, lab in marks)
    pieces, pos = [], start
    for s, e, lab in marks:
        if s < pos:  # overlaps an earlier span: skip rather than nest
            continue
        pieces.append(html.escape(text[pos:s]))
        tag = f'<span style="{_LABEL}">{html.escape(lab)}</span>' if lab else ""
        pieces.append(
            f'<mark style="background: {colours.get(lab, PALETTE[0])}; color: inherit" '
            f'title="{html.escape(lab)}">{tag}{html.escape(text[s:e])}</mark>'
        )
        pos = e
    pieces.append(html.escape(text[pos:end]))
    return f'<div style="{_BOX.format(height=max_height)}">{"".join(pieces)}</div>'


def show_source(
    source: Source,
    spans: pd.DataFrame | Iterable | None = None,
    label_column: str = "kind",
    start: int = 0,
    end: int | None = None,
    max_height: str = "28em",
) -> HTML:
    """Display a source's raw text (or a stretch of it) with optional highlighted spans.

    >>> from helpers.corpus import Source
    >>> "<script>" in show_source(Source.from_text("<script>alert(1)</script>")).data
    False
    """
    heading = (
        f'<div style="font-family: sans-serif; font-size: 0.85em; color: #333">'
        f"<b>{html.escape(source.title)}</b> · {html.escape(source.id)}"
        f" · characters {start:,}–{(len(source.text) if end is None else end):,}"
        f" of {len(source.text):,}</div>"
    )
    return HTML(
        heading + highlight_html(source.text, spans, label_column, None, start, end, max_height)
    )


def show_passage(source: Source, start: int, end: int, context: int = 200) -> HTML:
    """Display one span with some text either side, so a number can be traced to its words.

    >>> from helpers.corpus import Source
    >>> "&lt;b&gt;" in show_passage(Source.from_text("x <b> y"), 2, 5).data
    True
    """
    lo, hi = max(0, start - context), min(len(source.text), end + context)
    return show_source(source, [(start, end, "")], start=lo, end=hi, max_height="none")


def legend_html(colours: dict[str, str], definitions: dict[str, str] | None = None) -> str:
    """An escaped legend: each label in its colour, with its definition if given.

    >>> "comment" in legend_html({"comment": "#9fd3f5"})
    True
    """
    rows = []
    for label, colour in colours.items():
        meaning = html.escape((definitions or {}).get(label, ""))
        rows.append(
            f'<li><mark style="background: {colour}; color: #111"><span style="{_LABEL}">'
            f"{html.escape(label)}</span></mark> {meaning}</li>"
        )
    style = "font-family: sans-serif; font-size: 0.85em; list-style: none; padding-left: 0"
    return f'<ul style="{style}">{"".join(rows)}</ul>'


_CELL = "vertical-align: top; padding: 0.3em 0.6em; text-align: left"


def show_claim(
    claims: pd.DataFrame, corpus: Iterable[Source], claim_id: str, context: int = 80
) -> HTML:
    """Display one claim and every passage that speaks to it: source, stance, speaker, hands.

    ``claims`` has the columns of ``data/claims.csv``; each passage is shown in its raw text
    with ``context`` characters either side, its stance as the highlight's label.

    >>> from helpers.corpus import Source
    >>> src = Source.from_text("Officials said <11> died.", "s")
    >>> rows = pd.DataFrame([{"claim_id": "c", "statement": "Eleven died.", "source_id": "s",
    ...     "stance": "reports-others-asserting", "start": 0, "end": 25,
    ...     "speaker": "unnamed: officials", "via": ""}])
    >>> "&lt;11&gt;" in show_claim(rows, [src], "c").data
    True
    """
    rows = claims[claims["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"no claim {claim_id!r} in the claims table")
    by_id = {s.id: s for s in corpus}
    body = []
    for r in rows.itertuples():
        source = by_id[r.source_id]
        lo, hi = max(0, r.start - context), min(len(source.text), r.end + context)
        passage = highlight_html(
            source.text, [(r.start, r.end, r.stance)], start=lo, end=hi, max_height="none"
        )
        hands = html.escape(" > ".join(h for h in (r.speaker, r.via, source.id[:3]) if h))
        body.append(
            f'<tr><td style="{_CELL}; width: 14em"><b>{html.escape(source.id[:3])}</b><br>'
            f"{html.escape(r.stance)}<br><small>{hands}</small></td>"
            f'<td style="{_CELL}">{passage}</td></tr>'
        )
    statement = html.escape(rows["statement"].iloc[0])
    return HTML(
        f'<div style="font-family: sans-serif"><b>{html.escape(claim_id)}</b>: {statement}</div>'
        f'<table style="width: 100%; table-layout: fixed">{"".join(body)}</table>'
    )


def show_side_by_side(
    a: Source, b: Source, passages: pd.DataFrame, max_height: str = "24em"
) -> HTML:
    """Two texts in columns with their shared passages marked, numbered alike on both sides.

    ``passages`` is :func:`helpers.reuse.common_passages` of ``a`` and ``b``.

    >>> from helpers.corpus import Source
    >>> p = pd.DataFrame({"a_start": [0], "a_end": [3], "b_start": [4], "b_end": [7]})
    >>> "#1" in show_side_by_side(Source.from_text("abc"), Source.from_text("xyz abc"), p).data
    True
    """
    marks_a = [(r.a_start, r.a_end, f"#{i}") for i, r in enumerate(passages.itertuples(), 1)]
    marks_b = [(r.b_start, r.b_end, f"#{i}") for i, r in enumerate(passages.itertuples(), 1)]
    colours = {f"#{i}": PALETTE[(i - 1) % len(PALETTE)] for i in range(1, len(passages) + 1)}
    columns = []
    for source, marks in ((a, marks_a), (b, marks_b)):
        title = html.escape(f"{source.id} · {source.metadata.get('outlet', '')}".strip(" ·"))
        text = highlight_html(source.text, marks, colours=colours, max_height=max_height)
        columns.append(f'<td style="{_CELL}; width: 50%"><b>{title}</b>{text}</td>')
    return HTML(
        f'<table style="width: 100%; table-layout: fixed"><tr>{"".join(columns)}</tr></table>'
    )
