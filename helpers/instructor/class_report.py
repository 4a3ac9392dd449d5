"""A class's ratings as a short report the instructor can show: Markdown or self-contained HTML.

From a folder of student annotation files::

    python -m helpers.instructor.class_report FOLDER --out report.html
    python -m helpers.instructor.class_report FOLDER --out report.md

The suffix of ``--out`` chooses the format. Both are one file: the figures are PNGs embedded as
``<img src="data:image/png;base64,…" alt="…">`` (Markdown allows that HTML; Jupyter, VS Code
and most Markdown viewers show it). Sections: the files pooled and those left out (named, with
line and problem), agreement over the class, by source and by claim, the most disputed items
with the rationales on each side, who skipped what, and the class beside the reference ratings.

Options: ``--corpus DIR`` checks the files' source ids and spans against that folder of sources
(default: the seed corpus, with ``data/claims.csv`` for the claims' wording and
``data/reference_ratings.csv`` as the reference); ``--no-corpus`` checks nothing against a
corpus; ``--reference CSV`` or ``--no-reference``; ``--top N`` disputed items (default 5);
``--strict`` stops at the first malformed file instead of reporting it; ``--title TEXT``;
``--pooled-csv FILE`` also writes the pooled ratings as a CSV to open in a spreadsheet, with
formulas neutralised (:func:`helpers.instructor.classroom.write_pooled_csv`).
Exit status 0 when written, 1 on an error (said on stderr), 2 on bad arguments.

Everything students typed (rationales, claim ids) and every file name is escaped, in HTML and
in Markdown alike: a ``<script>`` in a rationale is shown as text, never run, and Markdown
syntax in it (``*``, ``[link](…)``, ``|``) is shown as typed. Long rationales are cut at
:data:`MAX_TEXT` characters, and each side of a dispute lists at most :data:`MAX_VOICES`
students by rationale (the rest by name).
"""

from __future__ import annotations

import argparse
import base64
import html
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.instructor.classroom import (
    PROBLEM_COLUMNS,
    UNIT_SEPARATOR,
    agreement_by_claim,
    agreement_by_source,
    class_agreement,
    code_counts,
    compare_with_reference,
    coverage,
    item_spread,
    most_disputed,
    pool_class,
    ratings_per_source,
    write_pooled_csv,
)
from helpers.plotting import FigureOutput, bar_chart, figure_output, value_heatmap

__all__ = [
    "build_report",
    "main",
    "MAX_HEATMAP_ROWS",
    "MAX_TEXT",
    "MAX_VOICES",
    "Report",
    "SCALE_NAMES",
    "SECTIONS",
    "short_labels",
    "Strong",
    "write_report",
]

MAX_TEXT = 500
MAX_VOICES = 6
MAX_HEATMAP_ROWS = 40
SECTIONS = {
    "files": "Files",
    "agreement": "Agreement",
    "by-source": "Agreement by source",
    "by-claim": "Agreement by claim",
    "disputed": "Most disputed items",
    "coverage": "Who skipped what",
    "reference": "The class and the reference ratings",
    "reading": "How to read this report",
}
SCALE_NAMES = {"reliability": "source reliability", "credibility": "claim credibility"}


# --------------------------------------------------------------------------- a small document


@dataclass(frozen=True)
class Strong:
    """Text shown in bold (escaped like all text)."""

    text: str


