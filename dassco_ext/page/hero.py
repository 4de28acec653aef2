"""The hero header: front matter (``title``, ``description``, ``background``...) to page.

:class:`BuildHero` makes the page's H1 the front matter's title and puts real docutils nodes
after it, before ``Locale``, so they are translated like any other. HTML builders get the H1
moved into the hero and ``dassco-hero-*`` markup; every other writer plain paragraphs.
"""

from __future__ import annotations

import datetime
import html
import urllib.parse
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from . import buttons, links
from .frontmatter import KEYS, PAGE_TITLE, FrontMatter
from .images import source_image
from .markdown import render_inline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


MESSAGE_CATALOG = "dassco"
_ = get_translation(MESSAGE_CATALOG)
KEY = pipeline.FRONT_MATTER_KEY


class hero(nodes.General, nodes.Element):
    """The hero section; ``height`` and ``overlay`` hold validated CSS values."""


class hero_body(nodes.General, nodes.Element):
    """The text column of the hero: pre-title, title (HTML), description, buttons."""


class hero_title(nodes.General, nodes.TextElement):
    """The page's H1, moved into the hero for HTML output only."""


class hero_line(nodes.General, nodes.TextElement):
    """A line of the hero's text column (pre-title, dateline, field, description, buttons),
    told apart by its ``dassco-*`` class; ``hidden``: kept for translation and listings only."""


class hero_credit(nodes.General, nodes.Element):
    """The image credit (front-matter ``imageLicense``), behind an info icon in HTML."""


class page_date(nodes.Inline, nodes.TextElement):
    """A date written the page language's way; ``date`` holds the ISO date."""


class page_type(nodes.Inline, nodes.TextElement):
    """An article's type (``preTitle``) in its dateline (not an ``inline``: Sphinx moves
    those to the end of their parent when they carry ``translatable``)."""


