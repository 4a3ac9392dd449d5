"""Figures for the notebooks: one style, colour-blind-safe, readable in greyscale, with alt text.

Every figure function returns a :class:`matplotlib.figure.Figure` built without pyplot, so no
figure is left open and no ``plt.show()`` is needed. Show it with :func:`figure_output` as the
last expression of a cell; it refuses a figure without alt text::

    fig = stance_heatmap(matrix, stances=STANCES)
    figure_output(fig, alt="Grid of 30 claims by 5 sources; most claims are asserted by one ...")

Colours come from the Okabe–Ito palette of :mod:`helpers.display` and are never the only
signal: stances also carry a hatch and a letter printed in the cell; counts are printed.
"""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from collections.abc import Iterable

import matplotlib as mpl
import pandas as pd
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator
from PIL import Image

from helpers.display import PALETTE
from helpers.scales import CREDIBILITY_SCALE, RELIABILITY_SCALE

DPI = 100
INK, EDGE, GRID = "#222222", "#4d4d4d", "#cccccc"
STYLE = {
    "figure.dpi": DPI, "savefig.dpi": DPI, "figure.facecolor": "white",
    "savefig.facecolor": "white", "font.family": "DejaVu Sans", "font.size": 11,
    "axes.titlesize": 12, "axes.labelsize": 11, "xtick.labelsize": 10, "ytick.labelsize": 10,
    "legend.fontsize": 10, "legend.title_fontsize": 10, "legend.frameon": False,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "axes.prop_cycle": cycler(color=PALETTE), "hatch.linewidth": 0.8, "text.color": INK,
    "axes.labelcolor": INK, "axes.edgecolor": EDGE, "xtick.color": EDGE, "ytick.color": EDGE,
    "text.parse_math": False,  # a "$" in a claim id or outlet name is text, not maths
    "svg.hashsalt": "reading-the-coalition",
}  # fmt: skip
# Stance i gets PALETTE[_STANCE_COLOUR[i]] (blue, bluish green, yellow, orange, …) and HATCHES[i].
_STANCE_COLOUR = (4, 2, 3, 0, 6, 1, 5, 7)
HATCHES = ("//", "..", "xx", "\\\\", "++", "oo", "--", "||")
_ALT_ERROR = "every figure needs alt text: say what the figure shows"


def course_style():
    """The course's matplotlib style as a context (the figure functions use it themselves).

    >>> with course_style():
    ...     fig = Figure()
    >>> fig.get_dpi()
    100.0
    """
    return mpl.rc_context(STYLE)


def _check_alt(alt: object) -> str:
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"{_ALT_ERROR} (got {alt!r})")
    return alt.strip()


class FigureOutput:
    """A figure rendered to PNG, with its alt text; Jupyter shows it with the alt attached.

    The bundle holds ``text/html`` (an ``<img>`` with the PNG inline and an escaped ``alt``,
    which JupyterLab shows) and ``text/plain`` (the alt text itself). There is no separate
    ``image/png``: JupyterLab ignores alt metadata on it and would show the HTML anyway, so a
    second copy would only double the notebook's size.

    >>> FigureOutput(b"\\x89PNG", alt="A <b> test").alt
    'A <b> test'
    """

    __slots__ = ("png", "alt")

    def __init__(self, png: bytes, alt: str):
        self.png = bytes(png)
        self.alt = _check_alt(alt)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        img = f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}">'
        return {"text/html": img, "text/plain": self.alt}, {}

    def __repr__(self) -> str:
        return f"FigureOutput(alt={self.alt!r}, png=<{len(self.png)} bytes>)"


def figure_output(fig: Figure, alt: str) -> FigureOutput:
    """Render ``fig`` to PNG (deterministic bytes) and pair it with its alt text.

    >>> out = figure_output(bar_chart(pd.Series({"a": 1}), xlabel="n"), alt="One bar: a is 1.")
    >>> out.png[:4], out.alt
    (b'\\x89PNG', 'One bar: a is 1.')
    """
    alt = _check_alt(alt)
    buffer = io.BytesIO()
    with course_style():
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return FigureOutput(_small_png(buffer.getvalue()), alt)