@dataclass
class Report:
    """A report as a list of blocks, rendered by :meth:`markdown` or :meth:`html`.

    Blocks are tuples: ``("h", level, text, anchor)``, ``("p", inlines)``, ``("ul", [inlines,
    …])``, ``("table", columns, rows)`` and ``("figure", FigureOutput, caption)``, where
    inlines are a list of ``str`` and :class:`Strong`. All text is escaped when rendered.

    >>> report = Report("Demo <b>")
    >>> report.add("p", ["a <script>", Strong("bold")])
    >>> report.markdown().splitlines()[-1], "&lt;script&gt;" in report.html()
    ('a &lt;script&gt;**bold**', True)
    """

    title: str
    blocks: list[tuple] = field(default_factory=list)
    n_students: int = 0
    problems: pd.DataFrame | None = None

    def add(self, kind: str, *parts: Any) -> None:
        """Append one block (see the class docstring).

        >>> r = Report("t"); r.add("h", 2, "Files", "files"); r.blocks
        [('h', 2, 'Files', 'files')]
        """
        self.blocks.append((kind, *parts))

    @property
    def figures(self) -> list[FigureOutput]:
        """The report's figures, in order.

        >>> Report("t").figures
        []
        """
        return [block[1] for block in self.blocks if block[0] == "figure"]

    def markdown(self) -> str:
        """The report as Markdown, figures inline as ``<img>`` with base64 PNG and alt text.

        >>> Report("Class <1>").markdown()
        '# Class &lt;1&gt;\\n'
        """
        out = [f"# {_md(self.title)}", ""]
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                out += [f"{'#' * block[1]} {_md(block[2])}", ""]
            elif kind == "p":
                out += [_md_inline(block[1]), ""]
            elif kind == "ul":
                out += [f"- {_md_inline(item)}" for item in block[1]] + [""]
            elif kind == "table":
                columns, rows = block[1], block[2]
                out.append("| " + " | ".join(_md(c) for c in columns) + " |")
                out.append("|" + "|".join("---" for _ in columns) + "|")
                out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
                out.append("")
            elif kind == "figure":
                out += [_img(block[1]), "", f"*{_md(block[2])}*", ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def html(self) -> str:
        """The report as one self-contained HTML page (figures embedded, no outside files).

        >>> page = Report("Class").html()
        >>> page.startswith("<!DOCTYPE html>"), "<h1>Class</h1>" in page
        (True, True)
        """
        body = [f"<h1>{_html(self.title)}</h1>"]
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                anchor = f' id="{_html(block[3])}"' if block[3] else ""
                body.append(f"<h{block[1]}{anchor}>{_html(block[2])}</h{block[1]}>")
            elif kind == "p":
                body.append(f"<p>{_html_inline(block[1])}</p>")
            elif kind == "ul":
                items = "".join(f"<li>{_html_inline(item)}</li>" for item in block[1])
                body.append(f"<ul>{items}</ul>")
            elif kind == "table":
                head = "".join(f'<th scope="col">{_html(c)}</th>' for c in block[1])
                rows = "".join(
                    "<tr>" + "".join(f"<td>{_html(c)}</td>" for c in row) + "</tr>"
                    for row in block[2]
                )
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            elif kind == "figure":
                body.append(
                    f"<figure>{_img(block[1])}<figcaption>{_html(block[2])}</figcaption></figure>"
                )
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_html(self.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )


_CSS = (
    "body{font-family:system-ui,sans-serif;color:#222;max-width:60em;margin:2em auto;"
    "padding:0 1em;line-height:1.45}table{border-collapse:collapse;margin:0.5em 0 1.2em}"
    "th,td{border:1px solid #bbb;padding:0.25em 0.5em;text-align:left;vertical-align:top}"
    "th{background:#f2f2f2}figure{margin:1em 0}img{max-width:100%;height:auto}"
    "figcaption{font-style:italic;color:#444}h2{border-bottom:1px solid #ddd}"
)
_MD_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: "\\" + c for c in "\\`*_[]|~#"}


def _clean(text: object, strip: bool = True) -> str:
    """Any value as one line of text (runs of white space become one space), cut at MAX_TEXT."""
    text = re.sub(r"\s+", " ", str(text))
    text = text.strip() if strip else text
    if len(text) > MAX_TEXT:
        return f"{text[:MAX_TEXT]}… ({len(text) - MAX_TEXT:,} more characters)"
    return text


def _md(text: object, strip: bool = True) -> str:
    return "".join(_MD_ESCAPE.get(c, c) for c in _clean(text, strip))


def _html(text: object, strip: bool = True) -> str:
    return html.escape(_clean(text, strip), quote=True)


def _md_inline(parts: Sequence[str | Strong]) -> str:
    text = "".join(
        f"**{_md(p.text)}**" if isinstance(p, Strong) else _md(p, strip=False) for p in parts
    )
    return text.strip()


def _html_inline(parts: Sequence[str | Strong]) -> str:
    text = "".join(
        f"<strong>{_html(p.text)}</strong>" if isinstance(p, Strong) else _html(p, strip=False)
        for p in parts
    )
    return text.strip()


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _img(figure: FigureOutput) -> str:
    data = base64.b64encode(figure.png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(figure.alt, quote=True)}">'


