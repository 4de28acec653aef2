"""What a translation may change: its words, never its markup.

A translation is accepted when it renders as its source does with only the text changed.
Both are read as the page reads them (:func:`rendered_signature`): parsed alone as Locale
parses them (MyST for ``.md``, docutils' reStructuredText for ``.rst``), every block of them
(Locale would keep the first), then the transforms after Locale applied (refused links,
attribute lists, buttons, site links). Accepted means the same elements in the same order
with the same attributes (targets, classes, roles...), the same raw HTML and math, byte for
byte, and no warning the source's reading lacks; also the same blocks as the parser reads
them (:func:`block_markup`, :func:`explicit_markup`), as markup that renders nothing (a link
definition, front matter, an attribute list with no block after it, a directive that leaves
no node) is markup all the same.
A reference may name its target by that target's translation in the page's catalog (a
translated section title or glossary term: the same target). An entry flagged
``#, dassco-reorder`` may put the same elements in another order. A refused translation is
one warning at its ``.po`` line, and Locale never sees it: the page shows the source text.
"""

from __future__ import annotations

import collections
import dataclasses as dc
import functools
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.nodes import fully_normalize_name
from docutils.utils import new_document
from markdown_it.rules_core import StateCore, block, normalize
from sphinx import addnodes
from sphinx.util import logging as sphinx_logging

from .. import pipeline
from ..page.attrlists import KramdownAttrLists
from ..page.links import SiteLinks, UnsafeMarkdownLinks
from ..warnings_ import WARNING_TYPE, DasscoWarnings, at, warn
from .catalogs import CONTEXT_SEPARATOR, po_entry

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator, Mapping

    from markdown_it import MarkdownIt


#: The flag a translator puts on an entry whose links (or other elements) are in another order.
REORDER_FLAG = "dassco-reorder"

# --- what of a message is markup ---------------------------------------------------------------

#: Attributes made from a message's text, not its markup (they may differ in a translation).
TEXT_ATTRIBUTES = frozenset(
    {
        "names",
        "dupnames",
        "backrefs",
        "name",
        "alt",
        "title",
        "reftitle",
        "refexplicit",
        "translatable",
        "translated",
        "rawtext",
        pipeline.FRONT_MATTER_MSGID,
        "xml:space",
        "source",
        "line",
    }
)
#: Elements whose text is markup itself (raw HTML; LaTeX, which MathJax links with ``\\href``).
_TEXT_IS_MARKUP = (nodes.raw, nodes.math, nodes.math_block)
#: Elements that take a reader elsewhere, or show something from elsewhere, and their attributes.
_TARGET_NODES = (
    nodes.reference,
    nodes.target,
    nodes.image,
    addnodes.pending_xref,
    addnodes.download_reference,
    nodes.substitution_reference,
)
_TARGET_ATTRIBUTES = frozenset(
    {"refuri", "refid", "refname", "reftarget", "uri", "filename", "refdomain", "reftype"}
)

Entry = tuple[str, tuple[tuple[str, Any], ...]]


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _entry(node: nodes.Element) -> Entry:
    # reStructuredText's `text <url>`_ makes a target named and identified by its text
    names = node.get("names") or () if isinstance(node, nodes.target) else ()
    made_from_text = set(names) | {nodes.make_id(name) for name in names}
    attributes = [
        (key, _frozen([i for i in value if i not in made_from_text] if key == "ids" else value))
        for key, value in node.attributes.items()
        if key not in TEXT_ATTRIBUTES
    ]
    if isinstance(node, _TEXT_IS_MARKUP):
        attributes.append(("#text", node.astext()))
    return type(node).__name__, tuple(sorted(attributes))


def markup_signature(parsed: nodes.Node | list[nodes.Node]) -> tuple[Entry, ...]:
    """Every element of ``parsed`` in document order with its attributes, text left out."""
    roots = parsed if isinstance(parsed, list) else [parsed]
    return tuple(
        _entry(node) for root in roots for node in root.findall(nodes.Element, include_self=True)
    )


