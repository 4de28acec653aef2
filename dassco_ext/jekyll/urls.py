"""Old URLs: permalinks, collection permalink patterns, widget pages, links rewritten.

The old site answered at ``/about`` (English) and ``/da/omkring`` (Danish); the new one
lays out ``<lang>/<page>.html``. Every old path goes into the page's ``aliases`` for its
language (a redirect page is written for it at build), unless the new layout already
answers there (``/`` is the site's root, ``/da`` the Danish home).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..page.frontmatter import normalize_permalink
from .site import Document

_LINK_RE = re.compile(r"(?P<head>\]\(\s*<?|\bhref=[\"'])(?P<url>/[^)\s>\"']*)")
_WIDGET_WORDS = {"search", "soeg", "sog", "søg", "sok", "søk"}


def normalized(path: str) -> str | None:
    """An old site path's identity: ``/about/`` and ``about`` give ``about``, ``/`` ``""``."""
    clean = path.split("#", 1)[0].split("?", 1)[0].strip()
    if "_key_" in clean:
        return None
    return normalize_permalink(clean)


def old_url(path: str) -> str:
    """The path as a site-absolute old URL (``about`` -> ``/about``)."""
    text = path.strip()
    return text if text.startswith("/") else "/" + text


def is_widget(data: dict[str, Any], permalink: str | None) -> str | None:
    """Why a page was a widget of another service (a search page, a ``_key_`` rewrite
    target) and is not imported; ``None`` for a real page."""
    if permalink and ("_key_" in permalink or re.search(r"/:\w+", permalink)):
        return f"a rewrite target ({permalink}): the server filled it in per request"
    layout = str(data.get("layout") or "").lower()
    last = (normalized(permalink or "") or "").rsplit("/", 1)[-1]
    if "search" in layout or last in _WIDGET_WORDS:
        return "a search page (a widget of the search service)"
    return None


def collection_url(pattern: str, doc: Document, collection: str) -> str:
    """Jekyll's permalink pattern filled in for one document (``/news/:title/``): ``:title``
    keeps the file name's case, ``:slug`` and ``:name`` are lower case."""
    slug, date = doc.slug, doc.date
    values = {
        "title": doc.title_slug,
        "slug": slug,
        "name": slug,
        "collection": collection,
        "path": f"_{collection}/{slug}",
        "categories": "/".join(dict.fromkeys(_categories(doc.data.get("categories")))),
        "output_ext": ".html",
    }
    if isinstance(date, datetime.date):
        values |= {
            "year": f"{date.year:04d}",
            "month": f"{date.month:02d}",
            "day": f"{date.day:02d}",
            "i_month": str(date.month),
            "i_day": str(date.day),
            "short_year": f"{date.year % 100:02d}",
        }
    url = re.sub(r":(\w+)", lambda m: values.get(m[1], m[0]), pattern)
    return re.sub(r"/{2,}", "/", url)


def _categories(value: Any) -> list[str]:
    """A document's ``categories`` as Jekyll puts them in URLs: a list, or words of a
    text, in lower case."""
    items = value.split() if isinstance(value, str) else value if isinstance(value, list) else []
    return [str(x).strip().lower() for x in items if isinstance(x, str | int) and str(x).strip()]


def answered_by_new_layout(url: str, docname: str, lang: str, default: str) -> bool:
    """Whether the new layout already serves ``url`` as this page in ``lang``: its own file
    (``/da/about.html``), or for a home page its folder (``/da``, ``/da/``, and ``/``, the
    site's root, which sends readers to the default language)."""
    path = url.split("#", 1)[0].split("?", 1)[0].strip()
    key = normalized(path)
    if docname == "index" or docname.endswith("/index"):
        folder = docname.removesuffix("index").rstrip("/")
        home = f"{lang}/{folder}".rstrip("/")
        return key == home or (key == "" and lang == default and not folder)
    return path.endswith(".html") and key == f"{lang}/{docname}"


def rewrite_links(text: str, table: dict[str, str]) -> str:
    """Site links whose old path is in ``table`` (normalized old path -> new site path) point
    to the new path; fragments are kept."""

    def replace(match: re.Match[str]) -> str:
        path, hash_, fragment = match["url"].partition("#")
        key = normalized(path)
        if key is None or key not in table or table[key] == path:
            return match[0]
        return match["head"] + table[key] + hash_ + fragment

    return _LINK_RE.sub(replace, text)
