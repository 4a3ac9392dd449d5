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
- ``interview``: "in an interview with Y[, X said]";
- ``passive``: a report that names no one ("is reported to have", "it is believed that"), or
  names whoever it was announced by ("This was announced on Monday by X": X is the speaker).

Who speaks, besides names: a *description* -- a determiner, up to four modifiers and a group
noun of :data:`GROUP_NOUNS`, then perhaps a name and an "of/in/from …" tail ("the Russian
foreign minister", "a leading commander of the Sultan Murad brigade", "officials in Baghdad",
"US media reports", "the Russian news agency Interfax"); two speakers joined by "and"
("insurgents and state media"); the antecedent of "who" ("opposition leaders, who told …").
Between speaker and verb may stand auxiliaries, adverbs and times ("has also", "earlier this
month", "on Sunday"), an aside after "has" ("has, in response to …, denied"), an appositive
(closed by a comma, or ending in a capitalised name: ", an analyst with the SecDev Group
told"), or a dash aside ("- which … -"). A participle after a comma (", saying …", ", adding
…") goes back to the subject of its clause; "with X saying" is X's. A name right after a
preposition ("the city of Manbij, spokesman … said") is not a subject.

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
from helpers.lexicon import ABBREVIATED_TITLES, REPORTING_VERBS, TELLING_VERBS

__all__ = [
    "COLUMNS",
    "CUES",
    "GROUP_MODIFIERS",
    "GROUP_NOUNS",
    "OUTLET_WORDS",
    "Marker",
    "attribution_markers",
    "find_attributions",
    "hands",
    "is_outlet",
]

COLUMNS = ["start", "end", "cue", "speaker", "channel", "marker"]
CUES = (
    "according-to", "citing", "interview", "passive", "quoted-by", "reports", "said", "statement",
    "told",
)  # fmt: skip
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
#: Lower-case nouns that head a description speaking for someone ("a senior official", "the
#: defence ministry", "opposition activists", "a Guards statement", "US media reports").
GROUP_NOUNS = (
    "official", "officials", "source", "sources", "analyst", "analysts", "diplomat", "diplomats",
    "activist", "activists", "witness", "witnesses", "resident", "residents", "expert", "experts",
    "observer", "observers", "authorities", "spokesman", "spokeswoman", "spokesperson",
    "spokesmen", "ministry", "ministries", "government", "military", "army", "police",
    "minister", "ministers", "president", "envoy", "envoys", "representative", "representatives",
    "commander", "commanders", "fighter", "fighters", "rebel", "rebels", "insurgent",
    "insurgents", "militant", "militants", "leader", "leaders", "media", "monitor", "monitors",
    "agency", "agencies", "commission", "council", "committee", "observatory", "side", "sides",
    "statement", "report", "reports", "reporting", "aide", "aides", "adviser", "advisers",
    "doctor", "doctors", "medics", "people", "office", "embassy", "department", "coalition",
    "alliance", "group", "groups", "campaigners", "lawmaker", "lawmakers", "officer", "officers",
    "soldier", "soldiers", "member", "members", "organisation", "organization", "newspaper",
    "channel", "television", "man", "woman", "general", "secretary", "chief", "head",
    "brigade", "brigades", "militia", "militias", "faction", "factions", "movement", "party",
    "force", "forces", "unit", "units", "reporter", "reporters", "correspondent",
    "correspondents", "outlet", "leadership", "center", "centre", "investigator",
    "investigators", "inspector", "inspectors", "toll", "tally", "figures", "estimate",
    "estimates",
)  # fmt: skip
#: Lower-case words that may stand between a determiner and a group noun ("a senior Kremlin
#: official", "the defence ministry"); capitalised words and hyphenated ones ("Turkish-backed")
#: may stand there too.
GROUP_MODIFIERS = (
    "senior", "top", "local", "foreign", "defence", "defense", "opposition", "state", "military",
    "government", "security", "leading", "former", "chief", "deputy", "official", "news",
    "western", "regional", "unnamed", "anonymous", "independent", "other", "rebel", "army",
    "police", "media", "open", "source", "health", "intelligence", "interior", "human", "rights",
    "press", "diplomatic", "humanitarian", "aid", "monitoring", "informed", "knowledgeable",
    "unidentified", "high-ranking", "high-level", "western-backed", "pro-government", "civil",
    "new", "latest", "preliminary", "initial", "provincial", "municipal", "medical", "rescue",
    "emergency", "weapons", "coordination", "field",
)  # fmt: skip


def _trie(words) -> str:
    """A regular expression matching any of ``words``, as a trie: "(?:a(?:gency|ide)|…)".

    One pass over a shared prefix instead of one try per word: the long word lists below are
    tried at every word of a text, and a trie keeps that fast. Longer words are preferred.

    >>> _trie(["aide", "aides", "agency"])
    '(?:a(?:gency|ide(?:s)?))'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(tree) + ")"


_DETERMINER_WORDS = (
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "both",
    "other", "another", "most", "all", "its", "their", "his", "her",
)  # fmt: skip
_DETERMINERS = _trie(_DETERMINER_WORDS)
_PRONOUNS = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|I|[Hh]im|[Hh]er|[Tt]hem|[Uu]s"
# The verbs of the "said" cue: the reporting verbs but those naming a listener ("told" cue).
_VERBS = _trie(v for v in REPORTING_VERBS if v not in TELLING_VERBS)
_TELLING = _trie(TELLING_VERBS)
_TITLES = ABBREVIATED_TITLES
#: Words that may stand between a speaker and the verb ("Kerry also said", "has warned",
#: "earlier this month said", "on Sunday said").
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_BETWEEN = (
    rf"also|has|have|had|later|then|again|earlier|previously|further|repeatedly|once|reportedly"
    rf"|meanwhile|however|already|now|separately|first"
    rf"|recently|too|yesterday|today|tonight|would|will|could|(?:late{{s}}|early{{s}})?on{{s}}"
    rf"(?:{_DAYS})|(?:earlier|later){{s}}(?:this|last|that){{s}}(?:week|month|year|day)"
    rf"|last{{s}}(?:week|month|year|night)|(?:{_DAYS})"
)
#: A participle that goes on with the words of the sentence's subject (", saying that …").
_PARTICIPLES = "saying|adding|noting|warning|stressing|insisting|arguing|claiming|explaining"
#: A passive report without a speaker ("is reported to have", "it is believed that").
_PASSIVE = (
    r"(?:reported|said|believed|thought|understood|alleged|rumou?red|claimed|expected|estimated)"
)
#: A cue word every marker of the cue holds: a stretch of text without it holds no such marker.
_CUE_WORDS = {
    "told": rf"{_TELLING}|(?:explained|said|spoke)[^\S\r\n]+to",
    "said": rf"{_VERBS}|{_PARTICIPLES}",
    "according-to": "ccording",
    "citing": "iting",
    "reports": "report",
    "quoted-by": "quoted|cited",
    "statement": "statement",
    "interview": "nterview",
    "passive": rf"{_PASSIVE}|announced|stated|declared|confirmed|noted",
}


def _compile_patterns() -> tuple[list[tuple[str, re.Pattern, re.Pattern | None]], re.Pattern]:
    """The markers as (cue, regex, fixed words), and the subject a participle goes back to.

    Groups: speaker, channel, or party (either, by outlet); participle (a participle whose
    speaker is the sentence's subject).
    """
    s = r"[^\S\r\n]+"  # spaces within one line: names and markers never cross a line break
    the = rf"(?:the{s})?"
    up = "A-ZÀ-ÖØ-Þ"
    suffix = "based|backed|led|linked|affiliated|run|born|controlled|held|owned|funded|allied"
    word = (
        rf"(?:{_trie(_TITLES)}\.|(?:[A-Z]\.)+"
        rf"|(?:[a-z]{{1,3}}-)?[{up}]\w*(?:[-'’][{up}]\w*)*(?:-(?:{suffix})\b)?)"
    )
    acronym = rf"(?:{s}\([{up}]{{2,8}}\))?"  # "People’s Protection Units (YPG)"
    join = rf"(?:['’]s)?{acronym}(?:{s}{_trie(JOINERS)})*{s}"
    name = rf"(?!{_trie(NOT_NAMES)}\b){word}(?:{join}{word}){{0,8}}"
    modifier = rf"(?:{_trie(GROUP_MODIFIERS + GROUP_NOUNS)}|[a-z]+-(?:{suffix})|{name})"
    group = rf"{_trie(GROUP_NOUNS)}\b"
    first_group = rf"{_trie(n.capitalize() for n in GROUP_NOUNS)}\b"  # "Officials said"
    tail = rf"(?:{s}(?:of|from|for|in|at|with){s}(?:the{s})?(?:{name}(?:{s}{group})?|[a-z]+\b))?"
    # "the Syrian Observatory for human rights", "Ministry of defence": lower-case words after
    name_tail = (
        rf"(?:{s}(?:of|for){s}(?:the{s})?[a-z]+\b(?:{s}(?!(?:{_VERBS}|{_TELLING})\b)[a-z]+\b)?)?"
    )
    described = (
        rf"(?:(?:{_DETERMINERS}{s})?(?:(?:{modifier}{s}){{0,4}}{group}|{first_group}"
        rf"(?!{s}[{up}])))"  # "the Observatory", but "the Syrian Observatory for …" is a name
        rf"(?:{s}{name})?{tail}"  # "the Russian news agency Interfax", "officials in Baghdad"
    )
    named = rf"(?:{_case_free_determiner(described)}|{name}{acronym}{name_tail})"
    who = rf"(?<![\w’'-])(?:{named}|(?:{_PRONOUNS})\b)"
    whos = rf"{who}(?:{s}and{s}{who})?"  # "insurgents and state media", "Kerry and Lavrov"
    clause = r"[^,.;:!?“”\"\n]{0,150}?"
    appos_start = "|".join(
        ("an?", "the", "former", "after", "before", "during", "in", "at", "speaking", "while",
         "citing", "quoting", "however", "meanwhile", "for", "too", "though", "also", *_ROLES)
    )  # fmt: skip
    appos = (
        rf"(?:,{s}(?:(?:{appos_start})\b{clause}|(?:who|which)\b{clause}),"
        rf"|,{s}(?:{appos_start})\b{clause}{s}{word}(?={s}[a-z])"  # "…, an analyst with X told"
        rf"|{s}[-–—]{s}[^-–—.;:!?“”\"\n]{{1,150}}?{s}[-–—]"
        rf"|{s}(?:speaking|who{s}spoke|who{s}asked|who{s}declined)[^,.;:!?“”\"\n]{{0,40}}?"
        rf"(?:anonymity|named|identified))?"  # "officials speaking on condition of anonymity"
    )
    # "also said", "has warned", "earlier this month said"; "has, in response to …, denied"
    between = (
        rf"(?:{s}(?:has|have|had),{s}[^,.;:!?“”\"\n]{{1,100}},"
        rf"|(?:{s}(?:{_BETWEEN.format(s=s)})){{0,3}})"
    )
    after = r"(?<=[,”\"’'—–-] )"  # after a comma, closing quote or dash, and one space
    start = r"(?<!\w)"
    to = rf"{_TELLING}|(?:explained|said|spoke){s}to(?={s}{the}[{up}])"
    verb = rf"(?:{_VERBS})\b"
    channel = rf"{name}(?:{s}and{s}{the}{name})?"
    patterns = [
        ("told", rf"(?P<speaker>{whos}){appos}{between}{s}(?:{to})"
                 rf"(?:{s}{the}(?P<channel>{channel}))?"),
        ("told", rf"(?P<speaker>{whos}),{s}who{between}{s}(?:{to})"
                 rf"(?:{s}{the}(?P<channel>{channel}))?", r",\s+who\b"),
        ("said", rf"(?P<party>{whos}){appos}{between}{s}{verb}"),
        ("said", rf"(?P<party>{whos}),{s}who{between}{s}{verb}", r",\s+who\b"),
        ("said", rf"{after}{verb}{s}{the}(?P<party>{named})"),
        ("said", rf"(?P<party>{who}){s}(?:saying|adding)\b", "saying|adding"),  # "with X saying"
        ("said", rf"(?<=,){s}(?P<participle>{_PARTICIPLES})\b"),
        ("said", rf"{s}(?:and|but){s}(?:(?:also|later|then){s})?(?P<participle>{_VERBS})\b"),
        ("according-to", rf"{start}[Aa]ccording{s}to{s}{the}(?P<party>{who})"
                         rf"(?:['’]s{s}(?:statement|remarks|words|comments|report|account))?"
                         rf"(?:,?{s}(?:cited|quoted){s}by{s}{the}(?P<channel>{channel}))?"),
        ("citing", rf"{start}[Cc]iting{s}{the}(?P<party>{named})"),
        ("reports", rf"(?P<party>{whos})(?P<gap>{between}{s}|)(?:reports|reported|report)\b"
                    rf"(?!{s}(?:of|about|from|suggesting|claiming|saying|on{s}(?!{_DAYS})[a-z])\b)"),
        ("reports", rf"{after}(?:reports|reported){s}{the}(?P<party>{name})"),
        ("reports", rf"{start}(?:[Aa]s{s})?reported{s}by{s}{the}(?P<party>{name})"),
        ("quoted-by", rf"(?P<speaker>{who})(?:,|{s}(?:is|was|were))?{s}(?:as{s})?(?:quoted|cited)"
                      rf"{s}by{s}{the}(?P<channel>{channel})"),
        ("quoted-by", rf"(?<![\w’'-])(?P<channel>{name}){s}(?:quoted|cited){s}(?P<speaker>{who})"
                      rf"{appos}{s}as{s}saying"),
        ("statement", rf"(?P<party>{who}){s}said{s}in{s}an?{s}statement"),
        ("statement", rf"{start}(?:[Aa]ccording{s}to{s})?(?:[Aa]|[Tt]he){s}statement{s}(?:issued"
                      rf"|released|published|made|put{s}out){s}by{s}{the}(?P<party>{named})"),
        ("statement", rf"{start}[Ii]n{s}an?{s}statement,?{s}{the}(?P<party>{who}){s}{verb}"),
        ("interview", rf"{start}[Ii]n{s}an{s}interview{s}with{s}{the}(?P<channel>{name})"
                      rf"(?:,{s}{the}(?P<speaker>{who}){s}{verb})?"),
        ("passive", rf"{start}(?:is|are|was|were|has{s}been|have{s}been|had{s}been){s}"
                    rf"(?:(?:widely|generally|also){s})?(?:{_PASSIVE}{s}to\b|(?:{_PASSIVE}|announced"
                    rf"|stated|declared|confirmed)(?:{s}[^,.;:!?“”\"\n]{{0,60}}?)?{s}by{s}{the}"
                    rf"(?P<party>{named}))"),
        ("passive", rf"{start}[Ii]t{s}(?:is|was|has{s}been){s}(?:(?:widely|generally){s})?"
                    rf"(?:{_PASSIVE}|noted|stated|announced){s}that\b"),
    ]  # fmt: skip
    # the subject a participle goes back to: "Abadi defended the deal, …, saying"
    subject = rf"[^\S\n]*(?:[{up}][^,]{{0,40}},{s})?(?P<party>{whos}){appos}{between}{s}[a-z]+\b"
    # a third element: fixed words the pattern holds besides its cue's verb; a stretch without
    # them is not searched for it (", who said", "… saying")
    compiled = [
        (cue, re.compile(rx), re.compile(need[0]) if need else None) for cue, rx, *need in patterns
    ]
    return compiled, re.compile(subject)


def _case_free_determiner(described: str) -> str:
    """A description whose determiner may start a sentence ("The Russian foreign minister")."""
    return described.replace(f"(?:{_DETERMINERS}", "(?:(?i:" + _DETERMINERS + ")", 1)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` starts: after the last break within 300 characters."""
    start = max(0, at - 300)
    for m in _BREAK.finditer(text, start, at):
        start = m.end()
    return start


_COMPILED, _SUBJECT = _compile_patterns()
_CUE_WORD = {cue: re.compile(words) for cue, words in _CUE_WORDS.items()}
# No marker holds a line break, ; : ! ? or a double quotation mark, nor a full stop other than
# that of a title (Mr.) or an initial (U.S.): the text splits there into stretches searched on
# their own, and only those holding a cue word are searched for that cue's markers.
_BREAK = re.compile(
    r"[;:!?“”\"\n]|\.(?<![A-Z]\.)" + "".join(rf"(?<!{title}\.)" for title in _TITLES)
)
_AS = re.compile(r"(?<!\w)[Aa]s[^\S\n]+\Z")  # "As intelNews reported, …": a channel
_AFTER_PREPOSITION = re.compile(
    r"\b(?:of|in|on|at|to|from|by|with|for|into|near|about|over|against|than)[^\S\n]+$"
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
    for order, (cue, rx, need) in enumerate(_COMPILED):
        for start, end in stretches[cue]:
            if need is not None and not need.search(text, start, end):
                continue  # the pattern's own fixed words are not in this stretch
            at = start
            while (m := rx.search(text, at, end)) is not None:
                at = m.start() + 1 if m.end() == m.start() else m.end()
                groups = {k: v or "" for k, v in m.groupdict().items()}
                party = groups.get("party", "")
                outlet = bool(_OUTLET.search(party))
                if groups.get("gap") == "" and not outlet:
                    continue  # "Xreports" is repaired only after a known outlet name
                if _AFTER_PREPOSITION.search(text, max(0, m.start() - 12), m.start()) and (
                    m.start() == m.start("party" if "party" in groups else "speaker")
                ):
                    at = m.start() + 1  # "the city of Manbij, …": not a subject; look on
                    continue
                speaker, channel = groups.get("speaker", ""), groups.get("channel", "")
                if party:
                    outlet = outlet or (cue == "reports" and _AS.search(text, 0, m.start()))
                    channel, speaker = (party, speaker) if outlet else (channel or "", party)
                if groups.get("participle"):
                    speaker = _subject(text, _clause_start(text, m.start()), m.start())
                    if not speaker:
                        continue
                found.append((m.start(), -m.end(), order, cue, speaker, channel, m.group()))
    rows, last_end = [], 0
    for start, neg_end, _, cue, speaker, channel, marker in sorted(found):
        if start >= last_end:  # leftmost, then longest, then the first pattern listed
            rows.append(Marker(start, -neg_end, cue, speaker, channel, marker))
            last_end = -neg_end
    return rows


def is_outlet(name: str) -> bool:
    """Whether a name is a news outlet's: it holds one of :data:`OUTLET_WORDS`.

    >>> is_outlet("the Anadolu news agency"), is_outlet("Secretary Kerry")
    (True, False)
    """
    return bool(_OUTLET.search(name))


def _subject(text: str, start: int, end: int) -> str:
    """The subject of the clause ``text[start:end]`` ("Abadi" in "Abadi defended the deal, ")."""
    m = _SUBJECT.match(text, start, end)
    if m is None or _OUTLET.search(m.group("party")):
        return ""
    return m.group("party")


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