# --------------------------------------------------------------------------- formatting


def _number(x: object, digits: int = 2) -> str:
    """A statistic for a table; '—' where it is undefined."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "—"
    value = float(x)
    if value.is_integer() and digits == 0:
        return f"{int(value)}"
    return f"{value:.{digits}f}".replace("-0.00", "0.00")


def short_labels(source_ids: Sequence[str]) -> dict[str, str]:
    """Short labels for source ids: the part before the first ``_`` when that is unique.

    >>> short_labels(["001_d05eff7ba99ae3f9", "002_5483e36b42aa1243"])
    {'001_d05eff7ba99ae3f9': '001', '002_5483e36b42aa1243': '002'}
    >>> short_labels(["a_1", "a_2"])
    {'a_1': 'a_1', 'a_2': 'a_2'}
    """
    ids = list(dict.fromkeys(str(i) for i in source_ids))
    heads = [i.split("_", 1)[0] for i in ids]
    if all(heads) and len(set(heads)) == len(ids):
        return dict(zip(ids, heads, strict=True))
    return {i: i for i in ids}


def _listing(names: Sequence[str], most: int = 8) -> str:
    names = list(names)
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


# --------------------------------------------------------------------------- figures


def _counts_figure(table: pd.DataFrame, what: str, scale: str) -> tuple[FigureOutput, str]:
    """A code-count heatmap (zero cells blank) with alt text listing every row's codes."""
    shown = table.where(table > 0)
    fig = value_heatmap(shown, fmt="{:.0f}", xlabel=f"{scale} code", ylabel=what)
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{c}×{n}" for c, n in row.items() if n > 0)
        for label, row in table.iterrows()
    )
    codes = f"{table.columns[0]} to {table.columns[-1]}"
    alt = (
        f"Grid of {len(table)} {what} (rows) by {scale} codes {codes} (columns); each cell is "
        f"the number of students who gave that code, blank for none. {summary}."
    )
    return figure_output(fig, alt=alt), alt


def _relabel(table: pd.DataFrame, short: dict[str, str]) -> pd.DataFrame:
    def label(item: str) -> str:
        source, sep, rest = str(item).partition(UNIT_SEPARATOR)
        return short.get(source, source) + sep + rest

    return table.set_axis([label(i) for i in table.index], axis=0)


# --------------------------------------------------------------------------- the report


def build_report(
    pooled: pd.DataFrame,
    problems: pd.DataFrame | None = None,
    *,
    corpus: Any = None,
    reference: pd.DataFrame | None = None,
    claim_texts: dict[str, str] | None = None,
    top: int = 5,
    title: str = "Class annotations",
) -> Report:
    """The report of a pooled class (from :func:`helpers.instructor.classroom.pool_class`).

    ``problems``: the files left out (columns ``file, line, problem``); ``corpus``: names the
    sources (titles, outlets) and fixes the list of sources for "who skipped what";
    ``reference``: reference ratings in annotation shape (a section compares the class with
    them); ``claim_texts``: claim id → wording; ``top``: how many disputed items to show.

    >>> from helpers.instructor.classroom import example_class
    >>> report = build_report(example_class(), title="Demo")
    >>> [b[2] for b in report.blocks if b[0] == "h" and b[1] == 2][:3]
    ['Files', 'Agreement', 'Agreement by source']
    >>> all(f.alt for f in report.figures)
    True
    """
    problems = problems if problems is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)
    if "file" not in pooled.columns:  # pooled some other way: no file names to show
        pooled = pooled.assign(file=pooled["annotator"].astype(str) + ".csv")
    report = Report(title, n_students=pooled["annotator"].nunique(), problems=problems)
    source_ids = list(corpus.ids) if corpus is not None else []
    source_ids += sorted(set(pooled["source_id"]) - set(source_ids))
    if reference is not None:
        source_ids += sorted(set(reference["source_id"]) - set(source_ids))
    short = short_labels(source_ids)
    claim_texts = claim_texts or {}
    students = sorted(set(pooled["annotator"]))
    levels = pooled["level"].value_counts()
    report.add(
        "p",
        [
            f"{len(students)} students' ratings pooled from {pooled['file'].nunique()} files: "
            f"{levels.get('source', 0)} ratings of sources and {levels.get('claim', 0)} of "
            f"claims (each student's latest rating of each item). ",
            Strong(f"{len(problems)} files were left out") if len(problems) else "",
            " (see Files)." if len(problems) else "Every file was pooled.",
        ],
    )
    _files_section(report, pooled, problems, corpus, short)
    if pooled.empty:
        report.add("p", ["No ratings to measure: the sections below need at least one file."])
        _reading_section(report)
        return report
    _agreement_section(report, pooled)
    _by_source_section(report, pooled, short)
    _by_claim_section(report, pooled, short, claim_texts)
    _disputed_section(report, pooled, short, claim_texts, top)
    _coverage_section(report, pooled, corpus, short)
    if reference is not None:
        _reference_section(report, pooled, reference, short)
    _reading_section(report)
    return report


