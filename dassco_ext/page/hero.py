"""The hero header: front matter (``title``, ``description``, ``background``...) to page.

Reading: :class:`BuildHero` fills the placeholder the parser left after the page title with
real docutils nodes (pre-title, description, call-to-action buttons, a standard ``image``
node, the image credit). They exist, with source and line, before Sphinx's Locale transform,
so they can be translated, and the image is collected and copied like any Sphinx image.

Writing: HTML builders get the page's H1 moved *into* the hero by :class:`HeroTitleIntoHero`
(after the environment has recorded it as the page title), and dedicated visitors with stable
``dassco-hero-*`` classes. Every other writer renders the hero as plain paragraphs, image and
links, after the title.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.transforms import Transform
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from . import buttons, images, links
from .markdown import render_inline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .frontmatter import FrontMatter

MESSAGE_CATALOG = "dassco"
_ = get_translation(MESSAGE_CATALOG)


class hero(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """The hero section; ``height`` and ``overlay`` hold validated CSS values."""


class hero_body(nodes.General, nodes.Element):  # noqa: N801
    """The text column of the hero: pre-title, title (HTML), description, buttons."""


class hero_title(nodes.General, nodes.TextElement):  # noqa: N801
    """The page's H1, moved into the hero for HTML output only."""


class hero_pretitle(nodes.General, nodes.TextElement):  # noqa: N801
    """A short line above the title (front-matter ``preTitle``)."""


class hero_description(nodes.General, nodes.TextElement):  # noqa: N801
    """The page's description under the title (front-matter ``description``)."""


class hero_actions(nodes.General, nodes.TextElement):  # noqa: N801
    """The row of call-to-action buttons (front-matter ``cta``)."""


class hero_credit(nodes.General, nodes.Element):  # noqa: N801
    """The image credit (front-matter ``imageLicense``), behind an info icon in HTML."""


def _text_node(cls: type[nodes.TextElement], text: str, key: str, fm: FrontMatter) -> nodes.TextElement:
    node = cls(text, text, translatable=False, **{pipeline.FRONT_MATTER_KEY: key})
    node.source, node.line = fm.source, fm.line(key)
    return node


def resolve_background(value: str, env: BuildEnvironment, fm: FrontMatter) -> str | None:
    """The image URI for ``background``, or ``None`` (with one warning) when it is unusable.

    Paths are relative to the source root, as on the Jekyll site; they must stay inside it
    and name a real JPEG, PNG or GIF under its own extension, of at most
    ``dassco_max_image_pixels`` (:func:`.images.inspect_image`: the header only, nothing is
    decoded). Remote URLs only when ``dassco_remote_images`` is on.
    """
    location = fm.location("background")
    lowered = value.lower()
    if lowered.startswith(("http://", "https://")):
        if get_config(env.config).remote_images:
            return value
        warn(
            DasscoWarnings.BACKGROUND,
            f"background {value!r} is a remote URL; remote images are off "
            "(dassco_remote_images = False), so the hero has no image",
            location,
        )
        return None
    if ":" in value.split("/", 1)[0] or value.startswith("\\") or "\x00" in value:
        warn(DasscoWarnings.BACKGROUND, f"background {value!r} is not a path in the source tree", location)
        return None
    srcdir = Path(env.srcdir).resolve()
    try:
        candidate = (srcdir / value.lstrip("/")).resolve()  # "/x.jpg" is the source root, as on Jekyll
        if not candidate.is_relative_to(srcdir):
            warn(DasscoWarnings.BACKGROUND, f"background {value!r} is outside the source tree; it is not used", location)
            return None
        if not candidate.is_file():
            what = "a directory" if candidate.is_dir() else "not found"
            warn(DasscoWarnings.BACKGROUND, f"background {value!r} is {what} (paths are relative to the source root)", location)
            return None
        images.inspect_image(candidate, get_config(env.config).max_image_pixels)
    except images.ImageRefused as exc:
        warn(exc.kind, f"background {value!r} {exc}; the hero has no image", location)
        return None
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop...
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        warn(DasscoWarnings.BACKGROUND, f"background {value!r} cannot be read ({reason}); the hero has no image", location)
        return None
    return "/" + candidate.relative_to(srcdir).as_posix()


