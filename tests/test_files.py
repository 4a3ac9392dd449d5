"""The ground layer for files (helpers.files): what every CSV reader and writer can rely on.

Reading: UTF-8 with or without a byte-order mark, CRLF or LF; a bad byte, a ragged row, a
missing column or a file saved with semicolons is refused with the file, line and column.
Writing: the lock is exclusive across processes, and a lock whose owner was killed is taken
over at once while a live owner is waited for; an atomic write leaves the old or the new
content, never a mixture, and the temporary files of killed writers are cleaned up; a write
that fails says which folder and what to do. Files made for spreadsheets cannot run formulas.
Latest wins: the newest timestamp per key, the later row on a tie.
"""

from __future__ import annotations

import codecs
import errno
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers.files import (
    FileBusyError,
    TableError,
    WriteError,
    append_csv_rows,
    latest_positions,
    locked,
    read_csv,
    remove_orphan_temp_files,
    spreadsheet_safe,
    write_atomic,
    write_spreadsheet_csv,
)

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["id", "name", "note"]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path: Path, columns=COLUMNS, **options) -> TableError:
    with pytest.raises(TableError) as info:
        read_csv(path, columns, **options)
    return info.value


def run(code: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env)


# --------------------------------------------------------------------------- encoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_utf8_with_or_without_a_byte_order_mark_reads_the_same(tmp_path, encoding, line_end):
    text = line_end.join(["id,name,note", "1,Erdoğan,café", '2,"Moscow, Kremlin",""']) + line_end
    table = read_csv(write(tmp_path / "a.csv", text, encoding), COLUMNS)
    assert table.columns == tuple(COLUMNS)
    assert table.rows == [
        {"id": "1", "name": "Erdoğan", "note": "café"},
        {"id": "2", "name": "Moscow, Kremlin", "note": ""},
    ]
    assert table.lines == [2, 3]


def test_a_bad_byte_names_the_file_the_line_and_the_byte(tmp_path):
    data = "id,name,note\n1,a,b\n2,café,c\n".encode("cp1252")
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    err = error_of(path)
    at = data.index(b"\xe9")
    assert str(err) == f'a.csv, line 3: not UTF-8 (byte {at} is 0xE9); save it as "CSV UTF-8"'
    assert (err.path, err.line) == (path, 3)


def test_a_bad_byte_after_a_byte_order_mark_counts_the_mark(tmp_path):
    data = codecs.BOM_UTF8 + b"id,name,note\n1,\xff,x\n"
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    at = data.index(b"\xff")
    assert f"line 2: not UTF-8 (byte {at} is 0xFF)" in str(error_of(path))


def test_utf16_is_refused_by_name(tmp_path):
    path = write(tmp_path / "a.csv", "id,name,note\n1,a,b\n", "utf-16")
    assert str(error_of(path)).startswith('a.csv: saved as UTF-16 ("Unicode Text"), not UTF-8')


# --------------------------------------------------------------------------- shape


def test_a_short_row_names_file_line_and_the_column_it_stops_before(tmp_path):
    path = write(tmp_path / "a.csv", "id,name,note\n1,a\n2,b,c\n")
    err = error_of(path)
    assert str(err) == "a.csv, line 2: 2 fields; expected 3: the row stops before column note"
    assert (err.line, err.column) == (2, "note")


def test_a_short_last_row_says_the_file_looks_truncated(tmp_path):
    path = write(tmp_path / "a.csv", "id,name,note\n1,a,b\n2")
    err = error_of(path)
    assert str(err) == (
        "a.csv, line 3: 1 fields; expected 3: the row stops before column name; "
        "the file looks truncated"
    )
    assert err.column == "name"


def test_a_long_row_asks_for_quotes_around_a_comma(tmp_path):
    path = write(tmp_path / "a.csv", "id,name,note\n1,Moscow, Kremlin,x\n")
    err = error_of(path)
    assert str(err).startswith("a.csv, line 2: 4 fields; expected 3: a value past the last")
    assert "a value with a comma must be in double quotes" in str(err)
    assert (err.line, err.column) == (2, "note")


def test_rows_after_a_multiline_value_get_their_physical_line(tmp_path):
    path = write(tmp_path / "a.csv", 'id,name,note\n1,a,"one\ntwo\nthree"\n\n,,\n2,b\n')
    assert error_of(path).line == 7
    two_rows = write(tmp_path / "b.csv", 'id,name,note\n1,a,"x\ny"\n2,b,c\n')
    assert read_csv(two_rows, COLUMNS).lines == [2, 4]


def test_an_unclosed_quote_names_the_line_its_row_starts_on(tmp_path):
    path = write(tmp_path / "a.csv", 'id,name,note\n1,a,b\n2,"never closed,c\n3,d,e\n')
    err = error_of(path)
    assert str(err).startswith("a.csv, line 3: a quoted value that starts on this row is never")