def _heading(report: Report, anchor: str, level: int = 2) -> None:
    report.add("h", level, SECTIONS[anchor], anchor)


def _files_section(report, pooled, problems, corpus, short) -> None:
    _heading(report, "files")
    rows = []
    for file, mine in pooled.groupby("file", sort=True):
        counts = mine["level"].value_counts()
        rows.append(
            [file, mine["annotator"].iloc[0], counts.get("source", 0), counts.get("claim", 0)]
        )
    if rows:
        report.add("table", ["file", "student", "sources rated", "claims rated"], rows)
    report.add("h", 3, "Files left out", "files-left-out")
    if len(problems):
        report.add(
            "p",
            [
                "These files were not pooled. Each problem names the file and, where it can, "
                "the line; ask the student to fix it (the message says what is allowed).",
            ],
        )
        report.add(
            "table",
            ["file", "line", "problem"],
            [
                [r["file"], "" if pd.isna(r["line"]) else int(r["line"]), r["problem"]]
                for _, r in problems.iterrows()
            ],
        )
    else:
        report.add("p", ["None: every file was pooled."])
    labelled = [(sid, lab) for sid, lab in short.items() if sid != lab]
    if labelled:
        report.add("h", 3, "Sources", "sources")
        rows = []
        for sid, lab in labelled:
            meta = {}
            if corpus is not None and sid in corpus:
                meta = corpus[sid].metadata
            rows.append([lab, sid, meta.get("outlet", ""), meta.get("title", "")])
        report.add("table", ["label", "source id", "outlet", "title"], rows)


def _stats_row(row: pd.Series) -> list[str]:
    return [
        int(row["n_units"]),
        int(row["n_raters"]),
        int(row["n_skipped"]),
        int(row["n_missing"]),
        int(row["n_cannot_judge"]),
        row["codes"],
        _number(row["max_range"], 0),
        _number(row["mean_abs_diff"]),
        _number(row["alpha"]),
    ]


_STATS_HEAD = [
    "items",
    "students",
    "skipped",
    "missing",
    "cannot judge",
    "codes",
    "max spread",
    "mean diff",
    "alpha",
]


def _agreement_section(report, pooled) -> None:
    _heading(report, "agreement")
    report.add(
        "p",
        [
            "Krippendorff's alpha (ordinal) says how far the class agrees beyond chance: 1 is "
            "perfect agreement, 0 no better than chance, below 0 systematic disagreement. F and 6 "
            "(cannot be judged) are counted but left out of every statistic. ",
            "Items: things rated (sources, or claims in a source); students: those who rated at "
            "least one of them; skipped: students who rated none; missing: ratings those "
            "students left out. Mean diff is the average distance, in scale steps, between two "
            "students' ratings of the same item; max spread the largest gap on any one item.",
        ],
    )
    table = class_agreement(pooled)
    report.add(
        "table",
        ["scale", *_STATS_HEAD],
        [[SCALE_NAMES[r["scale"]], *_stats_row(r)] for _, r in table.iterrows()],
    )


