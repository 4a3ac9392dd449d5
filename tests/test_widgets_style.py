"""What the widgets share: the status line is escaped and looks the same in every widget."""

from __future__ import annotations

from helpers.widgets.style import FONT, status_html


def test_the_status_line_is_escaped_bold_text_in_the_widget_font():
    line = status_html('<script>alert("x")</script>')
    assert "<script>" not in line and "&lt;script&gt;" in line
    assert line.startswith(f'<div style="{FONT}; font-weight: bold">')


def test_every_widget_shows_its_status_the_same_way():
    from helpers.hypotheses import ach_matrix
    from helpers.widgets import ach_widget

    view = ach_widget(ach_matrix(["h1"], ["e1"], [["C"]]))
    assert view.status_view.value == status_html(view.status)
