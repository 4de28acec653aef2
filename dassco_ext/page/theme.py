"""What the theme writes around a page: its header and its head.

pydata-sphinx-theme's ``navbar-nav`` pastes page titles into the page as HTML;
``dassco-navbar-nav`` takes its place in ``navbar_center``, with the same links
(:func:`header_links`; a captioned toctree of the root page as a dropdown, with
``dassco_header_dropdowns``) written escaped by :func:`header_html` once per page (the
template only gives the dropdowns their ids), and theme options' words translated. The head's
link previews come from sphinxext-opengraph (its ``ogp_*`` defaults; the page's title as text,
the front-matter description and hero image, escaped: editors' text), with the news feed's
link. The page's ``<meta name="description">`` is the front matter's too; the library adds
its own only to pages without one. A page's image hero stands at the top of the page, the
full width of the screen (:func:`hero_above_page`).
"""

from __future__ import annotations

import dataclasses as dc
import html
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlparse

from markupsafe import Markup
from sphinx import addnodes
from sphinx.locale import _ as sphinx_gettext

from ..config import get_config
from ..paths import TEMPLATES_DIR
from .feed import link_feed
from .records import PagesDomain, domain_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


NAV_TEMPLATE = "dassco-navbar-nav"
THEME_NAV_TEMPLATES = ("navbar-nav", "navbar-nav.html")
#: Toctree entries that are no page, and the theme's title for each.
SPECIAL_PAGES = {"genindex": "Index", "modindex": "Python Module Index", "search": "Search"}


@dc.dataclass(frozen=True)
class HeaderLink:
    """One link of the header navigation."""

    href: str
    title: str
    external: bool = False
    current: bool = False  #: the page, or the top-level page above it
    current_page: bool = False


