"""Claims, the sources that speak to them, and whether those sources are independent witnesses.

``data/claims.csv`` holds one row per (claim, source, passage): the claim's plain statement and
type, the source's stance toward it, the passage (a span into the raw text, with its quote),
who speaks in that passage and through whose hands it came (see ``data/README.md``).

Two sources saying the same thing confirm it only if they are independent. This module groups
the sources that support a claim into **independent witnesses**, joining two sources when there
is evidence that one depends on the other or both on a third:

- ``shared wording``: the two texts share a passage of at least ``min_words`` words
  (:func:`helpers.reuse.common_passages`), the mark of copied or lightly rewritten text;
- ``same speaker``: both relay the claim from the same named person or body;
- ``same channel``: both got it through the same named outlet or agency;
- ``cites the other``: one names the other's outlet as its channel.

From the groups it proposes an Admiralty credibility code (1–6) per claim, by rules written out
in :data:`CREDIBILITY_RULES`. A proposal is a starting point: a student overrides it with a
rationale, saved through :mod:`helpers.annotations`, and :func:`credibility_table` shows the
student's code wherever there is one. The rules see only the seeds; "other information" on the
Admiralty scale also includes the public record (official documents, named contemporary
reports), which an analyst adds by overriding with a rationale that names it (``data/README.md``,
reference_ratings.csv), so that a well-documented fact reported by one seed can still be a 1.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from helpers.attribution import hands
from helpers.corpus import Corpus, load_corpus
from helpers.files import TableError, read_csv
from helpers.paths import data_dir
from helpers.reuse import common_passages
from helpers.scales import codes
from helpers.spans import quoted_span_problem

__all__ = [
    "admiralty_counts",
    "AUTHOR",
    "chain_of",
    "check_claims",
    "claim_chains",
    "CLAIM_COLUMNS",
    "claim_list",
    "CLAIM_TYPES",
    "COMMENTER",
    "corroboration",
    "CREDIBILITY_RULES",
    "credibility_table",
    "dependence_links",
    "is_witness",
    "LINK_KINDS",
    "propose_credibility",
    "read_claims",
    "shared_wording",
    "STANCE_CODES",
    "stance_matrix",
    "STANCES",
    "SUPPORTING",
    "UNNAMED",
    "VIA_SEPARATOR",
]

CLAIM_COLUMNS = [
    "claim_id",
    "statement",
    "type",
    "source_id",
    "stance",
    "start",
    "end",
    "quote",
    "speaker",
    "via",
    "note",
]
CLAIM_TYPES = ("event", "intent", "quantity", "prediction", "evaluation")
STANCES = ("asserts", "reports-others-asserting", "qualifies", "contests")
SUPPORTING = ("asserts", "reports-others-asserting")
STANCE_CODES = {"asserts": "A", "reports-others-asserting": "R", "qualifies": "Q", "contests": "C"}
AUTHOR = "author"
UNNAMED = "unnamed:"
COMMENTER = "commenter:"
VIA_SEPARATOR = " > "
LINK_KINDS = ("shared wording", "same speaker", "same channel", "cites the other")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The proposal rules, checked in this order; the first that applies gives the code.
CREDIBILITY_RULES = (
    ("6", "no source supports or contests it in its own text (only hedges or reader comments)"),
    ("5", "contested, and no source supports it"),
    ("4", "contested by as many independent witnesses as support it, or more"),
    ("3", "contested, but supported by more independent witnesses than contest it"),
    ("1", "an event or quantity supported by two or more independent witnesses, none against"),
    (
        "2",
        "an aim, forecast or judgement that two or more independent witnesses share: "
        "agreement among analysts is consistency, not confirmation",
    ),
    ("2", "one witness, but repeated by a dependent source or echoed by another, hedging one"),
    (
        "3",
        "one seed only, nothing for or against it in the other seeds (the rules see only the "
        "seeds: check the public record before you settle for 3)",
    ),
)


# --------------------------------------------------------------------------- reading


def _problem(at: str, column: str, problem: str) -> TableError:
    return TableError(f"{at}, column {column}: {problem}")


def check_claims(
    frame: pd.DataFrame,
    corpus: Corpus,
    where: str = "claims",
    lines: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Validate a claims table against its sources; return it with integer ``start``/``end``.

    Every rule names the row (``where``, line N: ``lines[i]`` when given, else as in a CSV
    with one header line and one line per row) and the column.

    >>> corpus = load_corpus()
    >>> row = {"claim_id": "c", "statement": "S.", "type": "event", "source_id": "000",
    ...        "stance": "asserts", "start": 0, "end": 5, "quote": corpus["000"].text[:5],
    ...        "speaker": "author", "via": "", "note": "n"}
    >>> check_claims(pd.DataFrame([row]), corpus)["source_id"].tolist()
    ['000_2475a0d244993fd8']
    """
    missing = [c for c in CLAIM_COLUMNS if c not in frame.columns]
    if missing:
        raise TableError(f"{where}: missing column(s) {', '.join(missing)}")
    rows = []
    first_seen: dict[str, tuple[int, str, str]] = {}
    seen_spans: set[tuple[str, str, int, int]] = set()
    previous = None
    records = frame[CLAIM_COLUMNS].to_dict("records")
    numbers = lines if lines is not None else range(2, len(records) + 2)
    for line, raw in zip(numbers, records, strict=True):
        row = {k: ("" if pd.isna(v) else v) for k, v in raw.items()}
        row = {k: (v.strip() if isinstance(v, str) and k != "quote" else v) for k, v in row.items()}
        at = f"{where}, line {line}"

        if not _SLUG.fullmatch(str(row["claim_id"])):
            raise _problem(
                at, "claim_id", f"{row['claim_id']!r} is not a slug (a-z, 0-9 and single hyphens)"
            )
        if row["type"] not in CLAIM_TYPES:
            raise _problem(at, "type", f"{row['type']!r} is not one of {', '.join(CLAIM_TYPES)}")
        if row["stance"] not in STANCES:
            raise _problem(at, "stance", f"{row['stance']!r} is not one of {', '.join(STANCES)}")
        for column in ("statement", "speaker", "note"):
            if not str(row[column]):
                raise _problem(at, column, "is empty")
        claim = row["claim_id"]
        if claim in first_seen:
            first_line, statement, kind = first_seen[claim]
            if claim != previous:
                raise _problem(
                    at,
                    "claim_id",
                    f"{claim!r} began at line {first_line}; keep a claim's rows together",
                )
            if row["statement"] != statement:
                raise _problem(
                    at, "statement", f"differs from line {first_line}, the claim's first row"
                )
            if row["type"] != kind:
                raise _problem(at, "type", f"differs from line {first_line}, the claim's first row")
        else:
            first_seen[claim] = (line, row["statement"], row["type"])
        previous = claim
        try:
            source = corpus[str(row["source_id"])]
        except KeyError:
            raise _problem(at, "source_id", f"no source {row['source_id']!r}") from None
        row["source_id"] = source.id
        problem = quoted_span_problem(source, row["start"], row["end"], row["quote"])
        if problem:
            raise _problem(at, problem[0], problem[1])
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        key = (claim, source.id, row["start"], row["end"])
        if key in seen_spans:
            raise _problem(at, "start", "the same claim, source and span appear twice")
        seen_spans.add(key)
        via = str(row["via"])
        if via and any(not part.strip() for part in via.split(VIA_SEPARATOR.strip())):
            raise _problem(at, "via", f"{via!r}: hands are names separated by {VIA_SEPARATOR!r}")
        rows.append(row)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def read_claims(path: str | Path | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """The curated claims table, every span checked against its seed.

    >>> claims = read_claims()
    >>> set(claims["stance"]) <= set(STANCES)
    True
    """
    path = Path(path) if path else data_dir() / "claims.csv"
    corpus = corpus or load_corpus()
    table = read_csv(path, CLAIM_COLUMNS)
    frame = pd.DataFrame(table.rows, columns=CLAIM_COLUMNS)
    return check_claims(frame, corpus, where=path.name, lines=table.lines)


# --------------------------------------------------------------------------- views


def is_witness(speaker: str) -> bool:
    """Whether a row's speaker can count as a witness (reader comments cannot).

    >>> is_witness("Michael Kofman"), is_witness("commenter: Jack")
    (True, False)
    """
    return not str(speaker).startswith(COMMENTER)


def claim_list(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: ``claim_id, statement, type, sources`` (how many sources speak to it).

    >>> claim_list(read_claims()).columns.tolist()
    ['claim_id', 'statement', 'type', 'sources']
    """
    grouped = claims.groupby("claim_id", sort=False)
    table = grouped[["statement", "type"]].first()
    table["sources"] = grouped["source_id"].nunique()
    return table.reset_index()


def stance_matrix(claims: pd.DataFrame, label: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Claims down, sources across; each cell the source's stances joined by ``+`` ('' if silent).

    ``label`` renames the source columns (e.g. ``lambda s: s[:3]``).

    >>> m = stance_matrix(read_claims(), label=lambda s: s[:3])
    >>> list(m.columns)
    ['000', '001', '002', '003', '004']
    """
    label = label or (lambda s: s)
    order = {s: i for i, s in enumerate(STANCES)}
    cells = (
        claims.groupby(["claim_id", "source_id"], sort=False)["stance"]
        .agg(lambda s: "+".join(sorted(set(s), key=order.__getitem__)))
        .unstack(fill_value="")
    )
    cells = cells.reindex(index=claims["claim_id"].unique(), columns=sorted(cells.columns))
    cells = cells.fillna("")
    cells.columns = [label(c) for c in cells.columns]
    cells.index.name = "claim_id"
    cells.columns.name = None
    return cells


def chain_of(speaker: str, via: str, source: str) -> list[str]:
    """The chain a statement passed along: speaker, each named hand, the source you read.

    The author's own voice is the source alone.

    >>> chain_of("Aleksei Pushkov", "Interfax", "004")
    ['Aleksei Pushkov', 'Interfax', '004']
    >>> chain_of("author", "", "004")
    ['004']
    """
    if speaker == AUTHOR:
        return [source]
    via_hands = [h.strip() for h in str(via).split(VIA_SEPARATOR.strip()) if h.strip()]
    return [speaker, *via_hands, source]


def claim_chains(claims: pd.DataFrame, label: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Every passage's chain from witness to source, and how many hands it passed through.

    Columns: ``claim_id, source_id, stance, chain`` (joined by `` > ``) ``, hands``.

    >>> chains = claim_chains(read_claims(), label=lambda s: s[:3])
    >>> chains[chains["chain"].str.contains("Interfax")]["hands"].tolist()
    [2]
    """
    label = label or (lambda s: s)
    rows = []
    for r in claims.itertuples():
        chain = chain_of(r.speaker, r.via, label(r.source_id))
        rows.append((r.claim_id, r.source_id, r.stance, VIA_SEPARATOR.join(chain), hands(chain)))
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "stance", "chain", "hands"])


# --------------------------------------------------------------------------- independence


def _named(value: str) -> bool:
    return bool(value) and value != AUTHOR and not value.startswith((UNNAMED, COMMENTER))


def _hands(via: str) -> list[str]:
    return [h.strip() for h in str(via).split(VIA_SEPARATOR.strip()) if _named(h.strip())]


def shared_wording(
    corpus: Corpus, source_ids: Iterable[str], min_words: int = 8
) -> dict[tuple[str, str], str]:
    """Pairs of sources that share a passage of ``min_words`` or more, with the longest one.

    >>> from helpers.corpus import Corpus, Source
    >>> story = "the monitoring group said at least eleven civilians were killed in the town"
    >>> c = Corpus([Source.from_text("A: " + story, "a"), Source.from_text(story + ".", "b")])
    >>> shared_wording(c, ["a", "b"])
    {('a', 'b'): '13 words: “the monitoring group said at least eleven civilians were killed…”'}
    """
    found = {}
    for a, b in itertools.combinations(sorted(set(source_ids)), 2):
        passages = common_passages(corpus[a], corpus[b], min_words=min_words)
        if len(passages):
            top = passages.iloc[0]
            words = str(top["text_a"]).split()
            shown = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
            found[(a, b)] = f"{int(top['words'])} words: “{shown}”"
    return found


def dependence_links(
    claims: pd.DataFrame,
    corpus: Corpus | None = None,
    min_words: int = 8,
    stances: Iterable[str] = SUPPORTING,
) -> pd.DataFrame:
    """Evidence that two sources taking the same side on a claim are not independent.

    Columns: ``claim_id, source_a, source_b, kind, evidence``; ``kind`` is one of
    :data:`LINK_KINDS`. Only rows with one of ``stances`` (by default the supporting ones) by
    witnesses (not reader comments) count.

    >>> links = dependence_links(read_claims())
    >>> set(links["kind"]) <= set(LINK_KINDS)
    True
    """
    corpus = corpus or load_corpus()
    support = claims[claims["stance"].isin(list(stances)) & claims["speaker"].map(is_witness)]
    wording = shared_wording(corpus, support["source_id"].unique(), min_words)
    outlets = {
        s.id: str(s.metadata.get("outlet", "")).strip().lower()
        for s in corpus
        if s.id in set(support["source_id"])
    }
    outlets = {k: v for k, v in outlets.items() if v not in ("", "unknown")}
    links = []
    for claim, rows in support.groupby("claim_id", sort=False):
        by_source = {sid: r for sid, r in rows.groupby("source_id")}
        for a, b in itertools.combinations(sorted(by_source), 2):
            ra, rb = by_source[a], by_source[b]
            if (a, b) in wording:
                links.append((claim, a, b, "shared wording", wording[(a, b)]))
            speakers = {s for s in ra["speaker"] if _named(s)} & set(rb["speaker"])
            for name in sorted(speakers):
                links.append((claim, a, b, "same speaker", name))
            hands_a = {h for v in ra["via"] for h in _hands(v)}
            hands_b = {h for v in rb["via"] for h in _hands(v)}
            for name in sorted(hands_a & hands_b):
                links.append((claim, a, b, "same channel", name))
            for x, y, hands_x in ((a, b, hands_a), (b, a, hands_b)):
                if outlets.get(y) and outlets[y] in {h.lower() for h in hands_x}:
                    links.append((claim, a, b, "cites the other", f"{x} names {y}'s outlet"))
    return pd.DataFrame(links, columns=["claim_id", "source_a", "source_b", "kind", "evidence"])


def _groups(members: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    parent = {m: m for m in members}

    def root(m: str) -> str:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for a, b in pairs:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for m in sorted(parent):
        groups.setdefault(root(m), []).append(m)
    return sorted(tuple(g) for g in groups.values())


def corroboration(
    claims: pd.DataFrame, corpus: Corpus | None = None, min_words: int = 8
) -> pd.DataFrame:
    """For each claim, who supports, hedges or contests it, grouped into independent witnesses.

    Columns: ``claim_id, statement, type, supporting, witnesses, qualifying, contesting,
    contesting_witnesses, comments, links``. ``witnesses`` is a tuple of groups (each a tuple
    of source ids joined by some dependence link); ``links`` lists that evidence as text.

    >>> c = corroboration(read_claims())
    >>> bool((c["witnesses"].map(len) <= c["supporting"].map(len)).all())
    True
    """
    corpus = corpus or load_corpus()
    links = dependence_links(claims, corpus, min_words)
    by_claim = {k: g for k, g in links.groupby("claim_id", sort=False)}
    against_links = dependence_links(claims, corpus, min_words, stances=("contests",))
    against_pairs = {
        k: list(zip(g["source_a"], g["source_b"], strict=True))
        for k, g in against_links.groupby("claim_id", sort=False)
    }
    out = []
    for claim, rows in claims.groupby("claim_id", sort=False):
        witness = rows[rows["speaker"].map(is_witness)]
        support = tuple(sorted(set(witness.loc[witness["stance"].isin(SUPPORTING), "source_id"])))
        hedge = tuple(sorted(set(witness.loc[witness["stance"] == "qualifies", "source_id"])))
        against = tuple(sorted(set(witness.loc[witness["stance"] == "contests", "source_id"])))
        comments = tuple(sorted(set(rows.loc[~rows["speaker"].map(is_witness), "source_id"])))
        claim_links = by_claim.get(claim, links.iloc[0:0])
        pairs = list(zip(claim_links["source_a"], claim_links["source_b"], strict=True))
        evidence = tuple(
            f"{r.source_a[:3]}–{r.source_b[:3]} {r.kind}: {r.evidence}"
            for r in claim_links.itertuples()
        )
        out.append(
            {
                "claim_id": claim,
                "statement": rows["statement"].iloc[0],
                "type": rows["type"].iloc[0],
                "supporting": support,
                "witnesses": tuple(_groups(support, pairs)),
                "qualifying": hedge,
                "contesting": against,
                "contesting_witnesses": len(_groups(against, against_pairs.get(claim, []))),
                "comments": comments,
                "links": evidence,
            }
        )
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- credibility


def propose_credibility(evidence: pd.DataFrame) -> pd.DataFrame:
    """A credibility code per claim from :func:`corroboration`, with the rule that gave it.

    Columns: ``claim_id, proposed, rule``. See :data:`CREDIBILITY_RULES`.

    >>> row = {"claim_id": "c", "type": "event", "supporting": ("a", "b"),
    ...        "witnesses": (("a",), ("b",)), "qualifying": (), "contesting": (),
    ...        "contesting_witnesses": 0}
    >>> propose_credibility(pd.DataFrame([row]))["proposed"].tolist()
    ['1']
    """
    out = []
    for r in evidence.itertuples(index=False):
        support, against = len(r.witnesses), r.contesting_witnesses
        if not support and not against:
            rule = 0
        elif not support:
            rule = 1
        elif against and against >= support:
            rule = 2
        elif against:
            rule = 3
        elif support >= 2:
            rule = 4 if r.type in ("event", "quantity") else 5
        elif len(r.supporting) > 1 or set(r.qualifying) - set(r.supporting):
            rule = 6
        else:
            rule = 7
        code, text = CREDIBILITY_RULES[rule]
        out.append({"claim_id": r.claim_id, "proposed": code, "rule": text})
    return pd.DataFrame(out, columns=["claim_id", "proposed", "rule"])


def credibility_table(
    claims: pd.DataFrame,
    proposals: pd.DataFrame,
    reliability: Mapping[str, str],
    annotations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (claim, supporting source): reliability, proposed and chosen credibility.

    ``reliability`` maps source ids to A–F. ``annotations`` (a student's, see
    :func:`helpers.annotations.latest_annotations`) override the proposal wherever they hold a
    claim-level credibility for that source and claim. Columns: ``claim_id, source_id,
    reliability, proposed, credibility, decided_by, rationale, rating`` (e.g. ``B2``).

    >>> claims = read_claims()
    >>> table = credibility_table(claims, propose_credibility(corroboration(claims)),
    ...                           {s: "C" for s in claims["source_id"]})
    >>> set(table["decided_by"])
    {'proposal'}
    """
    supporting = claims[claims["stance"].isin(SUPPORTING) & claims["speaker"].map(is_witness)]
    pairs = supporting[["claim_id", "source_id"]].drop_duplicates()
    table = pairs.merge(proposals[["claim_id", "proposed", "rule"]], on="claim_id", how="left")
    table["reliability"] = table["source_id"].map(lambda s: reliability.get(s, "F") or "F")
    table["credibility"] = table["proposed"]
    table["decided_by"] = "proposal"
    table["rationale"] = table["rule"]
    if annotations is not None and len(annotations):
        mine = annotations[(annotations["level"] == "claim") & (annotations["credibility"] != "")]
        chosen = {
            (r.target, r.source_id): (str(r.credibility), r.annotator, r.rationale)
            for r in mine.itertuples()
        }
        for i, r in table.iterrows():
            if (r.claim_id, r.source_id) in chosen:
                code, who, why = chosen[(r.claim_id, r.source_id)]
                table.loc[i, ["credibility", "decided_by", "rationale"]] = [code, who, why]
    table["rating"] = table["reliability"] + table["credibility"]
    columns = ["claim_id", "source_id", "reliability", "proposed", "credibility", "decided_by"]
    return table[[*columns, "rationale", "rating"]].reset_index(drop=True)


def admiralty_counts(table: pd.DataFrame) -> pd.DataFrame:
    """A 6×6 count of ratings: reliability A–F down, credibility 1–6 across.

    >>> t = pd.DataFrame({"reliability": ["B", "B", "E"], "credibility": ["2", "2", "3"]})
    >>> int(admiralty_counts(t).loc["B", "2"])
    2
    """
    counts = pd.crosstab(table["reliability"], table["credibility"].astype(str))
    counts = counts.reindex(
        index=list(codes("reliability")), columns=list(codes("credibility")), fill_value=0
    )
    counts.index.name, counts.columns.name = "reliability", "credibility"
    return counts.astype(int)
