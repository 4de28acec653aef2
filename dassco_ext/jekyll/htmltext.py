"""A rendered layout's HTML as the Markdown the importer reads (Kramdown, as a page body).

Only what a page body says is carried: headings, paragraphs, lists, links, emphasis, images
(``<img>``, or a ``<picture>``'s first ``<source srcset>``), buttons (a link styled as one,
as ``[text](url){: .button}``), cards alike (a sphinx-design grid) and the importer's
listing markers (as the include line the body converter turns into a listing directive). Everything else is the layout's machinery:
its text is kept, its tags are not; scripts, styles, forms and embedded frames are left out
and counted. Text is escaped, so nothing in it is read as Markdown, MyST or Liquid.
"""

from __future__ import annotations

import dataclasses as dc
import functools
import html
import re
from collections import Counter
from html.parser import HTMLParser

from .layouts import LISTING_MARK

_DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "form",
    "canvas",
    "video",
    "audio",
    "select",
    "textarea",
    "button",
    "head",
}
_VOID = {"img", "br", "hr", "source", "input", "meta", "link", "wbr", "area", "col", "track"}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "hr",
    "pre",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    LISTING_MARK,
}
#: Elements nested deeper than this are read as their parent's content (no recursion
#: without end on hostile HTML).
_MAX_DEPTH = 100
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SAFE_URL_RE = re.compile(r"(?:https?:|mailto:|/|#|\.{0,2}/?[\w%~-])", re.IGNORECASE)
_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>{}|$~])")


