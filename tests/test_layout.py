"""The package's shape: the README and ``__init__.py`` describe the tree as it is, no module
is over about 400 lines, imports form no cycle, and tests build sites one way."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "dassco_ext"

#: A module stays under about this many lines (the issue: "no module over about 400 lines").
MAX_LINES = 400
#: Known exceptions, each to be split (not to grow). pdf/builder.py: other work was editing it
#: when the limit came in; it is split after that work is merged.
OVERSIZED: dict[str, int] = {}  # module -> its size, for a module that must wait to be split


def modules() -> list[str]:
    """Every module of the package, as a path relative to it (``page/hero.py``); an empty
    ``__init__.py`` of a subpackage is the subpackage itself, not a module to describe."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py" and path.parent != PACKAGE and not path.read_text(encoding="utf-8").strip():
            continue
        found.append(relative)
    return found


def readme_tree() -> dict[str, str]:
    """The README's layout block: ``{"page/hero.py": "the hero header", "page/": ...}``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(\s*dassco_ext/\n.*?)\s*```", layout, flags=re.DOTALL)
    assert block, "README's Layout has no ```text block with the dassco_ext/ tree"
    lines = block[1].splitlines()
    base = len(lines[0]) - len(lines[0].lstrip())
    entries: dict[str, str] = {}
    parents: list[str] = []
    for line in lines[1:]:
        match = re.match(r"(?P<indent> *)(?P<name>\S+)(?: +(?P<text>.*))?$", line)
        assert match, line
        depth = (len(match["indent"]) - base) // 2
        if depth > len(parents) + 1:  # a description's second line, under the first
            continue
        assert depth >= 1 and re.fullmatch(r"[\w.]+/?", match["name"]), f"README layout: {line!r}"
        parents = parents[: depth - 1]
        path = "".join(parents) + match["name"]
        entries[path] = match["text"] or ""
        if match["name"].endswith("/"):
            parents.append(match["name"])
    return entries


def test_readme_names_every_module():
    named = readme_tree()
    missing = [module for module in modules() if module not in named]
    assert not missing, f"modules the README's Layout does not name (one line each): {missing}"


def test_readme_names_nothing_that_is_not_there():
    named = readme_tree()
    gone = [path for path in named if not (PACKAGE / path).exists()]
    assert not gone, f"the README's Layout names what dassco_ext/ does not have: {gone}"
    data = ("static", "templates", "fonts", "locale")  # named as a whole, not folder by folder
    folders = {
        path.relative_to(PACKAGE).as_posix() + "/"
        for path in PACKAGE.rglob("*")
        if path.is_dir() and path.name != "__pycache__"
        and (path.parent == PACKAGE or path.relative_to(PACKAGE).parts[0] not in data)
    }
    assert folders <= set(named), f"folders the README's Layout does not name: {sorted(folders - set(named))}"
    assert all(text for text in named.values()), "every line says what it holds"


def test_init_docstring_names_every_module():
    import dassco_ext

    doc = dassco_ext.__doc__ or ""
    for module in modules():
        if module == "__init__.py":
            continue
        dotted = "." + module.removesuffix(".py").replace("/", ".")
        assert re.search(rf"[`~]{re.escape(dotted)}`", doc), f"dassco_ext/__init__.py's docstring does not name {dotted}"


def test_no_module_is_over_the_size_limit():
    sizes = {module: len((PACKAGE / module).read_text(encoding="utf-8").splitlines()) for module in modules()}
    over = {m: n for m, n in sizes.items() if n > OVERSIZED.get(m, MAX_LINES)}
    assert not over, f"modules over {MAX_LINES} lines (split them by concern): {over}"
    stale = [m for m in OVERSIZED if sizes.get(m, 0) <= MAX_LINES]
    assert not stale, f"no longer oversized, drop from OVERSIZED: {stale}"


# --- imports ---------------------------------------------------------------------------------

def _module_name(relative: str) -> str:
    parts = ["dassco_ext", *relative.removesuffix(".py").split("/")]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, *, top_level: bool) -> list[ast.Import | ast.ImportFrom]:
    """Import statements that run when the module is imported (``top_level``: module body,
    ``if``/``try`` blocks, not ``if TYPE_CHECKING:``), or every import statement."""
    if not top_level:
        return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    found: list[ast.Import | ast.ImportFrom] = []
    stack = list(tree.body)  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack += node.body + node.orelse
        elif isinstance(node, ast.Try):
            stack += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
    return found


def import_graph(*, top_level: bool) -> dict[str, set[str]]:
    """``module -> the dassco_ext modules it imports``. Importing a submodule also runs its
    package's ``__init__``; those implicit edges are left out (Python resolves them), so
    ``dassco_ext``, which imports every module to register it, is a node only where a
    module imports a name from it."""
    names = {_module_name(m): m for m in modules()} | {"dassco_ext." + p.name: "" for p in PACKAGE.iterdir() if p.is_dir()}
    graph: dict[str, set[str]] = {}
    for relative in modules():
        name = _module_name(relative)
        package = name if relative.endswith("__init__.py") else name.rsplit(".", 1)[0]
        tree = ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))
        targets = set()
        for node in _imports(tree, top_level=top_level):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    module = f"{base}.{node.module}" if node.module else base
                else:
                    module = node.module or ""
                candidates = [f"{module}.{alias.name}" for alias in node.names] + [module]
            for candidate in candidates:
                if candidate in names and candidate != name:
                    targets.add(candidate)
                    break
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
                return path[path.index(target):] + [target]
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
    assert "dassco_ext.page.reading" in graph["dassco_ext.page.hero"]  # the graph sees relative imports
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


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
    spelled = [m for m in modules() if m != "pipeline.py"
               and re.search(rf"[\"']{re.escape(value)}[\"']|\b{re.escape(value)}=", (PACKAGE / m).read_text(encoding="utf-8"))]
    assert not spelled, f"{value!r} written out in {spelled}: use pipeline.{constant}"
