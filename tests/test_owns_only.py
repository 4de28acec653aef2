"""dassco-ext changes only what it owns, during a build too.

Read in its code: no attribute of another package's module or class assigned, no
``codecs.register``, no ``os.environ`` write, no ``gc`` outside the build workers (``cli/``),
no private attribute of another package, no module-level cache or other module state.
Measured in a process: a dassco-ext build leaves the interpreter (other packages' modules and
classes, ``os.environ``, codecs, gc, loggers, gettext) as a plain-stack build does, while it
runs and after it.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "dassco_ext"

#: Known findings, as ``(path, rule)``: removed by the other areas' changes.
ALLOWED: frozenset[tuple[str, str]] = frozenset()

ENVIRON_WRITES = {"pop", "popitem", "clear", "update", "setdefault", "__setitem__", "__delitem__"}
MUTATORS = {
    "append",
    "extend",
    "insert",
    "add",
    "update",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "remove",
    "discard",
    "__setitem__",
    "appendleft",
}
MUTABLE_CALLS = {
    "dict",
    "list",
    "set",
    "defaultdict",
    "OrderedDict",
    "deque",
    "Counter",
    "WeakKeyDictionary",
    "WeakValueDictionary",
    "WeakSet",
}
CACHE_DECORATORS = {"lru_cache", "cache"}
LOGGER_CHANGES = {"setLevel", "addHandler", "removeHandler", "addFilter", "removeFilter", "disable"}
#: Names of objects of Sphinx and Jinja a build hands its extensions: what an extension adds
#: to them is named ``dassco_*``, and it replaces nothing of theirs.
SPHINX_OBJECTS = {"app", "env", "builder", "registry", "events", "templates", "environment"}


def _dotted(node: ast.AST) -> str:
    """``a.b.c`` of a Name/Attribute chain ('' when it is something else)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


