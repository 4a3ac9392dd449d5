"""How well the page tools read pages they were not built on: scored against hand-written gold.

    .venv/bin/python benchmarks/score_unseen.py [--json out.json] [--items]

Reads the 35 pages of ``benchmarks/unseen/pages`` with ``helpers.load_corpus`` (ids are the file
names without suffix) and their gold (``benchmarks/unseen/gold/<id>.json``, described in
``benchmarks/unseen/README.md``), runs the tools once per page and prints one summary block and
the per-kind tables:

1. **Speakers** (``helpers.perspectives.voices``). Each gold voice is located in ``source.text``
   (its first occurrence after the previous gold voice's start; on the HTML pages the gold
   quote, written against the raw file, is first turned into visible text the way the corpus
   does it). The tool rows whose ``start``–``end`` span overlaps it decide the verdict:
   *right* when a row's speaker names the gold ``speaker`` or ``speaker_full`` (see
   :func:`names_match`), *wrong* when rows name someone else, *missed* when no row overlaps or
   no row names anyone (an unresolved pronoun names no one). A pronoun speaker counts by what
   the tool resolves it to (``resolved``). A gold voice with a null speaker is right only when
   overlapping rows name nobody (wrong if one does, missed if none overlaps). Tool rows that
   overlap no gold voice are *extra*. Reader comments (gold kind ``comment``) are scored apart.
2. **Page parts** (``helpers.segment``). A gold part is right when the tool's part covering
   the gold part's first character has, through :data:`PART_MAP`, the gold kind.
3. **Metadata** (``helpers.page_metadata`` when it exists; else what the corpus gives today:
   ``Source.title`` and any title/author/date/outlet/url in ``source.metadata``). A field is
   right when the tool's basis equals the gold basis and, where gold has a value, the values
   agree (case-folded, whitespace collapsed; dates on the gold's precision). A field the tool
   does not produce has basis "unknown": right only where the gold says unknown.

A tool that raises on a page is caught: that page's items of that measure count as wrong and
the error is named in the output. ``--json`` writes the figures and every per-item result, so
that a later run can be compared with this one.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import subprocess
import sys
import textwrap
import time
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
UNSEEN = HERE / "unseen"
META_FIELDS = ("title", "author", "published", "outlet", "url")
GOLD_PART_KINDS = (
    "headline", "byline", "dateline", "body", "caption", "credit", "related", "comments",
    "navigation", "bio", "listing-entry", "other",
)  # fmt: skip

# The tool's part kinds (helpers.segments.SEGMENT_KINDS) in the gold's vocabulary. The gold
# counts standfirsts, subheads and ad markers as "other"; pull quotes, infobox fragments and
# disclaimers have no gold kind of their own and go there too. "link" (READ:/Related: teasers,
# see-also entries) and "sidebar" (other stories) are the gold's "related"; "boilerplate" (site
# chrome, share buttons, copyright) is "navigation". The tool has no kind for a photo credit or
# a listing entry: gold "credit" and "listing-entry" parts can only be missed. A tool kind not
# in this table (a later addition) is compared as it is.
PART_MAP = {
    "headline": "headline",
    "standfirst": "other",
    "byline": "byline",
    "dateline": "dateline",
    "subheading": "other",
    "body": "body",
    "caption": "caption",
    "pullquote": "other",
    "link": "related",
    "infobox": "other",
    "author_bio": "bio",
    "disclaimer": "other",
    "comment": "comments",
    "sidebar": "related",
    "boilerplate": "navigation",
    "credit": "credit",
    "markup": "other",
    "listing": "listing-entry",
}
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "him", "her", "them", "us"})
RELAY_COLUMNS = ("relay", "relays", "channel")  # a voices column that would name who relayed


# --------------------------------------------------------------------------- text and names


def fold(text: str) -> str:
    """Case-folded, accents stripped, typographic quotes straightened, whitespace collapsed.

    >>> fold("  Ahmet  Davutoğlu’s ")
    "ahmet davutoglu's"
    """
    text = unicodedata.normalize("NFKD", html.unescape(str(text)))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def name_words(name: str) -> list[str]:
    """The words of a name, folded, without a leading article or a trailing possessive.

    >>> name_words("the Kremlin's spokesman, Dmitry Peskov's")
    ['kremlin', 'spokesman', 'dmitry', 'peskov']
    """
    words = re.findall(r"\w+", re.sub(r"'s\b", "", fold(name)))
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return words


def names_match(tool: str, gold: str) -> str:
    """How a tool speaker names a gold name: 'exact', 'last name' or '' (not at all).

    Equal once folded (articles and possessives dropped), or sharing their last word
    ("Peskov" ~ "Dmitry Peskov"). A pronoun never matches a name here: the caller resolves it.

    >>> names_match("Peskov", "Dmitry Peskov"), names_match("Péskov", "PESKOV")
    ('last name', 'exact')
    >>> names_match("Lavrov", "Dmitry Peskov")
    ''
    """
    a, b = name_words(tool), name_words(gold)
    if not a or not b:
        return ""
    if a == b:
        return "exact"
    if a[-1] == b[-1]:
        return "last name"
    return ""


def gold_names(voice: Mapping) -> list[str]:
    """The names a gold voice accepts: speaker, speaker_full, and the speaker before a comma.

    >>> gold_names({"speaker": "Nasir Nouri Mohammed, a spokesman", "speaker_full": None})
    ['Nasir Nouri Mohammed, a spokesman', 'Nasir Nouri Mohammed']
    """
    names = [n for n in (voice.get("speaker"), voice.get("speaker_full")) if n]
    if voice.get("speaker") and "," in voice["speaker"]:
        names.append(voice["speaker"].split(",")[0])
    return list(dict.fromkeys(names))


def tool_names(row: Mapping) -> list[str]:
    """The names a tool row gives: a pronoun speaker counts by what it resolves to.

    >>> tool_names({"speaker": "he", "resolved": "Dmitry Peskov"})
    ['Dmitry Peskov']
    >>> tool_names({"speaker": "Lavrov", "resolved": "Lavrov"}), tool_names({"speaker": ""})
    (['Lavrov'], [])
    """
    speaker = str(row.get("speaker") or "").strip()
    resolved = str(row.get("resolved") or "").strip()
    if speaker.casefold() in PRONOUNS and resolved:
        return [resolved]
    return list(dict.fromkeys(n for n in (speaker, resolved) if n))


# --------------------------------------------------------------------------- locating gold text


def visible(fragment: str) -> str:
    """A fragment of raw HTML as the corpus shows it (entities decoded, tags dropped)."""
    from helpers.corpus import html_visible_text

    fragment = re.sub(r"<[^>]*$", "", fragment)  # a tag cut off by the end of the fragment
    return html_visible_text(fragment)[0]


def locate(quote: str, text: str, after: int = 0, is_html: bool = False) -> tuple[int, int] | None:
    """Where a gold quote stands in ``text``: the first occurrence at or after ``after`` (else
    the first anywhere); on HTML pages, of its visible form, with any run of white space.

    >>> locate("said", "He said; she said.", after=5)
    (13, 17)
    """
    needles = [quote]
    if is_html:
        needles.append(visible(quote))
    for needle in needles:
        if not needle.strip():
            continue
        for start in (after, 0):
            at = text.find(needle, start)
            if at >= 0:
                return at, at + len(needle)
        pattern = r"\s+".join(re.escape(w) for w in needle.split())
        for start in (after, 0):
            found = re.compile(pattern).search(text, start)
            if found:
                return found.span()
    return None


# --------------------------------------------------------------------------- speakers


def speaker_verdict(voice: Mapping, rows: list[Mapping]) -> tuple[str, str]:
    """(verdict, how) of one gold voice given the tool rows that overlap it.

    >>> speaker_verdict({"speaker": "Dmitry Peskov"}, [{"speaker": "Peskov"}])
    ('right', 'last name')
    >>> speaker_verdict({"speaker": None}, [{"speaker": ""}])
    ('right', 'no speaker')
    """
    named = [n for row in rows for n in tool_names(row)]
    identified = [n for n in named if n.casefold() not in PRONOUNS]  # not a bare pronoun
    wanted = gold_names(voice)
    if not rows:
        return "missed", "no tool row overlaps"
    if not wanted:
        return ("wrong", "tool names a speaker") if identified else ("right", "no speaker")
    hows = [names_match(t, g) for t in named for g in wanted]
    if "exact" in hows:
        return "right", "exact"
    if "last name" in hows:
        return "right", "last name"
    if identified:
        return "wrong", "names someone else"
    if named:
        return "missed", "tool gives an unresolved pronoun"
    return "missed", "tool gives no speaker"


def _rows(table: Any) -> list[dict]:
    if table is None:
        return []
    if hasattr(table, "to_dict"):
        return table.to_dict("records")
    return [dict(r) for r in table]


def score_speakers(
    page: str, text: str, gold_voices: list[Mapping], table: Any, is_html: bool = False
) -> tuple[list[dict], list[dict]]:
    """Per gold voice results and the extra tool rows of one page.

    ``table`` is the tool's voices table (columns start, end, speaker, resolved, …; a list of
    dicts works too). Each result holds the gold voice, where it was found, the overlapping
    tool rows, the verdict and how it was reached.
    """
    rows = _rows(table)
    relay_column = next((c for c in RELAY_COLUMNS if rows and c in rows[0]), None)
    used: set[int] = set()
    items = []
    after = 0
    for n, voice in enumerate(gold_voices):
        span = locate(voice["quote"], text, after, is_html)
        item = {
            "page": page,
            "n": n,
            "kind": voice.get("kind"),
            "quote": voice["quote"],
            "speaker": voice.get("speaker"),
            "speaker_full": voice.get("speaker_full"),
            "relay": list(voice.get("relay") or []),
            "start": span[0] if span else None,
            "end": span[1] if span else None,
            "tool": [],
        }
        if span is None:
            item.update(verdict="missed", how="gold quote not located in the text")
            items.append(item)
            continue
        after = span[0]
        hits = [
            i for i, r in enumerate(rows) if int(r["start"]) < span[1] and span[0] < int(r["end"])
        ]
        used.update(hits)
        overlapping = [rows[i] for i in hits]
        item["tool"] = [_tool_row(r) for r in overlapping]
        item["verdict"], item["how"] = speaker_verdict(voice, overlapping)
        named = [t for r in overlapping for t in tool_names(r)]
        item["tool_names_relay"] = any(names_match(t, g) for t in named for g in item["relay"])
        if item["relay"]:
            if relay_column is None:
                item["relay_named"] = "not produced"
            else:
                given = " ".join(str(r.get(relay_column) or "") for r in overlapping)
                item["relay_named"] = any(fold(g) in fold(given) for g in item["relay"])
        items.append(item)
    extras = [dict(_tool_row(r), page=page) for i, r in enumerate(rows) if i not in used]
    return items, extras


def _tool_row(row: Mapping) -> dict:
    keep = ("start", "end", "kind", "speaker", "resolved", "cue", "segment", *RELAY_COLUMNS)
    out = {}
    for key in keep:
        if key in row:
            value = row[key]
            out[key] = int(value) if key in ("start", "end") else str(value)
    return out


# --------------------------------------------------------------------------- page parts


def score_parts(page: str, text: str, gold_parts: list[Mapping], parts: Any, is_html=False):
    """Per gold part: the tool part covering its first character, mapped, and the verdict."""
    rows = _rows(parts)
    starts = [int(r["start"]) for r in rows]
    items = []
    after = 0
    for n, part in enumerate(gold_parts):
        span = locate(part["quote"], text, after, is_html)
        item = {"page": page, "n": n, "kind": part["kind"], "quote": part["quote"][:80]}
        if span is None:
            item.update(at=None, tool=None, mapped=None, verdict="missed", how="not located")
        else:
            after = span[0]
            where = bisect_right(starts, span[0]) - 1
            tool = str(rows[where]["kind"]) if where >= 0 and rows else None
            mapped = PART_MAP.get(tool, tool) if tool else None
            verdict = "right" if mapped == part["kind"] else "wrong"
            item.update(at=span[0], tool=tool, mapped=mapped, verdict=verdict, how="")
        items.append(item)
    return items


# --------------------------------------------------------------------------- metadata


def _as_field(value: Any) -> tuple[Any, str]:
    """(value, basis) from whatever a metadata tool gives for one field."""
    if isinstance(value, Mapping):
        v = value.get("value")
        basis = value.get("basis") or ("text" if v else "unknown")
        return v, str(basis)
    if isinstance(value, tuple) and len(value) == 2:
        return value[0], str(value[1])
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, "unknown"
    return value, "text"


def tool_metadata(source: Any) -> tuple[dict[str, tuple[Any, str]], str]:
    """Each field's (value, basis) from the tool, and which tool gave them."""
    import helpers

    finder = getattr(helpers, "page_metadata", None)
    if finder is None:
        try:
            from helpers import metadata as module  # type: ignore[attr-defined]

            finder = getattr(module, "page_metadata", None)
        except ImportError:
            finder = None
    if finder is not None:
        found = finder(source)
        if hasattr(found, "to_dict") and "field" in getattr(found, "columns", ()):
            found = {r["field"]: r for r in found.to_dict("records")}
        elif not isinstance(found, Mapping):
            found = {f: getattr(found, f, None) for f in META_FIELDS}
        return {f: _as_field(found.get(f)) for f in META_FIELDS}, "page_metadata"
    meta = dict(source.metadata)
    aliases = {"published": ("published", "date"), "url": ("url", "address")}
    out = {}
    for f in META_FIELDS:
        value = next((meta[k] for k in aliases.get(f, (f,)) if meta.get(k)), None)
        out[f] = _as_field(value)
    if out["title"][0] is None and source.title:  # the first non-empty line
        out["title"] = (source.title, "text")
    return out, "fallback: no page_metadata"


