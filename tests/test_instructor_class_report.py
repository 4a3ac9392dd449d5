"""The class report: written as HTML or Markdown, every section there, student text escaped.

The class folder is built here: two students who agree, one who disagrees and types markup
into a rationale (a ``<script>``, a Markdown link, a ``|``), one who skipped sources, and
malformed files (a bad code, a bad header, a hand-edited broken quote, an empty file and one
whose name itself holds markup).
"""

from __future__ import annotations

import base64
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from helpers.annotations import COLUMNS, save_annotation
from helpers.files import read_csv
from helpers.instructor.class_report import SECTIONS, main, write_report

HEADER = ",".join(COLUMNS)
STAMP = "2026-11-21T06:30:00+00:00"
SCRIPT = "<script>alert('pwned')</script> looks official"
MARKDOWN = "[click me](javascript:alert(1)) *shouty* | not a column"
FIXTURE = Path(__file__).parent / "fixtures" / "class_example"
ROOT = Path(__file__).resolve().parents[1]

RATINGS = [
    ("ana", "s1", "source", "article", "B", "Named reporter, dated."),
    ("ana", "s2", "source", "article", "C", "Opinion, signed."),
    ("ana", "s1", "claim", "c1", "2", "Two analysts agree."),
    ("ana", "s2", "claim", "c1", "2", "Same claim, same support."),
    ("ben", "s1", "source", "article", "B", "Bylined."),
    ("ben", "s2", "source", "article", "C", "A column."),
    ("ben", "s1", "claim", "c1", "2", "Consistent with s2."),
    ("ben", "s2", "claim", "c1", "3", "Only the columnist says it."),
    ("cleo", "s1", "source", "article", "E", SCRIPT),
    ("cleo", "s2", "source", "article", "A", MARKDOWN),
    ("cleo", "s1", "claim", "c1", "5", "Improbable.\nSecond line of the rationale."),
    ("cleo", "s2", "claim", "c1", "6", "No basis."),
    ("dan", "s1", "source", "article", "C", "Kurdish outlet."),
]
BROKEN = {
    "fay.csv": f"{HEADER}\nfay,s1,source,article,B,,Fine,,{STAMP}\n"
    f"fay,s2,source,article,G,,x,,{STAMP}\n",
    "gus.csv": f'{HEADER}\ngus,s1,source,article,C,,"Said ""maybe" and left,,{STAMP}\n',
    "hal.csv": "",
    "ivy.csv": f"{HEADER[:-10]}\nivy,s1,source,article,B,,Fine,,{STAMP}\n",
    "<b>jo.csv": f"{HEADER}\njo,s1,source,article,Q|R,,x,,{STAMP}\n",
}


