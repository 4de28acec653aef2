"""Inline Markdown from front matter (``imageLicense``), rendered by MyST.

Raw HTML becomes its literal text (but the snippets in ``keep_raw``), a ``{download}`` link its
label: a credit never publishes a file.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from docutils import nodes
from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes

from .filepaths import drop_impossible_links


def render_inline(
    text: str,
    document: nodes.document,
    *,
    source: str,
    line: int | None,
    keep_raw: Collection[str] = (),
) -> list[nodes.Node]:
    """Parse ``text`` as inline Markdown, in a document of its own; the nodes, at ``source:line``.
    A link to a path that can never be a file is its text (one warning)."""
    env = document.settings.env
    text = drop_impossible_links(
        text, str(env.srcdir), env.docname, env.config.myst_url_schemes, line or 1
    )
    md = create_md_parser(env.myst_config, SphinxRenderer)
    md.options["document"] = new_document(source, document.settings)
    renderer = cast(SphinxRenderer, md.renderer)
    renderer.setup_render(dict(md.options), {})
    paragraph = nodes.paragraph()
    with renderer.current_node_context(paragraph):
        renderer.nested_render_text(text.strip(), (line or 1) - 1, inline=True)
    for node in list(paragraph.findall(nodes.raw)):
        if node.astext() not in keep_raw or node.get("format") != "html":
            node.replace_self(nodes.Text(node.astext()))
    for download in list(paragraph.findall(addnodes.download_reference)):
        download.replace_self(nodes.inline(download.rawsource, "", *download.children))
    for element in paragraph.findall(nodes.Element):
        element.source, element.line = source, line
    return list(paragraph.children)
