"""Sources and corpora: raw documents as frozen, checksummed records.

A :class:`Source` holds one document exactly as it was read: its bytes' sha256, the decoded
text every span points into, how it was decoded, and its metadata. A :class:`Corpus` is an
ordered collection of sources plus a table of the files that could not be read.

Bytes are decoded by :func:`helpers.decoding.decode_bytes` (UTF-8, byte-order marks,
Windows-1252, and a guessed code page when Windows-1252 reads wrong; every choice noted).

Line endings are never changed. For ``.html``/``.htm`` files the page is parsed as a browser
parses it (lxml; optional tags such as ``</head>`` and ``<body>`` may be left out) and its
visible text is extracted (scripts, styles, comments and the ``<head>`` dropped; the
``<title>`` goes to metadata); spans point into that text, and the raw HTML stays on
``Source.raw``.

A file that cannot be read as text (empty, whitespace only, binary, too large, unreadable)
never becomes a Source. ``load_corpus(folder)`` collects it into ``Corpus.problems`` (one row
per file: ``file``, ``reason``) and warns, naming the first few such files; with
``strict=True`` it raises :class:`SourceReadError` at the first such file instead. Files of
other types (.pdf, .docx, images) are not read: they go to ``Corpus.skipped`` (same columns),
with a warning that names them.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from helpers.decoding import SourceReadError, decode_bytes
from helpers.files import TableError, read_csv
from helpers.paths import data_dir, seeds_dir

__all__ = [
    "BASIS_VALUES",
    "Corpus",
    "CorpusError",
    "decode_bytes",
    "DEFAULT_MAX_BYTES",
    "html_visible_text",
    "load_corpus",
    "read_source",
    "read_sources_table",
    "Source",
    "SourceReadError",
    "text_of",
    "TEXT_SUFFIXES",
]

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 200_000_000
BASIS_VALUES = ("text", "inferred", "unknown")


class CorpusError(TableError):
    """The seed corpus or its metadata table is inconsistent (names file and row)."""


@dataclass(frozen=True, repr=False)
class Source:
    """One document, as read.

    ``text`` is what every span ``(source_id, start, end)`` points into; ``raw`` is the decoded
    file (the same as ``text`` except for HTML); ``sha256`` is of the file's bytes.

    >>> s = Source.from_text("Moscow said so.", source_id="note")
    >>> s.id, s.text[0:6], len(s)
    ('note', 'Moscow', 15)
    """

    id: str
    text: str
    sha256: str
    path: Path | None = None
    raw: str | None = None
    format: str = "text"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    metadata: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_text(cls, text: str, source_id: str = "text", **metadata: Any) -> Source:
        """A source made from a string (pasted text, a test case).

        >>> Source.from_text("abc", source_id="x", title="A title").metadata["title"]
        'A title'
        """
        if not isinstance(text, str):
            raise TypeError(
                f"source {source_id!r}: expected text as str, got {type(text).__name__}"
            )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(
            id=source_id,
            text=text,
            sha256=digest,
            raw=text,
            metadata=MappingProxyType(dict(metadata)),
        )

    @property
    def title(self) -> str:
        """The title from metadata, else the first non-empty line.

        >>> Source.from_text("\\nHeadline here\\nBody.").title
        'Headline here'
        """
        title = self.metadata.get("title")
        if title:
            return str(title)
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""

    @property
    def file(self) -> str:
        """The file name, or '' for a source made from a string."""
        return self.path.name if self.path else ""

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        where = f" from {self.file}" if self.path else ""
        return f"<Source {self.id!r}{where}: {len(self.text):,} characters, {self.format}>"


def text_of(obj: Source | str, role: str = "") -> str:
    """The raw text of a Source, or the string itself; ``role`` names the caller in errors.

    >>> text_of(Source.from_text("Moscow said so.")), text_of("plain")
    ('Moscow said so.', 'plain')
    """
    if isinstance(obj, Source):
        return obj.text
    if isinstance(obj, str):
        return obj
    prefix = f"{role}: " if role else ""
    raise TypeError(f"{prefix}expected a Source or a str, got {type(obj).__name__}")


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "canvas",
}
_PARAGRAPH_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "dl",
    "table",
    "form",
    "hr",
    "address",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "details",
    "summary",
}
_LINE_TAGS = {"br", "li", "tr", "dt", "dd", "option"}


class _VisibleText:
    """Collects the visible text of a parsed page, walked element by element."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending_breaks = 0
        self.skip_depth = 0
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []

    def _break(self, n: int) -> None:
        self.pending_breaks = max(self.pending_breaks, n)

    def handle_starttag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        if tag in _PARAGRAPH_TAGS:
            self._break(2)
        elif tag in _LINE_TAGS:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _PARAGRAPH_TAGS:
            self._break(2)
        elif tag in ("li", "tr", "dt", "dd"):
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth or not data:
            return
        if not self.pre_depth:
            collapsed = " ".join(data.split())
            glued = not self.parts or self.pending_breaks or self.parts[-1].endswith((" ", "\n"))
            if not collapsed:  # whitespace between inline elements is one space at most
                if not glued:
                    self.parts.append(" ")
                return
            if data[0].isspace() and not glued:
                collapsed = " " + collapsed
            if data[-1].isspace():
                collapsed += " "
            data = collapsed
        if self.pending_breaks and self.parts:
            self.parts.append("\n" * self.pending_breaks)
        self.pending_breaks = 0
        self.parts.append(data)


