"""Outlets as perspectives: FA-KES articles grouped by who publishes them, compared at scale.

``data/fa-kes/outlets.csv`` places each of FA-KES's 15 outlets in a group by alignment
(coalition state media, Syrian opposition, Turkish, Gulf, Egyptian, Jordanian, Lebanese,
Western wire) and a coarser ``camp`` (government side, opposition side, neither or divided),
each with the evidence it rests on. The grouping is a judgement from ownership and the
owners' part in the war; the corpus can test it (word choices, whom the articles blame) but
did not produce it.

Functions here turn the pipeline's tables (:func:`helpers.pipeline.run_pipeline`) into
comparisons between groups: who is named (:func:`naming_share`), whom the crowd-coded
``actor`` column holds responsible (:func:`share_table`), which words are chosen
(:func:`rate_per_thousand_words`), who co-occurs with whom (:func:`pooled_comention`), and
whether the outlet predicts an article's label (:func:`label_prediction`), and whether any
association between outlet and label can be told from chance (:func:`label_permutation_test`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from helpers.corpus import Source
from helpers.files import TableError, read_csv
from helpers.network import sentence_spans, top_level_of
from helpers.paths import data_dir

__all__ = [
    "BASES",
    "CAMPS",
    "comention_sentences",
    "label_permutation_test",
    "label_prediction",
    "naming_share",
    "OUTLET_COLUMNS",
    "PERMUTATION_SEED",
    "pooled_comention",
    "rate_per_thousand_words",
    "read_outlets",
    "share_table",
    "top_edges",
    "with_groups",
]

OUTLET_COLUMNS = [
    "source",
    "outlet",
    "actor_id",
    "country",
    "owner",
    "group",
    "camp",
    "basis",
    "evidence",
    "note",
]
#: The seed of :func:`label_permutation_test`'s shuffles, so that a lesson prints the same
#: numbers on every run (the year FA-KES was published).
PERMUTATION_SEED = 2019
CAMPS = ("government side", "opposition side", "neither or divided")
BASES = ("outside", "text", "inferred")


def read_outlets(path: str | Path | None = None) -> pd.DataFrame:
    """The outlet table (``data/fa-kes/outlets.csv`` by default), checked.

    One row per FA-KES ``source`` code: the outlet's name, its gazetteer ``actor_id``, country,
    owner, ``group`` and ``camp`` (one of :data:`CAMPS`), the ``basis`` of the grouping
    (``outside`` knowledge, read from the ``text``, or ``inferred``) and the ``evidence``.

    >>> outlets = read_outlets()
    >>> outlets.loc[outlets["source"] == "sana", ["group", "camp"]].values.tolist()
    [['coalition state media', 'government side']]
    """
    path = Path(path) if path else data_dir() / "fa-kes" / "outlets.csv"
    table = read_csv(path, OUTLET_COLUMNS)
    seen: set[str] = set()
    for line, row in table:
        where = f"{path.name}, line {line}"
        for column in ("source", "outlet", "group", "camp", "basis", "evidence"):
            if not row[column].strip():
                raise TableError(f"{where}, column {column}: empty; every outlet needs one")
        if row["source"] in seen:
            raise TableError(f"{where}, column source: {row['source']!r} appears twice")
        seen.add(row["source"])
        if row["camp"] not in CAMPS:
            raise TableError(
                f"{where}, column camp: {row['camp']!r} is not one of {', '.join(CAMPS)}"
            )
        if row["basis"] not in BASES:
            raise TableError(
                f"{where}, column basis: {row['basis']!r} is not one of {', '.join(BASES)}"
            )
    return pd.DataFrame(table.rows, columns=OUTLET_COLUMNS)


def with_groups(documents: pd.DataFrame, outlets: pd.DataFrame | None = None) -> pd.DataFrame:
    """``documents`` with the outlet's ``group`` and ``camp`` added (joined on ``outlet``).

    Raises ``ValueError`` naming any outlet the table does not place.

    >>> docs = pd.DataFrame({"source_id": ["a"], "outlet": ["trt"]})
    >>> with_groups(docs)[["outlet", "group"]].values.tolist()
    [['trt', 'Turkish']]
    """
    outlets = read_outlets() if outlets is None else outlets
    if "outlet" not in documents.columns:
        raise ValueError("documents: expected an 'outlet' column (the FA-KES source code)")
    unknown = sorted(set(documents["outlet"]) - set(outlets["source"]))
    if unknown:
        raise ValueError(
            f"outlet(s) {', '.join(map(repr, unknown))} are not in the outlet table; "
            "add a row for each to outlets.csv"
        )
    table = outlets.set_index("source")[["group", "camp"]]
    out = documents.copy()
    out["group"] = out["outlet"].map(table["group"])
    out["camp"] = out["outlet"].map(table["camp"])
    return out


def _group_of(documents: pd.DataFrame, by: str) -> pd.Series:
    for column in ("source_id", by):
        if column not in documents.columns:
            raise ValueError(f"documents: expected a {column!r} column")
    return documents.set_index("source_id")[by]


def naming_share(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    by: str = "group",
    parent_of: object = None,
) -> pd.DataFrame:
    """Share of each group's articles that name each actor at least once (actors × groups).

    With ``parent_of`` (a gazetteer, a mapping actor → parent, a table or a function, as for
    :func:`helpers.network.roll_up`) each actor counts for the top of its parent chain, so
    Assad counts for Syria; by default actors are counted as themselves.

    >>> m = pd.DataFrame({"source_id": ["a", "a", "b"], "actor_id": ["x", "x", "y"]})
    >>> d = pd.DataFrame({"source_id": ["a", "b"], "group": ["G", "G"]})
    >>> naming_share(m, d).to_dict()
    {'G': {'x': 0.5, 'y': 0.5}}
    """
    group_of = _group_of(documents, by)
    actors = mentions["actor_id"]
    if parent_of is not None:
        actors = actors.map(top_level_of(parent_of))
    named = pd.DataFrame({"source_id": mentions["source_id"], "actor_id": actors})
    named = named.drop_duplicates()
    named[by] = named["source_id"].map(group_of)
    counts = named.groupby(["actor_id", by]).size().unstack(by, fill_value=0)
    totals = group_of.value_counts()
    counts = counts.reindex(columns=sorted(totals.index), fill_value=0)
    return (counts / totals.reindex(counts.columns)).round(3).rename_axis(columns=by)


def share_table(documents: pd.DataFrame, column: str, by: str = "group") -> pd.DataFrame:
    """Share of each group's articles with each value of ``column`` (values × groups).

    >>> d = pd.DataFrame({"group": ["G", "G", "H"], "actor": ["isis", "unknown", "isis"]})
    >>> share_table(d, "actor").to_dict()
    {'G': {'isis': 0.5, 'unknown': 0.5}, 'H': {'isis': 1.0, 'unknown': 0.0}}
    """
    for name in (column, by):
        if name not in documents.columns:
            raise ValueError(f"documents: expected a {name!r} column")
    table = pd.crosstab(documents[column], documents[by], normalize="columns")
    return table.round(3).rename_axis(index=column, columns=by)


def rate_per_thousand_words(
    found: pd.DataFrame, documents: pd.DataFrame, column: str = "term", by: str = "group"
) -> pd.DataFrame:
    """How often each value of ``column`` occurs per 1,000 words of each group (values × groups).

    ``found`` has one row per occurrence with ``source_id`` (e.g. the pipeline's ``labels``);
    ``documents`` gives each document's ``words`` and group.

    >>> f = pd.DataFrame({"source_id": ["a", "a", "b"], "term": ["regime"] * 3})
    >>> d = pd.DataFrame({"source_id": ["a", "b"], "words": [1000, 3000], "group": ["G", "H"]})
    >>> rate_per_thousand_words(f, d).to_dict()
    {'G': {'regime': 2.0}, 'H': {'regime': 0.3}}
    """
    group_of = _group_of(documents, by)
    words = documents.groupby(by)["words"].sum()
    groups = found["source_id"].map(group_of)
    counts = pd.crosstab(found[column], groups).reindex(columns=words.index, fill_value=0)
    return (counts / words * 1000).round(1).rename_axis(index=column, columns=by)


def pooled_comention(
    mentions: pd.DataFrame,
    sources: Mapping[str, Source | str] | Iterable[Source],
    parent_of: object = None,
    names: Mapping[str, str] | None = None,
) -> nx.Graph:
    """One co-mention network over many documents: actors named in the same sentence.

    Node ``count``: documents naming the actor. Edge ``weight``: documents in which the two
    are named in one sentence; ``sentences``: how many such sentences in all; ``evidence``:
    ``(source_id, start, end)`` of each sentence, for :func:`comention_sentences`. With
    ``parent_of`` (as for :func:`naming_share`), actors are first counted under the top of
    their parent chain (Assad → Syria), and pairs inside one actor are dropped.

    >>> m = pd.DataFrame({"source_id": ["a", "a"], "actor_id": ["russia", "iran"],
    ...                   "start": [0, 11]})
    >>> g = pooled_comention(m, {"a": "Russia and Iran met."})
    >>> g.edges["iran", "russia"]["weight"], g.edges["iran", "russia"]["evidence"]
    (1, [('a', 0, 20)])
    """
    texts = _texts(sources)
    top = top_level_of(parent_of) if parent_of is not None else None
    graph = nx.Graph(kind="pooled-comention", unit="sentence")
    docs_naming: dict[str, int] = defaultdict(int)
    for source_id, frame in mentions.groupby("source_id", sort=False):
        if source_id not in texts:
            raise ValueError(f"mentions name source {source_id!r}, which is not among the texts")
        spans = sentence_spans(texts[source_id])
        starts = [s for s, _ in spans]
        in_sentence: dict[int, set[str]] = defaultdict(set)
        actors = frame["actor_id"].map(top) if top else frame["actor_id"]
        for actor in set(actors):
            docs_naming[actor] += 1
        for actor, start in zip(actors, frame["start"], strict=True):
            in_sentence[max(bisect.bisect_right(starts, int(start)) - 1, 0)].add(actor)
        pairs_here: set[tuple[str, str]] = set()
        for index, group in sorted(in_sentence.items()):
            for a, b in combinations(sorted(group), 2):
                if not graph.has_edge(a, b):
                    graph.add_edge(a, b, weight=0, sentences=0, evidence=[])
                edge = graph.edges[a, b]
                edge["sentences"] += 1
                edge["evidence"].append((source_id, *spans[index]))
                pairs_here.add((a, b))
        for a, b in pairs_here:
            graph.edges[a, b]["weight"] += 1
    for actor, count in docs_naming.items():
        graph.add_node(actor, count=count, name=(names or {}).get(actor, actor))
    return graph


def _texts(sources: Mapping[str, Source | str] | Iterable[Source]) -> dict[str, str]:
    if isinstance(sources, Mapping):
        return {k: v.text if isinstance(v, Source) else str(v) for k, v in sources.items()}
    return {s.id: s.text for s in sources}


def top_edges(graph: nx.Graph, top: int = 10) -> pd.DataFrame:
    """The heaviest edges of a pooled co-mention network: ``a, b, documents, sentences``.

    >>> g = nx.Graph(); g.add_edge("x", "y", weight=2, sentences=3)
    >>> top_edges(g).values.tolist()
    [['x', 'y', 2, 3]]
    """
    rows = [
        (*sorted((a, b)), data.get("weight", 0), data.get("sentences", 0))
        for a, b, data in graph.edges(data=True)
    ]
    table = pd.DataFrame(rows, columns=["a", "b", "documents", "sentences"])
    table = table.sort_values(
        ["documents", "sentences", "a", "b"], ascending=[False, False, True, True]
    )
    return table.head(top).reset_index(drop=True)


def comention_sentences(
    graph: nx.Graph,
    a: str,
    b: str,
    sources: Mapping[str, Source | str] | Iterable[Source],
    limit: int = 5,
) -> pd.DataFrame:
    """The sentences behind one edge of :func:`pooled_comention`, with their offsets.

    >>> g = pooled_comention(pd.DataFrame({"source_id": ["a", "a"], "actor_id": ["x", "y"],
    ...                                    "start": [0, 4]}), {"a": "X Y met."})
    >>> comention_sentences(g, "x", "y", {"a": "X Y met."})["sentence"].tolist()
    ['X Y met.']
    """
    if not graph.has_edge(a, b):
        raise KeyError(f"no edge between {a!r} and {b!r} in this network")
    texts = _texts(sources)
    rows = [
        (source_id, start, end, " ".join(texts[source_id][start:end].split()))
        for source_id, start, end in graph.edges[a, b]["evidence"][:limit]
    ]
    return pd.DataFrame(rows, columns=["source_id", "start", "end", "sentence"])


def label_prediction(documents: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """How well ``by`` predicts the article label, against always guessing the commonest label.

    Leave-one-out: each article's label is predicted by the majority label of the *other*
    articles of its outlet (ties and outlets with no other article: the corpus's commonest
    label). Returns one row per predictor: ``accuracy``, ``correct``, ``articles``.

    >>> d = pd.DataFrame({"outlet": ["a", "a", "a", "b", "b"], "label": [1, 1, 0, 0, 0]})
    >>> label_prediction(d).values.tolist()
    [['commonest label', 0.6, 3, 5], ['outlet', 0.4, 2, 5]]
    """
    for column in (by, "label"):
        if column not in documents.columns:
            raise ValueError(f"documents: expected a {column!r} column")
    labels = documents["label"].astype(int)
    commonest = int(labels.value_counts().sort_index().idxmax())
    ones = labels.groupby(documents[by]).transform("sum") - labels
    others = labels.groupby(documents[by]).transform("size") - 1
    zeros = others - ones
    guess = pd.Series(commonest, index=labels.index)
    guess[ones > zeros] = 1
    guess[zeros > ones] = 0
    rows = [
        ("commonest label", int((labels == commonest).sum())),
        (by, int((guess == labels).sum())),
    ]
    n = len(labels)
    return pd.DataFrame(
        [(name, round(correct / n, 3), correct, n) for name, correct in rows],
        columns=["predictor", "accuracy", "correct", "articles"],
    )


def _leave_one_out_correct(codes: np.ndarray, labels: np.ndarray, commonest: int) -> int:
    """How many labels the majority of the *other* articles of the same group gets right."""
    size = np.bincount(codes)
    ones = np.bincount(codes, weights=labels)[codes] - labels
    zeros = (size[codes] - 1) - ones
    guess = np.where(ones > zeros, 1, np.where(zeros > ones, 0, commonest))
    return int((guess == labels).sum())


def _chi_square(codes: np.ndarray, labels: np.ndarray) -> float:
    """Pearson's chi-square of the group × label table (labels 0/1)."""
    size = np.bincount(codes).astype(float)
    ones = np.bincount(codes, weights=labels, minlength=len(size))
    share = labels.mean()
    if share in (0.0, 1.0):
        return 0.0
    expected_ones, expected_zeros = size * share, size * (1 - share)
    return float(
        (((ones - expected_ones) ** 2) / expected_ones).sum()
        + ((((size - ones) - expected_zeros) ** 2) / expected_zeros).sum()
    )


def label_permutation_test(
    documents: pd.DataFrame,
    by: str = "outlet",
    permutations: int = 2000,
    seed: int = PERMUTATION_SEED,
) -> pd.DataFrame:
    """Can any association between ``by`` and the label be told from chance? A permutation test.

    If the outlet had nothing to do with the label, any shuffle of the labels across the
    articles would be as likely as the real one. So the labels are shuffled ``permutations``
    times (numpy's generator seeded with ``seed``: the same numbers on every run) and two
    statistics are computed each time, giving their **null distribution**:

    - ``leave-one-out accuracy``: the share of labels that :func:`label_prediction`'s rule gets
      right (each article's label guessed from the majority of the *other* articles of its
      group). Its null mean is what the rule scores on labels that carry no association at all,
      which is the fair baseline, not the commonest label's share: leaving one out pushes a
      group's majority *away* from the left-out label, so the rule scores below the commonest
      label even on shuffled labels.
    - ``chi-square``: Pearson's statistic of the group × label table, the usual measure of
      association.

    One row per statistic: ``observed``, ``null_mean``, ``null_sd`` (of the shuffles),
    ``p_value`` = (1 + shuffles at least as large as the observed value) / (1 + shuffles), and
    ``permutations`` and ``seed``. A large p-value says **no detectable association**: the
    data cannot tell the pattern from chance. It does not prove there is none.

    >>> d = pd.DataFrame({"outlet": list("aaaabbbb"), "label": [1, 1, 1, 1, 0, 0, 0, 0]})
    >>> t = label_permutation_test(d, permutations=999, seed=1)
    >>> t[["statistic", "observed", "p_value"]].values.tolist()
    [['leave-one-out accuracy', 1.0, 0.031], ['chi-square', 8.0, 0.031]]
    """
    for column in (by, "label"):
        if column not in documents.columns:
            raise ValueError(f"documents: expected a {column!r} column")
    if not isinstance(permutations, int) or permutations < 1:
        raise ValueError(f"permutations: a whole number of 1 or more, got {permutations!r}")
    labels = documents["label"].astype(int).to_numpy()
    if not set(np.unique(labels)) <= {0, 1}:
        raise ValueError("documents: label must be 0 or 1")
    codes = pd.factorize(documents[by].astype(str))[0]
    n = len(labels)
    commonest = int(pd.Series(labels).value_counts().sort_index().idxmax())
    rng = np.random.default_rng(seed)
    observed = (_leave_one_out_correct(codes, labels, commonest) / n, _chi_square(codes, labels))
    null = np.empty((permutations, 2))
    for i in range(permutations):
        shuffled = rng.permutation(labels)
        null[i] = (
            _leave_one_out_correct(codes, shuffled, commonest) / n,
            _chi_square(codes, shuffled),
        )
    rows = []
    for j, name in enumerate(("leave-one-out accuracy", "chi-square")):
        extreme = int((null[:, j] >= observed[j] - 1e-12).sum())
        rows.append(
            (
                name,
                round(observed[j], 3),
                round(float(null[:, j].mean()), 3),
                round(float(null[:, j].std(ddof=1)), 3) if permutations > 1 else 0.0,
                round((1 + extreme) / (1 + permutations), 3),
                permutations,
                seed,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "statistic",
            "observed",
            "null_mean",
            "null_sd",
            "p_value",
            "permutations",
            "seed",
        ],
    )
