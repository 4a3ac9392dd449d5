"""Quotations and reported speech: every voice in a text, its speaker and its relays.

:func:`find_quotations` finds every *voice* in a text -- words in quotation marks (``direct``)
and speech reported without them (``reported``: "X said that …", "according to X, …") -- with
its speaker as the text names it and the relay chain (``relay``: who passed the words on).
:func:`helpers.perspectives.voices` adds who the speakers are.

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
   paragraphs, attributed once at the end). Only white space and punctuation may stand
   between ("“…,” Peskov said.\n\n“So it is …”": the second paragraph goes on with Peskov).

The speaker is the marker's ``speaker``; where the marker names only a ``channel`` ("…”,
reports NYT") the channel is the voice the text lets speak. No speaker: ``speaker == ''``; a
quotation whose attribution is cut off ("“…,” the" at the end of a page) gets none: no
speaker is ever guessed.

**Scare quotes** are kept and marked ``kind == "scare"``: a quotation of at most three words
whose speaker was not found by rules 1--4 (the label “moderate” rebels). **Fragments**
(``kind == "fragment"``): a quotation of at most three words found only by rule 4, inside
reported speech ("Putin says the refusal has been “an enormous mistake.”"): the reported
voice of the sentence holds it. Neither is a voice: :func:`helpers.perspectives.voices` drops
them, :func:`helpers.perspectives.who_speaks` never counts them.

Reported speech
---------------
Every sentence (outside quotation marks) holding attribution markers that no direct quotation
used gives one ``reported`` voice per marker that names a speaker ("Inside Homs, where Russia
said it extended a truce, rebels said the army shelled their posts": two voices); markers
that name only a channel are the voice's relays, or, with no speaker in the sentence, the
voice itself. The words spoken are those after the marker (a leading "that" dropped; up to
the next speaker's marker) if they have three words or more or at least as many as those
before it, else the words before ("…, according to X."). The words before win, too, when the
words after only say when ("…, X said on Sunday.") or start an aside ("…, both sides said, as
the army …"; "…, said the Observatory, which relies on …"). A passive report without a speaker
("The convoy is reported to have turned back", "It is believed that …") is a voice with no
speaker: the whole sentence. "This was announced on Monday by X" gives X the sentence before.
A sentence whose markers serve a direct quotation gives no reported voice, so no word is
counted twice.

Transcripts
-----------
A line that starts with a speaker label ("SECRETARY KERRY:", "MR. TONER:", "Q:") opens that
speaker's turn, which runs to the next label: one ``direct`` voice (cue ``label``), the label
title-cased as the speaker. Every other voice inside a turn is dropped (it is the speaker's
own speech). A label must be a title and a name or a known label word: "MOSCOW:" is a dateline.

Relays
------
``relay`` names who passed the words on, joined by "; ": the channel of the speaker's own
marker ("X told Reuters", "X, quoted by Interfax", "according to military sources in Moscow
cited by Interfax", "The Washington Post quoted X as saying") and of every channel-only marker
in the same sentence ("…, according to a Guards statement, the IRNA news agency reported").
A listener who is no outlet ("X told a U.N. envoy", "X told Secretary Kerry") hears the words
but does not pass them on to the reader: no relay.

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
from collections.abc import Iterable

import pandas as pd

from helpers.attribution import Marker, attribution_markers, is_outlet
from helpers.corpus import Source, text_of
from helpers.lexicon import REPORTING_VERBS, TITLES, alternation
from helpers.sentences import sentence_cuts

__all__ = [
    "KINDS",
    "PRONOUNS",
    "QUOTATION_COLUMNS",
    "Analysis",
    "analyse",
    "find_quotations",
    "is_pronoun",
]

QUOTATION_COLUMNS = [
    "start", "end", "quote_start", "quote_end", "kind", "speaker", "speaker_start",
    "speaker_end", "cue", "words", "relay",
]  # fmt: skip
KINDS = ("direct", "reported", "scare", "fragment")
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"})
_OPENERS = {"“": "”", "«": "»", '"': '"'}
_MARKS = re.compile(r"[“”«»\"]")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPEECH = alternation(REPORTING_VERBS)
_DESCRIPTION_AFTER = re.compile(
    rf"[,—]?[^\S\n]*(?:{_SPEECH})[^\S\n]+(?P<speaker>(?:an?|the|one|two|three|several|some"
    rf"|many|another)[^\S\n]+[^,.;:!?“”\"()\n]{{1,60}}?)(?=[,.;:!?)]|[^\S\n]*$)"
)
_ONLY_PUNCTUATION = " \t\r\n.,;:—–-"
#: Words after a verb that only say when or where it was said ("on Sunday", "late on Friday").
_ONLY_WHEN = re.compile(
    r"(?:(?:late|early|earlier|later)\s+)?(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Z][a-z]{2,8})|(?:last|this)\s+(?:week|month|year|night)|yesterday|today|tonight"
    r"|overnight|earlier|later)(?:\s+(?:morning|afternoon|evening|night))?"
)
_RELATIVE = re.compile(r"\s*(?:which|who|whose)\b")
#: A sentence that points back at the one before: "This was announced by X".
_POINTER = re.compile(r"(?i:this|that|it|these|those)")
#: A transcript's speaker label at the start of a line: "SECRETARY KERRY:", "MR. TONER:".
_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Z.'’\-]*(?:[ \t][A-Z][A-Z.'’\-]*){0,3}):[ \t]+(?=\S)", re.M
)
_LABEL_WORDS = frozenset({"Q", "A", "QUESTION", "MODERATOR", "ANSWER"})
_LABEL_TITLES = frozenset(TITLES)
_GAP_AFTER = re.compile(r"[^\S\n]*(?:[,.;:—–-][^\S\n]*){0,2}")
_GAP_BEFORE = re.compile(r"[,:;—–-]?\s*(?:that\s+)?")


def is_pronoun(speaker: str) -> bool:
    """A pronoun speaker ("he", "We"), not an acronym that spells one ("US").

    >>> is_pronoun("He"), is_pronoun("US"), is_pronoun("I")
    (True, False, True)
    """
    return speaker.lower() in PRONOUNS and not (len(speaker) > 1 and speaker.isupper())


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


class Analysis:
    """A text's quotations, sentences and attribution markers (outside quotation marks)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes = _quote_spans(text)
        self._opens = [q[0] for q in self.quotes]
        self.bounds = self._sentence_bounds()
        self.markers = [
            m
            for m in attribution_markers(text)
            if not self.inside_quote(m.start)
            and (m.speaker != "" or m.channel != "" or m.cue == "passive")
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


def _speaker_of(marker: Marker, text: str) -> tuple[str, int, int]:
    """(speaker, start, end) of a marker: its speaker, else the channel it names."""
    name = marker.speaker or marker.channel
    if not name:
        return "", -1, -1  # a passive report: "it is believed that …"
    at = marker.marker.find(name) if marker.speaker else marker.marker.rfind(name)
    if at < 0:  # a participle's subject stands before it: "X defended it, saying"
        start = text.rfind(name, max(0, marker.start - 300), marker.start)
        return (name, start, start + len(name)) if start >= 0 else (name, -1, -1)
    start = marker.start + at
    return name, start, start + len(name)


def _relays(a: Analysis, speaker: Marker, others: Iterable[Marker]) -> str:
    """Who passed the words on: the speaker marker's channel ("X told Reuters", "X, quoted by
    Interfax"; a listener who is no outlet, "X told Secretary Kerry", is not one) and the
    channel of every channel-only marker beside it ("…, IRNA reported"), joined by "; ". A
    channel that is itself the speaker is no relay."""
    found = [speaker.channel] if speaker.speaker and speaker.channel else []
    if speaker.cue == "told" and not is_outlet(speaker.channel):
        found = []  # "X told Secretary Kerry": a listener, not a channel to the reader
    found += [m.channel for m in others if m is not speaker and m.channel and not m.speaker]
    return "; ".join(dict.fromkeys(found))


def _direct_speaker(a: Analysis, q: tuple[int, int, int, int]) -> tuple[str, Marker | None]:
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


def analyse(text: str) -> tuple[Analysis, list[dict]]:
    """The analysis of ``text`` and its voices as rows of :func:`find_quotations`, in order."""
    a = Analysis(text)
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
            relay="",
        )
        rule, marker = _direct_speaker(a, q)
        if marker is not None and rule == "sentence" and row["words"] <= 3:
            row["kind"] = "fragment"  # “an enormous mistake” inside reported speech
        elif marker is not None:
            name, s0, s1 = _speaker_of(marker, text)
            row.update(speaker=name, speaker_start=s0, speaker_end=s1, cue=marker.cue)
            row["relay"] = _relays(a, marker, a.markers_in(*a.sentence(marker.start)))
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
    turns = _transcript_turns(text)
    if turns:
        starts = [t["start"] for t in turns]
        rows = [r for r in rows if not _in_turn(r["start"], starts, turns)] + turns
    rows.sort(key=lambda row: (row["start"], row["quote_start"]))
    return a, rows