_HEAD_CONTENT = {"title", "meta", "link", "style", "script", "noscript", "base", "template"}


def _parse_html(html: str):
    """The page's element tree, built by lxml's HTML parser (libxml2) as a browser would build
    it: optional tags implied (a page without ``</head>`` or ``<body>`` still has a body),
    unclosed elements closed, comments and processing instructions dropped. None if the page
    is empty, or nests elements deeper than the parser follows (over 2,048 levels)."""
    from lxml import etree
    from lxml import html as lxml_html

    options = {"remove_comments": True, "remove_pis": True, "no_network": True, "huge_tree": True}
    parser = lxml_html.HTMLParser(**options)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except ValueError:  # a str that declares its own encoding (<?xml … encoding=…?>)
        parser = lxml_html.HTMLParser(encoding="utf-8", **options)
        data = html.encode("utf-8", "surrogatepass")
        try:
            root = lxml_html.document_fromstring(data, parser=parser)
        except etree.ParserError:
            return None
    except etree.ParserError:  # "Document is empty": no element, no text
        return None
    if any(e.level_name == "FATAL" for e in parser.error_log):
        return None
    return root


class _Tokens(HTMLParser):
    """The fallback for pages lxml gives up on (nesting beyond its limit): the tokens in
    order, with the one tree rule visible text depends on, that content ends the head."""

    def __init__(self, visible: _VisibleText) -> None:
        super().__init__(convert_charrefs=True)
        self.visible = visible
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag not in _HEAD_CONTENT:
            self.in_head = False
            self.visible.handle_endtag("head")
        self.visible.handle_starttag(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self.visible.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        self.visible.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if (
            self.in_head
            and data.strip()
            and self.visible.skip_depth == 1
            and not self.visible.in_title
        ):
            self.in_head = False  # text ends the head too
            self.visible.handle_endtag("head")
        self.visible.handle_data(data)


def _walk(root, visible: _VisibleText) -> None:
    from lxml import etree

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            visible.handle_starttag(tag)
            if element.text:
                visible.handle_data(element.text)
        else:
            visible.handle_endtag(tag)
            if element.tail:
                visible.handle_data(element.tail)


def html_visible_text(html: str) -> tuple[str, str]:
    """The text a reader sees in an HTML page, and its ``<title>``.

    The page is parsed as a browser parses it (lxml), so optional tags may be left out: a page
    without ``</head>`` or ``<body>`` is read all the same. Scripts, styles, comments and the
    head are dropped; entities are decoded; block elements become line breaks; runs of spaces
    collapse as a browser collapses them.

    >>> html_visible_text("<title>T</title><p>One &amp; two</p><script>x()</script><p>Three</p>")
    ('One & two\\n\\nThree', 'T')
    >>> html_visible_text("<!doctype html><head><title>T</title><p>No end of head")
    ('No end of head', 'T')
    """
    parser = _VisibleText()
    root = _parse_html(html)
    if root is not None:
        _walk(root, parser)
    else:
        tokens = _Tokens(parser)
        tokens.feed(html)
        tokens.close()
    lines = [line.rstrip(" \t") for line in "".join(parser.parts).split("\n")]
    text_lines: list[str] = []
    for line in lines:
        if not line and text_lines and not text_lines[-1]:
            continue
        text_lines.append(line)
    text = "\n".join(text_lines).strip("\n")
    title = " ".join("".join(parser.title_parts).split())
    return text, title


# --------------------------------------------------------------------------- reading files


def read_source(
    path: str | Path,
    source_id: str | None = None,
    metadata: dict | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """Read one ``.txt``, ``.md`` or ``.html`` file as a Source (id: the file name's stem).

    Raises :class:`SourceReadError` naming the file when it cannot be read as text, and warns
    when its code page had to be guessed or its letters look wrong (the note says which).

    >>> read_source(seeds_dir() / "003_45a6886da7819588.txt").id
    '003_45a6886da7819588'
    """
    source = _read_source(path, source_id, metadata, max_bytes)
    doubts = [n for n in source.notes if ", a guess:" in n or "looks wrong" in n]
    if doubts:
        warnings.warn(f"{source.file}: {doubts[0]}", stacklevel=2)
    return source


def _read_source(
    path: str | Path, source_id: str | None, metadata: dict | None, max_bytes: int
) -> Source:
    path = Path(path)
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise SourceReadError(
            path, f"unsupported file type {path.suffix!r}; use .txt, .md or .html"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceReadError(
                path, f"too large ({size:,} bytes; the limit is {max_bytes:,}): split it first"
            )
        data = path.read_bytes()
    except OSError as err:
        raise SourceReadError(path, f"cannot be read ({err.strerror or err})") from None
    decoded, encoding, notes = decode_bytes(data, path)
    meta = dict(metadata or {})
    text = decoded
    if fmt == "html":
        text, title = html_visible_text(decoded)
        if not text.strip():
            raise SourceReadError(
                path,
                "HTML page has no visible text; copy the page's text from the browser into "
                "a .txt file",
            )
        if title and not meta.get("title"):
            meta["title"] = title
        notes.append("visible text extracted from HTML; spans point into that text, raw HTML kept")
    return Source(
        id=source_id or path.stem,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        raw=decoded,
        format=fmt,
        encoding=encoding,
        notes=tuple(notes),
        metadata=MappingProxyType(meta),
    )


# --------------------------------------------------------------------------- corpus


class Corpus:
    """An ordered collection of sources, with the files that could not be read (``problems``)
    and the files of other types that were not read (``skipped``), each with its reason.

    >>> corpus = load_corpus()
    >>> len(corpus), corpus["001"].metadata["outlet"]
    (5, 'Rudaw English')
    """

    def __init__(
        self,
        sources: Iterable[Source],
        problems: pd.DataFrame | None = None,
        origin: str = "",
        skipped: pd.DataFrame | None = None,
    ):
        self._sources = list(sources)
        self._by_id = {s.id: s for s in self._sources}
        if len(self._by_id) != len(self._sources):
            counts = Counter(s.id for s in self._sources)
            dupes = sorted(i for i, n in counts.items() if n > 1)
            raise CorpusError(f"duplicate source ids: {', '.join(dupes)}")
        self.problems = (
            problems if problems is not None else pd.DataFrame(columns=["file", "reason"])
        )
        self.skipped = skipped if skipped is not None else pd.DataFrame(columns=["file", "reason"])
        self.origin = origin

    def __iter__(self) -> Iterator[Source]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._by_id

    def __getitem__(self, key: int | str) -> Source:
        """A source by position, by id, or by a unique id prefix (``corpus["001"]``)."""
        if isinstance(key, int):
            return self._sources[key]
        if key in self._by_id:
            return self._by_id[key]
        matches = [s for s in self._sources if s.id.startswith(str(key))]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise KeyError(f"no source with id {key!r}; ids are: {', '.join(self.ids)}")
        raise KeyError(f"{key!r} matches several sources: {', '.join(s.id for s in matches)}")

    @property
    def ids(self) -> list[str]:
        """Source ids in corpus order."""
        return [s.id for s in self._sources]

    def table(self) -> pd.DataFrame:
        """One row per source: id, file, format, encoding, characters, sha256, notes, metadata.

        >>> row = load_corpus().table().iloc[0]
        >>> row["id"], int(row["chars"])
        ('000_2475a0d244993fd8', 3816)
        """
        rows = []
        for s in self._sources:
            row = {
                "id": s.id,
                "file": s.file,
                "format": s.format,
                "encoding": s.encoding,
                "chars": len(s.text),
                "sha256": s.sha256,
                "notes": "; ".join(s.notes),
            }
            for key, value in s.metadata.items():
                row.setdefault(key, value)
            rows.append(row)
        columns = ["id", "file", "format", "encoding", "chars", "sha256", "notes"]
        extra = dict.fromkeys(c for r in rows for c in r if c not in columns)  # every source's
        return pd.DataFrame(rows, columns=columns + list(extra))

    def __repr__(self) -> str:
        where = f" from {self.origin}" if self.origin else ""
        problems = f", {len(self.problems)} unreadable file(s)" if len(self.problems) else ""
        return f"<Corpus of {len(self)} sources{where}{problems}>"


def read_sources_table(path: str | Path | None = None) -> pd.DataFrame:
    """The curated metadata table ``data/sources.csv`` (all columns as text; '' for empty).

    >>> read_sources_table().loc[1, "author"]
    'Paul Iddon'
    """
    path = Path(path) if path else data_dir() / "sources.csv"
    table = read_csv(path, error=CorpusError)
    if not table.rows:
        raise CorpusError(f"{path.name}: no rows", path)
    for number, row in table:
        for column, value in row.items():
            if column.endswith("_basis") and value not in BASIS_VALUES:
                raise CorpusError(
                    f"{path.name}, line {number}, column {column}: {value!r} is not one of "
                    f"{', '.join(BASIS_VALUES)}",
                    path,
                    number,
                    column,
                )
    return pd.DataFrame(table.rows, columns=list(table.columns), dtype=str)


def _load_seeds() -> Corpus:
    folder = seeds_dir()
    table = read_sources_table()
    sources = []
    for number, row in enumerate(table.to_dict("records"), start=2):
        path = folder / row["file"]
        if not path.is_file():
            raise CorpusError(f"data/sources.csv, line {number}: {row['file']} is not in seeds/")
        source = _read_source(
            path,
            row["id"],
            {k: v for k, v in row.items() if k not in {"id", "file", "sha256"}},
            DEFAULT_MAX_BYTES,
        )
        if source.sha256 != row["sha256"]:
            raise CorpusError(
                f"seeds/{row['file']}: sha256 {source.sha256[:12]}… differs from "
                f"data/sources.csv line {number} ({row['sha256'][:12]}…). Seeds are never edited: "
                "restore the file with `git checkout seeds/`."
            )
        sources.append(source)
    return Corpus(sources, origin="seeds/")


def load_corpus(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """The seed corpus (with metadata from ``data/sources.csv``), or every source in a folder.

    Given a folder, every ``.txt``, ``.md``, ``.html`` and ``.htm`` file in it and its
    subfolders is read (hidden files and folders skipped), in sorted order; the id is the
    path below the folder without its suffix. Unreadable files go to ``corpus.problems`` with
    a warning, or raise :class:`SourceReadError` when ``strict=True``; files of other types
    (.pdf, .docx, …) are not read and go to ``corpus.skipped``, with a warning that names
    their types. A single file also works.

    >>> load_corpus().ids[:2]
    ['000_2475a0d244993fd8', '001_d05eff7ba99ae3f9']
    """
    if path is None:
        return _load_seeds()
    root = Path(path).expanduser()
    if root.is_file():
        files, others = [root], []
        base = root.parent
    elif root.is_dir():
        base = root
        visible = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
        files = [p for p in visible if p.suffix.lower() in TEXT_SUFFIXES]
        others = [p for p in visible if p.suffix.lower() not in TEXT_SUFFIXES]
    else:
        raise FileNotFoundError(
            f"{root}: no such file or folder; check the spelling (a relative path is read "
            "from the folder the notebook runs in)"
        )
    if not files:
        raise SourceReadError(
            root,
            "holds no .txt, .md or .html files: put your pages there in one of those formats "
            "(save PDFs and Word files as text or HTML first)",
        )
    ids = [p.relative_to(base).with_suffix("").as_posix() for p in files]
    clashing = {i for i, n in Counter(ids).items() if n > 1}
    sources, problems = [], []
    for p, source_id in zip(files, ids, strict=True):
        if source_id in clashing:  # a.txt and a.html: keep both, named by their suffix too
            source_id = p.relative_to(base).as_posix()
        try:
            sources.append(_read_source(p, source_id, None, max_bytes))
        except SourceReadError as err:
            if strict:
                raise
            problems.append({"file": p.relative_to(base).as_posix(), "reason": err.reason})
    table = pd.DataFrame(problems, columns=["file", "reason"])
    if problems:
        warnings.warn(
            f"{len(problems)} file(s) in {root} could not be read as text and were left out: "
            f"{_first_few([p['file'] for p in problems])}; see corpus.problems for each file "
            "and reason",
            stacklevel=2,
        )
    guessed = [s for s in sources if _doubtful_decoding(s)]
    if guessed:
        warnings.warn(
            f"{len(guessed)} file(s) in {root} are not UTF-8 and their code page was guessed, "
            f"or their letters look wrong: {_first_few([s.file or s.id for s in guessed])}; "
            "read the notes in corpus.table() and check the names in them",
            stacklevel=2,
        )
    skipped = pd.DataFrame(
        [{"file": p.relative_to(base).as_posix(), "reason": _other_type(p)} for p in others],
        columns=["file", "reason"],
    )
    if others:
        kinds = ", ".join(sorted({p.suffix.lower() or "no suffix" for p in others}))
        warnings.warn(
            f"{len(others)} file(s) in {root} are not .txt, .md or .html ({kinds}) and were "
            f"not read: {_first_few([p.relative_to(base).as_posix() for p in others])}; see "
            "corpus.skipped, and save any you need as text or HTML",
            stacklevel=2,
        )
    return Corpus(sources, problems=table, origin=str(root), skipped=skipped)


def _first_few(names: list[str], shown: int = 5) -> str:
    """The first few names, and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _doubtful_decoding(source: Source) -> bool:
    """Whether the loader guessed a code page, or the letters look wrong (see decode_bytes)."""
    return any(", a guess:" in note or "looks wrong" in note for note in source.notes)


def _other_type(path: Path) -> str:
    """Why a file in a folder was not read, and what to do about it."""
    if not path.suffix:
        return (
            "a file without a suffix: only .txt, .md and .html files are read; if it holds "
            "plain text, add .txt to its name"
        )
    return (
        f"a {path.suffix.lower()} file: only .txt, .md and .html files are read; export its "
        "text to a .txt file (renaming is not enough)"
    )
