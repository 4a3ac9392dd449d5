"""Reliability signals: observable features of a page that inform a reader's judgement.

:func:`reliability_signals` reads one source and returns a :class:`SignalRecord`: for each signal
in :data:`SIGNALS`, whether it is present, how often, the spans ``(start, end)`` into
``source.text`` that show it, and a short ``detail``. The signals are evidence to look at, never a
verdict: nothing here adds them up, weights them or says "reliable". A wire story full of
anonymous officials can be accurate; a page with a byline and named experts can be wrong.

Where the signals are looked for. The page is first split with :func:`helpers.segments.segment`.
Signals about the writing (attributions, quotes, hedges, opinion, citations, aggregator glitches)
are read in the article's own parts only -- headline, standfirst, byline, dateline, subheadings,
body and captions -- never in reader comments, sidebars or site chrome. Parts that repeat another
part (a doubled caption) and pull quotes (which repeat the body) are skipped so nothing is counted
twice. Reader comments get their own signal. If the segmenter misreads the page (say, takes an
article's nested list for a comment thread), these signals inherit the mistake.

The rules, and their limits:

- ``byline``: a byline part, a "By Name" line in the article, or an author bio after it. Does not
  check that the name is a real person; an author bio alone (opinion pages) counts, and says so.
- ``date``: a date (21/7/2016, 2016-07-21, 21 July 2016, July 21, 2016, Nov. 3) in the byline,
  dateline, headline or standfirst. Dates only in the body or captions are mentioned in the detail
  but not counted: they date events, not the page. Weekdays ("on Sunday") are not dates.
- ``outlet_named``: the page names its own outlet: a wire dateline "BEIRUT (X) -",
  "editorial policy of X", "X reporter /
  correspondent / columnist", "told X", "explained to X", "in an interview with X". "told X" only
  counts when X also appears elsewhere on the page (a masthead, the chrome, a bio), because an
  aggregator copying "told Reuters" names someone else's outlet. A page whose only self-reference
  is a logo or domain name (not in the text) shows nothing.
- ``named_attribution`` / ``anonymous_attribution``: a speech or view verb (said, says, told,
  added, explained, believes, concluded, warned, likens…) whose subject is a capitalised name
  (with an optional title, "of …" phrase or appositive: "Neil Hauer, an analyst with …, told"),
  "says Angela Stent" after a quote, or "according to Name". Anonymous: a group or unnamed person
  ("officials said", "a senior official said", "what activists said", "says one Syrian in Paris",
  "a diplomat who asked not to be named"), fixed phrases ("on condition of anonymity", "it was
  suggested", "it is believed"). Pronouns ("he says") are not counted but are used to find quote
  speakers. Names of states and capitals ("Moscow said") count as named, and the detail marks
  them as institutions when they are in a short list (:data:`helpers.speakers.INSTITUTION_WORDS`); a
  sentence-initial capitalised word before "said" can be misread as a name.
- ``direct_quote``: text in curly or straight double quotes of four words or more (shorter ones
  are scare quotes or titles; the detail counts them). A quote left open at the end of a
  paragraph (multi-paragraph quote) counts. The speaker is the attribution within 150 characters
  after or before the quote; "he/she" resolves to the last named speaker. Single quotes are
  ignored (apostrophes make them ambiguous).
- ``citation``: bracketed reference markers ([12]), "according to" + a named source, link parts
  (READ:/MORE:/Related:/See also, reference debris), and URLs. A marker is not a source you can
  follow: a scraped [12] points nowhere.
- ``hedge``: a short lexicon (:data:`HEDGES`): reportedly, allegedly, apparently, may/might/could
  have, seems, appears to, suggested, likely, perhaps, it is believed… The detail says how many
  are inside direct quotes (the speaker's hedge, not the writer's).
- ``opinion_marker``: outside direct quotes, first-person voice (I, we, us, our, my), prescriptive
  modals (must, should, ought to), a small list of evaluative words (:data:`EVALUATIVE`), and a
  disclaimer ("The views expressed … belong to the author"). Modals also occur in plain reports
  ("the deal should hold"), so a few are normal; many, with "I"/"we", mark a comment piece.
- ``reader_comments``: the number of comment parts on this article (not comments on other
  stories in a sidebar, which the detail mentions).
- ``surname_without_introduction``: a single capitalised name as the subject of said/added/told/
  made the comments… that the article never introduced earlier with a first name or title
  ("Cameron made the comments Sunday" with no David Cameron before). Text lifted from a longer
  story keeps such references. Very famous people ("Trump said") and names introduced only in a
  photo credit are flagged too; states and capitals are not.
- ``dangling_reference``: a definite phrase pointing back to something never introduced: "the
  comments", "the new developments", "the other challenge", "the move"… (:data:`DANGLING_NOUNS`)
  when that noun has not appeared earlier in the article and no "of/by/that…" phrase follows it,
  plus every ``surname_without_introduction`` hit. Lexicon-bound: other dangling phrases are
  missed.
- ``stray_outlet_attribution``: an attribution to another outlet with no link or date:
  "…”, reports NYT", "The Guardianreports that", "Reuters reports that" (names in
  :data:`OUTLETS`, or any name glued to "reports").
- ``truncated``: the page's last part is article text (body, caption, standfirst) that stops
  without a sentence end ("…the Ir"); the span is the unfinished sentence. A page that ends
  with chrome or links after a cut paragraph is not seen as cut.
- ``missing_space_after_sentence``: a sentence end glued to the next word ("end.Next",
  "U.S.is"), a word glued to "reports/said/says" ("Guardianreports"), or a short function word
  glued to a capitalised word ("ForTerror"). Tokens with "www", "http", "@" or "/" are skipped;
  brand names such as "InDesign" are a possible false positive, names like "McDonald",
  "SecDev" or "YouTube" are not flagged.

Running time is linear in the length of the page: every pattern is compiled once and applied
part by part; look-backs are limited to 200 characters.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from helpers.corpus import Source
from helpers.lexicon import TITLES
from helpers.segments import Part, segment_parts
from helpers.sentences import sentence_cuts
from helpers.speakers import (
    ACCORDING_TO,
    STOP_WORDS,
    Speaker,
    find_speakers,
    introductions,
    is_bare_name,
)

__all__ = [
    "FINDERS",
    "SIGNALS",
    "Page",
    "Signal",
    "SignalRecord",
    "find_anonymous_attribution",
    "find_byline",
    "find_citation",
    "find_dangling_reference",
    "find_date",
    "find_direct_quote",
    "find_hedge",
    "find_missing_space_after_sentence",
    "find_named_attribution",
    "find_opinion_marker",
    "find_outlet_named",
    "find_reader_comments",
    "find_stray_outlet_attribution",
    "find_surname_without_introduction",
    "find_truncation",
    "reliability_signals",
]

SIGNALS = (
    ("byline", "the page says who wrote it (byline, 'By Name' line, or author bio)"),
    ("date", "a date in the byline, dateline, headline or standfirst"),
    (
        "outlet_named",
        "the page names its own outlet ('told Rudaw English', 'editorial policy of …')",
    ),
    ("named_attribution", "statements attributed to a named person or body ('Kofman said')"),
    ("anonymous_attribution", "statements attributed to unnamed people ('officials said')"),
    ("direct_quote", "quoted passages of four words or more; speakers in the detail"),
    ("citation", "reference markers [n], 'according to' a named source, links, URLs"),
    ("hedge", "words that distance the writer from a claim ('reportedly', 'may have')"),
    ("opinion_marker", "first person, 'must/should', evaluative words, an opinion disclaimer"),
    ("reader_comments", "reader comments on this article (not the article itself)"),
    (
        "surname_without_introduction",
        "a bare surname speaks with no full name given earlier ('Carlin added')",
    ),
    ("dangling_reference", "refers back to something never introduced ('made the comments')"),
    ("stray_outlet_attribution", "another outlet credited with no link or date ('reports NYT')"),
    ("missing_space_after_sentence", "words glued together ('U.S.is', 'Guardianreports')"),
    ("truncated", "the page ends in mid-sentence: what you have is not the whole article"),
)
_DESCRIPTIONS = dict(SIGNALS)

# Parts whose text is the article's own writing.
WRITING_KINDS = frozenset({"headline", "standfirst", "byline", "dateline", "subheading", "body"})
ARTICLE_KINDS = WRITING_KINDS | {"caption"}
HEAD_KINDS = frozenset({"byline", "dateline", "headline", "standfirst"})

HEDGES = (
    "reportedly", "allegedly", "alleged", "purportedly", "apparently", "supposedly",
    "it is/was believed, thought, understood, suggested, claimed, said", "may/might/could have",
    "seem(s/ed)", "appear(s/ed) to", "suggest(s/ed)", "likely", "possibly", "perhaps",
    "unconfirmed",
)  # fmt: skip
EVALUATIVE = (
    "inevitable", "absurd", "shameful", "disgraceful", "outrageous", "ridiculous", "reckless",
    "misguided", "naive", "disastrous", "catastrophic", "brilliant", "cynical", "hypocritical",
    "incompetent", "barbaric", "clearly", "obviously", "undoubtedly", "of course",
)  # fmt: skip
DANGLING_NOUNS = (
    "comments", "remarks", "developments", "development", "move", "announcement", "challenge",
    "incident", "allegations", "claims",
)  # fmt: skip
OUTLETS = (
    "NYT", "New York Times", "Washington Post", "WSJ", "Wall Street Journal", "Guardian",
    "Telegraph", "Independent", "Times", "Reuters", "AP", "AFP", "Associated Press", "BBC",
    "CNN", "Fox News", "Al Jazeera", "Bloomberg", "Interfax", "TASS", "RIA Novosti", "RT",
    "Sputnik", "Politico", "NBC", "CBS", "ABC",
)  # fmt: skip


# --------------------------------------------------------------------------- patterns

_CAPITAL_WORD = re.compile(r"\b[A-Z]")
_QUOTE = re.compile(r"“([^“”\n]{1,3000})(?:”|(?=\n|$))|\"([^\"\n]{1,3000})\"")
_BRACKET = re.compile(r"\[(?:\d{1,4}|[a-z]|citation needed|note \d+)\]")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>“”\"]+")
_LINK_LINE = re.compile(r"^\s*(?:READ|MORE|Related|RELATED|See also|Source|SOURCE)\s*:", re.M)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|purportedly|apparently|supposedly|possibly|perhaps"
    r"|unconfirmed|likely|(?:may|might|could)\s+have|seem(?:s|ed)?|appear(?:s|ed)?\s+to"
    r"|suggest(?:s|ed)?|[Ii]t\s+(?:is|was|has\s+been)\s+(?:generally\s+|widely\s+)?"
    r"(?:believed|thought|understood|suggested|claimed|said))\b"
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|us|[Oo]ur|[Mm]y|I’m|I'm)\b")
_MODAL = re.compile(r"\b(?:must|should|ought to)\b")
_EVALUATIVE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in EVALUATIVE) + r")\b", re.IGNORECASE
)
_DISCLAIMER = re.compile(
    r"\b(?:[Tt]he\s+views\s+expressed|do(?:es)?\s+not\s+necessarily\s+reflect|opinions?\s+expressed)"
)
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d{2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+(?:19|20)\d{2})?)\b"
)
_BY_LINE = re.compile(
    r"^\s*(?:By|BY|Written by|Words by)\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'.\-]+)+", re.M
)
_OUTLET_NAME = r"((?:[A-Z][\w’'\-]*)(?:\s+[A-Z][\w’'\-]*){0,3})"
_OUTLET_STRONG = re.compile(
    r"\beditorial\s+(?:policy|line|stance)\s+of\s+(?:[Tt]he\s+)?"
    + _OUTLET_NAME
    + r"|\b(?:is|was|as)\s+(?:an?\s+|the\s+)?"
    + _OUTLET_NAME
    + r"\s+(?:reporter|correspondent|columnist|contributor|editor|journalist|staff writer)\b"
)
_WIRE_DATELINE = re.compile(r"\(([A-Z][\w&.' ]{1,30})\)\s*[-–—]")
_OUTLET_TOLD = re.compile(
    r"\b(?:told|explained\s+to|said\s+to|speaking\s+to|spoke\s+to|in\s+an\s+interview\s+with)\s+"
    r"(?:the\s+)?" + _OUTLET_NAME
)
_OUTLET_ALT = "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True))
_STRAY = re.compile(
    r"[,”\"]\s*,?\s*reports?\s+(?:the\s+)?(?:" + _OUTLET_ALT + r"|[A-Z][\w]+(?:\s+[A-Z]\w+){0,3})"
    r"|\b(?:The\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}reports\b"
    r"|\b(?:The\s+)?(?:" + _OUTLET_ALT + r")\s+(?:reports|reported)\s+that\b"
)
_GLUE = re.compile(
    r"\b(?:[A-Z]\.){2,}[a-z]{2,}\b"  # U.S.is
    r"|\b[a-z]{2,}[.!?][A-Z][a-z]+"  # end.Next
    r"|\b[A-Z][a-z]{2,}(?:reports|said|says|added|told)\b"  # Guardianreports
    r"|\b(?:[Ff]or|[Tt]he|[Aa]nd|[Oo]f|[Tt]o|[Ii]n|[Oo]n|[Ww]ith|[Ff]rom|[Bb]y|[Aa]t|[Ii]s|[Ww]as"
    r"|[Tt]hat|[Tt]his|[Bb]ut)[A-Z][a-z]{2,}\b"  # ForTerror
)
_DANGLING_STEMS = tuple(word[:-1] if word.endswith("s") else word for word in DANGLING_NOUNS)
_DANGLING = re.compile(
    r"\b(?:[Tt]he|[Tt]hese|[Tt]hose)\s+(?:(?:new|latest|recent|other|same)\s+)?("
    + "|".join(DANGLING_NOUNS)
    + r")\b(?!\s+(?:of|by|that|which|from|issued|made|on|in|about|to|for|between|at|with|who)\b)"
    r"(?!,)"
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Signal:
    """One observable signal: whether it is present, how often, where, and a short detail.

    >>> s = Signal("hedge", True, 1, ((4, 14),), "reportedly ×1")
    >>> s.present, s.count, s.spans[0]
    (True, 1, (4, 14))
    """

    name: str
    present: bool
    count: int
    spans: tuple[tuple[int, int], ...]
    detail: str = ""


@dataclass(frozen=True)
class SignalRecord(Mapping):
    """The signals of one source: a read-only mapping from signal name to :class:`Signal`.

    >>> rec = reliability_signals(Source.from_text("Officials said it may have failed."))
    >>> rec["anonymous_attribution"].count, rec.summary()["hedge"]
    (1, 1)
    """

    source_id: str
    text: str = field(repr=False)
    signals: Mapping[str, Signal] = field(default_factory=lambda: MappingProxyType({}))

    def __getitem__(self, name: str) -> Signal:
        try:
            return self.signals[name]
        except KeyError:
            raise KeyError(f"no signal {name!r}; known: {', '.join(self.signals)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.signals)

    def __len__(self) -> int:
        return len(self.signals)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v.count}" for k, v in self.signals.items())
        return f"<SignalRecord {self.source_id!r}: {shown}>"

    def summary(self) -> dict[str, int]:
        """Signal name → count, for corpus-scale tables.

        >>> reliability_signals(Source.from_text("Hello.")).summary()["byline"]
        0
        """
        return {name: sig.count for name, sig in self.signals.items()}

    def table(self) -> pd.DataFrame:
        """One row per signal: ``signal, description, present, count, example, detail``.

        ``example`` is the text of the first span, shortened to 80 characters.

        >>> list(reliability_signals(Source.from_text("Hi.")).table().columns)
        ['signal', 'description', 'present', 'count', 'example', 'detail']
        """
        rows = []
        for name, sig in self.signals.items():
            example = ""
            if sig.spans:
                start, end = sig.spans[0]
                example = " ".join(self.text[start:end].split())
                if len(example) > 80:
                    example = example[:77] + "…"
            rows.append(
                {
                    "signal": name,
                    "description": _DESCRIPTIONS.get(name, ""),
                    "present": sig.present,
                    "count": sig.count,
                    "example": example,
                    "detail": sig.detail,
                }
            )
        return pd.DataFrame(
            rows, columns=["signal", "description", "present", "count", "example", "detail"]
        )


# --------------------------------------------------------------------------- helpers


_CAP_WORD = re.compile(r"(?<!\w)[A-Z]\w*")  # a word run that starts with a capital
#: The longest span :func:`helpers.speakers.find_speakers` gives a speaker and its verb (its
#: clause window, the verb, and a name after it), with room to spare.
_SPEAKER_REACH = 1000
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish|ch|i)$")


def _is_outlet_name(name: str) -> bool:
    """Not a nationality ('a Syrian columnist') or a stopword."""
    words = name.split()
    return (
        bool(words)
        and words[0] not in STOP_WORDS
        and not (len(words) == 1 and _NATIONALITY.match(words[0]))
    )


def _counts(names: list[str]) -> str:
    return ", ".join(f"{n} ×{c}" for n, c in Counter(names).most_common(12))


def _dedupe(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlaps removed (the earlier span wins)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return tuple(out)


def _signal(name: str, spans: list[tuple[int, int]], detail: str = "") -> Signal:
    clean = _dedupe(spans)
    return Signal(name, bool(clean), len(clean), clean, detail.strip("; "))


def _in_spans(pos: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --------------------------------------------------------------------------- the page


class Page:
    """One source read once for the signal finders: its parts, article parts and attributions.

    ``article`` holds ``(kind, start, end)`` of the article's own parts (:data:`ARTICLE_KINDS`,
    repeats left out), in page order. Every ``find_…`` function takes a Page or a Source.

    >>> page = Page(Source.from_text("Talks stall\\n\\nTalks stalled, officials said."))
    >>> [kind for kind, _, _ in page.article], [a.kind for a in page.attributions]
    (['headline', 'body'], ['anonymous'])
    """

    def __init__(self, source: Source) -> None:
        if not isinstance(source, Source):
            raise TypeError(f"reliability_signals expects a Source, got {type(source).__name__}")
        self.source_id, self.text = source.id, source.text
        self.parts: list[Part] = segment_parts(source)
        self.kinds = [part.kind for part in self.parts]
        self.article = [
            (part.kind, part.start, part.end)
            for part in self.parts
            if part.kind in ARTICLE_KINDS and not part.note.startswith("repeats")
        ]

    @functools.cached_property
    def cuts(self) -> list[int]:
        """Sentence ends of the whole page, from :func:`helpers.sentences.sentence_cuts`."""
        return sentence_cuts(self.text)

    @functools.cached_property
    def attributions(self) -> list[Speaker]:
        """Who is said to speak, in the article's writing (not its byline or dateline)."""
        found = [
            a
            for kind, start, end in self.article
            if kind in ("body", "caption", "standfirst", "headline", "subheading")
            for a in find_speakers(self.text[start:end], start, self.cuts)
        ]
        return sorted(found, key=lambda a: a.start)

    @functools.cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every double-quoted passage in the article, short ones included."""
        return [
            (start + m.start(), start + m.end())
            for _kind, start, end in self.article
            for m in _QUOTE.finditer(self.text[start:end])
        ]

    @functools.cached_property
    def _quote_starts(self) -> list[int]:
        return [s for s, _ in self.quotes]

    def inside_quote(self, position: int) -> bool:
        """True if ``position`` lies inside one of :attr:`quotes`."""
        return _in_spans(position, self._quote_starts, self.quotes)

    @functools.cached_property
    def bare_surnames(self) -> list[Speaker]:
        """Named attributions to a single name the article never introduced before."""
        if not any(map(is_bare_name, self.attributions)):
            return []
        introduced = introductions(self.text, self.article)
        return [
            a
            for a in self.attributions
            if is_bare_name(a) and introduced.get(a.name, a.start) >= a.start
        ]

    def sentence_ends_between(self, start: int, end: int) -> bool:
        """True if a sentence ends after ``start`` and no later than ``end``."""
        i = bisect.bisect_right(self.cuts, start)
        return i < len(self.cuts) and self.cuts[i] <= end


def _page(page: Page | Source, finder: str) -> Page:
    if isinstance(page, Page):
        return page
    if isinstance(page, Source):
        return Page(page)
    raise TypeError(f"{finder} expects a Source or a Page, got {type(page).__name__}")


def _chunks(page: Page) -> Iterator[tuple[str, int, str]]:
    """``(kind, start, text)`` of each article part."""
    for kind, start, end in page.article:
        yield kind, start, page.text[start:end]


# --------------------------------------------------------------------------- the finders


_CREDITED_WRITER = re.compile(r"\b(?i:reporting|writing|written|compiled)\s+by\s+[A-Z]")


def find_byline(page: Page | Source) -> Signal:
    """The page says who wrote it: a byline part, an author bio, or a "By Name" line.

    >>> find_byline(Source.from_text("Talks stall\\n\\nBy Ann Lee\\n\\nTalks stalled.")).count
    1
    """
    page = _page(page, "find_byline")
    spans, how = [], []
    for part in page.parts:
        if part.kind in ("byline", "author_bio"):
            spans.append((part.start, part.end))
            how.append("byline part" if part.kind == "byline" else "author bio")
        elif part.kind == "credit" and _CREDITED_WRITER.search(part.text):
            spans.append((part.start, part.end))
            how.append("credit line naming who reported or wrote it")
    for kind, start, chunk in _chunks(page):
        if kind in ("body", "standfirst", "headline"):
            for m in _BY_LINE.finditer(chunk):
                spans.append((start + m.start(), start + m.end()))
                how.append("'By' line")
    return _signal("byline", spans, ", ".join(dict.fromkeys(how)))


def find_date(page: Page | Source) -> Signal:
    """Dates in the byline, dateline, headline or standfirst; body dates only in the detail.

    >>> find_date(Source.from_text("Talks stall 21 July 2016\\n\\nTalks stalled on 3 May.")).count
    1
    """
    page = _page(page, "find_date")
    spans, body_dates = [], 0
    for kind, start, chunk in _chunks(page):
        if kind in HEAD_KINDS:
            spans += [(start + m.start(), start + m.end()) for m in _DATE.finditer(chunk)]
        else:
            body_dates += sum(1 for _ in _DATE.finditer(chunk))
    return _signal(
        "date", spans, f"{body_dates} date(s) only in the body or captions" * bool(body_dates)
    )


def find_outlet_named(page: Page | Source) -> Signal:
    """The page names its own outlet: a wire dateline, "editorial policy of X", "told X"…

    >>> page = "Talks\\n\\nHe is a Rudaw English reporter. Kofman told Rudaw English it failed."
    >>> find_outlet_named(Source.from_text(page)).detail
    'Rudaw English'
    """
    page = _page(page, "find_outlet_named")
    text, spans, names, told = page.text, [], [], []

    def strong(matches: Iterator[re.Match], offset: int) -> None:
        for m in matches:
            if _is_outlet_name(m.group(1) or m.group(2)):
                spans.append((offset + m.start(), offset + m.end()))
                names.append(m.group(1) or m.group(2))

    for kind, start, chunk in _chunks(page):
        if kind == "dateline":
            for m in _WIRE_DATELINE.finditer(chunk):
                spans.append((start + m.start(), start + m.end()))
                names.append(m.group(1))
        strong(_OUTLET_STRONG.finditer(chunk), start)
        told += [
            (start + m.start(), start + m.end(), m.group(1)) for m in _OUTLET_TOLD.finditer(chunk)
        ]
    for part in page.parts:  # the outlet's self-reference in the author bio or disclaimer
        if part.kind in ("author_bio", "disclaimer"):
            strong(_OUTLET_STRONG.finditer(text, part.start, part.end), 0)
    told_starts = [s for s, _, _ in told]
    told_spans = [(s, e) for s, e, _ in told]
    words: dict[str, list[int]] = {}  # word -> where it stands outside every "told X"
    if told:
        for m in _CAP_WORD.finditer(text):
            if not _in_spans(m.start(), told_starts, told_spans):
                words.setdefault(m.group(), []).append(m.start())
    elsewhere: dict[str, bool] = {}  # first word -> named outside every "told X"
    for s, e, name in told:  # "told X" counts when X also appears elsewhere on the page
        first = name.split()[0]
        if first in STOP_WORDS or first in TITLES:
            continue
        if first not in elsewhere:
            whole = re.compile(r"\b" + re.escape(first) + r"\b")
            head = _CAP_WORD.match(first)
            at = words.get(head.group(), []) if head else []
            elsewhere[first] = any(whole.match(text, i) for i in at)
        if elsewhere[first]:
            spans.append((s, e))
            names.append(name)
    return _signal(
        "outlet_named", spans, ", ".join(dict.fromkeys(" ".join(n.split()) for n in names))
    )


def find_named_attribution(page: Page | Source) -> Signal:
    """Statements attributed to a named person or body ("Kofman said", "according to Lavrov").

    >>> find_named_attribution(Source.from_text("Kofman asserted it failed.")).detail
    'Kofman ×1'
    """
    page = _page(page, "find_named_attribution")
    named = [a for a in page.attributions if a.kind == "named"]
    institutions = sum(a.institution for a in named)
    detail = _counts([a.name for a in named])
    detail += f"; {institutions} of them states or institutions" if institutions else ""
    return _signal("named_attribution", [(a.start, a.end) for a in named], detail)


def find_anonymous_attribution(page: Page | Source) -> Signal:
    """Statements attributed to unnamed people ("officials said", "a diplomat who asked not…").

    >>> find_anonymous_attribution(Source.from_text("Two officials warned of it.")).detail
    'Two officials warned'
    """
    page = _page(page, "find_anonymous_attribution")
    spans = [(a.start, a.end) for a in page.attributions if a.kind == "anonymous"]
    phrases = [" ".join(page.text[s:e].split()) for s, e in _dedupe(spans)]
    return _signal("anonymous_attribution", spans, "; ".join(phrases[:6]))


def find_direct_quote(page: Page | Source) -> Signal:
    """Quoted passages of four words or more, each with the speaker nearby (in the detail).

    >>> find_direct_quote(Source.from_text("“It is all over now,” Kofman said.")).detail
    'speakers: Kofman ×1'
    """
    page = _page(page, "find_direct_quote")
    text, attributions = page.text, page.attributions
    starts = [a.start for a in attributions]
    spans, speakers, short = [], [], 0
    last_named, attr_index, previous = "", 0, None
    for _kind, start, end in page.article:
        for m in _QUOTE.finditer(text, start, end):
            inner = m.group(1) if m.group(1) is not None else m.group(2)
            qs, qe = m.start(), m.end()
            if len(inner.split()) < 4:
                short += 1
                continue
            spans.append((qs, qe))
            best = None
            # a speaker span is never longer than _SPEAKER_REACH: earlier ones cannot end near
            first = bisect.bisect_left(starts, max(start, qs - 150 - _SPEAKER_REACH))
            for a in attributions[first:]:
                if a.start > qe + 150:
                    break
                if a.start < start or a.end > end:
                    continue
                if qe <= a.start <= qe + 150 and not page.sentence_ends_between(qe, a.start):
                    dist = a.start - qe
                elif qs - 150 <= a.end <= qs and not page.sentence_ends_between(a.end - 1, qs):
                    dist = qs - a.end
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, a)
            if best is None and previous and text[previous[0] : previous[1]].rstrip()[-1:] == ":":
                lo = bisect.bisect_left(starts, previous[0])
                hi = bisect.bisect_left(starts, previous[1])
                before = [a for a in attributions[lo:hi] if a.kind != "anonymous"]
                if before:
                    best = (0, before[-1])
            while attr_index < len(attributions) and attributions[attr_index].start < qs:
                if attributions[attr_index].kind == "named":
                    last_named = attributions[attr_index].name
                attr_index += 1
            speaker = ""
            if best is not None:
                a = best[1]
                if a.kind == "named":
                    speaker = a.name.split()[-1]
                elif a.kind == "pronoun":
                    speaker = last_named.split()[-1] if last_named else ""
                else:
                    speaker = "(unnamed) " + " ".join(a.name.split())
            speakers.append(speaker or "?")
        previous = (start, end)
    known = [s for s in speakers if s != "?"]
    detail = (f"speakers: {_counts(known)}" if known else "") + (
        f"; {speakers.count('?')} with no speaker nearby" if "?" in speakers else ""
    )
    detail += f"; {short} short quoted phrase(s) not counted" if short else ""
    return _signal("direct_quote", spans, detail)


def find_citation(page: Page | Source) -> Signal:
    """Reference markers [n], URLs, link lines and parts, "according to" a named source.

    >>> find_citation(Source.from_text("It failed [3], according to Interfax.")).detail
    '[n] marker ×1, according to ×1'
    """
    page = _page(page, "find_citation")
    spans, kinds = [], Counter()
    for _kind, start, chunk in _chunks(page):
        for label, pattern in (("[n] marker", _BRACKET), ("URL", _URL), ("link line", _LINK_LINE)):
            for m in pattern.finditer(chunk):
                spans.append((start + m.start(), start + m.end()))
                kinds[label] += 1
    for part in page.parts:
        if part.kind == "link" and not part.note.startswith("repeats"):
            spans.append((part.start, part.end))
            kinds["link part"] += 1
    for _kind, start, end in page.article:
        for m in ACCORDING_TO.finditer(page.text, start, end):
            if _CAPITAL_WORD.search(m.group(1)):
                spans.append((m.start(), m.end()))
                kinds["according to"] += 1
    return _signal("citation", spans, _counts(list(kinds.elements())))


def find_hedge(page: Page | Source) -> Signal:
    """Words that distance the writer from a claim (:data:`HEDGES`); the detail counts those quoted.

    >>> find_hedge(Source.from_text("It reportedly failed. “It may have failed,” he said.")).detail
    '1 inside direct quotes'
    """
    page = _page(page, "find_hedge")
    spans = [
        (start + m.start(), start + m.end())
        for _kind, start, chunk in _chunks(page)
        for m in _HEDGE.finditer(chunk)
    ]
    quoted = sum(page.inside_quote(s) for s, _ in spans)
    return _signal("hedge", spans, f"{quoted} inside direct quotes" if quoted else "")


def find_opinion_marker(page: Page | Source) -> Signal:
    """Outside quotes: first person, "must/should", evaluative words, an opinion disclaimer.

    First person in a sentence that attributes its words to someone ("we will not leave, the
    spokesman said") is that speaker's, not the writer's, and is not counted.

    >>> find_opinion_marker(Source.from_text("We must act. It is absurd.")).detail
    'first person ×1, must/should ×1, evaluative word ×1'
    """
    page = _page(page, "find_opinion_marker")
    spans = [(part.start, part.end) for part in page.parts if part.kind == "disclaimer"]
    kinds = Counter()
    # a sentence that gives the words to someone ("we will not go, the spokesman said") holds
    # their first person, not the writer's
    reported = {bisect.bisect_right(page.cuts, a.start) for a in page.attributions}
    for _kind, start, chunk in _chunks(page):
        for label, pattern in (
            ("first person", _FIRST_PERSON),
            ("must/should", _MODAL),
            ("evaluative word", _EVALUATIVE),
            ("disclaimer", _DISCLAIMER),
        ):
            for m in pattern.finditer(chunk):
                if page.inside_quote(start + m.start()):
                    continue
                if label == "first person" and (
                    m.group(0) == "US"
                    or bisect.bisect_right(page.cuts, start + m.start()) in reported
                ):
                    continue
                spans.append((start + m.start(), start + m.end()))
                kinds[label] += 1
    detail = _counts(list(kinds.elements()))
    return _signal(
        "opinion_marker", spans, detail + "; disclaimer part" * ("disclaimer" in page.kinds)
    )


def find_reader_comments(page: Page | Source) -> Signal:
    """Reader comments on this article; replies and comments on other stories in the detail.

    >>> page = "Talks stall\\n\\nTalks in Astana stalled on Monday, two officials said.\\n\\n"
    >>> find_reader_comments(Source.from_text(page + "Ann | 21/7/2016\\nNonsense.")).count
    1
    """
    page = _page(page, "find_reader_comments")
    spans, replies, sidebar = [], 0, 0
    for part in page.parts:
        if part.kind == "comment":
            spans.append((part.start, part.end))
            replies += part.depth is not None and part.depth > 0
        elif part.kind == "sidebar" and part.note.startswith("comment"):
            sidebar += 1
    detail = f"{replies} are replies" if replies else ""
    detail += f"; {sidebar} comments on other stories not counted" if sidebar else ""
    return _signal("reader_comments", spans, detail)


def find_surname_without_introduction(page: Page | Source) -> Signal:
    """A bare surname speaks that the article never introduced ("Carlin added").

    >>> find_surname_without_introduction(Source.from_text("Talks failed, Carlin added.")).detail
    'Carlin'
    """
    page = _page(page, "find_surname_without_introduction")
    spans = [(a.start, a.end) for a in page.bare_surnames]
    return _signal(
        "surname_without_introduction",
        spans,
        ", ".join(dict.fromkeys(a.name for a in page.bare_surnames)),
    )


def find_dangling_reference(page: Page | Source) -> Signal:
    """Refers back to something never introduced ("made the comments"), bare surnames included.

    >>> find_dangling_reference(Source.from_text("The move angered Ankara.")).detail
    'the move'
    """
    page = _page(page, "find_dangling_reference")
    spans, words, seen = [], [], set()
    for _kind, start, chunk in _chunks(page):
        lowered = chunk.lower()
        first: dict[str, int] = {}  # stem -> where its first use in this part ends
        for m in _DANGLING.finditer(chunk):  # the noun was not used earlier in the article
            noun = m.group(1).lower()
            stem = noun[:-1] if noun.endswith("s") else noun
            if stem not in first:
                first[stem] = lowered.find(stem) + len(stem)
            if stem in seen or first[stem] <= m.start():
                continue
            spans.append((start + m.start(), start + m.end()))
            words.append(" ".join(m.group(0).split()).lower())
        seen.update(stem for stem in _DANGLING_STEMS if stem in lowered)
    spans += [(a.start, a.end) for a in page.bare_surnames]
    words += [f"bare surname {a.name}" for a in page.bare_surnames]
    return _signal("dangling_reference", spans, ", ".join(dict.fromkeys(words)))


def find_stray_outlet_attribution(page: Page | Source) -> Signal:
    """Another outlet credited with no link or date ("…”, reports NYT", "Guardianreports").

    >>> find_stray_outlet_attribution(Source.from_text("“It failed,” reports NYT.")).count
    1
    """
    page = _page(page, "find_stray_outlet_attribution")
    spans = [
        (start + m.start(), start + m.end())
        for _kind, start, chunk in _chunks(page)
        if "report" in chunk  # every pattern says "report…"
        for m in _STRAY.finditer(chunk)
    ]
    return _signal("stray_outlet_attribution", spans)


def find_missing_space_after_sentence(page: Page | Source) -> Signal:
    """Words glued together ("U.S.is", "end.Next", "ForTerror"); web addresses are skipped.

    >>> find_missing_space_after_sentence(Source.from_text("The U.S.is here. See www.x.org")).count
    1
    """
    page = _page(page, "find_missing_space_after_sentence")
    spans = []
    for _kind, start, chunk in _chunks(page):
        for m in _GLUE.finditer(chunk):
            ts = chunk.rfind(" ", 0, m.start()) + 1
            te = chunk.find(" ", m.end())
            token = chunk[ts : te if te >= 0 else len(chunk)]
            if not any(mark in token for mark in ("www", "http", "@", "/", ".com", ".org")):
                spans.append((start + m.start(), start + m.end()))
    return _signal("missing_space_after_sentence", spans)


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")


def find_truncation(page: Page | Source) -> Signal:
    """The page stops in mid-sentence: its last part is article text with no sentence end.

    The span is the unfinished sentence. A page cut by a scraper or an excerpt store loses what
    came after; quotes there may have been cut from their speakers.

    >>> find_truncation(Source.from_text("Talks stall\\n\\nTalks stalled on Monday, the Ir")).spans
    ((13, 44),)
    >>> find_truncation(Source.from_text("Talks stall\\n\\nTalks stalled on Monday.")).present
    False
    """
    page = _page(page, "find_truncation")
    last = next((p for p in reversed(page.parts) if p.text.strip()), None)
    if last is None or last.kind not in ("body", "caption", "standfirst"):
        return _signal("truncated", [])
    text = last.text.rstrip()
    if _SENTENCE_END.search(text):
        return _signal("truncated", [])
    ends = [m.end() for m in re.finditer(r"[.!?…][\"'”’»)\]]*\s+", text)]
    start = last.start + (ends[-1] if ends else len(last.text) - len(last.text.lstrip()))
    return _signal("truncated", [(start, last.start + len(text))], f"last part: {last.kind}")


#: The finder of each signal, in the order of :data:`SIGNALS`.
FINDERS = MappingProxyType({
    "byline": find_byline,
    "date": find_date,
    "outlet_named": find_outlet_named,
    "named_attribution": find_named_attribution,
    "anonymous_attribution": find_anonymous_attribution,
    "direct_quote": find_direct_quote,
    "citation": find_citation,
    "hedge": find_hedge,
    "opinion_marker": find_opinion_marker,
    "reader_comments": find_reader_comments,
    "surname_without_introduction": find_surname_without_introduction,
    "dangling_reference": find_dangling_reference,
    "stray_outlet_attribution": find_stray_outlet_attribution,
    "missing_space_after_sentence": find_missing_space_after_sentence,
    "truncated": find_truncation,
})  # fmt: skip


def reliability_signals(source: Source) -> SignalRecord:
    """Observable reliability signals of one source, each with the spans that show it.

    Returns a :class:`SignalRecord` (a mapping from the names in :data:`SIGNALS` to
    :class:`Signal`); nothing is scored or rated. Each signal comes from its finder in
    :data:`FINDERS`, all reading one :class:`Page`.

    >>> page = "Talks stall\\n\\nBy Ann Lee\\n\\nTalks stalled, a senior official said on Monday."
    >>> rec = reliability_signals(Source.from_text(page, source_id="demo"))
    >>> rec["byline"].present, rec["anonymous_attribution"].count, rec["date"].present
    (True, 1, False)
    """
    page = Page(source)
    signals = {name: FINDERS[name](page) for name, _ in SIGNALS}
    return SignalRecord(page.source_id, page.text, MappingProxyType(signals))
