"""The progress bar without a browser: what it says in words, and what a notebook shows."""

from __future__ import annotations

from helpers.widgets import ProgressBar, progress_bar


def test_the_progress_bar_says_how_far_in_words():
    bar = ProgressBar("Reading")
    bar(0, None)
    assert str(bar) == "Reading: 0 of ?"
    bar(1500, 2000)
    assert str(bar) == "Reading: 1,500 of 2,000" and bar.bar.value == 1500
    bar(2000, 2000)
    assert bar.bar.bar_style == "success"


def test_a_shown_bar_is_displayed_once_with_a_short_text_fallback(monkeypatch):
    shown = []
    monkeypatch.setattr("helpers.widgets.progress.display", shown.append)
    bar = progress_bar("Reading")
    assert shown == [bar]
    assert bar._repr_mimebundle_()["text/plain"] == "Reading (a progress bar)"
    progress_bar("Quietly", show=False)
    assert len(shown) == 1
