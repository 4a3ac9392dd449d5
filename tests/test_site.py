"""The course website (``make site``): complete, built from stored outputs, offline, accessible.

The site is built once for this module into a temporary folder, from the lessons as committed.
The tests without a browser read the built HTML; those marked ``browser`` serve it on
127.0.0.1, open every page in Debian's Chromium (the recipe of tests/jupyterlab_browser.py),
refuse any request to another host, check every figure and run axe-core on every page. axe-core
comes from the npm registry into ``.node/`` (``make test`` and ``.ci/run`` install it).
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from jupyterlab_browser import BROKEN, chromium
from jupyterlab_browser import require_browser as _require_browser

from helpers.instructor.course import (
    binder_url,
    launch_guide_markdown,
    launch_readme_markdown,
    nbgitpuller_url,
    read_course_settings,
    read_manifest,
)
from helpers.instructor.site import WIDGET_NOTE, WIDGET_VIEW, build_site, stage_pages
from helpers.paths import course_root

ROOT = course_root()
LESSONS = [lesson for lesson in read_manifest() if lesson.get("ready", True)]
AXE = ROOT / ".node" / "node_modules" / "axe-core" / "axe.min.js"
EXAMPLE = {
    "repository": "https://github.com/example-owner/example-course",
    "branch": "spring-term",
    "jupyterhub": "https://hub.example.edu",
}
LAUNCH = re.compile(r"https?://[^\s\"'<>()\[\]`]+")


def launch_links(text: str) -> list[str]:
    """Every Binder or nbgitpuller address written anywhere in a text (HTML unescaped)."""
    found = LAUNCH.findall(html.unescape(text))
    return sorted(url for url in found if "mybinder.org/v2/" in url or "/git-pull?" in url)


def expected_links(settings: dict, notebooks: list[str]) -> list[str]:
    links = [binder_url(settings, nb) for nb in notebooks]
    links += [nbgitpuller_url(settings, nb) for nb in notebooks]
    return sorted(link for link in links if link)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("website") / "site")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# The pages and what is on them


def test_every_lesson_has_a_page_with_its_title_and_every_stored_figure(site):
    for lesson in LESSONS:
        page = _read(site / "notebooks" / lesson["file"].replace(".ipynb", ".html"))
        stored = (ROOT / "notebooks" / lesson["file"]).read_text(encoding="utf-8")
        assert html.escape(lesson["title"], quote=False) in page, lesson["file"]
        assert page.count("<img") == stored.count("<img"), lesson["file"]


def test_the_home_page_is_the_course_map_linking_every_lesson(site):
    home = _read(site / "index.html")
    assert "Course map" in home
    for lesson in LESSONS:
        target = "notebooks/" + lesson["file"].replace(".ipynb", ".html")
        assert f'href="{target}"' in home, f"the course map does not link {target}"


def test_the_instructor_guide_data_dictionary_and_search_are_on_the_site(site):
    assert "Instructor guide" in _read(site / "INSTRUCTORS.html")
    assert "sources.csv" in _read(site / "data" / "README.html")
    assert (site / "search.html").exists() and (site / "searchindex.js").exists()
    assert "coalition" in _read(site / "searchindex.js")


def test_widgets_show_their_text_and_say_they_run_in_jupyterlab(site):
    with_widgets = 0
    for lesson in LESSONS:
        nb = nbformat.read(ROOT / "notebooks" / lesson["file"], as_version=4)
        texts = [
            output["data"]["text/plain"]
            for cell in nb.cells
            for output in cell.get("outputs", [])
            if WIDGET_VIEW in output.get("data", {})
        ]
        page = _read(site / "notebooks" / lesson["file"].replace(".ipynb", ".html"))
        assert "widget-view+json" not in page and "Loading widget" not in page
        assert page.count(html.escape(WIDGET_NOTE)) == len(texts), lesson["file"]
        for text in texts:
            assert html.escape(text) in page, f"{lesson['file']}: widget text {text!r} missing"
        with_widgets += bool(texts)
    assert with_widgets >= 3  # the rating form (02, 08), the ACH matrix (06), the progress bar


def test_no_page_loads_a_script_style_font_or_image_from_another_site(site):
    resource = re.compile(
        r"<(?:script|link|img|iframe|source|audio|video)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"", re.I
    )
    for page in _pages(site):
        for url in resource.findall(_read(page)):
            assert not re.match(r"(?:https?:)?//", url), f"{page.name} loads {url}"
    for sheet in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", _read(sheet)), sheet.name


# Launch links: one setting, nothing typed by hand


def test_readme_and_instructor_guide_hold_exactly_the_generated_launch_links():
    settings = read_course_settings()
    readme = _read(ROOT / "README.md")
    guide = _read(ROOT / "INSTRUCTORS.md")
    assert launch_links(readme) == expected_links(settings, [LESSONS[0]["file"]])
    assert launch_links(guide) == expected_links(settings, [x["file"] for x in LESSONS])
    has_badge = "mybinder.org/badge_logo.svg" in readme
    assert has_badge == bool(settings["repository"])
    if not settings["repository"]:
        assert "`[course]` table of `notebooks/course.toml`" in readme


def test_every_site_page_holds_exactly_the_generated_launch_links(site):
    settings = read_course_settings()
    first = [LESSONS[0]["file"]]
    for page in _pages(site):
        name = page.relative_to(site).as_posix()
        lesson = [x["file"] for x in LESSONS if name == f"notebooks/{x['file'][:-6]}.html"]
        wanted = {
            "index.html": first,
            "INSTRUCTORS.html": [x["file"] for x in LESSONS],
        }.get(name, lesson)
        assert launch_links(_read(page)) == expected_links(settings, wanted), name
        if lesson:
            assert "Run this lesson" in _read(page)
            assert settings["repository"] or "notebooks/course.toml" in _read(page)


def test_a_set_repository_reaches_every_place_and_only_as_generated(tmp_path):
    files = [x["file"] for x in LESSONS]
    assert launch_links(launch_readme_markdown(EXAMPLE)) == [binder_url(EXAMPLE)]
    assert launch_links(launch_guide_markdown(EXAMPLE, LESSONS)) == expected_links(EXAMPLE, files)
    assert len(expected_links(EXAMPLE, files)) == 2 * len(files)
    stage_pages(tmp_path, EXAMPLE)
    for lesson in files:
        staged = _read(tmp_path / "notebooks" / lesson)
        assert launch_links(staged) == expected_links(EXAMPLE, [lesson])
    assert launch_links(_read(tmp_path / "index.md")) == expected_links(EXAMPLE, files[:1])


def test_without_a_hub_only_binder_links_are_made(tmp_path):
    binder_only = {**EXAMPLE, "jupyterhub": ""}
    stage_pages(tmp_path, binder_only)
    staged = _read(tmp_path / "notebooks" / LESSONS[1]["file"])
    assert launch_links(staged) == [binder_url(binder_only, LESSONS[1]["file"])]


# In a real browser


@contextlib.contextmanager
def _serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(site):
    _require_browser()
    pytest.importorskip("playwright")
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing in CI: `make test` should have installed it")
        pytest.skip("needs axe-core: npm install --prefix .node axe-core (make test does it)")
    with _serve(site) as url, chromium() as browser:
        yield url, browser


FIGURES_JS = """async () => Promise.all([...document.images].map(async img => {
    try { await img.decode(); } catch (e) {}
    return {alt: img.getAttribute('alt') || '', width: img.naturalWidth,
            src: img.src.slice(0, 60)};
}))"""
DARK_JS = """() => { document.documentElement.dataset.mode = 'dark';
    document.documentElement.dataset.theme = 'dark'; }"""
AXE_JS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), first `
              + v.nodes[0].target.join(' ') + ' ' + v.nodes[0].html.slice(0, 160))"""


