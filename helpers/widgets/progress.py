"""A progress bar for long computations (lesson 07) that also reads as plain text."""

from __future__ import annotations

import ipywidgets as w
from IPython.display import display

__all__ = ["ProgressBar", "progress_bar"]


class ProgressBar:
    """A progress bar that a long computation calls as ``bar(done, total)``.

    It shows a bar and "done of total" in JupyterLab; its text form (``str(bar)``) says the
    same for readers without widgets. End a cell with the bar, or ``display`` it, to show it
    before the work starts.

    >>> bar = ProgressBar("Reading articles")
    >>> bar(0, 804); bar(804, 804)
    >>> str(bar)
    'Reading articles: 804 of 804'
    """

    def __init__(self, description: str):
        self.description = description
        self.done, self.total = 0, None
        self.bar = w.IntProgress(value=0, min=0, max=1, description="", bar_style="info")
        self.label = w.Label(value=f"{description}: starting")
        self.widget = w.HBox([self.bar, self.label])

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = int(done), total
        self.bar.max = max(int(total or done or 1), 1)
        self.bar.value = min(self.done, self.bar.max)
        if total is not None and done >= total:
            self.bar.bar_style = "success"
        self.label.value = str(self)

    def __str__(self) -> str:
        total = "?" if self.total is None else f"{self.total:,}"
        return f"{self.description}: {self.done:,} of {total}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{self.description} (a progress bar)"
        return bundle


def progress_bar(description: str, show: bool = True) -> ProgressBar:
    """A :class:`ProgressBar`, shown at once unless ``show=False``: pass it as ``progress=``.

    >>> bar = progress_bar("Reading articles", show=False)
    >>> bar(50, 804); str(bar)
    'Reading articles: 50 of 804'
    """
    bar = ProgressBar(description)
    if show:
        display(bar)
    return bar
