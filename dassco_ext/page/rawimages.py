"""Raw HTML that is one ``<img>`` with a site path (``/assets/x.jpg``), alone or in one
``<p align=...>``: a real image node, so the file is published. Other raw HTML with such an
image is left as it is, with one ``dassco.image`` warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .. import pipeline
from ..warnings_ import DasscoWarnings, warn
from .images import source_image
from .urlrule import RawHtml, read_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_LENGTH_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*")
_ALIGNS = ("left", "center", "right")


def is_site_path(src: str | None) -> bool:
    path = (src or "").strip()
    return path.startswith("/") and not path.startswith("//")


def plain_image(found: RawHtml) -> tuple[dict[str, str | None], str | None] | None:
    """``(img attributes, alignment)`` if the HTML is one ``<img>``, alone or in one ``<p>``."""
    if found.text.strip():
        return None
    tags = found.tags
    if len(tags) == 1 and tags[0][:2] == ("start", "img"):
        return tags[0][2], None
    if (
        len(tags) == 3
        and tags[0][:2] == ("start", "p")
        and tags[1][:2] == ("start", "img")
        and tags[2][:2] == ("end", "p")
        and set(tags[0][2]) <= {"align"}
    ):
        align = (tags[0][2].get("align") or "").strip().lower() or None
        return tags[1][2], align if align in _ALIGNS else None
    return None


def _length(value: str | None) -> str | None:
    match = _LENGTH_RE.fullmatch(value or "")
    if not match:
        return None
    return match[1] + (match[2] or "px")


class RawSiteImages(SphinxTransform):
    """See the module's docstring."""

    default_priority = pipeline.RAW_IMAGES

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split() or "<img" not in raw.astext().lower():
                continue
            found = read_html(raw.astext())
            site_images = [
                a
                for kind, tag, a in found.tags
                if kind == "start" and tag == "img" and is_site_path(a.get("src"))
            ]
            if not site_images:
                continue
            plain = plain_image(found)
            if plain is None:
                srcs = ", ".join(repr(a.get("src")) for a in site_images)
                warn(
                    DasscoWarnings.IMAGE,
                    f"raw HTML with the site image {srcs} is more than one <img> (or one in a <p>): "
                    "it is left as it is and its image will not be found in the built site; "
                    "write the image as Markdown, ![alt](/path)",
                    raw,
                )
                continue
            attrs, align = plain
            self.replace(raw, attrs, align)

    def replace(self, raw: nodes.raw, attrs: dict[str, str | None], align: str | None) -> None:
        src = (attrs.get("src") or "").strip()
        uri = source_image(src, self.env, raw, "raw <img> src", DasscoWarnings.IMAGE)
        if uri is None:
            return  # warned; the raw HTML stays
        alt = attrs.get("alt")
        if alt is None:
            warn(
                DasscoWarnings.IMAGE_ALT,
                f'raw <img> {src!r} has no alt; the image is treated as decorative (alt="")',
                raw,
            )
        image = nodes.image(raw.rawsource, uri=uri, alt=(alt or "").strip())
        image.source, image.line = raw.source, raw.line
        for key in ("width", "height"):
            length = _length(attrs.get(key))
            if length:
                image[key] = length
        if align and not isinstance(raw.parent, nodes.TextElement):
            image["align"] = align
        title = attrs.get("title")
        if title:
            image["title"] = title.strip()
        raw.replace_self(image)


def setup(app: Sphinx) -> None:
    app.add_transform(RawSiteImages)