def test_a_missing_column_is_named_with_the_columns_expected(tmp_path):
    path = write(tmp_path / "a.csv", "id,name\n1,a\n")
    err = error_of(path)
    assert str(err) == "a.csv: missing columns: note; the columns are id, name, note"
    assert err.line == 1


def test_unexpected_and_reordered_columns_are_named(tmp_path):
    extra = write(tmp_path / "a.csv", "id,name,note,colour\n1,a,b,red\n")
    assert "unexpected columns: 'colour'" in str(error_of(extra))
    swapped = write(tmp_path / "b.csv", "name,id,note\na,1,b\n")
    assert "columns in the wrong order (name, id, note)" in str(error_of(swapped))


def test_header_names_ignore_spaces_case_and_a_second_byte_order_mark(tmp_path):
    path = write(tmp_path / "a.csv", "\ufeff ID , Name,NOTE\n1,a,b\n", "utf-8-sig")
    assert read_csv(path, COLUMNS).rows == [{"id": "1", "name": "a", "note": "b"}]


def test_required_columns_allow_the_others_in_any_order(tmp_path):
    path = write(tmp_path / "a.csv", "note,id\nx,1\n")
    table = read_csv(path, COLUMNS, required=["id"])
    assert table.rows == [{"id": "1", "name": "", "note": "x"}]
    missing = write(tmp_path / "b.csv", "note\nx\n")
    assert str(error_of(missing, required=["id"])) == (
        "b.csv: missing columns: id; give id and any of name, note, each once"
    )


def test_any_header_is_taken_when_no_columns_are_given(tmp_path):
    table = read_csv(write(tmp_path / "a.csv", "x,y\n1,2\n"))
    assert table.columns == ("x", "y") and table.rows == [{"x": "1", "y": "2"}]
    assert "columns given twice: x" in str(error_of(write(tmp_path / "b.csv", "x,x\n1,2\n"), None))


