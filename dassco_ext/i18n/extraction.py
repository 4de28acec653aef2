"""Messages kept from Locale while a page is read, offered to Sphinx's ``gettext`` builder.

The hero's texts (:mod:`.frontmatter` translates them as text, never as markup) and messages
whose translation was refused (:mod:`.markup`): :func:`offer_messages` hands them back to the
``gettext`` builder, which extracts them as any other message, without ``msgctxt``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.gettext import I18nBuilder

from .. import pipeline

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def front_matter_messages(doctree: nodes.Node) -> Iterator[tuple[nodes.Element, str, str]]:
    """``(node, key, msgid)`` for every front-matter text of a page."""
    for node in doctree.findall(nodes.Element):
        key = node.get(pipeline.FRONT_MATTER_KEY)
        if not key or isinstance(node, addnodes.pending_xref):
            continue  # a link to a site page: its text node carries the key
        if node.get(pipeline.FRONT_MATTER_MSGID):  # recorded before smart quotes changed the text
            msgid = node[pipeline.FRONT_MATTER_MSGID]
        elif isinstance(node, nodes.image):
            msgid = node.get("alt", "")
        else:
            msgid = (node.rawsource if key == "imageLicense" else node.astext()).strip()
        if msgid:
            yield node, key, msgid


def offer_messages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved`` of a ``gettext`` build: every message whose translation was
    refused, and every front-matter text (image alt texts already are), at its own line, are
    messages Sphinx extracts."""
    if not isinstance(app.builder, I18nBuilder):
        return
    for refused in doctree.findall(nodes.Element):
        if refused.get(pipeline.REFUSED_TRANSLATION):
            _offer(refused)
    for node, _key, msgid in list(front_matter_messages(doctree)):
        if isinstance(node, nodes.image):
            continue
        located: nodes.Node | None = node
        while located is not None and not (located.source and located.line):
            located = located.parent
        if located is not None:
            node.source, node.line = located.source, located.line
        node.rawsource = msgid
        _offer(node)


def _offer(node: nodes.Element) -> None:
    node["translatable"] = True
    if not hasattr(node, "uid"):  # what the catalog keys a message's origin by
        node.uid = ""  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", offer_messages)
