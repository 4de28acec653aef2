"""Page titles are text wherever the theme shows them.

Sphinx renders titles through docutils' HTML writer (escaped) for ``<title>``, breadcrumbs,
previous/next, the sidebars' toctrees and the search index; but pydata-sphinx-theme builds
its header navigation (and its "More" menu) from ``node.astext()`` of each page's entry in
``env.titles`` (or a toctree entry's explicit title) and pastes it into HTML as it is
(``toctree.add_toctree_functions``: ``_generate_nav_info``). A front-matter ``title:
"<script>…</script>"`` — or its translation — would be markup on every page of the site.

The theme's ``generate_header_nav_html`` is wrapped (on ``html-page-context``, after the
theme has put it into the context): while it runs, it sees the titles (and the root
toctree's explicit entry titles) HTML-escaped, so what it pastes is text. Only titles that
hold ``& < > " '`` are swapped, and nothing outlives the call.
"""

from __future__ import annotations

import contextlib
import html
import weakref
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .. import pipeline

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_SPECIAL = frozenset("&<>\"'")


def _needs_escape(text: str) -> bool:
    return not _SPECIAL.isdisjoint(text)


def _escaped_title(title: nodes.Node) -> nodes.title:
    """A copy of a title whose text children are escaped (math kept as math, escaped too)."""
    copy = nodes.title()
    for child in title.children:
        if isinstance(child, nodes.math):
            copy += nodes.math(child.astext(), html.escape(child.astext()))
        else:
            copy += nodes.Text(html.escape(child.astext()))
    return copy


#: ``env -> (titles dict, its size, escaped copies of the titles that need it)``: computed
#: once per build, not once per page (a site's every page renders every title).
_CACHE: weakref.WeakKeyDictionary[Any, tuple[int, int, dict[str, nodes.title]]] = weakref.WeakKeyDictionary()


def _unsafe_titles(env: BuildEnvironment) -> dict[str, nodes.title]:
    titles = env.titles
    cached = _CACHE.get(env)
    if cached is not None and cached[0] == id(titles) and cached[1] == len(titles):
        return cached[2]
    unsafe = {name: _escaped_title(t) for name, t in titles.items() if _needs_escape(t.astext())}
    _CACHE[env] = (id(titles), len(titles), unsafe)
    return unsafe


#: ``env -> (the root page's toc, whether its toctrees' explicit titles need escaping)``
_ROOT_TOC: weakref.WeakKeyDictionary[Any, tuple[nodes.Node, bool]] = weakref.WeakKeyDictionary()


def _toc_needs_escape(env: BuildEnvironment, root_toc: nodes.Node) -> bool:
    cached = _ROOT_TOC.get(env)
    if cached is not None and cached[0] is root_toc:
        return cached[1]
    needs = any(
        title is not None and _needs_escape(title)
        for toctree in root_toc.findall(addnodes.toctree)
        for title, _page in toctree.get("entries", [])
    )
    _ROOT_TOC[env] = (root_toc, needs)
    return needs


@contextlib.contextmanager
def escaped_titles(env: BuildEnvironment, root_doc: str) -> Iterator[None]:
    """While inside: ``env.titles`` and the root page's toctree entries HTML-escaped."""
    titles = env.titles
    unsafe = _unsafe_titles(env)
    root_toc = env.tocs.get(root_doc)
    toc_copy = None
    if root_toc is not None and _toc_needs_escape(env, root_toc):
        toc_copy = root_toc.deepcopy()
        for toctree in toc_copy.findall(addnodes.toctree):
            toctree["entries"] = [
                (html.escape(title) if title is not None else None, page)
                for title, page in toctree["entries"]
            ]
    if not unsafe and toc_copy is None:
        yield
        return
    env.titles = {**titles, **unsafe}
    if toc_copy is not None:
        env.tocs[root_doc] = toc_copy
    try:
        yield
    finally:
        env.titles = titles
        if toc_copy is not None:
            env.tocs[root_doc] = root_toc  # type: ignore[assignment]


def _safe(function: Callable[..., Any], app: Sphinx) -> Callable[..., Any]:
    def safe(*args: Any, **kwargs: Any) -> Any:
        with escaped_titles(app.env, app.config.root_doc):
            return function(*args, **kwargs)

    safe.__wrapped__ = function  # type: ignore[attr-defined]
    return safe


def wrap_theme_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """On ``html-page-context``, after the theme: its header navigation sees escaped titles."""
    function = context.get("generate_header_nav_html")
    if callable(function) and not hasattr(function, "__wrapped__"):
        context["generate_header_nav_html"] = _safe(function, app)


def _forget(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated`` (reading is done): titles may have changed since the last build."""
    _CACHE.pop(env, None)
    _ROOT_TOC.pop(env, None)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", wrap_theme_navigation, priority=pipeline.SAFE_THEME_TITLES)
    app.connect("env-updated", _forget)
