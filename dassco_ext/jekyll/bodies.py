"""Page bodies: raw ``<img>`` to MyST images, Liquid and JSX found and set aside.

:func:`convert_body` turns a Jekyll Markdown body into the MyST the site's pages use:

- an HTML block holding only images (and ``<p align="center">``-style wrappers) becomes one
  ``{image}`` directive per image: the file copied (:class:`~.images.ImageStore`), ``alt``
  kept (Sphinx puts it in the catalog), ``width``/``height`` as CSS lengths, centring as
  ``:align: center``;
- an ``<img>`` inside a paragraph becomes ``![alt](path)``;
- a block that is only Liquid tags (``{% include x.html %}``) or JSX (``<Viewer client:load />``)
  becomes a MyST comment (``% jekyll-import: ...``): kept in the source for an editor, shown
  to nobody; ``{{ site.data.x.y }}`` with a value in ``_data`` is replaced by it;
- Jekyll's meaning is kept: text MyST would read as markup (roles, directives, attributes,
  ``path:`` links, comments, targets) is escaped, relative links resolve against the page's
  old URL as a browser resolved them, and raw HTML passes through nh3 (an allowlist of
  elements and attributes; links only to http(s), mailto or relative URLs).

Each case is a :class:`Finding` for the report, with its file and line.
"""

from __future__ import annotations

import dataclasses as dc
import html
import re
import urllib.parse
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

COMMENT_PREFIX = "% jekyll-import: "
LIQUID_RE = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.DOTALL)
LIQUID_OUTPUT_RE = re.compile(r"\{\{-?\s*(?P<path>site\.[\w.-]+)\s*-?\}\}")
#: JSX: a component (``<SpecimenViewer``, ``<Foo.Bar``), ``client:load``, ``className=``, ``{/* */}``.
_JSX_HINT_RE = re.compile(r"\bclient:\w+|\bclassName=|\{/\*")
_TAG_NAME_RE = re.compile(r"<([A-Z][\w.]*)(?=[\s/>])")


def is_jsx(source: str) -> bool:
    """Whether an HTML block is JSX (old upper-case HTML such as ``<P ALIGN=center>`` is not)."""
    if _JSX_HINT_RE.search(source):
        return True
    return any("." in name or not name.isupper() for name in _TAG_NAME_RE.findall(source))
_INCLUDE_RE = re.compile(r"\{%-?\s*include\s+(?P<name>[\w./-]+)(?P<args>[^%]*?)-?%\}")
_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LENGTH_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(px|%|em|rem)?\s*", re.IGNORECASE)
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
#: The same, code spans skipped as well (as far as a pattern can tell them).
_INLINE_RE = re.compile(r"(?P<code>(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)(?P=ticks)(?!`))|" + _INLINE,
                        re.DOTALL | re.MULTILINE)