@dc.dataclass(frozen=True)
class HeaderDropdown:
    """A dropdown of the header navigation: a captioned toctree of the root page."""

    title: str
    links: tuple[HeaderLink, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def top_level_page(toctree_includes: dict[str, list[str]], pagename: str) -> str | None:
    """The page of the root's toctrees that ``pagename`` is (or is below)."""
    parent = {child: page for page, children in toctree_includes.items() for child in children}
    seen: list[str] = []
    while pagename in parent and pagename not in seen:
        seen.append(pagename)
        pagename = parent[pagename]
    return seen[-1] if seen else None


def page_gettext(context: dict[str, Any]) -> Callable[[str], str]:
    """The page's templates' ``gettext``: without the site's bad ``sphinx.po`` entries, when
    it has some (:class:`~dassco_ext.i18n.languages.InterfaceWords`)."""
    return context.get("gettext") or sphinx_gettext


def header_links(
    app: Sphinx, pagename: str, context: dict[str, Any]
) -> list[HeaderLink | HeaderDropdown]:
    """The root page's toctree entries (a captioned toctree's as one dropdown, with
    ``dassco_header_dropdowns``), then the theme's ``external_links``."""
    env = app.env
    root = env.tocs.get(app.config.root_doc)
    active = top_level_page(env.toctree_includes, pagename)
    dropdowns = get_config(app.config).header_dropdowns
    items: list[HeaderLink | HeaderDropdown] = []
    for toctree in root.findall(addnodes.toctree) if root is not None else ():
        links = []
        for title, entry in toctree["entries"]:
            page = toctree["parent"] if entry == "self" else entry
            if title is None:
                title = (
                    env.titles[page].astext()
                    if page in env.titles
                    else page_gettext(context)(SPECIAL_PAGES.get(page, page))
                )
            external = bool(urlparse(page).netloc)
            href = (
                page
                if external
                else context["pathto"]("py-modindex" if page == "modindex" else page)
            )
            links.append(HeaderLink(href, title, external, page == active, page == pagename))
        if dropdowns and toctree.get("caption") and links:
            items.append(HeaderDropdown(toctree["caption"], tuple(links)))
        else:
            items += links
    items += [
        HeaderLink(link["url"], link["name"], external=True)
        for link in context.get("theme_external_links") or []
    ]
    return items


def _item(link: HeaderLink, in_menu: bool) -> str:
    classes = ("" if in_menu else "nav-item") + (" current active" if link.current else "")
    kind = "external" if link.external else "internal"
    current = ' aria-current="page"' if link.current_page else ""
    return (
        f'<li class="{classes}">\n  <a class="nav-link{" dropdown-item" if in_menu else ""} '
        f'nav-{kind}" href="{html.escape(link.href)}"{current}>{html.escape(link.title)}</a>\n</li>'
    )


def _menu_items(item: HeaderLink | HeaderDropdown) -> str:
    """An item inside a dropdown: a link, or a dropdown's links under its title."""
    if isinstance(item, HeaderLink):
        return _item(item, True)
    title = f'<li><span class="dropdown-header">{html.escape(item.title)}</span></li>'
    return title + "".join(_item(link, True) for link in item.links)


def _dropdown(title: str, menu: str, current: bool, menu_id: str) -> str:
    """pydata-sphinx-theme's header dropdown (Bootstrap's: its script opens it, by keyboard
    too)."""
    return (
        f'\n<li class="nav-item dropdown{" current active" if current else ""}">\n'
        '  <button class="btn dropdown-toggle nav-item" type="button" data-bs-toggle="dropdown" '
        f'aria-expanded="false" aria-controls="{menu_id}">{html.escape(title)}</button>\n'
        f'  <ul id="{menu_id}" class="dropdown-menu">{menu}</ul>\n</li>'
    )


def header_html(
    items: list[HeaderLink | HeaderDropdown], cutoff: int, more: str
) -> Callable[[Callable[[str], str]], Markup]:
    """The theme's header links (its ``navbar-nav``), titles escaped: the first ``cutoff``
    items in the bar (a dropdown as one), the rest in a dropdown named ``more`` (none for a
    single item); given the theme's ``unique_html_id`` when the template renders it (the
    theme renders the header twice: each dropdown's id is new)."""
    cutoff = cutoff + 1 if len(items) <= cutoff + 1 else cutoff
    bar = [
        (item.title, "".join(_item(link, True) for link in item.links), item.current)
        if isinstance(item, HeaderDropdown)
        else _item(item, False)
        for item in items[:cutoff]
    ]
    menu = "".join(_menu_items(item) for item in items[cutoff:])

    def render(unique_id: Callable[[str], str]) -> Markup:
        out = "".join(
            item if isinstance(item, str) else _dropdown(*item, unique_id("dassco-nav-dropdown"))
            for item in bar
        )
        if menu:
            out += _dropdown(more, menu, False, unique_id("pst-nav-more-links"))
        return Markup(f'<nav>\n<ul class="bd-navbar-elements navbar-nav">{out}</ul>\n</nav>')

    return render


def add_header_links(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The package's header navigation, and the words of theme options (its dropdown's, the
    search placeholder) in the page's language."""
    if app.config.html_theme == "pydata_sphinx_theme":
        gettext = page_gettext(context)
        more = gettext(str(context.get("theme_header_dropdown_text") or "More"))
        cutoff = int(context.get("theme_header_links_before_dropdown") or 5)
        links = header_links(app, pagename, context)
        context["dassco_header_nav"] = header_html(links, cutoff, more)
        if context.get("theme_search_bar_text"):
            context["theme_search_bar_text"] = gettext(str(context["theme_search_bar_text"]))


def use_own_navigation(config: Config) -> None:
    """The package's header navigation in place of the theme's."""
    if config.html_theme != "pydata_sphinx_theme":
        return
    options = dict(config.html_theme_options)
    center = options.get("navbar_center", ["navbar-nav"])
    options["navbar_center"] = [
        NAV_TEMPLATE if item in THEME_NAV_TEMPLATES else item for item in center
    ]
    config.html_theme_options = options
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def configure(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: the site's address and name, no generated cards, and the
    package's header navigation."""
    use_own_navigation(config)
    if not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    if config.ogp_site_name is None:  # the library escapes only quotes: "Sphinx <Tests>"
        config.ogp_site_name = html.escape(get_config(config).site_name or config.project)
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}


#: The template of a page whose image hero stands at the top of the page.
HERO_PAGE_TEMPLATE = "dassco-hero-page.html"
_HERO_START = '<section class="dassco-hero"'


def hero_above_page(app: Sphinx, templatename: str, context: dict[str, Any]) -> str | None:
    """With pydata-sphinx-theme, a page's image hero (a compact one stays a title) moved from
    the article to the top of the page's ``<main>``, above the article and its table of
    contents, the full width of the screen as hosted-portal sites show it; the page's
    template then (:data:`HERO_PAGE_TEMPLATE`)."""
    body = context.get("body") or ""
    start = body.find(_HERO_START)
    end = body.find("</section>\n", start) if start >= 0 else -1  # the hero holds no section
    if (
        end < 0
        or templatename != "page.html"
        or app.builder.name not in ("html", "dirhtml")
        or app.config.html_theme != "pydata_sphinx_theme"
    ):
        return None
    end += len("</section>\n")
    context["dassco_hero"] = Markup(body[start:end])
    context["body"] = body[:start] + body[end:]
    return HERO_PAGE_TEMPLATE


def page_values(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> str | None:
    """On ``html-page-context``, before the library: the header's links, the feed link, the
    page's title as text (the library unescapes it and escapes only quotes: ``<no title>``),
    its description and image; the image hero's place (:func:`hero_above_page`)."""
    add_header_links(app, pagename, context)
    link_feed(app, context)
    template = hero_above_page(app, templatename, context)
    if doctree is None:
        return template
    values = dict(context.get("meta") or {})
    if context.get("title") and "og:title" not in values:
        values["og:title"] = html.escape(Markup(context["title"]).striptags())
    context["meta"] = values
    record = domain_of(app.env, PagesDomain).pages.get(pagename)
    if record is None:
        return template
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
    return template


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    app.connect("html-page-context", page_values, priority=400)
