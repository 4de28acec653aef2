"""The site's own layouts rendered with python-liquid as Jekyll renders them (``page``,
``site``, ``content``; not the chrome, which is the new theme's). Nothing but Liquid is
evaluated, includes come only from ``_includes`` and rendering is bounded.
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import functools
import html
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable
from typing import Any, TextIO

from liquid import Environment, Mode
from liquid.ast import Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import LiquidError, TemplateNotFoundError
from liquid.loader import BaseLoader, TemplateSource
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token
from markdown_it import MarkdownIt

from .guarded import SiteReader
from .site import Document, JekyllSite, parse_document

#: A layout holding one of these is the site's chrome (the new site's theme replaces it).
_CHROME_RE = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)
#: Where a listing of a collection stood in a layout: the importer's marker for it.
LISTING_MARK = "jekyll-listing"
_FOR_RE = re.compile(r"\{%-?\s*(?P<tag>for|endfor|assign)\b(?P<args>.*?)-?%\}", re.DOTALL)
_LIMIT_RE = re.compile(r"\blimit\s*:\s*(\d+)")


class BoundedEnvironment(Environment):
    """python-liquid with bounds: a layout cannot loop, grow or nest without end."""

    loop_iteration_limit = 100_000
    output_stream_limit = 8 * 1024 * 1024
    local_namespace_limit = 8 * 1024 * 1024
    context_depth_limit = 30


class IncludesLoader(BaseLoader):
    """``_includes/<name>`` through the guarded reader; nothing outside ``_includes``."""

    def __init__(self, reader: SiteReader) -> None:
        self.reader = reader

    def get_source(
        self, env: Environment, template_name: str, *, context: Any = None, **kwargs: object
    ) -> TemplateSource:
        name = posixpath.normpath("/" + template_name.replace("\\", "/")).lstrip("/")
        text = self.reader.read_text(f"_includes/{name}") if name and name != "." else None
        if text is None:
            raise TemplateNotFoundError(template_name)
        return TemplateSource(text, f"_includes/{name}", None)


class JekyllIncludeNode(Node):
    """``{% include name.html key=value %}``: the file rendered with ``include.key``."""

    __slots__ = ("args", "name")

    def __init__(self, token: Token, name: str, args: dict[str, Any]) -> None:
        super().__init__(token)
        self.name = name
        self.args = args
        self.blank = False

    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        template = context.env.get_template(self.name, context=context, tag="include")
        values = {key: value.evaluate(context) for key, value in self.args.items()}
        with context.extend({"include": values}, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True


class JekyllIncludeTag(Tag):
    """Jekyll's ``include``: an unquoted file name, then ``key=value`` parameters."""

    name = "include"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        text = stream.current.value if stream.current.kind == TOKEN_EXPRESSION else ""
        name, _, rest = text.strip().partition(" ")
        name = name.strip("'\"")
        args = {}
        for match in re.finditer(r"([\w-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s]+)", rest):
            args[match[1]] = parse_primitive(
                self.env, TokenStream(tokenize(match[2], parent_token=token))
            )
        return JekyllIncludeNode(token, name, args)


def _sort(sequence: object, key: object = None) -> list[Any]:
    """Jekyll's ``sort``: by a property, values compared as text when their types differ."""
    items = list(sequence) if isinstance(sequence, list | tuple) else []

    def of(item: Any) -> tuple[int, str, Any]:
        value = item.get(str(key)) if key and isinstance(item, dict) else item
        if value is None:
            return (1, "", "")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, "", value)
        return (0, "~", str(value))

    return sorted(items, key=of)


def _where_exp(sequence: object, name: object, expression: object) -> list[Any]:
    raise LiquidError("where_exp is not read by the importer (an expression per item)", token=None)


def environment(site: JekyllSite, tolerance: Mode = Mode.STRICT) -> Environment:
    """A bounded Liquid environment with Jekyll's ``include`` tag and filters."""
    env = BoundedEnvironment(loader=IncludesLoader(site.reader), tolerance=tolerance)
    env.add_tag(JekyllIncludeTag)
    base = str(site.config.get("baseurl") or "").rstrip("/")
    root = str(site.config.get("url") or "").rstrip("/")

    def relative_url(value: object) -> str:
        path = str(value if value is not None else "")
        if re.match(r"[A-Za-z][\w+.-]*:|//", path):
            return path
        return base + "/" + path.lstrip("/") if base or path else "/"

    def absolute_url(value: object) -> str:
        path = relative_url(value)
        return path if re.match(r"[A-Za-z][\w+.-]*:|//", path) else root + path

    filters: dict[str, Callable[..., Any]] = {
        "relative_url": relative_url,
        "absolute_url": absolute_url,
        "markdownify": lambda v: MarkdownIt("commonmark").enable("table").render(str(v or "")),
        "jsonify": lambda v: json.dumps(v, default=str, ensure_ascii=False),
        "slugify": lambda v, mode=None: re.sub(r"[^\w]+|_+", "-", str(v or "").lower()).strip("-"),
        "sort": _sort,
        "where_exp": _where_exp,
        "xml_escape": lambda v: html.escape(str(v or "")),
        "cgi_escape": lambda v: urllib.parse.quote_plus(str(v or "")),
        "uri_escape": lambda v: urllib.parse.quote(str(v or ""), safe="/:?#[]@!$&'()*+,;="),
        "number_of_words": lambda v: len(str(v or "").split()),
        "normalize_whitespace": lambda v: " ".join(str(v or "").split()),
        "array_to_sentence_string": lambda v, c="and": (
            ", ".join(map(str, v[:-1])) + f" {c} {v[-1]}" if len(v) > 1 else "".join(map(str, v))
        ),
    }
    for name, function in filters.items():
        env.add_filter(name, function)
    return env


