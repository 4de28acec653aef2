"""Inline Markdown from front matter (and its translations), rendered by MyST and made safe.

``imageLicense`` is Markdown written in YAML: links and emphasis must work as on the Jekyll
site, but raw HTML must not. The text is parsed inline only (no headings, lists or front
matter), with the page's own MyST configuration, and every raw node is turned back into
the literal text it came from, which the writers then escape. A translated paragraph may
keep the raw HTML snippets its source has (``keep_raw``).
"""

from __future__ import annotations

from collections.abc import Collection

from docutils import nodes
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser


def render_inline(
    text: str, document: nodes.document, *, source: str, line: int | None, keep_raw: Collection[str] = ()
) -> list[nodes.Node]:
    """Parse ``text`` as inline Markdown; return the nodes, located at ``source:line``.

    Raw HTML becomes text, except the snippets in ``keep_raw`` (exactly as written)."""
    env = document.settings.env
    fragment = new_document(source, document.settings)
    md = create_md_parser(env.myst_config, SphinxRenderer)
    md.options["document"] = fragment
    renderer: SphinxRenderer = md.renderer  # type: ignore[assignment]
    renderer.setup_render(md.options, {})
    paragraph = nodes.paragraph()
    with renderer.current_node_context(paragraph):
        renderer.nested_render_text(text.strip(), (line or 1) - 1, inline=True)
    for raw in list(paragraph.findall(nodes.raw)):
        if raw.astext() in keep_raw and raw.get("format") == "html":
            continue
        raw.replace_self(nodes.Text(raw.astext()))
    for node in paragraph.findall(nodes.Element):
        node.source, node.line = source, line
    return list(paragraph.children)
