"""Jekyll's meaning kept in MyST: what Kramdown showed as text stays text (MyST's own markup
escaped, as MyST's parser reads it), relative links resolve against the page's old URL, raw
HTML passes nh3 (an allowlist); every change is a :class:`Finding` with its line.
"""

from __future__ import annotations

import dataclasses as dc
import re
import urllib.parse
from collections import Counter
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: The comments the importer writes (a block set aside for an editor), shown to nobody.
COMMENT_PREFIX = "% jekyll-import: "
#: The container marks (list items, block quotes) before a line's own text.
_CONTAINER_RE = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$))*[ \t]*")
#: Inside a paragraph, what MyST reads differently from Kramdown (escapes skipped): roles,
#: inline attributes, ``path:``/``project:``/``inv:`` links, relative links and link
#: definitions (resolved as a browser did), raw HTML tags (sanitised).
_INLINE = (
    r"(?P<escaped>\\.)|(?P<role>\{[A-Za-z0-9_+:-]+\}(?=`))|(?P<attrs>(?<=[\]`*_>)])\{(?![:{]))"
    r"|(?P<scheme>(?:\]\(\s*|<)(?=(?:path|project|inv):))"
    r"|(?P<head>\]\(\s*<?|^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)*[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<relative>(?![A-Za-z][\w+.-]*:|[/#?])[^)\s<>{`\\]+)"
    r"|(?P<tag>" + HTML_TAG_RE.pattern.lstrip("^") + ")"
)
#: A link definition's line (``[label]: url "title"``), told from text by markdown-it's blocks.
_DEFINITION_RE = re.compile(
    r"(?P<head>(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)*[ \t]{0,3}\[[^\]\n]+\]:[ \t]*)"
    r"(?P<url><[^<>\n]*>|[^\s<>]+)(?P<title>.*)"
)
_LEAF_BLOCKS = {"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr"}
#: The same, code spans skipped as well (as far as a pattern can tell them).
_INLINE_RE = re.compile(
    r"(?P<code>(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)(?P=ticks)(?!`))|" + _INLINE,
    re.DOTALL | re.MULTILINE,
)
_INLINE_IN_CODE_TOO_RE = re.compile(_INLINE, re.DOTALL | re.MULTILINE)
#: Raw HTML kept: nh3's elements with their attributes, ``class``, ``lang``, ``title`` on any;
#: URLs only http(s), mailto or relative.
_HTML_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "lang", "title"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


@dc.dataclass(frozen=True)
class Finding:
    kind: str  # "liquid", "jsx", "image", "html"
    line: int  # in the Jekyll file
    text: str
    action: str


def clean_html(fragment: str) -> str:
    """``fragment`` through the sanitiser (nh3: an allowlist, never a blocklist)."""
    return nh3.clean(fragment, attributes=_HTML_ATTRIBUTES, url_schemes=_URL_SCHEMES, link_rel=None)


