"""Message extraction: Sphinx's ``gettext`` builder, plus front matter with a ``msgctxt``.

Sphinx's gettext builder only knows context-free messages of nodes that exist before Locale
runs. The hero's texts come from front matter, where one word ("About") can be both a title
and a button, so they are extracted with the front-matter key as ``msgctxt``:
:class:`ContextCatalogBuilder` is Sphinx's ``gettext`` builder plus those entries; the
front-matter nodes themselves are left out of the context-free messages.

Source references (``#: docs/about.md:4``) name each file relative to the project root (the
directory holding both the sources and the first of ``locale_dirs``: the repository root of
a site whose catalogs live in ``../locale``), so they name real files seen from the catalogs,
and the line that holds the text: a front-matter block scalar (``imageLicense: |``) points at
its first line of text, an alt text from ``dassco_image_alts`` at its line in ``conf.py``.
"""

from __future__ import annotations

import dataclasses as dc
import operator
import os
import re
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
from sphinx.util.osutil import canon_path, ensuredir

from .. import pipeline
from ..paths import TEMPLATES_DIR, write_whole

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


#: A front-matter line whose value is a YAML block scalar: its text starts on the next line.
_BLOCK_SCALAR_RE = re.compile(r"^\s*(?:-\s+)?[\w-]+\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$")


def project_root(srcdir: str | os.PathLike[str], locale_dirs: list[str]) -> str:
    """The directory source references are relative to: the nearest one holding both the
    sources and the translators' catalogs (the first of ``locale_dirs``)."""
    srcdir = os.path.abspath(srcdir)
    if not locale_dirs:
        return srcdir
    return os.path.commonpath([srcdir, os.path.abspath(os.path.join(srcdir, locale_dirs[0]))])


class _SourceLines:
    """Each file's lines, read once per build (to find where a front-matter text is)."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def __call__(self, path: str) -> list[str]:
        if path not in self._files:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as handle:
                    self._files[path] = handle.read().splitlines()
            except OSError:
                self._files[path] = []
        return self._files[path]


def text_location(node: nodes.Element, key: str, msgid: str, source: str, line: int,
                  lines: _SourceLines, confdir: str | None) -> tuple[str, int]:
    """The file and line that hold a front-matter text (``source:line`` is its key's)."""
    content = lines(source)
    if key == "imageAlt" and 0 < line <= len(content) and msgid not in content[line - 1] and confdir:
        # not the page's own imageAlt: the text comes from dassco_image_alts in conf.py
        conf = os.path.join(confdir, "conf.py")
        snippet = msgid[:40]
        for number, text in enumerate(lines(conf), 1):
            if snippet and snippet in text:
                return conf, number
    if 0 < line <= len(content) and _BLOCK_SCALAR_RE.match(content[line - 1]):
        for number in range(line + 1, len(content) + 1):
            if content[number - 1].strip():
                return source, number
    return source, line


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
        lines = self.__dict__.setdefault("_dassco_lines", _SourceLines())
        for node, context, msgid in front_matter_messages(doctree):
            source, line = text_location(
                node, context, msgid, node.source or str(self.env.doc2path(docname)), _line_of(node),
                lines, str(self.confdir) if self.confdir else None,
            )
            catalog.add(context + CONTEXT_SEPARATOR + msgid, MsgOrigin(source, line))

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
        root = project_root(self.srcdir, list(self.config.locale_dirs))
        context["source_path"] = lambda path: canon_path(os.path.relpath(path, root))
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
                write_whole(pofn, content.encode("utf-8"))


def setup(app: Sphinx) -> None:
    app.add_builder(ContextCatalogBuilder, override=True)
