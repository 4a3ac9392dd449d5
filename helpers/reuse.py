"""Text reuse: evidence that two sources are not independent witnesses because they share wording.

Two reports that agree are worth more than one only if they were written independently. When
one page lifts sentences from another (an aggregator copying a wire story, a press release
pasted into several outlets), their agreement is a single witness counted twice. This module
measures shared wording so a reader can see that, and always points back into the raw texts.

Method
------
1. Words: :func:`word_tokens` takes runs of letters and digits (apostrophes inside a word are
   dropped, so ``hasn’t`` and ``hasn't`` are both ``hasnt``; hyphens and all other punctuation
   separate words), lower-cases them and keeps accents (``café`` is not ``cafe``). Each token
   keeps its start and end offset in the raw text.
2. Overlap: :func:`ngram_overlap` compares the *sets* of distinct word n-grams (default 5 words)
   of two texts: how many are shared, Jaccard similarity, and containment (the share of one
   text's n-grams found in the other, which is what shows that a short text was copied into a
   long one).
3. Passages: :func:`common_passages` indexes every ``min_words``-gram by a 64-bit hash, pairs
   equal hashes between the texts (a sort and a binary search, never a comparison of every
   pair of positions), checks each pair word by word, and joins pairs that lie on the same
   diagonal into runs. Each run is one maximal common passage: it cannot be extended by a
   word on either side, and it is reported once.
4. :func:`reuse_table` does both for every unordered pair of sources.

Limits (read before concluding anything)
----------------------------------------
- It sees only verbatim wording after case and punctuation are ignored. One changed word
  breaks a passage: a "spun" copy that replaces *Russia* with *Russian Federation* is found in
  the pieces between the substitutions, but synonym swaps, reordering, translation and
  paraphrase are invisible. No passage is not proof of independence.
- Shared wording is not proof of copying either: both texts may quote the same speech or
  the same third source, and stock phrases ("the Islamic State group") recur in independent
  reports. Short runs (under about 8 words) are mostly such phrases.
- It does not say who copied whom; dates and outlets have to settle that.
- :func:`ngram_overlap` compares 64-bit hashes of n-grams; two different n-grams could share a
  hash, with odds around one in a billion for two million-word texts. Passages are checked
  word by word, so they are never produced by a hash collision.
- Time and memory grow with the text length plus the number of matching anchor pairs. A
  passage repeated *k* times in one text and *m* times in the other gives *k × m* pairs; past
  :data:`MAX_ANCHOR_PAIRS` :func:`common_passages` refuses with a message naming the passage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import combinations

import numpy as np
import pandas as pd

from helpers.corpus import Source, text_of

__all__ = [
    "MAX_ANCHOR_PAIRS",
    "common_passages",
    "ngram_overlap",
    "reuse_table",
    "word_tokens",
]

MAX_ANCHOR_PAIRS = 20_000_000
PASSAGE_COLUMNS = ["a_start", "a_end", "b_start", "b_end", "words", "text_a", "text_b"]
TABLE_COLUMNS = [
    "a",
    "b",
    "shared_ngrams",
    "jaccard",
    "containment_a",
    "containment_b",
    "longest_passage",
]

# A word: letters/digits (with combining accents), possibly joined by apostrophes.
_WORD_CHAR = r"[^\W_]"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(
    rf"{_WORD_CHAR}[{_MARKS}]*(?:{_WORD_CHAR}[{_MARKS}]*)*"
    rf"(?:['’ʼ]{_WORD_CHAR}[{_MARKS}]*(?:{_WORD_CHAR}[{_MARKS}]*)*)*"
)
_APOSTROPHES = str.maketrans("", "", "'’ʼ")
_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)


def _check_length(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a whole number of words, at least 1; got {value!r}")
    return int(value)


def _normalise(word: str) -> str:
    word = word.lower()
    if not word.isascii():
        word = unicodedata.normalize("NFC", word.translate(_APOSTROPHES))
    else:
        word = word.replace("'", "")
    return word


def word_tokens(text: Source | str) -> list[tuple[str, int, int]]:
    """Words of a text as ``(token, start, end)``; ``text[start:end]`` is the raw word.

    Tokens are lower-cased with accents kept; punctuation is stripped (an apostrophe inside a
    word is dropped, any other punctuation separates words).

    >>> word_tokens("Russia’s café, al-Abadi!")
    [('russias', 0, 8), ('café', 9, 13), ('al', 15, 17), ('abadi', 18, 23)]
    """
    raw = text_of(text)
    return [(_normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(raw)]


class _Tokens:
    """One text as word ids (shared vocabulary) plus raw offsets."""

    __slots__ = ("text", "ids", "starts", "ends")

    def __init__(self, text: str, ids: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        self.text, self.ids, self.starts, self.ends = text, ids, starts, ends


def _encode(texts: list[str]) -> list[_Tokens]:
    """Tokenise texts and give equal words equal ids across all of them."""
    tokenised = [word_tokens(t) for t in texts]
    words = [w for toks in tokenised for w, _, _ in toks]
    codes, _ = pd.factorize(pd.Series(words, dtype=object)) if words else (np.empty(0), None)
    codes = np.asarray(codes, dtype=np.uint64) + np.uint64(1)
    out, pos = [], 0
    for text, toks in zip(texts, tokenised, strict=True):
        n = len(toks)
        starts = np.fromiter((s for _, s, _ in toks), dtype=np.int64, count=n)
        ends = np.fromiter((e for _, _, e in toks), dtype=np.int64, count=n)
        out.append(_Tokens(text, codes[pos : pos + n], starts, ends))
        pos += n
    return out


def _gram_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """64-bit polynomial hash of every run of ``n`` consecutive word ids (wrapping arithmetic)."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    for k in range(n):
        h = h * _HASH_MULT + ids[k : k + count]
    return h