def make_date(iso: str, language: str | None, config: Any) -> page_date:
    """``2025-05-14`` as the language writes it (Babel's long format: ``14. maj 2025``)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    code = (language or "en").replace("-", "_")
    try:
        locale = Locale.parse(get_config(config).date_locales.get(code, code))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    text = format_date(datetime.date.fromisoformat(iso), format="long", locale=locale)
    return page_date(text, text, date=iso)


def _keyed(cls: type[nodes.TextElement], fm: FrontMatter, key: str, **attributes: Any) -> Any:
    """A node holding the text of front-matter ``key``, at its line."""
    text = getattr(fm, KEYS[key].name) or ""
    node = cls(text, text, **{KEY: key}, **attributes)
    node.source, node.line = fm.source, fm.line(key)
    return node


def _image(fm: FrontMatter, uri: str, alt: str, classes: list[str], key: str) -> nodes.image:
    image = nodes.image(uri=uri, alt=alt, classes=classes, translatable=False, **{KEY: "imageAlt"})
    image.source, image.line = fm.source, fm.line("imageAlt" if fm.image_alt else key)
    return image


class BuildHero(SphinxTransform):
    """The page's H1 from its front matter, and the hero after it (see the module's docstring)."""

    default_priority = pipeline.BUILD_HERO

    def apply(self, **kwargs: Any) -> None:
        fm: FrontMatter | None = self.env.temp_data.get(PAGE_TITLE)
        section = next(iter(self.document.findall(nodes.section)), None)
        if fm is None or section is None or not isinstance(section[0], nodes.title):
            return
        section["classes"].append("dassco-page")
        section.source, section.line = fm.source, fm.line("title")
        section[0].replace_self(_keyed(nodes.title, fm, "title"))
        data: FrontMatter | None = self.env.temp_data.get(pipeline.FRONT_MATTER_DATA)
        if data is fm:
            section.insert(1, self.hero(fm))

    def hero(self, fm: FrontMatter) -> hero:
        config = get_config(self.config)
        node = hero(
            classes=["dassco-hero"],
            height=fm.height or config.hero_height,
            overlay=fm.overlay_color or config.hero_overlay,
        )
        node.source, node.line = fm.source, fm.line("title")
        uri = fm.background and source_image(
            fm.background,
            self.env,
            fm.location("background"),
            "background",
            DasscoWarnings.BACKGROUND,
            ("JPEG", "PNG", "GIF"),
        )
        if uri:
            alt = fm.image_alt or config.image_alts.get(uri.lstrip("/"), "")
            if not alt:
                warn(
                    DasscoWarnings.IMAGE_ALT,
                    "background has no imageAlt (nor an entry in dassco_image_alts); "
                    'the image is treated as decorative (alt="")',
                    fm.location("background"),
                )
            node += _image(fm, uri, alt, [pipeline.HERO_IMAGE_CLASS], "background")
        photo = fm.image and source_image(
            fm.image, self.env, fm.location("image"), "image", DasscoWarnings.IMAGE
        )
        if photo:
            if not fm.image_alt:
                warn(
                    DasscoWarnings.IMAGE_ALT,
                    'image has no imageAlt; the image is treated as decorative (alt="")',
                    fm.location("image"),
                )
            # a person's photo (round) or a logo (whole, never cropped)
            kind = "dassco-page-person" if fm.job_title or fm.email else "dassco-page-logo"
            node.insert(
                0, _image(fm, photo, fm.image_alt or "", ["dassco-page-photo", kind], "image")
            )
        node += self.body(fm)
        if fm.image_license:
            node += self.credit(fm)
        return node

    def body(self, fm: FrontMatter) -> hero_body:
        body = hero_body(classes=["dassco-hero-body"])
        if fm.pre_title and not fm.date:
            body += _keyed(
                hero_line, fm, "preTitle", classes=["dassco-hero-pretitle"], translatable=False
            )
        if fm.date:  # an article's type goes with its date, under the title
            line = hero_line(classes=["dassco-page-dateline"])
            if fm.pre_title:
                line += _keyed(page_type, fm, "preTitle", classes=["dassco-page-type"])
                line += nodes.Text(" · ")
            body += line
            line += make_date(fm.date, self.config.language, self.config)
        if fm.job_title:
            body += _keyed(hero_line, fm, "jobTitle", classes=["dassco-page-jobtitle"])
        for address, shown, css in (
            (fm.email and "mailto:" + fm.email, fm.email, "email"),
            (fm.link, fm.link and (urllib.parse.urlsplit(fm.link).netloc or fm.link), "link"),
        ):
            if address and shown:
                ref = nodes.reference(shown, shown, refuri=address)
                body += hero_line("", "", ref, classes=[f"dassco-page-{css}"])
        if fm.category:
            body += _keyed(hero_line, fm, "category", classes=["dassco-page-category"], hidden=True)
        if fm.description:
            body += _keyed(
                hero_line,
                fm,
                "description",
                classes=["dassco-hero-description"],
                translatable=False,
            )
        if fm.cta:
            actions = hero_line(classes=[buttons.ROW_CLASS, "dassco-hero-actions"])
            actions.source, actions.line = fm.source, fm.line("cta")
            for index, entry in enumerate(fm.cta):
                if index:
                    actions += nodes.Text(" ")
                link = links.make_link(entry.text, entry.href, fm.source, entry.line, self.env)
                link[KEY] = "cta"
                buttons.style_button(
                    link, ["button", "is-primary"] if entry.primary else ["button"]
                )
                actions += link
            body += actions
        return body

    def credit(self, fm: FrontMatter) -> hero_credit:
        """The credit: a label (for non-HTML output) and the Markdown of ``imageLicense``."""
        source, line, label = fm.source, fm.line("imageLicense"), str(_("Image credit"))
        text = fm.image_license or ""
        paragraph = nodes.paragraph(translatable=False, rawsource=text, **{KEY: "imageLicense"})
        paragraph.source, paragraph.line = source, line
        paragraph += nodes.inline("", label + ": ", classes=["dassco-hero-credit-label"])
        paragraph.extend(render_inline(text, self.document, source=source, line=line))
        credit = hero_credit(
            label=label, tooltip_id=nodes.make_id(f"dassco-hero-credit-{self.env.docname}")
        )
        credit.source, credit.line = source, line
        credit += paragraph
        return credit


class HeroTitleIntoHero(SphinxPostTransform):
    """HTML only: move the page's H1 into the hero, once the environment has its title."""

    default_priority = pipeline.HERO_TITLE
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(hero)):
            section, body = node.parent, next(iter(node.findall(hero_body)), None)
            title = section[0] if isinstance(section, nodes.section) else None
            if not isinstance(title, nodes.title) or body is None:
                continue
            moved = hero_title("", "", *title.children)
            moved.source, moved.line = title.source, title.line
            section.remove(title)
            first = body[0] if body.children else None
            after_pretitle = (
                isinstance(first, hero_line) and "dassco-hero-pretitle" in first["classes"]
            )
            body.insert(1 if after_pretitle else 0, moved)


