"""data/sources.csv: one row per seed, each fact with how it was established and the evidence.

These tests are the table's specification. A fact read from the page quotes the page verbatim; a
fact inferred from content quotes, verbatim, the passages it rests on; a fact that cannot be
established is ``unknown`` and says why. A seed that changes by one byte fails here.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

import helpers
import helpers.paths

FACTS = ("title", "outlet", "author", "published", "captured", "url", "genre", "language")
COLUMNS = ["id", "file", "sha256"] + [
    f"{fact}{suffix}" for fact in FACTS for suffix in ("", "_basis", "_evidence")
]
BASES = ("text", "inferred", "unknown")
GENRES = {"encyclopedia", "news report", "analysis", "opinion", "aggregator", "magazine feature"}
DATED_FACTS = ("published", "captured")

# What the course teaches about each seed: (value, basis) of the facts students discuss first.
EXPECTED = {
    "000": {
        "outlet": ("Wikipedia (copy on an unidentified mirror site)", "inferred"),
        "author": ("Wikipedia contributors", "inferred"),
        "published": ("unknown", "unknown"),
        "captured": ("2020-09-23/..", "inferred"),
        "genre": ("encyclopedia", "inferred"),
    },
    "001": {
        "outlet": ("Rudaw English", "text"),
        "author": ("Paul Iddon", "text"),
        "published": ("2016-07-21", "text"),
        "captured": ("2019-03-24/2019-03-25", "inferred"),
        "genre": ("news report", "inferred"),
    },
    "002": {
        "outlet": ("Middle East Eye", "text"),
        "author": ("Haid Haid", "text"),
        "published": ("2016-12-30/2017-01-23", "inferred"),
        "genre": ("opinion", "inferred"),
    },
    "003": {
        "outlet": ("unknown", "unknown"),
        "author": ("unknown", "unknown"),
        "published": ("unknown", "unknown"),
        "captured": ("unknown", "unknown"),
        "genre": ("aggregator", "inferred"),
    },
    "004": {
        "outlet": ("unnamed Canadian news magazine", "inferred"),
        "author": ("unknown", "unknown"),
        "published": ("2015-11-18/2015-12-31", "inferred"),  # firm bounds; late Nov. only likely
        "genre": ("magazine feature", "inferred"),
    },
}

# A quoted passage inside evidence: “…” or "…".
QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"")
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
DATE_VALUE = re.compile(rf"(?P<start>{DATE}|\.\.)(?:/(?P<end>{DATE}|\.\.))?")


# ----------------------------------------------------------------------------- helpers


def _rows(root: Path) -> list[dict[str, str]]:
    with open(root / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _seed_text(root: Path, row: dict[str, str]) -> str:
    return (root / "seeds" / row["file"]).read_bytes().decode("utf-8")


def _quotes(evidence: str) -> list[str]:
    return [a or b for a, b in QUOTED.findall(evidence)]


def _bounds(value: str) -> tuple[date | None, date | None]:
    """Earliest and latest day a date value allows (None for an open end)."""

    def first(part: str) -> date | None:
        if part == "..":
            return None
        y, m, d = (part.split("-") + ["1", "1"])[:3]
        return date(int(y), int(m), int(d))

    def last(part: str) -> date | None:
        if part == "..":
            return None
        pieces = part.split("-")
        y = int(pieces[0])
        m = int(pieces[1]) if len(pieces) > 1 else 12
        d = int(pieces[2]) if len(pieces) > 2 else calendar.monthrange(y, m)[1]
        return date(y, m, d)

    match = DATE_VALUE.fullmatch(value)
    assert match, f"{value!r} is not an ISO 8601 date, partial date or interval"
    start, end = match["start"], match["end"] or match["start"]
    return first(start), last(end)


@pytest.fixture(scope="module")
def rows(root):
    return _rows(root)


# ----------------------------------------------------------------------------- shape


def test_the_table_has_exactly_the_documented_columns_in_order(root):
    with open(root / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS


def test_there_is_one_row_per_seed_in_file_order_and_the_id_is_the_file_stem(root, rows):
    seeds = sorted(p.name for p in (root / "seeds").glob("*.txt"))
    assert [row["file"] for row in rows] == seeds
    assert len(rows) == 5
    for row in rows:
        assert row["id"] == Path(row["file"]).stem


# ----------------------------------------------------------------------------- the seeds are frozen


def test_each_seed_matches_its_checksum_in_the_table_and_in_the_seeds_readme(root, rows):
    readme = (root / "seeds" / "README.md").read_text(encoding="utf-8")
    listed: dict[str, set[str]] = {}
    table_rows: set[str] = set()
    for line in readme.splitlines():
        names, digests = SEED_NAME.findall(line), SHA256.findall(line)
        if len(names) == 1 and digests:
            listed.setdefault(names[0], set()).update(digests)
            if line.lstrip().startswith("|"):
                table_rows.add(names[0])
    for row in rows:
        actual = hashlib.sha256((root / "seeds" / row["file"]).read_bytes()).hexdigest()
        assert row["sha256"] == actual, f"seeds/{row['file']} differs from data/sources.csv"
        assert listed.get(row["file"]) == {actual}, (
            f"seeds/README.md: wrong sha256 for {row['file']}"
        )
        assert row["file"] in table_rows, f"seeds/README.md: no table row for {row['file']}"


def test_seeds_are_byte_identical_to_the_shared_originals(rows):
    originals = Path(helpers.paths.course_root()).parent / "shared" / "seeds"
    if not originals.is_dir():
        pytest.skip(f"no shared originals at {originals}")
    for row in rows:
        ours = (Path(helpers.paths.course_root()) / "seeds" / row["file"]).read_bytes()
        assert ours == (originals / row["file"]).read_bytes(), f"seeds/{row['file']} was changed"


# ----------------------------------------------------------------- how facts were established


def test_every_basis_is_text_inferred_or_unknown(rows):
    assert helpers.corpus.BASIS_VALUES == BASES
    for row in rows:
        for fact in FACTS:
            assert row[f"{fact}_basis"] in BASES, f"{row['id']} {fact}_basis"


def test_a_fact_is_unknown_exactly_when_its_basis_is_unknown(rows):
    for row in rows:
        for fact in FACTS:
            is_unknown_value = row[fact] == "unknown"
            is_unknown_basis = row[f"{fact}_basis"] == "unknown"
            assert is_unknown_value == is_unknown_basis, f"{row['id']} {fact}: {row[fact]!r}"


def test_every_fact_has_a_value_and_evidence(rows):
    for row in rows:
        for fact in FACTS:
            assert row[fact].strip(), f"{row['id']} {fact} is empty"
            assert len(row[f"{fact}_evidence"].strip()) >= 5, f"{row['id']} {fact}_evidence"


@pytest.mark.parametrize("fact", FACTS)
def test_text_evidence_is_a_verbatim_quote_from_the_seed(root, rows, fact):
    for row in rows:
        if row[f"{fact}_basis"] == "text":
            evidence = row[f"{fact}_evidence"]
            assert evidence in _seed_text(root, row), (
                f"{row['id']} {fact}: {evidence!r} not in seed"
            )


def test_quote_marks_in_evidence_are_balanced_so_every_quote_is_checked(rows):
    for row in rows:
        for fact in FACTS:
            evidence = row[f"{fact}_evidence"]
            if row[f"{fact}_basis"] == "text":
                continue
            assert evidence.count("“") == evidence.count("”"), f"{row['id']} {fact}_evidence"
            assert evidence.count('"') % 2 == 0, f"{row['id']} {fact}_evidence"


@pytest.mark.parametrize("fact", FACTS)
def test_inferences_quote_the_passages_they_rest_on_verbatim(root, rows, fact):
    for row in rows:
        if row[f"{fact}_basis"] != "inferred":
            continue
        quotes = _quotes(row[f"{fact}_evidence"])
        assert quotes, f"{row['id']} {fact}: an inference must quote what it rests on"
        text = _seed_text(root, row)
        for quote in quotes:
            assert quote in text, f"{row['id']} {fact}: {quote!r} is not in the seed"


@pytest.mark.parametrize("fact", FACTS)
def test_reasons_for_unknown_quote_only_what_the_seed_says(root, rows, fact):
    for row in rows:
        if row[f"{fact}_basis"] != "unknown":
            continue
        text = _seed_text(root, row)
        for quote in _quotes(row[f"{fact}_evidence"]):
            assert quote in text, f"{row['id']} {fact}: {quote!r} is not in the seed"


# ----------------------------------------------------------------------------- value formats


def test_dates_are_iso_8601_dates_partial_dates_or_intervals(rows):
    for row in rows:
        for fact in DATED_FACTS:
            if row[fact] == "unknown":
                continue
            start, end = _bounds(row[fact])
            if start and end:
                assert start <= end, f"{row['id']} {fact}: interval runs backwards"


def test_a_page_is_never_captured_before_it_was_published(rows):
    for row in rows:
        if "unknown" in (row["published"], row["captured"]):
            continue
        published_from, _ = _bounds(row["published"])
        _, captured_until = _bounds(row["captured"])
        if published_from and captured_until:
            assert captured_until >= published_from, row["id"]


def test_genre_and_language_use_the_documented_vocabularies(rows):
    for row in rows:
        assert row["genre"] in GENRES | {"unknown"}, row["id"]
        assert re.fullmatch(r"[a-z]{2}|unknown", row["language"]), row["id"]
    assert {row["language"] for row in rows} == {"en"}


def test_no_seed_keeps_its_address_so_every_url_is_unknown(rows):
    for row in rows:
        assert (row["url"], row["url_basis"]) == ("unknown", "unknown"), row["id"]


def test_titles_are_read_from_the_headline(root, rows):
    for row in rows:
        assert row["title_basis"] == "text"
        assert row["title"] == row["title_evidence"]
        assert row["title"] in _seed_text(root, row).splitlines()


# ----------------------------------------------------------------------------- documentation


def test_every_column_is_documented_in_the_data_readme(root):
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    documented = {
        name
        for line in readme.splitlines()
        if line.lstrip().startswith("|")
        for name in re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])
    }
    missing = [column for column in COLUMNS if column not in documented]
    assert not missing, f"data/README.md does not document: {', '.join(missing)}"
    for basis in BASES:
        assert f"`{basis}`" in readme


# ----------------------------------------------------------------------------- the loaded corpus


def test_load_corpus_gives_five_sources_carrying_the_table(rows):
    corpus = helpers.load_corpus()
    assert len(corpus) == 5
    for source, row in zip(corpus, rows, strict=True):
        assert source.id == row["id"]
        assert source.sha256 == row["sha256"]
        expected = {k: v for k, v in row.items() if k not in {"id", "file", "sha256"}}
        assert dict(source.metadata) == expected
        assert source.title == row["title"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_each_seed_carries_what_the_course_teaches_about_it(prefix):
    metadata = helpers.load_corpus()[prefix].metadata
    for fact, (value, basis) in EXPECTED[prefix].items():
        assert (metadata[fact], metadata[f"{fact}_basis"]) == (value, basis), f"{prefix} {fact}"
