"""The 404 page (sphinx-notfound-page) and ``sitemap.xml`` (sphinx-sitemap), set up for the site.

Only settings the user left at their defaults are set. The 404 page's links are absolute under
the language's folder online (``html_baseurl``'s path and ``dassco_online_path``), so it works
at any depth; its words are the build's language. The sitemap lists each page at its address
online (the pages name their translations themselves); without ``html_baseurl`` there is none,
silently (a site may have no address yet). sphinx-sitemap lists the pages a build writes, so a
build that writes any page writes them all while there is a sitemap.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.locale import get_translation

from ..config import get_config
from ..i18n.languages import site_languages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ = get_translation("dassco")

#: sphinx-notfound-page's prefix when it is not on Read the Docs.
_NOTFOUND_PREFIX = "/en/latest/"
_MARK = "\0"


def language_folder(config: Config, language: str) -> str:
    """The language's folder online, from the host's root: ``/site/en/``."""
    base = urlsplit(config.html_baseurl or "").path.strip("/")
    folder = get_config(config).online_path.format(language=language, page="").strip("/")
    return "/" + "/".join(part for part in (base, folder) if part) + "/"


def configure(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the 404 page's folder, the sitemap's addresses and exclusions."""
    language = config.language or site_languages(config)[0]
    if config.notfound_urls_prefix == _NOTFOUND_PREFIX:
        config.notfound_urls_prefix = language_folder(config, language)
    scheme = get_config(config).online_path.format(language=_MARK, page="{link}")
    if config.sitemap_url_scheme == "{lang}{version}{link}" and f"{_MARK}/" in scheme:
        config.sitemap_url_scheme = scheme.replace(f"{_MARK}/", "{lang}")
        config.sitemap_locales = config.sitemap_locales or [None]  # hreflang: the pages' own
    if not config.sitemap_excludes:
        config.sitemap_excludes = [f"{page}{end}" for page in ("404", "search", "genindex") for end in (".html", "/")]
    if not (config.site_url or config.html_baseurl):
        config.suppress_warnings = [*config.suppress_warnings, "sitemap.configuration"]


def translate_notfound(app: Sphinx) -> None:
    """On ``builder-inited`` (the package's catalogs are loaded): the 404 page's words."""
    if app.config.notfound_context.get("title") == "Page not found":
        title = html.escape(str(_("Page not found")))
        body = html.escape(str(_("Unfortunately we couldn't find the content you were looking for.")))
        app.config.notfound_context = {"title": title, "body": f"<h1>{title}</h1>\n\n<p>{body}</p>"}


def _has_sitemap(app: Sphinx) -> bool:
    return app.builder.name in ("html", "dirhtml") and bool(app.config.site_url or app.config.html_baseurl)


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """On ``env-before-read-docs``: whether this build reads any page."""
    env.dassco_reads_pages = bool(docnames)  # type: ignore[attr-defined]


def write_every_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``: every page, when a sitemap is written and any page is."""
    if _has_sitemap(app) and (getattr(env, "dassco_reads_pages", False) or any(app.builder.get_outdated_docs())):
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    app.connect("builder-inited", translate_notfound)
    app.connect("env-before-read-docs", note_reading)
    app.connect("env-get-updated", write_every_page)
