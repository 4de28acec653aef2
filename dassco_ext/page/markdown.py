"""MyST's Markdown machinery as dassco-ext uses it: one renderer class, reused parsers, and
inline Markdown from front matter (and its translations), rendered by MyST and made safe.

``imageLicense`` is Markdown written in YAML: links and emphasis must work as on the Jekyll
site, but raw HTML must not. The text is parsed inline only (no headings, lists or front
matter), with the page's own MyST configuration, and every raw node is turned back into
the literal text it came from, which the writers then escape. A translated paragraph may
keep the raw HTML snippets its source has (``keep_raw``).

Speed: Sphinx parses every page *and every translated message* (``Locale``) with the
source parser, so a Danish build parses thousands of small documents. Making a markdown-it
parser costs more than parsing a paragraph, so :func:`md_parser` reuses idle ones; and
:class:`DasscoRenderer` skips a throw-away docutils document MyST builds on every render,
and the ``realpath`` MyST asks for on every site link (``/data``) that names no file.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes

if TYPE_CHECKING:
    from collections.abc import Iterator, MutableMapping

    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx


class DasscoRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, set up without building a document it does not use."""

    def setup_render(self, options: dict[str, Any], env: MutableMapping[str, Any]) -> None:
        """MyST's own set-up, minus ``options.get("document", make_document())``.

        MyST evaluates that default (fresh docutils settings: ~6 ms) even when a document
        is given, as it always is here: a 300-page Danish build paid it 6,000 times, a
        quarter of the build. The attributes set are MyST 5's (a test compares them).
        """
        if "document" not in options:
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        """MyST's, with one step made cheap for a site path such as ``/data``.

        MyST asks Sphinx where every such link points on disk (``relfn2path``: a
        ``realpath``, one ``lstat`` per directory above the source tree) only to see whether
        it names a file; a site path names a page, and one ``stat`` of the same path says so.
        A path that climbs (``..``, which ``realpath`` and the kernel may resolve apart) or
        that may name a file takes MyST's own way; a test compares both ways' nodes. A path
        with a NUL (``%00`` in the link) names no file either: MyST's way would end the build
        with a traceback."""
        env = self.sphinx_env
        destination = self._handle_relative_docs(self.md.normalizeLinkText(str(token.attrGet("href") or "")))
        path_dest = destination.split("#", 1)[0]
        if "\x00" not in path_dest and not self._names_nothing_on_disk(path_dest):
            super().render_link_unknown(token)
            return
        explicit = token.info != "auto" and len(token.children or []) > 0
        wrap_node = addnodes.pending_xref(
            refdomain=None, reftarget=destination, refdoc=env.docname, reftype="myst", refexplicit=explicit
        )
        self._process_wrap_node(wrap_node, token, explicit, ["xref", "myst"], path_dest)

    def _names_nothing_on_disk(self, path_dest: str) -> bool:
        """``True`` for a site path (``/x``) with nothing at that path under the source tree."""
        parts = Path(path_dest).parts
        srcdir = self.sphinx_env.srcdir
        return bool(srcdir) and parts[:1] == ("/",) and ".." not in parts and not os.path.lexists(srcdir.joinpath(*parts[1:]))


#: Idle parsers, one per renderer class, with the MyST configuration each was made for and
#: the renderer attributes it was made with. An idle parser holds no document (so no
#: environment), and the build's end empties this (:func:`forget_idle`).
_idle: dict[type, tuple[MdParserConfig, MarkdownIt, frozenset[str]]] = {}


@contextmanager
def md_parser(config: MdParserConfig, renderer_class: type[DasscoRenderer]) -> Iterator[MarkdownIt]:
    """A markdown-it parser for ``config``: the idle one made for that very configuration
    object (each build has its own), else a new one. A parser in use is not idle, so a
    parse inside a parse gets its own; the renderer is reset by every render."""
    cached = _idle.pop(renderer_class, None)
    if cached is not None and cached[0] is config:
        md, made_with = cached[1], cached[2]
    else:
        md = create_md_parser(config, renderer_class)
        made_with = frozenset(vars(md.renderer))
    try:
        yield md
    finally:
        # what a render set (the document, its reporter, the current node, the markdown-it
        # environment) goes, so an idle parser keeps no document and no Sphinx environment
        md.options.pop("document", None)
        for name in set(vars(md.renderer)) - made_with:
            delattr(md.renderer, name)
        _idle[renderer_class] = (config, md, made_with)


def forget_idle(*args: object) -> None:
    """On ``build-finished``: the build's parsers (made for its configuration) go with it."""
    _idle.clear()


def setup(app: Sphinx) -> None:
    app.connect("build-finished", forget_idle)


def detach(children: list[nodes.Node]) -> None:
    """Let nodes parsed in a document of their own belong to wherever they are put.

    docutils gives every node a reference to the document it was made in; nodes moved into a
    page keep it, and pickling the page's doctree then pickles that whole document too
    (reporter, transformer and all: a Danish doctree was 7 times the English one, and saving
    it took a third of the Danish build). Without the reference a node finds its document
    through its parent, as docutils does for nodes made outside any document."""
    for child in children:
        for node in child.findall():
            node._document = None


def inline_tokens(text: str, config: MdParserConfig) -> list[Any]:
    """markdown-it's tokens of ``text`` read as :func:`render_inline` reads it (inline, stripped)."""
    with md_parser(config, DasscoRenderer) as md:
        return md.parseInline(text.strip(), {})


def render_inline(
    text: str, document: nodes.document, *, source: str, line: int | None, keep_raw: Collection[str] = ()
) -> list[nodes.Node]:
    """Parse ``text`` as inline Markdown; return the nodes, located at ``source:line``.

    Raw HTML becomes text, except the snippets in ``keep_raw`` (exactly as written)."""
    env = document.settings.env
    fragment = new_document(source, document.settings)
    paragraph = nodes.paragraph()
    with md_parser(env.myst_config, DasscoRenderer) as md:
        md.options["document"] = fragment
        renderer: DasscoRenderer = md.renderer  # type: ignore[assignment]
        renderer.setup_render(md.options, {})
        with renderer.current_node_context(paragraph):
            renderer.nested_render_text(text.strip(), (line or 1) - 1, inline=True)
    for raw in list(paragraph.findall(nodes.raw)):
        if raw.astext() in keep_raw and raw.get("format") == "html":
            continue
        raw.replace_self(nodes.Text(raw.astext()))
    for node in paragraph.findall(nodes.Element):
        node.source, node.line = source, line
    detach(paragraph.children)
    return list(paragraph.children)
