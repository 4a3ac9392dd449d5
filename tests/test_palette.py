"""The course's colours: colour-blind-safe tints, one colour per label, no notebook imports."""

from __future__ import annotations

import subprocess
import sys

from helpers.palette import PALETTE, colour_for

OKABE_ITO_TINTS = ("#f5c26b", "#9fd3f5", "#7fd1b9", "#f0e442", "#8fb8e0", "#f2a98c", "#e3b5d1")


def test_colours_are_from_the_colour_blind_safe_palette_and_stable():
    colours = colour_for(["body", "comment", "caption", "body"])
    assert colours == {"body": PALETTE[0], "comment": PALETTE[1], "caption": PALETTE[2]}
    assert colour_for(["caption", "body"]) == {"caption": PALETTE[0], "body": PALETTE[1]}
    assert PALETTE[:7] == OKABE_ITO_TINTS


def test_colours_cycle_after_the_eighth_label():
    colours = colour_for(f"label {i}" for i in range(10))
    assert list(colours.values()) == list(PALETTE) + list(PALETTE[:2])


def test_the_palette_and_the_figures_load_no_notebook_display():
    code = (
        "import sys, helpers.palette, helpers.plotting; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('IPython', 'ipywidgets')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
