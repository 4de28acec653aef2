"""The files beside the pages of each language's HTML output: ``news.xml``, ``404.html``, ``sitemap.xml``.

The news feed (Atom) lists the newest dated pages of the folders a ``news`` directive lists, as
this language's build shows them, at their addresses online (``html_baseurl`` and
``dassco_online_path``); every page links to it. No kept library writes Atom from page records,
so it is written here (ElementTree escapes every text). Without ``html_baseurl`` there is no
feed (one ``dassco.baseurl`` warning) and no sitemap (silently: a site may have no address yet).

The 404 page (sphinx-notfound-page) is set up here: only settings the user left at their
defaults. Its links are absolute under the language's folder online, so it works at any
depth; its words are the build's language. The sitemap lists every page's address online
(the pages name their translations themselves), written from the environment after each
build, so an incremental build's is complete too. (sphinx-sitemap was tried: it starts a
``multiprocessing`` server process in every build, which is not the package's to start in
a host's process, and lists only the pages a build writes.)
"""

from __future__ import annotations

import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from ..config import get_config
from ..i18n.languages import site_languages
from ..paths import write_whole
from ..warnings_ import DasscoWarnings, warn
from .listings import ListingsDomain, folder_pages, sort_records

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .records import PagesDomain

_ = get_translation("dassco")

FEED_NAME = "news.xml"
ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50  #: the most entries a feed holds (the newest)
_NOT_XML_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
)  #: what XML 1.0 cannot hold


def _online(app: Sphinx, path: str) -> str:
    online = get_config(app.config).online_path.format(
        language=app.config.language or "en", page=path
    )
    return f"{app.config.html_baseurl.rstrip('/')}/{online.lstrip('/')}"


def _page_url(app: Sphinx, docname: str) -> str:
    return _online(app, urllib.parse.quote(app.builder.get_target_uri(docname), safe="/#%"))


def _listings(app: Sphinx) -> ListingsDomain | None:
    """The site's listings, when this build writes a feed of them (HTML, and news listed)."""
    listings: ListingsDomain = app.env.domains[ListingsDomain.name]  # type: ignore[assignment]
    return (
        listings if app.builder.name in ("html", "dirhtml") and listings.folders("news") else None
    )


def _news(app: Sphinx, listings: ListingsDomain) -> tuple[str, list[Any]]:
    """The first news listing page and its newest articles."""
    pages: PagesDomain = app.env.domains["dassco"]  # type: ignore[assignment]
    listing_pages = sorted(
        d for d, found in listings.listings.items() if any(k == "news" for k, _f in found)
    )
    records = {
        d: pages.record(d) for f in listings.folders("news") for d in folder_pages(app.env, f)
    }
    dated = [r for d, r in records.items() if r.date and d not in listing_pages]
    return listing_pages[0], sort_records("news", dated)[:FEED_LIMIT]