@pytest.mark.parametrize(("mark", "word"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_saved_with_another_delimiter_is_told_so(tmp_path, mark, word):
    path = write(tmp_path / "a.csv", mark.join(COLUMNS) + "\n" + mark.join("123") + "\n")
    message = str(error_of(path))
    assert message.startswith("a.csv, line 1: the header is one column")
    assert f"separated by {word}, not commas" in message
    assert '"CSV UTF-8 (comma delimited)"' in message


def test_an_empty_or_missing_file_is_named(tmp_path):
    assert str(error_of(write(tmp_path / "a.csv", "\n\n"))) == (
        "a.csv: empty file (no header row); the columns are id, name, note"
    )
    assert str(error_of(tmp_path / "nowhere.csv")).startswith("nowhere.csv: no such file")


def test_the_error_type_can_be_chosen(tmp_path):
    class MyError(TableError):
        pass

    with pytest.raises(MyError, match="missing columns"):
        read_csv(write(tmp_path / "a.csv", "id\n1\n"), COLUMNS, error=MyError)


# --------------------------------------------------------------------------- the lock


def test_the_lock_is_exclusive_across_processes(tmp_path):
    target = tmp_path / "a.csv"
    ready = tmp_path / "ready"
    holder = run(
        f"""
        import time
        from pathlib import Path
        from helpers.files import locked
        with locked(Path({str(target)!r})):
            Path({str(ready)!r}).touch()
            time.sleep(1.5)
        """
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert time.monotonic() < deadline and holder.poll() is None
            time.sleep(0.01)
        busy = r"a\.csv: another save \(process \d+ on this computer\) has held a\.csv\.lock"
        with pytest.raises(FileBusyError, match=busy), locked(target, timeout=0.2):
            pass
    finally:
        assert holder.wait(timeout=30) == 0
    with locked(target, timeout=1):  # released when the holder finished
        pass
    assert not target.with_name("a.csv.lock").exists()


def test_locked_increments_from_two_processes_lose_nothing(tmp_path):
    counter = tmp_path / "n.txt"
    counter.write_text("0")
    code = f"""
        from pathlib import Path
        from helpers.files import locked, write_atomic
        path = Path({str(counter)!r})
        for _ in range(25):
            with locked(path):
                write_atomic(path, str(int(path.read_text()) + 1).encode())
        """
    workers = [run(code) for _ in range(2)]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    assert counter.read_text() == "50"


def wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def hold_lock(target: Path, ready: Path) -> subprocess.Popen:
    return run(
        f"""
        import time
        from pathlib import Path
        from helpers.files import locked
        with locked(Path({str(target)!r})):
            Path({str(ready)!r}).touch()
            time.sleep(600)
        """
    )


def test_a_lock_whose_owner_was_killed_is_taken_over_at_once(tmp_path):
    target, ready = tmp_path / "a.csv", tmp_path / "ready"
    holder = hold_lock(target, ready)
    wait_for(ready, holder)
    kill(holder)
    lock = target.with_name("a.csv.lock")
    assert f"pid={holder.pid}" in lock.read_text()  # the killed process left its lock behind
    timeout = 10.0
    started = time.monotonic()
    with locked(target, timeout=timeout, stale=3600):  # no age rule could break it
        assert f"pid={os.getpid()}" in lock.read_text()
    assert time.monotonic() - started < timeout / 2
    assert not lock.exists() and not list(tmp_path.glob("*.stale-*"))


def test_a_live_owner_is_waited_for_however_old_its_lock(tmp_path):
    target, ready = tmp_path / "a.csv", tmp_path / "ready"
    holder = hold_lock(target, ready)
    try:
        wait_for(ready, holder)
        lock = target.with_name("a.csv.lock")
        old = time.time() - 3600
        os.utime(lock, (old, old))
        busy = rf"process {holder.pid} on this computer"
        with pytest.raises(FileBusyError, match=busy), locked(target, timeout=0.3, stale=1):
            pass
    finally:
        kill(holder)
    with locked(target, timeout=10, stale=3600):
        pass


def test_a_lock_from_another_host_goes_stale_by_age_only(tmp_path):
    target = tmp_path / "a.csv"
    lock = target.with_name("a.csv.lock")
    lock.write_text(f"pid=1\nhost=not-{socket.gethostname()}\n")
    busy = "process 1 on host not-"
    with pytest.raises(FileBusyError, match=busy), locked(target, timeout=0.2, stale=30):
        pass
    old = time.time() - 60
    os.utime(lock, (old, old))
    with locked(target, timeout=0.2, stale=30):
        assert "host=not-" not in lock.read_text()


def test_a_stale_lock_is_broken(tmp_path):
    target = tmp_path / "a.csv"
    lock = target.with_name("a.csv.lock")
    lock.write_text("1 gone\n")
    old = time.time() - 60
    os.utime(lock, (old, old))
    with locked(target, timeout=0.2, stale=30):
        assert lock.read_text() != "1 gone\n"


# --------------------------------------------------------------------------- atomic write


def test_an_atomic_write_that_fails_leaves_the_old_content(tmp_path, monkeypatch):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]  # no temporary file left


def slow_writer(target: Path, ready: Path) -> subprocess.Popen:
    """A process whose atomic write of ``target`` stops before it is done (until killed)."""
    return run(
        f"""
        import os, time
        from pathlib import Path
        def stuck(fd):
            Path({str(ready)!r}).touch()
            time.sleep(600)
        os.fsync = stuck
        from helpers.files import write_atomic
        write_atomic(Path({str(target)!r}), b"half")
        """
    )


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.saving-*.tmp"))


def age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    target, ready = tmp_path / "a.csv", tmp_path / "ready"
    target.write_bytes(b"kept")
    writer = slow_writer(target, ready)
    wait_for(ready, writer)
    kill(writer)
    (orphan,) = temp_files(tmp_path)
    assert orphan.name.startswith(".a.csv.saving-") and orphan.read_bytes() == b"half"
    write_atomic(tmp_path / "b.csv", b"b")  # young: may still be finishing, so kept
    assert temp_files(tmp_path) == [orphan]
    age(orphan, 60)
    write_atomic(tmp_path / "b.csv", b"b")  # any write into the folder cleans it
    assert temp_files(tmp_path) == [] and target.read_bytes() == b"kept"


def test_a_live_writers_temporary_file_is_left_alone_however_old(tmp_path):
    target, ready = tmp_path / "a.csv", tmp_path / "ready"
    writer = slow_writer(target, ready)
    try:
        wait_for(ready, writer)
        (partial,) = temp_files(tmp_path)
        age(partial, 3600)
        (tmp_path / "notes.tmp").write_text("mine")  # not the store's: never touched
        age(tmp_path / "notes.tmp", 3600)
        assert remove_orphan_temp_files(tmp_path, older_than=0) == []
        assert partial.exists()
    finally:
        kill(writer)
    assert remove_orphan_temp_files(tmp_path, older_than=0) == [partial]
    assert (tmp_path / "notes.tmp").exists()


def test_a_full_disk_names_the_folder_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError) as info:
        write_atomic(target, b"new")
    assert info.value.errno == errno.ENOSPC
    assert str(info.value).startswith(f"a.csv: not saved: the disk holding {tmp_path} is full")
    assert "Free some space" in str(info.value)
    assert target.read_bytes() == b"old" and temp_files(tmp_path) == []


def test_a_folder_where_the_file_should_be_is_named(tmp_path):
    (tmp_path / "a.csv").mkdir()
    with pytest.raises(WriteError, match=r"is a folder, where the file a\.csv should be"):
        write_atomic(tmp_path / "a.csv", b"new")
    with pytest.raises(TableError, match=r"a\.csv: a folder, where a file should be"):
        read_csv(tmp_path / "a.csv")


def test_a_reader_sees_the_old_or_the_new_content_never_a_mixture(tmp_path):
    target = tmp_path / "a.bin"
    old, new = b"o" * 200_000, b"n" * 300_000
    target.write_bytes(old)
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    writer = run(
        f"""
        from pathlib import Path
        from helpers.files import write_atomic
        folder = Path({str(tmp_path)!r})
        contents = [(folder / "new").read_bytes(), (folder / "old").read_bytes()]
        for i in range(40):
            write_atomic(folder / "a.bin", contents[i % 2])
        """
    )
    seen = set()
    while writer.poll() is None:
        seen.add(target.read_bytes())
    assert writer.wait() == 0
    seen.add(target.read_bytes())
    assert seen <= {old, new}


def test_appending_keeps_the_old_bytes_a_backup_and_the_line_end(tmp_path):
    target = tmp_path / "a.csv"
    append_csv_rows(target, COLUMNS, [["1", "a", "one\ntwo"]])
    first = target.read_bytes()
    assert first == codecs.BOM_UTF8 + b'id,name,note\r\n1,a,"one\ntwo"\r\n'
    append_csv_rows(target, COLUMNS, [["2", "b", "c"]], old=first)
    assert target.read_bytes() == first + b"2,b,c\r\n"
    assert target.with_name("a.csv.bak").read_bytes() == first
    lf = tmp_path / "lf.csv"
    lf.write_bytes(b"id,name,note\n1,a,b\n\n")
    append_csv_rows(lf, COLUMNS, [["2", "b", "c"]], old=lf.read_bytes())
    assert lf.read_bytes() == b"id,name,note\n1,a,b\n2,b,c\n"


# --------------------------------------------------------------------------- latest wins


def test_latest_wins_by_timestamp_per_key_in_first_seen_order():
    rows = [
        {"who": "ana", "item": "s1", "timestamp": "2026-11-21T09:00:00+00:00"},
        {"who": "ben", "item": "s1", "timestamp": "2026-11-21T08:00:00+00:00"},
        {"who": "ana", "item": "s1", "timestamp": "2026-11-21T08:30:00+00:00"},  # older
        {"who": "ben", "item": "s1", "timestamp": "2026-11-21T10:00:00+01:00"},  # 09:00 UTC
        {"who": "ana", "item": "s2", "timestamp": "2026-11-21T07:00:00+00:00"},
    ]
    assert latest_positions(rows, ["who", "item"]) == [0, 3, 4]


def test_latest_wins_ties_go_to_the_later_row_whatever_the_spelling():
    rows = [
        {"k": "a", "timestamp": "2026-11-21T09:00:00+00:00"},
        {"k": "a", "timestamp": "2026-11-21T10:00:00+01:00"},
        {"k": "a", "timestamp": "2026-11-21T09:00:00Z"},
        {"k": "b", "timestamp": "2026-11-21T09:00:00"},  # no zone: read as UTC
        {"k": "b", "timestamp": "2026-11-21T09:00:00+00:00"},
    ]
    assert latest_positions(rows, ["k"]) == [2, 4]
    assert latest_positions(list(reversed(rows)), ["k"]) == [1, 4]


def test_latest_wins_reads_timestamps_only_where_a_key_repeats():
    stamp = "2026-11-21T09:00:00+00:00"
    rows = [{"k": "a", "t": "whenever"}, {"k": "b", "t": stamp}, {"k": "b", "t": "soon"}]
    assert latest_positions(rows[:2], ["k"], stamp="t") == [0, 1]
    with pytest.raises(ValueError, match="row 2: timestamp 'soon' is not ISO 8601"):
        latest_positions(rows, ["k"], stamp="t")


# --------------------------------------------------------------------------- for spreadsheets


@pytest.mark.parametrize(
    "cell", ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", [-1, 2.5, "-1", "+2", "-0.5", "-3e2", "plain", "a=b", "", "1-2"])
def test_numbers_and_harmless_text_pass_unchanged(cell):
    assert spreadsheet_safe(cell) == cell


def test_a_spreadsheet_csv_reads_back_with_every_formula_neutralised(tmp_path):
    out = write_spreadsheet_csv(
        tmp_path / "out" / "g.csv", ["=who", "points"], [["=cmd|' /C calc'!A0", -1], ["ana", 2]]
    )
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    table = read_csv(out)
    assert table.columns == ("'=who", "points")
    assert [list(r.values()) for r in table.rows] == [["'=cmd|' /C calc'!A0", "-1"], ["ana", "2"]]
