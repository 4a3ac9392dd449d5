"""The shared word lists: who said it, under what title, and which full stops end nothing.

Every module that decides "who said it" reads its verbs from here, so reliability signals
(lesson 02), attribution markers (lesson 03) and voices (lesson 05) take the same words for
reported speech and their counts can be compared. The lists are plain tuples and frozensets of
words; :func:`alternation` turns one into a regular-expression alternative.

- :data:`REPORTING_VERBS`: the verbs that attribute words or a view to someone, in the forms
  news text uses them ("said", "says", "say", "told", "warned", "believes", "asserted"…).
- :data:`TELLING_VERBS`: the verbs among them that name a listener ("X told Y").
- :data:`REPORTING_PHRASES`: fixed phrases that work as a reporting verb ("went on to say").
- :data:`ABBREVIATED_TITLES`: titles written with a full stop before a name ("Mr.", "Gen.").
- :data:`TITLES`: every word that can stand before a name as its title ("President", "Dr").
- :data:`ABBREVIATIONS`: lower-case words whose full stop does not end a sentence ("mr", "sept").
- :data:`SENTENCE_STARTERS`: words that start a sentence after a dotted abbreviation ("U.S. The").

>>> "asserted" in REPORTING_VERBS and "told" in TELLING_VERBS
True
>>> "President" in TITLES and "Mr" in ABBREVIATED_TITLES and "sept" in ABBREVIATIONS
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ABBREVIATED_TITLES",
    "ABBREVIATIONS",
    "REPORTING_PHRASES",
    "REPORTING_VERBS",
    "SENTENCE_STARTERS",
    "TELLING_VERBS",
    "TITLES",
    "alternation",
]

#: Verbs that attribute words or a view to a speaker, each in the forms news text uses: the
#: past ("said": "Kofman said"), the present ("says": "…,” says Angela Stent") and, for the
#: commonest, the plural present ("officials say", "analysts argue"). Speech verbs (said,
#: told, added, stated, claimed, announced…) report words; view verbs (believes, thinks,
#: likens) report an opinion, which a reader weighs the same way: someone else holds it, not
#: the writer. "according to" is not a verb and each module reads it as its own cue. A word is
#: here when pages of the seed corpus use it to hand the words to someone ("asserted",
#: "cautioned"); a word whose commonest use is not reporting ("showed", "feels") is not.
REPORTING_VERBS = (
    "said", "says", "say",
    "told", "tells",
    "added", "adds",
    "explained", "explains",
    "stated", "states",
    "noted", "notes",
    "claimed", "claims",
    "argued", "argues", "argue",
    "warned", "warns",
    "insisted", "insists",
    "concluded", "concludes",
    "asserted", "asserts",
    "wrote", "writes",
    "announced", "declared", "confirmed", "denied", "admitted", "acknowledged",
    "accused", "alleged", "suggested", "indicated", "indicates", "urged", "vowed", "pledged",
    "emphasised", "emphasized", "reiterated", "revealed", "disclosed", "conceded",
    "announces", "confirms", "denies", "accuses", "stresses", "urges",
    "commented", "remarked", "stressed", "recalled", "replied", "predicted", "cautioned",
    "observed", "maintained", "maintains",
    "believes", "believe", "believed", "thinks", "likens", "likened",
)  # fmt: skip

#: The reporting verbs whose object is the listener ("Kofman told Rudaw English").
TELLING_VERBS = ("told", "tells")

#: Phrases that stand where a reporting verb stands ("Cameron made the comments Sunday").
REPORTING_PHRASES = ("went on to say", "made the comments", "made the remarks", "pointed out")

#: Titles written with a full stop before a name ("Mr. Lavrov", "Gen. Votel", "Sen. McCain"):
#: that full stop ends no sentence and a name may start with one.
ABBREVIATED_TITLES = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Sen",
    "Rep", "Gov", "Pres", "Amb", "Rev", "Hon", "St",
)  # fmt: skip

#: Words that stand before a name as its title or office ("Syrian President Bashar Assad",
#: "Foreign Minister Sergei Lavrov", "Spokesman Peskov"), abbreviated titles included.
TITLES = frozenset(
    ABBREVIATED_TITLES
    + (
        "President", "Prime", "Minister", "Foreign", "Defence", "Defense", "Deputy",
        "Secretary", "State", "Senator", "General", "Colonel", "Professor", "Ambassador",
        "Chancellor", "King", "Queen", "Prince", "Sheikh", "Ayatollah", "Pope", "Mayor",
        "Governor", "Judge", "Justice", "Commander", "Spokesman", "Spokeswoman", "Director",
        "Chairman", "Chief", "Major", "Admiral", "Captain", "Sir", "Lord", "Lady", "Emir",
    )
)  # fmt: skip

#: Words (lower case, without their full stop) after which a full stop ends no sentence: the
#: abbreviated titles, name suffixes, Latin and month abbreviations ("Sept. 11", "cf.").
ABBREVIATIONS = frozenset(
    [title.lower() for title in ABBREVIATED_TITLES]
    + re.findall(r"\w+", "cpt cpl cmdr brig jr sr messrs mme mlle vs cf approx ca fig mt")
    + re.findall(r"\w+", "jan feb apr jun jul aug sep sept oct nov dec")
)

#: After a dotted abbreviation ("U.S.", "a.m.") a new sentence starts only with one of these
#: (lower-case) words: "left the U.S. The talks" is two sentences, "the U.S. President" one.
SENTENCE_STARTERS = frozenset(
    re.findall(
        r"\w+",
        "the a an it he she they we i this that these those but and in on at as if when while "
        "there his her their its our however meanwhile yet so",
    )
)


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternative matching any of ``words``, longest first.

    The words are escaped and longer ones come first, so "says" is tried before "say".
    Put word boundaries around it where they are needed.

    >>> alternation(["say", "says", "went on to say"])
    'went\\\\ on\\\\ to\\\\ say|says|say'
    >>> bool(re.fullmatch(alternation(REPORTING_VERBS), "asserted"))
    True
    """
    unique = dict.fromkeys(words)
    return "|".join(re.escape(w) for w in sorted(unique, key=lambda w: (-len(w), w)))