@dc.dataclass
class Rendered:
    html: str
    layouts: list[str]  # the layouts rendered, innermost first
    problem: str | None = None  # why a strict rendering failed (then rendered leniently)


class LayoutRenderer:
    """Renders pages through the site's own layouts (one Liquid environment per import)."""

    def __init__(
        self,
        site: JekyllSite,
        urls: dict[str, str],
        collection_urls: dict[str, str],
        listed: dict[str, str],
    ) -> None:
        self.site = site
        self.listed = listed  # collections the new site lists with a directive
        self.env = environment(site)
        self.lenient = environment(site, Mode.LAX)
        self.urls = urls  # page rel -> its old URL
        self.collection_urls = collection_urls  # collection document rel -> its old URL

    def layout(self, name: str) -> tuple[str, dict[str, Any]] | None:
        """A layout of the site (text and front matter), unless it is the chrome."""
        if not name or "/" in name or name.startswith("."):
            return None
        text = self.site.reader.read_text(f"_layouts/{name}.html")
        if text is None:
            return None
        layout = parse_document(f"_layouts/{name}.html", text)
        if _CHROME_RE.search(layout.body):
            return None
        return layout.body, layout.data

    def document(self, doc: Document, kind: str, url: str) -> dict[str, Any]:
        data = {**self.site.defaults(doc.rel, kind), **doc.data}
        date = data.get("date", doc.date)
        if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
            data["date"] = datetime.datetime(date.year, date.month, date.day)
        return {
            "slug": doc.slug,
            "name": doc.rel.rsplit("/", 1)[-1],
            **({"collection": kind} if kind != "pages" else {}),
            **data,
            "url": url,
            "path": doc.rel,
            "content": doc.body,
        }

    def page_object(self, doc: Document, kind: str) -> dict[str, Any]:
        return self.document(doc, kind, self.urls.get(doc.rel, "/" + doc.rel))

    @functools.cached_property
    def site_object(self) -> dict[str, Any]:
        """Liquid's ``site``: the configuration, ``_data``, the pages and the collections."""
        site = self.site
        obj: dict[str, Any] = {"posts": [], **site.config, "data": site.data}
        obj["pages"] = [
            self.page_object(doc, "pages") for docs in site.pages.values() for doc in docs
        ]
        for name, docs in site.collections.items():
            obj[name] = [
                self.document(doc, name, self.collection_urls.get(doc.rel, "")) for doc in docs
            ]
        obj["time"] = datetime.datetime.now(datetime.UTC)
        return obj

    def include(self, name: str, lang: str) -> str | None:
        """The site's own ``_includes/<name>`` as a page of ``lang`` shows it (``None``: the
        site has none, or Liquid cannot read it)."""
        if "/" in name or self.site.reader.read_text(f"_includes/{name}") is None:
            return None
        values = {"page": {"lang": lang}, "site": self.site_object}
        try:
            return self.lenient.from_string(f"{{% include {name} %}}").render(**values)
        except LiquidError:
            return None

    def render(self, doc: Document, content: str) -> Rendered | None:
        """The page rendered through its own layouts (``None`` if its layout is not the
        site's); ``content`` stands for the page's body."""
        page = self.page_object(doc, "pages")
        name = str(page.get("layout") or "")
        done: list[str] = []
        problem = None
        while (found := self.layout(name)) is not None and name not in done and len(done) < 10:
            text, data = found
            text = mark_listings(text, set(self.listed))
            values = {"page": page, "site": self.site_object, "content": content, "layout": data}
            try:
                content = self.env.from_string(text).render(**values)
            except LiquidError as exc:
                problem = problem or f"_layouts/{name}.html: {exc}"
                try:
                    content = self.lenient.from_string(text).render(**values)
                except LiquidError as again:
                    return Rendered("", [*done, name], f"_layouts/{name}.html: {again}")
            done.append(name)
            name = str(data.get("layout") or "")
        return Rendered(content, done, problem) if done else None


def mark_listings(text: str, collections: set[str]) -> str:
    """A ``for`` loop over a whole collection (``site.news``, or a name assigned from it,
    sorted perhaps) becomes the importer's listing marker, its ``limit`` kept: the new site
    lists it itself. A loop over a part of one (``where``) is rendered as it stands."""
    assigned: dict[str, str] = {}
    out: list[str] = []
    depth, last = 0, 0
    listing: tuple[str, str] | None = None
    for match in _FOR_RE.finditer(text):
        tag, args = match["tag"], match["args"]
        if tag == "assign" and depth == 0:
            name, _, value = args.partition("=")
            source = re.match(r"\s*site\.(\w+)", value)
            if source and source[1] in collections and "where" not in value:
                assigned[name.strip()] = source[1]
        elif tag == "for":
            over = re.match(r"\s*\w+\s+in\s+(site\.)?(\w+)", args)
            if depth == 0 and over:
                name = over[2] if over[1] else assigned.get(over[2], "")
                if name in collections:
                    limit = _LIMIT_RE.search(args)
                    listing = (name, limit[1] if limit else "")
                    out.append(text[last : match.start()])
            depth += 1
        elif tag == "endfor" and depth > 0:
            depth -= 1
            if depth == 0 and listing:
                collection, count = listing
                attrs = f' data-name="{collection}"' + (f' data-limit="{count}"' if count else "")
                out.append(f"<{LISTING_MARK}{attrs}></{LISTING_MARK}>")
                last, listing = match.end(), None
    if listing:  # a loop never closed: Liquid refuses it as it stands
        out.pop()
    out.append(text[last:])
    return "".join(out)
