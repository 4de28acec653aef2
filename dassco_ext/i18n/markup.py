"""A translation keeps its source's links, buttons and HTML.

Translations come from many hands through a translation platform, and Sphinx's Locale
transform parses each ``msgstr`` as Markdown like a page's own text: raw HTML in it would
reach the page, and a changed ``(/data)`` or ``https://`` target would send readers
elsewhere (Sphinx only copies the attributes of cross-references whose target did not
change, and keeps a translated external URL as it is).

- :func:`markup_changes` compares a ``msgid`` with its ``msgstr``: link targets, attribute
  lists (a button's style), inline markup and raw HTML. ``make intl-check``
  (:mod:`dassco_ext.cli.intl`) and the build both judge translations with it.
- :class:`SafeTranslations` applies it while a page is read: a translation that adds raw
  HTML or changes a target is reported once and rendered safely instead of by Locale
  (:func:`safe_translation`, which the hero's translated credit goes through as well).
"""

from __future__ import annotations

import collections
import dataclasses as dc
import functools
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import parse_noqa
from sphinx.util.nodes import LITERAL_TYPE_NODES, extract_messages

from .. import pipeline
from ..page.markdown import render_inline
from ..warnings_ import DasscoWarnings, warn
from .catalogs import page_translations
from .extraction import CONTEXT_SEPARATOR

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: An attribute list in Markdown text: Kramdown's ``{: .x}`` or MyST's ``{.x}``.
_ATTR_LIST_RE = re.compile(r"\{:?[^{}\n]*\}")
#: A Kramdown attribute list left in the text by MyST (applied later by :mod:`.attrlists`).
_KRAMDOWN_IAL_RE = re.compile(r"\{:[^{}\n]*\}")
#: The nodes a link or an image becomes: their target attributes must be the source's.
_LINK_NODES = (nodes.reference, addnodes.pending_xref, nodes.image)
#: Attributes of a link that are not its target or style (the translation keeps its own).
_OWN_ATTRIBUTES = frozenset({"ids", "names", "dupnames", "backrefs", "alt", "translatable", "translated"})


@dc.dataclass(frozen=True)
class Markup:
    """What of a message must survive translation."""

    links: tuple[str, ...]
    attr_lists: tuple[str, ...]
    inline: tuple[tuple[str, int], ...]
    html: tuple[str, ...]


#: What a link (``[``, ``<`` autolink), an attribute list or raw HTML cannot be written without.
_TARGET_OR_HTML_RE = re.compile(r"[\[<{]")


@functools.cache
def _commonmark() -> MarkdownIt:
    """One parser for every message (making one costs more than parsing a paragraph)."""
    return MarkdownIt("commonmark")


@functools.lru_cache(maxsize=4096)
def markup_of(text: str) -> Markup:
    """The link targets, attribute lists, inline markup and raw HTML of a Markdown message.

    Cached: the build judges each message of a page, and ``intl-check`` every catalog."""
    md = _commonmark()
    links: list[str] = []
    inline: collections.Counter[str] = collections.Counter()
    raw: list[str] = []
    for token in md.parse(text):
        if token.type == "html_block":
            raw.append(token.content.strip())
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                links.append(str(child.attrGet("href") or child.attrGet("src")))
            if child.type == "html_inline":
                raw.append(child.content)
            if child.type in ("em_open", "strong_open", "code_inline", "image"):
                inline[child.type] += 1
    attrs = tuple(sorted(
        " ".join(m.group().split()) for m in _ATTR_LIST_RE.finditer(text)
        if m.group().startswith(("{:", "{."))
    ))
    return Markup(tuple(sorted(links)), attrs, tuple(sorted(inline.items())), tuple(raw))


