"""What of a message is markup: the signature a translation must share with its source.

:func:`markup_signature` lists the elements of a parsed message in document order with their
attributes, text left out (but for what a later transform reads as markup, and the text of
raw HTML and math); :func:`token_signature` is the same for markdown-it's tokens, a short cut
that needs no document. :mod:`.markup` compares them.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes

from .. import pipeline
from ..page.attrlists import parse_attr_list
from ..page.links import _REFUSED_LINK_RE

#: Attributes made from a message's text, not its markup (they may differ in a translation).
TEXT_ATTRIBUTES = frozenset({
    "names", "dupnames", "backrefs", "name", "alt", "title", "reftitle", "refexplicit",
    "translatable", "translated", "rawtext", pipeline.FRONT_MATTER_MSGID, "xml:space", "source", "line",
})
#: Elements whose text is markup itself (raw HTML; LaTeX, which MathJax turns into HTML and
#: links with ``\\href``): their text must be the source's.
_TEXT_IS_MARKUP = (nodes.raw, nodes.math, nodes.math_block)
#: Kramdown's attribute list, wherever it is in a text (``{:`` to ``}``).
_KRAMDOWN_RE = re.compile(r"\{:(?P<body>[^{}]*)\}")
#: Text that no later transform reads as markup.
_NOT_MARKUP_PARENTS = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment)
#: Elements that take a reader elsewhere, or show something from elsewhere.
_TARGET_NODES = (nodes.reference, nodes.target, nodes.image, addnodes.pending_xref,
                 addnodes.download_reference, nodes.substitution_reference)
#: Attributes that say where an element leads.
_TARGET_ATTRIBUTES = frozenset({"refuri", "refid", "refname", "reftarget", "uri", "filename", "refdomain", "reftype"})

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
    attributes = []
    for key, value in node.attributes.items():
        if key in TEXT_ATTRIBUTES:
            continue
        if key == "ids":
            value = [i for i in value if i not in made_from_text]
        attributes.append((key, _frozen(value)))
    if isinstance(node, _TEXT_IS_MARKUP):
        attributes.append(("#text", node.astext()))
    return type(node).__name__, tuple(sorted(attributes))


def _text_markup_entries(text: nodes.Text) -> list[Entry]:
    """Markup that MyST leaves as text and a later transform reads: Kramdown attribute lists
    (``{: .button}``, applied by :mod:`dassco_ext.page.attrlists`) and links markdown-it
    refuses (``[x](javascript:...)``, reported by :mod:`dassco_ext.page.links`), in order."""
    if isinstance(text.parent, _NOT_MARKUP_PARENTS):
        return []
    return _markup_in_text(str(text))


def _markup_in_text(value: str) -> list[Entry]:
    """The Kramdown attribute lists and refused links of a text, in order."""
    found = []
    for match in _KRAMDOWN_RE.finditer(value) if "{:" in value else ():
        attrs = parse_attr_list(match["body"])
        found.append((match.start(), ("kramdown_attr_list", (
            ("classes", tuple(attrs.classes)), ("ids", tuple(attrs.ids)), ("other", tuple(attrs.refused))))))
    for match in _REFUSED_LINK_RE.finditer(value) if "](" in value else ():
        found.append((match.start(), ("refused_link", (("url", match["url"]),))))
    return [entry for _start, entry in sorted(found, key=lambda item: item[0])]


def markup_signature(parsed: nodes.Node | list[nodes.Node]) -> tuple[Entry, ...]:
    """Every element of ``parsed`` (in document order) with its attributes, text left out
    (but for the Kramdown attribute lists it holds, which become classes and ids later)."""
    roots = parsed if isinstance(parsed, list) else [parsed]
    found: list[Entry] = []
    for root in roots:
        for node in root.findall():
            if isinstance(node, nodes.Element):
                found.append(_entry(node))
            elif isinstance(node, nodes.Text) and ("{:" in node or "](" in node):
                found += _text_markup_entries(node)
    return tuple(found)


def token_signature(tokens: Any) -> tuple[Any, ...]:
    """markdown-it's tokens of a message with their text left out: every token's type, tag,
    nesting, markup, info, attributes, meta and content but a text token's, whose Kramdown
    attribute lists and refused links are kept (as :func:`markup_signature` keeps them).

    Two messages with one token signature render to the same markup, text aside: MyST makes
    elements only from tokens, and a text token only text. So it is a short cut for
    :func:`judge` (no docutils document is made), never a looser rule: anything else that
    differs, a role's or a fence's content included, is judged by the full parse."""
    found: list[Any] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            found.append(("text", tuple(_markup_in_text("".join(pending)))))
            pending.clear()

    def walk(stream: Any) -> None:
        for token in stream:
            if token.type == "text":
                pending.append(token.content)
            elif token.type == "inline":
                walk(token.children or ())
            else:
                flush()
                found.append((token.type, token.tag, token.nesting, token.markup, token.info, token.content,
                              _frozen(dict(token.attrs or {})), _frozen(token.meta or {})))
        flush()

    walk(tokens)
    return tuple(found)


def describe_entry(entry: Entry) -> str:
    """``reference refuri='javascript:x'``, ``raw '<b>'``: what a reader would notice."""
    kind, attributes = entry
    shown = [
        f"{key if key != '#text' else ''}{'=' if key != '#text' else ''}{value!r}"
        for key, value in attributes
        if value not in ((), "", None, False) and key not in ("refdoc", "refwarn", "internal")
    ]
    return " ".join([kind, *shown])
