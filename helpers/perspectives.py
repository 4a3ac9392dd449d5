"""Perspectives: who gets to speak in a source, in whose words, and for how long.

:func:`find_quotations` finds every *voice* in a text -- words in quotation marks (``direct``)
and speech reported without them (``reported``: "X said that …", "according to X, …") -- with
its speaker as the text names it. :func:`voices` adds who that speaker is in the gazetteer
(``actor_id``, ``affiliation``), whether the text names them (``named``) and the page part the
voice stands in (``segment``: the journalist's ``body`` or the readers' ``comment``…).
:func:`who_speaks` and :func:`voice_summary` turn that into "who gets to speak" tables.

Quotation marks (how a direct quotation is delimited)
-----------------------------------------------------
- Double marks only: straight ``"…"`` (the first mark opens, the next one closes), curly
  ``“…”`` and guillemets ``«…»``. Single marks ``‘…’`` and ``'…'`` are never read as a
  quotation of their own (they are also apostrophes): inside a double quotation they are a
  nested quotation and stay part of the outer one. A stray closing mark is ignored, and so is
  an opening mark inside an open quotation.
- **Paragraphs.** A quotation never runs past the end of its paragraph (a line break, unless
  the line is hard-wrapped: it ends without ``. ! ? : ; ”`` and the next line starts in lower
  case) -- except in the news convention, where an unclosed paragraph is followed by one that
  starts with an opening mark: then the two (or more) paragraphs are *one* quotation.
- **Unclosed** quotation (the paragraph ends, no continuation): it ends at the end of its
  paragraph, so one lost mark never swallows the rest of the document.
- A quotation with no word in it (``""``) is skipped.

Speakers of a direct quotation, tried in this order (markers come from
:func:`helpers.attribution.find_attributions`; a marker inside a quotation never counts)
------------------------------------------------------------------------------------------
1. *after*: a marker starting right after the closing mark (only spaces and ``, . ; : —``
   between): "“…,” said X", "“…,” X said", "“…,” says X, director of …", "“…”, reports NYT";
   also "“…,” says one Syrian in Paris" (a description after says/said, which the attribution
   module does not read);
2. *before*: a marker ending right before the opening mark ("X said: “…”", "X says “…”",
   "X said that “…”");
3. *colon*: the text before the quotation ends with ``:`` and the sentence ending so (in the
   same or the previous paragraph) holds a marker ("X told Rudaw English that …:\\n\\n“…”");
4. *sentence*: a marker anywhere in the quotation's own sentence, the nearest one
   ("Putin says the West’s refusal has been “an enormous mistake.”");
5. *continued* (cue ``continued``): a quotation with no speaker of its own takes the speaker
   of the quotation just before it when only white space separates them or when both stand
   in one paragraph with no marker between; else of the one just after it, when only white
   space separates them and the quotation starts its paragraph (consecutive quote
   paragraphs, attributed once at the end).

The speaker is the marker's ``speaker``; where the marker names only a ``channel`` ("…”,
reports NYT") the channel is the voice the text lets speak. No speaker: ``speaker == ''``.

**Scare quotes** are kept and marked ``kind == "scare"``: a quotation of at most three words
whose speaker was not found by rules 1--4 (the label “moderate” rebels). They are not voices:
:func:`voices` drops them, :func:`who_speaks` never counts them.

Reported speech
---------------
Every sentence (outside quotation marks) holding attribution markers that no direct quotation
used is one ``reported`` voice: its speaker is the first marker's speaker (else its channel);
the words spoken are the rest of the sentence after the last marker (a leading "that"
dropped) if that has three words or more or at least as many as the part before the first
marker, else that part before ("…, according to X."). A sentence whose markers serve a
direct quotation gives no reported voice, so no word is counted twice.

Sentences are those of :func:`helpers.sentences.sentence_spans` (the splitter every lesson
shares: not after "Mr." or "U.S. allies", at line breaks), except that a sentence never ends
inside a quotation. The reporting verbs are :data:`helpers.lexicon.REPORTING_VERBS`, the same
for the reliability signals and the attribution markers.

Limits: the speaker is what the text writes; the rules read punctuation and cue words, not
meaning. Missed: speech without a reporting verb ("in Kofman's view, “…”" gives no speaker),
single-quoted quotations, a quotation whose closing mark is lost and whose paragraph
goes on. Pronoun speakers are resolved in :func:`voices` by position, not by grammar.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from helpers.actors import Gazetteer, default_gazetteer, find_mentions
from helpers.attribution import Marker, attribution_markers
from helpers.corpus import Source, text_of
from helpers.lexicon import REPORTING_VERBS, alternation
from helpers.segments import segment_parts
from helpers.sentences import sentence_cuts

__all__ = [
    "KINDS",
    "QUOTATION_COLUMNS",
    "VOICE_COLUMNS",
    "find_quotations",
    "voice_summary",
    "voices",
    "who_speaks",
]

QUOTATION_COLUMNS = [
    "start", "end", "quote_start", "quote_end", "kind", "speaker", "speaker_start",
    "speaker_end", "cue", "words",
]  # fmt: skip
VOICE_COLUMNS = [
    *QUOTATION_COLUMNS, "resolved", "actor_id", "affiliation", "named", "segment", "source_id",
]  # fmt: skip
KINDS = ("direct", "reported", "scare")
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})
_ANONYMOUS_HEADS = frozenset({
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "senior",
    "unnamed", "anonymous", "another", "other", "local"
})  # fmt: skip
_GROUP_WORDS = frozenset({
    "official", "officials", "source", "sources", "analyst", "analysts", "diplomat", "diplomats",
    "activist", "activists", "witness", "witnesses", "resident", "residents", "expert", "experts",
    "observer", "observers", "authorities", "people", "spokesman", "spokeswoman", "spokesperson",
    "commander", "commanders", "fighters", "man", "woman"
})  # fmt: skip
_OPENERS = {"“": "”", "«": "»", '"': '"'}
_MARKS = re.compile(r"[“”«»\"]")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPEECH = alternation(REPORTING_VERBS)
_DESCRIPTION_AFTER = re.compile(
    rf"[,—]?[^\S\n]*(?:{_SPEECH})[^\S\n]+(?P<speaker>(?:an?|the|one|two|three|several|some"
    rf"|many|another)[^\S\n]+[^,.;:!?“”\"()\n]{{1,60}}?)(?=[,.;:!?)]|[^\S\n]*$)"
)
_GAP_AFTER = re.compile(r"[^\S\n]*[,.;:—–-]?[^\S\n]*")
_GAP_BEFORE = re.compile(r"[,:;—–-]?\s*(?:that\s+)?")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# ------------------------------------------------------------------------------ quotation marks


def _hard_wrapped(text: str, newline: int) -> bool:
    """True if the line break at ``newline`` only wraps a running sentence."""
    before, after = newline, newline + 1  # the line's last and the next line's first character
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    while after < len(text) and text[after] in " \t":
        after += 1
    return before > 0 and text[before - 1] not in '.!?:;”"»' and text[after : after + 1].islower()


def _paragraph_end(text: str, start: int, stop: int) -> int | None:
    """The first paragraph break (a line break not hard-wrapped) in ``text[start:stop]``."""
    at = text.find("\n", start, stop)
    while at != -1:
        if not _hard_wrapped(text, at):
            return at
        at = text.find("\n", at + 1, stop)
    return None


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, quote_start, quote_end, end) of every double-quoted passage, in text order."""
    spans: list[tuple[int, int, int, int]] = []
    opened: int | None = None  # position of the opening mark
    closer = ""
    scan_from = 0  # paragraph breaks before this point are already accepted (continuations)

    def close_unclosed(limit: int) -> int:
        brk = _paragraph_end(text, scan_from, limit)
        end = len(text) if brk is None else brk
        quote_end = opened + 1 + len(text[opened + 1 : end].rstrip())
        spans.append((opened, opened + 1, max(quote_end, opened + 1), max(quote_end, opened + 1)))
        return end

    searched = 0  # no paragraph break of the open quotation lies before this point
    for m in _MARKS.finditer(text):
        p, ch = m.start(), m.group()
        if opened is not None:
            brk = _paragraph_end(text, max(scan_from, searched), p)
            searched = p
            if brk is not None:
                if ch in _OPENERS and not text[brk:p].strip():
                    scan_from = p + 1  # news convention: the quotation goes on
                    continue
                close_unclosed(p)
                opened = None
            elif ch == closer:
                spans.append((opened, opened + 1, p, p + 1))
                opened = None
                continue
            else:
                continue  # an opening mark inside the quotation, or a foreign closer
        if ch in _OPENERS:
            opened, closer, scan_from = p, _OPENERS[ch], p + 1
    if opened is not None:
        close_unclosed(len(text))
    return [s for s in spans if _words(text[s[1] : s[2]])]


