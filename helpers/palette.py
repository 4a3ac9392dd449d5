"""The course's colours: the Okabe–Ito palette as light tints, and a fixed colour per label.

Plain data with no notebook imports, so the HTML views (:mod:`helpers.display`), the widgets
and the figures (:mod:`helpers.plotting`) share one palette without pulling in each other.
Colours are safe for the common forms of colour blindness and are never the only signal:
every view that colours something also labels it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["PALETTE", "colour_for"]

#: Okabe & Ito (2008), "Color Universal Design", as light tints so dark text stays readable.
PALETTE = (
    "#f5c26b",  # orange
    "#9fd3f5",  # sky blue
    "#7fd1b9",  # bluish green
    "#f0e442",  # yellow
    "#8fb8e0",  # blue
    "#f2a98c",  # vermillion
    "#e3b5d1",  # reddish purple
    "#d9d9d9",  # grey
)


def colour_for(labels: Iterable[str]) -> dict[str, str]:
    """A fixed colour per label, in order of first appearance (cycles after eight).

    >>> colour_for(["body", "comment", "body"])
    {'body': '#f5c26b', 'comment': '#9fd3f5'}
    """
    colours: dict[str, str] = {}
    for label in labels:
        if label not in colours:
            colours[label] = PALETTE[len(colours) % len(PALETTE)]
    return colours
