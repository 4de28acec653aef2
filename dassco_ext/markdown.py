"""Inline Markdown from front matter (and its translations), rendered by MyST and made safe.

``imageLicense`` is Markdown written in YAML: links and emphasis must work as on the Jekyll
site, but raw HTML must not. The text is parsed inline only (no headings, lists or front
matter), with the page's own MyST configuration, and every raw node is turned back into
the literal text it came from, which the writers then escape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from myst_parser.config.main import MdParserConfig

#: The parser made for the last MyST configuration seen. Making a parser costs more than
#: parsing a credit line, and every hero has one; the renderer is reset on each use.
_parser: tuple[MdParserConfig, MarkdownIt] | None = None


def _inline_parser(config: MdParserConfig) -> MarkdownIt:
    """The parser for ``config`` (the build's own object: a new build gets a new parser)."""
    global _parser  # noqa: PLW0603 - a cache, not state
    if _parser is None or _parser[0] is not config:
        _parser = (config, create_md_parser(config, SphinxRenderer))
    return _parser[1]


def render_inline(text: str, document: nodes.document, *, source: str, line: int | None) -> list[nodes.Node]:
    """Parse ``text`` as inline Markdown; return the nodes, located at ``source:line``."""
    env = document.settings.env
    fragment = new_document(source, document.settings)
    md = _inline_parser(env.myst_config)
    md.options["document"] = fragment
    renderer: SphinxRenderer = md.renderer  # type: ignore[assignment]
    renderer.setup_render(md.options, {})
    paragraph = nodes.paragraph()
    with renderer.current_node_context(paragraph):
        renderer.nested_render_text(text.strip(), (line or 1) - 1, inline=True)
    for raw in list(paragraph.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    for node in paragraph.findall(nodes.Element):
        node.source, node.line = source, line
    return list(paragraph.children)