#: The transforms after Locale that read a message's text again (as links, attribute lists,
#: buttons, site links), in their order: a message is judged by what they make of it.
_AFTER_LOCALE = (UnsafeMarkdownLinks, KramdownAttrLists, SiteLinks)


def rendered_signature(parsed: nodes.Node | list[nodes.Node]) -> tuple[Entry, ...]:
    """The :func:`markup_signature` of ``parsed`` as the page finally shows it: between two
    blocks (a lone attribute list applies to a neighbour), after the transforms that follow
    Locale; with how many blocks it is, its cross-references' classes and ids as written, and
    the ``dassco`` warnings the transforms give (an attribute list's refused words)."""
    document = parsed if isinstance(parsed, nodes.document) else new_document("<translation>")
    if document is not parsed:
        document.extend(parsed if isinstance(parsed, list) else [parsed])
    document.insert(0, nodes.container())
    document.append(nodes.container())
    # Locale gives a translation's cross-references their source's attributes, which the
    # transforms then read: each must be written with its source's classes and ids
    written: list[Entry] = [
        ("link as written", (("classes", tuple(x["classes"])), ("ids", tuple(x["ids"]))))
        for x in document.findall(addnodes.pending_xref)
    ]
    with sphinx_logging.suppress_logging() as logged:
        for transform in _AFTER_LOCALE:
            transform(document).apply()
    blocks: Entry = ("blocks", (("count", len(document) - 2),))
    warned = [
        ("warning", (("type", f"{WARNING_TYPE}.{getattr(record, 'subtype', None)}"),))
        for record in logged.buffer
        if getattr(record, "type", None) == WARNING_TYPE
    ]
    return (blocks, *written, *markup_signature(document), *warned)


def block_markup(md: MarkdownIt, text: str) -> tuple[Entry, ...]:
    """``text``'s blocks as ``md``'s block parser reads them, before anything applies or
    drops them: every block (front matter, a comment, an attribute list with no block after
    it...) with its attributes, and every link reference definition. Markdown that renders
    nothing is here, where the doctree has no trace of it."""
    state = StateCore(text, md, {})
    normalize(state)
    block(state)
    found: list[Entry] = []
    for token in state.tokens:
        if token.nesting < 0 or token.type == "inline":  # an end, or a block's words
            continue
        markup = {**token.attrs, "info": token.info, "#text": token.content}
        found.append(
            (
                token.type.removesuffix("_open"),
                tuple(sorted((k, v) for k, v in markup.items() if v)),
            )
        )
    for label, definition in state.env.get("references", {}).items():
        found.append(
            ("link definition", (("label", label.lower()), ("refuri", definition["href"])))
        )
    return tuple(found)


#: A line opening reStructuredText's explicit markup (a directive, a comment, a target...).
_EXPLICIT_MARKUP_RE = re.compile(r"(?:\.\.|__)(?: |$)")


def explicit_markup(text: str) -> tuple[Entry, ...]:
    """The first line of each construct of ``text`` that reStructuredText reads as explicit
    markup (at the start, after a blank line or after another one): a directive that leaves
    no node (``.. role::``, ``.. default-role::``...) is markup all the same."""
    found: list[Entry] = []
    may_start, inside = True, False  # where explicit markup may begin; within it
    for line in text.splitlines():
        if not line.strip():
            may_start = True
        elif line[0] in " \t":  # an indented line: its construct's content
            may_start = inside
        elif may_start and _EXPLICIT_MARKUP_RE.match(line):
            found.append(("directive", (("#text", line.rstrip()),)))
            may_start = inside = True
        else:
            may_start = inside = False
    return tuple(found)


# --- the judgement ------------------------------------------------------------------------------

#: A Kramdown attribute list alone on a paragraph's last line: the paragraph's own.
_LAST_LINE_IAL_RE = re.compile(r"\n[ \t]*(\{:[^{}\n]*\})[ \t]*\Z")


