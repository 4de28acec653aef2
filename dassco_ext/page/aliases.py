"""Old URLs keep working: front-matter ``aliases`` become redirect pages.

``aliases: [/about-us]`` (the source language) or ``{en: [/about], da: [/da/omkring]}``
name paths of the old site, whose root now holds the ``<lang>/`` folders. The build of
language L redirects L's aliases to L's page (``redirect_page``: every value escaped, the
page's URL as canonical):

- ``dassco_alias_redirects = "outdir"`` (the default, a plain ``sphinx-build``): the redirect
  pages are written inside this build's output, relative to it (``OUTDIR/about-us/index.html``);
- ``"site-root"`` (set by ``make html``, :mod:`dassco_ext.cli.build`): the build lists its
  aliases in ``OUTDIR/dassco-aliases.json`` and the driver writes them at the site root,
  beside the ``<lang>/`` folders (``_build/html/about-us/index.html``).

An alias taken by a page (or a permalink) or by another page's alias is one
``dassco.alias`` error naming both; nothing is written for it and nothing is overwritten.
An alias that is the page's own path is already served, and is skipped.
"""

from __future__ import annotations

import json
import posixpath
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import get_config
from ..warnings_ import DasscoWarnings, error, warn
from .links import redirect_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .records import PagesDomain

MANIFEST = "dassco-aliases.json"
#: Marks a redirect page written for an alias: only such a page is ever replaced.
MARKER = '<meta name="dassco-redirect" content="alias">'
_BUILDERS = ("html", "dirhtml")


def site_languages(config: Config) -> list[str]:
    return list(get_config(config).languages) or [config.language or "en"]


def _own_paths(docname: str, root_doc: str) -> set[str]:
    """The paths a page is served at inside its language: ``x/index`` is ``x`` too."""
    paths = {docname}
    if docname == root_doc or docname == "index":
        paths.add("")
    if docname.endswith("/index"):
        paths.add(docname[: -len("/index")])
    return paths


def aliases_of_language(env: BuildEnvironment) -> dict[str, list[str]]:
    """``alias -> [docnames]`` for this build's language (a list: conflicts have several)."""
    config = env.config
    languages = site_languages(config)
    language = config.language or languages[0]
    domain: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    found: dict[str, list[str]] = {}
    for docname in sorted(domain.pages):
        if docname not in env.found_docs:
            continue
        for lang, path in domain.pages[docname].aliases:
            if (lang or languages[0]) == language:
                found.setdefault(path, []).append(docname)
    return found


def taken_paths(env: BuildEnvironment) -> dict[str, str]:
    """``path -> docname`` of every path a real page (or permalink redirect) answers at, as
    the aliases' paths are read: the output root, or the site root with its ``<lang>/``."""
    domain: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    inside: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        for path in _own_paths(docname, env.config.root_doc):
            inside.setdefault(path, docname)
    for permalink, docname in domain.permalinks().items():
        inside.setdefault(permalink, docname)
    if get_config(env.config).alias_redirects == "outdir":
        return inside
    taken = {"": env.config.root_doc}  # the driver's language redirect
    for lang in site_languages(env.config):
        for path, docname in inside.items():
            taken.setdefault(posixpath.join(lang, path).rstrip("/"), docname)
    return taken


def own_site_path(env: BuildEnvironment, docname: str) -> set[str]:
    paths = _own_paths(docname, env.config.root_doc)
    if get_config(env.config).alias_redirects == "outdir":
        return paths
    language = env.config.language or site_languages(env.config)[0]
    return {posixpath.join(language, p).rstrip("/") for p in paths}


def resolved_aliases(env: BuildEnvironment, *, report: bool) -> dict[str, str]:
    """``alias -> docname`` to redirect in this build, conflicts left out (reported if asked)."""
    domain: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    taken = taken_paths(env)
    result: dict[str, str] = {}
    for path, owners in sorted(aliases_of_language(env).items()):
        first = owners[0]
        line = domain.record(first).aliases_line
        if len(owners) > 1:
            if report:
                files = " and ".join(str(env.doc2path(d, False)) for d in owners)
                error(DasscoWarnings.ALIAS, f"alias '/{path}' is claimed by {len(owners)} pages: {files}; "
                      "no redirect is written for it", (owners[-1], domain.record(owners[-1]).aliases_line))
            continue
        if path in own_site_path(env, first) or taken.get(path) == first:
            continue  # the page itself (or its permalink) answers there
        if path in taken:
            if report:
                error(DasscoWarnings.ALIAS, f"alias '/{path}' of {env.doc2path(first, False)} is the path of "
                      f"the page {env.doc2path(taken[path], False)}; no redirect is written for it", (first, line))
            continue
        result[path] = first
    return result


