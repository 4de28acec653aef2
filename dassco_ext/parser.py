"""The Markdown parser: MyST, with front matter read through the dassco-ext schema.

Jekyll pages keep their title in front matter and start their content at ``##``. MyST alone
would leave such a page without a title and warn that its headings start at H2. Here the
validated ``title`` becomes the page's H1 section *during* parsing, so the page's own ``##``
headings nest under it exactly as the reader sees them, and a placeholder for the hero is
left right after the title for :class:`dassco_ext.hero.BuildHero` to fill.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .frontmatter import FrontMatter, read_front_matter, title_from_docname
from .hero import BuildHero
from .markdown import DasscoRenderer, md_parser
from .warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx


class FrontMatterRenderer(DasscoRenderer):
    """MyST's Sphinx renderer, with front matter validated and turned into the page title."""

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """Validate front matter; keep MyST's metadata handling; open the H1 section."""
        env = self.sphinx_env
        source = self.document["source"]
        # MyST numbers a token's map from 1 (the opening --- is line 1): the YAML starts one after
        first_line = token_line(token, default=0) + 1
        front_matter = read_front_matter(
            str(token.content), source=source, docname=env.docname, first_line=first_line
        )
        if front_matter is None:
            # not a YAML mapping: warned once (MyST's own warning is not wanted); the page
            # still gets a title, so its ## headings nest and the toctree can name it
            self._open_title_section(
                FrontMatter(source=source, title=title_from_docname(env.docname),
                            lines={"title": first_line - 1}),
                hero=False,
            )
            return
        if front_matter.data and token.token is not None:
            token.token.content = front_matter.data  # MyST takes parsed data as it is (no 2nd parse)
        super().render_front_matter(token)
        if front_matter.title is not None:
            self._open_title_section(front_matter)
        elif front_matter.has_hero_keys:
            warn(
                DasscoWarnings.HERO_KEYS,
                "front matter has hero keys but no 'title'; add a title to get a hero header",
                front_matter.location(""),
            )
        env.temp_data["dassco_front_matter"] = front_matter

    def _open_title_section(self, front_matter: FrontMatter, *, hero: bool = True) -> None:
        title_text = front_matter.title or ""
        section = nodes.section(classes=["dassco-page"])
        section.source, section.line = front_matter.source, front_matter.line("title")
        self.update_section_level_state(section, 1)
        title = nodes.title(title_text, title_text, dassco_key="title")
        title.source, title.line = section.source, section.line
        section += title
        section["names"].append(nodes.fully_normalize_name(title_text))
        self.document.note_implicit_target(section, section)

        if hero:
            pending = nodes.pending(BuildHero, details={"front_matter": front_matter})
            pending.source, pending.line = section.source, section.line
            section += pending
            self.document.note_pending(pending)
        self.current_node = section


class DasscoMystParser(MystParser):
    """The ``markdown`` parser with :class:`FrontMatterRenderer` (MyST's parse, one class
    swapped, and the markdown-it parser reused: Sphinx parses every translated message too)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported (once) by the renderer
        else:
            if topmatter:
                merged = merge_file_level(
                    config,
                    topmatter,
                    lambda wtype, msg: create_warning(
                        document, msg, wtype, line=1, append_to=document
                    ),
                )
                # MyST returns a copy even when the page changes nothing: keeping the
                # build's own object lets the page share the build's markdown-it parser
                config = config if merged == config else merged
        with md_parser(config, FrontMatterRenderer) as parser:
            parser.options["document"] = document
            parser.render(inputstring)


def setup(app: Sphinx) -> None:
    """Replace MyST's Markdown parser with the front-matter-aware one."""
    app.add_source_parser(DasscoMystParser, override=True)
