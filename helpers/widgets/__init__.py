"""Widgets for the lessons, one module each; import them from here.

- :mod:`helpers.widgets.rating` — :func:`rating_form`, rate sources on the Admiralty scales
  with evidence spans (lessons 02 and 08);
- :mod:`helpers.widgets.ach` — :func:`ach_widget`, an ACH matrix whose scores follow the ticked
  evidence (lesson 06);
- :mod:`helpers.widgets.progress` — :func:`progress_bar`, for long computations (lesson 07);
- :mod:`helpers.widgets.style` — the type face and status line they share.

>>> from helpers.widgets import ach_widget, progress_bar, rating_form
>>> str(progress_bar("Reading", show=False))
'Reading: 0 of ?'
"""

from helpers.widgets.ach import AchWidget, ach_widget
from helpers.widgets.progress import ProgressBar, progress_bar
from helpers.widgets.rating import NOT_CHOSEN, RatingForm, rating_form, scale_html

__all__ = [
    "NOT_CHOSEN",
    "AchWidget",
    "ProgressBar",
    "RatingForm",
    "ach_widget",
    "progress_bar",
    "rating_form",
    "scale_html",
]