def source_text(msgid: str, rawsource: str) -> str:
    """The text a message's source is judged by: its ``msgid`` (Sphinx joins its lines), with
    an attribute list the source has on a line of its own at the end kept there, where the
    page reads it as the paragraph's (joined to the text, it would be stray)."""
    match = _LAST_LINE_IAL_RE.search(rawsource.rstrip())
    if match is None or not msgid.endswith(match[1]):
        return msgid
    return msgid.removesuffix(match[1]).rstrip() + "\n" + match[1]


#: One line of plain words: no character that opens markup in MyST or reStructuredText.
_PLAIN_RE = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()/%\u2013\u2014\u2019-])*(?<! )")
#: What makes plain words markup in reStructuredText: ``scheme:x``, ``::``, ``A. x`` (a list).
_RST_NOT_PLAIN_RE = re.compile(r":(?!\s)|::|^\S*[.)](?:\s|$)")


def plain(text: str, filetype: str = "markdown", *, linkify: bool = False) -> bool:
    """``True`` when ``text`` can only parse to a paragraph of text in ``filetype``."""
    if linkify or not _PLAIN_RE.fullmatch(text):
        return False
    return filetype != "restructuredtext" or not _RST_NOT_PLAIN_RE.search(text)


#: What a translator calls an element (else its docutils name, underscores as spaces).
_WORDS = {
    "reference": "link",
    "pending_xref": "link",
    "link as written": "link",
    "download_reference": "download link",
    "target": "link target",
    "strong": "bold text",
    "emphasis": "italic text",
    "literal": "code",
    "raw": "HTML",
    "math": "math",
    "inline": "styled text",
    "footnote_reference": "footnote reference",
    "substitution_reference": "substitution",
    "warning": "attribute list the page cannot use",
    "front_matter": "front matter",
    "attrs_block": "attribute list that applies to no block",
    "myst_line_comment": "comment",
    "myst_target": "link target",
    "html_block": "HTML",
    "fence": "directive or code block",
}
_LINK_KEYS = ("refuri", "reftarget", "uri", "filename", "refid", "refname")


def _word(entry: Entry) -> str:
    """``link``, ``button``, ``bold text``: the element as a translator names it."""
    kind, attributes = entry
    classes = dict(attributes).get("classes") or ()
    if any(str(c).startswith("sd-btn") for c in classes):
        return "button"
    return _WORDS.get(kind, kind.replace("_", " "))


def _what(entry: Entry) -> str:
    """``the link to '/data'``, ``HTML '<b>'``: an element and what it leads to or holds."""
    attributes = dict(entry[1])
    if entry[0] == "unparsable":
        return f"text the parser cannot read ({attributes.get('error')})"
    target = next((attributes[k] for k in _LINK_KEYS if attributes.get(k)), None)
    if target is not None:
        label = f" [{attributes['label']}]" if "label" in attributes else ""
        return f"{_word(entry)}{label} to {_short(str(target))}"
    if "#text" in attributes:
        return f"{_word(entry)} {_short(str(attributes['#text']))}"
    return _word(entry)


def _change(old: Entry, new: Entry) -> str:
    """How one element differs in the translation, and what to keep."""
    before, after = dict(old[1]), dict(new[1])
    word = _word(old)
    key = next((k for k in _LINK_KEYS if before.get(k) != after.get(k)), None)
    if key is not None:
        return (
            f"the {word} to {_short(str(before.get(key) or ''))} now points to "
            f"{_short(str(after.get(key) or ''))} (keep the link target as it is)"
        )
    if before.get("#text") != after.get("#text"):
        return (
            f"the {word} {_short(str(before.get('#text')))} now reads "
            f"{_short(str(after.get('#text')))} ({word} is not translated)"
        )
    for key, what in (("classes", "style"), ("ids", "anchor")):
        if before.get(key) != after.get(key):
            gone = [v for v in before.get(key) or () if v not in (after.get(key) or ())]
            new_ = [v for v in after.get(key) or () if v not in (before.get(key) or ())]
            said = ", ".join([*(f"without {v!r}" for v in gone), *(f"with {v!r}" for v in new_)])
            return (
                f"the {word}'s {what} changes ({said or 'another order'}; write its attribute "
                "list, such as {: .button}, as the source does)"
            )
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return f"the {word} changes ({', '.join(changed)})"


