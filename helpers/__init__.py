"""Helpers for *Reading the coalition*, a notebook course in reading news sources critically.

The stable public face (notebooks, assignments and outside checks call these):

- :func:`load_corpus` — the seed corpus, or any folder of ``.txt``/``.md``/``.html`` sources;
- :func:`segment` — a page split into parts (headline, body, comments…) that cover it exactly;
- :func:`page_metadata` — a page's title, author, date, outlet and address, each with its
  evidence span and basis (text, inferred or unknown);
- :func:`reliability_signals` — observable signals about a source, each with its spans
  (they inform a judgement; they never rate);
- :func:`find_mentions` — every place a text names an actor of the gazetteer, as raw spans;
- :func:`voices` — every quotation and reported statement, with its speaker, who that is, and
  who passed the words on (the relay).

The layer map (lower never imports higher; ``tests/test_layers.py`` keeps it true, and
CONTRIBUTING.md explains it):

1. ground — ``paths`` (where the course's folders are), ``files`` (the one CSV reader, lock,
   atomic write and spreadsheet-safe export), ``latest`` (the one "latest wins" rule).
2. sources — ``corpus`` (frozen, checksummed sources), ``decoding`` (bytes to text, code
   pages guessed and noted), ``spans`` (offsets into raw text),
   ``scales`` (the Admiralty scales), ``lexicon`` (reporting verbs, titles, abbreviations),
   ``sentences`` (the one sentence splitter), ``page_patterns`` (the line patterns of page
   parts), ``palette`` (the course's colours).
3. analysis — ``segments`` (page parts), ``metadata`` (title, author, date, outlet, address),
   ``speakers`` (who a sentence says is speaking),
   ``reliability`` (signals), ``attribution`` (who said it first, through whose hands),
   ``quotations`` (every quotation and reported statement, its speaker and relays),
   ``actors`` (gazetteer and mentions), ``claims`` (claims and corroboration), ``reuse`` (shared
   wording), ``labels`` (word choice and framing), ``tables`` (curated tables), ``annotations``
   (students' ratings, pooled), ``agreement`` (Krippendorff's alpha, kappa), ``fakes`` (the
   FA-KES corpus), ``answers`` (exercise answer checks, pure).
4. combined — ``network`` (package: relations, graphs, balance, export), ``perspectives``
   (voices, attention, tone), ``hypotheses`` (ACH), ``outlets`` (FA-KES outlets compared),
   ``pipeline`` (every step over many documents, streamed).
5. notebook faces — ``display`` (escaped highlighting), ``plotting`` (figures with alt text),
   ``widgets`` (package: rating form, ACH widget, progress bar), ``exercises`` (otter checks).
6. the instructor's tools — ``instructor`` (package: course navigation and launch links,
   coursework grading in a sandbox, classroom pooling, class report, gradebook exports, the
   course website); no lesson imports them.

Only the faces and the instructor's tools import IPython, ipywidgets, matplotlib, otter or
nbformat. The face below loads lazily: importing a leaf module does not load pandas.
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
    "page_metadata": "helpers.metadata",
    "read_source": "helpers.corpus",
    "reliability_signals": "helpers.reliability",
    "segment": "helpers.segments",
    "voices": "helpers.perspectives",
}

__all__ = [
    "Corpus",
    "Source",
    "SourceReadError",
    "find_mentions",
    "load_corpus",
    "page_metadata",
    "read_source",
    "reliability_signals",
    "segment",
    "voices",
]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from helpers.actors import find_mentions
    from helpers.corpus import Corpus, Source, SourceReadError, load_corpus, read_source
    from helpers.metadata import page_metadata
    from helpers.perspectives import voices
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
