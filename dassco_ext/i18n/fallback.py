"""Text shown untranslated is marked as the source language's (``lang="en"`` on a Danish page).

:class:`RecordMessages` (priority 19, before anything language-specific) records the page's
messages as the ``gettext`` builder extracts them, for the coverage count, and marks image
alt texts without a translation. :class:`MarkSourceLanguage` (right after Locale) marks every
message and front-matter text left untranslated with docutils' ``language-<code>`` class
(an ``inline`` wrapper inside titles and inline elements) and puts the "newer version" note
on a page whose source changed since it was translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import LITERAL_TYPE_NODES, extract_messages

from .. import pipeline
from ..config import get_config
from ..page.hero import hero
from .catalogs import message_key, page_translations
from .coverage import catalog_keys, catalog_path, coverage_of
from .extraction import front_matter_messages
from .frontmatter import front_matter_translation

if TYPE_CHECKING:
    from collections.abc import Iterator

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


def html_code(language: str) -> str:
    return language.replace("_", "-")


def language_class(language: str) -> str:
    """docutils' HTML writers turn a ``language-xx`` class into ``lang="xx"``."""
    return "language-" + html_code(language)


def content_messages(document: nodes.document) -> Iterator[tuple[nodes.Element, str]]:
    """The page's own messages (no front matter), as the ``gettext`` builder finds them."""
    for node, msgid in extract_messages(document):
        if node.get(pipeline.FRONT_MATTER_KEY) or isinstance(node, nodes.meta):
            continue
        yield node, msgid


#: ``env.temp_data`` key: the page's message nodes before Locale (which translates them in place).
_MESSAGE_NODES = "dassco_message_nodes"


class RecordMessages(SphinxTransform):
    """Record the page's messages; mark image alt texts that have no translation."""

    default_priority = pipeline.PAGE_MESSAGES

    def apply(self, **kwargs: Any) -> None:
        if len(get_config(self.config).languages) < 2:
            return  # one language: nothing to count, nothing to mark
        content = list(content_messages(self.document))
        messages = {msgid for _node, msgid in content} | {
            msgid for _n, _k, msgid in front_matter_messages(self.document)
        }
        _store(self.env)[self.env.docname] = frozenset(message_key(msgid) for msgid in messages)
        source = source_language(self.config)
        if not is_translated_build(self.env) or source is None:
            return
        self.env.temp_data[_MESSAGE_NODES] = [
            n for n, _m in content if not isinstance(n, (nodes.image, *LITERAL_TYPE_NODES))
        ]
        merged = page_translations(self.env, self.env.docname) if self.config.locale_dirs else {}
        for node, msgid in content:
            if (
                isinstance(node, nodes.image)
                and node.get("alt") == msgid
                and not merged.get(msgid, "").strip()
            ):
                mark(node, source)


def _store(env: BuildEnvironment) -> dict[str, frozenset[int]]:
    if not hasattr(env, "dassco_page_messages"):
        env.dassco_page_messages = {}  # type: ignore[attr-defined]
    return env.dassco_page_messages  # type: ignore[attr-defined]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = getattr(other, "dassco_page_messages", {})
    _store(env).update({d: theirs[d] for d in docnames if d in theirs})


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
    label = [
        c
        for c in node.children
        if isinstance(c, nodes.Element) and "dassco-hero-credit-label" in c["classes"]
    ]
    rest = [c for c in node.children if c not in label]
    if not rest:
        return
    node.children = []
    node.extend(label)
    node += nodes.inline("", "", *rest, classes=[language_class(language)])


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
        for node, key, msgid in list(front_matter_messages(self.document)):
            if front_matter_translation(self.env, msgid).strip():
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
        path = catalog_path(env, language, env.docname)
        if (
            path is None
            or not coverage_of(
                _store(env).get(env.docname, frozenset()), catalog_keys(env, path)
            ).source_newer
        ):
            return
        try:
            name = Locale.parse(source).get_display_name(language) or source
        except (UnknownLocaleError, ValueError):
            name = source
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
    app.add_transform(RecordMessages)
    app.add_transform(MarkSourceLanguage)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