def check_aliases(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-check-consistency``: one error per alias taken twice."""
    resolved_aliases(env, report=True)


def write_aliases(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished`` (html, dirhtml): the redirects, or the driver's manifest."""
    builder = app.builder
    if exception is not None or builder.name not in _BUILDERS:
        return
    env = app.env
    config = app.config
    outdir = Path(builder.outdir).resolve()
    language = config.language or site_languages(config)[0]
    base = config.html_baseurl.rstrip("/")
    entries = []
    for path, docname in resolved_aliases(env, report=False).items():
        target_uri = builder.get_target_uri(docname)
        title = env.titles[docname].astext() if docname in env.titles else docname
        online = get_config(config).online_path.format(language=language, page=urllib.parse.quote(target_uri, safe="/#%"))
        canonical = f"{base}/{online}" if base else None
        entries.append({"alias": path, "language": language, "docname": docname, "target": target_uri,
                        "title": title, "canonical": canonical})
    if get_config(config).alias_redirects == "site-root":
        (outdir / MANIFEST).write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
        return
    for entry in entries:
        target = (outdir / entry["alias"] / "index.html").resolve()
        if not target.is_relative_to(outdir):
            continue
        url = builder.get_relative_uri(f"{entry['alias']}/index", entry["docname"])
        problem = write_redirect(target, lang=language, title=entry["title"], url=url, canonical=entry["canonical"])
        if problem:
            warn(DasscoWarnings.ALIAS, f"alias '/{entry['alias']}': {problem}", (entry["docname"], None))


def write_redirect(target: Path, *, lang: str, title: str, url: str, canonical: str | None) -> str | None:
    """Write one alias redirect; never over a file that is not an alias redirect (returns why)."""
    if target.exists() and MARKER not in target.read_text(encoding="utf-8", errors="replace"):
        return f"{target.name} in {target.parent.name or '/'} is a page of the site; it is not overwritten"
    target.parent.mkdir(parents=True, exist_ok=True)
    page = redirect_page(lang=lang, title=title, url=url, canonical=canonical)
    target.write_text(page.replace("</head>", MARKER + "\n</head>", 1), encoding="utf-8")
    return None


def write_site_root(htmldir: Path, languages: list[str]) -> list[str]:
    """The build driver's part: the aliases every language build listed, written at the site
    root (``htmldir``) as redirects into ``<lang>/``. Returns the problems (conflicts between
    languages, paths taken), each naming both sides; nothing is written for those."""
    root = htmldir.resolve()
    claims: dict[str, list[dict]] = {}
    for lang in languages:
        manifest = root / lang / MANIFEST
        if not manifest.is_file():
            continue
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            claims.setdefault(entry["alias"], []).append(entry)
    problems = []
    for path, owners in sorted(claims.items()):
        if len(owners) > 1:
            named = " and ".join(f"{o['docname']} ({o['language']})" for o in owners)
            problems.append(f"alias '/{path}' is claimed in several languages: {named}; no redirect is written")
            continue
        entry = owners[0]
        target = (root / path / "index.html").resolve()
        if not target.is_relative_to(root) or not path:
            continue
        url = posixpath.relpath(f"{entry['language']}/{entry['target']}", path) if entry["target"] else entry["language"]
        if entry["target"].endswith("/") and not url.endswith("/"):
            url += "/"
        problem = write_redirect(target, lang=entry["language"], title=entry["title"], url=url,
                                 canonical=entry["canonical"])
        if problem:
            problems.append(f"alias '/{path}' of {entry['docname']} ({entry['language']}): {problem}")
    return problems


def setup(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_aliases)
    app.connect("build-finished", write_aliases)
