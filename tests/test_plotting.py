"""The plotting face: one style, figures that read without colour, and alt text on every figure."""

from __future__ import annotations

import base64
import io

import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

from helpers.palette import PALETTE
from helpers.plotting import (
    FigureOutput,
    admiralty_heatmap,
    bar_chart,
    figure_output,
    stance_heatmap,
)

STANCES = ("asserts", "reports-others-asserting", "qualifies", "contests")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _matrix() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Rudaw": ["asserts", "", "qualifies"],
            "Middle East Eye": ["contests", "reports-others-asserting", ""],
            "Aggregator": ["asserts+contests", "", "asserts"],
        },
        index=["C01", "C02", "C03"],
    )


def _counts() -> pd.DataFrame:
    counts = pd.DataFrame(0, index=list("ABCDEF"), columns=list("123456"))
    counts.loc["B", "2"], counts.loc["C", "3"], counts.loc["F", "6"] = 12, 5, 7
    return counts


def _cell_texts(fig: Figure) -> dict[tuple[float, float], str]:
    return {tuple(t.get_position()): t.get_text() for t in fig.axes[0].texts}


# figure_output ---------------------------------------------------------------------------------


def test_figure_output_is_one_inline_png_with_its_alt_and_the_alt_as_plain_text():
    out = figure_output(bar_chart(pd.Series({"a": 1}), xlabel="n"), alt="One bar: a is 1.")
    data, metadata = out._repr_mimebundle_()
    assert set(data) == {"text/html", "text/plain"}
    assert data["text/plain"] == "One bar: a is 1."
    inline = base64.b64encode(out.png).decode("ascii")
    assert data["text/html"] == f'<img src="data:image/png;base64,{inline}" alt="One bar: a is 1.">'


def test_figures_are_stored_in_a_reduced_palette_to_keep_notebooks_small():
    out = figure_output(bar_chart(pd.Series({"a": 1, "b": 2}), xlabel="n"), alt="Two bars.")
    assert Image.open(io.BytesIO(out.png)).mode == "P"