# ------------------------------------------------------------------------------ the analysis


class _Analysis:
    """A text's quotations, sentences and attribution markers (outside quotation marks)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = _quote_spans(text)
        self._opens = [q[0] for q in self.quotes]
        self.bounds = self._sentence_bounds()
        self.markers = [
            m
            for m in attribution_markers(text)
            if not self.inside_quote(m.start) and (m.speaker != "" or m.channel != "")
        ]
        self._marker_starts = [m.start for m in self.markers]

    def inside_quote(self, at: int) -> bool:
        i = bisect_right(self._opens, at) - 1
        return i >= 0 and self.quotes[i][0] <= at < self.quotes[i][3]

    def _sentence_bounds(self) -> list[int]:
        """Where sentences start: the shared splitter's cuts, but none inside a quotation."""
        cuts = [cut for cut in sentence_cuts(self.text) if not self.inside_quote(cut)]
        return sorted({0, *cuts})

    def sentence(self, at: int) -> tuple[int, int]:
        i = bisect_right(self.bounds, at) - 1
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        return self.bounds[max(i, 0)], end

    def markers_in(self, start: int, end: int) -> list[Marker]:
        lo = bisect_right(self._marker_starts, start - 1)
        hi = bisect_right(self._marker_starts, end - 1)
        return self.markers[lo:hi]


