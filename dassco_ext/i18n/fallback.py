"""What a reader sees of a page's translation: refused ones and untranslated text.

:class:`SafeTranslations` (before Locale) judges every translated message in each language
the build judges (:func:`~.markup.judge`, :func:`~.coverage.judged_languages`) and records
the refused ones with the page's messages, as the ``gettext`` builder extracts them, for the
count (:mod:`.coverage`); in the build's language a refused one is reported once and kept
from Locale, so the page shows its source text. :class:`MarkSourceLanguage` (right after Locale) marks every message
and front-matter text left untranslated with docutils' ``language-<code>`` class (an
``inline`` wrapper inside titles and inline elements) and puts the "newer version" note on a
page whose source changed since it was translated.
"""

from __future__ import annotations

import copy
import functools
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.nodes import fully_normalize_name
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import parse_noqa
from sphinx.util import get_filetype
from sphinx.util.docutils import LoggingReporter
from sphinx.util.nodes import LITERAL_TYPE_NODES, extract_messages

from .. import pipeline
from ..config import get_config
from ..page.hero import hero
from .catalogs import page_catalogs, page_translations
from .coverage import languages_to_judge, page_coverage, page_records, record_page
from .extraction import front_matter_messages
from .frontmatter import REFUSED_CREDITS, credit_parts, front_matter_translation
from .languages import display_name, html_lang
from .markup import (
    Entry,
    Verdict,
    block_markup,
    explicit_markup,
    judge,
    reorder_flagged,
    report,
    source_text,
    translated_names,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("dassco")

#: The class of the note on a page whose source changed since it was translated.
NOTICE_CLASS = "dassco-source-newer"


def source_language(config: Any) -> str | None:
    """The language the pages are written in: the first of ``dassco_languages``."""
    languages = get_config(config).languages
    return languages[0] if languages else None


def is_translated_build(env: BuildEnvironment) -> bool:
    """A build in another language than the source's."""
    source, language = source_language(env.config), env.config.language
    return bool(source and language and language != source)


def language_class(language: str) -> str:
    """docutils' HTML writers turn a ``language-xx`` class into ``lang="xx"``."""
    return "language-" + html_lang(language)


#: ``env.temp_data`` key: the page's message nodes before Locale (which translates them in place).
_MESSAGE_NODES = "dassco_message_nodes"


def translate_toctrees(document: nodes.document, merged: dict[str, str]) -> None:
    """Each toctree's titles and caption in the build's language, before Locale: Locale
    leaves all of a toctree's when one of them is translated as itself."""
    for toctree in document.findall(addnodes.toctree):
        for msgid in toctree.extract_original_messages():
            if (msgstr := merged.get(msgid, "")).strip() and msgstr != msgid:
                toctree.apply_translated_message(msgid, msgstr)


class SafeTranslations(SphinxTransform):
    """Record the page's messages; mark image alt texts that have no translation; judge every
    translated message in each language the build judges (what the count of each reads,
    :mod:`.coverage`): in the build's, a refused one is reported once and marked
    ``translatable = False``, so Locale leaves the source text."""

    default_priority = pipeline.SAFE_TRANSLATIONS

    def apply(self, **kwargs: Any) -> None:
        env, docname = self.env, self.env.docname
        messages = list(extract_messages(self.document))
        content = [
            (node, msgid)
            for node, msgid in messages
            if not node.get(pipeline.FRONT_MATTER_KEY) and not isinstance(node, nodes.meta)
        ]
        languages = get_config(self.config).languages
        source = source_language(self.config)
        language = self.config.language
        refused = {lang: self.refused(messages, lang) for lang in languages_to_judge(env)}
        credits: dict[str, set[str]] = env.temp_data.pop(REFUSED_CREDITS, None) or {}
        record_page(
            env,
            docname,
            frozenset(msgid for _node, msgid in content)
            | {msgid for _n, _k, msgid in front_matter_messages(self.document)},
            {lang: frozenset(found) | credits.get(lang, set()) for lang, found in refused.items()},
        )
        if len(languages) >= 2 and is_translated_build(env) and source is not None:
            env.temp_data[_MESSAGE_NODES] = [
                n for n, _m in content if not isinstance(n, (nodes.image, *LITERAL_TYPE_NODES))
            ]
            merged = page_translations(env, docname) if self.config.locale_dirs else {}
            for node, msgid in content:
                alt = isinstance(node, nodes.image) and node.get("alt") == msgid
                if alt and not merged.get(msgid, "").strip():
                    mark(node, source)
        for msgid, (verdict, msgstr, shown_as_source) in refused.get(language, {}).items():
            for node in shown_as_source:
                node["translatable"] = False  # Locale leaves it alone: the source text is shown
                node["translated"] = False
                node[pipeline.REFUSED_TRANSLATION] = True
            report(verdict, env, docname, msgid, msgstr, fallback="the source text is shown")
        if language and self.config.locale_dirs:
            translate_toctrees(self.document, page_translations(env, docname))

    def refused(
        self, messages: list[tuple[nodes.Element, str]], language: str
    ) -> dict[str, tuple[Verdict, str, list[nodes.Element]]]:
        """Each message whose translation into ``language`` the build refuses
        (:func:`~.markup.judge`): its verdict, its translation and its nodes."""
        env, docname = self.env, self.env.docname
        merged = page_translations(env, docname, language) if self.config.locale_dirs else {}
        for po_path in page_catalogs(env, docname, language):
            if po_path.is_file():  # the page is read again when it changes
                env.note_dependency(po_path)
        if not merged:
            return {}
        filetype = get_filetype(self.config.source_suffix, self.document["source"])
        settings = copy.copy(self.document.settings)
        settings.file_insertion_enabled = False  # a hostile translation's ``include`` reads nothing
        settings.language_code = language  # as Locale parses it in that language's build
        if filetype == "restructuredtext":  # "PEP 8", "RFC 2822" become links with these settings
            linkify = bool(
                getattr(settings, "pep_references", False)
                or getattr(settings, "rfc_references", False)
            )
            read: Callable[[str], tuple[Entry, ...]] | None = explicit_markup
        else:
            myst = getattr(self.env, "myst_config", None)
            linkify = myst is not None and ("linkify" in myst.enable_extensions or myst.gfm_only)
            # the page's block parser, for markup that renders nothing (a link definition...)
            md = create_md_parser(myst, RendererHTML) if myst is not None else None
            read = functools.partial(block_markup, md) if md is not None else None
        found: dict[str, tuple[Verdict, str, list[nodes.Element]]] = {}
        names = translated_names(merged, taken=self.source_names())
        for node, msgid in messages:
            if isinstance(node, (*LITERAL_TYPE_NODES, addnodes.translatable, nodes.meta)):
                continue  # code, or text set as an attribute: no markup
            if isinstance(node, nodes.image) and node.get("alt") == msgid:
                continue  # alt text
            msgstr, _noqa = parse_noqa(merged.get(msgid, ""))
            if not msgstr.strip() or msgstr == msgid:
                continue
            verdict = judge(
                source_text(msgid, node.rawsource if isinstance(node.rawsource, str) else ""),
                msgstr,
                functools.partial(self.parse, node, filetype=filetype, settings=settings),
                filetype=filetype,
                linkify=linkify,
                reorder=functools.partial(reorder_flagged, env, docname, msgid, language),
                names=names,
                read=read,
            )
            if not verdict.ok:
                found.setdefault(msgid, (verdict, msgstr, []))[2].append(node)
        return found

    def source_names(self) -> set[str]:
        """Names a target of the source already has (docutils' and the glossary's): a
        translated title that is one of them may lead elsewhere, so it names nothing."""
        std: Any = self.env.domains["std"]
        terms = {fully_normalize_name(name) for kind, name in std.objects if kind == "term"}
        return set(self.document.nameids) | terms

    def parse(self, node: nodes.Element, text: str, filetype: str, settings: Any) -> nodes.Node:
        """``text`` parsed as Locale parses a translation of ``node``, alone by the page's
        parser: every block it makes (Locale keeps the first), a title without its section."""
        literal = text.strip().endswith("::")
        if literal:  # the literal block it announces (Locale's dummy, dropped again)
            text += "\n\n   dummy literal"
        if isinstance(node, nodes.title):
            text = text + "\n" + "=" * len(text) * 2
        document = new_document(f"{self.document['source']}:{node.line}:<translated>", settings)
        document.reporter = LoggingReporter.from_reporter(document.reporter)
        (RSTParser() if filetype == "restructuredtext" else MystParser()).parse(text, document)
        last = document.children[-1] if document.children else None
        if literal and last is not None and last.astext() == "dummy literal":
            document.remove(last)
        first = document.children[0] if document.children else None
        if isinstance(node, nodes.title) and isinstance(first, nodes.section):
            document.replace(first, list(first.children))  # its ids are made from its text
        return document


def mark(node: nodes.Element, language: str) -> None:
    """Say that ``node``'s text is in ``language``: a class on block elements and images
    (``lang`` on their own tag), a wrapping ``inline`` inside titles and inline elements
    (their node may be rebuilt or unwrapped later; their children travel)."""
    css = language_class(language)
    if isinstance(node, nodes.title | nodes.Inline) and not isinstance(node, nodes.image):
        if node.children and not (
            len(node.children) == 1
            and isinstance(node[0], nodes.inline)
            and css in node[0]["classes"]
        ):
            wrapper = nodes.inline("", "", *node.children, classes=[css])
            node.children = []
            node += wrapper
        return
    if css not in node["classes"]:
        node["classes"].append(css)


def mark_children(node: nodes.Element, language: str) -> None:
    """Wrap the children of ``node`` (but those with the label class) in one marked inline."""
    label, text = credit_parts(node)
    if text:
        node.children = []
        node.extend([*label, nodes.inline("", "", *text, classes=[language_class(language)])])


class MarkSourceLanguage(SphinxTransform):
    """Mark what Locale and the front matter's translation left in the source language,
    and put the "newer version" note on a page whose source changed since it was translated."""

    default_priority = pipeline.MARK_SOURCE_LANGUAGE

    def apply(self, **kwargs: Any) -> None:
        source = source_language(self.config)
        if not is_translated_build(self.env) or source is None:
            return
        # untranslated (by Locale, or refused by i18n.markup): translated is not True
        for node in {id(n): n for n in self.env.temp_data.pop(_MESSAGE_NODES, None) or []}.values():
            if not node.get("translated"):
                mark(node, source)
        record = page_records(self.env).get(self.env.docname)
        refused = record.refused.get(self.config.language, frozenset()) if record else frozenset()
        for node, key, msgid in list(front_matter_messages(self.document)):
            if front_matter_translation(self.env, msgid).strip() and msgid not in refused:
                continue
            if key == "imageLicense":
                mark_children(node, source)
            else:
                mark(node, source)
        self.add_notice(source)

    def add_notice(self, source: str) -> None:
        env, language = self.env, self.config.language
        if (
            not get_config(self.config).source_newer_notice
            or not self.config.locale_dirs
            or not language
        ):
            return
        if not page_coverage(env, language, env.docname).source_newer:
            return
        name = display_name(source, language)
        # a translation is untrusted: its placeholder is replaced, never str.format()ted
        text = str(_("A newer version of this page is available in {language}.")).replace(
            "{language}", name
        )
        note = nodes.note("", nodes.paragraph(text, text), classes=[NOTICE_CLASS])
        section = next(self.document.findall(nodes.section), None)
        if section is None:
            self.document.insert(0, note)
            return
        index = 1 if section.children and isinstance(section[0], nodes.title) else 0
        while index < len(section) and isinstance(section[index], hero):
            index += 1
        section.insert(index, note)


def setup(app: Sphinx) -> None:
    app.add_transform(SafeTranslations)
    app.add_transform(MarkSourceLanguage)
