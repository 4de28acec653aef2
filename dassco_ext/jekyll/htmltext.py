"""A rendered layout's HTML as a page body in Markdown (markdownify), with the importer's
rules: the URL rule, buttons, cards alike as a grid, listing markers; the layout's machinery
(scripts, forms, frames) left out and counted. Text is escaped: never read as markup.
"""

from __future__ import annotations

import dataclasses as dc
import html
import re
from collections import Counter
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter

from .layouts import LISTING_MARK

#: The layout's machinery: left out with what it holds, and counted.
_DROPPED = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed"]
_DROPPED += ["form", "canvas", "video", "audio", "select", "textarea", "button", "head"]
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCKS = [*_HEADINGS, LISTING_MARK, "address", "article", "aside", "blockquote", "div", "dl"]
_BLOCKS += ["figure", "footer", "header", "li", "main", "nav", "ol", "p", "pre", "section"]
_BLOCKS += ["table", "ul"]
#: Elements nested deeper than this are read as their parent's content.
_MAX_DEPTH = 100
_SAFE_URL_RE = re.compile(r"(?:https?:|mailto:|/|#|\.{0,2}/?[\w%~-])", re.IGNORECASE)
_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>{}|$~])")
_LINE_START_RE = re.compile(r"^(\s*)(#|[-+]\s|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Text as Markdown that shows exactly it (whitespace collapsed)."""
    return _escape(" ".join(text.split()))


def _escape(text: str) -> str:
    return _LINE_START_RE.sub(r"\1\\\2", _ESCAPE_RE.sub(r"\\\1", text))


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


def _is_button(element: Any) -> bool:
    classes = element.get_attribute_list("class") if isinstance(element, Tag) else []
    return any(c in ("button", "btn") or c.startswith(("button-", "btn-")) for c in classes)


def _card(node: Any) -> tuple[str, str] | None:
    """What a card's siblings share (tag and classes), if ``node`` is one: an element
    holding a heading."""
    if not isinstance(node, Tag) or node.name in _HEADINGS or node.name == LISTING_MARK:
        return None
    return (node.name, " ".join(node.get("class") or [])) if node.find(_HEADINGS) else None


def _is_flat_card(node: Tag) -> bool:
    """A card by its looks: a picture and headings, none of them in a part of its own."""
    return node.find("img") is not None and not any(
        isinstance(c, Tag) and c.name not in _HEADINGS and c.find(_HEADINGS) for c in node.children
    )


def _mark_grids(soup: BeautifulSoup) -> None:
    """Sibling cards alike (or one card alone in its parent) wrapped in ``jekyll-grid`` and
    ``jekyll-card`` elements; a card holds no grid of its own."""
    todo: list[Tag] = [soup]
    while todo:
        node = todo.pop()
        children: list[Any] = [c for c in node.children if isinstance(c, Tag) or str(c).strip()]
        index = 0
        while index < len(children):
            kind = _card(children[index])
            run = [children[index]]
            while kind and index + len(run) < len(children):
                if _card(children[index + len(run)]) != kind:
                    break
                run.append(children[index + len(run)])
            if kind and (len(run) > 1 or (len(children) == 1 and _is_flat_card(run[0]))):
                grid = soup.new_tag("jekyll-grid")
                run[0].insert_before(grid)
                for card in run:
                    grid.append(wrapper := soup.new_tag("jekyll-card"))
                    wrapper.append(card.extract())
                index += len(run)
                continue
            if isinstance(children[index], Tag):
                todo.append(children[index])
            index += 1


def _flatten(soup: BeautifulSoup) -> None:
    """Elements deeper than :data:`_MAX_DEPTH` unwrapped (no recursion without end)."""
    depth = {id(soup): 0}
    deep = []
    for element in soup.descendants:
        if isinstance(element, Tag):
            depth[id(element)] = depth.get(id(element.parent), 0) + 1
            if depth[id(element)] > _MAX_DEPTH:
                deep.append(element)
    for element in deep:
        element.unwrap()


class _Converter(MarkdownConverter):
    def __init__(self, mark: str) -> None:
        super().__init__(heading_style=ATX, bullets="-")
        self.mark = mark  # the comment that stands for a grid's fence until the page is written
        self.listed: set[str] = set()
        self.dropped: Counter[str] = Counter()

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return _escape(re.sub(r"\s+", " ", text))  # a layout's line breaks are no Markdown

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        url = safe_url(str(el.get("href") or ""))
        if url is None or not text.strip():
            return text
        if el.find(_BLOCKS) is None:
            core, pad = text.strip(), (" " * text[:1].isspace(), " " * text[-1:].isspace())
            alone = el.parent is not None and el.parent.get_text().strip() == el.get_text().strip()
            button = "{: .button}" if alone and (_is_button(el) or _is_button(el.parent)) else ""
            return f"{pad[0]}[{core}]({url}){button}{pad[1]}"
        # a link around blocks (a card): its headings, else its first text, link
        blocks = [b.strip() for b in text.split("\n\n")]
        headings = [i for i, b in enumerate(blocks) if b.startswith(("#", "**"))]
        texts = [i for i, b in enumerate(blocks) if b and not b.startswith(("<img", "{%"))]
        for index in headings or texts[:1]:
            block = blocks[index]
            marks = re.match(r"#+ |\*\*(?=.*\*\*\Z)", block, re.DOTALL)
            start, end = (marks.end() if marks else 0), len(block)
            end -= 2 if marks and marks[0] == "**" else 0
            if "](" not in block[start:end]:
                blocks[index] = f"{block[:start]}[{block[start:end]}]({url}){block[end:]}"
        return "\n\n" + "\n\n".join(blocks) + "\n\n"

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = " ".join(text.split())
        if not text or "_inline" in parent_tags:
            return text
        return (
            f"\n\n**{text}**\n\n" if "jekyll-card" in parent_tags else f"\n\n{'#' * n} {text}\n\n"
        )

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "picture" in parent_tags:
            return ""  # its picture's own source stands for it
        src = str(el.get("src") or "").strip()
        if not src or src.lower().startswith("data:"):
            src = str(el.get("data-srcset") or "")
        if safe_url(src, spaces=True) is None:
            self.dropped["an image without a usable source"] += 1
            return ""
        alt = html.escape(" ".join(str(el.get("alt") or "").split()))
        return f'<img src="{html.escape(src)}" alt="{alt}">'

    def convert_picture(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        sources = [str(s.get("srcset") or "") for s in el.find_all("source", recursive=False)]
        first = next((s.split(",")[0].strip().split(" ")[0] for s in sources if s), "")
        image = el.find("img", recursive=False)
        attrs = {**(image.attrs if isinstance(image, Tag) else {})}
        if first:
            attrs["data-srcset"] = first
        return self.convert_img(Tag(name="img", attrs=attrs), "", parent_tags)

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " "

    def convert_hr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return "\n\n"

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text().strip("\n")
        fence = "~~~~" if "~~~" in code else "~~~"
        return f"\n\n{fence}\n{code}\n{fence}\n\n" if code.strip() else ""

    def convert_jekyll_listing(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        name, limit = str(el.get("data-name") or ""), str(el.get("data-limit") or "")
        if not re.fullmatch(r"\w+", name) or name in self.listed:
            return "\n\n"  # a block all the same (a carousel's second round stands apart)
        self.listed.add(name)
        limit = f" limit={int(limit)}" if limit.isdigit() else ""
        return "\n\n{% include " + name + ".html" + limit + " %}\n\n"

    def convert_jekyll_grid(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        columns = min(len(el.find_all("jekyll-card", recursive=False)), 3)
        return f"\n\n{self.mark} grid {columns}\n\n{text}\n\n{self.mark} end grid\n\n"

    def convert_jekyll_card(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{self.mark} card\n\n{text}\n\n{self.mark} end card\n\n"

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    convert_article = convert_aside = convert_figure = convert_footer = convert_div
    convert_header = convert_main = convert_nav = convert_section = convert_div


@dc.dataclass
class Converted:
    markdown: str
    dropped: Counter[str]


def html_to_markdown(source: str, mark: str) -> Converted:
    """The rendered HTML as a page body in Markdown, and what was left out (counted); the
    comment ``mark`` stands for grid fences (:func:`with_grids` writes them)."""
    soup = BeautifulSoup(source, "html.parser")
    dropped: Counter[str] = Counter()
    for element in soup.find_all(_DROPPED):
        if not element.decomposed:
            dropped[f"<{element.name}>"] += 1
            element.decompose()
    _flatten(soup)
    _mark_grids(soup)
    converter = _Converter(mark)
    blocks: list[str] = []
    for block in converter.convert_soup(soup).split("\n\n"):
        block = block.strip()
        if re.fullmatch(r"(?:<img [^>]*>\s*)+", block):  # images alone: one block each
            blocks += re.findall(r"<img [^>]*>", block)
        elif block and not ("<img " in block and block in blocks):  # a carousel's second round
            blocks.append(block)
    return Converted("\n\n".join(blocks) + ("\n" if blocks else ""), dropped + converter.dropped)


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
