"""``<head>`` tags from front matter: ``<meta name="description">`` and OpenGraph.

Link previews (chat, social media) and search engines read these; on the Jekyll site the
theme wrote them from the same front matter. Every value is escaped: it is editors' text.
"""

from __future__ import annotations

import html
import urllib.parse
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import SEP

from ..config import get_config

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .records import PagesDomain


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{html.escape(name)}" content="{html.escape(content, quote=True)}">\n'


def image_url(app: Sphinx, pagename: str, uri: str, pathto: Any) -> str:
    """The output URL of a hero image: absolute under ``html_baseurl``, else page-relative."""
    builder = app.builder
    source = uri.lstrip("/")
    name = builder.images.get(source) if hasattr(builder, "images") else None
    if uri.startswith(("http://", "https://")) or name is None:
        return uri
    path = f"{builder.imagedir}{SEP}{urllib.parse.quote(name)}"
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else pathto(path, 1)


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """On ``html-page-context``: description and OpenGraph tags for pages with front matter."""
    if doctree is None:
        return
    domain: PagesDomain = app.env.domains["dassco"]  # type: ignore[assignment]
    record = domain.pages.get(pagename)
    if record is None:
        return
    tags = []
    title = record.title or html.unescape(context.get("title", ""))
    site_name = get_config(app.config).site_name or app.config.project
    if record.description:
        tags.append(_meta("name", "description", record.description))
    tags.append(_meta("property", "og:type", "website"))
    tags.append(_meta("property", "og:title", title))
    if site_name:
        tags.append(_meta("property", "og:site_name", site_name))
    if record.description:
        tags.append(_meta("property", "og:description", record.description))
    if record.image:
        tags.append(_meta("property", "og:image", image_url(app, pagename, record.image, context["pathto"])))
    if app.config.html_baseurl and "pageurl" in context and context["pageurl"]:
        tags.append(_meta("property", "og:url", context["pageurl"]))
    context["metatags"] = context.get("metatags", "") + "".join(tags)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta_tags)
