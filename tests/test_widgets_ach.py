"""The ACH widget without a browser: ticking boxes recomputes the scores it shows."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.hypotheses import RUSSIA_AIMS, AchError, ach_matrix, evidence_weights, reference_matrix
from helpers.widgets import AchWidget, ach_widget

WEIGHTS = {"e1": 1.0, "e2": 0.5, "e3": 1.0, "e4": 0.2, "e5": 0.8}


@pytest.fixture
def view():
    # The hand-worked example of tests/test_hypotheses.py: h1 1.3, h2 1.4, h3 2.2.
    m = ach_matrix(
        ["h1", "h2", "h3"],
        ["e1", "e2", "e3", "e4", "e5"],
        [["C", "I", "II"], ["I", "C", "C"], ["C", "C", "C"], ["N", "II", "I"], ["I", "NA", "C"]],
    )
    return ach_widget(m, WEIGHTS, hypotheses={"h1": "First.", "h2": "Second.", "h3": "Third."})


def test_starts_with_every_item_counted_and_the_scores_shown(view):
    assert isinstance(view, AchWidget)
    assert view.included.all()
    assert view.scores["weighted"].tolist() == pytest.approx([1.3, 1.4, 2.2])
    assert "1.3" in view.scores_view.value and "2.2" in view.scores_view.value
    assert "◀ least inconsistent" in view.scores_view.value
    assert view.status == "5 of 5 items counted; least inconsistent: h1."
    assert "5 of 5 items counted" in view.status_view.value


def test_unticking_a_box_changes_the_scores_shown(view):
    before = view.scores_view.value
    view.checkboxes["e5"].value = False  # what a click on the checkbox does
    assert view.scores["weighted"].tolist() == pytest.approx([0.5, 1.4, 2.2])
    assert view.scores_view.value != before
    assert "0.5" in view.scores_view.value
    assert view.status == "Left out e5: 4 of 5 items counted; least inconsistent: h1."
    assert "ach-excluded" in view.row_views["e5"].value
    assert "line-through" in view.row_views["e5"].value


def test_leaving_out_a_linchpin_moves_the_first_place(view):
    view.set_included("e4", False)
    assert view.status == "Left out e4: 4 of 5 items counted; least inconsistent: h2."
    view.toggle("e4")
    assert view.included["e4"]
    assert view.status.startswith("Counted e4: 5 of 5")
    assert view.status.endswith("least inconsistent: h1.")


def test_non_diagnostic_rows_are_greyed_with_a_reason(view):
    row = view.row_views["e3"].value
    assert "ach-nondiagnostic" in row and "opacity: 0.45" in row
    assert "not diagnostic: rated C for every hypothesis" in row
    for other in ("e1", "e2", "e4", "e5"):
        assert "ach-nondiagnostic" not in view.row_views[other].value


def test_rows_that_cannot_move_a_score_are_marked():
    m = ach_matrix(["h1", "h2"], ["strong", "weak"], [["CC", "C"], ["I", "C"]])
    view = ach_widget(m)
    assert "ach-noscore" in view.row_views["strong"].value
    assert "cannot change any score" in view.row_views["strong"].value
    assert "ach-nondiagnostic" not in view.row_views["strong"].value


def test_the_linchpins_are_named_under_the_scores(view):
    assert "If any one of these were wrong, the first place would change: e1, e4." in (
        view.scores_view.value
    )
    for e in ("e1", "e2", "e3", "e4", "e5"):
        view.set_included(e, False)
    assert "No item is counted" in view.scores_view.value
    assert view.status.endswith("0 of 5 items counted; nothing to compare.")


def test_unknown_items_are_refused_in_the_status(view):
    view.set_included("e9", False)
    assert view.status == "No evidence item 'e9' in this matrix."
    view.toggle("e9")
    assert view.included.all()


def test_starting_ticks_and_weights_table_are_taken():
    view = ach_widget(
        reference_matrix(),
        evidence_weights(),
        include={"sdf-backed-by-us-acceptable-to-russia": False},
        hypotheses=RUSSIA_AIMS,
    )
    assert not view.checkboxes["sdf-backed-by-us-acceptable-to-russia"].value
    assert (
        view.status == "13 of 14 items counted; least inconsistent: keep-assad = bases-influence."
    )
    assert "ach-nondiagnostic" in view.row_views["iran-militias-defy-russia"].value
    assert "ach-nondiagnostic" in view.row_views["russia-intervened-sept-2015"].value
    assert RUSSIA_AIMS["fight-is"].replace("'", "&#x27;") in view.scores_view.value


def test_statements_are_escaped():
    m = ach_matrix(["h1"], ["e1"], [["C"]])
    view = ach_widget(m, hypotheses={"h1": "<script>alert(1)</script>"})
    assert "<script>" not in view.scores_view.value + view.header.value
    assert "&lt;script&gt;" in view.scores_view.value


def test_display_fallback_is_short_and_stable(view, monkeypatch):
    assert repr(view) == "ACH matrix: 5 evidence items × 3 hypotheses, 5 counted"
    shown = []
    monkeypatch.setattr("helpers.widgets.ach.display", lambda b, raw: shown.append(b))
    view._ipython_display_()
    assert shown[0]["text/plain"] == repr(view)
    assert "application/vnd.jupyter.widget-view+json" in shown[0]


def test_a_bad_matrix_raises_at_construction():
    with pytest.raises(AchError, match=r"row 'e1', column 'h1'"):
        ach_widget(pd.DataFrame({"h1": ["?"]}, index=["e1"]))
