"""The header of listed pages: an article's date and type, a person's photo, job title and
e-mail, a partner's logo and website (front matter read by :mod:`.sitekeys`).

:class:`SitePageHeader` adds them to the hero :class:`~.hero.BuildHero` made, before the
front matter is translated, so ``jobTitle`` and ``category`` are translated with their key
as ``msgctxt`` like every hero text, and the photo is collected and copied like any image.
A hero without a background image is drawn compact (:mod:`.hero`, ``dassco-hero-compact``).

The nodes here have a visitor for every writer: HTML gets ``<time datetime>`` and stable
``dassco-page-*`` classes, every other writer paragraphs and plain text. ``category`` is kept
in the page (for translation and listings) but not shown.
"""

from __future__ import annotations

import datetime
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from . import hero
from .images import FORMATS, VECTOR_SUFFIXES, ImageRefused, inspect_image

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .frontmatter import FrontMatter


class page_dateline(nodes.General, nodes.TextElement):  # noqa: N801 - docutils node naming
    """An article's type and date, under its title."""


class page_date(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A date written the page language's way; ``date`` holds the ISO date."""


class page_type(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An article's type (front-matter ``preTitle``) in its dateline (not an ``inline``:
    Sphinx unwraps those to the end of their parent when they carry ``translatable``)."""


class page_field(nodes.General, nodes.TextElement):  # noqa: N801
    """One front-matter value shown in the header (``jobTitle``, ``email``, ``link``);
    ``hidden``: kept in the page for translation and listings only (``category``)."""


def format_date(iso: str, language: str | None, config: Any) -> str:
    """``2025-05-14`` as the language writes it (Babel's long format: ``14. maj 2025``)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date as babel_format

    date = datetime.date.fromisoformat(iso)
    code = (language or "en").replace("-", "_")
    locale_name = get_config(config).date_locales.get(code, code)
    try:
        locale = Locale.parse(locale_name)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    return babel_format(date, format="long", locale=locale)


def make_date(iso: str, language: str | None, config: Any) -> page_date:
    text = format_date(iso, language, config)
    return page_date(text, text, date=iso)


def resolve_source_image(
    value: str, env: BuildEnvironment, location: str | nodes.Node, what: str, kind: DasscoWarnings
) -> str | None:
    """``/path`` of an image file inside the source tree, or ``None`` after one warning.

    ``value`` is a path from the source root (``/assets/x.jpg`` or ``assets/x.jpg``, as on
    the Jekyll site); it must stay inside the tree and be an image judged by its header as
    every image of a page is (:func:`.images.inspect_image`: a JPEG, PNG, GIF or WebP named
    by its format, phone photos that are MPO files named ``.jpg`` included, within
    ``dassco_max_image_pixels``). Front matter is data: an SVG, which can carry a script,
    is not published from it.
    """
    if urllib.parse.urlsplit(value).scheme or value.startswith(("//", "\\")):
        warn(kind, f"{what} {value!r} is not a path in the source tree; no image is shown", location)
        return None
    srcdir = Path(env.srcdir).resolve()
    try:
        candidate = (srcdir / urllib.parse.unquote(value).lstrip("/")).resolve()
    except (OSError, ValueError):
        candidate = srcdir / "\x00"  # a NUL or too long a name: no such file
    if not candidate.is_relative_to(srcdir):
        warn(kind, f"{what} {value!r} is outside the source tree; no image is shown", location)
        return None
    try:
        is_file, is_dir = candidate.is_file(), candidate.is_dir()
    except (OSError, ValueError):
        is_file = is_dir = False
    if not is_file:
        state = "a directory" if is_dir else "not found"
        warn(kind, f"{what} {value!r} is {state} (paths are relative to the source root); no image is shown", location)
        return None
    if candidate.suffix.lower() in VECTOR_SUFFIXES:
        warn(kind, f"{what} {value!r} is a vector image, which can carry a script; use a PNG or JPEG "
                   "(no image is shown)", location)
        return None
    try:
        inspect_image(candidate, get_config(env.config).max_image_pixels, tuple(FORMATS))
    except ImageRefused as exc:
        warn(kind, f"{what} {value!r} {exc}; no image is shown", location)
        return None
    return "/" + candidate.relative_to(srcdir).as_posix()


class SitePageHeader(SphinxTransform):
    """Add the listed page's own values to its hero (see the module's docstring)."""

    default_priority = pipeline.SITE_PAGE_HEADER

    def apply(self, **kwargs: Any) -> None:
        fm: FrontMatter | None = self.env.temp_data.get(pipeline.FRONT_MATTER_DATA)
        node = next(iter(self.document.findall(hero.hero)), None)
        if fm is None or node is None:
            return
        body = next(iter(node.findall(hero.hero_body)), None)
        if body is None:
            return
        if fm.image:
            photo = self.photo(fm)
            if photo is not None:
                node.insert(0, photo)
        added: list[nodes.Element] = []
        pretitle = body[0] if body.children and isinstance(body[0], hero.hero_pretitle) else None
        if fm.date:
            line = page_dateline(classes=["dassco-page-dateline"])
            if pretitle is not None:  # an article's type goes with its date, under the title
                body.remove(pretitle)
                kind = page_type(pretitle.astext(), pretitle.astext(), classes=["dassco-page-type"], **{pipeline.FRONT_MATTER_KEY: "preTitle"})
                kind.source, kind.line = pretitle.source, pretitle.line
                line += kind
                line += nodes.Text(" · ")
            line += make_date(fm.date, self.config.language, self.config)
            added.append(line)
        if fm.job_title:
            added.append(self.text_field(fm, "jobTitle", fm.job_title, "dassco-page-jobtitle"))
        if fm.email:
            field = page_field(classes=["dassco-page-email"])
            field += nodes.reference(fm.email, fm.email, refuri="mailto:" + fm.email)
            added.append(field)
        if fm.link:
            field = page_field(classes=["dassco-page-link"])
            shown = urllib.parse.urlsplit(fm.link).netloc or fm.link
            field += nodes.reference(shown, shown, refuri=fm.link)
            added.append(field)
        if fm.category:
            added.append(self.text_field(fm, "category", fm.category, "dassco-page-category", hidden=True))
        position = 1 if body.children and isinstance(body[0], hero.hero_pretitle) else 0
        for offset, field in enumerate(added):
            body.insert(position + offset, field)

    @staticmethod
    def text_field(fm: FrontMatter, key: str, text: str, css_class: str, *, hidden: bool = False) -> page_field:
        field = page_field(text, text, classes=[css_class], hidden=hidden, **{pipeline.FRONT_MATTER_KEY: key})
        field.source, field.line = fm.source, fm.line(key)
        return field

    def photo(self, fm: FrontMatter) -> nodes.image | None:
        assert fm.image is not None
        uri = resolve_source_image(fm.image, self.env, fm.location("image"), "image", DasscoWarnings.IMAGE)
        if uri is None:
            return None
        alt = fm.image_alt or ""
        if not alt:
            warn(
                DasscoWarnings.IMAGE_ALT,
                'image has no imageAlt; the image is treated as decorative (alt="")',
                fm.location("image"),
            )
        # a person's photo (round) or a logo (whole, never cropped)
        kind = "dassco-page-person" if fm.job_title or fm.email else "dassco-page-logo"
        image = nodes.image(uri=uri, alt=alt, classes=["dassco-page-photo", kind], **{pipeline.FRONT_MATTER_KEY: "imageAlt"})
        image["translatable"] = False
        image.source, image.line = fm.source, fm.line("imageAlt" if fm.image_alt else "image")
        return image


# --- HTML --------------------------------------------------------------------------------------

def visit_dateline_html(self: HTML5Translator, node: page_dateline) -> None:
    self.body.append(self.starttag(node, "p", "", dir="auto"))


def depart_p_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def visit_date_html(self: HTML5Translator, node: page_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["date"], CLASS="dassco-date"))


def depart_date_html(self: HTML5Translator, node: page_date) -> None:
    self.body.append("</time>")


def visit_type_html(self: HTML5Translator, node: page_type) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_type_html(self: HTML5Translator, node: page_type) -> None:
    self.body.append("</span>")


def visit_field_html(self: HTML5Translator, node: page_field) -> None:
    if node.get("hidden"):
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "p", "", dir="auto"))


