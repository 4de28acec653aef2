"""Run by tests/test_owns_only.py in a process of its own: ``python interpreter_probe.py PLAIN
DASSCO OUT`` builds the plain-stack site twice (the second is the reference; what differs between
the two is Sphinx's own doing), then the dassco-ext site, and prints as JSON what the dassco-ext
build changed beside the reference: after the build, and at the first of each event during it."""

from __future__ import annotations

import codecs
import gc
import gettext
import json
import logging
import os
import re
import sys
import types
from pathlib import Path

PREFIXES = (
    "sphinx",
    "docutils",
    "myst_parser",
    "jinja2",
    "pydata_sphinx_theme",
    "sphinx_design",
    "markdown_it",
    "mdit_py_plugins",
    "babel",
    "gettext",
    "codecs",
    "logging",
    "os",
    "gc",
)
EVENTS = ("env-before-read-docs", "doctree-read", "env-updated", "doctree-resolved", "html-page-context")
#: Changes made through public APIs: ``app.add_node`` (docutils' visitors learn the node's
#: name) and pickling (copyreg notes a class's slots).
PUBLIC_WAYS = re.compile(r"^module:docutils\.nodes:(Generic|Sparse)NodeVisitor\.(visit|depart)_|\.__slotnames__$")
registered: list[str] = []
_register = codecs.register
codecs.register = lambda search: (registered.append(repr(search)), _register(search))[1]  # the probe's own


def snapshot() -> dict[str, object]:
    state: dict[str, object] = {}
    for name, module in list(sys.modules.items()):
        if not isinstance(module, types.ModuleType) or name.split(".")[0] not in PREFIXES:
            continue
        state[f"module:{name}"] = id(module)
        for attr, value in list(vars(module).items()):
            state[f"module:{name}:{attr}"] = id(value)
            if isinstance(value, type) and value.__module__ == name:
                for class_attr, class_value in list(vars(value).items()):
                    state[f"module:{name}:{attr}.{class_attr}"] = id(class_value)
    state.update({f"environ:{k}": v for k, v in os.environ.items()})
    state["codecs:registered"] = list(registered)
    state["gc"] = [gc.isenabled(), gc.get_threshold(), gc.get_freeze_count() > 0, len(gc.callbacks)]
    for name, logger in [("", logging.getLogger()), *logging.root.manager.loggerDict.items()]:
        if isinstance(logger, logging.Logger):
            state[f"logger:{name}"] = [
                logger.level,
                logger.disabled,
                logger.propagate,
                [type(h).__name__ for h in logger.handlers],
                len(logger.filters),
            ]
    import sphinx.locale

    for name, table in (("gettext", gettext._translations), ("translators", sphinx.locale.translators)):
        for key, translation in list(table.items()):  # each catalog as loaded, never rewritten
            state[f"{name}:{key!r}"] = [id(translation), len(getattr(translation, "_catalog", {}))]
    return state


def build(srcdir: str, outdir: str) -> dict[str, dict[str, object]]:
    """The state after a build, and at the first of each event while it runs."""
    from dassco_ext.testing import new_app

    app = new_app(Path(srcdir), Path(outdir), confoverrides={"language": "da"})
    during: dict[str, dict[str, object]] = {}
    for event in EVENTS:
        app.connect(event, lambda *args, event=event: during.setdefault(event, snapshot()) and None, priority=999)
    try:
        app.build()
    finally:
        app.cleanup()
    return {"after": snapshot(), **during}


def differences(reference: dict[str, object], state: dict[str, object], noise: set[str]) -> list[str]:
    """What ``state`` changed of ``reference``: its values, and new attributes of its modules
    or new environment variables (new modules and catalogs are not changes)."""
    modules = {k for k in reference if k.startswith("module:") and k.count(":") == 1}
    keys = set(reference) | {
        k
        for k in state
        if k.startswith("environ:") or (k.startswith("module:") and ":".join(k.split(":")[:2]) in modules)
    }
    return sorted(
        f"{k}: {reference.get(k)!r} -> {state.get(k)!r}"
        for k in keys
        if k not in noise and reference.get(k) != state.get(k) and not PUBLIC_WAYS.search(k)
    )


if __name__ == "__main__":
    plain, dassco, out = sys.argv[1:4]
    warm = build(plain, out + "/warm")  # Sphinx and the theme imported, set up once
    again = build(plain, out + "/plain")
    ours = build(dassco, out + "/dassco")
    result = {}
    for point, reference in again.items():
        noise = {k for k in set(warm[point]) | set(reference) if warm[point].get(k) != reference.get(k)}
        result[point] = differences(reference, ours.get(point, {}), noise)
    print(json.dumps(result))
