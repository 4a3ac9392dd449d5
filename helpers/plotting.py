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
import networkx as nx
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator
from PIL import Image

from helpers.palette import PALETTE
from helpers.scales import CREDIBILITY_SCALE, RELIABILITY_SCALE

__all__ = [
    "DPI",
    "HATCHES",
    "MAX_LABELS",
    "SIGN_COLOURS",
    "SIGN_LABELS",
    "SIGN_STYLES",
    "STYLE",
    "FigureOutput",
    "admiralty_heatmap",
    "bar_chart",
    "course_style",
    "figure_output",
    "network_figure",
    "network_layout",
    "networks_side_by_side",
    "stance_heatmap",
    "value_heatmap",
]

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


# --------------------------------------------------------------------------- networks

#: Saturated Okabe–Ito colours for lines (the tints of PALETTE are for fills, too pale for
#: thin lines): bluish green for +, vermillion for −, grey for 0. Line style carries the sign
#: too, so the figure reads in greyscale: solid +, dashed −, dotted 0.
SIGN_COLOURS = {1: "#009E73", -1: "#D55E00", 0: "#666666"}
SIGN_STYLES = {1: "solid", -1: (0, (5, 2.5)), 0: (0, (1, 2))}
SIGN_LABELS = {
    1: "+  positive (solid)",
    -1: "−  negative (dashed)",
    0: "0  neutral/tied (dotted)",
}
MAX_LABELS = 25
_UNSIGNED_COLOUR = "#7a7a7a"
_WEIGHT_UNITS = {"comention": "sentence", "relations": "statement", "signed": "statement"}


