"""The kinds of page parts, and the line patterns they are recognised by: site chrome, link lists,
headings, captions, bylines, datelines, credits, author bios, disclaimers, comment headers and
dates.

:mod:`helpers.segments` reads a page line by line and labels each line with these patterns.
They are data, kept apart so that a new kind of page chrome is one pattern added here, with a
test in ``tests/test_segments.py`` on a page where it fires and one where it must not.

>>> bool(BYLINE.match("By Paul Iddon"))
True
>>> bool(DATELINE.match("MOSCOW (Reuters) - Russia said"))
True
"""

from __future__ import annotations

import re

__all__ = [
    "AFTER_ARTICLE",
    "AD_MARKER",
    "AGENCY_BYLINE",
    "AUTHOR_BIO",
    "BYLINE",
    "CAPTION",
    "CAPTION_CREDIT",
    "CHROME_LINES",
    "CHROME_WORDS",
    "CITATION",
    "COMMENT_HEADER",
    "CREDITS",
    "DATE",
    "DATELINE",
    "DATELINE_PLACE",
    "DATE_LINE",
    "DIGIT",
    "DISCLAIMER",
    "DOUBLE_QUOTE",
    "ENCYCLOPEDIA_MARK",
    "FORUM_USER",
    "FRONT_MATTER",
    "FRONT_MATTER_TITLE",
    "HEADINGS",
    "HEAD_LINES",
    "LINK_WORDS",
    "LIST_ITEM",
    "META_LINE",
    "PHOTO_CREDIT",
    "SCRAPER_STAMP",
    "SEGMENT_KINDS",
    "SOURCE_LINK",
    "SMALL_WORDS",
    "TITLE_WORD",
    "WORD",
    "find_top_markup",
]


#: The kinds of part :func:`helpers.segments.segment` names, each with what it means.
SEGMENT_KINDS = (
    ("headline", "the title of the page's main article"),
    ("standfirst", "the summary line under the headline"),
    ("byline", "who wrote it (By …, Author: …, an agency or desk byline); may carry the date"),
    (
        "credit",
        "who reported, wrote, edited or photographed it, or where it came from: "
        "(Reporting by …), Source: …, a photo credit (REUTERS/Name, [EPA], AFP: …)",
    ),
    ("dateline", "when/where it was filed: a date line, or MOSCOW (Reuters) - before a paragraph"),
    ("subheading", "a section heading inside the article"),
    ("body", "the article's own text"),
    ("caption", "a photo caption, including a second copy of a doubled caption"),
    ("listing", "an entry of a listing page: several dated entries, not one article"),
    ("pullquote", "a display line repeating (often shortened) a sentence of the body"),
    ("link", "READ:/MORE:/Related: teasers, See-also entries, reference and archive debris"),
    ("infobox", "fragments of an encyclopedia infobox (label and value lines)"),
    ("author_bio", "a note about the author after the article"),
    (
        "markup",
        "what a publishing system or scraper left in the text: front matter, ad markers "
        "([ad_1]), a capture stamp ( date 2017-02-15) that is not a publication date",
    ),
    ("disclaimer", "the outlet distancing itself from the text (views expressed …)"),
    ("comment", "a reader comment on this article"),
    ("sidebar", "other stories, and comments on other stories"),
    (
        "boilerplate",
        "site chrome: sign-in, navigation, cookie and newsletter prompts, share "
        "buttons, timing debris, stray counters, copyright",
    ),
)


def _rules(*rules: tuple[str, str]) -> tuple[re.Pattern, tuple[tuple[str, re.Pattern], ...]]:
    """(any rule, each rule): one regex rejects most lines fast, then the rules say why."""
    anyone = re.compile("|".join(pattern for _, pattern in rules))  # flat: fastest
    return anyone, tuple((note, re.compile(pattern)) for note, pattern in rules)