def make_class(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for student, source, level, target, code, why in RATINGS:
        reliability, credibility = (code, None) if level == "source" else (None, code)
        save_annotation(
            student, source, level, target, reliability, credibility, why, folder=folder
        )
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class StrictHTML(HTMLParser):
    """Collects problems html.parser lets pass: unclosed, stray or misnested tags."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def check(self, page: str) -> StrictHTML:
        self.feed(page)
        self.close()
        if self.stack:
            self.errors.append(f"left open: {self.stack}")
        return self


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    folder = make_class(base / "class")
    html_report = write_report(folder, base / "out" / "report.html")
    write_report(folder, base / "out" / "report.md")
    return {
        "report": html_report,
        "html": (base / "out" / "report.html").read_text(encoding="utf-8"),
        "md": (base / "out" / "report.md").read_text(encoding="utf-8"),
    }


# --------------------------------------------------------------------------- HTML


def test_the_html_report_parses_with_every_tag_closed(written):
    parsed = StrictHTML().check(written["html"])
    assert parsed.errors == []
    assert written["html"].startswith("<!DOCTYPE html>")


def test_the_html_report_has_every_section(written):
    ids = StrictHTML().check(written["html"]).ids
    expected = [anchor for anchor in SECTIONS if anchor != "reference"]  # no reference given
    assert [i for i in ids if i in SECTIONS] == expected


def test_every_figure_is_an_embedded_png_with_its_alt_text(written):
    images = StrictHTML().check(written["html"]).images
    figures = written["report"].figures
    assert len(images) == len(figures) >= 3
    for image, figure in zip(images, figures, strict=True):
        assert image["alt"] == figure.alt and len(image["alt"]) > 40
        prefix = "data:image/png;base64,"
        assert image["src"].startswith(prefix)
        assert base64.b64decode(image["src"][len(prefix) :]).startswith(b"\x89PNG")


def test_student_text_is_escaped_in_html_not_run(written):
    page = written["html"]
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; looks official" in page
    text = "".join(StrictHTML().check(page).text)
    assert SCRIPT in text  # shown to the reader exactly as typed
    assert "<b>jo.csv" not in page and "&lt;b&gt;jo.csv" in page


def test_malformed_files_are_named_with_line_and_problem_and_the_rest_pooled(written):
    text = "".join(StrictHTML().check(written["html"]).text)
    assert "fay.csv, line 3, column reliability: 'G' is not allowed" in text
    assert "gus.csv, line 2: bad quoting" in text
    assert "hal.csv: empty file (no header row)" in text
    assert "ivy.csv: missing columns: timestamp" in text
    assert "<b>jo.csv, line 2, column reliability: 'Q|R' is not allowed" in text
    assert "4 students' ratings pooled from 4 files" in text
    assert "5 files were left out" in text


def test_the_disputed_items_show_the_rationale_on_each_side(written):
    text = " ".join(StrictHTML().check(written["html"]).text)
    disputed = text.split(SECTIONS["disputed"])[1].split(SECTIONS["coverage"])[0]
    # s1 · c1: 2 2 5, spread 3, mean diff 2; s1 · article: B B E C, spread 3, mean diff 10/6;
    # s2 · article: C C A, spread 2; s2 · c1: 2 3 and a 6
    headings = ["1. s1 · c1", "2. s1 · article", "3. s2 · article", "4. s2 · c1"]
    at = [disputed.index(h) for h in headings]
    assert at == sorted(at)
    first, second = disputed[at[0] : at[1]], disputed[at[1] : at[2]]
    assert "Highest: 2" in first and "Two analysts agree." in first
    assert "Lowest: 5" in first and "Improbable. Second line of the rationale." in first
    assert "Highest: B" in second and "Named reporter, dated." in second and "Bylined." in second
    assert "Lowest: E" in second and SCRIPT in second
    assert "Cannot be judged: 6" in disputed[at[3] :] and "No basis." in disputed[at[3] :]


def test_the_coverage_section_names_the_student_who_skipped(written):
    text = " ".join(StrictHTML().check(written["html"]).text)
    coverage = text.split(SECTIONS["coverage"])[1]
    assert "1 of 4 students skipped something" in coverage
    assert "dan rated nothing in s2" in written["html"]  # in the figure's alt text


# --------------------------------------------------------------------------- Markdown


def test_the_markdown_report_has_every_section_and_its_figures(written):
    md = written["md"]
    for anchor, title in SECTIONS.items():
        assert (f"## {title}\n" in md) == (anchor != "reference")
    images = StrictHTML().check(md).images
    assert [i["alt"] for i in images] == [f.alt for f in written["report"].figures]


def test_markdown_shows_student_markup_as_typed_when_rendered(written):
    md = written["md"]
    assert "<script" not in md.lower()
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<script" not in rendered.lower()
    assert "href" not in rendered and "<em>shouty</em>" not in rendered
    parsed = StrictHTML().check(rendered)
    assert parsed.errors == []
    text = "".join(parsed.text)
    assert SCRIPT in text and MARKDOWN in text


def test_markdown_tables_keep_a_pipe_inside_its_cell(written):
    rendered = MarkdownIt("commonmark").enable("table").render(written["md"])
    assert (
        "<td>&lt;b&gt;jo.csv, line 2, column reliability: 'Q|R' is not allowed; use one of A, "
        "B, C, D, E, F</td>" in rendered
    )


# --------------------------------------------------------------------------- files and CLI


def test_an_unknown_report_suffix_is_refused_by_name(tmp_path):
    with pytest.raises(ValueError, match=r"report\.txt: the report is written as \.html or \.md"):
        write_report(tmp_path, tmp_path / "report.txt")


def test_an_empty_folder_still_gives_a_report(tmp_path):
    write_report(tmp_path, tmp_path / "out.html")
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert StrictHTML().check(page).errors == []
    assert "No ratings to measure" in page


def test_the_cli_writes_the_report_for_the_sample_class_with_the_reference(tmp_path, capsys):
    out = tmp_path / "sample.html"
    assert main([str(FIXTURE), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 5 students\n"
    page = out.read_text(encoding="utf-8")
    parsed = StrictHTML().check(page)
    assert parsed.errors == []
    assert [i for i in parsed.ids if i in SECTIONS] == list(SECTIONS)
    assert "Russia&#x27;s goal in Syria is to keep Assad" in page  # claim wording from data/
    assert all(image["alt"] for image in parsed.images)


def test_the_cli_in_strict_mode_stops_naming_the_malformed_file(tmp_path, capsys):
    folder = make_class(tmp_path / "class")
    assert main([str(folder), "--out", str(tmp_path / "r.md"), "--no-corpus", "--strict"]) == 1
    assert capsys.readouterr().err.startswith("class_report: error: <b>jo.csv, line 2")
    assert not (tmp_path / "r.md").exists()


@pytest.mark.slow
def test_python_dash_m_runs_the_cli(tmp_path):
    folder = make_class(tmp_path / "class")
    out = tmp_path / "report.md"
    done = subprocess.run(
        [sys.executable, "-m", "helpers.instructor.class_report", str(folder), "--out", str(out)]
        + ["--no-corpus", "--top", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {out}: 4 students; 5 file(s) left out, listed under Files\n"
    md = out.read_text(encoding="utf-8")
    assert "### 2. " in md and "### 3. " not in md


def test_the_pooled_csv_for_a_spreadsheet_neutralises_formulas_students_typed(tmp_path, capsys):
    folder = tmp_path / "class"
    save_annotation("ana", "s1", "source", "article", "B", None, "Plain.", folder=folder)
    save_annotation("eve", "s1", "source", "article", "C", None, '=HYPERLINK("http://x","y")',
                    folder=folder)  # fmt: skip
    out = tmp_path / "pooled.csv"
    args = [str(folder), "--out", str(tmp_path / "r.md"), "--no-corpus", "--pooled-csv", str(out)]
    assert main(args) == 0
    assert f"wrote {out}: the pooled ratings" in capsys.readouterr().out
    table = read_csv(out)
    assert list(table.columns) == [*COLUMNS, "file"]
    rationales = [row["rationale"] for row in table.rows]
    assert rationales == ["Plain.", """'=HYPERLINK("http://x","y")"""]
    kept = (folder / "eve.csv").read_text(encoding="utf-8-sig")
    assert '"=HYPERLINK(""http://x"",""y"")"' in kept  # the student's own file keeps it as typed
