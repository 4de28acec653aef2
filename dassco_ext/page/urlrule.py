"""One URL rule for every link a page writes, whatever wrote it: Markdown, a MyST or
sphinx-design role or directive, front matter, a translation, or raw HTML. It runs last, on
the page every builder writes (the site, the brief, the feed), so no syntax goes around it.

A link whose scheme is not in ``dassco_url_schemes`` keeps its text and loses its target,
with one ``dassco.unsafe_url`` warning at its line. Links without a scheme (pages, anchors,
files of the site) are Sphinx's to check.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from .links import url_scheme

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx

#: Attributes of raw HTML that a browser follows or submits to, on any element.
LINK_ATTRIBUTES = frozenset({"href", "action", "formaction", "xlink:href", "ping"})
#: Elements whose ``src``/``data`` is a document the browser loads and may run.
DOCUMENT_ELEMENTS = frozenset({"iframe", "frame", "embed", "object"})


def refused_scheme(url: str, allowed: Collection[str]) -> str | None:
    """The scheme of ``url`` when the rule refuses it (``None``: the URL may be written)."""
    scheme = url_scheme(url)
    return scheme if scheme is not None and scheme not in allowed else None


class RawHtml(HTMLParser):
    """A piece of raw HTML read tag by tag: its tags in order (``(kind, tag, attributes)``),
    its text outside them, and the HTML written again without the URL attributes the rule
    refuses (``allowed``: the schemes it allows); everything else as it was written."""

    def __init__(self, allowed: Collection[str] = ()) -> None:
        super().__init__(convert_charrefs=False)
        self.allowed, self.out, self.refused = allowed, [], []  # type: ignore[var-annotated]
        self.tags: list[tuple[str, str, dict[str, str | None]]] = []
        self.text = ""

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> None:
        self.tags.append(("start", tag, dict(attrs)))
        bad = [
            (name, value)
            for name, value in attrs
            if value
            and (name in LINK_ATTRIBUTES or (tag in DOCUMENT_ELEMENTS and name in ("src", "data")))
            and refused_scheme(value, self.allowed)
        ]
        if not bad:
            self.out.append(self.get_starttag_text() or "")
            return
        self.refused += [value for _name, value in bad]
        kept = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
            for name, value in attrs
            if (name, value) not in bad
        )
        self.out.append(f"<{tag}{kept}{end}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")
        if tag != "img":
            self.tags.append(("end", tag, {}))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("end", tag, {}))
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.text += data
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text += html.unescape(f"&{name};")
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.text += html.unescape(f"&#{name};")
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.tags.append(("comment", "", {}))
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.tags.append(("decl", "", {}))
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.tags.append(("decl", "", {}))
        self.out.append(f"<![{data}]>")


def read_html(fragment: str, allowed: Collection[str] = ()) -> RawHtml:
    """``fragment`` of raw HTML read (see :class:`RawHtml`)."""
    parser = RawHtml(allowed)
    parser.feed(fragment)
    parser.close()
    return parser


def without_unsafe_urls(fragment: str, allowed: Collection[str]) -> tuple[str, list[str]]:
    """``fragment`` of raw HTML with every refused URL attribute removed, and those URLs."""
    parser = read_html(fragment, allowed)
    if not parser.refused:
        return fragment, []
    return "".join(parser.out) + parser.rawdata, parser.refused


def _warn(uri: str, scheme: str, node: nodes.Node) -> None:
    shown = uri if len(uri) <= 60 else uri[:57] + "..."
    warn(
        DasscoWarnings.UNSAFE_URL,
        f"link {shown!r} uses the {scheme}: scheme, which is not allowed "
        "(dassco_url_schemes); only its text is kept",
        node,
    )


def judge_links(root: nodes.Element, allowed: Collection[str]) -> None:
    """Every reference under ``root`` whose scheme the rule refuses made its text (one warning)."""
    for ref in list(root.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if scheme := refused_scheme(uri, allowed):
            _warn(uri, scheme, ref)
            ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children))


class OneUrlRule(SphinxPostTransform):
    """Every reference and every raw HTML URL attribute of the page, judged by one rule."""

    default_priority = pipeline.URL_RULE

    def run(self, **kwargs: Any) -> None:
        allowed = get_config(self.config).url_schemes
        judge_links(self.document, allowed)
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            text, refused = without_unsafe_urls(raw.astext(), allowed)
            for uri in refused:
                _warn(uri, refused_scheme(uri, allowed) or "", raw)
            if refused:
                raw[:] = [nodes.Text(text)]


def setup(app: Sphinx) -> None:
    app.add_post_transform(OneUrlRule)
