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

from importlib import import_module
from typing import TYPE_CHECKING, Any

# The public face loads lazily: ``import helpers.paths`` (or any leaf module) does not load
# pandas, numpy or the actor matcher; the first use of a name below imports its module.
_PUBLIC = {
    "Corpus": "helpers.corpus",
    "Source": "helpers.corpus",
    "SourceReadError": "helpers.corpus",
    "find_mentions": "helpers.actors",
    "load_corpus": "helpers.corpus",
    "read_source": "helpers.corpus",
    "reliability_signals": "helpers.reliability",
    "segment": "helpers.segments",
}

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

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from helpers.actors import find_mentions
    from helpers.corpus import Corpus, Source, SourceReadError, load_corpus, read_source
    from helpers.reliability import reliability_signals
    from helpers.segments import segment


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use.

    >>> import helpers
    >>> helpers.load_corpus.__name__
    'load_corpus'
    """
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
