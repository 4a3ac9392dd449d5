"""The FA-KES loader reads the shipped file as it is and says what it had to do."""

import hashlib

import pytest

from helpers.corpus import SourceReadError
from helpers.fakes import FAKES_COLUMNS, fakes_path, fakes_sources, load_fakes

SHA256 = "c2338e05ab32dade097cb6044765de0c6c5405eb6fa6c7db509c536474ccb75d"


def test_the_shipped_file_is_the_authors_804_row_version_unchanged():
    assert hashlib.sha256(fakes_path().read_bytes()).hexdigest() == SHA256


def test_a_damaged_shipped_copy_is_refused_when_loaded(tmp_path, monkeypatch):
    damaged = tmp_path / "fakes.csv"
    data = bytearray(fakes_path().read_bytes())
    data[200] ^= 1  # one letter of the first article changes
    damaged.write_bytes(bytes(data))
    monkeypatch.setattr("helpers.fakes.fakes_path", lambda: damaged)
    with pytest.raises(SourceReadError, match="differs from the shipped FA-KES file.*git checkout"):
        load_fakes()
    # The same bytes passed as one's own file are read as they are.
    assert len(load_fakes(damaged)) == 804


def test_all_articles_load_with_typed_counts_and_a_row_key():
    fakes = load_fakes()
    assert len(fakes) == 804
    assert list(fakes.columns) == ["row", *FAKES_COLUMNS]
    assert fakes["row"].is_unique and fakes["row"].iloc[-1] == 804
    assert fakes["label"].value_counts().to_dict() == {1: 426, 0: 378}
    assert fakes["source"].nunique() == 15


def test_the_report_names_the_encoding_and_every_repair():
    fakes = load_fakes()
    assert fakes.attrs["encoding"] == "cp1252"
    notes = " ".join(fakes.attrs["notes"])
    assert "not valid UTF-8" in notes
    assert "49 byte(s) undefined in Windows-1252" in notes
    assert "12 row(s) repeat an earlier unit_id" in notes


def test_articles_become_sources_with_outlet_and_label():
    first = next(fakes_sources())
    assert first.id == "fakes-0001"
    assert first.text.startswith(first.metadata["title"] + "\n\n")
    assert set(first.metadata) >= {"outlet", "date", "label", "unit_id"}


def test_a_count_that_is_not_a_number_is_refused_naming_line_and_column(tmp_path):
    lines = fakes_path().read_bytes().decode("cp1252", errors="replace").splitlines()
    header, first = lines[0], lines[1]
    bad = tmp_path / "fakes.csv"
    bad.write_text(header + "\n" + first.rsplit(",", 1)[0] + ",yes\n", encoding="utf-8")
    with pytest.raises(SourceReadError, match=r"fakes.csv.*line 2, column label: .*'yes'"):
        load_fakes(bad)


def test_an_empty_file_is_refused_by_name(tmp_path):
    empty = tmp_path / "fakes.csv"
    empty.write_bytes(b"")
    with pytest.raises(SourceReadError, match="fakes.csv.*empty"):
        load_fakes(empty)