@dc.dataclass(frozen=True)
class MarkupChanges:
    """How a translation's markup differs from its source's (empty: it does not)."""

    source: Markup
    translation: Markup

    @property
    def links(self) -> bool:
        return self.source.links != self.translation.links

    @property
    def attr_lists(self) -> bool:
        return self.source.attr_lists != self.translation.attr_lists

    @property
    def inline(self) -> bool:
        return self.source.inline != self.translation.inline

    @property
    def added_html(self) -> list[str]:
        """Raw HTML of the translation that its source does not have (by exact snippet)."""
        return [h for h in self.translation.html if h not in self.source.html]

    @property
    def targets(self) -> bool:
        """A link or a button that would go elsewhere, or look different."""
        return self.links or self.attr_lists


def markup_changes(msgid: str, msgstr: str) -> MarkupChanges:
    """Compare a translation with its source (the one judgement intl-check and the build share)."""
    return MarkupChanges(markup_of(msgid), markup_of(msgstr))


def may_change_targets(msgid: str, msgstr: str) -> bool:
    """``False`` when neither text can hold a link, an attribute list or raw HTML, so the
    translation can neither change a target nor add HTML (no Markdown parse needed)."""
    return bool(_TARGET_OR_HTML_RE.search(msgid) or _TARGET_OR_HTML_RE.search(msgstr))


def describe_targets(changes: MarkupChanges) -> str:
    """``link targets [...] -> [...]`` and/or ``attribute lists [...] -> [...]``, for messages."""
    parts = []
    if changes.links:
        parts.append(f"link targets {list(changes.source.links)} -> {list(changes.translation.links)}")
    if changes.attr_lists:
        parts.append(f"attribute lists {list(changes.source.attr_lists)} -> {list(changes.translation.attr_lists)}")
    return " and ".join(parts)


# --- at build time ------------------------------------------------------------------------------

def _links(node: nodes.Element) -> list[nodes.Element]:
    return [n for n in node.findall(nodes.Element) if isinstance(n, _LINK_NODES) and n is not node]


def _ials(node: nodes.Element) -> list[tuple[nodes.Text, re.Match[str]]]:
    found = []
    for text in node.findall(nodes.Text):
        if not isinstance(text.parent, nodes.FixedTextElement | nodes.literal):
            found += [(text, m) for m in _KRAMDOWN_IAL_RE.finditer(str(text))]
    return found


def keep_source_targets(source: nodes.Element, translated: list[nodes.Node]) -> bool:
    """Give each link and attribute list of ``translated`` the target and style of the
    source's one at the same position; ``False`` if they cannot be paired one to one."""
    holder = nodes.paragraph("", "", *translated)
    old_links, new_links = _links(source), _links(holder)
    old_ials, new_ials = _ials(source), _ials(holder)
    if len(old_links) != len(new_links) or len(old_ials) != len(new_ials):
        return False
    if any(type(old) is not type(new) for old, new in zip(old_links, new_links, strict=True)):
        return False
    for old, new in zip(old_links, new_links, strict=True):
        for key in set(new.attributes) - set(old.attributes) - _OWN_ATTRIBUTES:
            del new[key]
        for key, value in old.attributes.items():
            if key not in _OWN_ATTRIBUTES:
                new[key] = value.copy() if isinstance(value, list) else value
    replacements: dict[int, list[tuple[re.Match[str], str]]] = collections.defaultdict(list)
    texts: dict[int, nodes.Text] = {}
    for (_, old_match), (new_text, new_match) in zip(old_ials, new_ials, strict=True):
        texts[id(new_text)] = new_text
        replacements[id(new_text)].append((new_match, old_match.group()))
    for key, text in texts.items():
        value, pos, pieces = str(text), 0, []
        for match, original in replacements[key]:
            pieces += [value[pos : match.start()], original]
            pos = match.end()
        text.parent.replace(text, nodes.Text("".join(pieces) + value[pos:]))
    translated[:] = list(holder.children)
    return True


