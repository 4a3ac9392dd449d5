"""Sentences and paragraphs of a raw text, as ``(start, end)`` offsets: the one splitter.

Every module that needs sentences takes them from :func:`sentence_spans`: the co-mention
graph (lesson 04), voices (lesson 05), the reliability signals (lesson 02), the segmenter and
the outlet tables (lesson 07). :func:`paragraph_spans` cuts at line breaks only. The words that
do not end a sentence ("Mr.", "Sept.") come from :mod:`helpers.lexicon`.

>>> text = "Mr. Lavrov met U.S. officials. They talked.\\nTalks went on."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Lavrov met U.S. officials.', 'They talked.', 'Talks went on.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from helpers.corpus import Source, text_of
from helpers.lexicon import ABBREVIATIONS, SENTENCE_STARTERS

__all__ = ["paragraph_spans", "sentence_cuts", "sentence_spans"]

# The marks ending a sentence, with closing quotes and brackets and reference marks ("[3]").
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:\[\d+\])*(?=\s)")
_OPENERS = "\"'“‘«(["
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_WORD = re.compile(r"[^\W_]+")
_NEWLINE = re.compile(r"\n")


def _next_word(text: str, position: int) -> tuple[int, str]:
    """The first non-space character at or after ``position`` (skipping one opener) and its word."""
    j = position
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in _OPENERS:
        j += 1
    match = _WORD.match(text, j)
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
    if before.lower() in ABBREVIATIONS:
        return False
    if len(before) == 1 and before.isupper():
        return False  # an initial: "John F. Kennedy"
    if before == "No" and text[j].isdigit():
        return False  # "No. 5"
    if _DOTTED.fullmatch(before):
        return word.lower() in SENTENCE_STARTERS  # "the U.S. The next…" but "U.S. President"
    return True


def _line_cuts(text: str) -> list[int]:
    """Line breaks that end a unit: all but those inside a hard-wrapped paragraph."""
    cuts = []
    for match in _NEWLINE.finditer(text):
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


def sentence_cuts(text: Source | str) -> list[int]:
    """The offsets where one sentence ends and the next may start, in order, line breaks included.

    Each cut is the offset just after a sentence's last mark (``.``, ``!``, ``?``, ``…`` and
    any closing quote or bracket), or of a line break that ends a unit; the rules are those of
    :func:`sentence_spans`, which trims the pieces between cuts.

    >>> sentence_cuts("Mr. Lavrov spoke.[2] Talks failed.\\nNext.")
    [20, 34]
    """
    raw = text_of(text)
    cuts = _line_cuts(raw)
    cuts += [m.end() for m in _SENTENCE_END.finditer(raw) if _ends_sentence(raw, m)]
    return sorted(set(cuts))


def sentence_spans(text: Source | str) -> list[tuple[int, int]]:
    """Sentences of a raw text as ``(start, end)`` offsets, in order, trimmed of white space.

    A small rule-based splitter for news pages. It is not a parser and it makes mistakes at the
    edges. A sentence ends:

    - at a line break (headlines, captions and comments rarely end with a full stop), except
      inside a hard-wrapped paragraph, where the next line starts with a lower-case letter;
    - after ``.``, ``!``, ``?`` or ``…`` (closing quotes, brackets and reference marks such as
      ``[3]`` stay with the sentence) followed by white space and a capital letter or digit
      (an opening quote may come between).

    A full stop does not end a sentence after a title or month (``Mr.``, ``Gen.``, ``Sept.``:
    :data:`helpers.lexicon.ABBREVIATIONS`), after an initial (``John F. Kennedy``) or after
    ``No.`` before a number. After a dotted abbreviation (``U.S.``, ``U.N.``, ``a.m.``) it ends
    one only if the next word usually starts a sentence (``The``, ``It``, ``But``…:
    :data:`helpers.lexicon.SENTENCE_STARTERS`). So "the U.S. President" stays whole, while
    "left the U.S. The talks" is cut, and "left the U.S. Kerry said" is not (a known miss).
    Sentences that start with a lower-case letter, as some reader comments do, are joined to the
    one before.

    >>> text = "Washington and Moscow met. U.S. officials said so.\\nRussia hit Aleppo."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Washington and Moscow met.', 'U.S. officials said so.', 'Russia hit Aleppo.']
    """
    raw = text_of(text)
    return _pieces(raw, sentence_cuts(raw))


def paragraph_spans(text: Source | str) -> list[tuple[int, int]]:
    """Paragraphs (lines, with hard-wrapped lines joined) as ``(start, end)``, trimmed.

    >>> text = "Talks stall\\n\\nTalks in Astana\\nstalled on Monday.\\n"
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Talks stall', 'Talks in Astana\\nstalled on Monday.']
    """
    raw = text_of(text)
    return _pieces(raw, _line_cuts(raw))