def _by_source_section(report, pooled, short) -> None:
    _heading(report, "by-source")
    report.add(
        "p",
        [
            "For each source: the class's ratings of the source itself (reliability; usually "
            "one item, so alpha is undefined and the codes tell the story), and of the claims "
            "rated in it (credibility). Skipped: students who rated none of these items.",
        ],
    )
    table = agreement_by_source(pooled)
    report.add(
        "table",
        ["source", "scale", *_STATS_HEAD],
        [
            [short.get(r["source_id"], r["source_id"]), SCALE_NAMES[r["scale"]], *_stats_row(r)]
            for _, r in table.iterrows()
        ],
    )
    counts = code_counts(pooled, "source")
    if len(counts):
        figure, _ = _counts_figure(_relabel(counts, short), "sources", "reliability")
        report.add(
            "figure",
            figure,
            "How the class rated each source: one row per source, one column per reliability "
            "code; F (cannot be judged) is no point on the scale.",
        )
    alphas = table[(table["scale"] == "credibility") & table["alpha"].notna()]
    if len(alphas):
        series = pd.Series(
            alphas["alpha"].to_numpy(dtype=float).round(2),
            index=[short.get(s, s) for s in alphas["source_id"]],
        )
        alt = (
            "Bar chart of Krippendorff's alpha (ordinal) for the credibility of the claims "
            "rated in each source: "
            + "; ".join(f"{label} {value:.2f}" for label, value in series.items())
            + ". 1 is perfect agreement, 0 chance."
        )
        fig = bar_chart(series, xlabel="Krippendorff's alpha, claim credibility (1 = agree)")
        report.add(
            "figure",
            figure_output(fig, alt=alt),
            "Agreement on the claims in each source (only sources with two or more claims "
            "rated and some variation).",
        )


def _by_claim_section(report, pooled, short, claim_texts) -> None:
    _heading(report, "by-claim")
    table = agreement_by_claim(pooled)
    if table.empty:
        report.add("p", ["No claim was rated."])
        return
    report.add(
        "p",
        [
            "For each claim: its credibility in every source the class rated it in. Alpha "
            "needs the claim rated in two or more sources; for a claim in one source, read "
            "the codes and the spread. Skipped: students who rated the claim in no source.",
        ],
    )
    head = ["claim", "statement"] if claim_texts else ["claim"]
    rows = []
    for _, r in table.iterrows():
        sources = ", ".join(short.get(s, s) for s in r["sources"].split("; "))
        first = [r["claim"], claim_texts.get(r["claim"], "")] if claim_texts else [r["claim"]]
        rows.append([*first, sources, *_stats_row(r)])
    report.add("table", [*head, "sources", *_STATS_HEAD], rows)
    counts = code_counts(pooled, "claim")
    caption = (
        "How the class rated each claim: one row per claim in a source, one column per "
        "credibility code; 6 (cannot be judged) is no point on the scale."
    )
    if len(counts) > MAX_HEATMAP_ROWS:
        spread = item_spread(pooled)
        spread = spread[spread["level"] == "claim"]
        spread["item"] = spread["source_id"] + UNIT_SEPARATOR + spread["target"]
        keep = spread.sort_values(["mean_abs_diff", "item"], ascending=[False, True])
        keep = sorted(keep["item"].head(MAX_HEATMAP_ROWS))
        caption += f" The {MAX_HEATMAP_ROWS} most disputed of {len(counts)} are shown."
        counts = counts.loc[keep]
    figure, _ = _counts_figure(_relabel(counts, short), "claims in sources", "credibility")
    report.add("figure", figure, caption)


def _voices_block(report, label: str, code: str, voices) -> None:
    report.add("p", [Strong(f"{label}: {code}"), f" ({_n(len(voices), 'student')})"])
    shown = voices[:MAX_VOICES]
    items = [[Strong(who), f": {why}"] for who, why in shown]
    if len(voices) > len(shown):
        rest = [who for who, _ in voices[MAX_VOICES:]]
        items.append([f"and {len(rest)} more: {_listing(rest, 20)}"])
    report.add("ul", items)


