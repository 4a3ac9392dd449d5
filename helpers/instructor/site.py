"""The course website: every lesson with its stored outputs, built offline with Sphinx.

``make site`` writes the site's pages into ``build/site-src`` and runs Sphinx (myst-nb,
sphinx-book-theme; settings in ``site/conf.py``) into ``build/site``. No notebook is run: each
lesson is shown with the outputs stored in it. The pages are generated, never typed:

- the home page is the README's opening and the course map, both from the same sources as the
  README (``course_map_markdown`` reads ``notebooks/course.toml``);
- each lesson page is a copy of the lesson with, after its header card, the launch links made
  from the ``[course]`` setting (or how to set it), and each widget output replaced by its text
  and a note that it runs in JupyterLab (the lessons store no widget state);
- the instructor guide, the data dictionary and the contributor's guide are copied as they are.

    python -m helpers.instructor.site               # build into build/site
    python -m helpers.instructor.site --out DIR     # build elsewhere
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from helpers.instructor.course import (
    HOW_TO_SET,
    LAUNCH_END,
    LAUNCH_START,
    MAP_END,
    MAP_START,
    binder_url,
    course_map_markdown,
    nbgitpuller_url,
    read_course_settings,
    read_manifest,
)
from helpers.paths import course_root

__all__ = [
    "build_site",
    "home_markdown",
    "lesson_launch_markdown",
    "main",
    "site_notebook",
    "stage_pages",
    "WIDGET_NOTE",
    "WIDGET_VIEW",
]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "This is an interactive widget. It works when you open the lesson in JupyterLab "
    "(see the links at the top of the page); on this page you see its text only."
)
# Pages copied as they are, by their path in the repository (their links stay valid).
COPIED = [
    "INSTRUCTORS.md",
    "CONTRIBUTING.md",
    "data/README.md",
    "data/fa-kes/README.md",
    "data/byo-sample/README.md",
]
# What a link to the README means on the website: the home page.
_SCROLLING_DIV = re.compile(r'<div style="([^"]*overflow-y: auto[^"]*)">')
README_LINKS = {"](README.md)": "](index.md)", "](../README.md#": "](../index.md#"}


def lesson_launch_markdown(settings: dict[str, str], notebook: str) -> str:
    """The launch line at the top of a lesson page: Binder and the class's JupyterHub links.

    >>> print(lesson_launch_markdown({"repository": "https://github.com/OWNER/REPO",
    ...     "branch": "main", "jupyterhub": ""}, "01_reading_raw_sources.ipynb"))
    ... # doctest: +ELLIPSIS
    **Run this lesson:** [on Binder](https://mybinder.org/v2/gh/OWNER/REPO/main?urlpath=...)...
    """
    links = []
    binder = binder_url(settings, notebook)
    if binder:
        links.append(f"[on Binder]({binder}) (nothing to install; work is lost when it closes)")
    hub = nbgitpuller_url(settings, notebook)
    if hub:
        links.append(f"[on your class's JupyterHub]({hub})")
    local = "on your own machine with `make lab`"
    if not links:
        return (
            f"**Run this lesson** {local}. There are no Binder or JupyterHub links yet: "
            f"to have them, {HOW_TO_SET}."
        )
    return f"**Run this lesson:** {' · '.join(links)}, or {local}."


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def home_markdown(readme: str, settings: dict[str, str], lessons: list[dict]) -> str:
    """The home page: the README's title and opening, launch links and the course map.

    >>> page = home_markdown((course_root() / "README.md").read_text(encoding="utf-8"),
    ...                      read_course_settings(), read_manifest())
    >>> page.splitlines()[0], "## Course map" in page
    ('# Reading the coalition', True)
    """
    opening = readme.split("\n## ", 1)[0]
    if LAUNCH_START in opening:
        head, rest = opening.split(LAUNCH_START, 1)
        opening = head + rest.split(LAUNCH_END, 1)[1]
    after_map = readme.split(MAP_END, 1)[1].split("\n## ", 1)[0].strip()
    lessons_ready = [lesson for lesson in lessons if lesson.get("ready", True)]
    first = lessons_ready[0]["file"] if lessons_ready else ""
    toc = [f"notebooks/{lesson['file'].removesuffix('.ipynb')}" for lesson in lessons_ready]
    toc += [name.removesuffix(".md") for name in COPIED if name.count("/") < 2]
    parts = [
        opening.strip(),
        lesson_launch_markdown(settings, first).replace("this lesson", "lesson 00", 1),
        "## Course map",
        course_map_markdown(lessons),
        after_map,
        "## For instructors and contributors",
        "The [instructor guide](INSTRUCTORS.md) gives each lesson's objectives, a 90-minute "
        "session plan and discussion prompts; the [data dictionary](data/README.md) says what "
        "every curated table holds and how each fact was established; the "
        "[contributor's guide](CONTRIBUTING.md) maps the course's code.",
        "```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(toc) + "\n```",
    ]
    return "\n\n".join(parts) + "\n"


def _scrollable_regions_focusable(html_text: str) -> str:
    """Let keyboard users scroll a passage box: give it a focus stop and a name.

    >>> _scrollable_regions_focusable('<div style="overflow-y: auto">x</div>').split(" style")[0]
    '<div tabindex="0" role="region" aria-label="Passage (scrolls)"'
    """
    return _SCROLLING_DIV.sub(
        r'<div tabindex="0" role="region" aria-label="Passage (scrolls)" style="\1">', html_text
    )


def _widget_fallback(output: dict) -> dict:
    text = output.get("data", {}).get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else text
    body = (
        f'<div class="widget-fallback" role="note"><p><strong>Widget:</strong> '
        f"{html.escape(text.strip())}</p><p>{html.escape(WIDGET_NOTE)}</p></div>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": body, "text/plain": text})


def site_notebook(nb, settings: dict[str, str], notebook: str):
    """A lesson as the website shows it: launch links after the header card, widgets as text.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 00 · A")])
    >>> shown = site_notebook(nb, read_course_settings(), "00_start_here.ipynb")
    >>> [cell.cell_type for cell in shown.cells]
    ['markdown', 'markdown']
    """
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for old, new in README_LINKS.items():
                cell.source = cell.source.replace(old, new)
        for i, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                cell.outputs[i] = _widget_fallback(output)
            elif "text/html" in data:
                shown = data["text/html"]
                shown = "".join(shown) if isinstance(shown, list) else shown
                data["text/html"] = _scrollable_regions_focusable(shown)
    launch = nbformat.v4.new_markdown_cell(
        lesson_launch_markdown(settings, notebook), metadata={"tags": ["site-launch"]}
    )
    nb.cells.insert(1 if nb.cells else 0, launch)
    return nb


def stage_pages(source: Path, settings: dict[str, str] | None = None) -> list[str]:
    """Write every page of the website into ``source``; return their paths, home page first."""
    root = course_root()
    settings = settings or read_course_settings()
    lessons = [lesson for lesson in read_manifest() if lesson.get("ready", True)]
    if source.exists():
        shutil.rmtree(source)
    (source / "notebooks").mkdir(parents=True)
    readme = (root / "README.md").read_text(encoding="utf-8")
    if MAP_START not in readme:
        raise ValueError(f"{root / 'README.md'}: the course map's markers are missing")
    pages = ["index.md"]
    (source / "index.md").write_text(home_markdown(readme, settings, lessons), encoding="utf-8")
    for lesson in lessons:
        nb = nbformat.read(root / "notebooks" / lesson["file"], as_version=4)
        name = f"notebooks/{lesson['file']}"
        nbformat.write(site_notebook(nb, settings, lesson["file"]), source / name)
        pages.append(name)
    for name in COPIED:
        text = (root / name).read_text(encoding="utf-8")
        for old, new in README_LINKS.items():
            text = text.replace(old, new)
        if name.count("/") > 1:  # reached from the data dictionary, not from the side bar
            text = "---\norphan: true\n---\n\n" + text
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
        pages.append(name)
    return pages


def build_site(out: Path | None = None, settings: dict[str, str] | None = None) -> Path:
    """Stage the pages and run Sphinx; return the folder holding ``index.html``.

    Warnings fail the build (a broken link or a missing page is an error), and the error names
    the page. Sphinx runs in a separate process with the course's own Python.
    """
    root = course_root()
    out = Path(out or root / "build" / "site")
    source = out.parent / f"{out.name}-src"
    stage_pages(source, settings)
    if out.exists():
        shutil.rmtree(out)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-W", "--keep-going",
        "-c", str(root / "site"), "-d", str(source / ".doctrees"), str(source), str(out),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=root)
    if result.returncode != 0:
        raise RuntimeError(
            f"Sphinx could not build the website from {source}:\n{result.stderr[-4000:]}"
        )
    (out / ".buildinfo").unlink(missing_ok=True)  # what is left is only what the site serves
    if (out / "_sources").is_dir() and not any((out / "_sources").iterdir()):
        (out / "_sources").rmdir()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="where to build (default: build/site)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        out = build_site(args.out)
    except (RuntimeError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(
        f"built {len(pages)} pages ({size / 1e6:.1f} MB) into {out} in "
        f"{time.perf_counter() - started:.1f} s; open {out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
