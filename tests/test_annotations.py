"""The annotation store: round trips, append-only history, bad input, Excel files, concurrency."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import annotations, load_corpus
from helpers.annotations import (
    COLUMNS,
    AnnotationError,
    annotation_path,
    latest_annotations,
    load_annotations,
    parse_evidence,
    pool_annotations,
    save_annotation,
)
from helpers.paths import course_root

RUDAW = "001_d05eff7ba99ae3f9"
HEADER = ",".join(COLUMNS)
STAMP = "2026-11-21T06:30:00+00:00"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def write(folder: Path, name: str, *rows: str, header: str = HEADER) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def good(source_id: str = RUDAW, reliability: str = "B", rationale: str = "Named analysts") -> str:
    return f"alice,{source_id},source,article,{reliability},,{rationale},602-745,{STAMP}"


def error_of(path: Path, corpus=None) -> str:
    with pytest.raises(AnnotationError) as info:
        load_annotations(path, corpus)
    return str(info.value)


# --------------------------------------------------------------------------- paths and names


def test_annotation_files_live_in_the_work_folder_by_default(tmp_path):
    assert annotation_path("alice") == tmp_path / "work" / "annotations" / "alice.csv"
    assert annotation_path("a.b-c_1", folder=tmp_path) == tmp_path / "a.b-c_1.csv"


@pytest.mark.parametrize("name", ["", "al ice", "../evil", "a/b", "ø", ".hidden", "x" * 65])
def test_annotator_names_outside_the_allowed_characters_are_refused(name):
    with pytest.raises(AnnotationError, match=r"letters, digits, -, _ or \."):
        annotation_path(name)


# --------------------------------------------------------------------------- round trip


def test_a_saved_rating_loads_back_as_saved(corpus):
    row = save_annotation(
        "alice",
        RUDAW,
        "source",
        "article",
        "b",
        None,
        'Three named analysts, "quoted at length", dated 21/7/2016.\nOutlet is known.',
        evidence=[(602, 745), (1200, 1260)],
        corpus=corpus,
    )
    df = load_annotations(annotation_path("alice"), corpus)
    assert list(df.columns) == list(COLUMNS)
    assert df.iloc[0].to_dict() == row
    assert row["reliability"] == "B" and row["credibility"] == ""
    assert row["evidence"] == "602-745;1200-1260"
    assert parse_evidence(row["evidence"]) == [(602, 745), (1200, 1260)]
    assert row["timestamp"].endswith("+00:00")


def test_a_claim_row_needs_a_credibility_and_may_carry_a_reliability(corpus):
    save_annotation("bob", RUDAW, "claim", "c1", None, 2, "Two analysts agree.", corpus=corpus)
    save_annotation("bob", RUDAW, "claim", "c2", "C", "6", "No way to check.", corpus=corpus)
    df = load_annotations(annotation_path("bob"))
    assert df[["reliability", "credibility"]].values.tolist() == [["", "2"], ["C", "6"]]


def test_comments_are_rated_as_a_separate_source_target(corpus):
    save_annotation("alice", RUDAW, "source", "article", "B", None, "Named experts.")
    save_annotation("alice", RUDAW, "source", "comments", "F", None, "Anonymous readers.")
    latest = latest_annotations(load_annotations(annotation_path("alice"), corpus))
    assert dict(zip(latest["target"], latest["reliability"], strict=True)) == {
        "article": "B",
        "comments": "F",
    }


def test_a_new_file_is_utf8_with_bom_and_crlf_for_excel():
    save_annotation("alice", RUDAW, "source", "article", "B", None, "café, naïve")
    data = annotation_path("alice").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    assert "café, naïve".encode() in data


# --------------------------------------------------------------------------- append-only


def test_saving_is_append_only_and_latest_picks_the_newest_rating():
    save_annotation("alice", RUDAW, "source", "article", "C", None, "First look.")
    save_annotation("alice", RUDAW, "source", "comments", "E", None, "Trolls.")
    save_annotation("alice", RUDAW, "source", "article", "B", None, "After lateral reading.")
    save_annotation("alice", RUDAW, "source", "article", "C", None, "Back to first look.")
    df = load_annotations(annotation_path("alice"))
    assert df["reliability"].tolist() == ["C", "E", "B", "C"]
    latest = latest_annotations(df)
    assert latest[["target", "reliability", "rationale"]].values.tolist() == [
        ["article", "C", "Back to first look."],
        ["comments", "E", "Trolls."],
    ]


def test_latest_goes_by_timestamp_not_by_file_order(tmp_path):
    path = write(
        tmp_path,
        "alice.csv",
        f"alice,{RUDAW},source,article,B,,later,,2026-11-21T09:00:00+00:00",
        f"alice,{RUDAW},source,article,D,,earlier,,2026-11-21T10:00:00+02:00",
    )
    assert latest_annotations(load_annotations(path))["rationale"].tolist() == ["later"]


def test_the_previous_file_is_kept_as_a_backup_after_the_second_save():
    path = annotation_path("alice")
    save_annotation("alice", RUDAW, "source", "article", "C", None, "First.")
    assert not path.with_name("alice.csv.bak").exists()
    first = path.read_bytes()
    save_annotation("alice", RUDAW, "source", "article", "B", None, "Second.")
    assert path.with_name("alice.csv.bak").read_bytes() == first
    assert path.read_bytes().startswith(first)
    assert not list(path.parent.glob("*.tmp")) and not list(path.parent.glob("*.lock"))


# --------------------------------------------------------------------------- bad input battery


def test_unknown_source_id_names_file_line_and_column(tmp_path, corpus):
    path = write(tmp_path, "alice.csv", good(source_id="zzz"))
    assert (
        error_of(path, corpus)
        == "alice.csv, line 2, column source_id: no source 'zzz' in the corpus"
    )
    assert len(load_annotations(path)) == 1  # without a corpus the id is not checked


def test_a_file_rating_two_corpora_reads_back_the_rows_of_the_one_asked_for(tmp_path, corpus):
    path = write(tmp_path, "alice.csv", good(), good(source_id="my-page", rationale="Mine"))
    assert "no source 'my-page'" in error_of(path, corpus)  # by default every id must be there
    rows = load_annotations(path, corpus, other_sources=True)
    assert rows["source_id"].tolist() == [RUDAW]
    # the other corpus's rows are still checked, and its bad rows still named
    bad = write(tmp_path, "bob.csv", good(), good(source_id="my-page", reliability="G"))
    with pytest.raises(AnnotationError, match="bob.csv, line 3, column reliability"):
        load_annotations(bad, corpus, other_sources=True)


def test_reliability_outside_a_to_f_is_refused(tmp_path):
    path = write(tmp_path, "alice.csv", good(), good(reliability="G"))
    assert error_of(path) == (
        "alice.csv, line 3, column reliability: 'G' is not allowed; use one of A, B, C, D, E, F"
    )


def test_credibility_outside_1_to_6_is_refused(tmp_path):
    claim = f"alice,{RUDAW},claim,c1,,7,Why,,{STAMP}"
    path = write(tmp_path, "alice.csv", good(), good(rationale="other"), claim)
    assert error_of(path) == (
        "alice.csv, line 4, column credibility: '7' is not allowed; use one of 1, 2, 3, 4, 5, 6"
    )


def test_missing_columns_are_listed(tmp_path):
    header = ",".join(COLUMNS[:6] + ("evidence",))
    path = write(tmp_path, "alice.csv", header=header)
    assert error_of(path) == (
        "alice.csv: missing columns: rationale, timestamp; the columns are " + ", ".join(COLUMNS)
    )


def test_duplicated_rows_are_refused_with_both_lines(tmp_path):
    path = write(tmp_path, "alice.csv", good(), good(reliability="C"), good())
    assert error_of(path) == (
        "alice.csv, line 4: duplicates line 2 (identical in every column); delete one of them"
    )


def test_a_truncated_last_row_is_reported(tmp_path):
    path = tmp_path / "alice.csv"
    path.write_text(f"{HEADER}\n{good()}\nalice,{RUDAW},source,art", encoding="utf-8")
    assert error_of(path) == (
        "alice.csv, line 3: 4 fields; expected 9: the row stops before column reliability; "
        "the file looks truncated"
    )


def test_an_unterminated_quote_is_reported_on_the_line_its_row_starts(tmp_path):
    path = tmp_path / "alice.csv"
    path.write_text(
        f'{HEADER}\n{good()}\nalice,{RUDAW},source,article,B,,"Cut off\nin the middle',
        encoding="utf-8",
    )
    assert error_of(path) == (
        "alice.csv, line 3: a quoted value that starts on this row is never closed "
        '(no closing "); the file looks truncated'
    )


def test_a_file_saved_as_windows_1252_is_refused_with_the_byte_offset(tmp_path):
    path = tmp_path / "alice.csv"
    data = f"{HEADER}\n{good(rationale='café')}\n".encode("cp1252")
    path.write_bytes(data)
    offset = data.index(b"\xe9")
    assert error_of(path) == (
        f'alice.csv, line 2: not UTF-8 (byte {offset} is 0xE9); save it as "CSV UTF-8"'
    )


def test_a_source_row_without_reliability_is_refused(tmp_path):
    path = write(tmp_path, "alice.csv", good(reliability=""))
    assert error_of(path) == (
        "alice.csv, line 2, column reliability: empty; a source row needs one of "
        "A, B, C, D, E, F (F: cannot be judged)"
    )


def test_a_claim_row_without_credibility_is_refused(tmp_path):
    path = write(tmp_path, "alice.csv", f"alice,{RUDAW},claim,c1,B,,Why,,{STAMP}")
    assert error_of(path) == (
        "alice.csv, line 2, column credibility: empty; a claim row needs one of "
        "1, 2, 3, 4, 5, 6 (6: cannot be judged)"
    )


def test_an_empty_rationale_is_refused(tmp_path):
    path = write(tmp_path, "alice.csv", good(rationale='"  "'))
    assert error_of(path) == (
        "alice.csv, line 2, column rationale: empty; every rating needs a rationale (say why)"
    )


def test_a_span_beyond_the_end_of_the_source_is_refused(tmp_path, corpus):
    length = len(corpus[RUDAW].text)
    row = f"alice,{RUDAW},source,article,B,,Why,10-{length + 1},{STAMP}"
    path = write(tmp_path, "alice.csv", row)
    assert error_of(path, corpus) == (
        f"alice.csv, line 2, column evidence: '10-{length + 1}' is outside the source; "
        f"'{RUDAW}' has {length} characters, so end must be at most {length}"
    )


@pytest.mark.parametrize("span", ["12-", "abc", "30-20", "5-5", "-4-9"])
def test_a_malformed_span_is_refused(tmp_path, span):
    path = write(tmp_path, "alice.csv", f"alice,{RUDAW},source,article,B,,Why,1-2;{span},{STAMP}")
    assert error_of(path) == (
        f"alice.csv, line 2, column evidence: '{span}' is not allowed; use start-end with "
        "start < end, spans separated by ; (e.g. 602-745;1200-1260)"
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("level", "sauce", "'sauce' is not allowed; use one of source, claim"),
        ("target", "", "empty; say what is rated"),
        ("timestamp", "2026-11-21 06:30", "is not allowed; use ISO 8601 with a time zone"),
        ("annotator", "al ice", "'al ice' is not allowed; use 1-64 letters"),
        ("credibility", "3", "'3' on a source row; leave it empty"),
    ],
)
def test_other_bad_values_name_their_column(tmp_path, column, value, expected):
    values = dict(zip(COLUMNS, good().split(","), strict=True)) | {column: value}
    path = write(tmp_path, "alice.csv", ",".join(values[c] for c in COLUMNS))
    message = error_of(path)
    assert message.startswith(f"alice.csv, line 2, column {column}: ")
    assert expected in message


def test_the_error_carries_the_full_path_line_and_column(tmp_path):
    path = write(tmp_path, "alice.csv", good(reliability="G"))
    with pytest.raises(AnnotationError) as info:
        load_annotations(path)
    assert (info.value.path, info.value.line, info.value.column) == (path, 2, "reliability")


def test_a_row_starting_after_a_multiline_rationale_gets_its_physical_line(tmp_path):
    path = write(tmp_path, "alice.csv", good(rationale='"one\ntwo\nthree"'), good(reliability="Z"))
    assert error_of(path).startswith("alice.csv, line 5, column reliability: 'Z'")


# --------------------------------------------------------------------------- Excel


def test_a_file_hand_edited_in_excel_loads(tmp_path, corpus):
    rows = [
        HEADER,
        f' alice , {RUDAW} , Source ,article, b ,,"Named analysts,\r\n""quoted"" at length",'
        f" 602-745 ; 1200-1260 ,{STAMP}",
        f"alice,{RUDAW},claim,c1,,  2 ,Plausible,,{STAMP}",
        "",
        ",,,,,,,,",
        "",
    ]
    path = tmp_path / "alice.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8"))
    df = load_annotations(path, corpus)
    assert df.iloc[0].to_dict() == {
        "annotator": "alice",
        "source_id": RUDAW,
        "level": "source",
        "target": "article",
        "reliability": "B",
        "credibility": "",
        "rationale": 'Named analysts,\r\n"quoted" at length',
        "evidence": "602-745;1200-1260",
        "timestamp": STAMP,
    }
    assert df.loc[1, "credibility"] == "2"
    before = path.read_bytes()
    save_annotation("alice", RUDAW, "source", "comments", "E", None, "New", folder=tmp_path)
    after = path.read_bytes()
    assert after.startswith(before.rstrip(b"\r\n") + b"\r\n")  # earlier bytes kept exactly
    assert after.endswith(b"\r\n") and b"\r\n\n" not in after
    assert len(load_annotations(path, corpus)) == 3


# --------------------------------------------------------------------------- failed saves


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"reliability": "G"}, "column reliability: 'G' is not allowed; use one of A, B"),
        ({"source_id": "zzz"}, "column source_id: no source 'zzz' in the corpus"),
        ({"rationale": "   "}, "column rationale: empty; every rating needs a rationale"),
        ({"evidence": "12-"}, "column evidence: '12-' is not allowed; use start-end"),
        ({"evidence": [(5, 999_999)]}, "column evidence: '5-999999' is outside the source"),
        ({"level": "claim"}, "column credibility: empty; a claim row needs one of 1, 2"),
    ],
)
def test_a_bad_rating_is_refused_before_anything_is_written(corpus, kwargs, expected):
    save_annotation("alice", RUDAW, "source", "article", "B", None, "Fine.")
    path = annotation_path("alice")
    before = path.read_bytes()
    args = {
        "annotator": "alice",
        "source_id": RUDAW,
        "level": "source",
        "target": "article",
        "reliability": "B",
        "credibility": None,
        "rationale": "Why",
        "corpus": corpus,
    } | kwargs
    with pytest.raises(AnnotationError) as info:
        save_annotation(**args)
    assert str(info.value).startswith("alice.csv, new row, ")
    assert expected in str(info.value)
    assert path.read_bytes() == before


def test_saving_into_a_malformed_file_refuses_and_leaves_it_byte_identical(tmp_path):
    path = write(tmp_path, "alice.csv", good(), good(reliability="G"))
    before = path.read_bytes()
    with pytest.raises(AnnotationError, match=r"^alice\.csv, line 3, column reliability: 'G'"):
        save_annotation("alice", RUDAW, "source", "article", "B", None, "New", folder=tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alice.csv"]


# --------------------------------------------------------------------------- pooling


def test_pooling_keeps_good_files_and_reports_a_malformed_one_by_name(tmp_path, corpus):
    for name in ("alice", "bob"):
        save_annotation(name, RUDAW, "source", "article", "B", None, "Why", folder=tmp_path)
    write(tmp_path, "carol.csv", good(reliability="Q"))
    (tmp_path / "notes.txt").write_text("not a csv")
    rows, problems = pool_annotations(tmp_path, corpus)
    assert sorted(rows["annotator"]) == ["alice", "bob"]
    assert problems.to_dict("records") == [
        {
            "file": "carol.csv",
            "line": 2,
            "problem": "carol.csv, line 2, column reliability: 'Q' is not allowed; "
            "use one of A, B, C, D, E, F",
        }
    ]


# --------------------------------------------------------------------------- concurrency

WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from helpers.annotations import save_annotation
    folder, tag, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.001)
    for i in range(25):
        save_annotation("shared", "001_d05eff7ba99ae3f9", "claim", f"{tag}-{i}", "", 3,
                        f"process {tag}, rating {i}", folder=folder)
    """
)


