"""The corpus layer: sources are read exactly, decoded by stated rules, and bad files are named."""

from __future__ import annotations

import hashlib
import os
import warnings

import pytest

from helpers import Source, SourceReadError, load_corpus, read_source
from helpers.corpus import CorpusError, decode_bytes, html_visible_text, read_sources_table

# ----------------------------------------------------------------------------- the seed corpus


def test_seed_corpus_has_the_five_documents_in_file_order():
    corpus = load_corpus()
    assert len(corpus) == 5
    assert [s.id[:3] for s in corpus] == ["000", "001", "002", "003", "004"]


def test_seed_text_is_the_file_decoded_without_any_change(root):
    for source in load_corpus():
        assert source.text == source.path.read_bytes().decode("utf-8")
        assert source.sha256 == hashlib.sha256(source.path.read_bytes()).hexdigest()


def test_seed_sources_carry_their_curated_metadata():
    corpus = load_corpus()
    assert corpus["001"].metadata["author"] == "Paul Iddon"
    assert corpus["003"].metadata["author"] == "unknown"
    assert corpus["003"].metadata["author_basis"] == "unknown"


def test_sources_can_be_found_by_id_or_unique_prefix():
    corpus = load_corpus()
    full = corpus.ids[2]
    assert corpus[full] is corpus["002"] is corpus[2]
    with pytest.raises(KeyError, match="several sources"):
        corpus["00"]
    with pytest.raises(KeyError, match="no source with id 'zzz'"):
        corpus["zzz"]


def test_corpus_table_has_one_row_per_source_with_metadata_columns():
    table = load_corpus().table()
    assert len(table) == 5
    assert {"id", "file", "sha256", "chars", "encoding", "outlet", "outlet_basis"} <= set(
        table.columns
    )


def test_an_edited_seed_is_refused_with_the_file_named(root, tmp_path, monkeypatch):
    copy = tmp_path / "course"
    (copy / "seeds").mkdir(parents=True)
    (copy / "data").mkdir()
    for f in (root / "seeds").glob("*.txt"):
        (copy / "seeds" / f.name).write_bytes(f.read_bytes())
    (copy / "data" / "sources.csv").write_bytes((root / "data" / "sources.csv").read_bytes())
    target = sorted((copy / "seeds").glob("*.txt"))[3]
    target.write_bytes(target.read_bytes().replace(b"Guardianreports", b"Guardian reports"))
    monkeypatch.setenv("COURSE_HOME", str(copy))
    monkeypatch.chdir(copy)
    with pytest.raises(CorpusError, match=rf"seeds/{target.name}: sha256 .* never edited"):
        load_corpus()


def test_sources_table_rejects_an_unknown_basis_naming_line_and_column(root, tmp_path):
    text = (root / "data" / "sources.csv").read_text(encoding="utf-8")
    header, first, *rest = text.splitlines(keepends=True)
    bad = first.replace(",text,", ",from the text,", 1)
    path = tmp_path / "sources.csv"
    path.write_text(header + bad + "".join(rest), encoding="utf-8")
    with pytest.raises(
        CorpusError, match=r"line 2, column \w+_basis: 'from the text' is not one of"
    ):
        read_sources_table(path)


# ----------------------------------------------------------------------------- decoding rules


def test_utf8_with_bom_drops_the_mark_and_says_so():
    text, encoding, notes = decode_bytes(b"\xef\xbb\xbfMoscow")
    assert (text, encoding) == ("Moscow", "utf-8")
    assert any("byte-order mark" in n for n in notes)


def test_utf16_with_bom_is_read():
    text, encoding, _ = decode_bytes("Damascus\r\n".encode("utf-16"))
    assert (text, encoding) == ("Damascus\r\n", "utf-16")


def test_cp1252_is_the_fallback_and_the_first_bad_byte_is_reported():
    data = "“deal” – café".encode("cp1252")
    text, encoding, notes = decode_bytes(data)
    assert (text, encoding) == ("“deal” – café", "cp1252")
    assert "byte 0 is 0x93" in notes[0]


