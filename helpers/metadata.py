"""Page metadata: a page's title, author, publication date, outlet and address, with evidence.

:func:`page_metadata` answers five questions about one page and says, for each, what on the
page supports the answer: one row per field (``title``, ``author``, ``published``, ``outlet``,
``url``) with the ``value``, its ``basis`` (``text``: the page states it; ``inferred``: it
follows from something the page states, and the note says from what; ``unknown``: nothing on
the page supports it, and the note says why), the evidence span ``start``/``end`` and a ``note``.

Spans are offsets into ``source.raw``, the decoded file (for a text page the same as
``source.text``): on an HTML page the evidence is often in the markup (``<meta>``, JSON-LD,
``<link rel="canonical">``), which the visible text does not contain. −1 means no evidence.

Where the answers come from, best first:

- **the markup** (HTML): ``<meta>`` (``og:title``, ``og:site_name``, ``og:url``,
  ``article:published_time``, ``author``, ``citation_*``, ``dc.*``…), JSON-LD
  (``headline``, ``author``, ``datePublished``, ``publisher``, ``url``),
  ``<link rel="canonical">``, ``<time datetime>``, ``<h1>`` and ``<title>`` -- the same
  sources htmldate and trafilatura read, read here with the standard library's HTML parser so
  that every value keeps its place in the file;
- **front matter** of a static-site post (``---`` … ``---``: ``title``/``post_title``,
  ``author``, ``date``/``post_date``, ``permalink``/``url``);
- **the page's parts** (:func:`helpers.segments.segment`): the headline; credit lines
  ("Reporting by …", before a generic byline), bylines ("By …", "Author: …", an agency or desk
  byline, a forum user), photo credits repeated on every picture; date lines and dated bylines
  in the head; a masthead above the headline; an agency tag ("MOSCOW (Reuters) -",
  "Reuters / Thursday …"), a desk byline ("World Bulletin / News Desk"), "Source: …" and a
  copyright line for the outlet; the page's own address where the page shows it, and a date in
  that address.

Not publication dates: "Updated"/"accessed"/"retrieved" stamps, and a scraper's capture stamp
(" date 2017-02-15" at the very top). Not titles: boilerplate such as "Reuters logo", "Tag
Archives: Iraq" or a time stamp.

Limits, honestly: the rules read English layout and wording; an outlet that names itself only
in running text ("ISW assessed …") or a date the reader would work out from the events
described is left unknown -- the note says what the page offers instead.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import NamedTuple

import pandas as pd

from helpers.corpus import Source
from helpers.page_patterns import DATE, FRONT_MATTER
from helpers.segments import Part, segment_parts

__all__ = ["FIELDS", "METADATA_COLUMNS", "iso_date", "page_metadata", "raw_span"]

FIELDS = ("title", "author", "published", "outlet", "url")
METADATA_COLUMNS = ("field", "value", "basis", "start", "end", "note")


class _Found(NamedTuple):
    value: str
    basis: str
    start: int
    end: int
    note: str


def _read_at(value: str, start: int, note: str) -> _Found:
    """A value read from the text at ``start``, its evidence the value itself."""
    return _Found(value, "text", start, start + len(value), note)


# --------------------------------------------------------------------------- small readers

_MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ISO = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})")
_MDY = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})")
_DMY = re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})")
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<mon>\d{2})(?:[/-](?P<day>\d{2}))?(?=[/-])"
)


def iso_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None.

    >>> iso_date("Published September 28th, 2015 - 11:00 GMT"), iso_date("6 October, 2016")
    ('2015-09-28', '2016-10-06')
    >>> iso_date("post_date: 2016-05-08 15:15:08"), iso_date("on Sunday") is None
    ('2016-05-08', True)
    """
    found = []
    for pattern in (_ISO, _MDY, _DMY, _NUMERIC):
        for match in pattern.finditer(text):
            found.append((match.start(), pattern, match))
            break
    for _, pattern, match in sorted(found, key=lambda f: f[0]):
        year = int(match["year"])
        if pattern is _NUMERIC:
            a, b = int(match["a"]), int(match["b"])
            day, month = (a, b) if a > 12 or b <= 12 else (b, a)  # day first unless impossible
        elif pattern is _ISO:
            day, month = int(match["day"]), int(match["mon"])
        else:
            day, month = int(match["day"]), _MONTHS.get(match["month"].lower(), 0)
        if 1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2100:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _clean(value: str) -> str:
    return " ".join(html.unescape(value).split())