def safe_translation(
    node: nodes.Element, msgstr: str, changes: MarkupChanges, document: nodes.document, *, inline: bool,
    location: nodes.Node | tuple[str | None, int | None] | None = None,
) -> list[nodes.Node] | None:
    """``msgstr`` rendered for ``node`` (inline Markdown) with the source's targets and styles
    and its added HTML as text, after one warning at ``node``; ``None``: show the source.

    ``inline=False`` (titles and other elements that are not inline Markdown): the source.
    ``location`` is where to report it, if not at ``node``."""
    location = location or node
    translated: list[nodes.Node] | None = None
    if inline:
        translated = render_inline(
            msgstr, document, source=node.source or "", line=node.line, keep_raw=changes.source.html
        )
    if changes.targets:
        kept = translated is not None and keep_source_targets(node, translated)
        result = (
            "the source's targets and styles are kept" if kept
            else "its links cannot be paired with the source's, so the source text is shown"
        )
        extra = f"; raw HTML it adds is shown as text: {changes.added_html}" if kept and changes.added_html else ""
        warn(DasscoWarnings.TRANSLATION_TARGET, f"translation changes {describe_targets(changes)}: {result}{extra}", location)
        return translated if kept else None
    result = "it is shown as text" if translated is not None else "the source text is shown"
    warn(DasscoWarnings.TRANSLATION_MARKUP, f"translation adds raw HTML {changes.added_html}: {result}", location)
    return translated


class SafeTranslations(SphinxTransform):
    """Translate the messages whose translation adds raw HTML or changes a link's target or
    a button's style safely, with one warning each, and keep them from Locale.

    Priority 19: right before Sphinx's Locale (20), after the hero is translated (19, registered
    first). Taking such a message out of Locale's hands (``translatable = False``) means Locale
    never publishes the hostile Markdown, and Sphinx never reports it a second time (its
    "inconsistent term references" for a changed ``/data``). The attribute lists are still text
    here and are applied as usual later (22), with the source's; every other message is left
    to Locale.
    """

    default_priority = pipeline.SAFE_TRANSLATIONS

    def apply(self, **kwargs: Any) -> None:
        if not self.config.language or not self.config.locale_dirs:
            return
        merged = page_translations(self.env, self.env.docname)
        # the catalog first: most pages have no such message, and then the page is not walked
        unsafe = {msgid: changes for msgid, msgstr in merged.items() if (changes := _unsafe(msgid, msgstr))}
        if not unsafe:
            return
        for node, msgid in list(extract_messages(self.document)):
            if msgid not in unsafe:
                continue
            if not isinstance(node, nodes.TextElement) or isinstance(node, LITERAL_TYPE_NODES):
                continue
            msgstr, _noqa = parse_noqa(merged[msgid])
            self.translate_safely(node, msgstr.strip(), unsafe[msgid])

    def translate_safely(self, node: nodes.TextElement, msgstr: str, changes: MarkupChanges) -> None:
        node["translatable"] = False  # Locale leaves it alone
        translated = safe_translation(node, msgstr, changes, self.document, inline=isinstance(node, nodes.paragraph))
        if translated is not None:
            node.children = []
            node.extend(translated)
            node["translated"] = True
        else:
            node["translated"] = False  # the source is shown (i18n.fallback marks its language)


def _unsafe(msgid: str, msgstr: str) -> MarkupChanges | None:
    """The changes of a translation that changes a target or adds raw HTML, else ``None``
    (untranslated, unchanged, or only its words differ)."""
    if CONTEXT_SEPARATOR in msgid:
        return None  # a front-matter message: translated with its context (TranslateFrontMatter)
    msgstr, _noqa = parse_noqa(msgstr)
    if not msgstr.strip() or msgstr == msgid or not may_change_targets(msgid, msgstr):
        return None
    changes = markup_changes(msgid, msgstr)
    return changes if changes.targets or changes.added_html else None


def setup(app: Sphinx) -> None:
    app.add_transform(SafeTranslations)
