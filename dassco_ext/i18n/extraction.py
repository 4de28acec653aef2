"""Message extraction: Sphinx's ``gettext`` builder, plus front matter with a ``msgctxt``.

Sphinx's gettext builder only knows context-free messages of nodes that exist before Locale
runs. The hero's texts come from front matter, where one word ("About") can be both a title
and a button, so they are extracted with the front-matter key as ``msgctxt``:
:class:`ContextCatalogBuilder` is Sphinx's ``gettext`` builder plus those entries; the
front-matter nodes themselves are left out of the context-free messages.
"""

from __future__ import annotations

import dataclasses as dc
import operator
import os
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.gettext import (
    Catalog,
    GettextRenderer,
    MessageCatalogBuilder,
    MsgOrigin,
    ctime,
    should_write,
)
from sphinx.util.display import status_iterator
from sphinx.util.i18n import docname_to_domain
from sphinx.util.osutil import ensuredir

from .. import pipeline
from ..paths import TEMPLATES_DIR

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

#: gettext's separator between context and message id in compiled catalogs.
CONTEXT_SEPARATOR = "\x04"


def front_matter_messages(doctree: nodes.Node) -> Iterator[tuple[nodes.Element, str, str]]:
    """``(node, msgctxt, msgid)`` for every front-matter text of a page."""
    for node in doctree.findall(nodes.Element):
        key = node.get(pipeline.FRONT_MATTER_KEY)
        if not key:
            continue
        if node.get(pipeline.FRONT_MATTER_MSGID):  # recorded before smart quotes changed the text
            yield node, key, node[pipeline.FRONT_MATTER_MSGID]
        elif isinstance(node, addnodes.pending_xref):
            continue  # its text node carries the key (it survives the link's resolution)
        elif isinstance(node, nodes.image):
            if node.get("alt"):
                yield node, key, node["alt"]
        elif key == "imageLicense":
            if node.rawsource:
                yield node, key, node.rawsource.strip()
        else:
            text = node.astext().strip()
            if text:
                yield node, key, text


def _line_of(node: nodes.Node) -> int:
    """The node's line, else its nearest ancestor's (links made from front matter have none)."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return current.line
        current = current.parent
    return 1


class ContextCatalog(Catalog):
    """Sphinx's catalog, without context-free copies of front-matter nodes."""

    def add(self, msg: str, origin: Any) -> None:
        if isinstance(origin, nodes.Element) and origin.get(pipeline.FRONT_MATTER_KEY):
            return
        super().add(msg, origin)


@dc.dataclass(frozen=True)
class ContextMessage:
    """One ``.pot`` entry, with its ``msgctxt`` (``None`` for content)."""

    context: str | None
    text: str
    locations: list[tuple[str, int]]
    uuids: list[str]


class ContextCatalogBuilder(MessageCatalogBuilder):
    """The ``gettext`` builder, with front-matter entries carrying ``msgctxt``."""

    def init(self) -> None:
        super().init()
        self.catalogs = defaultdict(ContextCatalog)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        super().write_doc(docname, doctree)
        catalog = self.catalogs[docname_to_domain(docname, self.config.gettext_compact)]
        for node, context, msgid in front_matter_messages(doctree):
            origin = MsgOrigin(node.source or str(self.env.doc2path(docname)), _line_of(node))
            catalog.add(context + CONTEXT_SEPARATOR + msgid, origin)

    def finish(self) -> None:
        """Sphinx's ``finish``, with a template that writes ``msgctxt``."""
        context = {
            "version": self.config.version,
            "copyright": self.config.copyright,
            "project": self.config.project,
            "last_translator": self.config.gettext_last_translator,
            "language_team": self.config.gettext_language_team,
            "ctime": ctime,
            "display_location": self.config.gettext_location,
            "display_uuid": self.config.gettext_uuid,
        }
        template_path = [self.srcdir / p for p in self.config.templates_path] + [TEMPLATES_DIR]
        for textdomain, catalog in status_iterator(
            self.catalogs.items(), "writing message catalogs... ", "darkgreen",
            len(self.catalogs), self.config.verbosity, operator.itemgetter(0),
        ):
            ensuredir(self.outdir / os.path.dirname(textdomain))
            messages = []
            for message in catalog:
                ctxt, sep, text = message.text.rpartition(CONTEXT_SEPARATOR)
                messages.append(ContextMessage(ctxt if sep else None, text, message.locations, message.uuids))
            context["messages"] = messages
            content = GettextRenderer(template_path, outdir=self.outdir).render("message.pot.jinja", context)
            pofn = self.outdir / f"{textdomain}.pot"
            if should_write(pofn, content):
                pofn.write_text(content, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_builder(ContextCatalogBuilder, override=True)