# --- HTML --------------------------------------------------------------------------------------


def visit_hero_html(self: HTML5Translator, node: hero) -> None:
    style = f"--dassco-hero-height: {node['height']}; --dassco-hero-overlay: {node['overlay']}"
    # a hero without its background image is a compact title header (no forced height)
    has_image = any(
        isinstance(c, nodes.image) and pipeline.HERO_IMAGE_CLASS in c["classes"] for c in node
    )
    classes = "dassco-hero" + ("" if has_image else " dassco-hero-no-image dassco-hero-compact")
    self.body.append(f'<section class="{classes}" style="{html.escape(style)}">\n')


def visit_hero_credit_html(self: HTML5Translator, node: hero_credit) -> None:
    ident = html.escape(node["tooltip_id"], quote=True)
    label = html.escape(node["label"], quote=True)
    self.body.append(
        '<div class="dassco-hero-credit">\n'
        f'<button type="button" class="dassco-hero-credit-toggle" aria-label="{label}" '
        f'aria-describedby="{ident}">'
        '<svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="18" height="18">'
        '<circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        '<rect x="7.25" y="7" width="1.5" height="5" fill="currentColor"/>'
        '<circle cx="8" cy="4.75" r="1" fill="currentColor"/></svg></button>\n'
        f'<div class="dassco-hero-credit-text" role="tooltip" id="{ident}">\n'
    )


def _tag(tag: str, css_class: str | None = None, **attributes: str) -> tuple[Any, Any]:
    """HTML visitors writing ``node`` as ``<tag>`` (with ``css_class``, or the node's classes)."""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        if node.get("hidden"):
            raise nodes.SkipNode
        extra = {"CLASS": css_class} if css_class else {}
        self.body.append(self.starttag(node, tag, "", False, **extra, **attributes))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>" + ("" if isinstance(node, nodes.Inline) else "\n"))

    return visit, depart


def _closing(markup: str) -> Any:
    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(markup)

    return depart


# --- every other writer -----------------------------------------------------------------------


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    if node.get("hidden"):
        raise nodes.SkipNode
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_passthrough(self: Any, node: nodes.Element) -> None:
    """Wrappers and inline nodes have no markup outside HTML: their children are rendered in place."""


_OTHER_WRITERS = ("latex", "text", "man", "texinfo")


def add_nodes(app: Sphinx, visitors: dict[type[nodes.Element], tuple[Any, Any]]) -> None:
    """Register nodes with their HTML visitors, under the *format* ``html`` only (Sphinx looks a
    builder's name up first, so visitors under ``epub`` or ``singlehtml`` would hide other
    extensions' html visitors), and plain ones for every other writer."""
    for node_class, html_pair in visitors.items():
        block = issubclass(node_class, nodes.TextElement) and not issubclass(
            node_class, nodes.Inline
        )
        other = (
            (visit_as_paragraph, depart_as_paragraph)
            if block
            else (visit_passthrough, visit_passthrough)
        )
        app.add_node(
            node_class, override=True, html=html_pair, **dict.fromkeys(_OTHER_WRITERS, other)
        )


def setup(app: Sphinx) -> None:
    """Register the hero's nodes with a visitor for every writer, and its transforms."""
    add_nodes(
        app,
        {
            hero: (visit_hero_html, _closing("</section>\n")),
            hero_body: (
                lambda self, node: self.body.append('<div class="dassco-hero-body">\n'),
                _closing("</div>\n"),
            ),
            hero_title: _tag("h1", "dassco-hero-title", dir="auto"),
            hero_line: _tag("p", dir="auto"),
            hero_credit: (visit_hero_credit_html, _closing("</div>\n</div>\n")),
            page_date: (
                lambda self, node: self.body.append(
                    self.starttag(node, "time", "", datetime=node["date"], CLASS="dassco-date")
                ),
                _closing("</time>"),
            ),
            page_type: _tag("span"),
        },
    )
    app.add_transform(BuildHero)
    app.add_post_transform(HeroTitleIntoHero)
