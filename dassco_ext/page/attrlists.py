"""Kramdown attribute lists: ``[text](url){: .button .is-primary}`` and ``{: .notice}``.

Read out of the text after Locale (translations alike); only classes and ids are applied.
Braces that are not Kramdown's syntax (``{:.2f}``) stay as written.
"""

from __future__ import annotations

import dataclasses as dc
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .. import pipeline
from ..warnings_ import DasscoWarnings, warn
from . import buttons

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: One word of an attribute list; a quoted value (spaces and all) is part of its word.
_WORD_RE = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*'|["'])+""")
#: Classes and ids the list applies (``.a.b#c``): a name starts with a letter or ``_``.
_NAMES_RE = re.compile(r"(?:[.#][A-Za-z_][\w-]*)+")
#: An IAL at the start of a text node: ``{:`` then anything but braces, then ``}``.
_SPAN_RE = re.compile(r"\{:(?P<body>[^{}\n]*)\}")
#: A block IAL alone on the last line of a paragraph.
_BLOCK_TAIL_RE = re.compile(r"\n[ \t]*\{:(?P<body>[^{}\n]*)\}[ \t]*\Z")
_LONE_RE = re.compile(r"[ \t]*\{:(?P<body>[^{}\n]*)\}[ \t]*")

_SKIP_PARENTS = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment)

#: Kramdown's IAL tokens: classes and ids (several in one token), a quoted key-value pair,
#: or the name of an attribute list definition. A class starts with a letter or ``_`` (as an
#: unescaped CSS class does), so ``.2f`` is a format, not a class.
_IAL_CLASS_OR_ID = r"(?:\.-?[A-Za-z_][\w-]*|\#[A-Za-z][\w:-]*)+"
_IAL_PAIR = r"""[A-Za-z_][\w-]*=(?:"[^"\n]*"|'[^'\n]*')"""
_IAL_REF = r"[A-Za-z_][\w-]*"
_IAL_RE = re.compile(
    rf"[ \t]*(?:{_IAL_CLASS_OR_ID}|{_IAL_PAIR}|{_IAL_REF})(?:[ \t]+(?:{_IAL_CLASS_OR_ID}|{_IAL_PAIR}|{_IAL_REF}))*[ \t]*"
)
_IAL_SETS_SOMETHING_RE = re.compile(rf"(?:^|[ \t])(?:{_IAL_CLASS_OR_ID}|{_IAL_PAIR})(?=[ \t]|$)")


def is_attr_list(body: str) -> bool:
    """Whether ``{:body}`` is a Kramdown attribute list (see the module's docstring)."""
    return _IAL_RE.fullmatch(body) is not None and _IAL_SETS_SOMETHING_RE.search(body) is not None


@dc.dataclass
class AttrList:
    """What an attribute list asked for: the accepted classes and ids, and what was refused."""

    classes: list[str] = dc.field(default_factory=list)
    ids: list[str] = dc.field(default_factory=list)
    refused: list[str] = dc.field(default_factory=list)


def parse_attr_list(body: str) -> AttrList:
    """Parse the inside of ``{: ...}``; never raises."""
    result = AttrList()
    for word in _WORD_RE.findall(body):
        if not _NAMES_RE.fullmatch(word):
            result.refused.append(word)
            continue
        for name in re.findall(r"[.#][^.#]+", word):
            (result.classes if name[0] == "." else result.ids).append(name[1:])
    return result


def apply_attr_list(target: nodes.Element, body: str, location: nodes.Node) -> None:
    """Apply the classes and ids of ``{:body}`` to ``target``, warning about the rest."""
    attrs = parse_attr_list(body)
    if attrs.refused:
        warn(
            DasscoWarnings.ATTR_LIST,
            f"attribute list {{:{body}}}: only .classes and #ids are applied; "
            f"ignored: {' '.join(attrs.refused)}",
            location,
        )
    for ident in attrs.ids:
        target["ids"].append(nodes.make_id(ident))
    if buttons.is_button(attrs.classes) and isinstance(
        target, nodes.reference | addnodes.pending_xref
    ):
        buttons.style_button(target, attrs.classes)
        if (
            isinstance(target.parent, nodes.paragraph)
            and buttons.ROW_CLASS not in target.parent["classes"]
        ):
            target.parent["classes"].append(buttons.ROW_CLASS)
    else:
        target["classes"].extend(c for c in attrs.classes if c not in target["classes"])


def _is_unstyled_button(node: nodes.Element) -> bool:
    return (
        isinstance(node, nodes.reference | addnodes.pending_xref)
        and buttons.is_button(node["classes"])
        and "sd-btn" not in node["classes"]
    )