def _in_turn(at: int, starts: list[int], turns: list[dict]) -> bool:
    i = bisect_right(starts, at) - 1
    return i >= 0 and at < turns[i]["end"]


def _transcript_turns(text: str) -> list[dict]:
    """A transcript's turns: from a speaker label ("SECRETARY KERRY:") to the next one."""
    labels = [m for m in _LABEL.finditer(text) if _is_speaker_label(m.group("label"))]
    turns = []
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        q0, q1 = m.end(), m.end() + len(text[m.end() : stop].rstrip())
        if not _words(text[q0:q1]):
            continue
        label = m.group("label")
        turns.append(dict(start=m.start(), end=q1, quote_start=q0, quote_end=q1, kind="direct",
                          speaker=label.title() if label.isupper() else label,
                          speaker_start=m.start("label"), speaker_end=m.end("label"),
                          cue="label", words=_words(text[q0:q1]), relay=""))  # fmt: skip
    return turns


def _is_speaker_label(label: str) -> bool:
    """A transcript label names a speaker by title: "SECRETARY KERRY", "MR. TONER", "Q"."""
    words = label.replace(".", " ").split()
    return label in _LABEL_WORDS or (len(words) >= 2 and words[0].capitalize() in _LABEL_TITLES)


def _continue_speakers(text: str, a: Analysis, rows: list[dict]) -> None:
    """Rule 5: a direct quotation without a speaker takes its neighbour's (see module notes)."""

    def take(row: dict, other: dict) -> None:
        row.update(speaker=other["speaker"], speaker_start=other["speaker_start"],
                   speaker_end=other["speaker_end"], cue="continued",
                   relay=other["relay"])  # fmt: skip

    for k, row in enumerate(rows):  # backwards: the quotation before (chains run forwards)
        if row["kind"] != "direct" or row["speaker"] or k == 0:
            continue
        prev = rows[k - 1]
        if prev["kind"] != "direct" or not prev["speaker"]:
            continue
        between = text[prev["end"] : row["start"]]
        same_paragraph = _paragraph_end(text, prev["end"], row["start"]) is None
        if not between.strip(_ONLY_PUNCTUATION) or (
            same_paragraph and not a.markers_in(prev["end"], row["start"])
        ):
            take(row, prev)  # '“…,” Peskov said.\n\n“So it is …”': the same speaker goes on
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