class _Markup(HTMLParser):
    """The start tags, attributes, comments and declarations of HTML, each with its line."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[int, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.items.append((line, f"<{tag}>"))
        self.items += [(line, f"{name}={value!r} on <{tag}>") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.items.append((self.getpos()[0], "an HTML comment"))

    def handle_decl(self, decl: str) -> None:
        self.items.append((self.getpos()[0], f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.items.append((self.getpos()[0], f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


def html_removals(before: str, after: str) -> list[tuple[int, str]]:
    """What the sanitiser removed from ``before`` (``after``), each with its line (0-based)."""
    kept = Counter(text for _, text in _Markup(after).items)
    removed = []
    for line, text in _Markup(before).items:
        if kept[text]:
            kept[text] -= 1
        else:
            removed.append((line - 1, text))
    return removed


def as_jekyll_meant(
    lines: list[str], origin: list[int], first_line: int, base: str, findings: list[Finding]
) -> list[str]:
    """Outside code, HTML blocks and comments: what MyST would read as its own markup made
    text, relative links resolved against ``base`` (the page's old URL), raw HTML tags
    sanitised; the number of lines kept."""
    keep = {i for i, text in enumerate(lines) if text.startswith(COMMENT_PREFIX)}
    # the lines of blocks a reader sees: a link definition is in none of them
    shown: set[int] = set()
    for token in MarkdownIt("commonmark").parse("\n".join(lines)):
        if token.map and token.type in ("fence", "code_block", "html_block"):
            keep.update(range(*token.map))
        if token.map and token.type in _LEAF_BLOCKS:
            shown.update(range(*token.map))
    out, start = list(lines), 0
    for index, text in enumerate(lines):
        if index not in keep | shown and (definition := _DEFINITION_RE.match(text)):
            url = definition["url"].strip("<>")
            if not re.match(r"[A-Za-z][\w+.-]*:|[/#?]", url):  # resolved whole, as a browser does
                url = urllib.parse.urljoin(base, url)
            if definition["url"].startswith("<") or re.search(r"[()]", url):
                url = f"<{url}>"  # a bare URL with a lone parenthesis is no URL to MyST
            out[index] = definition["head"] + url + definition["title"]
            keep.add(index)
    while start < len(lines):
        if start in keep:
            start += 1
            continue
        end = start
        while end < len(lines) and end not in keep:
            end += 1
        text = "\n".join(out[start:end])
        found: list[Finding] = []

        def fix(
            match: re.Match[str], start: int = start, text: str = text, found: list[Finding] = found
        ) -> str:
            at = first_line + origin[start + text.count("\n", 0, match.start())]
            if match["role"] or match["attrs"] or match["scheme"]:
                what = match[0] + text[match.end() : match.end() + 60].split("\n")[0]
                done = "MyST would read it as markup; Jekyll showed it as text: escaped"
                found.append(Finding("myst", at, what, done))
                return (
                    "\\" + match[0]
                    if not match["scheme"]
                    else match[0].replace("](", "\\](").replace("<", "\\<")
                )
            if match["relative"]:
                return match["head"] + urllib.parse.urljoin(base, match["relative"])
            if match["tag"]:
                return clean_tag(match["tag"], at, found)
            return match[0]

        fixed = _INLINE_RE.sub(fix, text)
        if _myst_markup(fixed)[1]:  # code spans paired otherwise than guessed: in them too
            found.clear()
            fixed = _INLINE_IN_CODE_TOO_RE.sub(fix, text)
        findings += found
        out[start:end] = fixed.split("\n")
        start = end
    for _ in range(len(out)):  # lines MyST reads as a comment, target, break or attributes
        blocks = _myst_markup("\n".join(out))[0]
        if not blocks:
            break
        for index in blocks:
            out[index] = _CONTAINER_RE.sub(lambda m: m[0] + "\\", out[index], count=1)
    return out


def _myst_markup(text: str) -> tuple[set[int], bool]:
    """What MyST (with the extensions the build enables) reads as its own markup in ``text``:
    the lines of its comments (the importer's aside), targets, breaks and attribute lines,
    and whether it reads a role, inline attributes, a relative or ``path:`` link or raw
    HTML the sanitiser would change."""
    parser = create_md_parser(
        MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"}), RendererHTML
    )
    lines, inline = set(), False
    rows = text.split("\n")
    for token in parser.parse(text):
        if token.map and token.type in ("myst_line_comment", "myst_target", "myst_block_break"):
            lines |= {i for i in range(*token.map) if not rows[i].startswith(COMMENT_PREFIX)}
        elif token.map and set(token.attrs) - {"start"}:  # given by a line of attributes above it
            line = token.map[0] - 1
            while line > 0 and not rows[line].strip():
                line -= 1
            lines |= {line} if line >= 0 else set()
        for piece in token.children or []:
            url = str(piece.attrs.get("href", piece.attrs.get("src", "")))
            inline |= (
                piece.type == "myst_role"
                or bool(set(piece.attrs) - {"href", "src", "alt", "title"})
                or (
                    piece.type in ("link_open", "image")
                    and not re.match(r"[A-Za-z][\w+.-]*:|[/#?]", url)
                )
                or url.startswith(("path:", "project:", "inv:"))
                or (
                    piece.type == "html_inline" and clean_tag(piece.content, 0, []) != piece.content
                )
            )
    return lines, inline


def clean_tag(tag: str, line: int, findings: list[Finding]) -> str:
    """One raw HTML tag of a paragraph, sanitised; its line breaks kept inside it."""
    closing = re.fullmatch(r"</([A-Za-z][A-Za-z0-9-]*)\s*>", tag)
    if closing:
        cleaned = tag if closing[1].lower() in nh3.ALLOWED_TAGS else ""
        removed = [] if cleaned else [(0, tag)]
    else:
        cleaned = (re.match(r"<[^>]*>", clean_html(tag)) or [""])[0]
        removed = html_removals(tag, cleaned)
    for offset, what in removed:
        findings.append(Finding("html", line + offset, what, "removed by the HTML sanitiser"))
    breaks = "\n" * tag.count("\n")
    return cleaned[:-1] + breaks + ">" if cleaned else breaks