def _small_png(png: bytes, colours: int = 128) -> bytes:
    """The same picture in at most ``colours`` colours: a third of the bytes, no visible loss."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _cell_stances(value: object, lookup: dict[str, int], row: object, column: object) -> list:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return []
    parts = [p.strip() for p in value.split("+")] if isinstance(value, str) else [None]
    if parts == [""]:
        return []
    if any(p not in lookup for p in parts):
        raise ValueError(
            f"cell (row {row!r}, column {column!r}) holds {value!r}: expected '' (silent) or "
            f"one or more of {tuple(lookup)} joined by '+'"
        )
    return [lookup[p] for p in parts]


def stance_heatmap(
    matrix: pd.DataFrame,
    *,
    stances: Iterable[str],
    codes: Iterable[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Claims (rows) by sources (columns): each cell's stance as colour, hatch and letter code.

    Values are stance names from ``stances`` (in order), several joined by ``"+"`` (drawn in
    the first one's colour, all codes printed), or ``""`` for silent. Codes default to each
    stance's first letter, upper-cased.

    >>> m = pd.DataFrame({"Rudaw": ["asserts", ""], "MEE": ["contests", "asserts+contests"]},
    ...                  index=["C1", "C2"])
    >>> fig = stance_heatmap(m, stances=("asserts", "contests"))
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['A', 'A+C', 'C']
    """
    stances = tuple(stances)
    codes = tuple(codes) if codes is not None else tuple(s[:1].upper() for s in stances)
    if not stances or len(set(stances)) != len(stances) or len(stances) > len(HATCHES):
        raise ValueError(f"stances must be 1 to {len(HATCHES)} distinct names; got {stances!r}")
    if len(codes) != len(stances) or len(set(codes)) != len(codes) or not all(codes):
        raise ValueError(f"need one distinct code per stance {stances!r}; got {codes!r}")
    if matrix.empty:
        raise ValueError("the stance matrix is empty: it needs claims as rows, sources as columns")
    lookup = {stance: i for i, stance in enumerate(stances)}
    colours = [PALETTE[_STANCE_COLOUR[i]] for i in range(len(stances))]
    rows, columns = [str(r) for r in matrix.index], [str(c) for c in matrix.columns]
    cells = [
        (r, c, _cell_stances(matrix.iat[r, c], lookup, matrix.index[r], matrix.columns[c]))
        for r in range(len(rows))
        for c in range(len(columns))
    ]
    char = 0.085  # inches per character at 10 pt, roughly
    longest_column = max(len(c) for c in columns)
    rotate = longest_column * char > 0.85
    top = (min(longest_column, 30) * char * 0.71 if rotate else 0.3) + (0.4 if title else 0)
    legend_chars = max(len(f"{c}  {s}") for c, s in zip(codes, stances, strict=True))
    width = 1.2 + char * min(max(map(len, rows)), 40) + 0.9 * len(columns) + char * legend_chars
    with course_style():
        fig = _figure(min(width + 0.8, 16), max(3.0, 0.28 * len(rows) + 0.7 + top))
        ax = fig.add_subplot()
        for r, c, found in cells:
            first = found[0] if found else None
            ax.add_patch(
                Rectangle(
                    (c, r), 1, 1, linewidth=1, edgecolor=GRID, hatchcolor=EDGE,
                    facecolor="white" if first is None else colours[first],
                    hatch=None if first is None else HATCHES[first],
                )
            )  # fmt: skip
            if found:
                ax.text(
                    c + 0.5, r + 0.5, "+".join(codes[i] for i in found),
                    ha="center", va="center", fontsize=10, fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
                )  # fmt: skip
        ax.set_xlim(0, len(columns))
        ax.set_ylim(len(rows), 0)
        ax.set_yticks([r + 0.5 for r in range(len(rows))], rows)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_xticks(
            [c + 0.5 for c in range(len(columns))], columns,
            rotation=45 if rotate else 0, ha="left" if rotate else "center",
            rotation_mode="anchor",
        )  # fmt: skip
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        ax.set(xlabel="Source", ylabel="Claim")
        handles = [
            Patch(facecolor=colours[i], hatch=HATCHES[i], hatchcolor=EDGE, edgecolor=EDGE,
                  label=f"{codes[i]}  {stance}")
            for i, stance in enumerate(stances)
        ]  # fmt: skip
        handles.append(Patch(facecolor="white", edgecolor=GRID, label="(blank)  silent"))
        fig.legend(
            handles=handles, loc="outside right upper", title="Stance", alignment="left",
            handlelength=2.4, handleheight=1.5,
        )  # fmt: skip
        if title:
            ax.set_title(title)
    return fig


def _number(value: object, where: str, expected: str = "a number") -> float:
    value = value.item() if hasattr(value, "item") else value  # numpy scalar -> Python
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    whole = expected == "a number" or (number >= 0 and number.is_integer())
    if math.isnan(number) or not whole:
        raise ValueError(f"{where} holds {value!r}: expected {expected}")
    return number


