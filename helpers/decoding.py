"""Decoding a file's bytes into the text every span points into, by one set of rules.

Decoding rules (the same for every file):

- UTF-8, with or without a byte-order mark (the BOM is dropped and noted);
- UTF-16 or UTF-32 when the file starts with their byte-order mark (noted);
- otherwise Windows-1252, noted on the source with the offset of the first byte that is not
  UTF-8. The five bytes Windows-1252 leaves undefined are kept as the matching C1 control
  characters, as browsers do, and noted;
- unless the Windows-1252 reading looks wrong (:func:`odd_spots`: "Erdoðan", "Ïóòèí",
  "W³adys³aw"). Then the code pages the detector charset-normalizer finds plausible are tried
  (the one of its language guess first, then Turkish, Central European and Baltic, then the rest)
  and the first that reads the file without odd letters is taken; the note says it is a guess,
  shows a word both ways and names the other code pages that would also do. If none does, the
  file stays Windows-1252 and the note says the decoding looks wrong. A guess is a warning too.
- A UTF-8 file that shows UTF-8 read as Windows-1252 ("Ã©", "â€™": the text was mangled before
  it was saved) is read as it is, with a note that its decoding looks wrong.

:func:`decode_bytes` returns ``(text, encoding, notes)`` and raises :class:`SourceReadError`
naming the file for empty, whitespace-only or binary input; :func:`odd_spots` finds the marks
a wrong code page leaves in a text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

__all__ = ["SourceReadError", "decode_bytes", "odd_spots"]

# File signatures that say "this is not a text file", with advice for the reader.
_SIGNATURES = {
    b"%PDF": "a PDF file: save or export it as text or HTML first",
    b"PK\x03\x04": "a ZIP container (Word, ODF or EPUB file?): save it as text or HTML first",
    b"\x89PNG": "a PNG image, not text",
    b"\xff\xd8\xff": "a JPEG image, not text",
    b"GIF8": "a GIF image, not text",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file: save it as text or HTML first",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class SourceReadError(ValueError):
    """A file that cannot be read as a source; the message names the file and the reason."""

    def __init__(self, file: str | Path, reason: str):
        self.file = str(file)
        self.reason = reason
        super().__init__(f"{file}: {reason}")


# --------------------------------------------------------------------------- decoding


def _keep_as_c1(err: UnicodeDecodeError) -> tuple[str, int]:
    return chr(err.object[err.start]), err.start + 1


codecs.register_error("course-keep-as-c1", _keep_as_c1)
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not \t \n \v \f \r


def _cp1252_with_c1(data: bytes) -> tuple[str, list[int]]:
    """Decode Windows-1252; its five undefined bytes become the same-numbered C1 characters."""
    undefined = [m.start() for m in _CP1252_UNDEFINED.finditer(data)]
    return data.decode("cp1252", errors="course-keep-as-c1"), undefined


# A reading "looks wrong" where it shows what a wrong code page leaves behind: UTF-8 read as
# Windows-1252 ("Ã©", "â€™"); a symbol from the upper half of Latin-1 between two letters
# ("W³adys³aw", Polish in the wrong code page); ð, þ or ý between two ASCII letters
# ("Erdoðan", Turkish); a word made only of accented letters ("Ïóòèí", Cyrillic); or text that is
# mostly non-ASCII (Chinese, Japanese, Arabic or Greek read as Windows-1252).
_DOUBLE_ENCODED = re.compile("Ã[\x80-\xbf]|â€[\x80-\xbf\u2018-\u201e\u2020-\u2122\u0152-\u02dc]")
# Every branch starts with the odd character itself (the checks on its neighbours come after),
# so the regular expression engine skips the plain stretches of a text at C speed.
_ODD_SPOT = re.compile(
    "Ã[\x80-\xbf]|â€"
    r"|[\x80-\xbf\xd7\xf7](?<=[^\W\d_].)(?=[^\W\d_])"
    "|[ðÐþÞýÝ](?<=[A-Za-z].)(?=[A-Za-z])"
    r"|[À-ÖØ-öø-ÿ](?<![^\W\d_]..)[À-ÖØ-öø-ÿ]{2,}(?![^\W\d_])",
    re.S,
)
_MOSTLY_FOREIGN = 0.25  # share of non-ASCII letters above which Windows-1252 is doubted
_DETECTOR_SAMPLE = 1 << 20  # bytes the detector reads (single-byte code pages need no more)
# Latin code pages tried, in this order, when Windows-1252 reads odd letters and the detector's
# language guess names none of them: the languages of this course's subject come first.
_LATIN_ORDER = ("cp1254", "cp1250", "cp1257")
_CODE_PAGE_OF_LANGUAGE = {
    "Turkish": "cp1254",
    "Polish": "cp1250",
    "Czech": "cp1250",
    "Slovak": "cp1250",
    "Hungarian": "cp1250",
    "Croatian": "cp1250",
    "Slovene": "cp1250",
    "Romanian": "cp1250",
    "Lithuanian": "cp1257",
    "Latvian": "cp1257",
    "Estonian": "cp1257",
}
_CODE_PAGE_NAMES = {
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "koi8_r": "KOI8-R (Russian)",
    "koi8_u": "KOI8-U (Ukrainian)",
    "cp932": "Shift JIS (Japanese)",
    "shift_jis": "Shift JIS (Japanese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Chinese)",
    "euc_kr": "EUC-KR (Korean)",
    "euc_jp": "EUC-JP (Japanese)",
}


def _code_page_name(encoding: str) -> str:
    return _CODE_PAGE_NAMES.get(encoding, encoding)


def _word_at(text: str, at: int) -> str:
    """The word (letters and the odd characters inside it) around offset ``at``."""
    start, end = at, at + 1
    while start > 0 and start > at - 12 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and end < at + 12 and not text[end].isspace():
        end += 1
    return text[start:end].strip(".,;:!?()[]\"'“”‘’«»")


def odd_spots(text: str) -> list[int]:
    """Offsets where ``text`` shows the marks of a wrong code page (empty: it reads cleanly).

    The marks: UTF-8 read as Windows-1252 ("Ã©"); a Latin-1 symbol between two letters
    ("W³adys³aw"); ð, þ or ý between two ASCII letters ("Erdoðan"); a word made only of
    accented letters ("Ïóòèí"); and, as one spot at offset 0, text whose letters are mostly
    not ASCII while its accented letters are Latin-1's (Chinese or Arabic read as Western).

    >>> odd_spots("Erdoðan met Putin"), odd_spots("Erdoğan met Putin in Münster")
    ([4], [])
    """
    spots = [m.start() for m in _ODD_SPOT.finditer(text)]
    sample = text[:_DETECTOR_SAMPLE]  # the share is judged on the first million characters
    letters = sum(1 for c in sample if c.isalpha())
    latin1 = sum(1 for c in sample if "\x80" <= c <= "\xff")
    if letters and latin1 > max(8, _MOSTLY_FOREIGN * letters) and 0 not in spots:
        spots.insert(0, 0)
    return spots


def _detector_guesses(data: bytes) -> tuple[list[str], str]:
    """The code pages charset-normalizer finds plausible, best first, and its language guess."""
    import charset_normalizer

    sample = data
    if len(data) > _DETECTOR_SAMPLE:  # cut at a line end, so no character is cut in two
        cut = data.rfind(b"\n", 0, _DETECTOR_SAMPLE)
        sample = data[: cut + 1 if cut > 0 else _DETECTOR_SAMPLE]
    matches = charset_normalizer.from_bytes(sample)
    guesses: list[str] = []
    for match in matches:
        for name in [match.encoding, *match.could_be_from_charset]:
            try:
                name = codecs.lookup(name).name.replace("-", "_")
            except LookupError:
                continue
            if name not in guesses and not name.startswith("utf"):
                guesses.append(name)
    best = matches.best()
    return guesses, (best.language if best is not None else "")


def _decode_code_page(data: bytes, first_bad: int) -> tuple[str, str, list[str]]:
    """Decode bytes that are not UTF-8: Windows-1252 unless its reading looks wrong.

    When it does, the code pages charset-normalizer finds plausible are tried (the one of its
    language guess first, then the course's Latin order, then the rest in its order), and the
    first whose reading shows no odd spot is taken; the notes say what was chosen and why.
    """
    western, undefined = _cp1252_with_c1(data)
    where = f"not valid UTF-8 (byte {first_bad} is 0x{data[first_bad]:02X})"
    western_odd = odd_spots(western)
    if not western_odd:
        notes = [
            f"{where}; decoded as Windows-1252 (if letters look wrong, the file uses another "
            "code page: decode it with that one and save a UTF-8 copy)"
        ]
        if undefined:
            shown = ", ".join(str(i) for i in undefined[:5])
            notes.append(
                f"{len(undefined)} byte(s) undefined in Windows-1252 kept as C1 control "
                f"characters (at byte {shown}{'…' if len(undefined) > 5 else ''})"
            )
        return western, "cp1252", notes
    guesses, language = _detector_guesses(data)
    preferred = _CODE_PAGE_OF_LANGUAGE.get(language)
    latin = [c for c in _LATIN_ORDER if c in guesses]
    order = list(dict.fromkeys([*([preferred] if preferred in guesses else []), *latin, *guesses]))
    order = [c for c in order if c != "cp1252"]
    clean: list[tuple[str, str]] = []
    for encoding in order:
        try:
            candidate = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not odd_spots(candidate):
            clean.append((encoding, candidate))
            if len(clean) == 3:
                break
    at = western_odd[0]
    western_word = _word_at(western, at)
    if not clean:
        notes = [
            f"{where}; decoded as Windows-1252, but the decoding looks wrong: "
            f"{western_word!r} (character {at}), and no other code page the detector "
            "(charset-normalizer) tried reads it better. Find out which code page the file "
            "was saved in, decode it with that one and save a UTF-8 copy"
        ]
        if undefined:
            notes.append(
                f"{len(undefined)} byte(s) undefined in Windows-1252 kept as C1 control characters"
            )
        return western, "cp1252", notes
    encoding, text = clean[0]
    names = dict.fromkeys(_code_page_name(e) for e, _ in clean)
    others = ", ".join(n for n in names if n != _code_page_name(encoding))
    if at == 0 and len(western_word) < 3:
        shown = f"the text is mostly letters Windows-1252 does not use: {western[:24]!r}"
    else:
        # The same bytes in the chosen code page: Windows-1252 and the others are single-byte
        # code pages, so the word is at the same offset when both are.
        same = len(text) == len(western)
        mine = f", {_code_page_name(encoding)} as {_word_at(text, at)!r}" if same else ""
        shown = f"Windows-1252 reads {western_word!r} (character {at}){mine}"
    also = f"; {others} would also read it without odd letters" if others else ""
    note = (
        f"{where}; decoded as {_code_page_name(encoding)}, a guess: read as Windows-1252 it "
        f"looks wrong ({shown}){also}. Check the names in it; to be sure, decode the original "
        "with the code page it was saved in and save a UTF-8 copy"
    )
    return text, encoding, [note]


def decode_bytes(data: bytes, file: str | Path = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode a file's bytes by the course's rules: ``(text, encoding, notes)``.

    Raises :class:`SourceReadError` naming ``file`` for empty, whitespace-only or binary input.

    >>> decode_bytes("café".encode("utf-8"))[:2]
    ('café', 'utf-8')
    >>> text, enc, notes = decode_bytes("café".encode("cp1252"))
    >>> text, enc
    ('café', 'cp1252')
    """
    if not data:
        raise SourceReadError(
            file,
            "empty file (0 bytes): nothing to read; delete it, or save the page's text into it",
        )
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise SourceReadError(file, f"not a text file: looks like {what}")
    notes: list[str] = []
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise SourceReadError(
                    file,
                    f"starts with a {encoding} byte-order mark but byte {err.start} is invalid",
                ) from None
            text = text.lstrip("\ufeff")
            enc_name = "utf-8" if encoding == "utf-8-sig" else encoding
            notes.append(f"{enc_name} byte-order mark removed before offsets were counted")
            encoding = enc_name
            break
    if text is None:
        if b"\x00" in data:
            raise SourceReadError(
                file,
                f"not a text file: contains NUL bytes (first at byte {data.index(0)}); if it is "
                "text saved as UTF-16 without a byte-order mark, save it again as UTF-8",
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            text, encoding, more = _decode_code_page(data, err.start)
            notes.extend(more)
    if encoding.startswith("utf") and _DOUBLE_ENCODED.search(text):
        spot = _DOUBLE_ENCODED.search(text)
        notes.append(
            f"decoding looks wrong: {_word_at(text, spot.start())!r} (character {spot.start()}) "
            "looks like UTF-8 that was read as Windows-1252 and saved again before it reached "
            "you; find a cleaner copy of the page, or repair the text before you count names"
        )
    if not text.strip():
        raise SourceReadError(file, f"contains only whitespace ({len(data)} bytes)")
    controls = _CONTROL_CHARS.subn("", text)[1]
    if controls > max(8, len(text) // 20):
        raise SourceReadError(
            file, f"does not look like text: {controls} of {len(text)} characters are control codes"
        )
    return text, encoding, notes