def test_alt_text_is_escaped_in_the_html():
    out = FigureOutput(PNG_SIGNATURE, alt='Bars <script>alert("x")</script> & more')
    html = out._repr_mimebundle_()[0]["text/html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'alt="Bars &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"' in html


@pytest.mark.parametrize("alt", ["", "   \n", None])
def test_a_figure_without_alt_text_is_refused(alt):
    fig = bar_chart(pd.Series({"a": 1}), xlabel="n")
    with pytest.raises(ValueError, match="every figure needs alt text"):
        figure_output(fig, alt=alt)
    with pytest.raises(ValueError, match="every figure needs alt text"):
        FigureOutput(PNG_SIGNATURE, alt=alt)


def test_rendering_gives_png_bytes_and_keeps_no_figure():
    out = figure_output(admiralty_heatmap(_counts()), alt="Counts of ratings.")
    assert out.png.startswith(PNG_SIGNATURE)
    assert not any(isinstance(value, Figure) for value in (out.png, out.alt))


@pytest.mark.parametrize(
    "draw",
    [
        lambda: stance_heatmap(_matrix(), stances=STANCES, title="Who says what"),
        lambda: admiralty_heatmap(_counts(), title="Ratings"),
        lambda: bar_chart(pd.Series({"a": 3, "b": 1}), xlabel="n", highlight="b"),
    ],
)
def test_the_same_figure_renders_to_identical_bytes(draw):
    assert figure_output(draw(), alt="x").png == figure_output(draw(), alt="x").png


def test_figures_are_made_without_pyplot():
    import sys

    stance_heatmap(_matrix(), stances=STANCES)
    pyplot = sys.modules.get("matplotlib.pyplot")
    assert pyplot is None or not pyplot.get_fignums()


# stance_heatmap --------------------------------------------------------------------------------


def test_every_stated_stance_prints_its_letter_code_in_its_cell():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    assert _cell_texts(fig) == {
        (0.5, 0.5): "A",
        (1.5, 0.5): "C",
        (2.5, 0.5): "A+C",
        (1.5, 1.5): "R",
        (0.5, 2.5): "Q",
        (2.5, 2.5): "A",
    }


def test_custom_codes_are_printed():
    fig = stance_heatmap(_matrix(), stances=STANCES, codes=("As", "Rep", "Qu", "Con"))
    assert _cell_texts(fig)[(2.5, 0.5)] == "As+Con"


def test_each_stance_has_its_own_hatch_and_palette_colour():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    legend = fig.legends[0]
    handles = legend.legend_handles[: len(STANCES)]
    hatches = [h.get_hatch() for h in handles]
    assert all(hatches) and len(set(hatches)) == len(STANCES)
    colours = {h.get_facecolor() for h in handles}
    assert len(colours) == len(STANCES)
    from matplotlib.colors import to_rgba

    assert colours <= {to_rgba(c) for c in PALETTE}
    cell_hatches = {p.get_hatch() for p in fig.axes[0].patches if p.get_hatch()}
    assert cell_hatches == set(hatches)  # the matrix uses all four stances


def test_legend_lists_every_stance_with_its_code():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    for code, stance in zip("ARQC", STANCES, strict=True):
        assert f"{code}  {stance}" in texts


def test_a_combined_cell_takes_the_first_stances_look():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    cell = next(p for p in fig.axes[0].patches if p.get_xy() == (2, 0))
    asserts = fig.legends[0].legend_handles[0]
    assert cell.get_hatch() == asserts.get_hatch()
    assert cell.get_facecolor() == asserts.get_facecolor()


def test_silent_cells_are_blank_and_white():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    cell = next(p for p in fig.axes[0].patches if p.get_xy() == (0, 1))
    assert cell.get_facecolor() == (1.0, 1.0, 1.0, 1.0) and not cell.get_hatch()
    assert (0.5, 1.5) not in _cell_texts(fig)


def test_missing_values_count_as_silent():
    matrix = _matrix().astype(object)
    matrix.iloc[1, 0] = None
    assert (0.5, 1.5) not in _cell_texts(stance_heatmap(matrix, stances=STANCES))


def test_claim_ids_label_rows_and_sources_label_the_top_axis():
    fig = stance_heatmap(_matrix(), stances=STANCES)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C01", "C02", "C03"]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(_matrix().columns)
    assert ax.xaxis.get_ticks_position() == "top"


def test_height_grows_with_the_number_of_claims():
    small = stance_heatmap(_matrix(), stances=STANCES)
    rows = [f"C{i:02d}" for i in range(30)]
    big = stance_heatmap(
        pd.DataFrame("asserts", index=rows, columns=list("VWXYZ")), stances=STANCES
    )
    assert small.get_figheight() == 3.0
    assert big.get_figheight() >= 30 * 0.28


def test_an_unknown_stance_names_the_cell():
    matrix = _matrix()
    matrix.loc["C02", "Rudaw"] = "denies"
    with pytest.raises(ValueError, match=r"row 'C02', column 'Rudaw'.*'denies'"):
        stance_heatmap(matrix, stances=STANCES)


def test_a_dangling_plus_is_not_a_stance():
    matrix = _matrix()
    matrix.loc["C03", "Aggregator"] = "asserts+"
    with pytest.raises(ValueError, match=r"row 'C03', column 'Aggregator'"):
        stance_heatmap(matrix, stances=STANCES)


def test_clashing_default_codes_ask_for_codes():
    with pytest.raises(ValueError, match="one distinct code per stance"):
        stance_heatmap(_matrix(), stances=("asserts", "attacks"))


# admiralty_heatmap -----------------------------------------------------------------------------


def test_admiralty_prints_exactly_the_nonzero_counts():
    fig = admiralty_heatmap(_counts())
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["12", "5", "7"]
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Information credibility"
    assert ax.get_ylabel() == "Source reliability"
    assert [t.get_text()[0] for t in ax.get_yticklabels()] == list("ABCDEF")
    assert [t.get_text()[0] for t in ax.get_xticklabels()] == list("123456")


def test_admiralty_sets_cannot_be_judged_apart():
    fig = admiralty_heatmap(_counts())
    assert "cannot be judged" in fig.get_supxlabel()
    dashed = [line for line in fig.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == 2


def test_admiralty_accepts_integer_columns_and_any_row_order():
    counts = _counts()[list("654321")].iloc[::-1]
    counts.columns = [6, 5, 4, 3, 2, 1]
    assert sorted(t.get_text() for t in admiralty_heatmap(counts).axes[0].texts) == [
        "12",
        "5",
        "7",
    ]


@pytest.mark.parametrize(
    "counts",
    [
        _counts().drop(index="F"),
        _counts().rename(index={"E": "X"}),
        _counts().rename(columns={"6": "0"}),
        _counts().T,
    ],
)
def test_admiralty_rejects_the_wrong_codes(counts):
    with pytest.raises(ValueError, match="index ABCDEF.*columns 123456"):
        admiralty_heatmap(counts)


def test_admiralty_rejects_a_count_that_is_not_a_whole_number():
    counts = _counts().astype(float)
    counts.loc["A", "1"] = 1.5
    with pytest.raises(ValueError, match=r"cell \(A, 1\) holds 1.5"):
        admiralty_heatmap(counts)


# bar_chart -------------------------------------------------------------------------------------


def test_bar_chart_draws_one_labelled_bar_per_item():
    series = pd.Series({"Rudaw": 12, "Middle East Eye": 7, "Aggregator": 0})
    fig = bar_chart(series, xlabel="claims", title="Claims per source")
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == list(series.index)
    assert [t.get_text() for t in ax.texts] == ["12", "7", "0"]
    assert ax.get_xlabel() == "claims" and ax.get_title() == "Claims per source"


def test_highlighted_bars_differ_by_hatch_and_colour():
    fig = bar_chart(pd.Series({"a": 3, "b": 1, "c": 2}), xlabel="n", highlight=["b"])
    plain, marked, _ = fig.axes[0].patches
    assert marked.get_hatch() and not plain.get_hatch()
    assert marked.get_facecolor() != plain.get_facecolor()


def test_bar_chart_rejects_unknown_highlights_and_non_numbers():
    with pytest.raises(ValueError, match="highlight names"):
        bar_chart(pd.Series({"a": 1}), xlabel="n", highlight="z")
    with pytest.raises(ValueError, match="bar 'a' holds 'many'"):
        bar_chart(pd.Series({"a": "many"}), xlabel="n")
    with pytest.raises(ValueError, match="at least one value"):
        bar_chart(pd.Series(dtype=float), xlabel="n")
