"""Page bodies as MyST: raw ``<img>`` as images (the file copied), Liquid and JSX set aside
as comments (``{{ site.data.x }}`` filled in from ``_data``), Jekyll's meaning kept
(:mod:`.meaning`); each case a :class:`Finding` for the report, with its file and line.
"""

from __future__ import annotations

import dataclasses as dc
import html
import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Comment
from markdown_it import MarkdownIt

from .meaning import COMMENT_PREFIX, Finding, as_jekyll_meant, clean_html, html_removals

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
_WRAPPERS = {"p", "div", "center", "a", "figure", "span", "br", "img"}


@dc.dataclass(frozen=True)
class Block:
    """A leaf block of a body (:func:`~.align.blocks`): its kind (``h2``, ``p``, ``li>p``, ``image``...), text, line."""

    kind: str
    text: str
    line: int  # 0-based, in the body


def _images(source: str) -> tuple[list[dict[str, str]], bool, bool]:
    """The ``<img>`` of an HTML block (their attributes), whether it centres them, and
    whether it holds anything but images and their wrappers."""
    soup = BeautifulSoup(source, "html.parser")
    images, center = [], False
    other = any(s.strip() for s in soup.find_all(string=True) if not isinstance(s, Comment))
    for tag in soup.find_all(True):
        values = {k: " ".join(v) if isinstance(v, list) else v for k, v in tag.attrs.items()}
        if tag.name == "img":
            images.append(values)
        other = other or tag.name not in _WRAPPERS
        style = values.get("style", "")
        if tag.name == "center" or values.get("align", "").lower() == "center":
            center = True
        center = center or bool(re.search(r"text-align\s*:\s*center", style, re.IGNORECASE))
    return images, center, other


def css_length(value: str) -> str | None:
    """``300`` -> ``300px``; ``50%`` stays; anything else ``None``."""
    match = _LENGTH_RE.fullmatch(value or "")
    if not match:
        return None
    return match[1] + (match[2] or "px").lower()


def one_line(text: str) -> str:
    return " ".join(html.unescape(text).split())


