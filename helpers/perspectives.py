"""Perspectives: who gets to speak in a source, in whose words, and for how long.

:func:`find_quotations` finds every *voice* in a text -- words in quotation marks (``direct``)
and speech reported without them (``reported``: "X said that …", "according to X, …") -- with
its speaker as the text names it. :func:`voices` adds who that speaker is in the gazetteer
(``actor_id``, ``affiliation``), whether the text names them (``named``) and the page part the
voice stands in (``segment``: the journalist's ``body`` or the readers' ``comment``…).
:func:`who_speaks` and :func:`voice_summary` turn that into "who gets to speak" tables.

Who speaks and how a voice is found are in :mod:`helpers.quotations`; this module adds who
the speakers are. Pronouns, descriptions that point back ("the observatory") and the place
after a group ("officials in Baghdad") are settled in :func:`voices` (see its notes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from helpers.actors import Gazetteer, default_gazetteer, find_mentions
from helpers.attribution import GROUP_NOUNS
from helpers.corpus import Source, text_of
from helpers.quotations import (
    KINDS,
    QUOTATION_COLUMNS,
    Analysis,
    analyse,
    find_quotations,
    is_pronoun,
)
from helpers.segments import segment_parts

__all__ = [
    "KINDS",
    "QUOTATION_COLUMNS",
    "VOICE_COLUMNS",
    "attention_share",
    "find_quotations",
    "relation_tone",
    "voice_summary",
    "voices",
    "who_speaks",
]

VOICE_COLUMNS = [
    *QUOTATION_COLUMNS, "resolved", "actor_id", "affiliation", "named", "segment", "source_id",
]  # fmt: skip
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
_BACK_REFERENCE = re.compile(r"(?i:the|this|that)\s+(?:[\w’'-]+\s+){0,2}(?P<head>[\w-]+)")
#: A place after a group noun says where the group is, not who it is: "Media in Moscow".
_PLACE_TAIL = re.compile(rf"^(.*?\b(?:{'|'.join(GROUP_NOUNS)}))\s+(?:in|from|at|based in)\s", re.I)


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
        if m := _PLACE_TAIL.match(text):
            text = m.group(1)  # "officials in Baghdad", "Media in Moscow": not the place
        found = find_mentions(text, self.g)["actor_id"].tolist() if text else []
        if not found:
            return ""
        persons = [a for a in found if self.kind.get(a) == "person"]
        if persons:
            return persons[0]
        # the head of "State news agency SANA" comes last, of "head of the Duma" first
        return str(found[0 if re.search(r"\bof\b", text) else -1])

    def candidates(self, a: Analysis, start: int, end: int, persons_only: bool) -> list:
        """(position, name, actor_id) of who could be meant, outside quotation marks."""
        out = []
        piece = a.text[start:end]
        for m in find_mentions(piece, self.g).itertuples():
            if a.inside_quote(start + m.start):
                continue
            if not persons_only or self.kind.get(m.actor_id) == "person":
                out.append((start + m.start, m.surface, m.actor_id))
        for r in a.markers_in(start, end):
            if r.speaker and not is_pronoun(r.speaker):
                actor = self.of(r.speaker)
                if persons_only and not _is_named(r.speaker, actor):
                    continue  # "he" stands for a name, not for "a Kurdish official"
                out.append((r.start, r.speaker, actor))
        return sorted(out, key=lambda c: c[0])


def voices(source: Source | str | Iterable[Source], gazetteer: Gazetteer | None = None):
    """The voices of a source (:func:`find_quotations` without scare quotes), with who they are.

    One row per quotation or reported statement. Columns: those of :func:`find_quotations`
    (``start``, ``end``, the words' span, ``kind``, ``speaker`` as written, ``cue``, ``words``
    and ``relay``: who passed the words on, "; "-joined, '' if nobody), then ``resolved`` (the
    speaker's name after resolving a pronoun or a description that points back; '' if
    unknown), ``actor_id`` (the gazetteer actor the speaker names: the first person mentioned
    in the speaker span, else the last actor -- the first if the speaker holds "of" (head of
    …) -- by :func:`helpers.actors.find_mentions`; a place after a group noun is where the
    group is, not who: "Media in Moscow" is no actor; '' if none),
    ``affiliation`` (the top of the actor's parent chain: kofman → wilson-center, putin →
    russia; the actor itself if it has no parent; '' if no actor), ``named`` (bool), ``segment``
    (the page part where the voice starts, from :func:`helpers.segments.segment`) and
    ``source_id``. A list of sources gives all their voices in one table.

    *Pronoun rule* (he, she, they…): the pronoun stands for the first candidate found in (1)
    the voice's own sentence before the pronoun, else (2) the sentence before, else (3) the
    last named speaker of an earlier voice in the same source. Candidates are gazetteer
    mentions outside quotation marks (persons only for he/she/I) and the named speakers of
    attribution markers; for he/she, only named ones ("a Kurdish official" is not a name "he"
    can stand for). An acronym is no pronoun ("the US said"). *Back-references*: "the", at
    most two words and a head word ("the observatory", "the Britain-based Observatory", "the
    general") resolve to the latest earlier speaker whose longer name holds that head word
    ("Syrian Observatory for Human Rights", "Major General Igor Konashenkov"), and take its
    actor. *Named*: False for a description ("a Russian official", "activists",
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
    a, quotations = analyse(text)
    rows = [row for row in quotations if row["kind"] not in ("scare", "fragment")]
    if not rows:
        return bool(quotations), []
    parts = segment_parts(source)
    part_starts, part_kinds = [p.start for p in parts], [p.kind for p in parts]
    out = []
    last: tuple[str, str] | None = None
    earlier: list[tuple[str, str, bool]] = []  # (name, actor, named) of the voices so far
    for row in rows:
        speaker = row["speaker"]
        if is_pronoun(speaker):
            name, actor = _resolve(a, actors, row, last)
            is_named = bool(name) and _is_named(name, actor)
        elif (back := _refers_back(speaker, earlier)) is not None:
            name, actor, is_named = back  # "the observatory" after "the Syrian Observatory for…"
        else:
            name, actor = speaker, actors.of(speaker)
            is_named = _is_named(speaker, actor)
        if name:
            earlier.append((name, actor, is_named))
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
        **dict.fromkeys(["kind", "speaker", "cue", "relay"], quote_type),
        **dict.fromkeys(["resolved", "actor_id", "affiliation"], voice_type),
        "named": bool, "segment": "str", "source_id": "str",
    }  # fmt: skip
    table = pd.DataFrame(rows, columns=VOICE_COLUMNS)
    retype = {c: t for c, t in types.items() if table[c].dtype != t}  # astype copies: only these
    return table.astype(retype) if retype else table


def _common(types: set) -> object:
    """The one column type of all tables, else object (as pandas concatenates them)."""
    return next(iter(types)) if len(types) == 1 else object


def _refers_back(speaker: str, earlier: list[tuple[str, str, bool]]):
    """(name, actor, named) of the earlier speaker a short description points back to.

    "the observatory", "the Britain-based Observatory", "the general", "the spokesman": "the"
    and at most two more words before a head word; the latest earlier speaker whose name holds
    that word (any case) and more is the one meant. None when nothing earlier fits.
    """
    m = _BACK_REFERENCE.fullmatch(speaker)
    if m is None:
        return None
    head = re.compile(rf"\b{re.escape(m.group('head'))}\b", re.IGNORECASE)
    for name, actor, named in reversed(earlier):
        if len(name) > len(speaker) - 4 and head.search(name) and name.lower() != speaker.lower():
            return name, actor, named
    return None


def _resolve(a: Analysis, actors: _Actors, row: dict, last: tuple[str, str] | None):
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