def _speaker_of(marker: Marker) -> tuple[str, int, int]:
    """(speaker, start, end) of a marker: its speaker, else the channel it names."""
    name = marker.speaker or marker.channel
    at = marker.marker.find(name) if marker.speaker else marker.marker.rfind(name)
    start = marker.start + max(at, 0)
    return name, start, start + len(name)


def _direct_speaker(a: _Analysis, q: tuple[int, int, int, int]) -> tuple[str, Marker | None]:
    """The rule (1-4 of the module notes) and marker giving a quotation's speaker."""
    text, (opened, _, _, end) = a.text, q
    gap = _GAP_AFTER.match(text, end)
    after = a.markers_in(end, gap.end() + 1)
    if after:
        return "after", after[0]
    head = text[max(0, opened - 200) : opened]
    before = a.markers_in(max(0, opened - 200), opened)
    if before and _GAP_BEFORE.fullmatch(text, before[-1].end, opened):
        return "before", before[-1]
    stripped = head.rstrip()
    if stripped.endswith(":"):
        colon = opened - (len(head) - len(stripped)) - 1
        s0, _ = a.sentence(colon)
        found = a.markers_in(s0, colon)
        if found:
            return "colon", found[-1]
    s0, s1 = a.sentence(opened)
    found = a.markers_in(s0, s1)
    if found:
        return "sentence", min(found, key=lambda r: min(abs(r.start - end), abs(r.end - opened)))
    return "", None


def _analyse(text: str) -> tuple[_Analysis, list[dict]]:
    """The analysis of ``text`` and its voices as rows of :func:`find_quotations`, in order."""
    a = _Analysis(text)
    rows: list[dict] = []
    used_sentences: set[tuple[int, int]] = set()
    for q in a.quotes:
        opened, q0, q1, end = q
        row = dict(
            start=opened,
            end=end,
            quote_start=q0,
            quote_end=q1,
            kind="direct",
            speaker="",
            speaker_start=-1,
            speaker_end=-1,
            cue="",
            words=_words(text[q0:q1]),
        )
        rule, marker = _direct_speaker(a, q)
        if marker is not None:
            name, s0, s1 = _speaker_of(marker)
            row.update(speaker=name, speaker_start=s0, speaker_end=s1, cue=marker.cue)
            row["start"] = min(opened, marker.start)
            row["end"] = max(end, marker.end)
            used_sentences.add(a.sentence(marker.start))
            used_sentences.add(a.sentence(opened))
        else:
            m = _DESCRIPTION_AFTER.match(text, end)
            if m and m.group("speaker").strip():
                name = m.group("speaker").strip()
                s0 = m.start("speaker")
                row.update(speaker=name, speaker_start=s0, speaker_end=s0 + len(name), cue="said")
                row["end"] = m.end()
            elif row["words"] <= 3:
                row["kind"] = "scare"
        rows.append(row)
    _continue_speakers(text, a, rows)
    rows += _reported(a, used_sentences)
    rows.sort(key=lambda row: (row["start"], row["quote_start"]))
    return a, rows