def _drawable(graph: nx.Graph, signed: bool) -> nx.Graph:
    """An undirected simple copy for drawing: parallel or opposite edges merged (weights added,
    sign by majority of + and − as in :func:`helpers.network.signed_graph`), self-loops dropped."""
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"expected a networkx graph, got {type(graph).__name__}")
    out = nx.Graph(kind=graph.graph.get("kind"))
    for node in sorted(graph.nodes, key=str):
        data = graph.nodes[node]
        out.add_node(node, name=str(data.get("name", node)), count=data.get("count"))
    votes: dict[tuple, list] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = tuple(sorted((u, v), key=str))
        weight = _number(data.get("weight", 1), f"edge {u!r}–{v!r}, weight")
        sign = data.get("sign")
        if signed and (sign is None or sign not in (1, -1, 0)):
            raise ValueError(
                f"edge {u!r}–{v!r} has sign {sign!r}, not +1, -1 or 0; draw with signed=False "
                "or make the graph with signed_graph()"
            )
        total, signs = votes.get(pair, (0.0, []))
        votes[pair] = (total + weight, [*signs, sign])
    for (u, v), (weight, signs) in sorted(votes.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if len(signs) == 1:
            sign = signs[0]
        else:
            total = sum(s for s in signs if s is not None)
            sign = (total > 0) - (total < 0)
        out.add_edge(u, v, weight=weight, sign=sign)
    return out


def _component_layout(graph: nx.Graph, seed: int) -> dict:
    """Spring layout of one connected graph, centred, scaled so its size grows with sqrt(n)."""
    n = len(graph)
    if n == 1:
        return {next(iter(graph)): np.zeros(2)}
    positions = nx.spring_layout(
        graph, seed=seed, weight="layout", k=2.2 / math.sqrt(n), iterations=300
    )
    array = np.array([positions[node] for node in graph])
    array -= array.mean(axis=0)
    reach = np.abs(array).max() or 1.0
    array *= math.sqrt(n) / 2 / reach
    return dict(zip(graph, _spread(array), strict=True))


def _spread(array: np.ndarray, gap: float = 0.62, rounds: int = 60) -> np.ndarray:
    """Push apart nodes closer than ``gap`` (spring layouts pile hubs on top of each other)."""
    array = array.copy()
    n = len(array)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    for _ in range(rounds):
        delta = array[None, :, :] - array[:, None, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        close = upper & (distance < gap)
        if not close.any():
            break
        i, j = np.nonzero(close)
        d = distance[i, j]
        direction = np.where(
            d[:, None] > 1e-9, delta[i, j] / np.maximum(d, 1e-9)[:, None], np.array([1.0, 0.0])
        )
        push = ((gap - d) / 2)[:, None] * direction
        np.add.at(array, i, -push)
        np.add.at(array, j, push)
    return array


def network_layout(graphs: nx.Graph | Iterable[nx.Graph] | dict, *, seed: int = 7) -> dict:
    """Fixed-seed positions for a graph's nodes, or for the union of several graphs' nodes.

    Each connected group of actors gets its own spring layout (``networkx.spring_layout``,
    nodes and edges in sorted order, so the same graph and seed always give the same picture;
    heavier edges pull a little harder, by ``1 + log(weight)``). Groups are then set side by
    side, biggest first, and actors linked to nobody go in a row underneath, instead of being
    flung to the edge. Pass the result as ``positions=`` to draw several networks with each
    actor in the same place.

    >>> g = nx.Graph([("usa", "russia")])
    >>> sorted(network_layout(g)) == ["russia", "usa"]
    True
    """
    if isinstance(graphs, nx.Graph):
        graphs = [graphs]
    elif isinstance(graphs, dict):
        graphs = list(graphs.values())
    nodes: set = set()
    weights: dict[tuple, float] = {}
    for graph in graphs:
        drawn = _drawable(graph, signed=False)
        nodes.update(drawn.nodes)
        for u, v, w in drawn.edges(data="weight"):
            weights[(u, v)] = weights.get((u, v), 0.0) + w
    union = nx.Graph()
    union.add_nodes_from(sorted(nodes, key=str))
    for (u, v), w in sorted(weights.items(), key=lambda kv: tuple(map(str, kv[0]))):
        union.add_edge(u, v, layout=1.0 + 0.5 * math.log(max(w, 1.0)))
    groups = sorted(
        (sorted(c, key=str) for c in nx.connected_components(union)),
        key=lambda c: (-len(c), str(c[0])),
    )
    linked = [c for c in groups if len(c) > 1]
    alone = [c[0] for c in groups if len(c) == 1]
    positions: dict = {}
    row_width = max([math.sqrt(len(c)) for c in linked] + [0.0]) * 1.6 + 1.0
    x = y = row_height = 0.0
    for group in linked:
        layout = _component_layout(union.subgraph(group).copy(), seed)
        size = math.sqrt(len(group)) + 0.8
        if x and x + size > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in layout.items():
            positions[node] = (x + size / 2 + px, y - size / 2 + py)
        x, row_height = x + size, max(row_height, size)
    xs = [px for px, _ in positions.values()] or [0.0]
    bottom = min((py for _, py in positions.values()), default=0.0) - (0.9 if linked else 0.0)
    per_row = max(int(max(xs) - min(xs)) + 1, 1) if linked else math.ceil(math.sqrt(len(alone)))
    used = min(per_row, len(alone))
    left = (min(xs) + max(xs)) / 2 - (used - 1) / 2
    for i, node in enumerate(alone):
        positions[node] = (left + i % per_row, bottom - 0.6 * (i // per_row))
    return {node: (float(positions[node][0]), float(positions[node][1])) for node in union}


def _node_values(graph: nx.Graph) -> tuple[dict, str]:
    """What circle areas show: each node's ``count`` if all have one, else weighted degree."""
    counts = nx.get_node_attributes(graph, "count")
    if len(graph) and all(counts.get(n) is not None for n in graph):
        what = {"comention": "mentions", "relations": "statements", "signed": "statements"}
        return {n: float(counts[n]) for n in graph}, what.get(graph.graph.get("kind"), "count")
    return {n: float(d) for n, d in graph.degree(weight="weight")}, "ties"


def _limits(positions: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    pad_x = 0.18 * max(max(xs) - min(xs), 0.5)
    pad_y = 0.12 * max(max(ys) - min(ys), 0.5)
    return (min(xs) - pad_x, max(xs) + pad_x), (min(ys) - pad_y, max(ys) + pad_y)


def _line_width(weight: float, heaviest: float) -> float:
    """Points: 1.3 × sqrt(weight), the same in every figure while the heaviest edge is at most
    16; above that the scale shrinks so the heaviest edge is 5.2 points wide."""
    return max(0.6, 1.3 * math.sqrt(max(weight, 0.0) * min(1.0, 16 / max(heaviest, 1e-9))))


def _check_positions(graph: nx.Graph, positions: dict) -> dict:
    missing = [n for n in graph if n not in positions]
    if missing:
        raise ValueError(
            f"positions lack {len(missing)} node(s): {', '.join(map(str, missing[:8]))}"
        )
    return positions


def _draw_panel(ax, graph, positions, *, signed, max_labels, wmax, vmax, limits):
    """Edges, nodes and (not yet placed) labels on one axes; returns the labels to place."""
    for sign in (0, 1, -1) if signed else (None,):
        edges = [(u, v, w) for u, v, w in graph.edges(data="weight")
                 if not signed or graph.edges[u, v]["sign"] == sign]  # fmt: skip
        if not edges:
            continue
        ax.add_collection(
            LineCollection(
                [(positions[u], positions[v]) for u, v, _ in edges],
                linewidths=[_line_width(w, wmax) for *_, w in edges],
                colors=SIGN_COLOURS[sign] if signed else _UNSIGNED_COLOUR,
                linestyles=SIGN_STYLES[sign] if signed else "solid",
                label=SIGN_LABELS[sign] if signed else "tie", zorder=1, capstyle="butt",
            )
        )  # fmt: skip
    values, _ = _node_values(graph)
    nodes = list(graph.nodes)
    sizes = {n: 70 + 630 * (values[n] / vmax if vmax else 0.3) for n in nodes}
    if nodes:
        ax.scatter(
            [positions[n][0] for n in nodes], [positions[n][1] for n in nodes],
            s=[sizes[n] for n in nodes], facecolor=PALETTE[4], edgecolor=EDGE, linewidth=0.9,
            zorder=2,
        )  # fmt: skip
    else:
        ax.text(0.5, 0.5, "no actors", transform=ax.transAxes, ha="center", va="center")
    ranked = sorted(nodes, key=lambda n: (-values[n], graph.nodes[n]["name"], str(n)))
    labels = []
    for node in ranked[:max_labels]:
        text = ax.annotate(
            textwrap.fill(graph.nodes[node]["name"], 18), positions[node],
            xytext=(0, 0), textcoords="offset points", fontsize=9, zorder=3,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85},
        )  # fmt: skip
        text.set_in_layout(False)
        labels.append((text, node, sizes[node]))
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[:].set_visible(False)
    return labels, len(nodes) - len(labels)


def _overlap(a: tuple, b: tuple) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _place_labels(ax, labels, positions) -> None:
    """Move each label beside its node, to the side where it overlaps least (greedy, biggest
    nodes first): other labels, other nodes and the axes' edge count against a side."""
    if not labels:
        return
    dpi = ax.figure.dpi
    box = ax.get_window_extent()
    frame = (box.x0, box.y0, box.x1, box.y1)
    pixels = {node: ax.transData.transform(positions[node]) for _, node, _ in labels}
    discs = []
    for _, node, size in labels:
        radius = math.sqrt(size) / 2 * dpi / 72
        x, y = pixels[node]
        discs.append((x - radius, y - radius, x + radius, y + radius))
    centre = np.mean([ax.transData.transform(p) for p in positions.values()], axis=0)
    placed: list[tuple] = []
    for text, node, size in labels:
        extent = text.get_window_extent()
        width, height = extent.width + 4, extent.height + 4
        x, y = pixels[node]
        radius = math.sqrt(size) / 2 * dpi / 72 + 3
        outward = math.atan2(y - centre[1], x - centre[0]) if (x, y) != tuple(centre) else 0.0
        best = None
        for rank, turn in enumerate((0, 1, -1, 2, -2, 3, -3, 4)):
            angle = outward + turn * math.pi / 4
            cos, sin = math.cos(angle), math.sin(angle)
            ha = "left" if cos > 0.38 else "right" if cos < -0.38 else "center"
            va = "bottom" if sin > 0.38 else "top" if sin < -0.38 else "center"
            ax_, ay_ = x + radius * cos, y + radius * sin
            x0 = {"left": ax_, "right": ax_ - width, "center": ax_ - width / 2}[ha]
            y0 = {"bottom": ay_, "top": ay_ - height, "center": ay_ - height / 2}[va]
            rect = (x0, y0, x0 + width, y0 + height)
            inside = _overlap(rect, frame)
            cost = (
                10 * sum(_overlap(rect, other) for other in placed)
                + 3 * sum(_overlap(rect, disc) for disc in discs)
                + 20 * (width * height - inside)
                + rank
            )
            if best is None or cost < best[0]:
                best = (cost, rect, ha, va, (ax_ - x, ay_ - y))
        _, rect, ha, va, (dx, dy) = best
        placed.append(rect)
        text.set(ha=ha, va=va)
        text.xyann = (dx * 72 / dpi, dy * 72 / dpi)


def _network_legend(fig, graphs, *, signed, wmin, wmax) -> None:
    """Line styles (signed) in one row, line widths in the next."""
    styles = [
        Line2D([], [], color=SIGN_COLOURS[s], linestyle=SIGN_STYLES[s], linewidth=2.2,
               label=SIGN_LABELS[s])
        for s in (1, -1, 0)
    ] if signed else []  # fmt: skip
    kinds = {g.graph.get("kind") for g in graphs}
    unit = _WEIGHT_UNITS.get(kinds.pop()) if len(kinds) == 1 else None
    colour = SIGN_COLOURS[0] if signed else _UNSIGNED_COLOUR
    widths = []
    for w in sorted({wmin, wmax}):
        what = f"{w:g} {unit}{'' if w == 1 else 's'}" if unit else f"weight {w:g}"
        lw = _line_width(w, wmax)
        widths.append(Line2D([], [], color=colour, linewidth=lw, label=f"line width: {what}"))
    rows = [row for row in (styles, widths) if row]
    columns = max(len(row) for row in rows)
    blank = Line2D([], [], linestyle="none", label=" ")
    handles = [row[c] if c < len(row) else blank for c in range(columns) for row in rows]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=columns,
        handlelength=2.6,
        columnspacing=1.2,
        fontsize=9,
    )


def _caption(graph: nx.Graph, hidden: int, shown: int) -> str:
    _, what = _node_values(graph)
    note = f"Circle area: {what}."
    if hidden:
        note += f" Labels on the {shown} actors with most {what} of {shown + hidden}."
    return note


def network_figure(
    graph: nx.Graph,
    *,
    seed: int = 7,
    signed: bool = False,
    title: str | None = None,
    positions: dict | None = None,
    max_labels: int = MAX_LABELS,
) -> Figure:
    """A network of actors, readable in greyscale: circles sized by mentions, labelled beside them.

    Positions come from :func:`network_layout` (fixed seed) unless given. Circle area shows the
    node's ``count`` (mentions or statements), else its weighted degree. Line width shows the
    edge ``weight``. With ``signed=True``, + edges are solid, − dashed and 0 dotted, each in its
    own Okabe–Ito colour. Labels (the ``name``) sit beside their circles, moved to the side
    where they collide least. Above ``max_labels`` actors only the biggest are labelled, and the
    caption says so. A directed or multi-graph is drawn as its undirected collapse (weights
    added, sign by majority); arrows are not drawn.

    >>> g = nx.Graph(kind="signed")
    >>> g.add_edge("usa", "russia", sign=-1, weight=2); g.add_edge("usa", "fsa", sign=1, weight=1)
    >>> fig = network_figure(g, signed=True)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['fsa', 'russia', 'usa']
    """
    drawn = _drawable(graph, signed)
    if not len(drawn):
        raise ValueError("the graph has no actors: nothing to draw")
    positions = positions if positions is not None else network_layout(drawn, seed=seed)
    _check_positions(drawn, positions)
    weights = [w for *_, w in drawn.edges(data="weight")] or [1.0]
    values, _ = _node_values(drawn)
    with course_style():
        extra = max(0, len(drawn) - 20)  # more room for more actors
        fig = _figure(min(7.2 + 0.12 * extra, 12.0), min(6.4 + 0.1 * extra, 10.0))
        ax = fig.add_subplot()
        labels, hidden = _draw_panel(
            ax, drawn, positions, signed=signed, max_labels=max_labels, wmax=max(weights),
            vmax=max(values.values()), limits=_limits({n: positions[n] for n in drawn}),
        )  # fmt: skip
        ax.set_xlabel(_caption(drawn, hidden, len(labels)), fontsize=9, style="italic")
        if title:
            ax.set_title(title)
        _network_legend(fig, [drawn], signed=signed, wmin=min(weights), wmax=max(weights))
        fig.draw_without_rendering()
        _place_labels(ax, labels, positions)
    return fig


def networks_side_by_side(
    graphs: dict[str, nx.Graph],
    *,
    signed: bool = False,
    seed: int = 7,
    positions: dict | None = None,
    max_labels: int = MAX_LABELS,
) -> Figure:
    """One panel per graph (e.g. per source), titled by its key, every actor in the same place.

    The layout is computed once on the union of all graphs (:func:`network_layout`), and circle
    sizes and line widths use one scale across panels, so panels compare directly. Drawing
    rules as in :func:`network_figure`; up to three panels a row.

    >>> a = nx.Graph([("usa", "russia")]); b = nx.Graph([("russia", "iran")])
    >>> fig = networks_side_by_side({"Rudaw": a, "MEE": b})
    >>> [ax.get_title().splitlines()[0] for ax in fig.axes]
    ['Rudaw', 'MEE']
    """
    if not isinstance(graphs, dict) or not graphs:
        raise ValueError("networks_side_by_side needs a dict of at least one title -> graph")
    drawn = {str(title): _drawable(g, signed) for title, g in graphs.items()}
    positions = positions if positions is not None else network_layout(drawn, seed=seed)
    for graph in drawn.values():
        _check_positions(graph, positions)
    weights = [w for g in drawn.values() for *_, w in g.edges(data="weight")] or [1.0]
    values = [v for g in drawn.values() for v in _node_values(g)[0].values()] or [1.0]
    limits = _limits({n: positions[n] for g in drawn.values() for n in g})
    columns = min(len(drawn), 3)
    rows = math.ceil(len(drawn) / columns)
    with course_style():
        fig = _figure(min(4.6 * columns, 15), 4.4 * rows + 0.9)
        panels = []
        for i, (title, graph) in enumerate(drawn.items()):
            ax = fig.add_subplot(rows, columns, i + 1)
            labels, hidden = _draw_panel(
                ax, graph, positions, signed=signed, max_labels=max_labels,
                wmax=max(weights), vmax=max(values), limits=limits,
            )  # fmt: skip
            ties = graph.number_of_edges()
            actors = len(graph)
            ax.set_title(
                f"{title}\n{actors} actor{'' if actors == 1 else 's'}, "
                f"{ties} tie{'' if ties == 1 else 's'}"
            )
            ax.set_xlabel(_caption(graph, hidden, len(labels)), fontsize=9, style="italic")
            panels.append((ax, labels))
        _network_legend(
            fig, list(drawn.values()), signed=signed, wmin=min(weights), wmax=max(weights)
        )
        fig.draw_without_rendering()
        for ax, labels in panels:
            _place_labels(ax, labels, positions)
    return fig


def value_heatmap(
    table: pd.DataFrame,
    *,
    diverging: bool = False,
    fmt: str = "{:.2f}",
    xlabel: str = "",
    ylabel: str = "",
    title: str | None = None,
) -> Figure:
    """A table of numbers as a grid, every value printed in its cell (blank where missing).

    Sequential blues for shares and counts; with ``diverging=True`` a purple–orange scale
    centred on 0 (for −1…+1 tones), safe for colour-blind readers. The printed values carry
    the information; colour only helps the eye.

    >>> fig = value_heatmap(pd.DataFrame({"a": [0.5, None]}, index=["x", "y"]))
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['0.50']
    """
    rows, cols = [str(i) for i in table.index], [str(c) for c in table.columns]
    values = table.to_numpy(dtype=float)
    finite = values[~pd.isna(values)]
    if diverging:
        cmap, low, high = mpl.colormaps["PuOr"], -1.0, 1.0
        if finite.size:
            high = max(1e-9, float(abs(finite).max()))
            low = -high
    else:
        cmap, low, high = mpl.colormaps["Blues"], 0.0, float(finite.max()) if finite.size else 1.0
        high = high or 1.0
    with course_style():
        fig = _figure(max(4.0, 1.1 * len(cols) + 2.6), max(2.5, 0.38 * len(rows) + 1.4))
        ax = fig.add_subplot()
        for r in range(len(rows)):
            for c in range(len(cols)):
                v = values[r, c]
                if pd.isna(v):
                    ax.add_patch(Rectangle((c, r), 1, 1, facecolor="white", edgecolor=GRID))
                    continue
                share = (v - low) / (high - low) if high > low else 0.5
                face = cmap(0.1 + 0.8 * share) if diverging else cmap(0.1 + 0.75 * share)
                ax.add_patch(Rectangle((c, r), 1, 1, facecolor=face, edgecolor=GRID))
                red, green, blue, _ = face
                dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5
                ax.text(c + 0.5, r + 0.5, fmt.format(v), ha="center", va="center",
                        fontsize=10, color="white" if dark else INK)  # fmt: skip
        ax.set_xlim(0, len(cols))
        ax.set_ylim(len(rows), 0)
        ax.set_xticks([c + 0.5 for c in range(len(cols))], cols)
        ax.set_yticks([r + 0.5 for r in range(len(rows))], rows)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        ax.set(xlabel=xlabel, ylabel=ylabel)
        if title:
            ax.set_title(title)
    return fig