def _disputed_section(report, pooled, short, claim_texts, top) -> None:
    _heading(report, "disputed")
    table = most_disputed(pooled, top=None)
    if table.empty:
        report.add("p", ["No item was disputed: on every item the class gave the same code."])
        return
    shown = table.head(top)
    report.add(
        "p",
        [
            f"{len(table)} items drew different codes; the {len(shown)} most disputed are "
            "below, widest spread first, each with the rationales of the students at each end. "
            "These are the ones worth discussing in class.",
        ],
    )
    for number, (_, r) in enumerate(shown.iterrows(), start=1):
        label = f"{short.get(r['source_id'], r['source_id'])}{UNIT_SEPARATOR}{r['target']}"
        report.add("h", 3, f"{number}. {label} ({SCALE_NAMES[r['scale']]})", "")
        steps = "" if math.isnan(r["range"]) else f"; spread {_n(int(r['range']), 'step')}"
        report.add(
            "p", ["Codes: ", Strong(r["codes"]), f"{steps}; {_n(r['n_raters'], 'student')}."]
        )
        if r["level"] == "claim" and claim_texts.get(r["target"]):
            report.add("p", ["Claim: ", claim_texts[r["target"]]])
        if r["highest"]:
            side = "Highest" if r["lowest"] else "Rated"
            _voices_block(report, side, r["highest_code"], r["highest"])
        if r["lowest"]:
            _voices_block(report, "Lowest", r["lowest_code"], r["lowest"])
        if r["cannot_judge"]:
            code = "F" if r["scale"] == "reliability" else "6"
            _voices_block(report, "Cannot be judged", code, r["cannot_judge"])


def _coverage_section(report, pooled, corpus, short) -> None:
    _heading(report, "coverage")
    table = coverage(pooled, corpus)
    skippers = table[(table["n_sources_skipped"] > 0) | (table["n_claims_skipped"] > 0)]
    report.add(
        "p",
        [
            f"{len(skippers)} of {len(table)} students skipped something. A source is skipped "
            "when the student gave it no reliability rating; a claim when someone else rated "
            "it in that source and the student did not.",
        ],
    )

    def claims(labels) -> str:
        out = []
        for label in labels:
            source, _, target = label.partition(UNIT_SEPARATOR)
            out.append(f"{short.get(source, source)}{UNIT_SEPARATOR}{target}")
        return _listing(out, 6)

    report.add(
        "table",
        ["student", "sources rated", "sources skipped", "claims rated", "claims skipped"],
        [
            [
                r["annotator"],
                r["n_sources_rated"],
                ", ".join(short.get(s, s) for s in r["skipped_sources"]) or "none",
                r["n_claims_rated"],
                f"{r['n_claims_skipped']}: {claims(r['skipped_claims'])}"
                if r["n_claims_skipped"]
                else "none",
            ]
            for _, r in table.iterrows()
        ],
    )
    counts = ratings_per_source(pooled, corpus)
    counts = counts.set_axis([short.get(c, c) for c in counts.columns], axis=1)
    gaps = [
        f"{student} rated nothing in {', '.join(row.index[row == 0])}"
        for student, row in counts.iterrows()
        if (row == 0).any()
    ]
    alt = (
        f"Grid of {len(counts)} students (rows) by {counts.shape[1]} sources (columns); each "
        "cell is the number of items (the source and its claims) the student rated there, "
        "blank for none. "
        + (_listing(gaps, 10) + "." if gaps else "Every student rated something in every source.")
    )
    fig = value_heatmap(counts.where(counts > 0), fmt="{:.0f}", xlabel="source", ylabel="student")
    report.add(
        "figure",
        figure_output(fig, alt=alt),
        "Items rated per student and source; a blank cell is a source the student skipped.",
    )


def _reference_section(report, pooled, reference, short) -> None:
    _heading(report, "reference")
    table = compare_with_reference(pooled, reference)
    report.add(
        "p",
        [
            "Each reference rating beside the class's codes for the same item: how many "
            "students gave the same code, and how many came within one step of it.",
        ],
    )
    report.add(
        "table",
        ["item", "scale", "reference", "students", "class codes", "same", "within one step"],
        [
            [
                f"{short.get(r['source_id'], r['source_id'])}{UNIT_SEPARATOR}{r['target']}",
                SCALE_NAMES[r["scale"]],
                r["reference"],
                r["n_rated"],
                r["codes"] or "not rated",
                r["n_same"],
                r["n_within_one"],
            ]
            for _, r in table.iterrows()
        ],
    )


def _reading_section(report) -> None:
    _heading(report, "reading")
    report.add(
        "ul",
        [
            ["Only each student's latest rating of an item counts; earlier ones stay in the file."],
            [
                "F and 6 mean no basis for a judgement, not the worst grade: they are counted, "
                "never averaged."
            ],
            [
                "Alpha is undefined (—) with fewer than two items, or when every rating is the "
                "same; then read the codes."
            ],
            ["Rationales are shown as the students typed them (long ones are cut)."],
        ],
    )


# --------------------------------------------------------------------------- files and CLI