def _continue_speakers(text: str, a: _Analysis, rows: list[dict]) -> None:
    """Rule 5: a direct quotation without a speaker takes its neighbour's (see module notes)."""

    def take(row: dict, other: dict) -> None:
        row.update(speaker=other["speaker"], speaker_start=other["speaker_start"],
                   speaker_end=other["speaker_end"], cue="continued")  # fmt: skip

    for k, row in enumerate(rows):  # backwards: the quotation before (chains run forwards)
        if row["kind"] != "direct" or row["speaker"] or k == 0:
            continue
        prev = rows[k - 1]
        if prev["kind"] != "direct" or not prev["speaker"]:
            continue
        between = text[prev["end"] : row["start"]]
        same_paragraph = _paragraph_end(text, prev["end"], row["start"]) is None
        if not between.strip() or (same_paragraph and not a.markers_in(prev["end"], row["start"])):
            take(row, prev)
    for k in range(len(rows) - 2, -1, -1):  # forwards: the quotation after, white space between
        row, nxt = rows[k], rows[k + 1]
        if row["kind"] == "direct" and not row["speaker"] and nxt["kind"] == "direct":
            line_start = text.rfind("\n", 0, row["start"]) + 1
            if (
                nxt["speaker"]
                and not text[row["end"] : nxt["start"]].strip()
                and not text[line_start : row["start"]].strip()
            ):
                take(row, nxt)


def _reported(a: _Analysis, used: set[tuple[int, int]]) -> list[dict]:
    """One reported voice per sentence whose markers no direct quotation used."""
    text, rows = a.text, []
    by_sentence: dict[tuple[int, int], list[Marker]] = {}
    for marker in a.markers:
        by_sentence.setdefault(a.sentence(marker.start), []).append(marker)
    for (s0, s1), found in by_sentence.items():
        if (s0, s1) in used:
            continue
        first = next((m for m in found if m.speaker != ""), found[0])
        m0, m1 = min(m.start for m in found), max(m.end for m in found)
        after = _trim(text, m1, s1, after=True)
        before = _trim(text, s0, m0, after=False)
        n_after, n_before = _words(text[after[0] : after[1]]), _words(text[before[0] : before[1]])
        q0, q1 = after if n_after >= 3 or n_after >= n_before else before
        if q1 <= q0 or not _words(text[q0:q1]):
            continue
        name, sp0, sp1 = _speaker_of(first)
        rows.append(dict(start=min(q0, m0), end=max(q1, m1), quote_start=q0, quote_end=q1,
                         kind="reported", speaker=name, speaker_start=sp0, speaker_end=sp1,
                         cue=first.cue, words=_words(text[q0:q1])))  # fmt: skip
    return rows


def _trim(text: str, start: int, end: int, after: bool) -> tuple[int, int]:
    """``[start, end)`` without edge spaces and punctuation (and a leading "that")."""
    piece = text[start:end]
    lead = re.match(r"[\s,;:—–-]*(?:that\b\s*)?" if after else r"[\s,;:—–-]*", piece)
    trail = re.search(r"[\s,;:.!?—–-]*$", piece)
    q0, q1 = start + lead.end(), start + trail.start()
    return (q0, q1) if q1 > q0 else (start, start)


