"""The sample "bring your own sources" folder (data/byo-sample/) and what the loader makes of it.

Lesson 08 teaches from these files; each test states one thing the lesson's prose relies on.
"""

from __future__ import annotations

import hashlib
import re
import warnings

import pytest

from helpers import SourceReadError, find_mentions, load_corpus, read_source, segment
from helpers.actors import read_gazetteer

SAMPLE_FILES = [
    "01_baghdad_cell_report.txt",
    "02_four_plus_one_blog.md",
    "03_us_russia_analysis.html",
    "04_ankara_explainer.txt",
    "05_notes_to_self.txt",
    "06_briefing.pdf",
    "07_interview_notes.txt",
]
READ = ["01_baghdad_cell_report", "02_four_plus_one_blog", "03_us_russia_analysis",
        "04_ankara_explainer"]  # fmt: skip
# Words that tell a reader what to do about a problem ("save it as text or HTML first").
WHAT_TO_DO = re.compile(r"\b(save|delete|remove|open|export|split|use|put|check|see)\b", re.I)


@pytest.fixture(scope="module")
def sample(root):
    return root / "data" / "byo-sample"


@pytest.fixture(scope="module")
def corpus(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(sample / "pages")


def _problem(corpus, file):
    rows = corpus.problems[corpus.problems["file"] == file]
    assert len(rows) == 1, f"{file} is not listed once in corpus.problems"
    return rows["reason"].iloc[0]


# ----------------------------------------------------------------------------- the folder


def test_the_folder_holds_exactly_the_documented_files(sample):
    assert sorted(p.name for p in (sample / "pages").iterdir()) == SAMPLE_FILES
    assert sorted(p.name for p in sample.iterdir()) == ["README.md", "my_aliases.csv", "pages"]


def test_the_readme_gives_the_checksum_of_every_file(sample):
    readme = (sample / "README.md").read_text(encoding="utf-8")
    for name in [f"pages/{f}" for f in SAMPLE_FILES] + ["my_aliases.csv"]:
        digest = hashlib.sha256((sample / name).read_bytes()).hexdigest()
        assert f"| `{name}` | `{digest}` |" in readme, (
            f"README.md: wrong or missing sha256 of {name}"
        )


def test_every_readable_page_says_it_is_constructed(corpus):
    for source in corpus:
        assert "onstructed teaching page" in source.text[-400:], source.id


# ----------------------------------------------------------------------------- loading


def test_loading_warns_and_says_where_to_look(sample):
    with pytest.warns(UserWarning) as caught:
        load_corpus(sample / "pages")
    messages = [str(w.message) for w in caught]
    assert len(messages) == 3
    assert re.search(
        r"2 file\(s\) .* left out: 05_notes_to_self.txt, 07_interview_notes.txt; see corpus",
        messages[0],
    )
    assert re.search(r"code page was guessed.*: 04_ankara_explainer.txt", messages[1])
    assert re.search(
        r"1 file\(s\) .* \(\.pdf\) and were not read: 06_briefing.pdf; see corpus.skipped",
        messages[2],
    )


def test_the_four_text_pages_load_in_file_order(corpus):
    assert corpus.ids == READ
    assert [s.format for s in corpus] == ["text", "markdown", "html", "text"]


def test_exactly_the_empty_and_the_disguised_files_are_problems(corpus):
    assert corpus.problems["file"].tolist() == ["05_notes_to_self.txt", "07_interview_notes.txt"]
    assert _problem(corpus, "05_notes_to_self.txt").startswith(
        "empty file (0 bytes): nothing to read;"
    )
    assert "looks like a ZIP container" in _problem(corpus, "07_interview_notes.txt")


def test_a_file_of_another_type_is_not_read_but_listed_as_skipped_with_what_to_do(corpus):
    assert "06_briefing" not in corpus
    assert "06_briefing.pdf" not in set(corpus.problems["file"])
    assert corpus.skipped["file"].tolist() == ["06_briefing.pdf"]
    assert WHAT_TO_DO.search(corpus.skipped["reason"].iloc[0])
    assert "renaming is not enough" in corpus.skipped["reason"].iloc[0]


def test_every_file_in_the_folder_is_read_a_problem_or_skipped(sample, corpus):
    listed = [s.path.name for s in corpus] + list(corpus.problems["file"])
    listed += list(corpus.skipped["file"])
    assert sorted(listed) == sorted(p.name for p in (sample / "pages").iterdir())


def test_strict_loading_stops_at_the_first_unreadable_file_and_names_it(sample):
    with pytest.raises(SourceReadError) as caught:
        load_corpus(sample / "pages", strict=True)
    assert caught.value.file.endswith("05_notes_to_self.txt")
    assert caught.value.reason.startswith("empty file (0 bytes): nothing to read;")


def test_a_folder_with_nothing_readable_is_an_error_naming_it(sample, tmp_path):
    (tmp_path / "06_briefing.pdf").write_bytes((sample / "pages" / "06_briefing.pdf").read_bytes())
    with pytest.raises(SourceReadError, match="holds no .txt, .md or .html files"):
        load_corpus(tmp_path)


def _message(case, sample, tmp_path):
    """The words a student reads in one of the situations the lesson triggers."""
    pages = sample / "pages"
    if case == "warning":
        with pytest.warns(UserWarning) as caught:
            load_corpus(pages)
        return str(caught[0].message)
    if case in ("empty file", "word file"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problems = load_corpus(pages).problems
        return problems["reason"].iloc[0 if case == "empty file" else 1]
    if case == "not UTF-8":
        return "; ".join(read_source(pages / "04_ankara_explainer.txt").notes)
    if case == "nothing readable":
        (tmp_path / "06_briefing.pdf").write_bytes((pages / "06_briefing.pdf").read_bytes())
        with pytest.raises(SourceReadError) as caught:
            load_corpus(tmp_path)
        return caught.value.reason
    if case == "other type":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_corpus(pages).skipped["reason"].iloc[0]
    missing = tmp_path / "my-sourcse"
    with pytest.raises(FileNotFoundError) as caught:
        load_corpus(missing)
    return str(caught.value).replace(str(missing), "<path>")


@pytest.mark.parametrize(
    "case",
    [
        "warning",
        "word file",
        "empty file",
        "not UTF-8",
        "nothing readable",
        "other type",
        "missing folder",
    ],
)
def test_every_message_the_sample_triggers_says_what_to_do(case, sample, tmp_path):
    assert WHAT_TO_DO.search(_message(case, sample, tmp_path))


# ----------------------------------------------------------------------------- encodings


def test_the_non_utf8_file_reports_its_decoding_its_first_bad_byte_and_the_guess(corpus):
    explainer = corpus["04"]
    assert explainer.encoding == "cp1254"
    note = explainer.notes[0]
    assert note.startswith(
        "not valid UTF-8 (byte 3 is 0xFD); decoded as Windows-1254 (Turkish), a guess"
    )
    assert "Windows-1252 reads 'Yarýmada'" in note and "as 'Yarımada'" in note
    assert [s.encoding for s in corpus if s.id != explainer.id] == ["utf-8"] * 3


def test_the_explainer_is_really_windows_1254_and_keeps_its_crlf(corpus):
    explainer = corpus["04"]
    data = explainer.path.read_bytes()
    assert explainer.text == data.decode("cp1254")
    assert "Erdoğan" in explainer.text and "Erdoðan" not in explainer.text
    assert "Erdoðan" in data.decode("cp1252")  # what the file reads as in the Western code page
    assert "\r\n" in explainer.text


def test_the_name_is_found_and_a_utf8_copy_reads_the_same_without_a_guess(corpus, tmp_path):
    explainer = corpus["04"]
    assert find_mentions(explainer)["actor_id"].tolist().count("erdogan") == 1
    copy = tmp_path / "04_ankara_explainer.txt"
    copy.write_text(explainer.path.read_bytes().decode("cp1254"), encoding="utf-8", newline="")
    repaired = read_source(copy)
    assert (repaired.encoding, repaired.notes) == ("utf-8", ())
    assert repaired.text == explainer.text


# ----------------------------------------------------------------------------- the HTML page


def test_the_html_page_drops_scripts_styles_comments_and_head(corpus):
    page = corpus["03"]
    for hidden in ["trackVisitor", "dataLayer", "font-family", "tracking pixel", "pixel.gif",
                   "ads.js", "<"]:  # fmt: skip
        assert hidden not in page.text, hidden
        if hidden != "<":
            assert hidden in page.raw, hidden
    assert page.title == "Can Washington and Moscow fight Nusra together? | The Tigris Ledger"
    assert not page.text.startswith(page.title)


def test_the_html_pages_nav_and_cookie_banner_are_visible_text_marked_as_boilerplate(corpus):
    page = corpus["03"]
    parts = segment(page)
    for chrome in ["Home", "Middle East", "We use cookies", "Accept all Manage settings"]:
        at = page.text.index(chrome)
        part = parts[(parts["start"] <= at) & (at < parts["end"])].iloc[0]
        assert part["kind"] == "boilerplate", chrome
    assert parts.loc[parts["kind"] == "headline", "text"].str.strip().tolist() == [
        "Can Washington and Moscow fight Nusra together?"
    ]


def test_the_html_pages_three_comments_are_found_and_the_last_swallows_the_footer(corpus):
    page = corpus["03"]
    comments = segment(page).query("kind == 'comment'")
    assert comments["commenter"].tolist() == ["Karim_B", "oldhand", "Lea M."]
    assert "© 2016 The Tigris Ledger" in comments["text"].iloc[-1]


# ----------------------------------------------------------------------------- the aliases file


def test_the_aliases_file_adds_the_centre_and_an_alias(sample, corpus):
    default = read_gazetteer()
    extended = read_gazetteer(extra=sample / "my_aliases.csv")
    assert "baghdad-information-centre" not in default
    assert extended.parent_of("baghdad-information-centre") == "rsii-coalition"
    report, blog = corpus["01"], corpus["02"]
    centre = find_mentions(report, extended).query("actor_id == 'baghdad-information-centre'")
    assert centre["surface"].tolist() == ["joint information centre"] * 2
    assert "proxy militias" in find_mentions(blog, extended)["surface"].tolist()
    assert (
        "proxy militias"
        not in find_mentions(blog, extended, include_ambiguous=False)["surface"].tolist()
    )


def test_the_report_abbreviation_is_left_for_the_exercise(sample, corpus):
    extended = read_gazetteer(extra=sample / "my_aliases.csv")
    surfaces = find_mentions(corpus["01"], extended)["surface"].tolist()
    assert corpus["01"].text.count("JOC") == 3 and "JOC" not in surfaces