def test_bytes_undefined_in_cp1252_are_kept_not_lost():
    text, _, notes = decode_bytes(b"caf\xe9 \x81 ok")
    assert text == "café \x81 ok"
    assert any("undefined in Windows-1252" in n for n in notes)


def test_line_endings_are_preserved_exactly(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline\r\n\r\nBody line one.\rOld Mac line.\nUnix line.")
    source = read_source(path)
    assert source.text == "Headline\r\n\r\nBody line one.\rOld Mac line.\nUnix line."


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t ", "only whitespace"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP container"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"text\x00with\x00nul", "NUL bytes"),
        (bytes(range(1, 32)) * 40, "control codes"),
    ],
)
def test_unreadable_files_are_refused_with_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceReadError, match=reason) as err:
        read_source(path)
    assert str(path) in str(err.value)


def test_a_folder_load_collects_problems_and_keeps_the_good_files(tmp_path):
    (tmp_path / "good.txt").write_text("A headline\n\nA body.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n0000")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")  # not a source type: skipped
    (tmp_path / "README").write_text("Plain text without a suffix.", encoding="utf-8")
    with pytest.warns(UserWarning) as caught:
        corpus = load_corpus(tmp_path)
    assert [str(w.message)[:9] for w in caught] == ["2 file(s)", "2 file(s)"]
    assert corpus.ids == ["good"]
    assert corpus.skipped["file"].tolist() == ["README", "notes.docx"]
    assert corpus.skipped["reason"].iloc[0].endswith("if it holds plain text, add .txt to its name")
    assert corpus.skipped["reason"].iloc[1].startswith("a .docx file: only .txt, .md and")
    assert corpus.problems.to_dict("records") == [
        {
            "file": "empty.txt",
            "reason": "empty file (0 bytes): nothing to read; "
            "delete it, or save the page's text into it",
        },
        {"file": "image.html", "reason": "not a text file: looks like a PNG image, not text"},
    ]


def test_strict_loading_raises_at_the_first_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(SourceReadError, match=r"b\.txt: empty file"):
        load_corpus(tmp_path, strict=True)


def test_a_folder_with_no_sources_says_what_it_expected(tmp_path):
    with pytest.raises(SourceReadError, match=r"holds no \.txt, \.md or \.html files"):
        load_corpus(tmp_path)


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_corpus(tmp_path / "nowhere")


def test_unsupported_suffix_is_refused_by_read_source(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SourceReadError, match=r"unsupported file type '\.pdf'"):
        read_source(path)


def test_files_too_large_for_the_limit_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(SourceReadError, match="too large"):
        read_source(path, max_bytes=1000)