# Site chrome: (note, pattern) pairs, tried on lower-cased lines of up to 25 words (inside the
# article: up to 12, and not prose). CHROME_LINES must match the whole line, CHROME_WORDS match
# where a word starts (patterns start with a literal so that the regex engine skips ahead fast).
CHROME_LINES = _rules(
    ("navigation", r"menu|search|home|close|next|previous|more|loading\W*"),
    ("sign-in chrome", r"register\b.*"),
    (
        "comment form chrome",
        r"(reply|report( abuse)?|like|flag|cancel reply|post comment)"
        r"(\s*\(\d+\))?",
    ),
    ("cookie or legal prompt", r"accept( all)?|manage (preferences|consent)"),
    (
        "share buttons",
        r"share\b.*|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|reddit"
        r"|telegram|copy link|like this:?",
    ),
    ("reading-time label", r"\d+ min(ute)?s? read"),
    ("advertisement", r"advertisement|ads?|sponsored\b.*"),
    ("copyright line", r"copyright\b.*"),
    ("page-timing debris", r"\d+([.,]\d+)?\s*(seconds?|secs?|ms)"),
    ("stray counter", r"\d{1,4}"),
    ("end-of-text mark", r"#{3}|-30-|ends"),
    ("press-release label", r"for immediate release|press release|news release"),
)
CHROME_WORDS = _rules(
    ("navigation", r"skip to (main )?content|jump to (navigation|search)|back to top"),
    (
        "sign-in chrome",
        r"sign(ing)?[ -]?(in|up|out)\b|log(ging)?[ -]?(in|out)\b|not a member"
        r"|forgot(ten)? (your )?password|connect using|create an? (free )?account"
        r"|connect with (facebook|google|twitter|email)",
    ),
    (
        "comment form chrome",
        r"(comment|post)(ing)? as a guest|required fields"
        r"|email (address )?will not be (displayed|published)"
        r"|add (a )?(contribution|comment)|comments are closed"
        r"|(load|show|view) (more|all) comments",
    ),
    (
        "cookie or legal prompt",
        r"cookies?\b|privacy (policy|settings)"
        r"|terms (of|and) (use|service|conditions)",
    ),
    ("newsletter prompt", r"newsletters?\b|subscri(be|ption)|stay informed|get the latest"),
    (
        "share buttons",
        r"share (this|on|via)\b|share with (friends|a friend)"
        r"|share your (stories|story|views|thoughts|photos)|(like|follow) us on\b",
    ),
    ("copyright line", r"©|\(c\) \d{4}|all rights reserved"),
    ("edition or republishing notice", r"article is available in|republish|reuse this content"),
    ("contact line", r"(media|press) (contact|enquiries|inquiries)\b"),
)
LINK_WORDS = _rules(
    (
        "teaser link to another article",
        r"^(read|more|related|see also|also read|read more"
        r"|read also|watch|listen|further reading"
        r"|more on this( story)?)\s*[:|»>]\s*\S",
    ),
    (
        "reference or archive debris",
        r"wayback machine|^archived from\b|^retrieved\s+\d|isbn\b"
        r"|doi:",
    ),
)
# Short lines that head a section: the article ends there; what follows is of that sort.
HEADINGS = re.compile(
    r"^(?:(?P<link>see also|references|external links|further reading|notes|sources|topics"
    r"|related( topics| stories| articles| links| content)?|more on this (story|topic)"
    r"|check also|also read|read also|you may also read|see more|more news)"
    r"|(?P<sidebar>elsewhere on\b.*|more from\b.*|most (read|popular|viewed|shared)\b.*"
    r"|top stories|latest( news| stories)?|you (may|might) also like\b.*|recommended( for you)?"
    r"|trending( now)?|editor'?s picks|recent posts|popular( now| posts)?|in other news)"
    r"|(?P<comments>\d+\s+(comments?|responses?|replies)|comments?(\s*\(\d+\))?"
    r"|\d*\s*thoughts? on\b.*|(join|start) the (conversation|discussion)|reader comments"
    r"|leave a (reply|comment)|discussion))\s*:?$",
    re.I,
)
CAPTION = re.compile(
    r"^(photo|picture|image|photograph|caption|pictured|image caption|media caption"
    r"|image copyright|image source)\s*[:|]?\s"  # Photo: … / Image caption …
    r"|\(([^()]{0,80}/)?\s*(AFP|AP|Reuters|EPA|Getty( Images)?|Anadolu|Xinhua|SANA|TASS"
    r"|Sputnik|Shutterstock|AAP|Pool|File)( Photo)?\s*\)\s*$"  # … (AFP), (Name/Reuters)
    r"|\b(AP|AFP|Reuters|EPA|file) photos?\b|(?-i:\b(REUTERS|AFP|EPA)/\w)|\bgetty images\b"
    r"|/(AFP|AP|Reuters|EPA|Getty Images)\s*$|\bphoto(graph)?:\s|\bphoto by\s|\bcredit:"
    r"|\((left|right|centre|center|pictured|top|above|below)\)",
    re.I,
)
_MONTH = r"(?i:(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_ORDINAL = r"(?i:st|nd|rd|th)?"
_DAY = (
    rf"(\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|{_MONTH} \d{{1,2}}{_ORDINAL},? \d{{4}}"
    rf"|\d{{1,2}}{_ORDINAL} {_MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_TIME = r"\d{1,2}[:.]\d{2}(:\d{2})?\s*([ap]\.?m\.?)?"
_DATE = rf"{_DAY}(,?\s*(at\s+|[-–|]\s*)?{_TIME})?"
_NAME = r"[^\s|:][^|:\n]{0,40}?"
COMMENT_HEADER = re.compile(
    rf"^((?P<name1>{_NAME})\s*\|\s*(?P<date1>{_DATE})"  # Name | 21/7/2016
    rf"|(?P<name2>{_NAME})\s+says:\s*(?P<date2>{_DATE})?"  # Name says: <date>
    rf"|(?P<name3>{_NAME})\s+on\s+(?P<date3>{_DAY},?\s*(at\s+)?{_TIME})\s*(said:?)?"
    rf"|«\s*(reply\s*#\d+\s*)?on:\s*(?P<date4>{_DATE})\s*»)\s*$",  # forum post: « on: <date> »
    re.I,
)
DATE = re.compile(_DATE, re.I)
DATE_LINE = re.compile(
    rf"^((published|updated|posted|last updated)\s*(on)?\s*:?\s*"
    r"|(?-i:[A-Z][\w.&]*( [A-Z][\w.&]*){0,2})\s*/\s*)?"  # Reuters / Thursday, December 15, 2016
    rf"((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?{_DATE}"
    r"(\s*(GMT|UTC|BST|EST|EDT|CET|MSK|ET))?$",
    re.I,
)
BYLINE = re.compile(
    r"^(By|BY|Written by|Posted by|Words by|Author:|AUTHOR:)\s*"  # a name, or an agency
    r"([A-Z][\w.'’-]+\s+[A-Z]|[A-Z]{2,}\b)"
    rf"|^(?i:posted|published)\s+(on\s+)?{_DATE}\s+by\s+\S"
)
CREDITS = re.compile(
    r"^\(?((additional\s+)?(reporting|writing|editing|compiled|translated)\s+by\s+[A-Z]"
    r"|sources?:\s)",
    re.I,
)
# Who took a picture, at the end of its caption: "… Moscow. Source: Ria Novosti/Alexander Vilf",
# "… Manbij. Photo: ARA News", "… 2016. REUTERS/Abdalrhman Ismail", "… Aleppo [EPA]".
CAPTION_CREDIT = re.compile(
    r"(?:(?<=[.!?)\]”\"])\s*|\s+)"
    r"((?:photo(?:graph)?s?|pictures?|images?|credit|source)\s*(?:by\b|:)\s*[^.;]{2,60}?"
    r"|(?-i:[A-Z]{2,}(?:/[A-Z][\w'’.-]*(?:\s(?:(?:of|the|and|de|al|el|bin|for)\s)?"
    r"[A-Z][\w'’.-]*){0,4})+)"
    r"|\[(?-i:[A-Z])[^\]\n]{1,40}\])\s*$",
    re.I,
)
# A photo credit standing alone under a caption: "AFP: Russian Defence Ministry".
PHOTO_CREDIT = re.compile(
    r"^(AFP|AP|Reuters|REUTERS|EPA|Getty Images|AAP|Supplied|Anadolu|Xinhua|SANA|TASS|Sputnik"
    r"|Pool|File)(\s*/\s*[\w ]+)?\s*:\s*\S"
)
SOURCE_LINK = re.compile(r"^(source|source link|original source|original article|via)\s*$", re.I)
# A byline that names an agency or a desk, not a person: "February 5, 2017 TASS",
# "World Bulletin / News Desk".
AGENCY_BYLINE = re.compile(
    rf"^{_DATE}\s+(?-i:[A-Z][A-Za-z.&]+( [A-Z][A-Za-z.&]+){{0,2}})$"
    r"|^(?-i:[A-Z][\w.&]*( [A-Z][\w.&]*){0,3})\s*/\s*(news|web|online|foreign)\s+desk$",
    re.I,
)
FORUM_USER = re.compile(r"^(Offline|Online)\s+\S{1,40}$")  # the status line above a forum post
# What a publishing system or scraper left in the text: front matter of a static-site post
# (``---`` … ``---`` with ``key: value`` lines, whitespace-collapsed on HTML pages), ad markers
# ([ad_1]) and a capture stamp at the very start (" date 2017-02-15").
FRONT_MATTER = re.compile(r"\A\s*---\s+(?=[\w-]+:)(.*?)\s---(?=\s|\Z)", re.S)
FRONT_MATTER_TITLE = re.compile(
    r"(?:^|\s)(?:post_title|title):\s*(?:>-?\s+|\|-?\s+)?"
    r"(?P<value>'.*?'|\".*?\"|.+?)(?=\s+[\w-]+:\s|\s*\Z)",
    re.S,
)
AD_MARKER = re.compile(r"^\[/?(ad_?\d*|advert|advertisement)\]$", re.I)
SCRAPER_STAMP = re.compile(r"\A\s?date \d{4}-\d{2}-\d{2}\b[ \t]*")
DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]{2,}([ /][A-Z][A-Z'’.-]+){0,3}"  # MOSCOW (Reuters) -
    r"(,\s*[A-Z][\w.'’-]*(\s[A-Z][\w.'’-]*){0,2})?\s*"
    r"(\([A-Za-z][\w. ]{1,20}\)\s*)?(--|[-–—])\s+(?=\S)"
)
# A dateline without a dash, the place in capitals before the first sentence: "AMMAN Syrian
# warplanes …", "MADAYA, Syria An aid convoy …". Five capitals at least (or a region after a
# comma), so that an acronym opening a sentence ("NATO said") is not taken for a place.
DATELINE_PLACE = re.compile(
    r"^(?=[A-Z'’.-]{5,}\b|[A-Z'’.-]{3,},)"
    r"[A-Z][A-Z'’.-]{2,}( [A-Z][A-Z'’-]{2,}\b(?!\.)){0,2}(,\s*[A-Z][a-z]+( [A-Z][a-z]+)?)?"
    r"\s+(?=[A-Z“\"‘][a-z.]|[A-Z]\.)"
)
AUTHOR_BIO = re.compile(
    r"^((?i:about the author)\b|[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
    r"\s+(is|was)\s+((a|an|the)\s.*?|([\w-]+\s+){0,3})\b(?i:reporter|journalist|correspondent"
    r"|columnist|writer|editor|author|analyst|researcher|fellow|professor"
    r"|lecturer|contributor|commentator|blogger|scholar|producer)s?\b)"
)
DISCLAIMER = re.compile(
    r"^disclaimer\b|\b(views|opinions)\b.*\b(expressed|necessarily|own)\b.*"
    r"\b(author|editorial|publication|writer|contributor|site|newspaper)"
    r"|\b(author|writer|contributor)'?s?\b.*\b(views|opinions)\b.*"
    r"\b(expressed|necessarily|own)\b",
    re.I,
)
META_LINE = re.compile(r"^\|\s*\S")  # "| yesterday at 11:47 | (1)" under a story title
LIST_ITEM = re.compile(r"^(\d{1,3}[.)]|[•◦▪·*‣–-])\s+\S")
CITATION = re.compile(r"\[(\d+|edit|citation needed)\]", re.I)
ENCYCLOPEDIA_MARK = re.compile(r"\[(?:\d+|edit)\]")  # two or more: an encyclopedia page
WORD = re.compile(r"\w+")
TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
DIGIT = re.compile(r"\d")
DOUBLE_QUOTE = re.compile('["“”]')
SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "is"]
)
AFTER_ARTICLE = "after the article: site chrome"
HEAD_LINES = 300  # the article starts within this many non-blank lines, or there is no head