def _reported(a: Analysis, used: set[tuple[int, int]]) -> list[dict]:
    """The reported voices of every sentence whose markers no direct quotation used.

    One voice per marker that names a speaker; markers naming only a channel are its relays
    (or, with no speaker in the sentence, the voice). Each voice takes the words after its
    marker (up to the next speaker's marker) or, if those are fewer or only say when ("on
    Sunday"), the words before it. "This was announced by X" gives X the sentence before.
    """
    text, rows = a.text, []
    by_sentence: dict[tuple[int, int], list[Marker]] = {}
    for marker in a.markers:
        by_sentence.setdefault(a.sentence(marker.start), []).append(marker)
    for (s0, s1), found in by_sentence.items():
        if (s0, s1) in used:
            continue
        speakers = [m for m in found if m.speaker]
        if speakers:  # a passive report beside a speaker is part of the words
            found = [m for m in found if m.speaker or m.channel]
        else:  # channels only ("…, Reuters reported") or a passive report
            speakers = [next((m for m in found if m.channel), found[0])]
        for k, marker in enumerate(speakers):
            if k == 0:  # the first voice: the text around all the sentence's markers
                lo = s0
                m0 = min(m.start for m in found) if len(speakers) == 1 else marker.start
            else:
                lo, m0 = speakers[k - 1].end, marker.start
            if k + 1 < len(speakers):
                m1, hi = marker.end, speakers[k + 1].start
            else:
                m1, hi = max(m.end for m in found if m.start >= marker.start), s1
            after, before = _trim(text, m1, hi, after=True), _trim(text, lo, m0, after=False)
            n_after, n_before = _words(text[slice(*after)]), _words(text[slice(*before)])
            if k and n_after < 3:
                continue  # a second marker for the same words ("…, X said, citing Y")
            when = _ONLY_WHEN.match(text, after[0], after[1])
            rest = text[when.end() if when else after[0] : after[1]]
            # "…, X said on Sunday." or "…, X said, as the government …": the words come before
            aside = not rest.strip() or (text[m1 : after[0]] + rest).lstrip()[:1] == ","
            aside = aside or bool(_RELATIVE.match(rest))  # "…, said X which relies on …"
            if n_before < 3:
                aside = aside and not rest.strip()
            q0, q1 = after if (n_after >= 3 or n_after >= n_before) and not aside else before
            start = min(q0, m0)
            if marker.cue == "passive" and not marker.speaker:  # "X is reported to have …"
                q0, q1 = _trim(text, s0, s1, after=False)
                start = q0
            elif _POINTER.fullmatch(text, q0, q1) and s0 > 0:  # "This was announced by X"
                q0, q1 = _previous_sentence(a, s0)
                start = q0
            if q1 <= q0 or not _words(text[q0:q1]):
                continue
            name, sp0, sp1 = _speaker_of(marker, text)
            relay = _relays(a, marker, found if len(speakers) == 1 else [])
            rows.append(dict(start=start, end=max(q1, m1), quote_start=q0, quote_end=q1,
                             kind="reported", speaker=name, speaker_start=sp0, speaker_end=sp1,
                             cue=marker.cue, words=_words(text[q0:q1]), relay=relay))  # fmt: skip
    return rows


def _previous_sentence(a: Analysis, start: int) -> tuple[int, int]:
    """The words of the last sentence with words before ``start`` (trimmed)."""
    q0 = q1 = start
    while q1 <= q0 and start > 0:
        start = a.sentence(start - 1)[0]
        q0, q1 = _trim(a.text, start, a.sentence(start)[1], after=False)
    return q0, q1


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
    return _quotation_table(analyse(text_of(text_or_source, "find_quotations"))[1])


def _quotation_table(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=QUOTATION_COLUMNS)
    if rows:
        return table
    ints = ["start", "end", "quote_start", "quote_end", "speaker_start", "speaker_end", "words"]
    return table.astype(dict.fromkeys(ints, "int64"))
