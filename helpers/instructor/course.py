"""Header cards, recaps and navigation for every lesson, generated from one manifest.

``notebooks/course.toml`` lists the lessons in order: title, what each teaches, time, data,
prerequisites, objectives, recap and "check your understanding" questions. This module writes
them into each lesson as two tagged markdown cells (``course-header`` first, ``course-footer``
last), and writes the README's course map and the lesson section of ``INSTRUCTORS.md`` (with each
lesson's ``session`` plan and ``prompts``) between their markers, so none of it is typed by hand.

Its ``[course]`` table says where the course is published (``repository``, ``branch``,
``jupyterhub``); the README's Binder badge and the launch links of the instructor guide and the
website are generated from it, and omitted, with a sentence saying how to set it, while it is empty.

    python -m helpers.instructor.course            # regenerate (writes only what changed)
    python -m helpers.instructor.course --check    # exit 1, name what is stale (the tests use it)
    python -m helpers.instructor.course --tidy NB  # after execution: drop widget state, timings
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat

from helpers.paths import course_root

__all__ = [
    "binder_url",
    "course_map_markdown",
    "COURSE_SETTINGS",
    "footer_markdown",
    "FOOTER_TAG",
    "GUIDE_END",
    "guide_markdown",
    "GUIDE_START",
    "header_markdown",
    "HEADER_TAG",
    "LAUNCH_END",
    "launch_guide_markdown",
    "launch_readme_markdown",
    "LAUNCH_START",
    "nbgitpuller_url",
    "main",
    "MAP_END",
    "MAP_START",
    "read_course_settings",
    "read_manifest",
    "tidy",
    "update",
]

HEADER_TAG = "course-header"
FOOTER_TAG = "course-footer"
MAP_START = "<!-- course-map:start (generated from notebooks/course.toml by `make nav`) -->"
MAP_END = "<!-- course-map:end -->"
GUIDE_START = "<!-- lessons:start (generated from notebooks/course.toml by `make nav`) -->"
GUIDE_END = "<!-- lessons:end -->"
LAUNCH_START = "<!-- launch:start (generated from notebooks/course.toml by `make nav`) -->"
LAUNCH_END = "<!-- launch:end -->"
COURSE_SETTINGS = {"repository": "", "branch": "main", "jupyterhub": ""}
FIRST_LESSON = "00_start_here.ipynb"
HOW_TO_SET = (
    "set `repository` in the `[course]` table of `notebooks/course.toml` to the course's public "
    "GitHub address and run `make nav`"
)
_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?<!\.git)")
_HUB = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9_.~/-]*)?")
_BRANCH = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_./-]*")


def read_manifest(path: Path | None = None) -> list[dict]:
    """The lessons of ``notebooks/course.toml``, in order.

    >>> read_manifest()[0]["file"]
    '00_start_here.ipynb'
    """
    path = path or course_root() / "notebooks" / "course.toml"
    with open(path, "rb") as fh:
        lessons = tomllib.load(fh)["lesson"]
    required = {"file", "number", "title", "teaches", "minutes", "data", "prerequisites"}
    for i, lesson in enumerate(lessons, start=1):
        missing = required - lesson.keys()
        if missing:
            raise ValueError(f"{path}: lesson {i} lacks {', '.join(sorted(missing))}")
    return lessons


def read_course_settings(path: Path | None = None) -> dict[str, str]:
    """Where the course is published: the ``[course]`` table of ``notebooks/course.toml``.

    ``repository`` is the public GitHub address (``https://github.com/OWNER/REPO``), ``branch``
    the branch students get, ``jupyterhub`` a hub with nbgitpuller. Empty means not set.

    >>> sorted(read_course_settings())
    ['branch', 'jupyterhub', 'repository']
    """
    path = path or course_root() / "notebooks" / "course.toml"
    with open(path, "rb") as fh:
        table = tomllib.load(fh).get("course", {})
    unknown = sorted(set(table) - set(COURSE_SETTINGS))
    if unknown:
        raise ValueError(
            f"{path}: [course] has unknown settings {', '.join(unknown)}; "
            f"the settings are {', '.join(COURSE_SETTINGS)}"
        )
    settings = {**COURSE_SETTINGS, **{k: str(v).strip() for k, v in table.items()}}
    settings["jupyterhub"] = settings["jupyterhub"].rstrip("/")
    checks = [
        ("repository", _REPOSITORY, "https://github.com/OWNER/REPO, with no trailing .git"),
        ("jupyterhub", _HUB, "the hub's address, such as https://hub.example.edu"),
        ("branch", _BRANCH, "a branch name, such as main"),
    ]
    for key, pattern, form in checks:
        value = settings[key]
        if (value or key == "branch") and not pattern.fullmatch(value):
            raise ValueError(
                f"{path}: [course] {key} = {value!r} is not of the form {form}; "
                f"correct it (or leave it empty) and run `make nav`"
            )
    return settings


def binder_url(settings: dict[str, str], notebook: str = FIRST_LESSON) -> str | None:
    """The Binder link that opens ``notebook`` in JupyterLab, or None while no repository is set.

    >>> binder_url({"repository": "https://github.com/OWNER/REPO", "branch": "main"})
    'https://mybinder.org/v2/gh/OWNER/REPO/main?urlpath=lab/tree/notebooks/00_start_here.ipynb'
    >>> binder_url({"repository": "", "branch": "main"}) is None
    True
    """
    if not settings.get("repository"):
        return None
    owner_repo = settings["repository"].removeprefix("https://github.com/")
    return (
        f"https://mybinder.org/v2/gh/{owner_repo}/{quote(settings['branch'], safe='')}"
        f"?urlpath=lab/tree/notebooks/{quote(notebook)}"
    )


def nbgitpuller_url(settings: dict[str, str], notebook: str = FIRST_LESSON) -> str | None:
    """The nbgitpuller link that puts the course into a student's home on the class's JupyterHub
    (folder named after the repository) and opens ``notebook``; None unless both are set.

    >>> url = nbgitpuller_url({"repository": "https://github.com/OWNER/REPO", "branch": "main",
    ...                        "jupyterhub": "https://hub.example.edu"})
    >>> url.split("?")[0]
    'https://hub.example.edu/hub/user-redirect/git-pull'
    >>> for part in url.split("?")[1].split("&"):
    ...     print(part)
    repo=https%3A%2F%2Fgithub.com%2FOWNER%2FREPO
    branch=main
    urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F00_start_here.ipynb
    """
    if not (settings.get("repository") and settings.get("jupyterhub")):
        return None
    folder = settings["repository"].rstrip("/").rsplit("/", 1)[-1]
    query = urlencode(
        {
            "repo": settings["repository"],
            "branch": settings["branch"],
            "urlpath": f"lab/tree/{folder}/notebooks/{notebook}",
        },
        quote_via=quote,
        safe="",
    )
    return f"{settings['jupyterhub']}/hub/user-redirect/git-pull?{query}"


def launch_readme_markdown(settings: dict[str, str]) -> str:
    """The README's launch line: a Binder badge, or how to get one while no repository is set.

    >>> launch_readme_markdown({"repository": "", "branch": "main", "jupyterhub": ""})[:40]
    'There is no Binder link yet: to have one'
    """
    url = binder_url(settings)
    if url is None:
        return f"There is no Binder link yet: to have one, {HOW_TO_SET} (see INSTRUCTORS.md)."
    return (
        f"[![Open in Binder](https://mybinder.org/badge_logo.svg)]({url})\n"
        "— opens lesson 00 in JupyterLab in your browser, nothing to install."
    )


def launch_guide_markdown(settings: dict[str, str], lessons: list[dict]) -> str:
    """The instructor guide's launch links: one row per lesson, Binder and the class's hub.

    >>> launch_guide_markdown({"repository": "", "branch": "main", "jupyterhub": ""}, [])[:30]
    'No launch links are generated '
    """
    if not settings.get("repository"):
        return f"No launch links are generated yet: {HOW_TO_SET}."
    hub = bool(settings.get("jupyterhub"))
    lines = [
        "| Lesson | Binder | " + ("Your JupyterHub |" if hub else ""),
        "|---|---|" + ("---|" if hub else ""),
    ]
    for lesson in lessons:
        if not _is_ready(lesson):
            continue
        name = lesson["file"]
        row = f"| {lesson['number']} · {lesson['title']} | [open]({binder_url(settings, name)}) |"
        if hub:
            row += f" [open]({nbgitpuller_url(settings, name)}) |"
        lines.append(row)
    if not hub:
        lines += ["", "No JupyterHub links: set `jupyterhub` in the same table to have them."]
    return "\n".join(lines)


def _is_ready(lesson: dict) -> bool:
    return lesson.get("ready", True)


def _link(lesson: dict) -> str:
    return f"[{lesson['number']} · {lesson['title']}]({lesson['file']})"


def header_markdown(lessons: list[dict], index: int) -> str:
    """The header card of lesson ``index``: H1, objectives, prerequisites, time, data.

    >>> header_markdown(read_manifest(), 0).splitlines()[0]
    '# 00 · Start here: the case and the course'
    """
    lesson = lessons[index]
    lines = [f"# {lesson['number']} · {lesson['title']}", "", f"*{lesson['teaches']}*", ""]
    lines += ["| | |", "|---|---|"]
    lines.append(f"| **Time** | about {lesson['minutes']} minutes |")
    lines.append(f"| **Prerequisites** | {lesson['prerequisites']} |")
    lines.append(f"| **Data** | {lesson['data']} |")
    lines += ["", "**What you will learn**", ""]
    lines += [f"- {item}" for item in lesson.get("objectives", [])]
    prev_link = _link(lessons[index - 1]) if index > 0 else "—"
    lines += ["", f"Previous: {prev_link} · [Course map](../README.md#course-map)"]
    return "\n".join(lines)


def footer_markdown(lessons: list[dict], index: int) -> str:
    """The closing cell of lesson ``index``: recap, check your understanding, next lesson.

    >>> "## Recap" in footer_markdown(read_manifest(), 0)
    True
    """
    lesson = lessons[index]
    lines = ["## Recap", ""]
    lines += [f"- {item}" for item in lesson.get("recap", [])]
    lines += ["", "## Check your understanding", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(lesson.get("understanding", []), start=1)]
    lines += ["", "## Next", ""]
    if index + 1 < len(lessons):
        nxt = lessons[index + 1]
        if _is_ready(nxt):
            lines.append(f"Go on to {_link(nxt)}: {nxt['teaches'][0].lower()}{nxt['teaches'][1:]}")
        else:
            lines.append(
                f"Next comes **{nxt['number']} · {nxt['title']}** ({nxt['teaches'][0].lower()}"
                f"{nxt['teaches'][1:].rstrip('.')}), which is in preparation."
            )
    else:
        lines.append("This is the last lesson. [Back to the course map](../README.md#course-map).")
    return "\n".join(lines)


def course_map_markdown(lessons: list[dict]) -> str:
    """The README's course map: one row per lesson notebook.

    >>> course_map_markdown(read_manifest()).splitlines()[0].startswith("| Lesson")
    True
    """
    lines = ["| Lesson | What it teaches | Time | Data |", "|---|---|---|---|"]
    for lesson in lessons:
        if not _is_ready(lesson):
            continue
        link = f"[{lesson['number']} · {lesson['title']}](notebooks/{lesson['file']})"
        lines.append(
            f"| {link} | {lesson['teaches']} | {lesson['minutes']} min | {lesson['data']} |"
        )
    return "\n".join(lines)


def guide_markdown(lessons: list[dict]) -> str:
    """The instructor guide's lesson section: objectives, a 90-minute session and prompts.

    >>> guide_markdown(read_manifest()).splitlines()[0]
    '### 00 · Start here: the case and the course'
    """
    blocks = []
    for lesson in lessons:
        if not _is_ready(lesson):
            continue
        lines = [f"### {lesson['number']} · {lesson['title']}", ""]
        lines += [
            f"*{lesson['teaches']}* Notebook time: about {lesson['minutes']} minutes; "
            f"prerequisites: {lesson['prerequisites']}.",
            "",
            "**Learning objectives**, as the lesson's header card puts them to students:",
            "",
        ]
        lines += [f"- {item}" for item in lesson.get("objectives", [])]
        session = lesson.get("session", [])
        if session:
            total = sum(int(minutes) for minutes, _ in session)
            lines += ["", f"**A {total}-minute session.**", "", "| Minutes | What happens |"]
            lines += ["|---|---|"] + [f"| {minutes} | {what} |" for minutes, what in session]
        prompts = lesson.get("prompts", []) + lesson.get("understanding", [])
        if prompts:
            lines += ["", "**Discussion prompts.**", ""]
            lines += [f"{n}. {q}" for n, q in enumerate(prompts, start=1)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _replace_between(text: str, start: str, end: str, content: str, where: Path) -> str:
    if start not in text or end not in text:
        raise ValueError(f"{where}: the markers {start!r} and {end!r} are missing")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{content}\n{end}{tail}"


def _tagged(cell: dict, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def _set_cell(nb, tag: str, source: str, at_end: bool) -> bool:
    for cell in nb.cells:
        if _tagged(cell, tag):
            if cell.source == source:
                return False
            cell.source = source
            return True
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag]})
    if at_end:
        nb.cells.append(cell)
    else:
        nb.cells.insert(0, cell)
    return True


def update(check: bool = False) -> list[str]:
    """Write the generated cells and course map; return what changed (or, with check, would)."""
    root = course_root()
    lessons = read_manifest()
    settings = read_course_settings()
    changed = []
    for i, lesson in enumerate(lessons):
        path = root / "notebooks" / lesson["file"]
        if not _is_ready(lesson):
            continue
        if not path.exists():
            raise FileNotFoundError(
                f"notebooks/course.toml names {lesson['file']}, which does not exist"
            )
        nb = nbformat.read(path, as_version=4)
        stale = _set_cell(nb, HEADER_TAG, header_markdown(lessons, i), at_end=False)
        stale |= _set_cell(nb, FOOTER_TAG, footer_markdown(lessons, i), at_end=True)
        if stale:
            changed.append(f"notebooks/{lesson['file']}")
            if not check:
                nbformat.write(nb, path)
    generated = [
        ("README.md", MAP_START, MAP_END, course_map_markdown(lessons)),
        ("INSTRUCTORS.md", GUIDE_START, GUIDE_END, guide_markdown(lessons)),
        ("README.md", LAUNCH_START, LAUNCH_END, launch_readme_markdown(settings)),
        ("INSTRUCTORS.md", LAUNCH_START, LAUNCH_END, launch_guide_markdown(settings, lessons)),
    ]
    for name, start, end, content in generated:
        path = root / name
        text = path.read_text(encoding="utf-8")
        new = _replace_between(text, start, end, content, path)
        if new != text:
            changed += [] if name in changed else [name]
            if not check:
                path.write_text(new, encoding="utf-8")
    return changed


def tidy(paths: list[str]) -> None:
    """Drop widget state and execution timing from executed notebooks (stable diffs)."""
    for name in paths:
        nb = nbformat.read(name, as_version=4)
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale cells, change nothing")
    parser.add_argument("--tidy", nargs="*", metavar="NOTEBOOK", help="tidy executed notebooks")
    args = parser.parse_args(argv)
    if args.tidy is not None:
        tidy(args.tidy)
        return 0
    changed = update(check=args.check)
    for name in changed:
        print(f"{'stale' if args.check else 'updated'}: {name}")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