def find_top_markup(text: str) -> tuple[list[tuple], int, str | None]:
    """Part starts ``(offset, kind, None, None, None, note)`` of a capture stamp and front
    matter at the top of a page, where the page's own lines begin, and the front matter's
    title as words (None if it gives none).

    >>> starts, begin, title = find_top_markup("---\\ntitle: Talks stall\\n---\\nText.")
    >>> [s[:2] for s in starts], begin, title
    ([(0, 'markup'), (11, 'headline'), (22, 'markup')], 26, 'talks stall')
    """
    pre: list[tuple] = []
    begin, title_key = 0, None
    stamp = SCRAPER_STAMP.match(text)
    if stamp and stamp.end():
        note = "a capture stamp left by the scraper, not a publication date"
        pre.append((0, "markup", None, None, None, note))
        begin = stamp.end()
    front = FRONT_MATTER.match(text[begin : begin + 20_000])
    if front:
        note = "front matter of a static-site post"
        pre.append((begin, "markup", None, None, None, note))
        title = FRONT_MATTER_TITLE.search(text, begin, begin + front.end(1))
        if title:
            start, end = title.span("value")
            if text[start] in "'\"":
                start, end = start + 1, end - 1
            pre.append((start, "headline", None, None, None, "the title in the front matter"))
            pre.append((end, "markup", None, None, None, note))
            title_key = " ".join(WORD.findall(text[start:end].lower()))
        begin += front.end()
    return pre, begin, title_key