@dc.dataclass(frozen=True)
class Verdict:
    """How a translation's markup differs from its source's (``ok``: it does not)."""

    added: tuple[Entry, ...] = ()
    missing: tuple[Entry, ...] = ()
    reordered: bool = False

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.reordered)

    @property
    def kind(self) -> DasscoWarnings:
        """``translation_target`` when a link, image or target differs, else ``translation_markup``."""

        def leads(entry: Entry) -> bool:  # a link, an image, a target, what asks to be a button
            attributes = dict(entry[1])
            return (
                entry[0] in {cls.__name__ for cls in _TARGET_NODES}
                or not _TARGET_ATTRIBUTES.isdisjoint(attributes)
                or "button" in attributes.get("classes", ())
            )

        if self.reordered or any(leads(e) for e in (*self.added, *self.missing)):
            return DasscoWarnings.TRANSLATION_TARGET
        return DasscoWarnings.TRANSLATION_MARKUP

    def describe(self) -> str:
        """What differs, in a translator's words: ``the link to '/data' now points to ...``."""
        parts = []
        added, missing = list(self.added), list(self.missing)
        for old in list(missing):  # an element of the same kind on both sides: what changed in it
            new = next((e for e in added if e[0] == old[0]), None)
            if new is None:
                continue
            added.remove(new)
            missing.remove(old)
            if old[0] == "blocks":
                parts.append(
                    f"is {dict(new[1])['count']} blocks where its source is "
                    f"{dict(old[1])['count']} (a paragraph, a list, a heading, a directive, an "
                    "HTML block... is one each)"
                )
            else:
                parts.append(_change(old, new))
        if added:
            parts.append("adds markup the source does not have: " + ", ".join(map(_what, added)))
        if missing:
            parts.append("drops markup of the source: " + ", ".join(map(_what, missing)))
        if self.reordered:
            parts.append(
                f"puts its markup in another order (if that is meant, flag the entry '#, {REORDER_FLAG}')"
            )
        return ", ".join(parts)


ACCEPTED = Verdict()


def _named_target(entry: Entry) -> str | None:
    """The attribute naming an element's target by its text: a named reference's
    ``refname``, a ``:term:``'s ``reftarget``."""
    kind, attributes = entry
    if kind == "reference":
        return "refname"
    if kind == "pending_xref" and ("reftype", "term") in attributes:
        return "reftarget"
    return None


def translated_names(
    merged: Mapping[str, str], *, taken: Collection[str] = ()
) -> dict[str, frozenset[str]]:
    """A translated text -> the texts it translates, as target names (normalized as docutils
    and the glossary do): a target's translated title names the same target, unless the
    source already has a target of that name (``taken``)."""
    found: dict[str, set[str]] = collections.defaultdict(set)
    for msgid, msgstr in merged.items():
        name = fully_normalize_name(msgstr)
        if name and name not in taken and CONTEXT_SEPARATOR not in msgid:
            found[name].add(fully_normalize_name(msgid))
    return {name: frozenset(texts) for name, texts in found.items()}


def _source_names(
    source: tuple[Entry, ...], translation: tuple[Entry, ...], names: Mapping[str, frozenset[str]]
) -> tuple[Entry, ...]:
    """``translation`` with each reference to the translated form of its own target's text
    (a glossary term, section title or named target Locale translates too) named as in
    ``source``: it leads to the same place."""
    own: dict[str, str] = {}
    for entry in source:
        if key := _named_target(entry):
            value = dict(entry[1]).get(key)
            if isinstance(value, str):
                own[fully_normalize_name(value)] = value
    renamed = []
    for entry in translation:
        key = _named_target(entry)
        value = dict(entry[1]).get(key) if key else None
        if key and isinstance(value, str) and fully_normalize_name(value) not in own:
            sources = names.get(fully_normalize_name(value), frozenset()) & own.keys()
            if len(sources) == 1:
                attributes = dict(entry[1]) | {key: own[next(iter(sources))]}
                entry = (entry[0], tuple(sorted(attributes.items())))
        renamed.append(entry)
    return tuple(renamed)


