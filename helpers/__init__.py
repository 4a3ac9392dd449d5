"""Helpers for *Reading the coalition*, a notebook course in reading news sources critically.

The stable public face (notebooks, assignments and outside checks call these):

- :func:`load_corpus` — the seed corpus, or any folder of ``.txt``/``.md``/``.html`` sources;
- :func:`segment` — a page split into parts (headline, body, comments…) that cover it exactly;
- :func:`reliability_signals` — observable signals about a source, each with its spans
  (they inform a judgement; they never rate);
- :func:`find_mentions` — every place a text names an actor of the gazetteer, as raw spans.

Modules by layer (lower never imports higher): ``paths``, ``corpus``, ``spans``, ``scales``;
``segments``, ``tables``, ``reliability``, ``annotations``, ``agreement``, ``attribution``,
``actors``, ``claims``, ``reuse``, ``fakes``; ``network``; the notebook faces ``display``,
``plotting``, ``widgets``, ``exercises`` and ``course``.
"""

from helpers.actors import find_mentions
from helpers.corpus import Corpus, Source, SourceReadError, load_corpus, read_source
from helpers.reliability import reliability_signals
from helpers.segments import segment

__all__ = [
    "Corpus",
    "Source",
    "SourceReadError",
    "find_mentions",
    "load_corpus",
    "read_source",
    "reliability_signals",
    "segment",
]