_INLINE_IN_CODE_TOO_RE = re.compile(_INLINE, re.DOTALL | re.MULTILINE)
#: Raw HTML kept: nh3's elements with their attributes, ``class``, ``lang``, ``title`` on any;
#: URLs only http(s), mailto or relative.
_HTML_ATTRIBUTES = {**{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}, "*": {"class", "lang", "title"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_WRAPPERS = {"p", "div", "center", "a", "figure", "span", "br"}


@dc.dataclass(frozen=True)
class Finding:
    kind: str  # "liquid", "jsx", "image", "html"
    line: int  # in the Jekyll file
    text: str
    action: str


@dc.dataclass(frozen=True)
class Block:
    """A leaf block of a body (:func:`~.align.blocks`): its kind (``h2``, ``p``, ``li>p``, ``image``...), text, line."""

    kind: str
    text: str
    line: int  # 0-based, in the body


class _ImageBlock(HTMLParser):
    """Collects the ``<img>`` of an HTML block, whether it is centred, and any other content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []
        self.center = False
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "img":
            self.images.append(values)
        elif tag not in _WRAPPERS:
            self.other.append(f"<{tag}>")
        if tag == "center" or values.get("align", "").lower() == "center" or re.search(
            r"text-align\s*:\s*center", values.get("style", ""), re.IGNORECASE
        ):
            self.center = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.other.append(data.strip())


def css_length(value: str) -> str | None:
    """``300`` -> ``300px``; ``50%`` stays; anything else ``None``."""
    match = _LENGTH_RE.fullmatch(value or "")
    if not match:
        return None
    return match[1] + (match[2] or "px").lower()


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

    unknown_decl = handle_decl


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


def as_jekyll_meant(lines: list[str], origin: list[int], first_line: int, base: str,
                    findings: list[Finding]) -> list[str]:
    """Outside code, HTML blocks and comments: what MyST would read as its own markup made
    text, relative links resolved against ``base`` (the page's old URL), raw HTML tags
    sanitised; the number of lines kept."""
    keep = {i for i, text in enumerate(lines) if text.startswith(COMMENT_PREFIX)}
    for token in MarkdownIt("commonmark").parse("\n".join(lines)):
        if token.map and token.type in ("fence", "code_block", "html_block"):
            keep.update(range(*token.map))
    out, start = list(lines), 0
    while start < len(lines):
        if start in keep:
            start += 1
            continue
        end = start
        while end < len(lines) and end not in keep:
            end += 1
        text = "\n".join(out[start:end])
        found: list[Finding] = []

        def fix(match: re.Match[str], start: int = start, text: str = text, found: list[Finding] = found) -> str:
            at = first_line + origin[start + text.count("\n", 0, match.start())]
            if match["role"] or match["attrs"] or match["scheme"]:
                found.append(Finding("myst", at, match[0] + text[match.end():match.end() + 60].split("\n")[0],
                                     "MyST would read it as markup; Jekyll showed it as text: escaped"))
                return "\\" + match[0] if not match["scheme"] else match[0].replace("](", "\\](").replace("<", "\\<")
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
    parser = create_md_parser(MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"}), RendererHTML)
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
            inline |= (piece.type == "myst_role" or bool(set(piece.attrs) - {"href", "src", "alt", "title"})
                       or piece.type in ("link_open", "image") and not re.match(r"[A-Za-z][\w+.-]*:|[/#?]", url)
                       and not url.startswith("path:") or url.startswith(("path:", "project:", "inv:"))
                       or piece.type == "html_inline" and clean_tag(piece.content, 0, []) != piece.content)
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


def one_line(text: str) -> str:
    return " ".join(html.unescape(text).split())


class BodyConverter:
    """Converts the bodies of one import; ``publish`` maps a site image path to a docs path."""

    def __init__(self, publish: Callable[[str], str | None], data_value: Callable[[str], object],
                 listings: frozenset[str] = frozenset()) -> None:
        self.publish = publish
        self.data_value = data_value
        #: folders listed by a directive of their name (``news``): an include of a list of
        #: them (``{% include latest-news.html limit=3 %}``) becomes that directive
        self.listings = listings
        self.line_origin: list[int] = []

    def include_directive(self, text: str) -> list[str] | None:
        """``{% include latest-news.html limit=3 %}`` -> the ``{news}`` directive, limit kept."""
        match = _INCLUDE_RE.fullmatch(text.strip())
        if not match:
            return None
        words = set(re.split(r"[^a-z0-9]+", match["name"].lower().rsplit(".", 1)[0]))
        found = [x for x in sorted(self.listings) if x in words or x.rstrip("s") in words]
        if len(found) != 1:
            return None
        lines = ["```{" + found[0] + "} " + found[0]]
        limit = re.search(r"\b(?:limit|count|max|number)\s*=\s*[\"']?(\d+)", match["args"] or "")
        if limit and found[0] == "news":
            lines.append(f":limit: {int(limit[1])}")
        return [*lines, "```"]

    def image_directive(self, attrs: dict[str, str], center: bool, line: int, findings: list[Finding]) -> list[str]:
        src = attrs.get("src", "").strip()
        target = self.image_target(src, line, findings)
        if target is None:
            return [COMMENT_PREFIX + f"image not imported: <img src={src!r}>"]
        out = ["```{image} " + target]
        alt = one_line(attrs.get("alt", ""))
        if alt:
            out.append(f":alt: {alt}")
        for option in ("width", "height"):
            if attrs.get(option):
                length = css_length(attrs[option])
                if length:
                    out.append(f":{option}: {length}")
                else:
                    findings.append(Finding("image", line, f"{option}={attrs[option]!r}", "not a length: left out"))
        align = "center" if center else attrs.get("align", "").lower()
        if align in ("left", "right", "center"):
            out.append(f":align: {align}")
        out.append("```")
        return out

    def image_target(self, src: str, line: int, findings: list[Finding]) -> str | None:
        """A site path becomes the copied file's path from the docs root (``/assets/...``)."""
        if LIQUID_RE.search(src):
            resolved = self.resolve_liquid(src)
            if resolved is None:
                findings.append(Finding("liquid", line, src, "image source is Liquid with no value in _data: image left out"))
                return None
            src = resolved
        if re.match(r"https?://", src, re.IGNORECASE):
            if re.search(r"[\s<>\"'`]", src):
                findings.append(Finding("image", line, src, "a remote image URL with spaces or quotes: image left out"))
                return None
            return src
        published = self.publish(src) if src else None
        if published is None:
            findings.append(Finding("image", line, src or "<img> without src", "image not published (see Images): left out"))
            return None
        return "/" + published

    def resolve_liquid(self, text: str) -> str | None:
        """``{{ site.data.a.b }}`` (and text around it) with values from ``_data``, else ``None``."""
        def value(match: re.Match[str]) -> str:
            path = match["path"]
            found = self.data_value(path.removeprefix("site.data.")) if path.startswith("site.data.") else None
            if not isinstance(found, str | int | float):
                raise LookupError(path)  # noqa: TRY004 - caught below: no value
            return str(found)

        try:
            resolved = LIQUID_OUTPUT_RE.sub(value, text)
        except LookupError:
            return None
        return None if LIQUID_RE.search(resolved) else resolved

    def image_block(self, source: str, line: int, findings: list[Finding]) -> list[str] | None:
        """An HTML block of images only (and wrappers) as ``{image}`` directives."""
        parser = _ImageBlock()
        parser.feed(source)
        parser.close()
        if parser.other or not parser.images:
            return None
        out: list[str] = []
        for attrs in parser.images:
            out += [*([""] if out else []), *self.image_directive(attrs, parser.center, line, findings)]
        return out

    def convert(self, body: str, first_line: int, base: str = "/") -> tuple[str, list[Finding]]:
        """The body as MyST, and what was found (lines counted from ``first_line``; relative
        links resolve against ``base``, the page's old URL)."""
        findings: list[Finding] = []
        lines = body.split("\n")
        replacements: dict[int, tuple[int, list[str]]] = {}
        tokens = MarkdownIt("commonmark").parse(body)
        for token in tokens:
            if not token.map or token.level != 0 and token.type not in ("html_block", "fence"):
                continue
            start, end = token.map
            source = "\n".join(lines[start:end])
            line = first_line + start
            if token.type == "fence" and token.info.strip().startswith("{"):
                # Kramdown showed it as code; MyST would run it as a directive
                findings.append(Finding("myst", line, token.info.strip()[:80], "a code block whose language "
                                        "MyST would read as a directive: kept as a plain code block"))
                marker = re.search(r"`{3,}|~{3,}", lines[start])  # the fence, its list marks kept
                replacements[start] = (start + 1, [lines[start][: marker.end()] if marker else "```"])
            elif token.type == "html_block" and is_jsx(source):
                findings.append(Finding("jsx", line, source.strip()[:120], "set aside as a comment"))
                replacements[start] = (end, [COMMENT_PREFIX + "jsx: " + x for x in lines[start:end]])
            elif token.type == "html_block" and _IMG_RE.search(source) and (
                    images := self.image_block(source, line, findings)) is not None:
                replacements[start] = (end, images)
            elif token.type == "html_block":
                if _IMG_RE.search(source):
                    findings.append(Finding("html", line, source.strip()[:120], "raw HTML with images and other content: left as HTML"))
                if LIQUID_RE.search(source):
                    self.liquid_block(lines, start, end, first_line, findings, replacements)
                new = replacements.get(start, (end, lines[start:end]))[1]
                if not new[0].startswith(COMMENT_PREFIX):
                    cleaned = clean_html("\n".join(new))
                    for offset, what in html_removals("\n".join(new), cleaned):
                        findings.append(Finding("html", line + offset, what, "removed by the HTML sanitiser"))
                    replacements[start] = (end, cleaned.rstrip("\n").split("\n"))
            elif token.type == "paragraph_open" and LIQUID_RE.search(source):
                self.liquid_block(lines, start, end, first_line, findings, replacements)
        origin = list(range(len(lines)))  # each line's line in the Jekyll body
        for start in sorted(replacements, reverse=True):
            end, new = replacements[start]
            lines[start:end] = new
            origin[start:end] = [origin[start]] * len(new)
        # images inside paragraphs (a tag may span lines): each paragraph, from the last
        tokens = MarkdownIt("commonmark").parse("\n".join(lines))
        for token in reversed(tokens):
            if token.type == "inline" and token.map and _IMG_RE.search(token.content):
                start, end = token.map
                if lines[start].startswith(COMMENT_PREFIX):
                    continue
                chunk = "\n".join(lines[start:end])
                at = first_line + origin[start]
                new = _IMG_RE.sub(lambda m, at=at: self.inline_image(m[0], at, findings), chunk).split("\n")
                lines[start:end] = new
                origin[start:end] = [origin[start]] * len(new)
        lines = as_jekyll_meant(lines, origin, first_line, base, findings)
        while lines and not lines[0].strip():
            lines, origin = lines[1:], origin[1:]
        while lines and not lines[-1].strip():
            lines, origin = lines[:-1], origin[:-1]
        #: for the body just converted: the Jekyll body's line (0-based) of each line written
        self.line_origin = origin
        return ("\n".join(lines) + "\n") if lines else "", findings

    def liquid_block(self, lines: list[str], start: int, end: int, first_line: int,
                     findings: list[Finding], replacements: dict[int, tuple[int, list[str]]]) -> None:
        block = lines[start:end]
        directive = self.include_directive(" ".join(block)) if len(block) == 1 else None
        if directive:
            findings.append(Finding("liquid", first_line + start, block[0].strip(),
                                    f"replaced by the {directive[0].split()[0][3:]} directive"))
            replacements[start] = (end, directive)
            return
        if all(not LIQUID_RE.sub("", x).strip() for x in block):  # only Liquid tags
            for offset, text in enumerate(block):
                findings.append(Finding("liquid", first_line + start + offset, text.strip(), "set aside as a comment"))
            replacements[start] = (end, [COMMENT_PREFIX + "liquid: " + x for x in block])
            return
        new = []
        for offset, text in enumerate(block):
            for match in LIQUID_RE.finditer(text):
                resolved = self.resolve_liquid(match[0])
                line = first_line + start + offset
                if resolved is None:
                    findings.append(Finding("liquid", line, match[0], "left as text (no value in _data)"))
                else:
                    findings.append(Finding("liquid", line, match[0], f"replaced by {resolved!r} from _data"))
                    text = text.replace(match[0], resolved)
            new.append(text)
        replacements[start] = (end, new)

    def inline_image(self, tag: str, first_line: int, findings: list[Finding]) -> str:
        parser = _ImageBlock()
        parser.feed(tag)
        parser.close()
        attrs = parser.images[0] if parser.images else {}
        target = self.image_target(attrs.get("src", "").strip(), first_line, findings)
        if target is None:
            return ""
        if attrs.get("width") or attrs.get("height"):
            findings.append(Finding("image", first_line, tag, "an image inside a paragraph: its size is left out"))
        alt = one_line(attrs.get("alt", "")).replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}]({target})" if " " not in target else f"![{alt}](<{target}>)"