def compare(
    source: tuple[Entry, ...],
    translation: tuple[Entry, ...],
    *,
    names: Mapping[str, frozenset[str]] | None = None,
) -> Verdict:
    """The verdict on two signatures (:func:`markup_signature`); ``names``: the page's
    translated target names (:func:`translated_names`)."""
    if names:
        translation = _source_names(source, translation, names)
    if source == translation:
        return ACCEPTED
    src, dst = collections.Counter(source), collections.Counter(translation)
    added, missing = tuple((dst - src).elements()), tuple((src - dst).elements())
    return Verdict(added, missing) if added or missing else Verdict(reordered=True)


def judge(
    msgid: str,
    msgstr: str,
    parse: Callable[[str], nodes.Node | list[nodes.Node]],
    *,
    filetype: str = "markdown",
    reorder: bool | Callable[[], bool] = False,
    linkify: bool = False,
    names: Mapping[str, frozenset[str]] | None = None,
    read: Callable[[str], tuple[Entry, ...]] | None = None,
) -> Verdict:
    """The one judgement of a translation: ``parse`` both texts as the page would and compare
    their markup, then (``read``, :func:`block_markup`) the markup their parser reads that
    renders nothing (plain words on both sides need no parse). ``reorder``, or a function
    asked only when the order alone differs: the entry's ``dassco-reorder`` flag; ``names``:
    the page's translated target names (:func:`translated_names`)."""
    if plain(msgid, filetype, linkify=linkify) and plain(msgstr, filetype, linkify=linkify):
        return ACCEPTED

    def readings() -> Iterator[Verdict]:
        steps = [
            lambda: compare(
                rendered_signature(parse(msgid)), rendered_signature(parse(msgstr)), names=names
            )
        ]
        if read is not None:
            steps.append(lambda: compare(read(msgid), read(msgstr)))
        if filetype == "restructuredtext":  # its directives act while it parses (``.. role::``
            steps.reverse()  # registers a role for later pages): a refused one is never parsed
        for step in steps:
            yield step()

    # the parses are the page's: reported where it is parsed
    with sphinx_logging.suppress_logging():
        try:
            for verdict in readings():
                if verdict.reordered and (reorder() if callable(reorder) else reorder):
                    continue
                if not verdict.ok:
                    return verdict
        except Exception as exc:
            return Verdict(added=(("unparsable", (("error", f"{type(exc).__name__}: {exc}"),)),))
    return ACCEPTED


def judge_markdown(msgid: str, msgstr: str) -> Verdict:
    """:func:`judge` outside a build (the Jekyll importer): MyST's docutils parser, attribute lists on."""
    from docutils.core import publish_doctree
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.docutils_ import Parser
    from myst_parser.parsers.mdit import create_md_parser

    extensions = ["attrs_inline", "attrs_block"]

    def parse(text: str) -> nodes.Node:
        return publish_doctree(
            text,
            parser=Parser(),
            settings_overrides={
                "report_level": 5,
                "halt_level": 5,
                "myst_enable_extensions": extensions,
            },
        )

    md = create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)
    return judge(msgid, msgstr, parse, read=functools.partial(block_markup, md))


# --- at build time ------------------------------------------------------------------------------


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def report(
    verdict: Verdict, env: Any, docname: str, msgid: str, msgstr: str, *, fallback: str
) -> None:
    """One warning at the ``.po`` entry of ``msgid`` (else at the page), quoting what the
    translator wrote and naming what differs."""
    entry = po_entry(env, docname, msgid)
    where = at(entry[0], entry[1]) if entry else (docname, None)
    warn(
        verdict.kind,
        f"translation of {_short(msgid)} {verdict.describe()} (it reads {_short(msgstr)}): "
        f"{fallback}",
        where,
    )


def reorder_flagged(env: Any, docname: str, msgid: str, language: str | None = None) -> bool:
    """Whether the entry of ``msgid`` (in ``language``, default: the build's) is flagged
    ``#, dassco-reorder``."""
    entry = po_entry(env, docname, msgid, language)
    return entry is not None and REORDER_FLAG in entry[2]