def _overlap(ha: np.ndarray, hb: np.ndarray) -> dict:
    ua, ub = np.unique(ha), np.unique(hb)
    shared = int(np.intersect1d(ua, ub, assume_unique=True).size)
    union = ua.size + ub.size - shared
    return {
        "shared": shared,
        "jaccard": shared / union if union else 0.0,
        "containment_a": shared / ua.size if ua.size else 0.0,
        "containment_b": shared / ub.size if ub.size else 0.0,
    }


def ngram_overlap(a: Source | str, b: Source | str, n: int = 5) -> dict:
    """Shared distinct word n-grams of two texts.

    Returns ``shared`` (distinct n-grams in both), ``jaccard`` (shared / distinct in either),
    ``containment_a`` (share of a's distinct n-grams found in b) and ``containment_b``.
    All are 0 when a text has fewer than ``n`` words.

    >>> r = ngram_overlap("The cat sat on the mat.", "the cat sat on a mat", n=3)
    >>> r["shared"], round(r["jaccard"], 3), r["containment_a"]
    (2, 0.333, 0.5)
    """
    n = _check_length(n, "n")
    ta, tb = _encode([text_of(a, "a"), text_of(b, "b")])
    return _overlap(_gram_hashes(ta.ids, n), _gram_hashes(tb.ids, n))


