"""Site-absolute links (``/data``) as ``dassco:page`` references resolved by
:class:`~.records.PagesDomain`, unsafe link schemes, and permalink redirect pages.
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, at, error, warn
from .records import PagesDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(href: str) -> str | None:
    """The scheme of ``href`` as a browser would see it (controls and spaces removed)."""
    cleaned = _CONTROL_RE.sub("", href)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def site_link(text: str, target: str, docname: str) -> addnodes.pending_xref:
    """A ``dassco:page`` reference to a site path such as ``/data`` or ``/about#team``."""
    node = addnodes.pending_xref(
        "", refdomain="dassco", reftype="page", reftarget=target, refexplicit=True, refdoc=docname,
        refwarn=True,
    )
    node += nodes.inline(text, text)
    return node


def make_link(text: str, href: str, source: str, line: int | None, env: BuildEnvironment) -> nodes.Node:
    """A link node for ``href`` written by an editor (hero buttons): a site link, an external
    link with an allowed scheme, or plain text (with one warning) for anything unsafe."""
    href = href.strip()
    scheme = url_scheme(href)
    if scheme is not None:
        if scheme in get_config(env.config).url_schemes:
            return nodes.reference(text, text, refuri=href)
        warn(
            DasscoWarnings.UNSAFE_URL,
            f"link {href!r} uses the {scheme}: scheme, which is not allowed "
            "(dassco_url_schemes); it is shown as plain text",
            at(source, line),
        )
        return nodes.inline(text, text)
    if href.startswith("#"):
        return nodes.reference(text, text, refid=nodes.make_id(href[1:]))
    if not href.startswith("/"):
        href = "/" + posixpath.normpath(posixpath.join(posixpath.dirname(env.docname), href))
    node = site_link(text, href, env.docname)
    node.source, node.line = source, line
    return node


#: markdown-it refuses links with these schemes and leaves ``[label](url)`` as plain text.
_REFUSED_LINK_RE = re.compile(
    r"\[(?P<label>[^\[\]]*)\]\(\s*<?\s*(?P<url>(?P<scheme>javascript|vbscript|data|file)\s*:(?:[^()]|\([^()]*\))*)\)",
    re.IGNORECASE,
)


class UnsafeMarkdownLinks(SphinxTransform):
    """``[label](javascript:...)``: report it once and keep only the label.

    markdown-it already refuses to make such links, but leaves their source (URL included)
    on the page; an attribute list after it would then be reported a second time.
    """

    default_priority = pipeline.UNSAFE_LINKS

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "](" not in text or isinstance(text.parent, nodes.FixedTextElement | nodes.literal):
                continue
            value, parts, pos = str(text), [], 0
            for match in _REFUSED_LINK_RE.finditer(value):
                warn(
                    DasscoWarnings.UNSAFE_URL,
                    f"link {match['url'].strip()!r} uses the {match['scheme'].lower()}: scheme, "
                    "which is never allowed; only its text is shown",
                    text.parent,
                )
                parts += [nodes.Text(value[pos : match.start()]), nodes.inline(match["label"], match["label"])]
                pos = match.end()
            if parts:
                parts.append(nodes.Text(value[pos:]))
                parent = text.parent
                index = parent.index(text)
                parent.remove(text)
                for offset, node in enumerate(p for p in parts if not (isinstance(p, nodes.Text) and not str(p))):
                    parent.insert(index + offset, node)


class SiteLinks(SphinxTransform):
    """Turn MyST links to unknown site paths (``[x](/data)``) into ``dassco:page`` references."""

    default_priority = pipeline.SITE_LINKS

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(addnodes.pending_xref):
            target = node.get("reftarget", "")
            if node.get("reftype") == "myst" and not node.get("refdomain") and target.startswith("/"):
                node["refdomain"], node["reftype"], node["refwarn"] = "dassco", "page", True


class XrefContent(SphinxPostTransform):
    """Bare-text content of a site link, or of any cross-reference with classes or ids (a
    button), wrapped in an ``inline`` before Sphinx's resolver: it hands the reference's
    classes and ids on to its content, which must be an element to hold them."""

    default_priority = pipeline.XREF_CONTENT

    def run(self, **kwargs: Any) -> None:
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.children and not isinstance(xref[0], nodes.Element) and (
                xref.get("refdomain") == "dassco" or any(xref.get(att) for att in nodes.Element.basic_attributes)
            ):
                texts = list(xref.children)
                xref.clear()
                xref += nodes.inline("", "", *texts)


