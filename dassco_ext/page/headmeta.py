"""A page's head: link previews through sphinxext-opengraph (its ``ogp_*`` defaults; the
page's title as text, the front-matter description and hero image, escaped: editors' text)
and the news feed's link. The page's ``<meta name="description">`` is the front matter's too;
the library adds its own only to pages without one.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup

from ..config import get_config
from .feed import link_feed
from .records import PagesDomain, domain_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


def configure(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the site's address and name, and no generated cards."""
    if not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    if config.ogp_site_name is None:  # the library escapes only quotes: "Sphinx <Tests>"
        config.ogp_site_name = html.escape(get_config(config).site_name or config.project)
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}


def page_values(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On ``html-page-context``, before the library: the feed link, the page's title as
    text (the library unescapes it and escapes only quotes: ``<no title>``), its description
    and image."""
    link_feed(app, context)
    if doctree is None:
        return
    values = dict(context.get("meta") or {})
    if context.get("title") and "og:title" not in values:
        values["og:title"] = html.escape(Markup(context["title"]).striptags())
    context["meta"] = values
    record = domain_of(app.env, PagesDomain).pages.get(pagename)
    if record is None:
        return
    if record.description:
        values["og:description"] = html.escape(record.description)
        context["metatags"] = (
            context.get("metatags", "")
            + f'<meta name="description" content="{values["og:description"]}">\n'
        )
    uri = record.image or ""
    image = getattr(app.builder, "images", {}).get(uri.lstrip("/"))
    if image or uri.startswith(("http://", "https://")):
        values["og:image"] = html.escape(f"{app.builder.imagedir}/{quote(image)}" if image else uri)
        if record.image_alt:
            values["og:image:alt"] = html.escape(record.image_alt)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    app.connect("html-page-context", page_values, priority=400)