def raw_span(source: Source, start: int, end: int) -> tuple[int, int]:
    """Where ``source.text[start:end]`` stands in ``source.raw`` (the decoded file).

    The same offsets for a text page; on an HTML page, the first place in the file where the
    same words stand, tags and character references allowed between and inside them; (−1, −1)
    if they cannot be found.

    >>> page = Source.from_text("Talks stall")
    >>> raw_span(page, 0, 5)
    (0, 5)
    """
    raw = source.raw if source.raw is not None else source.text
    if raw is source.text or raw == source.text:
        return start, end
    words = source.text[start:end].split()
    if not words:
        return -1, -1
    loose = r"(?:\s|<[^>]*>|&nbsp;|&#160;)+"
    pattern = loose.join(
        "".join(re.escape(c) if c.isalnum() else f"(?:{re.escape(c)}|&#?\\w+;)" for c in word)
        for word in words[:60]
    )
    found = re.search(pattern, raw)
    return found.span() if found else (-1, -1)


# --------------------------------------------------------------------------- the markup


class _MarkupReader(HTMLParser):
    """``<meta>``, ``<link>``, ``<time>``, ``<title>``, ``<h1>`` and JSON-LD, with raw spans."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
        self.meta: list[tuple[str, str, int, int]] = []  # (key, value, start, end)
        self.blocks: dict[str, list[tuple[str, int, int]]] = {"title": [], "h1": [], "ld": []}
        self._open: tuple[str, int] | None = None
        self._text: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _attribute_span(self, value: str) -> tuple[int, int]:
        tag_start = self._offset()
        tag = self.get_starttag_text() or ""
        for form in (value, html.escape(value, quote=True), html.escape(value, quote=False)):
            at = tag.find(form) if form else -1
            if at >= 0:
                return tag_start + at, tag_start + at + len(form)
        return tag_start, tag_start + len(tag)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs_ = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta" and attrs_.get("content"):
            key = attrs_.get("property") or attrs_.get("name") or attrs_.get("itemprop") or ""
            if key:
                value = attrs_["content"]
                self.meta.append((key.lower(), value, *self._attribute_span(value)))
        elif tag == "link" and "canonical" in attrs_.get("rel", "").lower().split():
            if attrs_.get("href"):
                self.meta.append(
                    ("canonical", attrs_["href"], *self._attribute_span(attrs_["href"]))
                )
        elif tag == "time" and attrs_.get("datetime"):
            key = "time pubdate" if "pubdate" in attrs_ or "published" in str(attrs_) else "time"
            value = attrs_["datetime"]
            self.meta.append((key, value, *self._attribute_span(value)))
        elif tag in ("title", "h1") or (
            tag == "script" and "ld+json" in attrs_.get("type", "").lower()
        ):
            start = self._offset() + len(self.get_starttag_text() or "")
            self._open, self._text = ("ld" if tag == "script" else tag, start), []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self._open = None if self._open and self._open[0] == tag else self._open

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == ("ld" if tag == "script" else tag):
            kind, start = self._open
            self.blocks[kind].append(("".join(self._text), start, self._offset()))
            self._open = None


def _markup(source: Source) -> dict[str, list[_Found]]:
    """Candidates from the HTML markup, by field, best first."""
    out: dict[str, list[_Found]] = {f: [] for f in FIELDS}
    raw = source.raw or ""
    if source.format != "html" or "<" not in raw:
        return out
    reader = _MarkupReader(raw)
    try:
        reader.feed(raw)
        reader.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    keys = {
        "title": ("og:title", "twitter:title", "citation_title", "dc.title", "headline"),
        "author": ("author", "article:author", "citation_author", "dc.creator", "byl",
                   "parsely-author", "sailthru.author"),
        "published": ("article:published_time", "datepublished", "citation_publication_date",
                      "dc.date", "dc.date.issued", "pubdate", "publishdate", "date",
                      "og:article:published_time", "parsely-pub-date", "sailthru.date",
                      "time pubdate"),
        "outlet": ("og:site_name", "application-name", "citation_journal_title",
                   "dc.publisher", "publisher"),
        "url": ("canonical", "og:url", "twitter:url"),
    }  # fmt: skip
    for field, wanted in keys.items():
        for key in wanted:
            for k, value, start, end in reader.meta:
                if field == "published":
                    value = iso_date(value) or ""
                if k == key and _clean(value):
                    out[field].append(
                        _Found(_clean(value), "text", start, end, f"<{key}> in the markup")
                    )
    for text, start, end in reader.blocks["ld"]:
        _json_ld(text, raw, start, end, out)
    for kind, note in (("h1", "the page's <h1>"), ("title", "the page's <title>")):
        for text, start, end in reader.blocks[kind]:
            if _clean(text):
                value = _clean(text) if kind == "h1" else _strip_site(_clean(text))[0]
                out["title"].append(_Found(value, "text", start, end, note))
    return out


def _json_ld(text: str, raw: str, start: int, end: int, out: dict[str, list[_Found]]) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    items = data if isinstance(data, list) else [data]
    items += [g for item in list(items) if isinstance(item, dict) for g in item.get("@graph", [])]

    def name(value):
        if isinstance(value, list):
            return ", ".join(filter(None, (name(v) for v in value)))
        if isinstance(value, dict):
            return value.get("name") or ""
        return value if isinstance(value, str) else ""

    for item in items:
        if not isinstance(item, dict):
            continue
        for field, keys in (
            ("title", ("headline", "name")),
            ("author", ("author", "creator")),
            ("published", ("datePublished", "dateCreated")),
            ("outlet", ("publisher",)),
            ("url", ("url", "mainEntityOfPage")),
        ):
            for key in keys:
                value = _clean(name(item.get(key)) if field != "url" else str(
                    item.get(key, {}).get("@id", "") if isinstance(item.get(key), dict)
                    else item.get(key) or ""))  # fmt: skip
                if value:
                    at = raw.find(json.dumps(value)[1:-1], start, end)
                    span = (at, at + len(json.dumps(value)[1:-1])) if at >= 0 else (start, end)
                    out[field].append(_Found(value, "text", *span, f"JSON-LD {key}"))
                    break


# --------------------------------------------------------------------------- front matter

_KEY_LINE = re.compile(r"^(?P<key>[\w-]+):[ \t]*(?P<rest>.*)$", re.M)


def _front_matter(source: Source) -> dict[str, list[_Found]]:
    """Candidates from a static-site post's front matter (``---`` … ``---`` at the top)."""
    out: dict[str, list[_Found]] = {f: [] for f in FIELDS}
    raw = source.raw if source.raw is not None else source.text
    block = FRONT_MATTER.match(raw[:20_000])
    if not block or "\n" not in block.group(1):
        return out
    body_start, body_end = block.span(1)
    fields = {
        "title": ("title", "post_title"),
        "author": ("author",),
        "published": ("date", "post_date", "published_date"),
        "url": ("permalink", "url"),
    }
    for match in _KEY_LINE.finditer(raw, body_start, body_end):
        key, rest = match["key"].lower(), match["rest"].strip()
        field = next((f for f, keys in fields.items() if key in keys), None)
        if field is None:
            continue
        start, end = match.start("rest"), match.end("rest")
        if rest in (">", "|", ">-", "|-", ""):  # a folded value on the indented lines below
            below = re.match(r"(?:\n[ \t]+\S[^\n]*)+", raw[match.end() : body_end])
            if not below or rest == "":
                continue
            start = match.end() + len(below.group()) - len(below.group().lstrip())
            end = match.end() + below.end()
        value = raw[start:end].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            start, end, value = start + 1, end - 1, value[1:-1]
        value = _clean(value)
        if field == "title":
            value = _strip_site(value)[0]
        if field == "published":
            value = iso_date(value) or ""
        if value:
            out[field].append(_Found(value, "text", start, end, f"'{key}' in the front matter"))
    return out