class BodyConverter:
    """Converts the bodies of one import; ``publish`` maps a site image path to a docs path."""

    def __init__(
        self,
        publish: Callable[[str], str | None],
        data_value: Callable[[str], object],
        listings: dict[str, str] | None = None,
    ) -> None:
        self.publish = publish
        self.data_value = data_value
        #: folders listed by a directive of their name (``news``): an include of a list of
        #: them (``{% include latest-news.html limit=3 %}``) becomes that directive
        self.listings = listings or {}  # folder -> the directive listing it
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
        lines = ["```{" + self.listings[found[0]] + "} " + found[0]]
        limit = re.search(r"\b(?:limit|count|max|number)\s*=\s*[\"']?(\d+)", match["args"] or "")
        if limit and self.listings[found[0]] == "news":
            lines.append(f":limit: {int(limit[1])}")
        return [*lines, "```"]

    def image_directive(
        self, attrs: dict[str, str], center: bool, line: int, findings: list[Finding]
    ) -> list[str]:
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
                    what = f"{option}={attrs[option]!r}"
                    findings.append(Finding("image", line, what, "not a length: left out"))
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
                why = "image source is Liquid with no value in _data: image left out"
                findings.append(Finding("liquid", line, src, why))
                return None
            src = resolved
        if re.match(r"https?://", src, re.IGNORECASE):
            if not re.search(r"[\s<>\"'`]", src):
                return src
            why = "a remote image URL with spaces or quotes: image left out"
            findings.append(Finding("image", line, src, why))
            return None
        published = self.publish(src) if src else None
        if published is None:
            why = "image not published (see Images): left out"
            findings.append(Finding("image", line, src or "<img> without src", why))
            return None
        return "/" + published

    def resolve_liquid(self, text: str) -> str | None:
        """``{{ site.data.a.b }}`` (and text around it) with values from ``_data``, else ``None``."""

        def value(match: re.Match[str]) -> str:
            path = match["path"]
            found = (
                self.data_value(path.removeprefix("site.data."))
                if path.startswith("site.data.")
                else None
            )
            if not isinstance(found, str | int | float):
                raise LookupError(path)
            return str(found)

        try:
            resolved = LIQUID_OUTPUT_RE.sub(value, text)
        except LookupError:
            return None
        return None if LIQUID_RE.search(resolved) else resolved

    def image_block(self, source: str, line: int, findings: list[Finding]) -> list[str] | None:
        """An HTML block of images only (and wrappers) as ``{image}`` directives."""
        images, center, other = _images(source)
        if other or not images:
            return None
        out: list[str] = []
        for attrs in images:
            out += [*([""] if out else []), *self.image_directive(attrs, center, line, findings)]
        return out

    def convert(self, body: str, first_line: int, base: str = "/") -> tuple[str, list[Finding]]:
        """The body as MyST, and what was found (lines counted from ``first_line``; relative
        links resolve against ``base``, the page's old URL)."""
        findings: list[Finding] = []
        lines = body.split("\n")
        replacements: dict[int, tuple[int, list[str]]] = {}
        tokens = MarkdownIt("commonmark").parse(body)
        for token in tokens:
            if not token.map or (token.level != 0 and token.type not in ("html_block", "fence")):
                continue
            start, end = token.map
            source = "\n".join(lines[start:end])
            line = first_line + start
            if token.type == "fence" and token.info.strip().startswith("{"):
                # Kramdown showed it as code; MyST would run it as a directive
                why = (
                    "a code block whose language MyST would read as a directive: "
                    "kept as a plain code block"
                )
                findings.append(Finding("myst", line, token.info.strip()[:80], why))
                marker = re.search(r"`{3,}|~{3,}", lines[start])  # the fence, its list marks kept
                fence = lines[start][: marker.end()] if marker else "```"
                replacements[start] = (start + 1, [fence])
            elif token.type == "html_block" and is_jsx(source):
                why = "set aside as a comment"
                findings.append(Finding("jsx", line, source.strip()[:120], why))
                aside = [COMMENT_PREFIX + "jsx: " + x for x in lines[start:end]]
                replacements[start] = (end, aside)
            elif (
                token.type == "html_block"
                and _IMG_RE.search(source)
                and (images := self.image_block(source, line, findings)) is not None
            ):
                replacements[start] = (end, images)
            elif token.type == "html_block":
                if _IMG_RE.search(source):
                    why = "raw HTML with images and other content: left as HTML"
                    findings.append(Finding("html", line, source.strip()[:120], why))
                if LIQUID_RE.search(source):
                    self.liquid_block(lines, start, end, first_line, findings, replacements)
                new = replacements.get(start, (end, lines[start:end]))[1]
                if not new[0].startswith(COMMENT_PREFIX):
                    cleaned = clean_html("\n".join(new))
                    for offset, what in html_removals("\n".join(new), cleaned):
                        findings.append(
                            Finding("html", line + offset, what, "removed by the HTML sanitiser")
                        )
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

                def image(m: re.Match[str], at: int = at) -> str:
                    return self.inline_image(m[0], at, findings)

                new = _IMG_RE.sub(image, chunk).split("\n")
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

    def liquid_block(
        self,
        lines: list[str],
        start: int,
        end: int,
        first_line: int,
        findings: list[Finding],
        replacements: dict[int, tuple[int, list[str]]],
    ) -> None:
        block = lines[start:end]
        directive = self.include_directive(" ".join(block)) if len(block) == 1 else None
        if directive:
            why = f"replaced by the {directive[0].split()[0][3:]} directive"
            findings.append(Finding("liquid", first_line + start, block[0].strip(), why))
            replacements[start] = (end, directive)
            return
        if all(not LIQUID_RE.sub("", x).strip() for x in block):  # only Liquid tags
            for offset, text in enumerate(block):
                line = first_line + start + offset
                findings.append(Finding("liquid", line, text.strip(), "set aside as a comment"))
            replacements[start] = (end, [COMMENT_PREFIX + "liquid: " + x for x in block])
            return
        new = []
        for offset, text in enumerate(block):
            for match in LIQUID_RE.finditer(text):
                resolved = self.resolve_liquid(match[0])
                if resolved is None:
                    why = "left as text (no value in _data)"
                else:
                    why = f"replaced by {resolved!r} from _data"
                    text = text.replace(match[0], resolved)
                findings.append(Finding("liquid", first_line + start + offset, match[0], why))
            new.append(text)
        replacements[start] = (end, new)

    def inline_image(self, tag: str, first_line: int, findings: list[Finding]) -> str:
        attrs = (_images(tag)[0] or [{}])[0]
        target = self.image_target(attrs.get("src", "").strip(), first_line, findings)
        if target is None:
            return ""
        if attrs.get("width") or attrs.get("height"):
            why = "an image inside a paragraph: its size is left out"
            findings.append(Finding("image", first_line, tag, why))
        alt = one_line(attrs.get("alt", "")).replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}]({target})" if " " not in target else f"![{alt}](<{target}>)"