def test_ids_come_from_file_names_and_clashes_keep_both(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "report.txt").write_text("one", encoding="utf-8")
    (tmp_path / "report.html").write_text("<p>two</p>", encoding="utf-8")
    (tmp_path / "sub" / "other.md").write_text("# three", encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "report-checkpoint.txt").write_text("x", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.ids == ["report.html", "report.txt", "sub/other"]


def test_a_fifty_megabyte_file_loads_whole(tmp_path):
    paragraph = ("Russia and Iran shared intelligence in Baghdad. " * 20 + "\n\n").encode()
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        for _ in range(50_000_000 // len(paragraph) + 1):
            fh.write(paragraph)
    size = os.path.getsize(path)
    source = read_source(path)
    assert size >= 50_000_000 and len(source.text) == size


# ----------------------------------------------------------------------------- HTML


def test_html_keeps_visible_text_and_drops_scripts_styles_and_comments(tmp_path):
    page = (
        "<!doctype html><html><head><title>Talks in Astana</title>"
        "<style>body{color:red}</style><script>var secret = 1;</script></head><body>"
        "<nav>Home | World</nav><h1>Talks   in <em>Astana</em></h1>"
        "<!-- hidden editor note --><p>Russia &amp; Turkey brokered a ceasefire.</p>"
        "<script>document.write('injected')</script><ul><li>One</li><li>Two</li></ul></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    source = read_source(path)
    assert (
        source.text
        == "Home | World\n\nTalks in Astana\n\nRussia & Turkey brokered a ceasefire.\n\nOne\nTwo"
    )
    assert source.raw == page
    assert source.metadata["title"] == "Talks in Astana"
    assert source.format == "html"
    for hidden in ("secret", "injected", "editor note", "color:red"):
        assert hidden not in source.text


def test_html_inline_spacing_follows_the_browser():
    text, _ = html_visible_text("<p>Jabhat <b>al</b>-Nusra and <i>Ahrar</i>\n  al-Sham</p>")
    assert text == "Jabhat al-Nusra and Ahrar al-Sham"


def test_html_preformatted_text_keeps_its_spacing():
    text, _ = html_visible_text("<pre>a   b\n  c</pre><p>d</p>")
    assert text == "a   b\n  c\n\nd"


def test_html_with_only_scripts_has_no_visible_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    with pytest.raises(SourceReadError, match="no visible text"):
        read_source(path)


def test_source_from_text_rejects_non_text():
    with pytest.raises(TypeError, match="expected text as str, got bytes"):
        Source.from_text(b"bytes", source_id="b")


def test_warnings_name_the_folder(tmp_path):
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(tmp_path)
    assert str(tmp_path) in str(caught[0].message)


def test_a_corpus_refuses_duplicate_ids():
    from helpers import Corpus

    with pytest.raises(CorpusError, match="duplicate source ids: x$"):
        Corpus([Source.from_text("a", source_id="x"), Source.from_text("b", source_id="x")])


# ----------------------------------------------------------------------------- HTML5 optional tags


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>Talks</title>"
        "<p>Russia and Turkey met in Astana.<p>Iran joined them.",
        "<!doctype html><title>Talks</title>"
        "<p>Russia and Turkey met in Astana.<p>Iran joined them.",
        "<html><head><title>Talks</title><script>var x = 1;</script>"
        "<body><p>Russia and Turkey met in Astana.</p><p>Iran joined them.</p>",
    ],
    ids=["no-end-of-head-no-body", "no-head-no-body", "no-end-of-head"],
)
def test_html5_pages_with_optional_tags_left_out_are_read(tmp_path, page):
    path = tmp_path / "talks.html"
    path.write_text(page, encoding="utf-8")
    source = read_source(path)
    assert source.text == "Russia and Turkey met in Astana.\n\nIran joined them."
    assert source.metadata["title"] == "Talks"
    assert "var x" not in source.text


def test_html_article_fragments_without_head_keep_their_leading_text():
    text, title = html_visible_text("---\nlayout: post\n---\n<p>Hello <b>al</b>-Nusra</p>")
    assert text == "--- layout: post ---\n\nHello al-Nusra" and title == ""


def test_html_that_declares_an_xml_encoding_is_read():
    text, _ = html_visible_text("<?xml version='1.0' encoding='utf-8'?><html><p>Café</p></html>")
    assert text == "Café"


def test_html_nested_deeper_than_the_parser_follows_is_still_read():
    page = "<head><title>T</title><script>x()</script>" + "<div>" * 5000 + "deep" + "</div>" * 5000
    assert html_visible_text(page + "<p>after</p>") == ("deep\n\nafter", "T")


# ----------------------------------------------------------------------------- warnings name files


def test_the_warning_about_files_left_out_names_the_first_few(tmp_path):
    for n in range(7):
        (tmp_path / f"bad{n}.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.4")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(tmp_path)
    left_out, skipped = (str(w.message) for w in caught)
    assert "7 file(s)" in left_out
    assert "bad0.txt, bad1.txt, bad2.txt, bad3.txt, bad4.txt and 2 more" in left_out
    assert "corpus.problems" in left_out
    assert "not read: slides.pdf;" in skipped