# --------------------------------------------------------------------------- the page's parts

_BOILERPLATE_TITLE = re.compile(
    r"\blogo\b|^(tag|category|topic|author|date|monthly|yearly|daily)?\s*archives?\b"
    r"|^(tag|category|topic)s?\s*:|^(home|untitled|index|page not found|404\b|access denied"
    r"|just a moment|skip to|menu|search|sign in|log in)"
    r"|^[\d\s:./,-]*\d[\d\s:./,-]*((am|pm|gmt|utc|[a-z]{3})\b\W*)*$",
    re.I,
)
_TITLE_LABEL = re.compile(r"^(author\s+)?topic:\s*|\s*\(read \d+ times\)$", re.I)
_SITE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?P<site>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})$")
_WRITER = re.compile(
    r"(?<!additional )\b(?i:reporting|writing|written|compiled)\s+by\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|al|bin|de|van|von)){0,4}"
    r"(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?)"
)
_BYLINE_LEAD = re.compile(
    r"^(by|written by|posted by|words by|author:|offline|online)\s*|^posted\s+(on\s+)?.*?\s+by\s+",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|SANA|TASS)/(?P<name>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})"
)
_AGENCY_TAG = re.compile(
    r"\((?P<name>Reuters|AP|AFP|Xinhua|Anadolu|dpa|Interfax|TASS|IRNA|SANA)\)"
    r"|^/(?P<slash>[A-Z][\w ]{1,20})/"
)
_AGENCY_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2})\s*/\s*(?:\w+,?\s+)?\w+ \d|"
    r"^(?P<desk>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3})\s*/\s*(?i:(?:news|web|online|foreign)\s+desk)"
)
_SOURCE_CREDIT = re.compile(
    r"^\(?sources?:\s*(?P<name>[A-Z][\w.&'’ -]{1,40}?)"
    r"(?:\s+and\s+(?:other\s+)?news agencies)?\s*\)?\.?\s*$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?"
    r"(?P<name>[A-Z][\w.&' -]{1,40}?)(?:[.,]|\s+all rights|\s*$)",
    re.I,
)
_BIO_NAME = re.compile(r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+(?:is|was)\s")
_POLICY = re.compile(
    r"\beditorial (?:policy|line|position) of "
    r"(?P<name>(?:the )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,4})"
    r"|\bavailable in \w+ on (?P<edition>[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})"
)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_URL_LINE = re.compile(
    r"^\s*(?:(?:url|source url|permalink|link|address)\s*:\s*)?(https?://[^\s<>\"]+)\s*$",
    re.I | re.M,
)
_RELATIVE_DAY = re.compile(
    r"\b(on|last|this|since|by)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(yesterday|today|last week|last month)\b",
    re.I,
)
_NOT_PUBLISHED = re.compile(
    r"\b(updated|modified|accessed|retrieved|printed|generated|captured)\b", re.I
)


def _strip_site(title: str) -> tuple[str, str | None]:
    """A title without a trailing " – Site" (only a short, capitalised site name)."""
    match = _SITE_SUFFIX.search(title)
    if match and len(title[: match.start()].split()) >= 4:
        return title[: match.start()].strip(), match["site"].strip()
    return title, None


def _name_like(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’.&-]*", text) if w.lower() not in
             {"of", "the", "for", "and", "on", "in", "a", "an", "de", "al"}]  # fmt: skip
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _from_parts(source: Source, parts: list[Part]) -> dict[str, list[_Found]]:
    """Candidates from the page's parts, by field, best first; spans in ``source.text``."""
    text = source.text
    out: dict[str, list[_Found]] = {f: [] for f in FIELDS}
    head_index = next((n for n, p in enumerate(parts) if p.kind == "headline"), None)
    body_seen = 0
    writers, bylines, photo, dated, outlets, masthead, suffix = [], [], {}, [], [], [], []
    bios: list[_Found] = []
    for n, part in enumerate(parts):
        chunk = part.text.strip()
        at = part.start + len(part.text) - len(part.text.lstrip())
        if part.kind == "body":
            body_seen += 1
            tag = _AGENCY_TAG.search(chunk[:80]) if body_seen <= 1 else None
            if tag:
                name = tag["name"] or tag["slash"]
                s = at + tag.start("name" if tag["name"] else "slash")
                outlets.append(_read_at(name, s, "agency tag at the start of the article"))
        if part.kind == "headline" and not out["title"]:
            title = _TITLE_LABEL.sub("", " ".join(chunk.split()))
            if title and not _BOILERPLATE_TITLE.search(title):
                value, site = _strip_site(title)
                out["title"].append(_Found(value, "text", at, at + len(chunk), "the headline"))
                if site:
                    s = text.find(site, at)
                    suffix.append(_read_at(site, s, "site name after the headline"))
        elif part.kind == "credit":
            writer = _WRITER.search(chunk)
            if writer:
                s = at + writer.start("name")
                writers.append(_read_at(writer["name"], s, "credit line: who reported or wrote it"))
            source_credit = _SOURCE_CREDIT.match(chunk)
            if source_credit and "/" not in chunk:
                s = at + source_credit.start("name")
                outlets.append(_read_at(source_credit["name"].strip(), s, "'Source:' credit line"))
            for match in _PHOTO_CREDIT.finditer(chunk):
                photo.setdefault(match["name"], []).append(at + match.start("name"))
        elif part.kind == "byline":
            line = chunk.split("\n")[0].strip()
            desk = _AGENCY_LINE.match(line)
            if desk and desk["desk"]:
                outlets.append(_read_at(desk["desk"], at, "desk byline"))
            name = _BYLINE_LEAD.sub("", line)
            if part.date:
                name = name.replace(part.date, " ")
            name = DATE.sub(" ", name) if DATE.search(name) else name
            name = " ".join(name.strip(" |,-–").split())
            if name and len(name.split()) <= 8:
                s = text.find(name, at) if text.find(name, at) >= 0 else at
                bylines.append(_read_at(name, s, "byline"))
            if part.date and iso_date(part.date):
                s = text.find(part.date, at)
                dated.append((iso_date(part.date), s, s + len(part.date), "date in the byline"))
        if part.kind in ("dateline", "comment") and part.date and body_seen <= 3:
            if part.kind == "comment" and body_seen:
                continue
            if not _NOT_PUBLISHED.search(chunk) and iso_date(part.date):
                s = text.find(part.date, at)
                agency = _AGENCY_LINE.match(chunk)
                if agency and agency["name"]:
                    outlets.append(_read_at(agency["name"], at, "agency and date line"))
                dated.append(
                    (
                        iso_date(part.date),
                        s,
                        s + len(part.date),
                        "date of the forum post" if part.kind == "comment" else "date line",
                    )
                )
        if (
            head_index is not None
            and n < head_index
            and part.kind == "boilerplate"
            and part.note == "above the headline: site chrome"
        ):
            line = chunk.lstrip("•*·- ")
            if (
                2 <= len(line.split()) <= 8
                and ":" not in line
                and not re.search(r"\d", line)
                and not line.endswith(".")
                and "\n" not in line
                and (_name_like(line) or re.search(r"\bofficial (web)?site of\b", line, re.I))
                and (len(line.split()) >= 3 or text.count(line) >= 2)  # not a lone banner
            ):
                value = re.sub(r"^(an?)\s+", "", line, flags=re.I)
                s = at + len(line) - len(value) + (len(chunk) - len(chunk.lstrip("•*·- ")))
                masthead.append(_read_at(value, s, "masthead above the headline"))
        if part.kind == "author_bio":
            bio = _BIO_NAME.match(chunk)
            if bio:
                bios.append(_read_at(bio["name"], at, "author bio"))
        if part.kind in ("disclaimer", "boilerplate"):
            policy = _POLICY.search(chunk)
            if policy:
                group = "name" if policy["name"] else "edition"
                s, name = at + policy.start(group), policy[group].strip()
                outlets.append(_read_at(name, s, "the outlet's own notice"))
        if part.kind == "boilerplate" and ("©" in chunk or "copyright" in chunk.lower()):
            match = _COPYRIGHT.search(chunk)
            if match and _name_like(match["name"]):
                s = at + match.start("name")
                outlets.append(_read_at(match["name"].strip(), s, "copyright line"))
    out["author"] = writers + bylines + bios
    repeated = [name for name, spots in photo.items() if len(spots) >= 2]
    if repeated:
        s = photo[repeated[0]][0]
        out["author"].append(_read_at(repeated[0], s, "photographer credited on every picture"))
    out["published"] = [_Found(iso, "text", s, e, note) for iso, s, e, note in dated]
    out["outlet"] = masthead + outlets + suffix
    for match in _URL_LINE.finditer(
        text[:2000] + "\n" + text[-2000:] if len(text) > 4000 else text
    ):
        url = match.group(1).rstrip(".,;")
        s = text.find(url)
        out["url"].append(_read_at(url, s, "the page shows its address"))
        break
    return out