def _iso(value: Any) -> str:
    import pandas as pd

    if value is None:
        return ""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text
    stamp = pd.to_datetime(text, errors="coerce", format="mixed")
    return "" if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def metadata_verdict(field: str, gold: Mapping, value: Any, basis: str) -> str:
    """'right' or 'wrong' for one field.

    >>> metadata_verdict("published", {"value": "2015-10", "basis": "inferred"}, "2015-10-03",
    ...                  "inferred")
    'right'
    >>> metadata_verdict("author", {"value": None, "basis": "unknown"}, None, "unknown")
    'right'
    """
    if basis != gold["basis"]:
        return "wrong"
    if gold["value"] is None:
        return "right" if value in (None, "") else "wrong"
    if value in (None, ""):
        return "wrong"
    if field == "published":
        want = str(gold["value"])
        return "right" if _iso(value)[: len(want)] == want else "wrong"
    a, b = fold(str(value)), fold(str(gold["value"]))
    if field == "url":
        a, b = a.rstrip("/"), b.rstrip("/")
    return "right" if a == b else "wrong"


# --------------------------------------------------------------------------- the run


def load_gold(folder: Path) -> dict[str, dict]:
    """Gold by page id (the page file's name without its suffix)."""
    gold = {}
    for path in sorted(Path(folder).glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            one = json.load(fh)
        gold[Path(one["file"]).stem] = one
    return gold


SPLITS = ("all", "dev", "held-out")


def in_split(page: str, split: str) -> bool:
    """Whether a page id belongs to a split: odd-numbered pages are dev, even are held out.

    Work on the tools looks only at dev pages' items; held-out pages give a figure the tools
    were never tuned to.

    >>> in_split("07_abc_sohr_39_civilians", "dev"), in_split("08_dne_kerry", "held-out")
    (True, True)
    """
    if split == "all":
        return True
    odd = int(page.split("_", 1)[0]) % 2 == 1
    return odd if split == "dev" else not odd


def load_kinds(manifest: Path) -> dict[str, str]:
    """Page kind by id from manifest.csv, shortened to its head ("daily (online)" → daily)."""
    if not manifest.is_file():
        return {}
    with open(manifest, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {Path(r["file"]).stem: r["kind"].split(" (")[0].split(" / ")[0].strip() for r in rows}


def _call(errors: list[dict], page: str, tool: str, fn, *args):
    try:
        return fn(*args), None
    except Exception as err:  # noqa: BLE001 - any tool failure is scored, not fatal
        message = f"{type(err).__name__}: {err}"
        errors.append({"page": page, "tool": tool, "error": message})
        return None, message


def _fail(items: list[dict], message: str) -> None:
    for item in items:
        item.update(verdict="wrong", how=f"tool error: {message}")


def run(pages: Path, gold_folder: Path, manifest: Path | None = None, split: str = "all") -> dict:
    """Score every page of the split that has gold; returns figures, items and errors."""
    import helpers
    from helpers.perspectives import voices
    from helpers.segments import segment_parts

    corpus = helpers.load_corpus(pages)
    gold = {k: v for k, v in load_gold(gold_folder).items() if in_split(k, split)}
    kinds = load_kinds(manifest) if manifest else {}
    errors: list[dict] = []
    speakers, extras, parts, metadata, flags, main_text = [], [], [], [], [], []
    meta_tool = ""
    missing = sorted(set(gold) - set(corpus.ids))
    for page in missing:
        errors.append({"page": page, "tool": "load_corpus", "error": "page not read"})
    for source in corpus:
        page = source.id
        if page not in gold:
            continue
        g, is_html = gold[page], source.format == "html"
        kind = kinds.get(page, "")
        table, error = _call(errors, page, "voices", voices, source)
        items, extra = score_speakers(page, source.text, g["voices"], table, is_html)
        if error:
            _fail(items, error)
            extra = []
        for item in items:
            item["page_kind"] = kind
        speakers += items
        extras += [dict(e, page_kind=kind) for e in extra]
        table, error = _call(errors, page, "segment", helpers.segment, source)
        items = score_parts(page, source.text, g["parts"], table, is_html)
        if error:
            _fail(items, error)
        parts += items
        found, error = _call(errors, page, "metadata", tool_metadata, source)
        if found:
            fields, meta_tool = found
        else:
            fields = {f: (None, "unknown") for f in META_FIELDS}
        for f in META_FIELDS:
            value, basis = fields[f]
            want = g["metadata"][f]
            verdict = metadata_verdict(f, want, value, basis)
            metadata.append(
                {
                    "page": page,
                    "field": f,
                    "gold": want["value"],
                    "gold_basis": want["basis"],
                    "tool": None if value is None else str(value),
                    "tool_basis": basis,
                    "verdict": "wrong" if error else verdict,
                    "how": f"tool error: {error}" if error else "",
                }
            )
        if is_html:
            gold_words = words_of(gold_body_text(source.text, g["parts"], is_html))
            ours = "\n".join(p.text for p in segment_parts(source) if p.kind == "body")
            theirs = trafilatura_text(source.raw or "")
            main_text.append(
                {
                    "page": page,
                    "gold": gold_words,
                    "course": words_of(ours),
                    "trafilatura": None if theirs is None else words_of(theirs),
                }
            )
        signals = _page_flags(source)
        flags.append(
            {"page": page, "truncated": g["truncated"], "listing": g["listing"], **signals}
        )
    return {
        "figures": dict(
            figures(
                [s for s in corpus if s.id in gold],
                speakers,
                extras,
                parts,
                metadata,
                flags,
                meta_tool,
            ),
            main_text=main_text_figures(main_text),
        ),
        "items": {
            "speakers": speakers,
            "extra": extras,
            "parts": parts,
            "metadata": metadata,
            "flags": flags,
        },
        "errors": errors,
    }


def _page_flags(source: Any) -> dict:
    """The tool's truncated/listing flags: the ``truncated`` reliability signal and a
    ``listing`` part (``segment``), where the package gives them."""
    import helpers
    from helpers import reliability, segments

    out = {"tool_truncated": "not produced", "tool_listing": "not produced"}
    finder = getattr(reliability, "find_truncation", None)
    try:
        if finder is not None:
            out["tool_truncated"] = bool(finder(source).present)
        kinds = set(helpers.segment(source)["kind"])
        if "listing" in dict(getattr(segments, "SEGMENT_KINDS", ())):
            out["tool_listing"] = "listing" in kinds
    except Exception:  # noqa: BLE001 - counted in the other measures already
        pass
    return out


# --------------------------------------------------------------------------- main text (HTML)

WORD = re.compile(r"\w+")


def words_of(text: str) -> Counter:
    """The words of a text, folded, as a multiset.

    >>> sorted(words_of("Talks stall; talks  STALL.").items())
    [('stall', 2), ('talks', 2)]
    """
    return Counter(WORD.findall(fold(text)))


def gold_body_text(text: str, gold_parts: list[Mapping], is_html: bool) -> str:
    """The gold body of a page: each gold body part runs from its opening to the next part."""
    starts, after = [], 0
    for part in gold_parts:
        span = locate(part["quote"], text, after, is_html)
        if span is not None:
            starts.append((span[0], part["kind"]))
            after = span[0]
    starts.sort()
    ends = [s for s, _ in starts[1:]] + [len(text)]
    return "\n".join(text[s:e] for (s, kind), e in zip(starts, ends, strict=True) if kind == "body")


def trafilatura_text(raw: str) -> str | None:
    """trafilatura's main text of a raw HTML page (None if trafilatura is not installed)."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura.extract(raw, include_comments=False) or ""


def overlap(found: Counter, gold: Counter) -> dict:
    """Word-level precision, recall and F1 of ``found`` against ``gold`` (multisets).

    >>> overlap(Counter("a b c".split()), Counter("a b d e".split()))
    {'precision': 66.7, 'recall': 50.0, 'f1': 57.1}
    """
    shared = sum((found & gold).values())
    p = shared / sum(found.values()) if found else 0.0
    r = shared / sum(gold.values()) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f1, 1)}


def main_text_figures(pages: list[dict]) -> dict:
    """Course and trafilatura main text against the gold body, pooled over the HTML pages."""
    if not pages:
        return {"pages": 0}
    gold = sum((p["gold"] for p in pages), Counter())
    out = {
        "pages": len(pages),
        "course": overlap(sum((p["course"] for p in pages), Counter()), gold),
    }
    if any(p["trafilatura"] is None for p in pages):
        out["trafilatura"] = "not installed"
    else:
        out["trafilatura"] = overlap(sum((p["trafilatura"] for p in pages), Counter()), gold)
    out["by_page"] = {
        p["page"]: {
            "course": overlap(p["course"], p["gold"]),
            "trafilatura": None
            if p["trafilatura"] is None
            else overlap(p["trafilatura"], p["gold"]),
        }
        for p in pages
    }
    return out


def _count(items: Iterable[Mapping]) -> Counter:
    return Counter(i["verdict"] for i in items)


def _share(right: int, total: int) -> float | None:
    return round(100 * right / total, 1) if total else None


def figures(corpus, speakers, extras, parts, metadata, flags, meta_tool) -> dict:
    formats = Counter(s.format for s in corpus)
    main = [i for i in speakers if i["kind"] != "comment"]
    comments = [i for i in speakers if i["kind"] == "comment"]

    def speaker_row(items, extra):
        c = _count(items)
        n = len(items)
        return {
            "voices": n,
            "right": c["right"],
            "wrong": c["wrong"],
            "missed": c["missed"],
            "extra": extra,
            "right_pct": _share(c["right"], n),
            "right_by_last_name": sum(i.get("how") == "last name" for i in items),
        }

    by_page_kind = {}
    for kind in sorted({i["page_kind"] for i in speakers} | {e["page_kind"] for e in extras}):
        these = [i for i in main if i["page_kind"] == kind]
        extra = sum(e["page_kind"] == kind for e in extras)
        by_page_kind[kind] = dict(
            speaker_row(these, extra),
            pages=len({i["page"] for i in speakers if i["page_kind"] == kind}),
        )
    by_voice_kind = {
        k: speaker_row([i for i in speakers if i["kind"] == k], None)
        for k in sorted({i["kind"] for i in speakers})
    }
    relayed = [i for i in main if i["relay"]]
    relay_named = [i.get("relay_named") for i in relayed]
    parts_by_kind = {}
    for kind in GOLD_PART_KINDS:
        these = [i for i in parts if i["kind"] == kind]
        if these:
            right = _count(these)["right"]
            parts_by_kind[kind] = {
                "n": len(these),
                "right": right,
                "right_pct": _share(right, len(these)),
            }
    confusion = Counter(f"{i['kind']}→{i['tool']}" for i in parts if i["verdict"] != "right")
    meta_by_field = {}
    for f in META_FIELDS:
        these = [i for i in metadata if i["field"] == f]
        right = _count(these)["right"]
        meta_by_field[f] = {"n": len(these), "right": right, "right_pct": _share(right, len(these))}
    flag_figures = {}
    for key in ("truncated", "listing"):
        tool = [f[f"tool_{key}"] for f in flags]
        gold_yes = sum(bool(f[key]) for f in flags)
        if all(t == "not produced" for t in tool):
            agree = "not produced"
        else:
            agree = sum(t == f[key] for t, f in zip(tool, flags, strict=True))
        flag_figures[key] = {"gold_yes": gold_yes, "pages": len(flags), "tool_agrees": agree}
    part_right = _count(parts)["right"]
    meta_right = _count(metadata)["right"]
    return {
        "pages": len(flags),
        "formats": dict(formats),
        "speakers": speaker_row(main, len(extras)),
        "speakers_by_page_kind": by_page_kind,
        "speakers_by_voice_kind": by_voice_kind,
        "comments": speaker_row(comments, None),
        "relay": {
            "voices": len(relayed),
            "named": "not produced"
            if all(r == "not produced" for r in relay_named)
            else sum(r is True for r in relay_named),
            "tool_speaker_is_relay": sum(bool(i.get("tool_names_relay")) for i in relayed),
        },
        "parts": {
            "n": len(parts),
            "right": part_right,
            "right_pct": _share(part_right, len(parts)),
        },
        "parts_by_kind": parts_by_kind,
        "parts_confusion": dict(confusion.most_common()),
        "parts_tool_kinds": dict(Counter(f"{i['kind']}→{i['tool']}" for i in parts)),
        "metadata": {
            "tool": meta_tool,
            "n": len(metadata),
            "right": meta_right,
            "right_pct": _share(meta_right, len(metadata)),
        },
        "metadata_by_field": meta_by_field,
        "flags": flag_figures,
    }


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


def report(result: dict, show_items: bool = False) -> str:
    fig = result["figures"]
    sp, pa, me = fig["speakers"], fig["parts"], fig["metadata"]
    formats = ", ".join(f"{n} {k}" for k, n in sorted(fig["formats"].items(), reverse=True))
    out = [
        f"unseen set: {fig['pages']} pages ({formats}), {sp['voices']} voices "
        f"(+{fig['comments']['voices']} reader comments, scored apart)",
        f"speakers right  {_pct(sp['right_pct'])} %  (right {sp['right']}, wrong {sp['wrong']}, "
        f"missed {sp['missed']}; extra {sp['extra']}; {sp['right_by_last_name']} of the right "
        "by last name only)",
        f"page parts right {_pct(pa['right_pct'])} % ({pa['right']} of {pa['n']})",
        f"metadata right  {_pct(me['right_pct'])} %  ({me['right']} of {me['n']} fields)"
        + (f"  [{me['tool']}]" if me["tool"] != "page_metadata" else ""),
        "",
        "speakers by page kind",
        f"  {'kind':<22} {'pages':>5} {'voices':>6} {'right':>5} {'wrong':>5} {'missed':>6} "
        f"{'extra':>5} {'% right':>7}",
    ]
    for kind, r in fig["speakers_by_page_kind"].items():
        out.append(
            f"  {kind or '?':<22} {r['pages']:>5} {r['voices']:>6} {r['right']:>5} {r['wrong']:>5} "
            f"{r['missed']:>6} {r['extra']:>5} {_pct(r['right_pct']):>7}"
        )
    out += ["", "speakers by voice kind"]
    for kind, r in fig["speakers_by_voice_kind"].items():
        out.append(
            f"  {kind:<22} {r['voices']:>4} voices: right {r['right']}, wrong {r['wrong']}, "
            f"missed {r['missed']} ({_pct(r['right_pct']).strip()} %)"
        )
    rel = fig["relay"]
    out.append(
        f"  relayed voices {rel['voices']}: relay named by the tool: {rel['named']}; "
        f"tool's speaker is the relay: {rel['tool_speaker_is_relay']}"
    )
    out += ["", "page parts by gold kind (tool kinds mapped by PART_MAP)"]
    for kind, r in fig["parts_by_kind"].items():
        out.append(f"  {kind:<14} {r['right']:>3} of {r['n']:>3}  {_pct(r['right_pct'])} %")
    misses = ", ".join(f"{k} {n}" for k, n in fig["parts_confusion"].items())
    out += textwrap.wrap(
        "misses, gold→tool kind: " + misses, 98, initial_indent="  ", subsequent_indent="    "
    )
    for key, r in fig["flags"].items():
        out.append(
            f"  {key}: gold {r['gold_yes']} of {r['pages']} pages; tool: {r['tool_agrees']}"
            + ("" if r["tool_agrees"] == "not produced" else " pages agree")
        )
    mt = fig.get("main_text", {"pages": 0})
    if mt["pages"]:
        out += ["", f"main text of the {mt['pages']} HTML pages, words against the gold body parts"]
        out.append(f"  {'':<26} {'precision':>9} {'recall':>7} {'F1':>6}")
        for name, key in (
            ("course (segment: body)", "course"),
            ("trafilatura.extract()", "trafilatura"),
        ):
            r = mt[key]
            if isinstance(r, str):
                out.append(f"  {name:<26} {r}")
            else:
                out.append(f"  {name:<26} {r['precision']:>9} {r['recall']:>7} {r['f1']:>6}")
    out += ["", f"metadata by field ({me['tool']})"]
    for f, r in fig["metadata_by_field"].items():
        out.append(f"  {f:<10} {r['right']:>3} of {r['n']:>3}  {_pct(r['right_pct'])} %")
    if result["errors"]:
        out += ["", "tool errors (that page's items of that measure count as wrong)"]
        out += [f"  {e['page']} {e['tool']}: {e['error']}" for e in result["errors"]]
    if show_items:
        out += ["", "speaker items not right"]
        for i in result["items"]["speakers"]:
            if i["verdict"] != "right":
                tool = "; ".join(f"{t.get('speaker')!r}→{t.get('resolved')!r}" for t in i["tool"])
                out.append(
                    f"  {i['page'][:2]} {i['verdict']:<6} gold {i['speaker']!r} tool [{tool}] "
                    f"{i['quote'][:60]!r}"
                )
        out += ["", "page parts not right (gold kind → tool kind)"]
        for i in result["items"]["parts"]:
            if i["verdict"] != "right":
                out.append(
                    f"  {i['page'][:2]} {i['kind']:<10} → {i['tool']!s:<11} {i['quote'][:60]!r}"
                )
        out += ["", "metadata fields not right (gold value/basis; tool value/basis)"]
        for i in result["items"]["metadata"]:
            if i["verdict"] != "right":
                out.append(
                    f"  {i['page'][:2]} {i['field']:<9} "
                    f"gold {str(i['gold'])[:40]!r}/{i['gold_basis']}"
                    f"; tool {str(i['tool'])[:40]!r}/{i['tool_basis']}"
                )
    return "\n".join(out)


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=HERE, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=UNSEEN / "pages")
    parser.add_argument("--gold", type=Path, default=UNSEEN / "gold")
    parser.add_argument("--manifest", type=Path, default=UNSEEN / "manifest.csv")
    parser.add_argument("--json", type=Path, help="write figures and per-item results here")
    parser.add_argument(
        "--items",
        action="store_true",
        help="also print every speaker, page-part and metadata miss (dev pages only)",
    )
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="dev: odd-numbered pages, to look at while improving the tools; held-out: even-"
        "numbered pages, figures only (never tune on their items); all: both",
    )
    args = parser.parse_args(argv)
    if args.items and args.split != "dev":
        parser.error("--items shows the items of dev pages only: add --split dev")
    began = time.perf_counter()
    result = run(args.pages, args.gold, args.manifest, args.split)
    print(f"split: {args.split}")
    seconds = time.perf_counter() - began
    print(report(result, args.items))
    print(f"\n({seconds:.1f} s)")
    if args.json:
        result["run"] = {
            "commit": _commit(),
            "python": sys.version.split()[0],
            "seconds": round(seconds, 2),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"figures and items written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