def _replace_text(parent: nodes.Element, text: nodes.Text, kept: str) -> None:
    if kept:
        parent.replace(text, nodes.Text(kept))
    else:
        parent.remove(text)


def _warn_stray(text: str, location: nodes.Node) -> None:
    warn(
        DasscoWarnings.ATTR_LIST,
        f"attribute list {text.strip()!r} is not right after a link, an emphasis or a "
        "paragraph (or its braces do not match); it is removed",
        location,
    )


class KramdownAttrLists(SphinxTransform):
    """Read Kramdown attribute lists out of the text and apply them to their elements."""

    default_priority = pipeline.ATTR_LISTS

    def apply(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if "{:" in paragraph.astext():
                self.block_attr_list(paragraph)
                self.span_attr_lists(paragraph)
        # MyST's own form, [text](url){.button}, arrives with the classes already set
        for link in self.document.findall(nodes.Element):
            if _is_unstyled_button(link):
                apply_attr_list(link, " ".join(f".{c}" for c in link["classes"]), link)

    def block_attr_list(self, paragraph: nodes.paragraph) -> None:
        """``{: .notice}`` on the paragraph's last line, or alone in a paragraph (then for the
        block after it, else the one before it)."""
        children = paragraph.children
        last = children[-1] if children else None
        if not isinstance(last, nodes.Text):
            return
        lone = _LONE_RE.fullmatch(str(last))
        body = lone["body"] if lone and is_attr_list(lone["body"]) else None
        before = children[-2] if len(children) > 1 else None
        tail = _BLOCK_TAIL_RE.search(str(last))
        if body is not None and isinstance(before, nodes.Text) and str(before).endswith("\n"):
            # MyST keeps the soft line break as its own text node: "para", "\n", "{: .x}"
            paragraph.remove(last)
            _replace_text(paragraph, before, str(before).rstrip("\n"))
            apply_attr_list(paragraph, body, paragraph)
        elif body is not None and len(children) == 1:
            index = paragraph.parent.index(paragraph)
            siblings = [
                paragraph.parent[i]
                for i in (index + 1, index - 1)
                if 0 <= i < len(paragraph.parent)
            ]
            target = next(
                (s for s in siblings if isinstance(s, nodes.Body) and isinstance(s, nodes.Element)),
                None,
            )
            if target is None:
                _warn_stray(str(last), paragraph)
            else:
                apply_attr_list(target, body, paragraph)
            paragraph.parent.remove(paragraph)
        elif tail and is_attr_list(tail["body"]):
            _replace_text(paragraph, last, str(last)[: tail.start()])
            apply_attr_list(paragraph, tail["body"], paragraph)

    def span_attr_lists(self, paragraph: nodes.paragraph) -> None:
        """``{: ...}`` right after an inline element applies to it; elsewhere it is removed."""
        parents = {
            id(text.parent): text.parent
            for text in paragraph.findall(nodes.Text)
            if "{:" in text and not isinstance(text.parent, _SKIP_PARENTS)
        }
        for parent in parents.values():
            children: list[nodes.Node] = []
            previous: nodes.Node | None = None
            for child in parent.children:
                kept: nodes.Node | None = child
                if isinstance(child, nodes.Text) and "{:" in child:
                    value = self._strip_span_lists(str(child), previous, paragraph)
                    kept = child if value == child else nodes.Text(value) if value else None
                children += [kept] if kept is not None else []
                previous = child
            if children != parent.children:
                parent.children = []
                parent.extend(children)

    @staticmethod
    def _strip_span_lists(
        value: str, previous: nodes.Node | None, paragraph: nodes.paragraph
    ) -> str:
        """``value`` without its attribute lists, each applied to ``previous`` or reported."""
        pieces, pos = [], 0
        for match in re.finditer(r"\{:", value):
            start = match.start()
            if start < pos:
                continue
            span = _SPAN_RE.match(value, start)
            ends = [e for e in (value.find("}", start) + 1, value.find("\n", start)) if e > 0]
            end = span.end() if span else min(ends, default=len(value))
            element = previous if start == 0 and isinstance(previous, nodes.Element) else None
            # prose with braces stays as written: only Kramdown's syntax is an attribute list,
            # or its unclosed start right after an element (a missing "}")
            body = span["body"] if span else value[start + 2 : end].rstrip("}\n")
            if not is_attr_list(body) or (span is None and element is None):
                continue
            pieces.append(value[pos:start])
            if span and element is not None:
                apply_attr_list(element, span["body"], paragraph)
            else:
                _warn_stray(value[start:end], paragraph)
            pos = end
        pieces.append(value[pos:])
        return "".join(pieces)


def setup(app: Sphinx) -> None:
    app.add_transform(KramdownAttrLists)
