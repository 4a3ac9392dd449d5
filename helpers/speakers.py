"""Speakers: who a page says is speaking, from its reporting verbs, for the reliability signals.

:func:`find_speakers` finds, in one stretch of a page, each reporting verb of
:data:`helpers.lexicon.REPORTING_VERBS` and its speaker: a capitalised name (with a title, an
"of …" phrase or an appositive: "Neil Hauer, an analyst with …, told"), a group or unnamed
person ("officials said", "a senior official said"), or a pronoun ("he says"); also "according
to X" and fixed anonymous phrases ("on condition of anonymity", "it is believed"). The
reliability signals count these (:mod:`helpers.reliability`); the attribution markers of lesson
03 (:mod:`helpers.attribution`) read the same verbs with their own name rules.

>>> [(s.kind, s.name) for s in find_speakers("“It is over,” says Angela Stent.")]
[('named', 'Angela Stent')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from helpers.lexicon import (
    ABBREVIATED_TITLES,
    REPORTING_PHRASES,
    REPORTING_VERBS,
    TELLING_VERBS,
    TITLES,
    alternation,
)
from helpers.sentences import sentence_cuts

__all__ = [
    "ACCORDING_TO",
    "INSTITUTION_WORDS",
    "STOP_WORDS",
    "Speaker",
    "find_speakers",
    "introductions",
    "is_bare_name",
]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Capitalised words that name a state, capital or body rather than a person ("Moscow said").
INSTITUTION_WORDS = _wordset(
    "Russia Moscow Kremlin Washington America Iran Tehran Syria Damascus Iraq Baghdad Turkey "
    "Ankara Israel China Beijing Britain London France Paris Germany Berlin Ukraine Kiev Kyiv "
    "Brussels Europe Pentagon Whitehall Riyadh Lebanon Hezbollah Assad's Canada Ottawa "
    "Ministry Council Group Agency Command Center Centre Government Army Forces Office Committee "
    "Department Institute Commission Office Police Party Coalition State"
)
#: Capitalised words that start no name: articles, pronouns, days, months, "According"….
STOP_WORDS = _wordset(
    "The A An It Its This That These Those He She They We I You But And Or So Yet Then Now Still "
    "In On At For From By With Without As If When While After Before Also However Meanwhile "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Mr Mrs Ms Dr There Here What Which Who "
    "His Her Their Our My Your Some Many Most Both Each Other Another One Two Three Every All "
    "Such According Asked Speaking Last Next Earlier Later Today Yesterday"
)
_VERB_RE = re.compile(r"\b(?:" + alternation(REPORTING_VERBS + REPORTING_PHRASES) + r")\b")
# a verb after which the speaker may follow ("…,” says Angela Stent"); not a telling verb,
# whose object is the listener ("…, he told Reuters")
_INVERT_VERB = re.compile(
    r"(?:" + alternation(v for v in REPORTING_VERBS if v not in TELLING_VERBS) + r")$"
)
_TOKEN = (
    r"(?:(?:" + alternation(ABBREVIATED_TITLES) + r")\.|[A-Z]\."
    r"|(?:(?:al|el|bin|ibn)-)?[A-Z][\w’'\-]*\w)"
)
_NAME = _TOKEN + r"(?:\s+(?:(?:de|van|von|der|da|bin|ibn|al)\s+)?" + _TOKEN + r"){0,4}"
_NAME_RE = re.compile(_NAME)
_AUX = r"(?:(?:has|had|have|also|then|later|once|previously|has also|had also)\s+)?"
_SUBJ_DIRECT = re.compile(r"(" + _NAME + r"),?\s+" + _AUX + r"$")
_SUBJ_APPOS = re.compile(r"^(?:[^,]{0,60},\s+)?(" + _NAME + r"),\s[^,]{2,160},\s+" + _AUX + "$")
_SUBJ_OPEN = re.compile(r"^(" + _NAME + r"),\s+(?:an?|the)\s[^,]{2,160}?\s+" + _AUX + "$")
_SUBJ_OF = re.compile(
    r"^(?:[^,]{0,60},\s+)?(" + _NAME + r")\s+(?:of|from|at|with)\s[^,]{2,80}?\s+" + _AUX + "$"
)
_SUBJ_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Tt]hey)\s+" + _AUX + "$")
_ANON_NOUN = (
    r"(?:officials?|sources?|diplomats?|activists?|analysts?|experts?|observers?|witness(?:es)?"
    r"|residents?|insiders?|aides?|spokes(?:man|woman|person)|people|commanders?|officers?"
    r"|someone|critics|authorities|reports|security sources)"
)
_ANON_WORD = re.compile("(?i:" + _ANON_NOUN + ")")
_ANON_SOURCE = re.compile(r"(?:unnamed\s+|anonymous\s+|some\s+|local\s+)?" + _ANON_NOUN + r"\b")
_SUBJ_ANON = re.compile(
    r"\b((?:(?:a|an|one|two|three|several|some|many|other|the|what|senior|top|unnamed"
    r"|anonymous|local|[A-Z][a-z]+)\s+){0,3}(?i:"
    + _ANON_NOUN
    + r"))(?:\s[^A-Z.,;“”\"]{0,60}?)?\s+"
    + _AUX
    + "$"
)
_NAME_WORDS = 9  # a name (5 tokens), a particle, two auxiliaries and a comma'd word to spare
_GROUP_WORDS = 16  # a group: three modifiers, its noun and up to 60 characters of words
_AFTER_NAME = re.compile(r"\s+(" + _NAME + r")")
_AFTER_ANON = re.compile(
    r"\s+((?:a|an|one|two|several|some)\s+[a-zA-Z][^,.;:“”\"()]{2,50}?)(?=[,.;:()]|$)"
)
_AFTER_PRONOUN = re.compile(r"\s+(he|she|they)\b")
# Besides a sentence end (the shared splitter's), a quotation mark, line break, colon or
# semicolon ends the clause a speaker is looked for in.
_CLAUSE_BREAK = re.compile(r"[”\"\n:;]")
#: "according to X": group 1 is what follows (up to 60 characters, to a punctuation mark).
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?:the\s+|a\s+)?([^.,;:“”\"]{0,60}?)(?=[.,;:]|$)")
_ANON_FIXED = re.compile(
    r"\b(?:(?:who|she|he|they)\s+(?:asked|spoke)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|declined\s+to\s+be\s+(?:named|identified)"
    r"|speaking\s+anonymously|(?:did\s*n[o’']t|did not)\s+want\s+(?:her|his|their)\s+names?\s+"
    r"(?:published|used)|[Ii]t\s+(?:is|was|has\s+been)\s+(?:generally\s+|widely\s+)?"
    r"(?:suggested|believed|thought|understood|claimed|reported|alleged|rumou?red)"
    r"|sources\s+close\s+to)\b"
)


def _person_tokens(name: str) -> list[str]:
    """The tokens of a matched name without leading stopwords and titles."""
    tokens = [t for t in name.split() if t.rstrip(".") not in ("Mr", "Mrs", "Ms", "Dr")]
    titled = [i for i, t in enumerate(tokens) if t.rstrip(".") in TITLES]
    if titled and titled[-1] < len(tokens) - 1:
        tokens = tokens[titled[-1] + 1 :]  # 'Syrian President Bashar Assad' -> 'Bashar Assad'
    while tokens and (tokens[0] in STOP_WORDS or tokens[0].rstrip(".") in TITLES):
        tokens.pop(0)
    return tokens


def _is_institution(tokens: list[str]) -> bool:
    return all(
        t in INSTITUTION_WORDS or t.isupper() or t.rstrip("’'s") in INSTITUTION_WORDS
        for t in tokens
    )


def _last_words(clause: str, count: int) -> int:
    """Where the last ``count`` space-separated words of ``clause`` start (0: it has fewer)."""
    at, start = len(clause), 0
    for _ in range(count):
        at = clause.rfind(" ", 0, at)
        if at < 0:
            return 0
        start = at + 1
        while at > 0 and clause[at - 1] == " ":
            at -= 1
    return start


@dataclass
class Speaker:
    """Who a reporting verb gives the words to: ``kind`` is named, anonymous or pronoun.

    ``start``/``end`` cover the speaker and the verb (absolute offsets); ``name`` is the name
    without titles ("Bashar Assad"), or the group ("a senior official"); ``single`` marks a
    one-word person name, ``institution`` a state, capital or body (:data:`INSTITUTION_WORDS`).

    >>> Speaker(0, 11, "named", "Kofman", single=True)
    Speaker(start=0, end=11, kind='named', name='Kofman', single=True, institution=False)
    """

    start: int
    end: int
    kind: str  # named, anonymous, pronoun
    name: str = ""
    single: bool = False  # a one-token person name
    institution: bool = False


def find_speakers(text: str, offset: int = 0, cuts: list[int] | None = None) -> list[Speaker]:
    """Who is said to speak in ``text``, a stretch of a page starting at ``offset``.

    For each reporting verb (:data:`helpers.lexicon.REPORTING_VERBS`) the speaker is sought
    in its clause (back to a sentence end, quotation mark, line break, colon or semicolon) or
    after the verb ("…,” says Angela Stent"). ``cuts`` are the page's sentence ends from
    :func:`~helpers.sentences.sentence_cuts` (computed from ``text`` if not given). Also
    "according to X" and fixed anonymous phrases ("on condition of anonymity"). Offsets are
    absolute.

    >>> [(s.kind, s.name) for s in find_speakers("Mr. Lavrov asserted it. Officials denied it.")]
    [('named', 'Lavrov'), ('anonymous', 'Officials')]
    """
    if cuts is None:
        cuts = [offset + cut for cut in sentence_cuts(text)]
    found: list[Speaker] = []
    for verb in _VERB_RE.finditer(text):
        vs, ve = verb.start(), verb.end()
        window_start = max(0, vs - 200)
        window = text[window_start:vs]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        clause_from = breaks[-1].end() if breaks else 0
        before = bisect.bisect_right(cuts, offset + vs) - 1
        sentence_end = cuts[before] if before >= 0 else -1
        clause_from = max(clause_from, sentence_end - offset - window_start)
        clause = window[clause_from:]
        base = window_start + clause_from + len(clause) - len(clause.lstrip())
        clause = clause.lstrip()
        hit = None
        if clause.strip():
            # the patterns ending at the verb ($) are tried on the clause's last words only (a
            # name, particles and auxiliaries; a group and its words): fewer starts to try
            cut = _last_words(clause, _NAME_WORDS)
            tail, tail_base = clause[cut:], base + cut
            cut = _last_words(clause, _GROUP_WORDS)
            group_tail, group_base = clause[cut:], base + cut
            if m := _SUBJ_PRONOUN.search(tail):
                hit = Speaker(tail_base + m.start(), ve, "pronoun")
            else:
                for pattern in (_SUBJ_APPOS, _SUBJ_OPEN, _SUBJ_OF, _SUBJ_DIRECT):
                    anchored = pattern is not _SUBJ_DIRECT
                    m = pattern.search(clause if anchored else tail)
                    at = base if anchored else tail_base
                    tokens = _person_tokens(m.group(1)) if m else []
                    if tokens and not _ANON_WORD.fullmatch(tokens[-1]):
                        hit = Speaker(at + m.start(1), ve, "named", " ".join(tokens))
                        break
                if hit is None and (m := _SUBJ_ANON.search(group_tail)):
                    hit = Speaker(group_base + m.start(1), ve, "anonymous", m.group(1))
        inverted = clause.strip() == "" or clause.rstrip().endswith(",")
        # inverted: '…,” says Angela Stent' or '…, said a senior official'
        if hit is None and inverted and _INVERT_VERB.match(verb.group(0)):
            after = text[ve : ve + 80]
            if m := _AFTER_PRONOUN.match(after):
                hit = Speaker(vs, ve + m.end(), "pronoun")
            elif m := _AFTER_ANON.match(after):
                hit = Speaker(vs, ve + m.end(), "anonymous", m.group(1))
            elif (m := _AFTER_NAME.match(after)) and _person_tokens(m.group(1)):
                tokens = _person_tokens(m.group(1))
                hit = Speaker(vs, ve + m.end(), "named", " ".join(tokens))
        if hit is not None:
            if hit.kind == "named":
                tokens = hit.name.split()
                hit.institution = _is_institution(tokens)
                hit.single = len(tokens) == 1 and not hit.institution
            hit.start += offset
            hit.end += offset
            found.append(hit)
    for m in ACCORDING_TO.finditer(text):
        phrase = m.group(1)
        tokens = _person_tokens(phrase) if phrase[:1].isupper() else []
        if tokens and _NAME_RE.fullmatch(phrase.strip()):
            found.append(
                Speaker(
                    m.start() + offset,
                    m.end() + offset,
                    "named",
                    " ".join(tokens),
                    single=len(tokens) == 1 and not _is_institution(tokens),
                    institution=_is_institution(tokens),
                )
            )
        elif _ANON_SOURCE.match(phrase):
            found.append(Speaker(m.start() + offset, m.end() + offset, "anonymous", phrase))
    for m in _ANON_FIXED.finditer(text):
        found.append(Speaker(m.start() + offset, m.end() + offset, "anonymous", m.group(0)))
    return found


def is_bare_name(a: Speaker) -> bool:
    """A single capitalised name as the speaker ('Carlin added'), not an acronym or a state.

    >>> [is_bare_name(s) for s in find_speakers("Carlin added. NATO said. Moscow said.")]
    [True, False, False]
    """
    return a.kind == "named" and a.single and a.name[:1].isupper() and not a.name.isupper()


def introductions(text: str, article: list[tuple[str, int, int]]) -> dict[str, int]:
    """Tokens used after a first name or a title ('Neil Hauer' introduces 'Hauer'), each with
    the offset of the first name that introduces it; ``article`` holds (kind, start, end) parts.

    >>> introductions("Talks. Neil Hauer spoke.", [("body", 0, 24)])
    {'Hauer': 7}
    """
    introduced: dict[str, int] = {}
    for _kind, start, end in article:
        for m in _NAME_RE.finditer(text[start:end]):
            tokens = m.group(0).replace(".", " ").split()
            for i in range(1, len(tokens)):
                introduced.setdefault(
                    tokens[i].rstrip("’'s") if tokens[i].endswith(("’s", "'s")) else tokens[i],
                    start + m.start(),
                )
    return introduced
