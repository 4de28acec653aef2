"""The Markdown parser: MyST, with front matter read through the dassco-ext schema.

Jekyll pages keep their title in front matter and start their content at ``##``. MyST alone
would leave such a page without a title and warn that its headings start at H2. Here the
validated ``title`` becomes the page's H1 section *during* parsing, so the page's own ``##``
headings nest under it exactly as the reader sees them, and a placeholder for the hero is
left right after the title for :class:`dassco_ext.page.hero.BuildHero` to fill.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from myst_parser.config.main import MdParserConfig, merge_file_level
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, at, warn
from .frontmatter import (
    FrontMatter,
    FrontMatterTooLarge,
    load_yaml,
    read_front_matter,
    title_from_docname,
)
from .hero import BuildHero
from .markdown import DasscoRenderer, detach, md_parser

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
            str(token.content), source=source, docname=env.docname, first_line=first_line,
            languages=tuple(get_config(env.config).languages) or ("en",),
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
        env.temp_data[pipeline.FRONT_MATTER_DATA] = front_matter

    def _open_title_section(self, front_matter: FrontMatter, *, hero: bool = True) -> None:
        title_text = front_matter.title or ""
        section = nodes.section(classes=["dassco-page"])
        section.source, section.line = front_matter.source, front_matter.line("title")
        self.update_section_level_state(section, 1)
        title = nodes.title(title_text, title_text, **{pipeline.FRONT_MATTER_KEY: "title"})
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


#: The front-matter keys MyST takes page settings from (``myst``, and two it still accepts).
_MYST_KEYS_RE = re.compile(r"myst|html_meta|substitutions")


def read_topmatter(text: str) -> dict[str, Any] | None:
    """MyST's ``read_topmatter``, for the page-level MyST settings only, parsed by libyaml.

    The same lines as MyST's (from a first line starting ``---`` to one starting ``---`` or
    ``...``); ``None`` when there is none, when it holds no key MyST reads (then it is not
    parsed here: the renderer parses it once, for the page), or when it is not a YAML
    mapping (the renderer reports that, once)."""
    if not text.startswith("---"):
        return None
    lines = iter(text.splitlines())
    next(lines)
    block = []
    for line in lines:
        if line.startswith(("---", "...")):
            break
        block.append(line.rstrip() + "\n")
    text = "".join(block)
    if not _MYST_KEYS_RE.search(text) and "\\" not in text:
        return None  # no key MyST reads here (``myst`` and two old ones), no escape to hide one
    try:
        data, _root = load_yaml(text)
    except (yaml.YAMLError, FrontMatterTooLarge, RecursionError):
        return None  # the renderer reports it, once
    return data if isinstance(data, dict) else None


#: The MyST options a page may set in its front matter (``myst:``): presentation of the
#: page itself only. Anything else is ignored with one ``dassco.myst_option`` warning: above
#: all ``enable_extensions`` (``substitution`` runs Jinja at build time), ``substitutions``,
#: ``sub_delimiters``, ``fence_as_directive``, ``url_schemes`` (``javascript:`` links),
#: ``disable_syntax``, ``commonmark_only``/``gfm_only``, ``ref_domains`` and
#: ``suppress_warnings``.
MYST_PAGE_OPTIONS = frozenset({
    "heading_anchors",
    "heading_anchors_html_ids",
    "number_code_blocks",
    "footnote_sort",
    "footnote_transition",
    "links_external_new_tab",
    "all_links_external",
    "linkify_fuzzy_links",
    "enable_checkboxes",
    "strikethrough_single_tilde",
    "colon_fence_exact_match",
    "highlight_code_blocks",
    "words_per_minute",
    "dmath_allow_labels",
    "dmath_allow_space",
    "dmath_allow_digits",
    "dmath_double_inline",
    "html_meta",
})
#: ``html_meta`` keys that would make the page do something (``http-equiv`` refresh or
#: cookies) rather than describe it.
_REFUSED_META_RE = re.compile(r"\s*http-equiv\b", re.IGNORECASE)


def allowed_myst_options(topmatter: dict[str, Any], source: str, text: str) -> dict[str, Any]:
    """The part of a page's front matter MyST may read: the allowlisted ``myst:`` options
    (:data:`MYST_PAGE_OPTIONS`) and a top-level ``html_meta``; one warning per refused one,
    at the ``myst:`` key's line."""
    line = next(
        (n for n, row in enumerate(text.splitlines(), 1) if re.match(r"[\"']?(myst|substitutions)\b", row)), 1
    )
    location = at(source, line)
    allowed: dict[str, Any] = {}
    myst = topmatter.get("myst")
    if isinstance(myst, dict):
        options = {}
        for name, value in myst.items():
            if name in MYST_PAGE_OPTIONS:
                options[name] = value
            else:
                warn(
                    DasscoWarnings.MYST_OPTION,
                    f"front matter 'myst: {name}' cannot be set on a page (allowed: "
                    f"{', '.join(sorted(MYST_PAGE_OPTIONS))}); it is ignored",
                    location,
                )
        allowed["myst"] = options
    elif myst is not None:
        allowed["myst"] = myst  # MyST reports that it is not a mapping
    if "substitutions" in topmatter:
        warn(
            DasscoWarnings.MYST_OPTION,
            "front matter 'substitutions' cannot be set on a page (they run templates); it is ignored",
            location,
        )
    if "html_meta" in topmatter:
        allowed["html_meta"] = topmatter["html_meta"]
    for holder in (allowed, allowed.get("myst") if isinstance(allowed.get("myst"), dict) else {}):
        meta = holder.get("html_meta")
        if isinstance(meta, dict):
            refused = [str(k) for k in meta if _REFUSED_META_RE.match(str(k))]
            for key in refused:
                warn(
                    DasscoWarnings.MYST_OPTION,
                    f"front matter 'html_meta' {key!r} would make the page act, not describe it; it is ignored",
                    location,
                )
            holder["html_meta"] = {k: v for k, v in meta.items() if str(k) not in refused}
    return allowed


