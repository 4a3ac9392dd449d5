"""Decoding: a file that is not UTF-8 is read in the code page that reads it cleanly, and the
loader says what it chose, when it guessed, and when the letters still look wrong."""

from __future__ import annotations

import warnings

import pytest

from helpers import load_corpus, read_source
from helpers.decoding import decode_bytes, odd_spots
from helpers.fakes import load_fakes

TURKISH = (
    "Cumhurbaşkanı Recep Tayyip Erdoğan İstanbul'da konuştu. Türkiye ve Rusya arasındaki "
    "görüşmeler sürüyor; Şam hükümeti ağır eleştirildi.\r\n"
)
ENGLISH_WITH_ONE_TURKISH_NAME = (
    "Turkish President Recep Tayyip Erdoğan said on Monday that Ankara would not accept it.\n"
)
RUSSIAN = (
    "Президент России Владимир Путин заявил, что операция в Сирии будет продолжена. "
    "Песков сообщил журналистам о переговорах.\n"
)


def _read_warning(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = read_source(path)
    return source, [str(w.message) for w in caught]


@pytest.mark.parametrize(
    ("text", "code_page", "name", "wrong"),
    [
        (TURKISH, "cp1254", "Erdoğan", "Erdoðan"),
        (ENGLISH_WITH_ONE_TURKISH_NAME, "cp1254", "Erdoğan", "Erdoðan"),
        (RUSSIAN, "cp1251", "Путин", "Ïóòèí"),
    ],
    ids=["turkish", "english-with-a-turkish-name", "russian"],
)
def test_a_file_in_another_code_page_is_read_in_it_and_the_guess_is_said(
    tmp_path, text, code_page, name, wrong
):
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(code_page))
    source, warned = _read_warning(path)
    assert source.encoding == code_page
    assert name in source.text and wrong not in source.text
    assert source.text == text  # line endings and every character kept
    note = source.notes[0]
    assert note.startswith("not valid UTF-8 (byte ")
    assert ", a guess: read as Windows-1252 it looks wrong" in note
    assert "save a UTF-8 copy" in note
    assert warned and warned[0].startswith("page.txt: not valid UTF-8")


def test_the_note_shows_a_word_as_windows_1252_would_read_it():
    _, _, notes = decode_bytes(ENGLISH_WITH_ONE_TURKISH_NAME.encode("cp1254"))
    assert "Windows-1252 reads 'Erdoðan'" in notes[0]
    assert "Windows-1254 (Turkish) as 'Erdoğan'" in notes[0]


def test_western_text_stays_windows_1252_with_the_course_note_and_no_warning(tmp_path):
    path = tmp_path / "west.txt"
    path.write_bytes("“Deal” – café, Münster, São Paulo, Ærø.".encode("cp1252"))
    source, warned = _read_warning(path)
    assert source.encoding == "cp1252"
    assert source.notes[0].startswith("not valid UTF-8 (byte 0 is 0x93); decoded as Windows-1252")
    assert warned == []


def test_fakes_still_loads_as_windows_1252():
    fakes = load_fakes()
    assert (len(fakes), fakes.attrs["encoding"]) == (804, "cp1252")


def test_utf8_that_was_mangled_before_it_was_saved_is_read_as_it_is_but_flagged():
    mangled = "Erdoğan’s visit".encode().decode("cp1252").encode("utf-8")
    text, encoding, notes = decode_bytes(mangled)
    assert (encoding, text) == ("utf-8", mangled.decode("utf-8"))
    assert notes and "decoding looks wrong" in notes[0] and "Erdo" in notes[0]


def test_clean_utf8_gets_no_note():
    assert decode_bytes("Erdoğan, Путин, Türkiye – “quoted”".encode())[2] == []


@pytest.mark.parametrize("wrong", ["Erdoðan", "W³adys³aw", "Ïðåçèäåíò Ïóòèí", "Ã©tÃ©", "itâ€™s"])
def test_odd_spots_find_the_marks_of_a_wrong_code_page(wrong):
    assert odd_spots(f"The text says {wrong} today.")


@pytest.mark.parametrize(
    "right", ["Erdoğan", "Münster and Ærø", "São Paulo", "Þórshöfn", "naïve café", "1ª edición"]
)
def test_odd_spots_leave_real_names_alone(right):
    assert odd_spots(f"The text says {right} today.") == []


def test_a_folder_warns_about_guessed_code_pages_by_file(tmp_path):
    (tmp_path / "a_turkish.txt").write_bytes(TURKISH.encode("cp1254"))
    (tmp_path / "b_plain.txt").write_text("Plain English.", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    messages = [str(w.message) for w in caught]
    assert len(corpus) == 2
    assert any("code page was guessed" in m and "a_turkish.txt" in m for m in messages)
    assert not any("b_plain" in m for m in messages)