def write_report(
    folder: str | Path,
    out: str | Path,
    *,
    corpus: Any = None,
    reference: pd.DataFrame | None = None,
    claim_texts: dict[str, str] | None = None,
    top: int = 5,
    strict: bool = False,
    title: str | None = None,
) -> Report:
    """Pool ``folder`` and write its report to ``out`` (``.html``/``.htm`` or ``.md``).

    Returns the :class:`Report` (``report.problems`` lists the files left out). Raises
    ValueError for another suffix, FileNotFoundError for a missing folder and, with
    ``strict=True``, :class:`~helpers.annotations.AnnotationError` for a malformed file.

    >>> import tempfile
    >>> from helpers.annotations import save_annotation
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = save_annotation("ana", "s1", "source", "article", "B", None, "Named.", folder=folder)
    >>> report = write_report(folder, folder / "report.md")
    >>> (folder / "report.md").read_text(encoding="utf-8").startswith("# Class annotations")
    True
    """
    out = Path(out)
    kind = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}.get(out.suffix.lower())
    if kind is None:
        raise ValueError(f"{out.name}: the report is written as .html or .md; got {out.suffix!r}")
    folder = Path(folder)
    pooled, problems = pool_class(folder, corpus, strict=strict)
    report = build_report(
        pooled,
        problems,
        corpus=corpus,
        reference=reference,
        claim_texts=claim_texts,
        top=top,
        title=title or f"Class annotations: {folder.resolve().name}",
    )
    text = report.html() if kind == "html" else report.markdown()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.instructor.class_report",
        description="Pool a class's annotation CSVs and write an agreement report.",
    )
    parser.add_argument("folder", help="folder of student annotation files (one CSV each)")
    parser.add_argument("--out", required=True, help="report file: PATH.html or PATH.md")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--corpus", help="folder of the rated sources (default: the seeds)")
    where.add_argument("--no-corpus", action="store_true", help="check no source ids or spans")
    ref = parser.add_mutually_exclusive_group()
    ref.add_argument("--reference", help="reference ratings CSV (default with the seeds: data/)")
    ref.add_argument("--no-reference", action="store_true", help="leave out the reference")
    parser.add_argument("--top", type=int, default=5, help="disputed items to show (default 5)")
    parser.add_argument("--strict", action="store_true", help="stop at a malformed file")
    parser.add_argument("--title", help="report title (default: from the folder's name)")
    parser.add_argument("--pooled-csv", help="also write the pooled ratings to this CSV")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring); returns the exit status.

    >>> main(["/no/such/folder", "--out", "/tmp/r.md", "--no-corpus"])
    1
    """
    args = _parser().parse_args(argv)
    if args.top < 0:
        print("class_report: error: --top must be 0 or more", file=sys.stderr)
        return 2
    try:
        from helpers.annotations import AnnotationError
        from helpers.claims import read_claims
        from helpers.corpus import load_corpus
        from helpers.tables import TableError, read_reference_ratings

        corpus = claim_texts = reference = None
        seeds = not args.no_corpus and not args.corpus
        if not args.no_corpus:
            corpus = load_corpus(args.corpus) if args.corpus else load_corpus()
        if seeds:
            claims = read_claims(corpus=corpus)
            claim_texts = dict(zip(claims["claim_id"], claims["statement"], strict=True))
        if args.reference:
            reference = read_reference_ratings(args.reference, corpus=corpus or load_corpus())
        elif seeds and not args.no_reference:
            reference = read_reference_ratings(corpus=corpus)
        report = write_report(
            args.folder,
            args.out,
            corpus=corpus,
            reference=reference,
            claim_texts=claim_texts,
            top=args.top,
            strict=args.strict,
            title=args.title,
        )
        if args.pooled_csv:
            pooled, _ = pool_class(args.folder, corpus)
            write_pooled_csv(pooled, args.pooled_csv)
    except (OSError, ValueError, AnnotationError, TableError) as err:
        print(f"class_report: error: {err}", file=sys.stderr)
        return 1
    left_out = len(report.problems)
    note = f"; {left_out} file(s) left out, listed under Files" if left_out else ""
    print(f"wrote {args.out}: {report.n_students} students{note}")
    if args.pooled_csv:
        print(f"wrote {args.pooled_csv}: the pooled ratings, for a spreadsheet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
