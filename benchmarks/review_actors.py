"""Which names does the gazetteer miss, and which of its matches sit inside longer names?

    .venv/bin/python benchmarks/review_actors.py [--top 50] [--gazetteer data/actors.csv]

The method for extending ``data/actors.csv`` by evidence, not by a list: run ``find_mentions``
over FA-KES (804 articles) and the dev half of the unseen pages (``unseen/pages/``, the
odd-numbered files only: the even-numbered ones are held out), then print three review lists:

1. **Capitalised names that match no actor**, most frequent first: runs of capitalised words
   (with the joiners ``al-``, ``of (the)``, ``for (the)``, ``bin`` inside a run), where no mention
   overlaps the run. Calendar words and words capitalised only because they open a sentence
   ("The", "But", "He") are left out. Each comes with its count and one passage.
2. **Matches inside longer names**: a mention that sits strictly inside a longer capitalised
   run ("al-Assad" in "Bassel al-Assad International Airport", "Security Council" in "Supreme
   National Security Council"). Each is either a longer name of the same actor (add it as an
   alias), another actor (add a row), or no actor (add it to the row's ``not_aliases``).
3. The figures to report before and after an extension: mentions found on FA-KES, and how many
   of the ``--top`` most frequent capitalised names match no actor.

Reviewing is the human part: a name goes into the gazetteer only with its evidence (where it is
used) and by the column rules of ``data/README.md``; places, demonyms and peoples stay out. Run
the script again after the change and compare the figures.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from helpers.actors import find_mentions, read_gazetteer
from helpers.corpus import read_source
from helpers.fakes import fakes_sources

UNSEEN = Path(__file__).resolve().parent / "unseen" / "pages"
_WORD = r"(?:[A-Z][\w'’.-]*[\w]|[A-Z])"
_JOIN = r"(?:al-|el-|(?:of|for) (?:the )?|de |bin |ibn )"
NAME_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:(?:\s|-)(?:{_JOIN})?{_WORD}|\s(?:{_JOIN}){_WORD})*")
# Capitalised only because they are calendar words or open a sentence: not names.
_NOT_NAMES_TEXT = """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An In On At By For From To Of
    And But Or If As It Its It's He She They We I You His Her Their Our This That These Those
    There Here What When Where Why How Who While After Before Since During Although However
    Meanwhile Also Some Many Most More All No Not Mr Mrs Ms Dr According Read Photo"""
NOT_NAMES = set(_NOT_NAMES_TEXT.split())


def dev_pages() -> list:
    """The dev half of the unseen pages: odd-numbered files only."""
    pages = sorted(p for p in UNSEEN.iterdir() if p.suffix in (".txt", ".html"))
    return [read_source(p) for p in pages if int(p.name[:2]) % 2 == 1]


def review(sources, gazetteer) -> tuple[int, Counter, Counter, dict]:
    """(mentions, unmatched names, matches inside longer names, one passage per name)."""
    total = 0
    unmatched: Counter = Counter()
    inside: Counter = Counter()
    passages: dict = {}
    for source in sources:
        text = source.text
        mentions = find_mentions(text, gazetteer)
        total += len(mentions)
        starts = mentions["start"].to_numpy()
        ends = mentions["end"].to_numpy()
        for run in NAME_RUN.finditer(text):
            name = run.group().rstrip(".'’-")
            if name in NOT_NAMES or len(name) < 2:
                continue
            a, b = run.start(), run.start() + len(name)
            overlapping = np.flatnonzero((starts < b) & (ends > a))
            context = " ".join(text[max(0, a - 50) : b + 50].split())
            if not overlapping.size:
                unmatched[name] += 1
                passages.setdefault(("unmatched", name), context)
                continue
            for i in overlapping.tolist():
                if starts[i] >= a and ends[i] <= b and (starts[i], ends[i]) != (a, b):
                    key = (name, mentions["actor_id"].iloc[i], mentions["surface"].iloc[i])
                    inside[key] += 1
                    passages.setdefault(("inside", key), context)
    return total, unmatched, inside, passages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=50, help="names to list (default 50)")
    parser.add_argument("--gazetteer", default=None, help="another actors.csv to try")
    args = parser.parse_args(argv)
    gazetteer = read_gazetteer(args.gazetteer)
    print(gazetteer)
    for label, sources in [("FA-KES", list(fakes_sources())), ("unseen dev pages", dev_pages())]:
        total, unmatched, inside, passages = review(sources, gazetteer)
        print(f"\n=== {label}: {len(sources)} sources, {total:,} mentions")
        print(f"\n-- {args.top} most frequent capitalised names that match no actor")
        for name, count in unmatched.most_common(args.top):
            print(f"{count:5}  {name:40.40}  …{passages[('unmatched', name)][:90]}…")
        print("\n-- matches inside longer names (longer name, actor, words matched)")
        for (name, actor, surface), count in inside.most_common(args.top):
            print(f"{count:5}  {name:45.45}  {actor:22.22} {surface!r}")
        runs = Counter()
        for source in sources:
            for run in NAME_RUN.finditer(source.text):
                name = run.group().rstrip(".'’-")
                if name not in NOT_NAMES and len(name) >= 2:
                    runs[name] += 1
        top = [name for name, _ in runs.most_common(args.top)]
        missed = sum(1 for name in top if name in unmatched)
        print(
            f"\n{label}: of the {len(top)} most frequent capitalised names, {missed} match no "
            f"actor; {total:,} mentions found"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