def test_two_processes_saving_at_once_both_land(tmp_path):
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path), tag, str(go)],
            cwd=course_root(),
            stderr=subprocess.PIPE,
        )
        for tag in ("p1", "p2")
    ]
    time.sleep(0.5)  # both interpreters imported and waiting
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    df = load_annotations(tmp_path / "shared.csv")
    assert len(df) == 50
    assert sorted(df["target"]) == sorted(f"{t}-{i}" for t in ("p1", "p2") for i in range(25))
    assert not list(tmp_path.glob("*.lock"))


# --------------------------------------------------------------------------- property


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rationale=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_rationale_survives_a_save_and_load_exactly(tmp_path, rationale):
    folder = tmp_path / "prop"
    row = save_annotation("prop", RUDAW, "source", "article", "C", None, rationale, folder=folder)
    df = load_annotations(annotation_path("prop", folder))
    assert df.iloc[-1]["rationale"] == rationale == row["rationale"]


def test_a_stale_lock_left_by_a_crashed_save_is_broken(tmp_path):
    lock = tmp_path / "alice.csv.lock"
    lock.write_text("12345 crashed\n")
    old = time.time() - annotations.STALE_LOCK_SECONDS - 5
    os.utime(lock, (old, old))
    save_annotation("alice", RUDAW, "source", "article", "B", None, "Why", folder=tmp_path)
    assert len(load_annotations(tmp_path / "alice.csv")) == 1
    assert not lock.exists()


