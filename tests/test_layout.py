"""The package's shape: its imports form no cycle, building never imports the Jekyll
importer, tests build sites one way, and names that tie modules are spelled once."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "dassco_ext"
ROOTS = Path(__file__).parent / "roots"


def modules() -> list[str]:
    """Every module of the package, as a path relative to it (``page/hero.py``)."""
    return [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*.py"))]


# --- imports ---------------------------------------------------------------------------------


def _module_name(relative: str) -> str:
    parts = ["dassco_ext", *relative.removesuffix(".py").split("/")]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, *, top_level: bool) -> list[ast.Import | ast.ImportFrom]:
    """Import statements that run when the module is imported (``top_level``: module body,
    ``if``/``try`` blocks, not ``if TYPE_CHECKING:``), or every import statement."""
    if not top_level:
        return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack += node.body + node.orelse
        elif isinstance(node, ast.Try):
            stack += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
    return found


def import_graph(*, top_level: bool) -> dict[str, set[str]]:
    """``module -> the dassco_ext modules it imports``: ``from .page import hero, links``
    gives both submodules; ``from .pipeline import X`` gives ``dassco_ext.pipeline``.
    Importing a submodule also runs its package's ``__init__``; those implicit edges are
    left out (Python resolves them)."""
    names = {_module_name(m) for m in modules()}
    graph: dict[str, set[str]] = {}
    for relative in modules():
        name = _module_name(relative)
        package = name if relative.endswith("__init__.py") else name.rsplit(".", 1)[0]
        tree = ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))
        targets = set()
        for node in _imports(tree, top_level=top_level):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            else:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
                found = [
                    f"{module}.{alias.name}" if f"{module}.{alias.name}" in names else module
                    for alias in node.names
                ]
            targets.update(target for target in found if target in names and target != name)
        graph[name] = targets
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("top_level", [True, False], ids=["at-import-time", "with-lazy-imports"])
def test_no_import_cycle(top_level):
    """No cycle among the imports a module runs when it is imported (a cycle there fails or
    hands out a half-initialised module, depending on who is imported first), nor when the
    imports inside functions are counted too: a lazy import is there to defer a heavy
    dependency, never to hide a cycle between two of the package's own modules."""
    graph = import_graph(top_level=top_level)
    assert "dassco_ext.page.frontmatter" in graph["dassco_ext.page.hero"]  # the graph sees relative imports
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_only_the_importer_imports_the_importer():
    """The Jekyll importer is its own area: no module outside ``dassco_ext/jekyll/`` imports
    it, even lazily (the ``dassco`` command names it by its module's name)."""
    graph = import_graph(top_level=False)
    outside = {
        module: sorted(t for t in targets if t.startswith("dassco_ext.jekyll"))
        for module, targets in graph.items()
        if not module.startswith("dassco_ext.jekyll")
    }
    assert not {m: t for m, t in outside.items() if t}


def test_a_build_never_imports_the_importer(tmp_path):
    """A whole build, in a fresh interpreter, leaves no module of the importer loaded."""
    script = (
        "import sys\n"
        "from sphinx.cmd.build import main\n"
        f"status = main(['-q', '-b', 'html', {str(ROOTS / 'test-buttons')!r}, {str(tmp_path / 'out')!r}])\n"
        "print(status, sorted(m for m in sys.modules if m.startswith('dassco_ext.jekyll')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr


# --- tests ---------------------------------------------------------------------------------


def test_tests_build_sites_one_way():
    """Sites are built by Sphinx's ``make_app`` fixture or ``dassco_ext.testing`` (which cleans
    up after itself); no test module makes its own ``SphinxTestApp``."""
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "tests").rglob("*.py"))
        if "SphinxTestApp" + "(" in path.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders


# --- names one module hands another ----------------------------------------------------------


@pytest.mark.parametrize("constant", ["FRONT_MATTER_KEY", "FRONT_MATTER_MSGID", "HERO_IMAGE_CLASS", "FRONT_MATTER_DATA"])
def test_shared_names_are_spelled_once(constant):
    """A node attribute, class or per-page key that ties modules is written out only in
    pipeline.py; every other module uses the constant (a typo is then an AttributeError)."""
    from dassco_ext import pipeline

    value = getattr(pipeline, constant)
    spelled = [
        m
        for m in modules()
        if m != "pipeline.py"
        and re.search(rf"[\"']{re.escape(value)}[\"']|\b{re.escape(value)}=", (PACKAGE / m).read_text(encoding="utf-8"))
    ]
    assert not spelled, f"{value!r} written out in {spelled}: use pipeline.{constant}"


def test_transforms_have_distinct_priorities():
    """Transforms ordered by their priorities alone, never by the order they were registered."""
    from dassco_ext import pipeline

    reading = ["BUILD_HERO", "TRANSLATE_FRONT_MATTER", "SAFE_TRANSLATIONS",
               "LOCALE", "MARK_SOURCE_LANGUAGE", "UNSAFE_LINKS", "ATTR_LISTS", "SITE_LINKS", "RAW_IMAGES"]
    values = [getattr(pipeline, name) for name in reading]
    assert values == sorted(set(values)), dict(zip(reading, values, strict=True))