def find_quotations(text_or_source: Source | str) -> pd.DataFrame:
    """Every voice in a text: quotations in marks and reported speech, with their speakers.

    One row per voice, sorted by ``start``. Columns: ``start``, ``end`` (the whole voice,
    quotation and attribution), ``quote_start``, ``quote_end`` (the words spoken:
    ``text[quote_start:quote_end]``, inside the marks), ``kind`` (``direct``, ``reported`` or
    ``scare``, see :data:`KINDS`), ``speaker`` (as the text names them: a name, a description,
    a pronoun; '' if none was found), ``speaker_start``, ``speaker_end`` (its span; -1 if none),
    ``cue`` (the attribution cue, ``continued`` for a speaker carried over from a neighbouring
    quotation, '' if none) and ``words`` (number of words spoken). The rules are in the module
    notes.

    >>> text = "“It is over,” Lavrov said. Kofman said that talks failed. A “moderate” man."
    >>> table = find_quotations(text)
    >>> table[["kind", "speaker", "cue", "words"]].values.tolist()
    [['direct', 'Lavrov', 'said', 3], ['reported', 'Kofman', 'said', 2], ['scare', '', '', 1]]
    >>> [text[q0:q1] for q0, q1 in zip(table["quote_start"], table["quote_end"])]
    ['It is over,', 'talks failed', 'moderate']
    """
    return _quotation_table(_analyse(text_of(text_or_source, "find_quotations"))[1])


def _quotation_table(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=QUOTATION_COLUMNS)
    if rows:
        return table
    ints = ["start", "end", "quote_start", "quote_end", "speaker_start", "speaker_end", "words"]
    return table.astype(dict.fromkeys(ints, "int64"))


# ------------------------------------------------------------------------------ voices


def _top_parent(gazetteer: Gazetteer, actor_id: str) -> str:
    seen = {actor_id}
    while (parent := gazetteer.parent_of(actor_id)) and parent not in seen and parent in gazetteer:
        seen.add(parent)
        actor_id = parent
    return actor_id


def _is_named(speaker: str, actor_id: str) -> bool:
    words = speaker.split()
    if not words or words[-1].lower().strip(",.") in _GROUP_WORDS:
        return False
    if actor_id:
        return True
    return words[0].lower() not in _ANONYMOUS_HEADS and words[0][:1].isupper()


class _Actors:
    """Which actor a speaker names: the first person, else the last actor (the first with "of")."""

    def __init__(self, gazetteer: Gazetteer):
        self.g = gazetteer
        self.kind = dict(zip(gazetteer.table["actor_id"], gazetteer.table["kind"], strict=True))
        self._named: dict[str, str] = {}  # speaker -> actor_id, as speakers repeat

    def of(self, text: str) -> str:
        if text not in self._named:
            self._named[text] = self._find(text)
        return self._named[text]

    def _find(self, text: str) -> str:
        found = find_mentions(text, self.g)["actor_id"].tolist() if text else []
        if not found:
            return ""
        persons = [a for a in found if self.kind.get(a) == "person"]
        if persons:
            return persons[0]
        # the head of "State news agency SANA" comes last, of "head of the Duma" first
        return str(found[0 if re.search(r"\bof\b", text) else -1])

    def candidates(self, a: _Analysis, start: int, end: int, persons_only: bool) -> list:
        """(position, name, actor_id) of who could be meant, outside quotation marks."""
        out = []
        piece = a.text[start:end]
        for m in find_mentions(piece, self.g).itertuples():
            if a.inside_quote(start + m.start):
                continue
            if not persons_only or self.kind.get(m.actor_id) == "person":
                out.append((start + m.start, m.surface, m.actor_id))
        for r in a.markers_in(start, end):
            if r.speaker and r.speaker.lower() not in PRONOUNS:
                out.append((r.start, r.speaker, self.of(r.speaker)))
        return sorted(out, key=lambda c: c[0])


