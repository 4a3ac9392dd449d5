"""An ACH matrix to think with (lesson 06): tick evidence in or out and watch the scores move.

:func:`ach_widget` shows a matrix of :mod:`helpers.hypotheses` (evidence rows, hypothesis
columns, ratings CC/C/N/I/II/NA) with a checkbox per row; every toggle recomputes the
inconsistency scores and names the items whose loss alone would change the first place. All
the arithmetic is :mod:`helpers.hypotheses`'; this module only shows it.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from helpers import hypotheses as ach
from helpers.widgets.style import FONT, status_html

__all__ = ["AchWidget", "ach_widget"]

# Ratings coloured on a blue–orange scale (colour-blind safe); the code is always printed too.
_ACH_CELL = {
    "CC": "background: #0072b2; color: #fff",
    "C": "background: #9fd3f5; color: #111",
    "N": "background: #f2f2f2; color: #111",
    "I": "background: #f5c26b; color: #111",
    "II": "background: #d55e00; color: #fff",
    "NA": "background: #fff; color: #777; border: 1px dashed #bbb",
}
_ACH_ID_WIDTH = "20em"
_ACH_CELL_WIDTH = "7.5em"


class AchWidget:
    """An ACH matrix to think with: tick items in or out and watch the scores move.

    Build it with :func:`ach_widget`. Each evidence row has a checkbox (counted or left
    out); non-diagnostic rows (the same rating for every hypothesis, see
    :func:`helpers.hypotheses.diagnosticity`) are greyed out with a note saying why, and rows
    with no I or II anywhere are marked as unable to move any score. The score table
    (:func:`helpers.hypotheses.inconsistency_scores`) and the items whose loss alone would
    change the first place (:func:`helpers.hypotheses.sensitivity`) are recomputed on every
    toggle. Status goes to an HTML widget, never to ``print``; ``.status`` is its text.

    >>> from helpers.hypotheses import ach_matrix
    >>> m = ach_matrix(["h1", "h2"], ["e1", "e2"], [["I", "C"], ["C", "C"]])
    >>> view = AchWidget(m)
    >>> view.scores["weighted"].tolist()
    [1.0, 0.0]
    >>> view
    ACH matrix: 2 evidence items × 2 hypotheses, 2 counted
    """

    def __init__(
        self,
        matrix: pd.DataFrame,
        weights=None,
        include=None,
        hypotheses: dict[str, str] | None = None,
    ):
        self.matrix = ach.check_matrix(matrix)
        self.weights = ach.row_weights(self.matrix, weights)
        self.statements = dict(hypotheses or {})
        self.diagnostic = ach.diagnosticity(self.matrix)
        self.moves_scores = ach.diagnosticity(self.matrix, by="score")
        start = ach.include_mask(self.matrix, include)
        self.status = ""
        self._build(start)
        self.refresh()
        self._say(f"{self._counted_text()}; {self._leader_text()}.")

    # ------------------------------------------------------------------ widgets

    def _build(self, start: pd.Series) -> None:
        self.checkboxes: dict[str, w.Checkbox] = {}
        self.row_views: dict[str, w.HTML] = {}
        rows = []
        for evidence_id in self.matrix.index:
            box = w.Checkbox(
                value=bool(start[evidence_id]),
                indent=False,
                description="",
                layout=w.Layout(width="2em"),
            )
            box.observe(lambda change, e=evidence_id: self._toggled(e, change), names="value")
            view = w.HTML()
            self.checkboxes[evidence_id] = box
            self.row_views[evidence_id] = view
            rows.append(w.HBox([box, view], layout=w.Layout(align_items="center")))
        self.header = w.HTML(value=self._header_html())
        self.scores_view = w.HTML()
        self.status_view = w.HTML(value=status_html(""))
        self.widget = w.VBox(
            [
                self.header,
                *rows,
                self.scores_view,
                self.status_view,
            ],
            layout=w.Layout(width="100%"),
        )

    def _header_html(self) -> str:
        cells = "".join(
            f'<span title="{html.escape(self.statements.get(h, h))}" style="display: '
            f"inline-block; width: {_ACH_CELL_WIDTH}; text-align: center; font-weight: bold; "
            f'overflow: hidden">{html.escape(h)}</span>'
            for h in self.matrix.columns
        )
        return (
            f'<div style="{FONT}; margin-left: 2em"><span style="display: inline-block; '
            f'width: {_ACH_ID_WIDTH}; font-weight: bold">evidence (weight)</span>{cells}</div>'
        )

    def _row_html(self, evidence_id: str) -> str:
        values = self.matrix.loc[evidence_id]
        included = self.checkboxes[evidence_id].value
        cells = "".join(
            f'<span style="display: inline-block; width: {_ACH_CELL_WIDTH}; text-align: center; '
            f'{_ACH_CELL[v]}" title="{html.escape(ach.RATING_MEANINGS[v])}">'
            f"{html.escape(v)}</span>"
            for v in values
        )
        note, classes, style = "", ["ach-row"], ""
        if not self.diagnostic[evidence_id]:
            rated = sorted({v for v in values if v != "NA"})
            same = f"rated {rated[0]} for every hypothesis" if rated else "rated NA throughout"
            note = f"not diagnostic: {same}, so it cannot tell them apart"
            classes.append("ach-nondiagnostic")
            style += "opacity: 0.45; background: #eee;"
        elif not self.moves_scores[evidence_id]:
            note = "no I or II anywhere: it cannot change any score"
            classes.append("ach-noscore")
        if not included:
            classes.append("ach-excluded")
            style += "text-decoration: line-through;"
            note = "left out" + (f"; {note}" if note else "")
        label = (
            f'<span style="display: inline-block; width: {_ACH_ID_WIDTH}; overflow: hidden; '
            f'white-space: nowrap" title="{html.escape(evidence_id)}">'
            f"{html.escape(evidence_id)} ({self.weights[evidence_id]:g})</span>"
        )
        remark = f' <i style="color: #555">{html.escape(note)}</i>' if note else ""
        return (
            f'<div class="{" ".join(classes)}" data-evidence="{html.escape(evidence_id)}" '
            f'style="{FONT}; {style}">{label}{cells}{remark}</div>'
        )

    def _scores_html(self) -> str:
        scores = self.scores
        top = set(ach.leaders(scores)) if self.included.any() else set()
        body = []
        for hypothesis, r in scores.iterrows():
            first = hypothesis in top
            mark = " ◀ least inconsistent" if first else ""
            weight = "font-weight: bold; background: #fde9b8;" if first else ""
            statement = self.statements.get(hypothesis, "")
            body.append(
                f'<tr style="{weight}"><td>{html.escape(hypothesis)}</td>'
                f"<td>{html.escape(statement)}</td><td style='text-align: right'>"
                f"{int(r['inconsistency'])}</td><td style='text-align: right'>"
                f"{r['weighted']:g}</td><td style='text-align: right'>{int(r['rank'])}{mark}"
                "</td></tr>"
            )
        head = (
            "<tr><th>hypothesis</th><th></th><th>inconsistency</th><th>weighted</th>"
            "<th>rank</th></tr>"
        )
        return (
            f'<div style="{FONT}"><table class="ach-scores" style="border-collapse: collapse">'
            f"{head}{''.join(body)}</table><div>{html.escape(self._linchpin_text())}</div></div>"
        )

    def _linchpin_text(self) -> str:
        if not self.included.any():
            return "No item is counted: tick some to compare the hypotheses."
        table = self.sensitivity()
        movers = table.loc[table["changes_conclusion"], "removed"].tolist()
        if not movers:
            return "No single item, if it were wrong, would change the first place."
        return (
            "If any one of these were wrong, the first place would change: "
            + ", ".join(movers)
            + "."
        )

    def _ipython_display_(self) -> None:
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = repr(self)
        display(bundle, raw=True)

    def __repr__(self) -> str:
        rows, cols = self.matrix.shape
        return (
            f"ACH matrix: {rows} evidence items × {cols} hypotheses, "
            f"{int(self.included.sum())} counted"
        )

    def _say(self, text: str) -> None:
        self.status = text
        self.status_view.value = status_html(text)

    def _counted_text(self) -> str:
        return f"{int(self.included.sum())} of {len(self.matrix)} items counted"

    def _leader_text(self) -> str:
        if not self.included.any():
            return "nothing to compare"
        return "least inconsistent: " + " = ".join(ach.leaders(self.scores))

    def _toggled(self, evidence_id: str, change: dict) -> None:
        self.refresh()
        verb = "Counted" if change["new"] else "Left out"
        self._say(f"{verb} {evidence_id}: {self._counted_text()}; {self._leader_text()}.")

    # ------------------------------------------------------------------ state and actions

    @property
    def included(self) -> pd.Series:
        """Which evidence rows are counted now (booleans by evidence id)."""
        return pd.Series(
            {e: bool(box.value) for e, box in self.checkboxes.items()}, name="include", dtype=bool
        )

    @property
    def scores(self) -> pd.DataFrame:
        """The score table for the rows counted now (see ``inconsistency_scores``)."""
        return ach.inconsistency_scores(self.matrix, self.weights, self.included)

    def sensitivity(self, pairs: bool = False) -> pd.DataFrame:
        """Which counted items, if wrong, would change the first place (see ``sensitivity``)."""
        return ach.sensitivity(self.matrix, self.weights, self.included, pairs=pairs)

    def set_included(self, evidence_id: str, value: bool = True) -> None:
        """Count (``True``) or leave out (``False``) one item, as ticking its box does.

        An id not in the matrix is refused in the status.

        >>> from helpers.hypotheses import ach_matrix
        >>> view = ach_widget(ach_matrix(["h1", "h2"], ["e1", "e2"], [["I", "C"], ["C", "I"]]))
        >>> view.set_included("e1", False); view.status
        'Left out e1: 1 of 2 items counted; least inconsistent: h1.'
        """
        if evidence_id not in self.checkboxes:
            self._say(f"No evidence item {evidence_id!r} in this matrix.")
            return
        self.checkboxes[evidence_id].value = bool(value)

    def toggle(self, evidence_id: str) -> None:
        """Flip one item between counted and left out."""
        if evidence_id not in self.checkboxes:
            self._say(f"No evidence item {evidence_id!r} in this matrix.")
            return
        box = self.checkboxes[evidence_id]
        box.value = not box.value

    def refresh(self) -> None:
        """Redraw every row and the score table from the current ticks."""
        for evidence_id, view in self.row_views.items():
            view.value = self._row_html(evidence_id)
        self.scores_view.value = self._scores_html()


def ach_widget(
    matrix: pd.DataFrame,
    weights=None,
    include=None,
    hypotheses: dict[str, str] | None = None,
) -> AchWidget:
    """An ACH matrix with a checkbox per evidence row and live inconsistency scores.

    ``weights`` as :func:`helpers.hypotheses.inconsistency_scores` takes them (e.g. the table
    of :func:`helpers.hypotheses.evidence_weights`); ``include`` the rows ticked at the start
    (default all); ``hypotheses`` maps ids to statements shown beside the scores (e.g.
    :data:`helpers.hypotheses.RUSSIA_AIMS`). End a cell with the object to show it.

    >>> from helpers.hypotheses import RUSSIA_AIMS, reference_matrix
    >>> ach_widget(reference_matrix(), hypotheses=RUSSIA_AIMS)
    ACH matrix: 14 evidence items × 4 hypotheses, 14 counted
    """
    return AchWidget(matrix, weights, include, hypotheses)
