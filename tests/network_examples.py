"""Small inputs shared by the tests of helpers.network: a text, its actors, tables shaped like
find_mentions and the relations table."""

from __future__ import annotations

import pandas as pd

__all__ = ["NAMES", "TEXT", "mentions_table", "relations_table"]

TEXT = (
    "Russia and Iran met in Tehran. Russia struck Aleppo; Russia said so. "
    "Iran, Russia and the US disagreed.\nThe US left. Turkey watched."
)
NAMES = {"Russia": "russia", "Iran": "iran", "Tehran": "iran", "US": "usa", "Turkey": "turkey"}


def mentions_table(text: str, names: dict[str, str]) -> pd.DataFrame:
    """find_mentions-shaped table: every occurrence of each surface, sorted by start."""
    rows = []
    for surface, actor_id in names.items():
        start = text.find(surface)
        while start >= 0:
            rows.append((actor_id, actor_id.title(), surface, start, start + len(surface)))
            start = text.find(surface, start + 1)
    rows.sort(key=lambda r: r[3])
    return pd.DataFrame(rows, columns=["actor_id", "actor", "surface", "start", "end"])


def relations_table(*rows) -> pd.DataFrame:
    """A relations table from (subject, relation, object, sign) tuples, one fake quote each."""
    return pd.DataFrame(
        [
            {"source_id": "s", "subject": s, "relation": r, "object": o, "sign": sign,
             "cameo_root": "", "when": "2016", "when_basis": "text", "start": 10 * i,
             "end": 10 * i + 5, "quote": f"q{i}", "note": "n"}
            for i, (s, r, o, sign) in enumerate(rows)
        ]
    )  # fmt: skip
