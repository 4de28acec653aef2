"""Old URLs (front-matter ``aliases``, a ``permalink`` that is not the page's own path)
redirected by sphinx-reredirects: handed to its ``redirects`` setting on ``html-collect-pages``.

With ``dassco_alias_redirects = "site-root"`` aliases are read from the site root beside the
``<lang>/`` folders. A path a page or an output of Sphinx already holds gets a warning, no redirect.
"""

from __future__ import annotations

import contextlib
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import get_config
from ..i18n.languages import site_languages
from ..paths import TEMPLATES_DIR
from ..warnings_ import DasscoWarnings, error, warn
from .filepaths import look, path_fault
from .records import PagesDomain, domain_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


#: First path segments that Sphinx, the theme and the extensions write at an output's root.
RESERVED = frozenset(
    {"_static", "_images", "_sources", "_downloads", "_modules", "genindex", "search"}
    | {"py-modindex", "objects.inv", "searchindex.js", "404", "sitemap.xml", "news.xml"}
)
_BUILDERS = ("html", "dirhtml")


def _own_paths(docname: str, root_doc: str) -> set[str]:
    """The paths a page answers at inside its language: ``x/index`` is ``x`` too."""
    paths = {docname, docname.removesuffix("/index")}
    return paths | {""} if docname in (root_doc, "index") else paths


def _site_root(env: BuildEnvironment) -> str:
    """The folder of this build's output seen from where aliases are read (``""``: the same)."""
    if get_config(env.config).alias_redirects == "outdir":
        return ""
    return env.config.language or site_languages(env.config)[0]


def page_paths(env: BuildEnvironment, *, permalinks: bool = True) -> dict[str, str]:
    """``path -> docname`` of every path a page (or a permalink) answers at, from where aliases
    are read (with ``site-root``: under each language's folder, and the root itself)."""
    domain = domain_of(env, PagesDomain)
    inside = {
        p: d
        for d in sorted(env.found_docs, reverse=True)
        for p in _own_paths(d, env.config.root_doc)
    }
    if permalinks:
        inside.update({p: d for p, d in domain.permalinks().items() if p not in inside})
    if not _site_root(env):
        return inside
    return {"": env.config.root_doc} | {
        posixpath.join(lang, p).rstrip("/"): d
        for lang in site_languages(env.config)
        for p, d in inside.items()
    }


def aliases(env: BuildEnvironment, *, report: bool) -> dict[str, str]:
    """``path -> docname`` of this build's aliases; each taken path left out (an error if asked)."""
    domain = domain_of(env, PagesDomain)
    languages, site_root = site_languages(env.config), _site_root(env)
    language = env.config.language or languages[0]
    claims: dict[str, list[tuple[str, str]]] = {}
    for docname in sorted(d for d in domain.pages if d in env.found_docs):
        for lang, path in domain.pages[docname].aliases:
            if site_root or (lang or languages[0]) == language:
                claims.setdefault(path, []).append((docname, lang or languages[0]))
    taken, found = page_paths(env), {}
    for path, owners in sorted(claims.items()):
        (first, lang), (last, _lang) = owners[0], owners[-1]
        if all(owner_lang != language for _d, owner_lang in owners) or not path:
            continue
        if len(owners) > 1:
            if report:
                files = " and ".join(f"{env.doc2path(d, False)}" for d, _lang in owners)
                error(
                    DasscoWarnings.ALIAS,
                    f"alias '/{path}' is claimed by {len(owners)} pages: {files}; "
                    "no redirect is written for it",
                    (last, domain.record(last).aliases_line),
                )
        elif taken.get(path, first) != first:
            if report:
                error(
                    DasscoWarnings.ALIAS,
                    f"alias '/{path}' of {env.doc2path(first, False)} is the path of the "
                    f"page {env.doc2path(taken[path], False)}; no redirect is written for it",
                    (first, domain.record(first).aliases_line),
                )
        elif path not in taken:
            found[path] = first
    return found


def _extra_names(app: Sphinx) -> set[str]:
    """The names ``html_extra_path`` copies to the output's root (``robots.txt``...): outputs
    too."""
    names: set[str] = set()
    for folder in app.config.html_extra_path:
        with contextlib.suppress(OSError):
            names.update(entry.name for entry in (Path(app.confdir) / folder).iterdir())
    return names


def _blocked(app: Sphinx, path: str, source: str) -> str | None:
    """Why a redirect at ``path`` (``source`` from the output root) cannot be written, if so:
    the one rule for every name the site writes beside its pages."""
    parts = path.split("/")
    first = parts[parts[0] in site_languages(app.config) and len(parts) > 1]  # en/_static too
    if first.removesuffix(".html") in RESERVED or first[:1] == "." or first in _extra_names(app):
        return f"an output of Sphinx ({first})"
    if path_fault(Path(app.outdir, source, "index.html")) is not None:
        return "a name too long for a file"
    for folder in (Path(source), *Path(source).parents):
        if look(
            Path(app.outdir, folder),
            Path.is_file,
            True,
            DasscoWarnings.PATH,
            f"the output {folder}",
            "nothing is written there",
            None,
        ):
            return f"a file of the output ({folder})"
    return None


def redirects(app: Sphinx) -> dict[str, str]:
    """sphinx-reredirects' ``source -> target`` entries: old URL -> relative URL of its page."""
    env, builder = app.env, app.builder
    domain = domain_of(env, PagesDomain)
    root, own = _site_root(env), page_paths(env, permalinks=False)
    old = {posixpath.join(root, p): (d, "permalink") for p, d in domain.permalinks().items() if p}
    old.update({p: (d, "alias") for p, d in aliases(env, report=False).items()})
    found = {}
    for path, (docname, kind) in sorted(old.items()):
        if path in own:
            continue  # the page answers there itself, or another page (reported by records)
        source = posixpath.relpath(path, root) if root else path
        if (why := _blocked(app, path, source)) is not None:
            output = kind != "alias" and why.startswith("an output")
            report: Callable[..., None] = error if output else warn
            subtype = DasscoWarnings.COLLISION if output else DasscoWarnings.PERMALINK
            subtype = DasscoWarnings.ALIAS if kind == "alias" else subtype
            line = domain.record(docname).front_matter.line("aliases" if kind == "alias" else kind)
            report(subtype, f"{kind} '/{path}' is {why}; no redirect is written", (docname, line))
            continue
        page = posixpath.join(root, builder.get_target_uri(docname))
        url = posixpath.relpath(page or ".", path)
        found[f"{source}/index"] = url + "/" if page.endswith("/") or not page else url
    return found


def hand_redirects(app: Sphinx) -> list[Any]:
    """On ``html-collect-pages``, before sphinx-reredirects: the old URLs join the user's
    ``redirects`` (an entry of the user's wins). Those of the last build are replaced."""
    if app.builder.name not in _BUILDERS:
        return []
    pages = domain_of(app.env, PagesDomain)
    previous: dict[str, str] = pages.data.get("redirects", {})
    user = {k: v for k, v in app.config.redirects.items() if previous.get(k) != v}
    added = {k: v for k, v in redirects(app).items() if k not in user}
    pages.data["redirects"] = added
    app.config.redirects = user | added
    return []


def check_aliases(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-check-consistency``: one error per alias taken twice."""
    aliases(env, report=True)


def use_template(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: redirect pages with no script (the library's own has one)."""
    if config.redirect_html_template_file is None:
        config.redirect_html_template_file = str(
            TEMPLATES_DIR / "redirect.html"
        )  # read from the source folder


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_template)
    app.connect("env-check-consistency", check_aliases)
    app.connect("html-collect-pages", hand_redirects, priority=400)