# --------------------------------------------------------------------------- the table


def _unknown_note(field: str, source: Source, parts: list[Part]) -> str:
    text = source.text
    if field == "title":
        return "no headline on the page (or only boilerplate such as a logo's name or a time stamp)"
    if field == "author":
        return "no byline, credit line or author field on the page"
    if field == "outlet":
        return (
            "the page does not name its outlet "
            "(no masthead, site name, agency tag or copyright line)"
        )
    if field == "url":
        return "the page does not show its own address"
    note = "no publication date on the page"
    relative = _RELATIVE_DAY.search(text)
    if relative:
        note += f"; only relative days ('{relative.group()}')"
    if any(p.kind == "markup" and "capture stamp" in p.note for p in parts):
        note += "; the capture stamp at the top is not a publication date"
    return note


def page_metadata(source: Source | str) -> pd.DataFrame:
    """Title, author, publication date, outlet and address of a page, each with its evidence.

    One row per field (``title``, ``author``, ``published``, ``outlet``, ``url``); columns
    ``field``, ``value`` (None when unknown; ``published`` as YYYY-MM-DD), ``basis`` (text,
    inferred or unknown), ``start``/``end`` (the evidence, as offsets into ``source.raw``; −1
    if none) and ``note`` (where the value comes from, or why it is unknown).

    >>> page = "Talks stall\\n\\nBy Ann Lee\\n\\nMay 3, 2016\\n\\nTalks stalled, they said."
    >>> table = page_metadata(page)
    >>> table[["field", "value", "basis"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['title', 'Talks stall', 'text'], ['author', 'Ann Lee', 'text'],
     ['published', '2016-05-03', 'text'], ['outlet', None, 'unknown'], ['url', None, 'unknown']]
    >>> page[table.start[1] : table.end[1]]
    'Ann Lee'
    """
    if isinstance(source, str):
        source = Source.from_text(source)
    if not isinstance(source, Source):
        raise TypeError(f"page_metadata() expects a Source or a str, not {type(source).__name__}")
    parts = segment_parts(source)
    markup, front, found = _markup(source), _front_matter(source), _from_parts(source, parts)
    for field in FIELDS:  # spans of the parts' evidence are offsets into the text: into the file
        found[field] = [
            f._replace(start=s, end=e) if f.start >= 0 else f
            for f in found[field]
            for s, e in [raw_span(source, f.start, f.end) if f.start >= 0 else (-1, -1)]
        ]
    url = next(iter(front["url"] + markup["url"] + found["url"]), None)
    order = {
        "title": front["title"] + markup["title"][:1] + found["title"] + markup["title"][1:],
        "author": found["author"][:1]
        if found["author"] and found["author"][0].note.startswith("credit")
        else [],
        "published": front["published"] + markup["published"] + found["published"],
        "outlet": markup["outlet"],
        "url": [url] if url else [],
    }
    order["author"] += markup["author"] + [a for a in found["author"] if a not in order["author"]]
    order["author"] += front["author"]
    if url:
        host = re.match(r"https?://(?:www\.)?([^/:?#]+)", url.value)
        if host:
            at = (source.raw or source.text).find(host.group(1), max(url.start, 0))
            order["outlet"].append(
                _Found(
                    host.group(1),
                    "text",
                    at,
                    at + len(host.group(1)) if at >= 0 else -1,
                    f"the site of the page's own address ({url.note})",
                )
            )
            date = _URL_DATE.search(url.value)
            if date:
                value = "-".join(g for g in (date["year"], date["mon"], date["day"]) if g)
                basis = "text" if date["day"] else "inferred"
                order["published"].append(
                    _Found(
                        value,
                        basis,
                        url.start,
                        url.end,
                        "a date in the page's own address"
                        + ("" if date["day"] else " (month only)"),
                    )
                )
    order["outlet"] += found["outlet"]
    rows = []
    for field in FIELDS:
        candidates = [
            c
            for c in order[field]
            if c.value and not (field == "title" and _BOILERPLATE_TITLE.search(c.value))
        ]
        if candidates:
            best = candidates[0]
            rows.append((field, best.value, best.basis, best.start, best.end, best.note))
        else:
            rows.append((field, None, "unknown", -1, -1, _unknown_note(field, source, parts)))
    columns = list(zip(*rows, strict=True))
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype="int64" if name in ("start", "end") else object)
            for name, values in zip(METADATA_COLUMNS, columns, strict=True)
        }
    )