def feed_xml(app: Sphinx, listing_page: str, articles: list[Any]) -> bytes:
    """The Atom document of this build's language."""
    site = get_config(app.config).site_name or app.config.project or ""

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(
            parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML_RE.sub("", v) for k, v in attrs.items()}
        )
        element.text = None if text is None else _NOT_XML_RE.sub("", text)
        return element

    ET.register_namespace("", ATOM)
    feed = ET.Element(
        f"{{{ATOM}}}feed",
        {"{http://www.w3.org/XML/1998/namespace}lang": app.config.language or "en"},
    )
    sub(feed, "title", f"{site} – {_('News')}" if site else str(_("News")))
    sub(feed, "id", _online(app, FEED_NAME))
    sub(feed, "link", rel="self", type="application/atom+xml", href=_online(app, FEED_NAME))
    sub(feed, "link", rel="alternate", type="text/html", href=_page_url(app, listing_page))
    sub(feed, "updated", f"{articles[0].date if articles else '1970-01-01'}T00:00:00Z")
    sub(sub(feed, "author"), "name", site or "-")
    for record in articles:
        entry, url = sub(feed, "entry"), _page_url(app, record.docname)
        title = (
            app.env.titles[record.docname].astext()
            if record.docname in app.env.titles
            else record.docname
        )
        sub(entry, "title", record.title or title)
        sub(entry, "id", url)
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "published", f"{record.date}T00:00:00Z")
        sub(entry, "updated", f"{record.date}T00:00:00Z")
        if record.pre_title:
            sub(entry, "category", term=record.pre_title)
        if record.description:
            sub(entry, "summary", record.description, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: ``news.xml`` in the output root, or why there is none."""
    if exception is not None or (listings := _listings(app)) is None:
        return
    if not app.config.html_baseurl:
        warn(
            DasscoWarnings.BASEURL,
            f"html_baseurl is not set: a feed's links must be absolute, so no "
            f"{FEED_NAME} is written",
            f"{Path(app.confdir, 'conf.py')}:1" if app.confdir else None,
        )
        return
    Path(app.builder.outdir, FEED_NAME).write_bytes(feed_xml(app, *_news(app, listings)))


def link_feed(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On ``html-page-context``: every page points feed readers at the language's feed."""
    if app.config.html_baseurl and "pathto" in context and _listings(app) is not None:
        href, title = html.escape(context["pathto"](FEED_NAME, 1)), html.escape(str(_("News")))
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
        )


#: sphinx-notfound-page's prefix when it is not on Read the Docs.
_NOTFOUND_PREFIX = "/en/latest/"
_MARK = "\0"


def language_folder(config: Config, language: str) -> str:
    """The language's folder online, from the host's root: ``/site/en/``."""
    base = urllib.parse.urlsplit(config.html_baseurl or "").path.strip("/")
    folder = get_config(config).online_path.format(language=language, page="").strip("/")
    return "/" + "/".join(part for part in (base, folder) if part) + "/"


def configure(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the 404 page's folder online."""
    language = config.language or site_languages(config)[0]
    if config.notfound_urls_prefix == _NOTFOUND_PREFIX:
        config.notfound_urls_prefix = language_folder(config, language)


def notfound_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context`` after sphinx-notfound-page's: the 404 page's words in the
    build's language (when the user left the library's), and its ``toctree()`` reading a
    theme's ``maxdepth=""`` as "no limit", as Sphinx's own helper does (the library's passes
    it on, and basic's ``globaltoc.html`` fails). The page's context, not the configuration,
    is changed: the next build's configuration is still the one it finds pickled."""
    if pagename != app.config.notfound_pagename:
        return
    if app.config.notfound_context.get("title") == "Page not found":
        title = html.escape(str(_("Page not found")))
        body = html.escape(
            str(_("Unfortunately we couldn't find the content you were looking for."))
        )
        context.update(title=title, body=f"<h1>{title}</h1>\n\n<p>{body}</p>")
    toctree = context.get("toctree")
    if toctree is None:
        return

    def without_empty_maxdepth(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("maxdepth") == "":
            del kwargs["maxdepth"]
        return toctree(*args, **kwargs)

    context["toctree"] = without_empty_maxdepth


SITEMAP_NAME = "sitemap.xml"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages that are no content: not listed in the sitemap.
NOT_IN_SITEMAP = ("404", "search", "genindex")


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: ``sitemap.xml`` of every page of the site at its address online
    (HTML builders with ``html_baseurl`` only: without an address there is nothing to list)."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    if not app.config.html_baseurl:
        return
    urlset = ET.Element("urlset", xmlns=SITEMAP)
    for docname in sorted(app.env.found_docs):
        if docname not in NOT_IN_SITEMAP:
            ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = _page_url(app, docname)
    ET.indent(urlset)
    xml = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    write_whole(Path(app.builder.outdir, SITEMAP_NAME), xml + b"\n")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", link_feed)
    app.connect("html-page-context", notfound_page, priority=450)