def admiralty_heatmap(counts: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Counts of Admiralty ratings: reliability A–F (rows) by credibility 1–6 (columns).

    Each nonzero count is printed in its cell; zeros stay blank. F and 6 ("cannot be judged")
    are set apart by a gap and a dashed line: they are no basis, not the bottom of the scale.

    >>> counts = pd.DataFrame(0, index=list("ABCDEF"), columns=list("123456"))
    >>> counts.loc["B", "2"], counts.loc["F", "6"] = 3, 1
    >>> [t.get_text() for t in admiralty_heatmap(counts).axes[0].texts]
    ['3', '1']
    """
    reliability = [code for code, _, _ in RELIABILITY_SCALE]
    credibility = [code for code, _, _ in CREDIBILITY_SCALE]
    index, columns = [str(i) for i in counts.index], [str(c) for c in counts.columns]
    if sorted(index) != reliability or sorted(columns) != credibility:
        raise ValueError(
            f"counts needs index {''.join(reliability)} (source reliability, one row each) and "
            f"columns {''.join(credibility)} (information credibility); got index {index} and "
            f"columns {columns}"
        )
    table = counts.set_axis(index, axis=0).set_axis(columns, axis=1).loc[reliability, credibility]
    count = "a count (a whole number >= 0)"
    values = [
        [int(_number(table.iat[r, c], f"cell ({reliability[r]}, {credibility[c]})", count))
         for c in range(6)]
        for r in range(6)
    ]  # fmt: skip
    most = max(max(row) for row in values) or 1
    cmap = mpl.colormaps["Blues"]
    gap = 0.35

    def pos(i: int) -> float:
        return i + (gap if i == 5 else 0)

    with course_style():
        fig = _figure(8.6, 5.0)
        ax = fig.add_subplot()
        for r, row in enumerate(values):
            for c, n in enumerate(row):
                face = cmap(0.2 + 0.7 * n / most) if n else "white"
                ax.add_patch(Rectangle((pos(c), pos(r)), 1, 1, facecolor=face, edgecolor=GRID))
                if n:
                    red, green, blue, _ = face
                    dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5
                    ax.text(
                        pos(c) + 0.5, pos(r) + 0.5, f"{n:,}", ha="center", va="center",
                        fontsize=11, color="white" if dark else INK,
                    )  # fmt: skip
        ax.axvline(5 + gap / 2, color=EDGE, linestyle="--", linewidth=1)
        ax.axhline(5 + gap / 2, color=EDGE, linestyle="--", linewidth=1)
        ax.set_xlim(0, 6 + gap)
        ax.set_ylim(6 + gap, 0)
        ax.set_yticks(
            [pos(i) + 0.5 for i in range(6)], [f"{c}  {lab}" for c, lab, _ in RELIABILITY_SCALE]
        )
        ax.set_xticks(
            [pos(i) + 0.5 for i in range(6)],
            [f"{c}\n{textwrap.fill(lab, 13)}" for c, lab, _ in CREDIBILITY_SCALE],
        )
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        ax.set(xlabel="Information credibility", ylabel="Source reliability")
        fig.supxlabel(
            "F, 6: cannot be judged (no basis for a rating), not the bottom of the scale",
            fontsize=10, style="italic",
        )  # fmt: skip
        if title:
            ax.set_title(title)
    return fig


def bar_chart(
    series: pd.Series,
    *,
    xlabel: str,
    title: str | None = None,
    highlight: str | Iterable[str] | None = None,
) -> Figure:
    """Horizontal bars for a small table of counts, first item on top, values at the bar ends.

    ``highlight`` names labels to set apart (second colour, hatch and bold label).

    >>> fig = bar_chart(pd.Series({"Rudaw": 3, "MEE": 1}), xlabel="claims", highlight="MEE")
    >>> len(fig.axes[0].patches), [t.get_text() for t in fig.axes[0].texts]
    (2, ['3', '1'])
    """
    series = pd.Series(series)
    if series.empty:
        raise ValueError("bar_chart needs at least one value")
    labels = [str(label) for label in series.index]
    values = [_number(v, f"bar {lab!r}") for lab, v in zip(labels, series, strict=True)]
    marked = {highlight} if isinstance(highlight, str) else set(highlight or ())
    if marked - set(labels):
        raise ValueError(f"highlight names {sorted(marked - set(labels))}, not among {labels}")
    with course_style():
        fig = _figure(6.4, max(2.2, 0.38 * len(values) + 1.1))
        ax = fig.add_subplot()
        bars = ax.barh(
            range(len(values)), values, height=0.6, color=PALETTE[4], edgecolor=EDGE, linewidth=0.8
        )
        for bar, label in zip(bars, labels, strict=True):
            if label in marked:
                bar.set(facecolor=PALETTE[0], hatch="//", hatchcolor=EDGE)
        ax.set_yticks(range(len(values)), labels)
        for tick in ax.get_yticklabels():
            if tick.get_text() in marked:
                tick.set_fontweight("bold")
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[f"{v:,g}" for v in values], padding=3, fontsize=10)
        low, high = min(0.0, *values), max(0.0, *values)
        span = (high - low) or 1.0
        ax.set_xlim(low - (0.12 * span if low < 0 else 0), high + 0.12 * span)
        if all(v.is_integer() for v in values):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(xlabel)
        if series.index.name:
            ax.set_ylabel(str(series.index.name))
        if title:
            ax.set_title(title)
    return fig
