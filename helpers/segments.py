"""Page parts: split a scraped page into headline, body, captions, comments, chrome…

:func:`segment` returns a table of parts that cover the raw text exactly (no gaps, no
overlaps, each part's ``text`` is ``source.text[start:end]``), each with a ``kind`` from
:data:`SEGMENT_KINDS` and, where a reader might doubt the decision, a short ``note`` saying why.

Method. The page is read line by line. Blank lines only matter as gaps (a *standalone* line has
a gap above and below); whitespace belongs to the part before it. Hard-wrapped paragraphs
(a line running on into one that starts in lower case…) are judged as a whole. Then, in order:

1. **Head.** Leaving out site chrome (the ``CHROME_*`` lexicon) and date lines, the article
   starts at the first *anchor*: a prose line (a sentence of 12+ words, or 30+ words), a
   byline, a photo caption or a comment header. Of the short lines above it, the last is the
   headline -- or the standfirst, when it is a longer line under a shorter title; short
   capitalised name lines under them are a byline without "By". A short prose line just
   under the headline, standing apart or followed by a date, byline or caption, is the
   standfirst. Lines above the headline are site chrome (date lines: dateline).
2. **Comments** start at the first comment header ("Name | 21/7/2016", "Name says:",
   "Name on March 3, 2016 at 4:12 pm") or at a list whose items nest by indentation (reader
   threads), or any list announced by a comment heading or a repeat of the headline. Thread
   depth comes from the indentation of the items; lines indented under an item belong to it.
   The section ends at a title-case heading after a gap, a section heading or a story
   teaser; comment-like entries after that are *sidebar* (comments on other stories).
3. **The article ends** at an author bio or disclaimer followed by end matter, at a heading
   of related links, other stories or comments, or where the comments start.
4. **Inside the article** captions, bylines, date lines, links and chrome are found by
   patterns; a line repeating the headline, a caption or a paragraph is marked as a repeat
   (compared by normalised words); a short standalone line most of whose word triples recur
   in a longer body line is a pull quote; short standalone lines between paragraphs are
   subheadings (runs of three or more are infobox fragments on pages with [n] citations);
   short lines after the last paragraph are see-also/reference debris. The rest is body, one
   part per line or hard-wrapped paragraph. A wire dateline ("MOSCOW (Reuters) -") is split
   off the first paragraph.
5. **After the article**: site chrome, unless a sidebar or link heading starts a list.
6. **Listings**: three or more short titles each over a date line make a listing page; the
   titles and their teasers are ``listing`` parts, not one article.

Before the lines are read, what a publishing system or scraper left at the top is set apart as
``markup``: a capture stamp (" date 2017-02-15", not a publication date) and a static-site
post's front matter, whose title is the headline. Ad markers ([ad_1]) are markup too. Credits
are their own kind: "(Reporting by …; Editing by …)", "Source: …", a photo credit standing
alone ("AFP: …") or ending a caption ("… REUTERS/Name", "[EPA]"), split off the caption. A date
line under the headline ends the head: name lines below it are a byline. A dateline needs no
dash when the place is in capitals ("AMMAN Syrian warplanes…"). A last paragraph cut off by the
page's end ("…the Ir") stays body, noted, not link debris.

Columns: ``start``/``end`` (int offsets), ``kind``, ``text``, ``note`` (str); ``commenter``
and ``date`` (str or None: as the page shows them, for comments and sidebar comments, and the
date of bylines and date lines); ``depth`` (pandas ``Int64``: 0 for a top-level comment, 1 for
a reply…, <NA> where the page shows no thread). :func:`segment_parts` gives the same parts as
plain :class:`Part` tuples, for code that reads thousands of pages; the last page segmented is
remembered, so asking again for its parts or its table does not read it again.

Limits, honestly: the rules read layout and wording, not meaning, and know English chrome
only. A nested bulleted list inside an article can pass for a comment thread; a headline
written as a full sentence is taken for the first paragraph; a one-sentence opening paragraph
under the headline is called a standfirst; a sidebar with no heading and no comment headers
stays "boilerplate"; the head is looked for in the first 300 non-blank lines. Running time is
linear: repeats and pull quotes are found through hashed keys and word triples, never by
comparing every pair of lines (the 804 FA-KES articles, 1.6 MB, in about 0.4 s).
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.corpus import Source
from helpers.page_patterns import (
    AD_MARKER,
    AFTER_ARTICLE,
    AGENCY_BYLINE,
    AUTHOR_BIO,
    BYLINE,
    CAPTION,
    CAPTION_CREDIT,
    CHROME_LINES,
    CHROME_WORDS,
    CITATION,
    COMMENT_HEADER,
    CREDITS,
    DATE,
    DATE_LINE,
    DATELINE,
    DATELINE_PLACE,
    DIGIT,
    DISCLAIMER,
    DOUBLE_QUOTE,
    ENCYCLOPEDIA_MARK,
    FORUM_USER,
    HEAD_LINES,
    HEADINGS,
    LINK_WORDS,
    LIST_ITEM,
    META_LINE,
    PHOTO_CREDIT,
    SEGMENT_KINDS,
    SMALL_WORDS,
    SOURCE_LINK,
    TITLE_WORD,
    WORD,
    find_top_markup,
)
from helpers.sentences import sentence_spans

__all__ = [
    "COLUMNS",
    "Part",
    "SEGMENT_KINDS",
    "parts_table",
    "segment",
    "segment_parts",
]


class Part(NamedTuple):
    """One part of a page: a row of :func:`segment` as a plain tuple (see :func:`segment_parts`).

    >>> Part(0, 5, "headline", "Talks", None, None, None, "").kind
    'headline'
    """

    start: int
    end: int
    kind: str
    text: str
    commenter: str | None
    date: str | None
    depth: int | None  # None where the table shows <NA>
    note: str


COLUMNS = Part._fields  # ("start", "end", "kind", "text", "commenter", "date", "depth", "note")


def _rule_note(text: str, words: tuple | None = None, lines: tuple | None = None) -> str | None:
    """The note of the first rule matching the lower-cased text (``words`` at a word start)."""
    low = text.lower()
    if lines and lines[0].fullmatch(low):
        return next(note for note, pattern in lines[1] if pattern.fullmatch(low))
    if words and words[0].search(low):
        for note, pattern in words[1]:
            for match in pattern.finditer(low):
                if match.start() == 0 or not low[match.start() - 1].isalnum():
                    return note
    return None


class _cached:  # noqa: N801 - like functools.cached_property, without its lock (3x faster)
    def __init__(self, compute):
        self.compute, self.name = compute, compute.__name__

    def __get__(self, line, owner=None):
        value = line.__dict__[self.name] = self.compute(line)
        return value


class _Line:
    """One non-blank line (from its first visible character), its features and its label."""

    def __init__(self, start: int, raw: str, gap_before: bool):
        self.text = raw.strip()
        self.indent = len(raw) - len(raw.lstrip())
        self.start = start + self.indent
        self.gap_before, self.gap_after = gap_before, True
        self.words = len(self.text.split())
        self.kind, self.note, self.joins, self.split = None, "", False, 0
        self.credit_at = 0  # > 0: a photo credit starts here, at the end of a caption
        self.continues = False  # True: the line above was hard-wrapped into this one
        self.commenter = self.date = self.depth = None

    def label(self, kind: str, note: str = "", joins: bool = False) -> None:
        self.kind, self.note, self.joins = kind, note, joins

    @_cached
    def key(self) -> str | None:
        """The words, lower-cased: lines that differ only in case and punctuation are equal."""
        return " ".join(WORD.findall(self.text.lower())) if self.words < 2000 else None

    @_cached
    def prose(self) -> bool:
        ending = CITATION.sub("", self.text[-200:]).rstrip("\"'”’»)]* ")
        return self.words >= 30 or (self.words >= 12 and ending.endswith((".", "!", "?", "…")))

    @_cached
    def fragment(self) -> bool:
        core = CITATION.sub("", self.text).rstrip()
        return self.words <= 12 and len(core) <= 100 and not core.endswith(tuple(".,;:!…"))

    @_cached
    def chrome(self) -> str | None:
        return _rule_note(self.text, CHROME_WORDS, CHROME_LINES) if self.words <= 25 else None

    @_cached
    def link(self) -> str | None:
        return _rule_note(self.text, LINK_WORDS) if self.words <= 40 else None

    @_cached
    def heading(self) -> str | None:
        match = HEADINGS.match(self.text) if self.words <= 8 else None
        return match.lastgroup if match else None

    @_cached
    def header(self) -> tuple[str, str | None] | None:
        """(commenter, date) when the line heads a comment."""
        match = COMMENT_HEADER.match(self.text) if self.words <= 14 else None
        if match and match["date4"]:  # a forum post: « on: <date> », the name is above it
            return ("", match["date4"])
        name = match and (match["name1"] or match["name2"] or match["name3"]).strip()
        return (
            (name, match["date1"] or match["date2"] or match["date3"])
            if name and len(name.split()) <= 5
            else None
        )

    @_cached
    def trailing_credit(self) -> int:
        """Where a photo credit ending the line starts (0: none)."""
        found = CAPTION_CREDIT.search(self.text) if self.words <= 80 else None
        return found.start(1) if found and found.start(1) >= 20 else 0

    @_cached
    def caption(self) -> bool:
        if self.words > 80:
            return False
        if CAPTION.search(self.text):
            return True
        credit = self.text[self.trailing_credit :] if self.trailing_credit else ""
        return bool(credit) and ("/" in credit or not credit.lower().startswith("source"))

    @_cached
    def byline(self) -> bool:
        return self.words <= 12 and (
            (not self.text.endswith(".") and bool(BYLINE.match(self.text)))
            or bool(AGENCY_BYLINE.match(self.text))
        )

    @_cached
    def credit(self) -> bool:
        return (self.words <= 30 and bool(CREDITS.match(self.text))) or (
            self.words <= 10 and bool(PHOTO_CREDIT.match(self.text) or SOURCE_LINK.match(self.text))
        )

    @_cached
    def markup(self) -> bool:
        return self.words <= 2 and bool(AD_MARKER.match(self.text))

    @_cached
    def sentence(self) -> bool:
        """A short sentence: six words or more, ending like one, not a title."""
        ending = self.text.rstrip("\"'”’»)] ")
        return self.words >= 6 and ending.endswith((".", "!", "?")) and not self.titlecase

    @_cached
    def cut_off(self) -> bool:
        """Reads like the start of a sentence that the page's end cut off ("…the Ir")."""
        words = self.text.split()
        small = sum(w.lower() in SMALL_WORDS or w.islower() for w in words)
        return (
            len(words) >= 3
            and not self.titlecase
            and not self.chrome
            and not self.text.endswith((":", "|"))
            and small >= max(1, len(words) // 4)
        )

    @_cached
    def date_line(self) -> bool:
        return self.words <= 10 and bool(DATE_LINE.match(self.text))

    @_cached
    def bio(self) -> bool:
        return self.words <= 80 and bool(AUTHOR_BIO.match(self.text))

    @_cached
    def disclaimer(self) -> bool:
        return self.words <= 80 and bool(DISCLAIMER.search(self.text))

    @_cached
    def titlecase(self) -> bool:
        words = [w for w in TITLE_WORD.findall(self.text) if w.lower() not in SMALL_WORDS]
        return (
            3 <= self.words <= 10
            and bool(words)
            and not self.text.endswith(".")
            and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        )


def _read_lines(text: str, begin: int = 0) -> list[_Line]:
    lines: list[_Line] = []
    position, gap = begin, True
    for raw in text[begin:].splitlines(keepends=True):
        if raw.strip():
            if lines and not gap:
                lines[-1].gap_after = False
            lines.append(_Line(position, raw, gap))
        gap = not raw.strip()
        position += len(raw)
    return lines


def _wraps_into(line: _Line, below: _Line) -> bool:
    """Does ``line`` run on into ``below``, as in a hard-wrapped paragraph?"""
    if line.gap_after or len(line.text) < 40:
        return False
    if below.text[0].islower():
        return True
    runs_on = line.text[-1] in ",-–" or (
        line.text.rsplit(None, 1)[-1][0].islower() and line.text[-1] not in '.?!:;"”’)'
    )
    return runs_on and 50 <= len(line.text) <= 100 and (below.words >= 4 or below.prose)


def _join_wrapped(lines: list[_Line]) -> None:
    """Hard-wrapped paragraphs are judged whole: prose or not, never a run of fragments."""
    group: list[_Line] = []
    for i, line in enumerate(lines):
        group.append(line)
        if i + 1 < len(lines) and _wraps_into(line, lines[i + 1]):
            continue
        if len(group) > 1:
            prose = _Line(0, " ".join(member.text for member in group), False).prose
            for member in group:
                member.__dict__.update(prose=prose, fragment=False)
                member.continues = member is not group[0]
        group = []


def _is_teaser(lines: list[_Line], i: int) -> bool:
    """A story title directly above its "| time | (comment count)" line."""
    below = lines[i + 1] if i + 1 < len(lines) else None
    return below is not None and not lines[i].gap_after and bool(META_LINE.match(below.text))


# --------------------------------------------------------------------------- regions


def _is_name_line(line: _Line) -> bool:
    """A short line of capitalised words, like "Patrick Wintour Diplomatic editor"."""
    words = [w for w in line.text.split() if w.lower() not in SMALL_WORDS]
    return (
        2 <= line.words <= 6
        and line.fragment
        and not DIGIT.search(line.text)
        and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
    )


def _capitalised(line: _Line) -> bool:
    """Most words capitalised, as in a title ("U.S. and Russia Announce Plan for Peace")."""
    words = [w for w in TITLE_WORD.findall(line.text) if w.lower() not in SMALL_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _label_head(lines: list[_Line], titled: bool = False) -> tuple[str | None, int]:
    """Label the headline, standfirst and what is above them; return the headline's key and
    where the article starts. ``titled``: the page's front matter already gave the headline."""
    lead: list[int] = []  # short lines above the first anchor, chrome and date lines left out
    dates: list[int] = []  # date lines above the first anchor
    anchor = len(lines)
    for i, line in enumerate(lines[:HEAD_LINES]):
        if line.markup or FORUM_USER.match(line.text):
            continue
        if line.chrome or line.date_line:
            dates += [i] if line.date_line else []
            continue
        if line.prose or line.byline or line.caption or line.header or line.credit:
            anchor = i
            break
        lead.append(i)
    else:
        lead = lead[:1]  # no article start found: the first line is the headline
    captions = []  # lines run on into a photo credit ("… on Saturday.(" / "AFP: …") are captions
    if anchor < len(lines) and lines[anchor].credit and not lines[anchor].byline:
        while lead and lead[-1] == anchor - len(captions) - 1:
            above = lines[lead[-1]]
            if not (above.text.endswith("(") or not above.gap_after or captions):
                break
            if captions and above.gap_after and not lines[captions[0]].text.endswith("("):
                break
            captions.insert(0, lead.pop())
    under = []  # a date line under the headline: what stands between it and the article
    if dates and lead and lead[0] < dates[0] < lead[-1]:
        under = [i for i in lead if i > dates[0]]
        lead = [i for i in lead if i < dates[0]]
    if titled:
        under, lead = lead + under, []
    names = []  # a byline without "By": under a standfirst-long line, or above a date line
    while (
        len(lead) >= 2
        and not under
        and _is_name_line(lines[lead[-1]])
        and lines[lead[-2]].words >= 4
        and (lines[lead[-2]].words >= 10 or lines[min(lead[-1] + 1, len(lines) - 1)].date_line)
    ):
        names.insert(0, lead.pop())
    head = lead[-1] if lead else None
    stand = None
    if len(lead) >= 2:
        title, line = lines[lead[-2]], lines[head]
        if (
            (line.words >= 10 or line.sentence or line.text.endswith((".", "!", "?")))
            and not _capitalised(line)
            and title.words >= 3
            and title.fragment
            and len(title.text) < len(line.text)
        ):
            head, stand = lead[-2], head
    below = lines[anchor + 1] if anchor + 1 < len(lines) else None
    if (
        head is not None
        and stand is None
        and not names
        and not under
        and not captions
        and anchor == head + 1
        and below
    ):
        line = lines[anchor]
        apart = (
            (line.gap_before and line.gap_after) or below.date_line or below.byline or below.caption
        )
        sentences = len(sentence_spans(line.text))  # the splitter every module shares
        if (
            line.prose
            and apart
            and len(line.text) <= 240
            and sentences <= 2
            and not (
                DOUBLE_QUOTE.search(line.text)
                or DATELINE.match(line.text)
                or line.byline
                or line.caption
            )
        ):
            stand = anchor
    if head is not None:
        lines[head].label("headline")
    if stand is not None:
        lines[stand].label("standfirst")
    for i in names:
        lines[i].label("byline", "a name line under the headline, taken for a byline")
    for i in captions:
        lines[i].label("caption", "runs on into the photo credit below")
    byline = False
    for n, i in enumerate(under):
        if _is_name_line(lines[i]) and (byline or not n or lines[i - 1].gap_after):
            note = "" if byline else "a name line under the date, taken for a byline"
            lines[i].label("byline", note)
            lines[i].joins, byline = byline and not lines[i - 1].gap_after, True
        elif lines[i].date_line:
            continue
        else:
            note = "under the front matter's title" if titled else "under the headline and its date"
            lines[i].label("standfirst" if n == 0 else "subheading", note)
    placed = [j + 1 for j in (head, stand, *names, *under, *captions) if j is not None]
    article = max(placed) if head is not None else max([anchor, *placed])
    if head is None and anchor >= len(lines) and not placed:
        article = 0
    for i, line in enumerate(lines[:article]):  # above the headline, or among the head lines
        above = head is None or i < head
        if line.kind is not None:
            continue
        if line.markup:
            line.label("markup", "an ad marker left by the publishing system")
        elif FORUM_USER.match(line.text) and i + 1 < len(lines):
            line.label("byline", "a forum user's status line above the post")
        elif line.date_line:
            line.label("dateline", "above the headline" if above else "")
            line.date = line.text
        else:
            line.label(
                "boilerplate", line.chrome or ("above the headline: site chrome" if above else "")
            )
    return (lines[head].key if head is not None else None), article


def _find_comments(lines: list[_Line], begin: int, head_key: str | None) -> tuple[int, str]:
    """Where reader comments start and how they are laid out ("header" or "thread")."""
    i = begin
    while i < len(lines):
        if lines[i].header:
            return i, "header"
        if LIST_ITEM.match(lines[i].text):
            base, indents, end = lines[i].indent, set(), i
            while (
                end < len(lines)
                and lines[end].indent >= base
                and (lines[end].indent > base or LIST_ITEM.match(lines[end].text))
            ):
                if LIST_ITEM.match(lines[end].text):
                    indents.add(lines[end].indent)
                end += 1
            before = lines[i - 1] if i else None
            announced = before is not None and (
                before.heading == "comments" or (head_key is not None and before.key == head_key)
            )
            if len(indents) >= 2 or announced:
                return i, "thread"
            i = end
            continue
        i += 1
    return len(lines), ""


def _walk_header_comments(lines: list[_Line], i: int, kind: str = "comment") -> int:
    """Label "Name | date" comments from ``i`` on; return where the section ends."""
    current = False
    while i < len(lines):
        line = lines[i]
        if line.header:
            note = "comment on another story (after the comments)" if kind == "sidebar" else ""
            line.label(kind, note)
            line.commenter, line.date = line.header
            after = lines[i + 1] if i + 1 < len(lines) else None
            if not line.date and after and after.words <= 8 and DATE.fullmatch(after.text):
                line.date = after.text  # WordPress puts the date on the line below the name
                after.label(kind, joins=True)
                i += 1
            current = True
        elif line.words <= 6 and line.chrome:
            line.label("boilerplate", line.chrome)  # Reply, Report abuse…
            current = False
        elif (
            not current
            or line.heading
            or _is_teaser(lines, i)
            or META_LINE.match(line.text)
            or (line.gap_before and (line.titlecase or kind == "sidebar"))
        ):
            return i
        else:
            line.label(kind, joins=True)
        i += 1
    return i


def _walk_thread(lines: list[_Line], i: int) -> int:
    """Label an indented comment thread from ``i`` on; return where it ends."""
    indents: list[int] = []  # indentation of each open thread level
    item_indent = -1
    while i < len(lines):
        line = lines[i]
        if LIST_ITEM.match(line.text):
            while indents and indents[-1] > line.indent:
                indents.pop()
            if not indents or indents[-1] < line.indent:
                indents.append(line.indent)
            line.label("comment")
            line.depth, item_indent = len(indents) - 1, line.indent
        elif 0 <= item_indent < line.indent:
            line.label("comment", joins=True)
        else:
            return i
        i += 1
    return i


def _ends_article(lines: list[_Line], i: int, comments: int) -> bool:
    """A section heading, or a bio or disclaimer followed by end matter."""
    line = lines[i]
    if line.heading:
        return True
    if not (line.bio or line.disclaimer):
        return False
    after = lines[i + 1] if i + 1 < comments else None
    return after is None or bool(
        after.bio
        or after.disclaimer
        or after.heading
        or after.caption
        or (after.chrome and not after.prose)
    )


# --------------------------------------------------------------------------- classifying


def _triples(key: str | None) -> set[tuple[str, str, str]]:
    words = (key or "").split()
    return set(zip(words, words[1:], words[2:], strict=False))  # shorter lists end it


def _mark_pull_quotes(lines: list[_Line], body: list[int]) -> None:
    """A short standalone line whose word triples mostly recur in a longer body line."""
    index: dict[tuple[str, str, str], list[int] | None] = {}
    for i in body:
        for triple in _triples(lines[i].key):
            postings = index.setdefault(triple, [])
            if postings is not None:  # None: too common to tell anything
                index[triple] = postings + [i] if len(postings) < 8 else None
    for i in body:
        line = lines[i]
        if not (line.gap_before and line.gap_after and 6 <= line.words <= 60):
            continue
        own = _triples(line.key)
        hits = Counter(j for t in own for j in (index.get(t) or ()) if j != i)
        if not hits:
            continue
        j, shared = hits.most_common(1)[0]
        full = lines[j]
        stops = (".", "!", "?")
        unfinished = not line.text.endswith(stops) and full.text.endswith(stops)
        if shared >= 0.6 * len(own) and (full.words > line.words or unfinished):
            shortened = "" if line.key and line.key in (full.key or "") else ", shortened"
            line.label("pullquote", f"repeats a body sentence (pull quote){shortened}")


def _classify_article(
    lines: list[_Line], lo: int, hi: int, head_key: str | None, comments: int, encyclopedic: bool
) -> None:
    seen: dict[str, _Line] = {}
    body: list[int] = []
    for i in range(lo, hi):
        line = lines[i]
        earlier = seen.get(line.key) if line.key and line.words >= 4 else None
        if line.markup:
            line.label("markup", "an ad marker left by the publishing system")
        elif line.caption:
            repeat = earlier is not None and earlier.kind == "caption"
            line.label("caption", "repeats the caption above" if repeat else "")
            line.credit_at = line.trailing_credit
        elif line.byline:
            date = DATE.search(line.text)
            line.date = date.group() if date else None
            line.label(
                "byline", "byline with the date in it, kept as one part" if line.date else ""
            )
        elif line.credit:
            line.label("credit", _credit_note(line))
        elif line.date_line:
            line.label("dateline")
            line.date = line.text
        elif line.disclaimer:
            line.label("disclaimer")
        elif line.link or line.heading == "link":
            line.label("link", line.link or "heading of a list of links")
        elif line.chrome and line.words <= 12 and not line.prose:
            line.label("boilerplate", line.chrome)
        elif head_key is not None and line.key == head_key:
            line.label(
                "boilerplate",
                "repeats the headline (comment-section header)"
                if i + 1 == comments
                else "repeats the headline",
            )
        else:
            body.append(i)
        if line.key and line.key not in seen:
            seen[line.key] = line
    _mark_pull_quotes(lines, body)
    for i in body:
        earlier = seen.get(lines[i].key) if lines[i].words >= 4 else None
        if earlier is not None and earlier is not lines[i] and earlier.kind is None:
            lines[i].label("body", "repeats an earlier paragraph")
    body = [i for i in body if not lines[i].kind]
    last_prose = max((i for i in body if lines[i].prose or lines[i].sentence), default=-1)
    first_prose = min((i for i in body if lines[i].prose), default=hi)
    lead = True  # the first body paragraph, where a wire dateline may stand
    fragments = {
        i
        for i in body
        if i < last_prose and lines[i].fragment and not lines[i].text.endswith("[edit]")
    }
    for i in body:
        line = lines[i]
        if i < first_prose and _is_name_line(line) and line.words <= 5 and line.gap_after:
            line.label("byline", "a name line above the first paragraph, taken for a byline")
        elif line.text.endswith("[edit]") or (
            i in fragments
            and line.gap_before
            and line.gap_after
            and i - 1 not in fragments
            and i + 1 not in fragments
        ):
            line.label("subheading")
        elif i in fragments:
            line.label(
                "infobox" if encyclopedic else "body",
                "run of short label/value lines inside the article"
                if encyclopedic
                else "run of short lines inside the article (a list or fact box?)",
            )
        elif i > last_prose >= 0 and not line.prose:
            if i == max(body) and i - 1 == last_prose and line.cut_off and not line.link:
                line.label("body", "the page ends inside this paragraph (cut off?)")
            else:
                line.label(
                    "link",
                    "short line after the article's last paragraph (see-also or reference debris)",
                )
        else:
            dateline = None
            if lead and line.words >= 8:
                dateline = DATELINE.match(line.text) or DATELINE_PLACE.match(line.text)
            line.split, lead = (dateline.end() if dateline else 0), False
            previous = lines[i - 1] if i > lo else None
            line.label(
                "body",
                joins=bool(
                    previous
                    and line.continues
                    and not line.split
                    and previous.kind == "body"
                    and not previous.note
                ),
            )


def _classify_tail(lines: list[_Line], lo: int, comments: int, layout: str) -> None:
    mode, i = "chrome", lo  # mode: what unrecognised lines are (chrome, link or sidebar)
    while i < len(lines):
        line = lines[i]
        if i == comments:
            i = (_walk_header_comments if layout == "header" else _walk_thread)(lines, i)
            continue
        kind, note = "boilerplate", AFTER_ARTICLE
        if line.markup:
            kind, note = "markup", "an ad marker left by the publishing system"
        elif line.credit and not line.prose:
            kind, note = "credit", _credit_note(line)
        elif line.bio or line.disclaimer or line.caption:
            kind = "author_bio" if line.bio else "disclaimer" if line.disclaimer else "caption"
            note = ""
            line.credit_at = line.trailing_credit if kind == "caption" else 0
        elif line.heading == "sidebar":
            kind, note = "sidebar", "heading of a list of other stories"
        elif line.header or _is_teaser(lines, i) or META_LINE.match(line.text):
            kind, note = "sidebar", "" if line.header else "another story (title, time, comments)"
        elif line.heading == "link" or line.link:
            kind, note = "link", line.link or "heading of a list of links"
            mode = "link" if line.heading else mode
        elif line.heading == "comments" or line.chrome:
            note = line.chrome or "comment-section header"
        elif mode != "chrome":
            kind, note = mode, ""
        if kind == "sidebar" and mode != "sidebar":
            mode = "sidebar"
            before = lines[i - 1] if i > lo else None
            if before and before.note == AFTER_ARTICLE and before.fragment:
                before.label("sidebar", "heading of the sidebar below")
        if line.header:
            i = _walk_header_comments(lines, i, kind="sidebar")
            continue
        line.label(kind, note)
        if _is_teaser(lines, i):
            lines[i + 1].label("sidebar", joins=True)
            i += 1
        i += 1


def _mark_listing(lines: list[_Line]) -> None:
    """Three or more short titles each over a date line: a listing, not one article."""
    titles = [
        i - 1
        for i, line in enumerate(lines)
        if i
        and line.date_line
        and line.kind == "dateline"
        and lines[i - 1].fragment
        and lines[i - 1].words >= 3
    ]
    if len(titles) < 3:
        return
    for n, title in enumerate(titles):
        lines[title].label("listing", "an entry's title (a listing page: several dated entries)")
        for line in lines[title + 2 : titles[n + 1] if n + 1 < len(titles) else len(lines)]:
            if line.kind not in ("body", "standfirst", "subheading", "headline", "link"):
                break
            line.label("listing", "an entry's text (a listing page)", joins=line.joins)


def _credit_note(line: _Line) -> str:
    if SOURCE_LINK.match(line.text):
        return "a link to where the text came from"
    if PHOTO_CREDIT.match(line.text):
        return "photo credit"
    return "credit line (who reported, wrote or edited; where it came from)"


def _parts(text: str, lines: list[_Line], pre: tuple = ()) -> list[Part]:
    """The labelled lines as parts that cover ``text`` from its first to its last character;
    ``pre``: parts found before the lines (front matter, a capture stamp), as part starts."""
    starts: list[tuple] = list(pre)  # (offset, kind, commenter, date, depth, note)
    for line in lines:
        fields = (line.kind or "body", line.commenter, line.date, line.depth, line.note)
        if line.split:
            starts.append((line.start, "dateline", None, None, None, "split from its paragraph"))
            starts.append((line.start + line.split, *fields))
        elif not line.joins or not starts:
            starts.append((line.start, *fields))
        if line.credit_at:
            note = "photo credit at the end of the caption"
            starts.append((line.start + line.credit_at, "credit", None, None, None, note))
    if not starts and text:
        starts.append((0, "boilerplate", None, None, None, "only whitespace"))
    ends = [start for start, *_ in starts[1:]] + [len(text)] if starts else []
    return [
        Part(0 if n == 0 else start, end, kind, text[0 if n == 0 else start : end], *rest)
        for n, ((start, kind, *rest), end) in enumerate(zip(starts, ends, strict=True))
    ]


def parts_table(parts: list[Part]) -> pd.DataFrame:
    """The table of :func:`segment` from :class:`Part` tuples (those of :func:`segment_parts`).

    Each column is built whole with its dtype, then one DataFrame; code that keeps parts of
    many pages as tuples builds its table once with this.

    >>> parts_table(segment_parts("Talks stall\\n\\nTalks stalled, he said."))[["kind", "end"]]
           kind  end
    0  headline   13
    1      body   36
    """
    columns = zip(*parts, strict=True) if parts else [()] * len(COLUMNS)
    start, end, kind, text, commenter, date, depth, note = columns
    index = pd.RangeIndex(len(parts))
    # Text columns get the dtype pandas infers for text (object in an empty table). Dtypes are
    # passed as objects: looking up a dtype by name costs more than building a short column.
    strings = pd.api.types.pandas_dtype("str") if parts else np.dtype(object)
    objects = np.dtype(object)
    return pd.DataFrame(
        {
            "start": np.array(start, dtype=np.int64),
            "end": np.array(end, dtype=np.int64),
            "kind": pd.array(kind, dtype=strings),
            "text": pd.array(text, dtype=strings),
            "commenter": pd.Series(commenter, index=index, dtype=objects),  # None, never NaN
            "date": pd.Series(date, index=index, dtype=objects),
            "depth": pd.array(depth, dtype=pd.Int64Dtype()),
            "note": pd.array(note, dtype=strings),
        },
        index=index,
    )


def segment_parts(source: Source | str) -> list[Part]:
    """The parts of :func:`segment` as plain :class:`Part` tuples, without building a table.

    For code that reads many pages part by part; ``depth`` is None where :func:`segment`
    shows <NA>.

    >>> [(p.kind, p.text) for p in segment_parts("Talks stall\\n\\nTalks stalled, he said.")]
    [('headline', 'Talks stall\\n\\n'), ('body', 'Talks stalled, he said.')]
    """
    if isinstance(source, str):
        source = Source.from_text(source)
    if not isinstance(source, Source):
        raise TypeError(f"segment() expects a Source or a str, not {type(source).__name__}")
    text = source.text
    if len(text) > _CACHED_CHARS:
        return list(_segment_text(text))
    return list(_segment_recent(text))


_CACHED_CHARS = 1_000_000  # pages up to this size are remembered; larger ones never are


@functools.lru_cache(maxsize=128)  # recent pages: segment(), signals and voices read each once
def _segment_recent(text: str) -> tuple[Part, ...]:
    return _segment_text(text)


def _segment_text(text: str) -> tuple[Part, ...]:
    pre, begin, title_key = find_top_markup(text)
    lines = _read_lines(text, begin)
    _join_wrapped(lines)
    head_key, article = _label_head(lines, titled=title_key is not None)
    head_key = head_key or title_key
    comments, layout = _find_comments(lines, article, head_key)
    end = next((i for i in range(article, comments) if _ends_article(lines, i, comments)), comments)
    encyclopedic = len(ENCYCLOPEDIA_MARK.findall(text[:200_000])) >= 2
    _classify_article(lines, article, end, head_key, comments, encyclopedic)
    _classify_tail(lines, end, comments, layout)
    _mark_listing(lines)
    return tuple(_parts(text, lines, tuple(pre)))


def segment(source: Source | str) -> pd.DataFrame:
    """Split a page into parts that cover its raw text exactly, each with a kind and a note.

    Accepts a :class:`~helpers.corpus.Source` or a plain string. Columns: ``start``, ``end``
    (offsets into ``source.text``; ``text == source.text[start:end]``), ``kind`` (one of
    :data:`SEGMENT_KINDS`), ``text``, ``commenter`` and ``date`` (as the page shows them, for
    comments and sidebar comments; ``date`` also for bylines and date lines; else None),
    ``depth`` (thread depth of a comment from its indentation, 0 = top level; else <NA>) and
    ``note`` (why, where a reader might doubt the decision; '' otherwise).

    >>> page = "Talks stall\\n\\nTalks in Astana stalled on Monday, two officials said.\\n"
    >>> for part in segment(page).itertuples():
    ...     print(part.kind, repr(part.text))
    headline 'Talks stall\\n\\n'
    body 'Talks in Astana stalled on Monday, two officials said.\\n'
    """
    return parts_table(segment_parts(source))
