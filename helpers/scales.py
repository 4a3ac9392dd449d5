"""The Admiralty (NATO) rating scales, as data every notebook and validator shares.

Source **reliability** is rated A–F and the **credibility** of an item of information 1–6,
separately, so that a source's reputation does not decide what one of its items is worth.
**Whose wording is this?** Two wordings of the same scale are in use, and the course mixes
them on purpose, so it says which is which:

- the **labels** are NATO's, as the Admiralty system is usually cited from STANAG 2511 and
  NATO's intelligence doctrine (AJP-2.1): A "Completely reliable", 1 "Confirmed by other
  sources". US Army field manual FM 2-22.3, *Human Intelligence Collector Operations* (2006),
  appendix B, labels the same two codes A "Reliable" and 1 "Confirmed"
  (:data:`FM_2_22_3_LABELS`); its other labels are the same as NATO's;
- the **definitions** (the third column) are FM 2-22.3's, tables B-1 and B-2, word for word.

The longer NATO labels are kept because they say what the code demands: "Confirmed" alone
invites a student to call a claim confirmed because it sounds sure, "Confirmed by other sources"
does not.

F and 6 mean "cannot be judged": no basis exists for a rating. They are not points on the
scale, so every statistic treats them as missing (:func:`ordinal_value` returns ``None``).
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "CANNOT_BE_JUDGED",
    "codes",
    "CREDIBILITY_SCALE",
    "FM_2_22_3_LABELS",
    "ordinal_value",
    "RELIABILITY_SCALE",
    "scale_table",
    "SCALES",
]

RELIABILITY_SCALE = (
    ("A", "Completely reliable",
     "No doubt of authenticity, trustworthiness, or competency; has a history of complete "
     "reliability."),
    ("B", "Usually reliable",
     "Minor doubt about authenticity, trustworthiness, or competency; has a history of valid "
     "information most of the time."),
    ("C", "Fairly reliable",
     "Doubt of authenticity, trustworthiness, or competency but has provided valid information "
     "in the past."),
    ("D", "Not usually reliable",
     "Significant doubt about authenticity, trustworthiness, or competency but has provided "
     "valid information in the past."),
    ("E", "Unreliable",
     "Lacking in authenticity, trustworthiness, and competency; history of invalid information."),
    ("F", "Cannot be judged", "No basis exists for evaluating the reliability of the source."),
)  # fmt: skip

CREDIBILITY_SCALE = (
    ("1", "Confirmed by other sources",
     "Confirmed by other independent sources; logical in itself; consistent with other "
     "information on the subject."),
    ("2", "Probably true",
     "Not confirmed; logical in itself; consistent with other information on the subject."),
    ("3", "Possibly true",
     "Not confirmed; reasonably logical in itself; agrees with some other information on the "
     "subject."),
    ("4", "Doubtfully true",
     "Not confirmed; possible but not logical; no other information on the subject."),
    ("5", "Improbable",
     "Not confirmed; not logical in itself; contradicted by other information on the subject."),
    ("6", "Cannot be judged", "No basis exists for evaluating the validity of the information."),
)  # fmt: skip

#: Where FM 2-22.3 (2006), appendix B, labels a code differently from the NATO labels above.
FM_2_22_3_LABELS = {"A": "Reliable", "1": "Confirmed"}

CANNOT_BE_JUDGED = {"reliability": "F", "credibility": "6"}
SCALES = {"reliability": RELIABILITY_SCALE, "credibility": CREDIBILITY_SCALE}


def scale_table(axis: str) -> pd.DataFrame:
    """One axis as a table: ``code``, ``label`` (NATO's), ``definition`` (FM 2-22.3's).

    Where FM 2-22.3 labels a code differently, :data:`FM_2_22_3_LABELS` has its label.

    >>> scale_table("reliability").loc[1, ["code", "label"]].tolist()
    ['B', 'Usually reliable']
    >>> scale_table("reliability").loc[0, "label"], FM_2_22_3_LABELS["A"]
    ('Completely reliable', 'Reliable')
    """
    if axis not in SCALES:
        raise ValueError(f"unknown scale {axis!r}; use 'reliability' or 'credibility'")
    return pd.DataFrame(SCALES[axis], columns=["code", "label", "definition"])


def codes(axis: str) -> tuple[str, ...]:
    """The allowed codes of one axis, in order.

    >>> codes("credibility")
    ('1', '2', '3', '4', '5', '6')
    """
    if axis not in SCALES:
        raise ValueError(f"unknown scale {axis!r}; use 'reliability' or 'credibility'")
    return tuple(code for code, _, _ in SCALES[axis])


def ordinal_value(axis: str, code: str | int | None) -> int | None:
    """A rating as a number for statistics (A=1 … E=5, 1 … 5); "cannot be judged" is None.

    >>> ordinal_value("reliability", "C"), ordinal_value("reliability", "F")
    (3, None)
    >>> ordinal_value("credibility", 2), ordinal_value("credibility", "6")
    (2, None)
    """
    if code is None or (isinstance(code, float) and code != code):  # None or NaN: not rated
        return None
    text = str(code).strip().upper()
    allowed = codes(axis)
    if text not in allowed:
        raise ValueError(f"{text!r} is not a {axis} rating; allowed: {', '.join(allowed)}")
    if text == CANNOT_BE_JUDGED[axis]:
        return None
    return allowed.index(text) + 1