def voices(source: Source | str | Iterable[Source], gazetteer: Gazetteer | None = None):
    """The voices of a source (:func:`find_quotations` without scare quotes), with who they are.

    Columns: those of :func:`find_quotations`, then ``resolved`` (the speaker's name after
    resolving a pronoun; '' if unknown), ``actor_id`` (the gazetteer actor the speaker names:
    the first person mentioned in the speaker span, else the last actor -- the first if the
    speaker holds "of" (head of …) -- by :func:`helpers.actors.find_mentions`; '' if none),
    ``affiliation`` (the top of the actor's parent chain: kofman → wilson-center, putin →
    russia; the actor itself if it has no parent; '' if no actor), ``named`` (bool), ``segment``
    (the page part where the voice starts, from :func:`helpers.segments.segment`) and
    ``source_id``. A list of sources gives all their voices in one table.

    *Pronoun rule* (he, she, they…): the pronoun stands for the first candidate found in (1)
    the voice's own sentence before the pronoun, else (2) the sentence before, else (3) the
    last named speaker of an earlier voice in the same source. Candidates are gazetteer
    mentions outside quotation marks (persons only for he/she/I) and the named speakers of
    attribution markers. *Named*: False for a description ("a Russian official", "activists",
    "one Syrian in Paris": it starts with a/the/one… or ends in a group word such as
    officials) and for an unknown speaker; True for a gazetteer actor or a capitalised proper
    name; a pronoun is as named as what it resolves to.

    >>> text = "Jan Techau spoke. “They will let him go,” he says. Officials said it failed."
    >>> v = voices(Source.from_text(text, source_id="t"))
    >>> v[["speaker", "resolved", "actor_id", "affiliation", "named"]].values.tolist()
    [['he', 'Jan Techau', 'techau', 'carnegie-europe', True], \
['Officials', 'Officials', '', '', False]]
    """
    if gazetteer is None:
        gazetteer = default_gazetteer()
    elif not isinstance(gazetteer, Gazetteer):
        raise TypeError(f"gazetteer: expected a Gazetteer, got {type(gazetteer).__name__}")
    actors = _Actors(gazetteer)
    rows: list[tuple] = []
    shapes = set()  # (any quotation, any voice) per source
    for one in _each_source(source):
        quoted, found = _source_voices(one, actors)
        shapes.add((quoted, bool(found)))
        rows += found
    return _voice_table(rows, shapes or {(False, False)})


def _each_source(source: object) -> Iterator[Source | str]:
    if isinstance(source, (Source, str)):
        yield source
    elif isinstance(source, Iterable):
        for one in source:
            yield from _each_source(one)
    else:
        raise TypeError(f"voices: expected a Source or a str, got {type(source).__name__}")


def _source_voices(source: Source | str, actors: _Actors) -> tuple[bool, list[tuple]]:
    """Whether the source has quotations (scare quotes too), and the rows of its voices."""
    text = text_of(source, "voices")
    source_id = source.id if isinstance(source, Source) else "text"
    a, quotations = _analyse(text)
    rows = [row for row in quotations if row["kind"] != "scare"]
    if not rows:
        return bool(quotations), []
    parts = segment_parts(source)
    part_starts, part_kinds = [p.start for p in parts], [p.kind for p in parts]
    out = []
    last: tuple[str, str] | None = None
    for row in rows:
        speaker = row["speaker"]
        if speaker.lower() in PRONOUNS:
            name, actor = _resolve(a, actors, row, last)
            is_named = bool(name) and _is_named(name, actor)
        else:
            name, actor = speaker, actors.of(speaker)
            is_named = _is_named(speaker, actor)
        if is_named:
            last = (name, actor)
        affiliation = _top_parent(actors.g, actor) if actor else ""
        where = max(bisect_right(part_starts, row["start"]) - 1, 0)
        part = str(part_kinds[where]) if part_kinds else ""
        quotation = tuple(row[c] for c in QUOTATION_COLUMNS)
        out.append((*quotation, name, actor, affiliation, is_named, part, source_id))
    return True, out


def _voice_table(rows: list[tuple], shapes: set[tuple[bool, bool]]) -> pd.DataFrame:
    """The voices table, its column types as pandas gives the per-source tables concatenated.

    A source without quotations has untyped (object) quotation text columns, one without
    voices has float voice text columns; mixed with typed (str) columns, both give object.
    """
    quote_type = _common({"str" if quoted else object for quoted, _ in shapes})
    voice_type = _common({"str" if voiced else "float64" for _, voiced in shapes})
    ints = ["start", "end", "quote_start", "quote_end", "speaker_start", "speaker_end", "words"]
    types = {
        **dict.fromkeys(ints, "int64"),
        **dict.fromkeys(["kind", "speaker", "cue"], quote_type),
        **dict.fromkeys(["resolved", "actor_id", "affiliation"], voice_type),
        "named": bool, "segment": "str", "source_id": "str",
    }  # fmt: skip
    table = pd.DataFrame(rows, columns=VOICE_COLUMNS)
    retype = {c: t for c, t in types.items() if table[c].dtype != t}  # astype copies: only these
    return table.astype(retype) if retype else table