def test_a_save_waiting_on_a_held_lock_gives_up_with_advice(tmp_path, monkeypatch):
    monkeypatch.setattr(annotations, "LOCK_TIMEOUT", 0.2)
    save_annotation("alice", RUDAW, "source", "article", "B", None, "Why", folder=tmp_path)
    before = (tmp_path / "alice.csv").read_bytes()
    lock = tmp_path / "alice.csv.lock"
    lock.write_text("another notebook\n")
    with pytest.raises(
        AnnotationError, match=r"^alice\.csv: another save has held alice\.csv\.lock"
    ):
        save_annotation("alice", RUDAW, "source", "article", "C", None, "Why", folder=tmp_path)
    assert (tmp_path / "alice.csv").read_bytes() == before
    assert lock.read_text() == "another notebook\n"  # someone else's lock is left alone


def test_an_overlong_rationale_is_refused():
    with pytest.raises(AnnotationError, match="column rationale: 100,001 characters"):
        save_annotation("alice", RUDAW, "source", "article", "B", None, "x" * 100_001)


# --------------------------------------------------------------------------- crashes and full disks


def save(folder: Path, rationale: str = "Why", annotator: str = "alice") -> dict:
    return save_annotation(annotator, RUDAW, "source", "article", "B", None, rationale,
                           folder=folder)  # fmt: skip


