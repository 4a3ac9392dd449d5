"""Sphinx settings of the course website. Build it with `make site`, never by hand: the build
script (helpers/instructor/site.py) first writes the pages into build/site-src, then runs Sphinx
with this folder as its configuration folder."""

project = "Reading the coalition"
author = "the course's authors"
copyright = "the course's authors; seed documents belong to their owners"
language = "en"

extensions = ["myst_nb"]

# The website shows each lesson exactly as stored: nothing is run while it is built.
nb_execution_mode = "off"
# No widget manager from a CDN: widget outputs show their text (the lessons store no widget state).
nb_ipywidgets_js = {}
nb_merge_streams = True
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]
# Pygments has no lexer for CSV: such code blocks are shown as plain text, which is right.
suppress_warnings = ["misc.highlighting_failure"]

html_theme = "sphinx_book_theme"
html_title = "Reading the coalition"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
# The lessons' tables and figures are drawn on white: the site opens light (the reader can switch).
html_context = {"default_mode": "light"}
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "launch_buttons": {},
    "navigation_with_keys": False,
}
