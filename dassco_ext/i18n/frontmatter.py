"""The hero's texts translated as text, before Locale (which would parse them as markup).

:class:`TranslateFrontMatter` keeps every front-matter text from Locale and translates it
from the page's catalog (by its English text alone: one text, one translation), else from
the page's per-language values. Plain keys become text; the ``imageLicense`` credit is inline
Markdown, judged as every message is (:func:`~.markup.judge`) in every language the build
judges (:func:`~.coverage.languages_to_judge`); :data:`REFUSED_CREDITS` holds the refused ones
for the page's count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging as sphinx_logging

from .. import pipeline
from ..page.frontmatter import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, UNWRITABLE_RE
from ..page.markdown import render_inline
from ..warnings_ import DasscoWarnings, warn
from .catalogs import page_translations
from .coverage import languages_to_judge
from .extraction import front_matter_messages
from .markup import Verdict, judge, reorder_flagged, report
from .perlanguage import fallback_translations

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: ``env.temp_data`` key: the page's front-matter messages whose translation the build refuses,
#: by language (every language judged has a key).
REFUSED_CREDITS = "dassco_refused_front_matter"


class _EverySnippet:
    """``keep_raw`` for :func:`render_inline` that keeps every raw HTML snippet."""

    def __contains__(self, item: object) -> bool:
        return True


def front_matter_translation(env: BuildEnvironment, msgid: str, language: str | None = None) -> str:
    """The translation of a front-matter text into ``language`` (default: the build's): the
    catalog's, else the page's own value."""
    language = language or env.config.language
    merged = page_translations(env, env.docname, language) if env.config.locale_dirs else {}
    msgstr = merged.get(msgid, "")
    if msgstr.strip():  # a translator's msgstr, even one equal to the msgid, wins
        return msgstr
    fm = env.temp_data.get(pipeline.FRONT_MATTER_DATA)
    return fallback_translations(fm, language).get(msgid, "")


def credit_parts(node: nodes.Element) -> tuple[list[nodes.Node], list[nodes.Node]]:
    """The hero credit's label ("Image credit:") and its text."""
    label: list[nodes.Node] = [
        c
        for c in node.children
        if isinstance(c, nodes.Element) and "dassco-hero-credit-label" in c["classes"]
    ]
    return label, [c for c in node.children if c not in label]


def _front_matter_fields(document: nodes.document) -> list[nodes.Element]:
    """The field list MyST makes of the front matter (the page's first element), or its docinfo."""
    skipped = (nodes.comment, nodes.target, nodes.pending, nodes.substitution_definition)
    first = next((c for c in document.children if not isinstance(c, skipped)), None)
    return [
        *document.findall(nodes.docinfo),
        *([first] if isinstance(first, nodes.field_list) else []),
    ]


class TranslateFrontMatter(SphinxTransform):
    """Keep the hero's texts (and the front matter's field list) from Locale; translate the texts."""

    default_priority = pipeline.TRANSLATE_FRONT_MATTER

    def apply(self, **kwargs: Any) -> None:
        for xref in self.document.findall(addnodes.pending_xref):
            if (
                xref.get(pipeline.FRONT_MATTER_KEY)
                and xref.children
                and isinstance(xref[0], nodes.inline)
            ):
                xref[0][pipeline.FRONT_MATTER_KEY] = xref[pipeline.FRONT_MATTER_KEY]
                xref[0].source, xref[0].line = xref.source, xref.line
        for fields in _front_matter_fields(self.document):
            for text in fields.findall(nodes.TextElement):
                text["translatable"] = False  # never shown: Sphinx removes it once the page is read
        found = list(front_matter_messages(self.document))
        for node, _key, msgid in found:
            node[pipeline.FRONT_MATTER_MSGID] = msgid
            if isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline):
                node.rawsource = ""  # what Locale would extract (the text shown stays)
                node.attributes.pop("translatable", None)
        credits = [(node, msgid) for node, key, msgid in found if key == "imageLicense"]
        refused: dict[str, set[str]] = {}
        for language in languages_to_judge(self.env):
            refused[language] = set()
            if language == self.config.language:
                continue  # judged as it is translated (:meth:`translate`)
            for node, msgid in credits:
                msgstr = front_matter_translation(self.env, msgid, language).strip()
                if msgstr and msgstr != msgid and not self.judge_credit(node, msgstr, language).ok:
                    refused[language].add(msgid)
        self.env.temp_data[REFUSED_CREDITS] = refused
        if not self.config.language:
            return
        for node, key, msgid in found:
            msgstr = front_matter_translation(self.env, msgid)
            if msgstr.strip() and msgstr != msgid:
                self.translate(node, key, self.within_limits(node, key, msgstr.strip()))

    def parse_credit(self, node: nodes.Element, text: str, keep_raw: Any = ()) -> list[nodes.Node]:
        return render_inline(
            text, self.document, source=node.source or "", line=node.line, keep_raw=keep_raw
        )

    def judge_credit(self, node: nodes.Element, msgstr: str, language: str) -> Verdict:
        """The credit's translation judged, with its raw HTML as HTML (which the credit then
        shows as text, as the source's)."""
        msgid, docname = node[pipeline.FRONT_MATTER_MSGID], self.env.docname
        return judge(
            msgid,
            msgstr,
            lambda text: nodes.paragraph("", "", *self.parse_credit(node, text, _EverySnippet())),
            reorder=lambda: reorder_flagged(self.env, docname, msgid, language),
        )

    def translate(self, node: nodes.Element, key: str, msgstr: str) -> None:
        if isinstance(node, nodes.image):
            node["alt"] = msgstr
            return
        if key != "imageLicense":
            node.children = []
            node += nodes.Text(msgstr)
            return
        verdict = self.judge_credit(node, msgstr, self.config.language)
        if not verdict.ok:
            msgid = node[pipeline.FRONT_MATTER_MSGID]
            self.env.temp_data[REFUSED_CREDITS].setdefault(self.config.language, set()).add(msgid)
            report(
                verdict,
                self.env,
                self.env.docname,
                msgid,
                msgstr,
                fallback="the source's credit is shown",
            )
            return
        with sphinx_logging.suppress_logging():  # parsed (and any problem reported) as the source
            rendered = self.parse_credit(node, msgstr)
        label, _text = credit_parts(node)
        node.children = []
        node.extend([*label, *rendered])

    def within_limits(self, node: nodes.Element, key: str, msgstr: str) -> str:
        """A translation is held to its source's length limit and writable characters."""
        limit = TITLE_MAX_LENGTH if key == "title" else TEXT_MAX_LENGTH
        location = (self.env.docname, node.line or (node.parent.line if node.parent else None) or 1)
        cleaned = UNWRITABLE_RE.sub("\ufffd", msgstr)
        if cleaned != msgstr:
            warn(
                DasscoWarnings.TEXT,
                f"the translation of front matter '{key}' holds characters that cannot be "
                "written (control characters or lone surrogates); each is shown as \ufffd",
                location,
            )
        if len(cleaned) > limit:
            warn(
                DasscoWarnings.TITLE if key == "title" else DasscoWarnings.KEY_TYPE,
                f"the translation of front matter '{key}' is {len(cleaned)} characters long; it is cut to {limit}",
                location,
            )
            cleaned = cleaned[: limit - 1].rstrip() + "…"
        return cleaned


def setup(app: Sphinx) -> None:
    app.add_transform(TranslateFrontMatter)
