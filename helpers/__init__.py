"""Helpers for *Reading the coalition*, a notebook course in reading news sources critically.

The stable public face (notebooks, assignments and outside checks call these):

- :func:`load_corpus` — the seed corpus, or any folder of ``.txt``/``.md``/``.html`` sources;
- :func:`segment` — a page split into parts (headline, body, comments…) that cover it exactly;
- :func:`reliability_signals` — observable signals about a source, each with its spans
  (they inform a judgement; they never rate).

Modules by layer (lower never imports higher): ``paths``, ``corpus``, ``spans``, ``scales``;
``segments``, ``tables``, ``reliability``, ``annotations``, ``agreement``; the notebook faces
``display``, ``exercises`` and ``course``.
"""

from helpers.corpus import Corpus, Source, SourceReadError, load_corpus, read_source
from helpers.reliability import reliability_signals
from helpers.segments import segment

__all__ = [
    "Corpus",
    "Source",
    "SourceReadError",
    "load_corpus",
    "read_source",
    "reliability_signals",
    "segment",
]
