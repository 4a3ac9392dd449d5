"""What the course's widgets share: one type face for their text and one status line.

Pure strings, no widgets: every widget module builds its HTML from these, so the rating form
and the ACH matrix read alike.
"""

from __future__ import annotations

import html

__all__ = ["FONT", "status_html"]

#: The CSS font of every widget's text (a sans-serif, a little smaller than the notebook's).
FONT = "font-family: sans-serif; font-size: 0.85em; line-height: 1.35"


def status_html(text: str) -> str:
    """The escaped HTML of a widget's status line: ``text`` in bold, in :data:`FONT`.

    >>> status_html("Saved <b>")
    '<div style="font-family: sans-serif; font-size: 0.85em; line-height: 1.35; font-weight: \
bold">Saved &lt;b&gt;</div>'
    """
    return f'<div style="{FONT}; font-weight: bold">{html.escape(text)}</div>'
