"""Sentences and paragraphs of a raw text, as offsets: the units a co-mention graph counts in."""

from __future__ import annotations

import re
from collections.abc import Iterable

from helpers.corpus import Source
from helpers.network.inputs import text_of

__all__ = ["paragraph_spans", "sentence_spans"]

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = "\"'“‘«(["
# Words that end with a full stop but do not end a sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm cmdr brig sen rep gov pres amb "
        "rev hon st jr sr messrs mme mlle vs cf approx ca fig jan feb apr jun jul aug sep sept "
        "oct nov dec",
    )
)
# After a dotted abbreviation (U.S., a.m.), a sentence starts only with one of these words.
_STARTERS = frozenset(
    re.findall(
        r"\w+",
        "the a an it he she they we i this that these those but and in on at as if when while "
        "there his her their its our however meanwhile yet so",
    )
)
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _next_word(text: str, position: int) -> tuple[int, str]:
    """The first non-space character at or after ``position`` (skipping one opener) and its word."""
    j = position
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in _OPENERS:
        j += 1
    match = re.match(r"[^\W_]+", text[j:])
    return j, match.group() if match else ""


def _ends_sentence(text: str, match: re.Match) -> bool:
    j, word = _next_word(text, match.end())
    if j >= len(text) or not (text[j].isupper() or text[j].isdigit()):
        return False
    if match.group().rstrip("\"'”’»)]") != ".":
        return True  # ! ? … and runs of dots end a sentence
    k = match.start()
    w = k
    while w > 0 and not text[w - 1].isspace() and text[w - 1] not in _OPENERS:
        w -= 1
    before = text[w:k]
    if before.lower() in _ABBREVIATIONS:
        return False
    if len(before) == 1 and before.isupper():
        return False  # an initial: "John F. Kennedy"
    if before == "No" and text[j].isdigit():
        return False  # "No. 5"
    if _DOTTED.fullmatch(before):
        return word.lower() in _STARTERS  # "the U.S. The next…" but "U.S. President"
    return True


def _line_cuts(text: str) -> list[int]:
    """Line breaks that end a unit: all but those inside a hard-wrapped paragraph."""
    cuts = []
    for match in re.finditer(r"\n", text):
        i = match.start()
        line_start = text.rfind("\n", 0, i) + 1
        j = i + 1
        while j < len(text) and text[j] in " \t\r":
            j += 1
        wrapped = text[line_start:i].strip() and j < len(text) and text[j].islower()
        if not wrapped:
            cuts.append(i)
    return cuts


def _pieces(text: str, cuts: Iterable[int]) -> list[tuple[int, int]]:
    bounds = sorted({0, len(text), *cuts})
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def sentence_spans(text: Source | str) -> list[tuple[int, int]]:
    """Sentences of a raw text as ``(start, end)`` offsets, in order, trimmed of white space.

    A small rule-based splitter for news pages. It is not a parser and it makes mistakes at the
    edges. A sentence ends:

    - at a line break (headlines, captions and comments rarely end with a full stop), except
      inside a hard-wrapped paragraph, where the next line starts with a lower-case letter;
    - after ``.``, ``!``, ``?`` or ``…`` (closing quotes and brackets stay with the sentence)
      followed by white space and a capital letter or digit (an opening quote may come between).

    A full stop does not end a sentence after a title or month (``Mr.``, ``Gen.``, ``Sept.``),
    after an initial (``John F. Kennedy``) or after ``No.`` before a number. After a dotted
    abbreviation (``U.S.``, ``U.N.``, ``a.m.``) it ends one only if the next word usually
    starts a sentence (``The``, ``It``, ``But``…). So "the U.S. President" stays whole, while
    "left the U.S. The talks" is cut, and "left the U.S. Kerry said" is not (a known miss).
    Sentences that start with a lower-case letter, as some reader comments do, are joined to the
    one before.

    >>> text = "Washington and Moscow met. U.S. officials said so.\\nRussia hit Aleppo."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Washington and Moscow met.', 'U.S. officials said so.', 'Russia hit Aleppo.']
    """
    _, raw = text_of(text)
    cuts = _line_cuts(raw)
    cuts += [m.end() for m in _SENTENCE_END.finditer(raw) if _ends_sentence(raw, m)]
    return _pieces(raw, cuts)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of a raw text as ``(start, end)`` offsets: its lines, trimmed, except that a
    hard-wrapped paragraph (the next line starts lower-case) stays whole.

    >>> text = "Russia struck Aleppo.\\nThe talks went on\\nand on.\\n\\nIran agreed."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Russia struck Aleppo.', 'The talks went on\\nand on.', 'Iran agreed.']
    """
    return _pieces(text, _line_cuts(text))