# --- every other writer -----------------------------------------------------------------------

def visit_paragraph(self: Any, node: nodes.Element) -> None:
    if node.get("hidden"):
        raise nodes.SkipNode
    self.visit_paragraph(node)


def depart_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_inline_text(self: Any, node: nodes.Element) -> None:
    """Inline nodes outside HTML: their text only."""


def depart_inline_text(self: Any, node: nodes.Element) -> None:
    pass


_OTHER_WRITERS = ("latex", "text", "man", "texinfo")


def add_nodes(app: Sphinx, visitors: dict[type[nodes.Element], tuple[Any, Any]], other: dict[type[nodes.Element], tuple[Any, Any]]) -> None:
    """Register nodes with their HTML visitors (under the ``html`` format only, so that every
    HTML builder keeps other extensions' visitors) and the plain ones for every other writer
    (registered as :mod:`.hero` registers its nodes)."""
    for node_class, html_pair in visitors.items():
        app.add_node(
            node_class,
            override=True,
            html=html_pair,
            **dict.fromkeys(_OTHER_WRITERS, other[node_class]),
        )


def setup(app: Sphinx) -> None:
    paragraph = (visit_paragraph, depart_paragraph)
    add_nodes(
        app,
        {
            page_dateline: (visit_dateline_html, depart_p_html),
            page_date: (visit_date_html, depart_date_html),
            page_type: (visit_type_html, depart_type_html),
            page_field: (visit_field_html, depart_p_html),
        },
        {page_dateline: paragraph, page_date: (visit_inline_text, depart_inline_text),
         page_type: (visit_inline_text, depart_inline_text), page_field: paragraph},
    )
    app.add_transform(SitePageHeader)