def _open(browser, url: str, path: str):
    """Open a page; return it and the list of requests that tried to leave 127.0.0.1."""
    here = urlsplit(url).netloc
    outside: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def guard(route):
        target = urlsplit(route.request.url)
        if target.scheme in ("http", "https", "ws", "wss") and target.netloc != here:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/{path}", wait_until="load", timeout=120_000)  # every script, style, image
    page.evaluate("() => document.fonts.ready.then(() => true)")
    # The theme fades colours when the mode changes: measure contrast after, never half-way.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    return page, outside, errors


@pytest.mark.browser
def test_every_page_loads_only_from_the_site_with_figures_and_no_serious_axe_violation(
    site, served
):
    url, browser = served
    pages = [p.relative_to(site).as_posix() for p in _pages(site)]
    figures = 0
    problems: list[str] = []
    for path in pages:
        page, outside, errors = _open(browser, url, path)
        try:
            problems += [f"{path}: requested {u}" for u in outside]
            problems += [f"{path}: script error {e}" for e in errors]
            shown = page.inner_text("body")
            problems += [f"{path}: shows {b!r}" for b in BROKEN if b in shown]
            for image in page.evaluate(FIGURES_JS):
                figures += 1
                if image["width"] <= 0:
                    problems.append(f"{path}: the image {image['src']}… did not load")
                if not image["alt"].strip():
                    problems.append(f"{path}: the image {image['src']}… has no alt text")
            page.add_script_tag(path=str(AXE))
            problems += [f"{path}: {v}" for v in page.evaluate(AXE_JS)]
            page.evaluate(DARK_JS)  # the theme's switch, as a reader who prefers dark uses it
            problems += [f"{path} (dark): {v}" for v in page.evaluate(AXE_JS)]
        finally:
            page.close()
    print(f"site: {len(pages)} pages, {figures} figures checked")
    assert problems == [], "\n".join(problems)
    stored = sum((ROOT / "notebooks" / x["file"]).read_text().count("<img") for x in LESSONS)
    assert figures >= stored > 0


@pytest.mark.browser
def test_search_finds_lessons_offline(served):
    url, browser = served
    page, outside, errors = _open(browser, url, "search.html?q=corroboration")
    try:
        results = page.locator("#search-results a")
        results.first.wait_for(timeout=30_000)
        found = " ".join(results.all_inner_texts())
        assert "Claims and corroboration" in found
        assert outside == [] and errors == []
    finally:
        page.close()