#: The end of the source name Sphinx gives the document of a translated message.
_TRANSLATED = ":<translated>"
#: A message that is one plain paragraph for CommonMark with MyST's inline extensions: it
#: starts with a letter (no list, heading or code block), ends without blanks, and has no
#: character that can open markup, an entity, an escape or a line break.
_PLAIN_MESSAGE_RE = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()/%\u2013\u2014-])*(?<! )")
#: MyST extensions that change plain text (typography, bare URLs): no shortcut with them
#: (nor with ``myst_gfm_only``, which links bare URLs too).
_TEXT_EXTENSIONS = frozenset({"smartquotes", "replacements", "linkify"})


class DasscoMystParser(MystParser):
    """The ``markdown`` parser with :class:`FrontMatterRenderer` (MyST's parse, one class
    swapped, and the markdown-it parser reused).

    Sphinx also parses every translated message with it (``Locale`` publishes each
    ``msgstr`` as a document of its own, most of them twice: once to look for a renamed
    section title, once to translate). A message's document is kept for the page being read
    and the second parse is a copy of the first; a message that is plain words becomes its
    paragraph directly (exactly what MyST makes of it; a test compares them).
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        source = document.get("source") or ""
        if source.endswith(_TRANSLATED):
            self._parse_message(inputstring, document, config)
            return
        topmatter = read_topmatter(inputstring)
        if topmatter:
            topmatter = allowed_myst_options(topmatter, source, inputstring)
        if topmatter:
            merged = merge_file_level(
                config,
                topmatter,
                lambda wtype, msg: create_warning(document, msg, wtype, line=1, append_to=document),
            )
            # MyST returns a copy even when the page changes nothing: keeping the build's own
            # object lets the page share the build's markdown-it parser
            config = config if merged == config else merged
        self._render(inputstring, document, config, keep_inline=True)

    @staticmethod
    def _render(
        inputstring: str, document: nodes.document, config: MdParserConfig, parsed: tuple[Any, dict] | None = None,
        *, keep_inline: bool = False,
    ) -> None:
        """MyST's render of ``inputstring``; ``parsed``: its markdown-it tokens and environment,
        when the build's own configuration parsed it already (the judgement of a translation).
        ``keep_inline`` (a page): its inline tokens kept by text for the judgement
        (:data:`~dassco_ext.pipeline.PAGE_INLINE_TOKENS`)."""
        with md_parser(config, FrontMatterRenderer) as parser:
            parser.options["document"] = document
            if parsed is None:
                md_env: dict = {}
                parsed = parser.parse(inputstring, md_env), md_env
                if keep_inline:
                    kept: dict[str, Any] = {}
                    for token in parsed[0]:
                        if token.type == "inline":
                            kept.setdefault(token.content, token)
                    document.settings.env.temp_data[pipeline.PAGE_INLINE_TOKENS] = kept
            parser.renderer.render(parsed[0], parser.options, parsed[1])

    def _parse_message(self, inputstring: str, document: nodes.document, config: MdParserConfig) -> None:
        """A translated message: as a plain paragraph, from the page's memo, or by MyST."""
        if self._plain_paragraph(inputstring, document, config):
            detach(document.children)
            return  # made again as cheaply as copied: not kept
        memo: dict[tuple[str, str], list[nodes.Node]] = document.settings.env.temp_data.setdefault(
            "dassco_message_doctrees", {}
        )
        key = (document["source"], inputstring)
        kept = memo.get(key)
        if kept is None:
            parsed = document.settings.env.temp_data.get(pipeline.MESSAGE_TOKENS, {}).pop(inputstring, None)
            self._render(inputstring, document, config, parsed)
            detach(document.children)  # they are moved into the page; this document is not
            memo[key] = kept = [child.deepcopy() for child in document.children]
            detach(kept)  # Sphinx's deepcopy gives copies the original's document
        else:
            copies = [child.deepcopy() for child in kept]
            detach(copies)
            document.extend(copies)

    @staticmethod
    def _plain_paragraph(text: str, document: nodes.document, config: MdParserConfig) -> bool:
        """Append ``text`` as MyST's paragraph of it, if it is plain words; ``False`` if not."""
        if (
            not _PLAIN_MESSAGE_RE.fullmatch(text)
            or config.gfm_only
            or _TEXT_EXTENSIONS.intersection(config.enable_extensions)
        ):
            return False
        paragraph = nodes.paragraph(text, "")
        paragraph.line, paragraph.source = 1, document["source"]
        document.current_line = 1
        document += paragraph
        paragraph += nodes.Text(text)
        return True


def setup(app: Sphinx) -> None:
    """Replace MyST's Markdown parser with the front-matter-aware one."""
    app.add_source_parser(DasscoMystParser, override=True)
