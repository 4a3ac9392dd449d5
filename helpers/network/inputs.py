"""Small checks and conversions the network modules share: texts, tables, empty cells, signs."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from helpers.corpus import Source

__all__ = ["SIGN_TEXT", "is_blank", "require_columns", "sign_of", "text_of"]

#: The ways a table may write a sign, and the sign each one means.
SIGN_TEXT = {"+1": 1, "1": 1, "-1": -1, "0": 0, "+0": 0, "-0": 0}


def text_of(text: Source | str) -> tuple[str | None, str]:
    """The source id (None for a plain string) and the raw text of a Source or a string.

    >>> text_of("Russia and Iran met.")
    (None, 'Russia and Iran met.')
    """
    if isinstance(text, Source):
        return text.id, text.text
    if isinstance(text, str):
        return None, text
    raise TypeError(f"expected a Source or a str, got {type(text).__name__}")


def require_columns(frame: object, columns: Iterable[str], what: str) -> None:
    """Refuse anything but a DataFrame holding ``columns``; the error starts with ``what``.

    >>> require_columns(pd.DataFrame({"actor_id": ["usa"]}), ["actor_id", "start"], "mentions")
    Traceback (most recent call last):
    ...
    ValueError: mentions: missing column(s) start
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, pandas' NA or the empty string.

    >>> [is_blank(v) for v in (None, float("nan"), "", "0", 0)]
    [True, True, True, False, False]
    """
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) or value == ""


def sign_of(value: object, where: str) -> int:
    """A sign written as text or as a number (``"+1"``, ``-1``, ``0.0``) as the int +1, -1 or 0.

    Anything else raises ``ValueError``, its message starting with ``where``.

    >>> sign_of("+1", "row 3"), sign_of(-1.0, "row 4"), sign_of("0", "row 5")
    (1, -1, 0)
    """
    text = str(value).strip()
    if text in SIGN_TEXT:
        return SIGN_TEXT[text]
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if number in (1.0, -1.0, 0.0):
        return int(number)
    raise ValueError(f"{where}: sign {value!r} is not one of +1, -1, 0")