HOLD_AND_HANG = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from helpers.files import locked
    with locked(Path(sys.argv[1])):
        Path(sys.argv[2]).touch()
        time.sleep(600)
    """
)


def test_a_save_after_a_kernel_killed_mid_save_goes_through_at_once(tmp_path):
    save(tmp_path, "first")
    path, ready = tmp_path / "alice.csv", tmp_path / "ready"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_HANG, str(path), str(ready)], cwd=course_root()
    )
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert time.monotonic() < deadline and holder.poll() is None
        time.sleep(0.01)
    os.kill(holder.pid, 9)  # SIGKILL: the lock stays behind
    holder.wait(timeout=30)
    assert (tmp_path / "alice.csv.lock").exists()
    started = time.monotonic()
    save(tmp_path, "second")
    assert time.monotonic() - started < annotations.LOCK_TIMEOUT / 2  # no waiting on the dead
    assert load_annotations(path)["rationale"].tolist() == ["first", "second"]
    assert not (tmp_path / "alice.csv.lock").exists()


def test_a_read_only_folder_is_named_and_the_earlier_rows_kept(tmp_path, monkeypatch):
    save(tmp_path, "first")
    before = (tmp_path / "alice.csv").read_bytes()
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OSError) as info:
        save(tmp_path, "second")
    message = str(info.value)
    assert message.startswith(f"alice.csv: not saved: the folder {tmp_path} is read-only")
    assert "Save to a folder you can write to" in message and "COURSE_WORK_DIR" in message
    monkeypatch.undo()
    assert (tmp_path / "alice.csv").read_bytes() == before


def test_a_full_disk_is_named_and_the_earlier_rows_kept(tmp_path, monkeypatch):
    save(tmp_path, "first")
    before = (tmp_path / "alice.csv").read_bytes()
    real_write = os.write

    def full(fd, data):
        if len(data) > 200:  # the lock's few bytes fit; the file's content does not
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError, match=rf"^alice\.csv: not saved: the disk holding {tmp_path} is "
                       r"full .*Free some space"):  # fmt: skip
        save(tmp_path, "second with a rationale long enough " * 5)
    monkeypatch.undo()
    assert (tmp_path / "alice.csv").read_bytes() == before
    assert not list(tmp_path.glob("*.lock")) and not list(tmp_path.glob(".*.tmp"))
    save(tmp_path, "after space was freed")
    assert len(load_annotations(tmp_path / "alice.csv")) == 2


def test_a_folder_where_the_annotation_file_should_be_is_named(tmp_path):
    (tmp_path / "alice.csv").mkdir()
    with pytest.raises(AnnotationError, match=r"^alice\.csv: a folder, where a file should be"):
        save(tmp_path)
    (tmp_path / "annotations").write_text("not a folder")
    with pytest.raises(OSError, match=r"annotations is a file, where a folder should be"):
        save(tmp_path / "annotations")
    assert (tmp_path / "annotations").read_text() == "not a folder"


def test_a_file_saved_with_semicolons_is_refused_with_the_way_to_save_it(tmp_path):
    semicolons = HEADER.replace(",", ";") + "\n" + good().replace(",", ";") + "\n"
    (tmp_path / "alice.csv").write_text(semicolons, encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        save(tmp_path)
    assert str(info.value).startswith("alice.csv, line 1: the header is one column")
    assert "separated by semicolons" in str(info.value)
    assert 'save it as "CSV UTF-8 (comma delimited)"' in str(info.value)
    assert (tmp_path / "alice.csv").read_text(encoding="utf-8") == semicolons  # left untouched
    save(tmp_path / "class", annotator="ben")
    (tmp_path / "class" / "alice.csv").write_text(semicolons, encoding="utf-8")
    pooled, problems = pool_annotations(tmp_path / "class")
    assert pooled["annotator"].tolist() == ["ben"]
    (problem,) = problems.to_dict("records")
    assert problem["file"] == "alice.csv" and problem["line"] == 1
    assert 'save it as "CSV UTF-8 (comma delimited)"' in problem["problem"]


def test_pooling_names_sub_folders_instead_of_skipping_them_silently(tmp_path):
    save(tmp_path, annotator="ana")
    save(tmp_path / "Ben Smith_1234_assignsubmission_file_", annotator="ben")
    (tmp_path / "carl.csv").mkdir()
    pooled, problems = pool_annotations(tmp_path)
    assert pooled["annotator"].tolist() == ["ana"]
    messages = dict(zip(problems["file"], problems["problem"], strict=True))
    assert "only the files directly in" in messages["Ben Smith_1234_assignsubmission_file_/"]
    assert messages["carl.csv"].startswith("carl.csv: a folder, where a file should be")
