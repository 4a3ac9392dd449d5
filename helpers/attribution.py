"""Attribution: who first said it, and through whose hands it reached you.

News text passes claims along: "Kofman told Rudaw English". :func:`find_attributions` finds
such markers with a few regular expressions (:func:`attribution_markers` gives them as tuples
for other modules) and :func:`hands` counts the retellings in a chain from the original witness
to the reader.

Cues (the ``cue`` column) and the forms each recognises
-------------------------------------------------------
- ``said``: "X said/says/added/explained/…", and after a comma or quote "…,” says X" (the
  verbs are :data:`helpers.lexicon.REPORTING_VERBS`, shared with the reliability signals and
  the voices, except the telling verbs, which are the ``told`` cue);
- ``told``: "X told Y", "X explained to Y", "sources told Y" (Y is the channel, if named);
- ``according-to``: "according to X";  ``citing``: "citing X";
- ``reports``: "Y reports/reported", "…, reports Y", "as reported by Y", and the glued
  "The Guardianreports" (a lost space is repaired only after a name in :data:`OUTLET_WORDS`);
- ``quoted-by``: "X, quoted by Y", "X was quoted by Y", "Y quoted X as saying";
- ``statement``: "a/the statement issued by X", "X said in a statement", "In a statement, X said";
- ``interview``: "in an interview with Y[, X said]".

Speaker or channel: in "X told Y", "X, quoted by Y" and "in an interview with Y, X said" X is
the speaker and Y the channel. Where a marker names one party only ("according to X", "X
reported", "X said", "citing X"), X is the *channel* if its name contains one of
:data:`OUTLET_WORDS` (an agency, paper or broadcaster passing the claim on), else the speaker. Of
overlapping markers the leftmost, then the longest, is kept.

Case rules: a name is a run of capitalised words (Latin capitals; initials such as "U.S.";
"al-Abadi", "O'Brien"; a possessive "Center’s" inside a name), possibly joined by the lowercase
particles and role words of :data:`JOINERS` ("Michael Kofman of the Wilson Center", "the Syrian
Observatory for Human Rights", "Russian foreign minister Sergey Lavrov"); a leading role
description stays in the name. A name never crosses a line break nor starts with a word from
:data:`NOT_NAMES` ("In", "However", months…). Lowercase groups ("two U.S. officials",
"sources", "the ministry") and pronouns also speak. Verbs match in lowercase only; "According
to", "In an interview", "Citing" also with a capital. Straight and curly quotes and apostrophes
are alike.

Limits (read before concluding anything)
----------------------------------------
- Pronouns are reported as written ("he said" gives ``he``): who "he" is, is the reader's job
  to settle from the text around it; this module does not pretend to know.
- An appositive (", an analyst with X, told Y") is skipped only if it starts with a/an/the/
  former or a role word, or is a who/which clause closed by a comma, and holds no full stop.
- Missed: lowercase speakers outside the small group list, speech without a cue word ("in
  Kofman's view"), a speaker far from the verb ("says one Syrian in Paris"), non-Latin names.
  Wrongly taken: any capitalised word before a verb ("Essays told the story").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import pandas as pd

from helpers.corpus import Source, text_of
from helpers.lexicon import ABBREVIATED_TITLES, REPORTING_VERBS, TELLING_VERBS, alternation

__all__ = [
    "COLUMNS",
    "CUES",
    "OUTLET_WORDS",
    "Marker",
    "attribution_markers",
    "find_attributions",
    "hands",
]

COLUMNS = ["start", "end", "cue", "speaker", "channel", "marker"]
CUES = ("according-to", "citing", "interview", "quoted-by", "reports", "said", "statement", "told")
OUTLET_WORDS = (
    "news agency", "agency", "newspaper", "daily", "broadcaster", "television", "TV", "Radio",
    "News", "Times", "Post", "Journal", "Herald", "Telegraph", "Tribune", "Gazette", "Guardian",
    "Reuters", "AP", "AFP", "TASS", "Tass", "Interfax", "RIA", "Sputnik", "Xinhua", "IRNA",
    "Fars", "Tasnim", "SANA", "Anadolu", "BBC", "CNN", "NYT", "RT", "Bloomberg", "Rudaw",
    "Al Jazeera", "Al-Monitor", "Middle East Eye", "Kommersant", "Izvestia",
)  # fmt: skip
_ROLES = (
    "agency", "ambassador", "analyst", "broadcaster", "chief", "commander", "daily", "defence",
    "defense", "deputy", "director", "envoy", "foreign", "general", "head", "minister", "news",
    "newspaper", "official", "president", "prime", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "state",
)  # fmt: skip
JOINERS = ("of", "for", "the", "de", "del", "di", "da", "du", "la", "le", "van", "von", "der",
           "bin", "ibn", "al", "el") + _ROLES  # fmt: skip
NOT_NAMES = (
    "In", "On", "At", "But", "And", "As", "When", "While", "If", "Meanwhile", "However", "Also",
    "Then", "So", "Yet", "After", "Before", "Since", "Now", "Still", "Furthermore", "Moreover",
    "Hence", "Thus", "Although", "Because", "Perhaps", "Today", "Yesterday", "Nothing",
    "Nobody", "There", "What", "January", "February", "March", "April", "June", "July",
    "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
_GROUPS = (
    "officials?|sources?|analysts|diplomats|activists|witnesses|residents|experts|observers"
    "|authorities|spokes(?:man|woman|person)|ministry|government|military|army|police"
    "|minister|president"
)
_QUANT = "an?|the|one|two|three|four|several|some|many|senior|unnamed|anonymous"
_PRONOUNS = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|I|[Hh]im|[Hh]er|[Tt]hem|[Uu]s"
# The verbs of the "said" cue: the reporting verbs but those naming a listener ("told" cue).
_VERBS = alternation(v for v in REPORTING_VERBS if v not in TELLING_VERBS)
_TELLING = alternation(TELLING_VERBS)
_TITLES = ABBREVIATED_TITLES
#: A word every marker of the cue holds: a stretch of text without it holds no such marker.
_CUE_WORDS = {
    "told": rf"{_TELLING}|(?:explained|said|spoke)[^\S\r\n]+to",
    "said": _VERBS,
    "according-to": "ccording",
    "citing": "iting",
    "reports": "report",
    "quoted-by": "quoted",
    "statement": "statement",
    "interview": "nterview",
}


def _compile_patterns() -> list[tuple[str, re.Pattern]]:
    """The markers as (cue, regex); groups: speaker, channel, or party (either, by outlet)."""
    s = r"[^\S\r\n]+"  # spaces within one line: names and markers never cross a line break
    the = rf"(?:the{s})?"
    up = "A-ZÀ-ÖØ-Þ"
    word = (
        rf"(?:(?:{'|'.join(_TITLES)})\.|(?:[A-Z]\.)+"
        rf"|(?:[a-z]{{1,3}}-)?[{up}]\w*(?:[-'’][{up}]\w*)*)"
    )
    join = rf"(?:['’]s)?(?:{s}(?:{'|'.join(JOINERS)}))*{s}"
    name = rf"(?!(?:{'|'.join(NOT_NAMES)})\b){word}(?:{join}{word}){{0,7}}"
    named = rf"(?:(?:{_QUANT}){s}){{0,2}}(?:{name}{s})?(?:{_GROUPS})\b|{name}"
    who = rf"(?<![\w’'-])(?:{named}|(?:{_PRONOUNS})\b)"
    clause = r"[^.;:!?“”\"\n]{0,150}?"
    appos_start = "|".join(("an?", "the", "former", *_ROLES))
    appos = rf"(?:,{s}(?:(?:{appos_start})\b{clause},?|(?:who|which)\b{clause},))?"
    after = r"(?<=[,”\"’'—] )"  # after a comma, closing quote or dash, and one space
    start = r"(?<!\w)"
    to = rf"{_TELLING}|(?:explained|said|spoke){s}to(?={s}{the}[{up}])"
    verb = rf"(?:{_VERBS})\b"
    patterns = [
        ("told", rf"(?P<speaker>{who}){appos}{s}(?:{to})(?:{s}{the}(?P<channel>{name}))?"),
        ("said", rf"(?P<party>{who}){appos}{s}{verb}"),
        ("said", rf"{after}{verb}{s}(?P<party>{named})"),
        ("according-to", rf"{start}[Aa]ccording{s}to{s}{the}(?P<party>{who})"),
        ("citing", rf"{start}[Cc]iting{s}{the}(?P<party>{named})"),
        ("reports", rf"(?P<party>{who})(?P<gap>{s}|)(?:reports|reported)\b"),
        ("reports", rf"{after}(?:reports|reported){s}{the}(?P<party>{name})"),
        ("reports", rf"{start}(?:[Aa]s{s})?reported{s}by{s}{the}(?P<party>{name})"),
        ("quoted-by", rf"(?P<speaker>{who})(?:,|{s}(?:is|was|were))?{s}(?:as{s})?quoted{s}by{s}"
                      rf"{the}(?P<channel>{name})"),
        ("quoted-by", rf"(?<![\w’'-])(?P<channel>{name}){s}quoted{s}(?P<speaker>{who}){s}as{s}"
                      "saying"),
        ("statement", rf"(?P<party>{who}){s}said{s}in{s}an?{s}statement"),
        ("statement", rf"{start}(?:[Aa]ccording{s}to{s})?(?:[Aa]|[Tt]he){s}statement{s}(?:issued"
                      rf"|released|published|made|put{s}out){s}by{s}{the}(?P<party>{named})"),
        ("statement", rf"{start}[Ii]n{s}an?{s}statement,?{s}{the}(?P<party>{who}){s}{verb}"),
        ("interview", rf"{start}[Ii]n{s}an{s}interview{s}with{s}{the}(?P<channel>{name})"
                      rf"(?:,{s}{the}(?P<speaker>{who}){s}{verb})?"),
    ]  # fmt: skip
    return [(cue, re.compile(rx)) for cue, rx in patterns]


_COMPILED = _compile_patterns()
_CUE_WORD = {cue: re.compile(words) for cue, words in _CUE_WORDS.items()}
# No marker holds a line break, ; : ! ? or a double quotation mark, nor a full stop other than
# that of a title (Mr.) or an initial (U.S.): the text splits there into stretches searched on
# their own, and only those holding a cue word are searched for that cue's markers.
_BREAK = re.compile(
    r"[;:!?“”\"\n]|\.(?<![A-Z]\.)" + "".join(rf"(?<!{title}\.)" for title in _TITLES)
)
_OUTLET = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, OUTLET_WORDS))})(?![\w-])")


def find_attributions(text_or_source: Source | str) -> pd.DataFrame:
    """Attribution markers in a text: one row per marker, sorted by ``start``.

    Columns: ``start``, ``end`` (offsets into the raw text; ``text[start:end] == marker``),
    ``cue`` (one of :data:`CUES`), ``speaker`` (who speaks, as written, pronouns included;
    "" if the marker names none), ``channel`` (the outlet or medium that carried it; "" if
    none) and ``marker`` (the matched text). See the module notes for the rules.

    >>> table = find_attributions("Lavrov said, according to Interfax. Rain, reports NYT.")
    >>> table[["cue", "speaker", "channel"]].values.tolist()
    [['said', 'Lavrov', ''], ['according-to', '', 'Interfax'], ['reports', '', 'NYT']]
    >>> table["marker"].tolist(), table["start"].tolist()
    (['Lavrov said', 'according to Interfax', 'reports NYT'], [0, 13, 42])
    """
    rows = attribution_markers(text_of(text_or_source, "find_attributions"))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table if rows else table.astype({"start": "int64", "end": "int64"})


class Marker(NamedTuple):
    """One row of :func:`find_attributions`."""

    start: int
    end: int
    cue: str
    speaker: str
    channel: str
    marker: str


def attribution_markers(text: str) -> list[Marker]:
    """The rows of :func:`find_attributions` as :class:`Marker` tuples, without a table.

    >>> [(m.cue, m.speaker) for m in attribution_markers("Kofman asserted it. He told AP.")]
    [('said', 'Kofman'), ('told', 'He')]
    """
    found, stretches = [], _stretches(text)
    for order, (cue, rx) in enumerate(_COMPILED):
        for start, end in stretches[cue]:
            for m in rx.finditer(text, start, end):
                groups = {k: v or "" for k, v in m.groupdict().items()}
                party = groups.get("party", "")
                outlet = bool(_OUTLET.search(party))
                if groups.get("gap") == "" and not outlet:
                    continue  # "Xreports" is repaired only after a known outlet name
                speaker, channel = groups.get("speaker", ""), groups.get("channel", "")
                if party:
                    channel, speaker = (party, speaker) if outlet else (channel, party)
                found.append((m.start(), -m.end(), order, cue, speaker, channel, m.group()))
    rows, last_end = [], 0
    for start, neg_end, _, cue, speaker, channel, marker in sorted(found):
        if start >= last_end:  # leftmost, then longest, then the first pattern listed
            rows.append(Marker(start, -neg_end, cue, speaker, channel, marker))
            last_end = -neg_end
    return rows


def _stretches(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per cue, (start, end) of the stretches of ``text`` that could hold one of its markers."""
    starts, ends = [0], []
    for m in _BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    found = {}
    for cue, word in _CUE_WORD.items():
        # no cue word holds a break character, so each lies inside one stretch
        holding = dict.fromkeys(bisect_right(starts, m.start()) - 1 for m in word.finditer(text))
        found[cue] = [(starts[i], ends[i]) for i in holding]
    return found


def hands(chain: list[str]) -> int:
    """How many times a claim was passed on: ``len(chain) - 1``.

    The witness is not a hand; every later entry is one retelling, the source you read
    included. A source in its own voice is 0 hands; an analyst quoted by the outlet you read
    is 1; quoted by an agency whose report your source repeats, 2.

    >>> hands(["this source"]), hands(["Kofman", "Rudaw English"])
    (0, 1)
    >>> hands(["Lavrov", "Interfax", "this source"])
    2
    """
    if not isinstance(chain, (list, tuple)) or not all(isinstance(x, str) for x in chain):
        raise TypeError("chain: expected a list of names (str), witness first, reader last")
    if not chain:
        raise ValueError("chain is empty: it holds at least the source you read, ['this source']")
    return len(chain) - 1
