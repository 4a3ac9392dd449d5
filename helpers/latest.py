"""Latest wins: the course's one rule for which of several saved ratings counts.

A student may rate the same thing several times; the newest timestamp counts, and on equal
timestamps the later row in the file. Annotations, ACH matrices, the class pooler and the
agreement tables all use :func:`latest_positions`, so they can never disagree about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

__all__ = ["latest_positions", "parse_timestamp"]


def parse_timestamp(value: Any, where: str = "row") -> datetime:
    """An ISO 8601 timestamp as a UTC instant; one without a time zone counts as UTC.

    >>> parse_timestamp("2026-11-21T08:00:00+01:00").isoformat()
    '2026-11-21T07:00:00+00:00'
    >>> parse_timestamp("yesterday", "row 2")
    Traceback (most recent call last):
    ...
    ValueError: row 2: timestamp 'yesterday' is not ISO 8601 (e.g. 2026-11-21T06:30:00+00:00)
    """
    try:
        stamp = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(
            f"{where}: timestamp {value!r} is not ISO 8601 (e.g. 2026-11-21T06:30:00+00:00)"
        ) from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def latest_positions(
    rows: Sequence[Mapping[str, Any]], key: Sequence[str], stamp: str = "timestamp"
) -> list[int]:
    """Positions of the latest row per ``key``, in the order each key was first seen.

    "Latest" is the newest ``stamp`` (ISO 8601; one without a time zone counts as UTC); on
    equal timestamps the later row wins. Timestamps are only read for keys with several rows.

    >>> rows = [{"k": "a", "timestamp": "2026-11-21T07:00:00+00:00"},
    ...         {"k": "b", "timestamp": "2026-11-21T06:00:00+00:00"},
    ...         {"k": "a", "timestamp": "2026-11-21T08:00:00+01:00"},
    ...         {"k": "b", "timestamp": "2026-11-21T06:00:00+00:00"}]
    >>> latest_positions(rows, ["k"])  # 08:00+01:00 is 07:00 UTC: a tie, the later row wins
    [2, 3]
    """
    groups: dict[tuple[Any, ...], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(tuple(row[k] for k in key), []).append(position)
    return [
        positions[0]
        if len(positions) == 1
        else max(positions, key=lambda p: (parse_timestamp(rows[p][stamp], f"row {p}"), p))
        for positions in groups.values()
    ]
