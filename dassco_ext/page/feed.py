"""The news feed: ``news.xml`` (Atom, RFC 4287) at the root of each language's HTML output.

It lists the dated pages of every folder a ``news`` directive lists, newest first, with
their titles, types and teasers as this language's build shows them (translated), and
absolute URLs under ``html_baseurl`` (``dassco_online_path``, as ``make html`` lays the
site out). Written with ElementTree, so every text is escaped; characters XML cannot hold
are dropped. Without ``html_baseurl`` no feed is written (one ``dassco.baseurl`` warning):
a feed's links must be absolute. Every HTML page of a site with a feed links to it
(``<link rel="alternate" type="application/atom+xml">``).
"""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from .listings import ListingsDomain, folder_pages, sort_records

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .records import PageRecord, PagesDomain

_ = get_translation("dassco")

FEED_NAME = "news.xml"
ATOM = "http://www.w3.org/2005/Atom"
#: The most entries a feed holds (the newest).
FEED_LIMIT = 50
_BUILDERS = ("html", "dirhtml")
#: Characters XML 1.0 cannot hold.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("", text)


def articles(app: Sphinx) -> tuple[list[PageRecord], str | None]:
    """The dated pages of every news folder (newest first), and the first news listing page."""
    env = app.env
    listings: ListingsDomain = env.domains[ListingsDomain.name]  # type: ignore[assignment]
    pages: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    listing_pages = sorted(d for d, found in listings.listings.items() if any(k == "news" for k, _f in found))
    seen: dict[str, PageRecord] = {}
    for folder in listings.folders("news"):
        for docname in folder_pages(env, folder):
            if docname not in listing_pages:
                record = pages.record(docname)
                if record.date:
                    seen[docname] = record
    return sort_records("news", list(seen.values()))[:FEED_LIMIT], (listing_pages[0] if listing_pages else None)


def page_url(app: Sphinx, docname: str) -> str:
    """The page's absolute URL under ``html_baseurl``."""
    config = app.config
    page = urllib.parse.quote(app.builder.get_target_uri(docname), safe="/#%")
    path = get_config(config).online_path.format(language=config.language or "en", page=page)
    return f"{config.html_baseurl.rstrip('/')}/{path.lstrip('/')}"


def feed_xml(app: Sphinx) -> bytes | None:
    """The Atom document of this build's language, or ``None`` when it has no news."""
    found, listing_page = articles(app)
    if listing_page is None:
        return None
    config = app.config
    language = config.language or "en"
    site = get_config(config).site_name or config.project or ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _clean(text)
        return element

    base_path = get_config(config).online_path.format(language=language, page=FEED_NAME)
    self_url = f"{config.html_baseurl.rstrip('/')}/{base_path.lstrip('/')}"
    sub(feed, "title", f"{site} – {_('News')}" if site else str(_("News")))
    sub(feed, "id", self_url)
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=page_url(app, listing_page))
    sub(feed, "updated", f"{found[0].date}T00:00:00Z" if found else "1970-01-01T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", site or "-")
    for record in found:
        entry = sub(feed, "entry")
        url = page_url(app, record.docname)
        fallback = app.env.titles[record.docname].astext() if record.docname in app.env.titles else record.docname
        sub(entry, "title", record.title or fallback)
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


def _has_feed(app: Sphinx) -> bool:
    if app.builder.name not in _BUILDERS or not app.config.html_baseurl:
        return False
    listings: ListingsDomain = app.env.domains[ListingsDomain.name]  # type: ignore[assignment]
    return bool(listings.folders("news"))


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: ``news.xml`` in the output root (HTML builders)."""
    if exception is not None or app.builder.name not in _BUILDERS:
        return
    listings: ListingsDomain = app.env.domains[ListingsDomain.name]  # type: ignore[assignment]
    if not listings.folders("news"):
        return
    if not app.config.html_baseurl:
        warn(
            DasscoWarnings.BASEURL,
            f"html_baseurl is not set: a feed's links must be absolute, so no {FEED_NAME} is written",
            f"{Path(app.confdir, 'conf.py')}:1" if app.confdir else None,
        )
        return
    content = feed_xml(app)
    if content is not None:
        Path(app.builder.outdir, FEED_NAME).write_bytes(content)


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """On ``html-page-context``: every page points feed readers at the language's feed."""
    if not _has_feed(app) or "pathto" not in context:
        return
    import html

    href = html.escape(context["pathto"](FEED_NAME, 1), quote=True)
    title = html.escape(str(_("News")), quote=True)
    context["metatags"] = (
        context.get("metatags", "")
        + f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
    )


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", link_feed)