@dc.dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = dc.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @functools.cached_property
    def has_heading(self) -> bool:
        return any(
            isinstance(c, Element) and (c.tag in _HEADINGS or c.has_heading) for c in self.children
        )

    @functools.cached_property
    def has_image(self) -> bool:
        return any(
            isinstance(c, Element) and (c.tag == "img" or c.has_image) for c in self.children
        )

    @functools.cached_property
    def has_block(self) -> bool:
        return any(
            isinstance(c, Element) and (c.tag in _BLOCKS or c.has_block) for c in self.children
        )


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]
        self.skipping: list[str] = []
        self.dropped: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1] and tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _DROPPED:
            self.dropped[tag] += 1
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        element = Element(tag, {k.lower(): v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:  # deeper: its content joins
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def escape(text: str) -> str:
    """Text as Markdown that shows exactly it (whitespace collapsed)."""
    text = _ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^(#|[-+]\s|\d+(?=[.)]))", r"\\\1", text)


def safe_url(url: str, *, spaces: bool = False) -> str | None:
    """``url`` if it is a link the new site may write: http(s), mailto or a site path (an
    image's file name may hold spaces: ``spaces``)."""
    url = url.strip()
    odd = r"[<>\"'`()\\\x00-\x1f\x7f]" if spaces else r"[\s<>\"'`()\\\x00-\x1f\x7f]"
    if not url or re.search(odd, url) or not _SAFE_URL_RE.match(url):
        return None
    if re.match(r"[A-Za-z][\w+.-]*:", url) and not re.match(r"(?:https?|mailto):", url, re.I):
        return None
    return url


def _image_source(element: Element) -> str | None:
    """An ``<img>``'s file, or its ``<picture>``'s first ``<source srcset>`` when the image
    itself is a placeholder (``data:``) or missing."""
    src = element.attrs.get("src", "").strip()
    if src and not src.lower().startswith("data:"):
        return src
    return element.attrs.get("data-srcset") or None


def _is_button(element: Element) -> bool:
    return any(
        c in ("button", "btn") or c.startswith(("button-", "btn-")) for c in element.classes()
    )


def _is_flat_card(node: Element) -> bool:
    """A card by its looks: a picture and headings, none of them in a part of its own."""
    return node.has_image and not any(
        isinstance(c, Element) and c.tag not in _HEADINGS and c.has_heading for c in node.children
    )


def _only_element(children: list[Element | str]) -> bool:
    """Whether ``children`` are one element and white space."""
    return sum(isinstance(c, Element) or bool(c.strip()) for c in children) == 1


def _card(node: Element | str) -> tuple[str, str] | None:
    """What a card's siblings share (tag and classes), if ``node`` is one: an element
    holding a heading."""
    if not isinstance(node, Element) or node.tag in _HEADINGS or node.tag == LISTING_MARK:
        return None
    return (node.tag, node.attrs.get("class", "")) if node.has_heading else None


class _Writer:
    def __init__(self, mark: str) -> None:
        self.mark = mark  # the comment that stands for a grid's fence until the page is written
        self.in_card = False  # a card holds no grid of its own
        self.blocks: list[str] = []
        self.listed: set[str] = set()
        self.dropped: Counter[str] = Counter()

    # --- inline ---------------------------------------------------------------------------
    def inline(self, node: Element | str) -> str:
        if isinstance(node, str):
            return escape(node) if node.strip() else (" " if node else "")
        tag = node.tag
        if tag == "img":
            src = _image_source(node)
            if src is None or safe_url(src, spaces=True) is None:
                self.dropped["an image without a usable source"] += 1
                return ""
            alt = html.escape(" ".join(node.attrs.get("alt", "").split()))
            return f'<img src="{html.escape(src)}" alt="{alt}">'
        if tag == "picture":
            return self.picture(node)
        if tag == "br":
            return " "
        inner = "".join(self.inline(c) for c in node.children)
        core = inner.strip()
        if not core:
            return inner
        if tag == "a":
            url = safe_url(node.attrs.get("href", ""))
            if url is None:
                return inner
            pad = (" " if inner[:1].isspace() else "", " " if inner[-1:].isspace() else "")
            return f"{pad[0]}[{core}]({url}){pad[1]}"
        if tag in ("strong", "b"):
            return f"**{core}**"
        if tag in ("em", "i", "cite"):
            return f"*{core}*"
        if tag == "code":
            return f"`{node.text().strip()}`" if "`" not in node.text() else inner
        return inner

    def picture(self, node: Element) -> str:
        images = [c for c in node.children if isinstance(c, Element) and c.tag == "img"]
        sources = [c for c in node.children if isinstance(c, Element) and c.tag == "source"]
        srcset = next((s.attrs.get("srcset", "") for s in sources if s.attrs.get("srcset")), "")
        first = srcset.split(",")[0].strip().split(" ")[0] if srcset else ""
        image = images[0] if images else Element("img", {})
        if first:
            image = Element("img", {**image.attrs, "data-srcset": first})
        return self.inline(image)

    # --- blocks ---------------------------------------------------------------------------
    def paragraph(self, text: str, *, button: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        if re.fullmatch(r"(?:<img [^>]*>\s*)+", text):  # images alone: one block each
            self.blocks += re.findall(r"<img [^>]*>", text)
            return
        if "<img " in text and text in self.blocks:  # a carousel's second round
            return
        if button and re.fullmatch(r"\[[^\n]*\]\([^)\s]+\)", text):
            text += "{: .button}"
        self.blocks.append(text)

    def block(self, node: Element) -> None:
        tag = node.tag
        if tag == LISTING_MARK:
            name, limit = node.attrs.get("data-name", ""), node.attrs.get("data-limit", "")
            if re.fullmatch(r"\w+", name) and name not in self.listed:
                self.listed.add(name)
                self.blocks.append(
                    "{% include "
                    + name
                    + ".html"
                    + (f" limit={int(limit)}" if limit.isdigit() else "")
                    + " %}"
                )
            return
        if re.fullmatch(r"h[1-6]", tag):
            text = " ".join(self.inline(node).split())
            if text:
                self.blocks.append("#" * int(tag[1]) + " " + text)
            return
        if tag in ("ul", "ol"):
            items = [c for c in node.children if isinstance(c, Element) and c.tag == "li"]
            lines = []
            for number, item in enumerate(items, 1):
                text = " ".join(self.inline(item).split())
                if text:
                    lines.append(("- " if tag == "ul" else f"{number}. ") + text)
            if lines:
                self.blocks.append("\n".join(lines))
            return
        if tag == "hr":
            return
        if tag == "a" and node.has_block:
            self.linked_blocks(node)
            return
        if tag == "pre":
            text = node.text().strip("\n")
            if text.strip():
                fence = "~~~~" if "~~~" in text else "~~~"
                self.blocks.append(f"{fence}\n{text}\n{fence}")
            return
        self.container(node, button=_is_button(node))

    def container(self, node: Element, *, button: bool = False) -> None:
        run: list[str] = []
        children, index = node.children, 0
        while index < len(children):
            child = children[index]
            group, after = self.cards(children, index)
            alone = len(group) == 1 and _is_flat_card(group[0]) and _only_element(children)
            if not self.in_card and (len(group) > 1 or alone):  # cards alike, or one alone
                self.paragraph("".join(run), button=button)
                run = []
                self.grid(group)
                index = after
                continue
            if isinstance(child, Element) and (child.tag in _BLOCKS or child.has_block):
                self.paragraph("".join(run), button=button)
                run = []
                self.block(child)
            else:
                run.append(self.inline(child))
                button = button or (isinstance(child, Element) and _is_button(child))
            index += 1
        self.paragraph("".join(run), button=button)

    @staticmethod
    def cards(children: list[Element | str], start: int) -> tuple[list[Element], int]:
        """The run of sibling cards alike from ``start`` (white space between them), and
        the index after it."""
        kind = _card(children[start])
        if kind is None:
            return [], start
        group, index, after = [], start, start
        while index < len(children):
            child = children[index]
            if isinstance(child, Element) and _card(child) == kind:
                group.append(child)
                after = index + 1
            elif not (isinstance(child, str) and not child.strip()):
                break
            index += 1
        return group, after

    def grid(self, cards: list[Element]) -> None:
        """Cards alike side by side: a grid (its fences written with the page), each card's
        headings as strong text (a card holds no section)."""
        self.blocks.append(f"{self.mark} grid {min(len(cards), 3)}")
        for card in cards:
            inner = _Writer(self.mark)
            inner.listed, inner.dropped, inner.in_card = self.listed, self.dropped, True
            inner.block(card)
            self.blocks.append(f"{self.mark} card")
            self.blocks += [re.sub(r"\A#+ (.*)\Z", r"**\1**", b) for b in inner.blocks]
            self.blocks.append(f"{self.mark} end card")
        self.blocks.append(f"{self.mark} end grid")

    def linked_blocks(self, node: Element) -> None:
        """A link around blocks (a card): its headings (else its first paragraph) link."""
        url = safe_url(node.attrs.get("href", ""))
        start = len(self.blocks)
        self.container(Element("div", {}, node.children))
        if url is None:
            return
        new = self.blocks[start:]
        headings = [i for i, b in enumerate(new) if b.startswith("#")]
        texts = [i for i, b in enumerate(new) if not b.startswith(("<img", "{%"))]
        for index in headings or texts[:1]:
            text = new[index]
            marks, _, words = text.partition(" ") if index in headings else ("", "", text)
            if "](" not in words:
                self.blocks[start + index] = (marks + " " if marks else "") + f"[{words}]({url})"


@dc.dataclass
class Converted:
    markdown: str
    dropped: Counter[str]


def html_to_markdown(source: str, mark: str) -> Converted:
    """The rendered HTML as a page body in Markdown, and what was left out (counted); the
    comment ``mark`` stands for grid fences (:func:`with_grids` writes them)."""
    tree = _Tree()
    tree.feed(source)
    tree.close()
    writer = _Writer(mark)
    writer.container(tree.root)
    dropped = Counter({f"<{tag}>": n for tag, n in tree.dropped.items()}) + writer.dropped
    return Converted("\n\n".join(writer.blocks) + ("\n" if writer.blocks else ""), dropped)


def with_grids(body: str, mark: str) -> str:
    """``body`` with the grid marks of :func:`html_to_markdown` as sphinx-design fences."""
    fences = {"card": "````{grid-item-card}", "end card": "````", "end grid": "`````"}
    out = []
    for line in body.split("\n"):
        word = line[len(mark) + 1 :] if line.startswith(mark + " ") else None
        if word is None:
            out.append(line)
        elif word.startswith("grid "):
            columns = word.split()[1]
            out += [f"`````{{grid}} 1 2 {columns} {columns}", ":gutter: 3", ""]
        else:
            out.append(fences.get(word, ""))
    return "\n".join(out)