def _common(types: set) -> object:
    """The one column type of all tables, else object (as pandas concatenates them)."""
    return next(iter(types)) if len(types) == 1 else object


def _resolve(a: _Analysis, actors: _Actors, row: dict, last: tuple[str, str] | None):
    """The pronoun rule of :func:`voices`: (name, actor_id) or ('', '')."""
    persons = row["speaker"].lower() in _PERSON_PRONOUNS
    s0, _ = a.sentence(row["start"])
    for lo, hi in ((s0, row["speaker_start"]), (a.sentence(max(s0 - 1, 0))[0], s0)):
        if hi > lo:
            found = actors.candidates(a, lo, hi, persons)
            if found:
                return found[0][1], found[0][2]
    return last if last else ("", "")


# ------------------------------------------------------------------------------ tables


def _check_voices(frame: pd.DataFrame, by: Sequence[str], role: str) -> list[str]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{role}: expected a voices table (DataFrame), got {type(frame).__name__}")
    by = [by] if isinstance(by, str) else list(by)
    need = ["kind", "speaker", "words", *by]
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise ValueError(f"{role}: the voices table has no column(s) {', '.join(missing)}")
    return by


def who_speaks(
    voices_frame: pd.DataFrame,
    by: Sequence[str] = ("source_id", "segment"),
    gazetteer: Gazetteer | None = None,
):
    """Who gets to speak: per group and speaker, how many voices and how many words.

    The speaker is the gazetteer actor where known (shown by its gazetteer name), else the
    resolved speaker as written, else ``(unattributed)``. Columns: the ``by`` columns,
    ``speaker``, ``actor_id``, ``affiliation``, ``named``, ``voices``, ``words`` and ``share``
    (of the group's words, 0–1); sorted by group, then most words first. Scare quotes never
    count.

    >>> v = voices(Source.from_text("“Yes, we will,” Lavrov said. “No,” he added.", "s"))
    >>> who_speaks(v, by=["source_id"])[["speaker", "voices", "words", "share"]].values.tolist()
    [['Sergey Lavrov', 2, 4, 1.0]]
    """
    by = _check_voices(voices_frame, by, "who_speaks")
    gazetteer = default_gazetteer() if gazetteer is None else gazetteer
    frame = voices_frame[voices_frame["kind"].isin(["direct", "reported"])].copy()
    for column, default in (("resolved", None), ("actor_id", ""), ("affiliation", ""),
                            ("named", False)):  # fmt: skip
        if column not in frame.columns:
            frame[column] = frame["speaker"] if default is None else default
    frame["key"] = [
        f"actor:{a}" if a else (f"name:{r}" if r else "(unattributed)")
        for a, r in zip(frame["actor_id"], frame["resolved"], strict=True)
    ]
    rows = []
    keys = [*by, "key"]
    for group, g in frame.groupby(keys, sort=False, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        actor = g["actor_id"].iloc[0]
        named_names = g.loc[g["named"].astype(bool), "resolved"]
        label = (named_names.iloc[0] if len(named_names) else g["resolved"].iloc[0]) or (
            "(unattributed)"
        )
        if actor and actor in gazetteer:
            label = gazetteer.name_of(actor)
        rows.append(
            (
                *group[:-1],
                label,
                g["actor_id"].iloc[0],
                g["affiliation"].iloc[0],
                bool(g["named"].astype(bool).any()),
                len(g),
                int(g["words"].sum()),
            )
        )
    columns = [*by, "speaker", "actor_id", "affiliation", "named", "voices", "words"]
    out = pd.DataFrame(rows, columns=columns).astype({"voices": "int64", "words": "int64"})
    total = out.groupby(by, sort=False)["words"].transform("sum") if by else out["words"].sum()
    out["share"] = (out["words"] / np.maximum(total, 1)).round(3)
    out = out.sort_values([*by, "words", "voices", "speaker"], ascending=[True] * len(by) + [
        False, False, True]).reset_index(drop=True)  # fmt: skip
    return out


def voice_summary(voices_frame: pd.DataFrame, by: Sequence[str] = ("source_id",)):
    """Named against anonymous voices per group: counts and words.

    Columns: the ``by`` columns, ``voices``, ``words``, ``named_voices``, ``named_words``,
    ``anonymous_voices``, ``anonymous_words`` (described or unknown speakers: named is False)
    and, of those, ``unattributed_voices``/``unattributed_words`` (no speaker found at all).
    Scare quotes never count.

    >>> v = voices(Source.from_text("“Yes,” Lavrov said. Officials said it was over.", "s"))
    >>> voice_summary(v)[["voices", "named_voices", "anonymous_words"]].values.tolist()
    [[2, 1, 3]]
    """
    by = _check_voices(voices_frame, by, "voice_summary")
    frame = voices_frame[voices_frame["kind"].isin(["direct", "reported"])].copy()
    named = frame["named"].astype(bool) if "named" in frame.columns else False
    frame["voices"] = 1
    frame["named_voices"] = named.astype("int64") if "named" in frame.columns else 0
    frame["named_words"] = frame["words"] * frame["named_voices"]
    frame["anonymous_voices"] = 1 - frame["named_voices"]
    frame["anonymous_words"] = frame["words"] - frame["named_words"]
    who = frame["resolved"] if "resolved" in frame.columns else frame["speaker"]
    frame["unattributed_voices"] = (who == "").astype("int64")
    frame["unattributed_words"] = frame["words"] * frame["unattributed_voices"]
    counts = ["voices", "words", "named_voices", "named_words", "anonymous_voices",
              "anonymous_words", "unattributed_voices", "unattributed_words"]  # fmt: skip
    if not by:
        return frame[counts].sum().to_frame().T.astype("int64")
    out = frame.groupby(by, sort=True)[counts].sum().reset_index()
    return out.astype(dict.fromkeys(counts, "int64"))


# --------------------------------------------------------------------------- attention and tone


def attention_share(counts: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Each actor's share of a source's mentions: counts (actors × sources) divided by column sums.

    ``counts`` is :func:`helpers.actors.mention_counts` output; ``top`` keeps the actors with the
    most mentions overall.

    >>> shares = attention_share(pd.DataFrame({"a": [3, 1], "b": [0, 2]}, index=["x", "y"]))
    >>> shares["a"].tolist(), shares["b"].tolist()
    ([0.75, 0.25], [0.0, 1.0])
    """
    totals = counts.sum(axis=0).replace(0, 1)
    shares = counts.div(totals, axis=1)
    if top is not None:
        shares = shares.loc[
            counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
        ]
    return shares.round(3)


def relation_tone(relations: pd.DataFrame, actors: list[str] | None = None) -> pd.DataFrame:
    """How each source portrays each actor's relations: (friendly − hostile) / stated relations.

    Read from ``data/relations.csv`` (what each source *states* about who cooperates with or
    opposes whom), not from a sentiment lexicon: +1 means every relation the source states for
    the actor is cooperative, −1 every one hostile, 0 balanced or neutral; NaN where the source
    states none. Columns are sources, rows actors (as subject or object).

    >>> rel = pd.DataFrame({"source_id": ["s", "s"], "subject": ["a", "a"],
    ...                     "object": ["b", "c"], "sign": [1, -1]})
    >>> relation_tone(rel).loc["a", "s"], relation_tone(rel).loc["b", "s"]
    (np.float64(0.0), np.float64(1.0))
    """
    sides = pd.concat(
        [
            relations[["source_id", "subject", "sign"]].rename(columns={"subject": "actor"}),
            relations[["source_id", "object", "sign"]].rename(columns={"object": "actor"}),
        ]
    )
    if actors is not None:
        sides = sides[sides["actor"].isin(actors)]
    tone = sides.groupby(["actor", "source_id"])["sign"].mean().unstack("source_id")
    tone.index.name, tone.columns.name = "actor", None
    if actors is not None:
        tone = tone.reindex([a for a in actors if a in tone.index])
    return tone.round(2)
