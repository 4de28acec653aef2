"""The files beside each language's HTML pages: ``news.xml`` (Atom), ``404.html``, ``sitemap.xml``.

Feed and sitemap hold addresses online (``html_baseurl`` and ``dassco_online_path``); without
a base URL there is no feed (one warning) and no sitemap. The 404 page is sphinx-notfound-page's,
with its prefix and words set here (a 404 page of the site's own: its links from the root). sphinx-sitemap starts a server process in every build and
lists only the pages a build writes, so the sitemap is written here, from the environment.
"""

from __future__ import annotations

import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from ..config import get_config
from ..i18n.languages import site_languages
from ..paths import write_whole
from ..warnings_ import DasscoWarnings, warn
from .listings import ListingsDomain, folder_pages, sort_records
from .records import PagesDomain, domain_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


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
    listings = domain_of(app.env, ListingsDomain)
    return (
        listings if app.builder.name in ("html", "dirhtml") and listings.folders("news") else None
    )


def _news(app: Sphinx, listings: ListingsDomain) -> tuple[str, list[Any]]:
    """The first news listing page and its newest articles."""
    pages = domain_of(app.env, PagesDomain)
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
        sub(entry, "title", domain_of(app.env, PagesDomain).title(record.docname))
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


def write_feed(app: Sphinx) -> None:
    """``news.xml`` in the output root, or why there is none."""
    if (listings := _listings(app)) is None:
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


def link_feed(app: Sphinx, context: dict[str, Any]) -> None:
    """Point feed readers at the language's feed from a page's head."""
    if app.config.html_baseurl and "pathto" in context and _listings(app) is not None:
        href, title = html.escape(context["pathto"](FEED_NAME, 1)), html.escape(str(_("News")))
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
        )


#: sphinx-notfound-page's prefix when it is not on Read the Docs.
_NOTFOUND_PREFIX = "/en/latest/"


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
    build's language (when the user left the library's and the site has no page of that
    name), and its ``toctree()`` reading a
    theme's ``maxdepth=""`` as "no limit", as Sphinx's own helper does (the library's passes
    it on, and basic's ``globaltoc.html`` fails). The page's context, not the configuration,
    is changed: the next build's configuration is still the one it finds pickled."""
    if pagename != app.config.notfound_pagename:
        return
    if doctree is None and app.config.notfound_context.get("title") == "Page not found":
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


def absolute_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: a 404 page of the site's own has its links from the host's
    root, as the library does with its images (it is served at any depth)."""
    prefix = app.config.notfound_urls_prefix
    if docname != app.config.notfound_pagename or not prefix or app.builder.format != "html":
        return
    base = prefix + app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri") or ""
        if uri and not urllib.parse.urlsplit(uri).scheme and not uri.startswith(("/", "#")):
            ref["refuri"] = urllib.parse.urljoin(base, uri)


SITEMAP_NAME = "sitemap.xml"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages that are no content: not listed in the sitemap.
NOT_IN_SITEMAP = ("404", "search", "genindex")


def write_site_files(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished`` (HTML): ``sitemap.xml`` of every page at its address online (only
    with ``html_baseurl``: without an address there is nothing to list), and the feed."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    if app.config.html_baseurl:
        write_sitemap(app)
    write_feed(app)


def write_sitemap(app: Sphinx) -> None:
    urlset = ET.Element("urlset", xmlns=SITEMAP)
    for docname in sorted(app.env.found_docs):
        if docname not in NOT_IN_SITEMAP:
            ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = _page_url(app, docname)
    ET.indent(urlset)
    xml = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    write_whole(Path(app.builder.outdir, SITEMAP_NAME), xml + b"\n")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    app.connect("build-finished", write_site_files)
    app.connect("html-page-context", notfound_page, priority=450)
    app.connect("doctree-resolved", absolute_links)