def _passage_runs(ta: _Tokens, tb: _Tokens, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Maximal common runs of at least ``m`` words: (first word in a, first word in b, words)."""
    empty = np.empty(0, dtype=np.int64)
    ha, hb = _gram_hashes(ta.ids, m), _gram_hashes(tb.ids, m)
    if ha.size == 0 or hb.size == 0:
        return empty, empty, empty
    order = np.argsort(hb, kind="stable")
    hb_sorted = hb[order]
    lo = np.searchsorted(hb_sorted, ha, side="left")
    counts = np.searchsorted(hb_sorted, ha, side="right") - lo
    total = int(counts.sum())
    if total > MAX_ANCHOR_PAIRS:
        worst = int(np.argmax(counts))
        s, e = ta.starts[worst], ta.ends[worst + m - 1]
        raise ValueError(
            f"too many matching {m}-word anchors ({total:,} pairs, limit {MAX_ANCHOR_PAIRS:,}): "
            f"repeated wording such as {ta.text[s:e]!r} (at a offset {s}) occurs "
            f"{int(counts[worst])} times in b; raise min_words or remove the boilerplate"
        )
    if total == 0:
        return empty, empty, empty
    i = np.repeat(np.arange(ha.size, dtype=np.int64), counts)
    first = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    j = order[first + np.arange(total)].astype(np.int64)
    exact = np.ones(total, dtype=bool)  # equal hashes are checked word by word
    for k in range(m):
        exact &= ta.ids[i + k] == tb.ids[j + k]
    i, j = i[exact], j[exact]
    if i.size == 0:
        return empty, empty, empty
    diag = j - i
    o = np.lexsort((i, diag))
    i, diag = i[o], diag[o]
    new = np.ones(i.size, dtype=bool)
    new[1:] = (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)
    run_start = np.flatnonzero(new)
    run_last = np.r_[run_start[1:], i.size] - 1
    a_first = i[run_start]
    words = i[run_last] - a_first + m
    return a_first, a_first + diag[run_start], words


def common_passages(a: Source | str, b: Source | str, min_words: int = 8) -> pd.DataFrame:
    """Maximal passages of at least ``min_words`` consecutive words that two texts share.

    Case and punctuation are ignored when comparing; offsets point into each raw text.
    Columns: ``a_start, a_end`` and ``b_start, b_end`` (character offsets, ``text[start:end]``
    runs from the passage's first word to its last), ``words`` (how many), ``text_a`` and
    ``text_b`` (the raw slices). Sorted by ``words`` descending, then ``a_start``. A passage that
    one text repeats appears once per pairing with the other text.

    >>> wire = "Iraq will share intelligence with Russia, Syria and Iran, officials said."
    >>> copy = "BAGHDAD: iraq will share intelligence with Russia; Syria and Iran."
    >>> p = common_passages(wire, copy, min_words=6)
    >>> p[["a_start", "a_end", "b_start", "words"]].values.tolist()
    [[0, 56, 9, 9]]
    >>> p.loc[0, "text_b"]
    'iraq will share intelligence with Russia; Syria and Iran'
    """
    m = _check_length(min_words, "min_words")
    ta, tb = _encode([text_of(a, "a"), text_of(b, "b")])
    ia, ib, words = _passage_runs(ta, tb, m)
    a_start, a_end = ta.starts[ia], ta.ends[ia + words - 1]
    b_start, b_end = tb.starts[ib], tb.ends[ib + words - 1]
    table = pd.DataFrame(
        {
            "a_start": a_start,
            "a_end": a_end,
            "b_start": b_start,
            "b_end": b_end,
            "words": words,
            "text_a": [ta.text[s:e] for s, e in zip(a_start, a_end, strict=True)],
            "text_b": [tb.text[s:e] for s, e in zip(b_start, b_end, strict=True)],
        },
        columns=PASSAGE_COLUMNS,
    )
    for col in PASSAGE_COLUMNS[:5]:
        table[col] = table[col].astype(np.int64)
    table = table.sort_values(
        ["words", "a_start", "b_start"], ascending=[False, True, True], kind="stable"
    )
    return table.reset_index(drop=True)


def reuse_table(sources: Iterable[Source | str], n: int = 5, min_words: int = 8) -> pd.DataFrame:
    """Shared wording for every unordered pair of sources, most reuse first.

    Columns: ``a``, ``b`` (source ids; plain strings get their position as id),
    ``shared_ngrams``, ``jaccard``, ``containment_a``, ``containment_b`` (as in
    :func:`ngram_overlap` with ``n``) and ``longest_passage`` (words in the longest common
    passage of at least ``min_words`` words, else 0). Sorted by ``longest_passage``, then
    ``jaccard``, descending.

    >>> docs = [Source.from_text(t, source_id=i) for i, t in
    ...         [("x", "one two three four five six"), ("y", "zero one two three four five"),
    ...          ("z", "nothing in common here at all")]]
    >>> reuse_table(docs, n=3, min_words=4)[["a", "b", "shared_ngrams", "longest_passage"]]
       a  b  shared_ngrams  longest_passage
    0  x  y              3                5
    1  x  z              0                0
    2  y  z              0                0
    """
    n = _check_length(n, "n")
    m = _check_length(min_words, "min_words")
    items = list(sources)
    ids = [s.id if isinstance(s, Source) else str(k) for k, s in enumerate(items)]
    if len(set(ids)) != len(ids):
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        raise ValueError(f"source ids must be unique; repeated: {', '.join(dupes)}")
    encoded = _encode([text_of(s, f"source {k}") for k, s in enumerate(items)])
    hashes = [_gram_hashes(t.ids, n) for t in encoded]
    rows = []
    for x, y in combinations(range(len(items)), 2):
        row = {"a": ids[x], "b": ids[y]}
        overlap = _overlap(hashes[x], hashes[y])
        row["shared_ngrams"] = overlap.pop("shared")
        row.update(overlap)
        words = _passage_runs(encoded[x], encoded[y], m)[2]
        row["longest_passage"] = int(words.max()) if words.size else 0
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table = table.sort_values(["longest_passage", "jaccard"], ascending=False, kind="stable")
    return table.reset_index(drop=True)


def word_substitutions(a: Source | str, b: Source | str, max_words: int = 3) -> pd.DataFrame:
    """Short runs of words that one text swaps for another where the two otherwise align.

    A copy that has been lightly rewritten ("spun") keeps the sentence and swaps a name or a
    label: "IS" for "Daesh", "Russia" for "Russian Federation". Columns: ``in_a``, ``in_b``
    (the swapped words as written), ``times`` (how often that swap occurs), most frequent first.
    Only swaps of at most ``max_words`` words on each side count; longer differences are
    rewriting, not substitution.

    >>> word_substitutions("Russia said it would strike IS in Syria.",
    ...                    "Russian Federation said it would strike Daesh in Syria.")
         in_a                in_b  times
    0  Russia  Russian Federation      1
    1      IS               Daesh      1
    """
    from difflib import SequenceMatcher

    m = _check_length(max_words, "max_words")
    ta, tb = word_tokens(text_of(a, "a")), word_tokens(text_of(b, "b"))
    text_a, text_b = text_of(a, "a"), text_of(b, "b")
    matcher = SequenceMatcher(None, [w for w, _, _ in ta], [w for w, _, _ in tb], autojunk=False)
    swaps: dict[tuple[str, str], int] = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 <= m and j2 - j1 <= m:
            key = (text_a[ta[i1][1] : ta[i2 - 1][2]], text_b[tb[j1][1] : tb[j2 - 1][2]])
            swaps[key] = swaps.get(key, 0) + 1
    rows = [(x, y, n) for (x, y), n in swaps.items()]
    table = pd.DataFrame(rows, columns=["in_a", "in_b", "times"])
    return table.sort_values("times", ascending=False, kind="stable").reset_index(drop=True)
