"""Front matter through gettext: the hero's texts translated with their ``msgctxt``.

:class:`TranslateFrontMatter` translates them (after the hero is built, before Locale and
before the environment records the page title) from the page's own catalog, re-rendering
``imageLicense`` Markdown (a credit that adds HTML or changes a link is judged as a page's
paragraph would be).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .. import pipeline
from ..page.frontmatter import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, UNWRITABLE_RE
from ..page.markdown import render_inline
from ..warnings_ import DasscoWarnings, warn
from .catalogs import page_translations
from .extraction import CONTEXT_SEPARATOR, _line_of, front_matter_messages
from .markup import markup_changes, safe_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def keep_from_locale(node: nodes.Element) -> None:
    """Make Sphinx extract no message from ``node``: Locale must not translate a front-matter
    text without its context (nor ``gettext`` extract it without one).

    ``translatable = False`` says so, but for a text element Sphinx then renders the node as
    XML for a debug message on every pass over the page's messages, logged or not (about a
    tenth of a Danish build). A text element without raw source and an inline without the
    flag are passed over quietly; the message itself is kept in ``dassco_msgid``. Images
    (their alt text) and ``inline`` elements keep the flag: Sphinx unwraps flagged inlines
    when it writes, and a button's label must stay as it is."""
    if isinstance(node, nodes.image | nodes.inline):
        node["translatable"] = False
        return
    if not isinstance(node, nodes.Inline):
        node.rawsource = ""  # what Sphinx extracts from a text element (its shown text stays)
    node.attributes.pop("translatable", None)


class TranslateFrontMatter(SphinxTransform):
    """Translate the hero's texts as ``pgettext(key, text)`` would, from the page's catalog.

    The catalog is looked up directly (context and message joined by ``\\x04``, as compiled
    catalogs store them), merged over its fallbacks exactly as Sphinx's Locale does.
    """

    default_priority = pipeline.TRANSLATE_FRONT_MATTER

    def apply(self, **kwargs: Any) -> None:
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("dassco_key") and xref.children and isinstance(xref[0], nodes.inline):
                xref[0]["dassco_key"] = xref["dassco_key"]
                xref[0].source, xref[0].line = xref.source, xref.line
        found = list(front_matter_messages(self.document))
        for node, _key, msgid in found:
            node["dassco_msgid"] = msgid
            keep_from_locale(node)
        if not found or not self.config.language or not self.config.locale_dirs:
            return
        merged = page_translations(self.env, self.env.docname)
        for node, key, msgid in found:
            msgstr = merged.get(key + CONTEXT_SEPARATOR + msgid, "")
            if msgstr.strip() and msgstr != msgid:
                self.translate(node, key, msgstr.strip())

    def translate(self, node: nodes.Element, key: str, msgstr: str) -> None:
        msgstr = self.within_limits(node, key, msgstr)
        if isinstance(node, nodes.image):
            node["alt"] = msgstr
        elif key == "imageLicense":
            changes = markup_changes(node["dassco_msgid"], msgstr)
            if changes.targets or changes.added_html:
                rendered = safe_translation(
                    node, msgstr, changes, self.document, inline=True, location=(self.env.docname, _line_of(node))
                )
                if rendered is None:
                    return  # the source's credit
            else:
                rendered = render_inline(msgstr, self.document, source=node.source or "", line=node.line)
            label = [c for c in node.children if isinstance(c, nodes.Element) and "dassco-hero-credit-label" in c["classes"]]
            node.children = []
            node.extend(label)
            node.extend(rendered)
            node.rawsource = msgstr
        else:
            node.children = []
            node += nodes.Text(msgstr)


    def within_limits(self, node: nodes.Element, key: str, msgstr: str) -> str:
        """A translation is held to the lengths its source is (title 200, other texts 2,000
        characters) and to the same characters (none that cannot be written)."""
        limit = TITLE_MAX_LENGTH if key == "title" else TEXT_MAX_LENGTH
        location = (self.env.docname, _line_of(node))
        cleaned = UNWRITABLE_RE.sub("\ufffd", msgstr)
        if cleaned != msgstr:
            warn(
                DasscoWarnings.TEXT,
                f"the translation of front matter '{key}' holds characters that cannot be "
                "written (control characters or lone surrogates); each is shown as \ufffd",
                location,
            )
        if len(cleaned) > limit:
            warn(
                DasscoWarnings.TITLE if key == "title" else DasscoWarnings.KEY_TYPE,
                f"the translation of front matter '{key}' is {len(cleaned)} characters long; "
                f"it is cut to {limit}",
                location,
            )
            cleaned = cleaned[: limit - 1].rstrip() + "…"
        return cleaned


def setup(app: Sphinx) -> None:
    app.add_transform(TranslateFrontMatter)
