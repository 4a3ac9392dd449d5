"""The layer map of ``helpers/``, kept true by a test.

Lower layers never import higher ones; only the notebook faces and the instructor's tools import
IPython, ipywidgets, matplotlib, otter or nbformat; no module reaches into another module's
private (``_underscore``) names; every module is on the map, declares ``__all__`` and stays under
900 lines. The same map is the docstring of ``helpers/__init__.py`` and CONTRIBUTING.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import helpers

PACKAGE = Path(helpers.__file__).resolve().parent

# Layer by layer, bottom first. A package (``network``, ``widgets``, ``instructor``) stands for
# every module in it.
LAYERS: list[tuple[str, set[str]]] = [
    ("ground", {"paths", "files", "latest"}),
    (
        "sources",
        {
            "corpus",
            "decoding",
            "spans",
            "scales",
            "lexicon",
            "sentences",
            "page_patterns",
            "palette",
        },
    ),
    (
        "analysis",
        {
            "segments",
            "metadata",
            "speakers",
            "quotations",
            "tables",
            "reliability",
            "annotations",
            "agreement",
            "attribution",
            "actors",
            "claims",
            "reuse",
            "fakes",
            "labels",
            "answers",
        },
    ),
    ("combined", {"network", "perspectives", "hypotheses", "outlets", "pipeline"}),
    ("faces", {"display", "plotting", "widgets", "exercises"}),
    ("instructor", {"instructor"}),
]
FACE_ONLY = ("IPython", "ipywidgets", "matplotlib", "otter", "nbformat")
FACE_LAYERS = {"faces", "instructor"}
MAX_LINES = 900


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name, ``helpers.x`` or ``helpers.pkg.y``."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _top(name: str) -> str:
    """The map entry a dotted module name falls under: ``helpers.network.graphs`` → network."""
    return name.split(".")[1] if name.count(".") else ""


def layer_of(name: str) -> int:
    top = _top(name)
    for index, (_, members) in enumerate(LAYERS):
        if top in members:
            return index
    raise KeyError(name)


def _imports(path: Path, module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [(base, alias.name, node.lineno) for alias in node.names]
    return found


def _internal(imported: str, name: str | None) -> str | None:
    """The helpers module an import refers to, or None for an outside package."""
    if not (imported == "helpers" or imported.startswith("helpers.")):
        return None
    if name and f"{imported}.{name}" in MODULES:
        return f"{imported}.{name}"
    return imported


NON_FACE = sorted(m for m in MODULES if m != "helpers")


def test_every_module_is_on_the_map():
    unmapped = []
    for module in NON_FACE:
        try:
            layer_of(module)
        except KeyError:
            unmapped.append(module)
    assert unmapped == [], "add these modules to LAYERS and to CONTRIBUTING.md"
    mapped = {m for _, members in LAYERS for m in members}
    assert mapped <= {_top(m) for m in NON_FACE}, "the map names a module that does not exist"


@pytest.mark.parametrize("module", NON_FACE)
def test_imports_point_down_the_map(module):
    mine = layer_of(module)
    upward = []
    for imported, name, line in _imports(MODULES[module], module):
        target = _internal(imported, name)
        if target and target != "helpers" and layer_of(target) > mine:
            upward.append(f"line {line}: {target} ({LAYERS[layer_of(target)][0]})")
    assert upward == [], f"{module} ({LAYERS[mine][0]}) imports upward"


def test_the_module_graph_has_no_cycles():
    graph = nx.DiGraph()
    for module in NON_FACE:
        for imported, name, _ in _imports(MODULES[module], module):
            target = _internal(imported, name)
            if target and target not in {"helpers", module} and not module.startswith(target):
                graph.add_edge(module, target)
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize("module", NON_FACE)
def test_only_faces_and_instructor_tools_import_notebook_libraries(module):
    if LAYERS[layer_of(module)][0] in FACE_LAYERS:
        return
    found = [
        f"line {line}: {imported}"
        for imported, _, line in _imports(MODULES[module], module)
        if imported.split(".")[0] in FACE_ONLY
    ]
    assert found == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_another_modules_private_names(module):
    private = []
    for imported, name, line in _imports(MODULES[module], module):
        target = _internal(imported, name)
        if target and name and name.startswith("_") and not name.startswith("__"):
            private.append(f"line {line}: {target}.{name}")
    assert private == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_declares_all_and_stays_small(module):
    text = MODULES[module].read_text(encoding="utf-8")
    tree = ast.parse(text)
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names |= {target.id for target in targets if isinstance(target, ast.Name)}
    assert "__all__" in names, f"{module} has no __all__"
    assert len(text.splitlines()) <= MAX_LINES


def test_the_package_docstring_names_every_module_on_the_map():
    doc = helpers.__doc__ or ""
    missing = sorted({_top(m) for m in NON_FACE} - {w.strip("`,.;:") for w in doc.split()})
    assert missing == [], "helpers/__init__.py's layer map leaves these out"


def test_contributing_lists_every_module_in_its_layer():
    guide = (PACKAGE.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(PACKAGE.parent))
        for module, path in MODULES.items()
        if module != "helpers" and f"`{path.relative_to(PACKAGE.parent)}`" not in guide
    ]
    assert missing == [], "add these modules to the map in CONTRIBUTING.md"