class BuildHero(Transform):
    """Replace the parser's placeholder with the hero's nodes (a pending transform)."""

    default_priority = pipeline.BUILD_HERO

    def apply(self, **kwargs: Any) -> None:
        pending: nodes.pending = self.startnode  # type: ignore[assignment]
        fm: FrontMatter = pending.details["front_matter"]
        env: BuildEnvironment = self.document.settings.env
        config = get_config(env.config)

        node = hero(
            classes=["dassco-hero"],
            height=fm.height or config.hero_height,
            overlay=fm.overlay_color or config.hero_overlay,
        )
        node.source, node.line = pending.source, pending.line

        if fm.background:
            uri = resolve_background(fm.background, env, fm)
            if uri:
                alt = fm.image_alt or config.image_alts.get(uri.lstrip("/"), "")
                if not alt:
                    warn(
                        DasscoWarnings.IMAGE_ALT,
                        "background has no imageAlt (nor an entry in dassco_image_alts); "
                        'the image is treated as decorative (alt="")',
                        fm.location("background"),
                    )
                image = nodes.image(uri=uri, alt=alt, classes=[pipeline.HERO_IMAGE_CLASS], **{pipeline.FRONT_MATTER_KEY: "imageAlt"})
                image["translatable"] = False
                image.source, image.line = fm.source, fm.line("imageAlt" if fm.image_alt else "background")
                node += image

        body = hero_body(classes=["dassco-hero-body"])
        if fm.pre_title:
            body += _text_node(hero_pretitle, fm.pre_title, "preTitle", fm)
        if fm.description:
            body += _text_node(hero_description, fm.description, "description", fm)
        if fm.cta:
            actions = hero_actions(classes=[buttons.ROW_CLASS])
            actions.source, actions.line = fm.source, fm.line("cta")
            for index, entry in enumerate(fm.cta):
                if index:
                    actions += nodes.Text(" ")
                link = links.make_link(entry.text, entry.href, fm.source, entry.line, env)
                if isinstance(link, nodes.Element):
                    link[pipeline.FRONT_MATTER_KEY] = "cta"
                    buttons.style_button(link, ["button", "is-primary"] if entry.primary else ["button"])
                actions += link
            body += actions
        node += body

        if fm.image_license:
            node += self.credit(fm)
        pending.replace_self(node)

    def credit(self, fm: FrontMatter) -> hero_credit:
        """The credit: a label (for non-HTML output) and the Markdown of ``imageLicense``."""
        source, line = fm.source, fm.line("imageLicense")
        label = str(_("Image credit"))
        paragraph = nodes.paragraph(translatable=False, rawsource=fm.image_license, **{pipeline.FRONT_MATTER_KEY: "imageLicense"})
        paragraph.source, paragraph.line = source, line
        paragraph += nodes.inline("", label + ": ", classes=["dassco-hero-credit-label"])
        paragraph.extend(render_inline(fm.image_license or "", self.document, source=source, line=line))
        ident = nodes.make_id(f"dassco-hero-credit-{self.document.settings.env.docname}")
        credit = hero_credit(label=label, tooltip_id=ident)
        credit.source, credit.line = source, line
        credit += paragraph
        return credit


class HeroTitleIntoHero(SphinxPostTransform):
    """HTML only: move the page's H1 into the hero, once the environment has its title."""

    default_priority = pipeline.HERO_TITLE
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(hero)):
            section = node.parent
            if not isinstance(section, nodes.section) or not isinstance(section[0], nodes.title):
                continue
            title = section[0]
            moved = hero_title("", "", *title.children)  # (rawsource, text, *children)
            moved.source, moved.line = title.source, title.line
            section.remove(title)
            body = next(iter(node.findall(hero_body)), None)
            if body is None:
                continue
            position = 1 if body.children and isinstance(body[0], hero_pretitle) else 0
            body.insert(position, moved)


# --- HTML --------------------------------------------------------------------------------------

def visit_hero_html(self: HTML5Translator, node: hero) -> None:
    style = f"--dassco-hero-height: {node['height']}; --dassco-hero-overlay: {node['overlay']}"
    # a hero without its background image is a compact title header (no forced height)
    has_image = any(isinstance(c, nodes.image) and pipeline.HERO_IMAGE_CLASS in c["classes"] for c in node)
    classes = "dassco-hero" + ("" if has_image else " dassco-hero-no-image dassco-hero-compact")
    self.body.append(f'<section class="{classes}" style="{html.escape(style)}">\n')


def depart_hero_html(self: HTML5Translator, node: hero) -> None:
    self.body.append("</section>\n")


def visit_hero_body_html(self: HTML5Translator, node: hero_body) -> None:
    self.body.append('<div class="dassco-hero-body">\n')


def depart_div_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def _visit_tag(tag: str, css_class: str) -> Any:
    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, "", CLASS=css_class, dir="auto"))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>\n")

    return visit, depart


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


def depart_hero_credit_html(self: HTML5Translator, node: hero_credit) -> None:
    self.body.append("</div>\n</div>\n")


# --- every other writer -----------------------------------------------------------------------

def visit_passthrough(self: Any, node: nodes.Element) -> None:
    """Wrappers have no markup outside HTML: their children are rendered in place."""


def depart_passthrough(self: Any, node: nodes.Element) -> None:
    pass


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


_OTHER_WRITERS = ("latex", "text", "man", "texinfo")


def setup(app: Sphinx) -> None:
    """Register the hero's nodes with a visitor for every writer, and its transforms."""
    passthrough = (visit_passthrough, depart_passthrough)
    as_paragraph = (visit_as_paragraph, depart_as_paragraph)
    html_visitors = {
        hero: (visit_hero_html, depart_hero_html),
        hero_body: (visit_hero_body_html, depart_div_html),
        hero_title: _visit_tag("h1", "dassco-hero-title"),
        hero_pretitle: _visit_tag("p", "dassco-hero-pretitle"),
        hero_description: _visit_tag("p", "dassco-hero-description"),
        hero_actions: _visit_tag("p", "dassco-hero-actions"),
        hero_credit: (visit_hero_credit_html, depart_hero_credit_html),
    }
    for node_class, html_pair in html_visitors.items():
        other = as_paragraph if issubclass(node_class, nodes.TextElement) else passthrough
        # under the *format* ``html`` only: Sphinx looks visitors up by builder name first and
        # takes the format's only when that name has none, so visitors under ``epub`` or
        # ``singlehtml`` would hide every other extension's html visitors from those builders
        app.add_node(node_class, override=True, html=html_pair, **dict.fromkeys(_OTHER_WRITERS, other))
    app.add_post_transform(HeroTitleIntoHero)
