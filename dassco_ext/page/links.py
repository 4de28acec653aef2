"""Site-absolute links (``/data``) as ``dassco:page`` references resolved by
:class:`~.records.PagesDomain`, and unsafe link schemes. (A ``permalink`` that is not the
page's own path answers with a redirect: :mod:`.aliases`.)
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .. import pipeline
from ..warnings_ import DasscoWarnings, warn

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
        "",
        refdomain="dassco",
        reftype="page",
        reftarget=target,
        refexplicit=True,
        refdoc=docname,
        refwarn=True,
    )
    node += nodes.inline(text, text)
    return node


def make_link(
    text: str, href: str, source: str, line: int | None, env: BuildEnvironment
) -> nodes.Element:
    """A link node for ``href`` written by an editor (hero buttons): a URL (its scheme judged
    by :class:`.urlrule.OneUrlRule`, as every link's is), an anchor, or a site link."""
    href = href.strip()
    if url_scheme(href) is not None:
        node: nodes.Element = nodes.reference(text, text, refuri=href)
    elif href.startswith("#"):
        node = nodes.reference(text, text, refid=nodes.make_id(href[1:]))
    else:
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
    """``[label](javascript:...)``, which markdown-it leaves as text, made a link again for the
    URL rule (:class:`.urlrule.OneUrlRule`) to judge: one warning, the label kept."""

    default_priority = pipeline.UNSAFE_LINKS

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "](" not in text or isinstance(text.parent, nodes.FixedTextElement | nodes.literal):
                continue
            value, parts, pos = str(text), [], 0
            for match in _REFUSED_LINK_RE.finditer(value):
                link = nodes.reference(match[0], match["label"], refuri=match["url"].strip())
                parts += [nodes.Text(value[pos : match.start()]), link]
                pos = match.end()
            if parts:
                parts.append(nodes.Text(value[pos:]))
                text.parent.replace(text, [p for p in parts if not isinstance(p, nodes.Text) or p])


class SiteLinks(SphinxTransform):
    """Turn MyST links to unknown site paths (``[x](/data)``) into ``dassco:page`` references."""

    default_priority = pipeline.SITE_LINKS

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(addnodes.pending_xref):
            target = node.get("reftarget", "")
            if (
                node.get("reftype") == "myst"
                and not node.get("refdomain")
                and target.startswith("/")
            ):
                node["refdomain"], node["reftype"], node["refwarn"] = "dassco", "page", True


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


def redirect_page(
    *, lang: str, title: str, url: str, canonical: str | None = None, noindex: bool = True
) -> str:
    """A small page that sends readers (and search engines) to ``url``; every value escaped."""
    head = f'<link rel="canonical" href="{html.escape(canonical)}">\n' if canonical else ""
    head += '<meta name="robots" content="noindex">\n' if noindex else ""
    return _REDIRECT.format(
        lang=html.escape(lang),
        title=html.escape(title),
        head=head,
        url=html.escape(urllib.parse.quote(url, safe="/#:.-_~%")),
    )


def setup(app: Sphinx) -> None:
    app.add_transform(UnsafeMarkdownLinks)
    app.add_transform(SiteLinks)
    app.connect("warn-missing-reference", warn_missing)