class Rules(ast.NodeVisitor):
    """Every finding of one module, as ``(line, rule)``."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.in_workers = "cli" in path.relative_to(PACKAGE).parts[:-1]
        self.foreign: set[str] = set()  # names bound to other packages' modules, classes, functions
        self.own: set[str] = set()  # names the module defines itself
        self.module_level: dict[str, ast.AST] = {}
        self.found: list[tuple[int, str]] = []
        for node in tree.body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                self.own.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Name) and node.value is not None:
                        self.module_level[target.id] = node.value
                        self.own.add(target.id)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                self.foreign.update(
                    (a.asname or a.name).split(".")[0] for a in node.names if not a.name.startswith("dassco_ext")
                )
            elif (
                isinstance(node, ast.ImportFrom) and not node.level and not (node.module or "").startswith("dassco_ext")
            ):
                self.foreign.update(a.asname or a.name for a in node.names)
        self.mutated: set[str] = set()
        self.loggers: dict[str, str] = {}  # names bound to other packages' loggers

    def report(self, node: ast.AST, rule: str) -> None:
        self.found.append((node.lineno, rule))

    def _is_foreign(self, node: ast.AST) -> bool:
        root = _root(node)
        return isinstance(root, ast.Name) and root.id in self.foreign

    def _assigned(self, target: ast.AST) -> None:
        if isinstance(target, ast.Attribute):
            if _private(target.attr) and not (
                isinstance(target.value, ast.Name) and target.value.id in {"self", "cls"} | self.own
            ):  # whatever object it is (a translator from a lookup, a loop variable), not its own
                self.report(target, f"assigns the private attribute {target.attr} of an object it does not own")
            if self._is_foreign(target.value) and _dotted(target.value):
                self.report(target, f"assigns {_dotted(target)} of another package")
            elif isinstance(target.value, ast.Name) and target.value.id in self.own - set(self.module_level):
                self.report(target, f"module state: assigns {_dotted(target)}")
            elif _dotted(target.value).rsplit(".", 1)[-1] in SPHINX_OBJECTS and not target.attr.startswith("dassco_"):
                self.report(target, f"replaces {_dotted(target)} of Sphinx")
        elif isinstance(target, ast.Subscript):
            if _dotted(target.value) == "os.environ":
                self.report(target, "writes os.environ")
            name = _root(target)
            if isinstance(name, ast.Name):
                self.mutated.add(name.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._assigned(element)

    def _other_logger(self, node: ast.AST) -> str | None:
        """The name of the logger of another package ``node`` is (a call or a name bound to one)."""
        if isinstance(node, ast.Name):
            return self.loggers.get(node.id)
        if isinstance(node, ast.Call) and _dotted(node.func).rsplit(".", 1)[-1] == "getLogger":
            name = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else ""
            return None if str(name).startswith("dassco") else str(name) or "root"
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._assigned(target)
            if isinstance(target, ast.Name) and (logger := self._other_logger(node.value)):
                self.loggers[target.id] = logger
            if (
                isinstance(target, ast.Attribute)
                and target.attr in ("level", "disabled", "propagate", "handlers")
                and (logger := self._other_logger(target.value))
            ):
                self.report(target, f"changes the logger {logger}")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._assigned(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._assigned(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._assigned(target)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self.report(node, f"module state: global {', '.join(node.names)}")

    def visit_Call(self, node: ast.Call) -> None:
        name = _dotted(node.func)
        if name in ("codecs.register", "codecs.unregister"):
            self.report(node, name)
        if name in ("os.putenv", "os.unsetenv") or (
            name.startswith("os.environ.") and name.rsplit(".", 1)[1] in ENVIRON_WRITES
        ):
            self.report(node, "writes os.environ")
        if name == "setattr" and node.args and self._is_foreign(node.args[0]) and _dotted(node.args[0]):
            self.report(node, f"assigns an attribute of {_dotted(node.args[0])} of another package")
        if name in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1:
            attr = node.args[1]
            if isinstance(attr, ast.Constant) and isinstance(attr.value, str) and _private(attr.value):
                self.report(node, f"private attribute {attr.value}")
        if isinstance(node.func, ast.Attribute) and node.func.attr in LOGGER_CHANGES:
            logger = self._other_logger(node.func.value)
            if logger:
                self.report(node, f"changes the logger {logger}")
        if isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            root = _root(node.func.value)
            if isinstance(root, ast.Name):
                self.mutated.add(root.id)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "gc" and not self.in_workers:
            self.report(node, f"gc.{node.attr} outside the build workers")
        if _private(node.attr) and not (
            isinstance(node.value, ast.Name) and node.value.id in ({"self", "cls"} | self.own)
        ):
            self.report(node, f"private attribute {node.attr}")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if _dotted(target).rsplit(".", 1)[-1] in CACHE_DECORATORS:
                self.report(node, f"module-level cache: {node.name}")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def caches(self) -> list[tuple[int, str]]:
        """Module-level containers the module changes after it is imported."""
        found = []
        for name, value in self.module_level.items():
            mutable = isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp) or (
                isinstance(value, ast.Call) and _dotted(value.func).rsplit(".", 1)[-1] in MUTABLE_CALLS
            )
            if mutable and name in self.mutated:
                found.append((value.lineno, f"module-level cache: {name}"))
        return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def findings() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rules = Rules(path, tree)
        for node in tree.body:  # mutations at import time build constants; later ones are state
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                rules.visit(node)
            else:
                before = set(rules.mutated)
                rules.visit(node)
                rules.mutated = before
        relative = path.relative_to(REPO).as_posix()
        found += [(relative, line, rule) for line, rule in rules.found + rules.caches()]
    return found


def test_the_package_changes_only_what_it_owns():
    found = findings()
    unexpected = [f"{path}:{line}: {rule}" for path, line, rule in found if (path, rule) not in ALLOWED]
    assert unexpected == [], "\n".join(unexpected)
    stale = ALLOWED - {(path, rule) for path, _line, rule in found}
    assert not stale, f"allowed but no longer found (remove them): {sorted(stale)}"


def _rules_of(source: str, path: str = "dassco_ext/page/example.py") -> list[str]:
    tree = ast.parse(source)
    rules = Rules(REPO / path, tree)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            rules.visit(node)
        else:
            before = set(rules.mutated)
            rules.visit(node)
            rules.mutated = before
    return [rule for _line, rule in rules.found + rules.caches()]


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        (
            "import sphinx.cmd.build\ndef f(x):\n    sphinx.cmd.build.Sphinx = x\n",
            "assigns sphinx.cmd.build.Sphinx of another package",
        ),
        (
            "from sphinx.builders.html import StandaloneHTMLBuilder as B\ndef f(x):\n    setattr(B, 'x', x)\n",
            "assigns an attribute of B of another package",
        ),
        ("import codecs\ndef f(s):\n    codecs.register(s)\n", "codecs.register"),
        ("import os\ndef f():\n    del os.environ['X']\n", "writes os.environ"),
        ("import os\ndef f():\n    os.environ.pop('X', None)\n", "writes os.environ"),
        ("import gc\ndef f():\n    gc.freeze()\n", "gc.freeze outside the build workers"),
        ("import gettext\ndef f():\n    gettext._translations.clear()\n", "private attribute _translations"),
        ("def f(t):\n    return t._catalog\n", "private attribute _catalog"),
        ("def f(t):\n    return getattr(t, '_catalog')\n", "private attribute _catalog"),
        (
            "from sphinx import locale\ndef f():\n    t = locale.translators.get('x')\n"
            "    while t is not None:\n        t._catalog = {}\n        t = t._fallback\n",
            "assigns the private attribute _catalog of an object it does not own",
        ),
        ("def f(t):\n    del t._catalog\n", "assigns the private attribute _catalog of an object it does not own"),
        ("_SEEN: dict = {}\ndef f(k):\n    _SEEN[k] = 1\n", "module-level cache: _SEEN"),
        (
            "import weakref\n_M = weakref.WeakKeyDictionary()\ndef f(k):\n    _M.setdefault(k, 1)\n",
            "module-level cache: _M",
        ),
        ("import functools\n@functools.lru_cache\ndef f(k):\n    return k\n", "module-level cache: f"),
        ("class S:\n    on = False\ndef f():\n    S.on = True\n", "module state: assigns S.on"),
        ("N = 0\ndef f():\n    global N\n    N += 1\n", "module state: global N"),
        ("def f(app, t):\n    app.builder.templates = t\n", "replaces app.builder.templates of Sphinx"),
        (
            "def f(environment, t):\n    environment.template_class = t\n",
            "replaces environment.template_class of Sphinx",
        ),
        (
            "import logging\ndef f():\n    logging.getLogger('weasyprint').setLevel(50)\n",
            "changes the logger weasyprint",
        ),
        (
            "import logging as l\ndef f():\n    w = l.getLogger('weasyprint')\n    w.propagate = False\n",
            "changes the logger weasyprint",
        ),
    ],
)
def test_each_rule_finds_what_it_names(source, rule):
    assert rule in _rules_of(source)


@pytest.mark.parametrize(
    "source",
    [
        "TABLE = {'a': 1}\nTABLE['b'] = 2\ndef f(k):\n    return TABLE[k]\n",  # a constant built at import
        "class C:\n    def __init__(self):\n        self._x = {}\n    def f(self, k):\n        self._x[k] = 1\n",
        "def f(app):\n    app.dassco_records = {}\n",  # what lives for a build lives on the app
        "import gc\ndef f():\n    gc.freeze()\n",  # in the build workers (path below)
    ],
)
def test_what_the_rules_allow(source):
    assert _rules_of(source, "dassco_ext/cli/example.py") == []


# --- measured in a process (tests/interpreter_probe.py) ----------------------------------------


def test_a_build_leaves_the_interpreter_as_a_plain_build_does(tmp_path):
    dassco = REPO / "tests" / "roots" / "test-i18n"
    plain = tmp_path / "plain"
    shutil.copytree(dassco, plain)
    (plain / "conf.py").write_text(
        'project = "Plain"\nextensions = ["myst_parser", "sphinx_design"]\nhtml_theme = "pydata_sphinx_theme"\n'
        'exclude_patterns = ["_build"]\nlocale_dirs = ["locale"]\ngettext_compact = False\n',
        encoding="utf-8",
    )
    srcdir = tmp_path / "dassco"
    shutil.copytree(dassco, srcdir)
    probe = Path(__file__).with_name("interpreter_probe.py")
    done = subprocess.run(
        [sys.executable, str(probe), str(plain), str(srcdir), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == {
        "after",
        "env-before-read-docs",
        "doctree-read",
        "env-updated",
        "doctree-resolved",
        "html-page-context",
    }
    assert {point: changed for point, changed in result.items() if changed} == {}