def warn_missing(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """One ``dassco.link`` warning (instead of Sphinx's) for a site path with no page."""
    if domain is None or domain.name != "dassco":
        return None
    warn(
        DasscoWarnings.LINK,
        f"no page has the path or permalink {node['reftarget']!r}; the link is shown as text",
        node,
    )
    return True


# --- redirects ---------------------------------------------------------------------------------

_REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}">
{head}</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def redirect_page(*, lang: str, title: str, url: str, canonical: str | None = None, noindex: bool = True) -> str:
    """A small page that sends readers (and search engines) to ``url``; every value escaped.

    Used for permalinks that are not a page's own path, and for the site root that sends
    readers to the default language.
    """
    head = f'<link rel="canonical" href="{html.escape(canonical)}">\n' if canonical else ""
    head += '<meta name="robots" content="noindex">\n' if noindex else ""
    return _REDIRECT.format(
        lang=html.escape(lang), title=html.escape(title), head=head,
        url=html.escape(urllib.parse.quote(url, safe="/#:.-_~%")),
    )


#: Output folders of Sphinx and its builders: no redirect page is ever written into them.
RESERVED_FOLDERS = ("_static", "_images", "_sources", "_downloads", "_modules")


def _taken_by(outdir: Path, target: Path, permalink: str) -> Path | None:
    """The output file a redirect at ``target`` would overwrite or be blocked by: the target
    itself, a file where one of its folders would be (``objects.inv``), or a reserved
    output folder (:data:`RESERVED_FOLDERS`); ``None`` when the place is free."""
    first = permalink.split("/", 1)[0]
    if first in RESERVED_FOLDERS or (first.startswith(".") and first):
        return outdir / first
    try:
        if target.exists():
            return target
        for parent in target.relative_to(outdir).parents:
            if parent != Path(".") and (outdir / parent).is_file():
                return outdir / parent
    except OSError:
        return None  # a name too long to look up: writing it fails and is reported
    return None


def canonical_url(app: Sphinx, docname: str) -> str:
    """The page's address online: ``html_baseurl`` + ``dassco_online_path`` (its language
    folder and its file), the page's path quoted once (Sphinx's target URI is quoted)."""
    base = app.config.html_baseurl or ""
    path = get_config(app.config).online_path.format(
        language=app.config.language or "en", page=app.builder.get_target_uri(docname)
    )
    return urllib.parse.urljoin(base if base.endswith("/") else base + "/", path.lstrip("/"))


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished`` (HTML builders): ``<permalink>/index.html`` for each page whose
    permalink differs from its own path. Never overwrites a page of the site."""
    builder = app.builder
    if exception is not None or builder.format != "html" or builder.name in ("singlehtml", "brief"):
        return
    env = app.env
    domain: PagesDomain = env.domains["dassco"]  # type: ignore[assignment]
    outdir = Path(builder.outdir).resolve()
    for permalink, docname in sorted(domain.permalinks().items()):
        own = builder.get_target_uri(docname)
        if permalink in ("", docname, own.rstrip("/"), posixpath.splitext(own)[0]):
            continue
        target = (outdir / permalink / "index.html").resolve()
        if not target.is_relative_to(outdir):
            continue
        taken = _taken_by(outdir, target, permalink)
        if taken is not None:
            kind, what = (
                (DasscoWarnings.PERMALINK, "the path of another page")
                if taken.name.endswith(".html") and not taken.relative_to(outdir).parts[0].startswith("_")
                else (DasscoWarnings.COLLISION, "a file Sphinx writes itself")
            )
            (warn if kind is DasscoWarnings.PERMALINK else error)(
                kind,
                f"permalink {permalink!r} is {what} ({taken.relative_to(outdir).as_posix()}); "
                "no redirect is written",
                (docname, domain.record(docname).permalink_line),
            )
            continue
        base = app.config.html_baseurl
        title = env.titles[docname].astext() if docname in env.titles else docname
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                redirect_page(
                    lang=app.config.language or "en",
                    title=title,
                    url=builder.get_relative_uri(f"{permalink}/index", docname),
                    canonical=canonical_url(app, docname) if base else None,
                ),
                encoding="utf-8",
            )
        except OSError as exc:  # a name too long for the file system, a full disk...
            warn(
                DasscoWarnings.PERMALINK,
                f"permalink {permalink!r}: its redirect cannot be written ({exc.strerror}); "
                "no redirect is written",
                (docname, domain.record(docname).permalink_line),
            )


def setup(app: Sphinx) -> None:
    app.add_transform(UnsafeMarkdownLinks)
    app.add_transform(SiteLinks)
    app.add_post_transform(XrefContent)
    app.connect("warn-missing-reference", warn_missing)
    app.connect("build-finished", write_redirects)
