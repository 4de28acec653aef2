"""Images a page uses, judged by their header (Pillow decodes nothing) before they are published:
one of :data:`FORMATS`, named by its extension, within ``dassco_max_image_pixels``; else one
warning and its alt text. A raw HTML ``<img>`` of a site path is made a real image first.
"""

from __future__ import annotations

import dataclasses as dc
import re
import urllib.parse
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import traverse_parent

from .. import pipeline
from ..config import get_config
from ..warnings_ import DasscoWarnings, warn
from .filepaths import look
from .urlrule import RawHtml, read_html

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Pillow's format name -> the file extensions a browser serves as that format.
FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
}
#: Formats Pillow names apart that a browser serves as another: a phone's multi-picture
#: JPEG (MPO) is a JPEG to every browser (Pillow opens it as one, and names it MPO).
SAME_AS = {"MPO": "JPEG"}
#: Vector images, not judged by Pillow (the extension decides how they are served).
VECTOR_SUFFIXES = (".svg", ".svgz", ".pdf")


@dc.dataclass(frozen=True)
class ImageInfo:
    """What the header says: Pillow's format name and the size in pixels."""

    format: str
    size: tuple[int, int]


class ImageRefused(Exception):
    """The image is not used; ``kind`` is the warning subtype, the message says why."""

    def __init__(self, kind: DasscoWarnings, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def inspect_image(
    path: Path,
    max_pixels: int,
    formats: tuple[str, ...] = ("JPEG", "PNG", "GIF"),
    *,
    variant_of: str | None = None,
) -> ImageInfo:
    """Format and size of the image at ``path`` from its header; :class:`ImageRefused` when it
    is no image of ``formats``, not named by its format's extension, or too large.

    ``variant_of``: the name the page wrote, when ``path`` is its language variant
    (``figure_language_filename``); then that name's extension must be the format's."""
    from PIL import Image

    names = ", ".join(formats[:-1]) + " or " + formats[-1] if len(formats) > 1 else formats[0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=list(formats)) as opened:
                info = ImageInfo(str(opened.format), opened.size)
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(found[1]):,} pixels" if found else "too many pixels"
        raise ImageRefused(
            DasscoWarnings.LIMIT, f"has {size}, more than {max_pixels:,} (dassco_max_image_pixels)"
        ) from None
    except Exception:
        raise ImageRefused(DasscoWarnings.BACKGROUND, f"is not a {names} image") from None
    suffix = path.suffix.lower()
    served_as = SAME_AS.get(info.format, info.format)
    if variant_of is not None and _variant_suffix_ok(path, served_as):
        suffix = Path(variant_of).suffix.lower()
    if suffix not in FORMATS.get(served_as, ()):
        raise ImageRefused(
            DasscoWarnings.BACKGROUND,
            f"is a {served_as} image, but its name ends in {suffix or 'no extension'!r} and it "
            f"would be published under that name (a {served_as} must be named "
            f"{' or '.join(FORMATS.get(served_as, ('?',)))})",
        )
    width, height = info.size
    if width <= 0 or height <= 0:
        raise ImageRefused(DasscoWarnings.BACKGROUND, "has no pixels")
    if width * height > max_pixels:
        raise ImageRefused(
            DasscoWarnings.LIMIT,
            f"is {width}x{height} px ({width * height:,} pixels), more than {max_pixels:,} "
            "(dassco_max_image_pixels); scale it down",
        )
    return info


def source_image(
    value: str,
    env: BuildEnvironment,
    location: str | nodes.Node,
    what: str,
    kind: DasscoWarnings,
    formats: tuple[str, ...] = tuple(FORMATS),
) -> str | None:
    """``/path`` of a raster image ``value`` (a path from the source root), or ``None`` after
    one ``kind`` warning. No vector image (it can carry a script); a hero ``background`` may be
    a remote URL when ``dassco_remote_images`` is on."""
    config = get_config(env.config)
    if kind is DasscoWarnings.BACKGROUND and value.lower().startswith(("http://", "https://")):
        if config.remote_images:
            return value
        warn(
            kind,
            f"{what} {value!r} is a remote URL; remote images are off (dassco_remote_images = False), "
            "so no image is shown",
            location,
        )
        return None
    srcdir = Path(env.srcdir).resolve()
    if urllib.parse.urlsplit(value).scheme or value.startswith(("//", "\\")) or "\x00" in value:
        warn(
            kind, f"{what} {value!r} is not a path in the source tree; no image is shown", location
        )
        return None

    def judge(path: Path) -> str | None:
        try:
            candidate = path.resolve()
            if not candidate.is_relative_to(srcdir):
                raise ImageRefused(kind, "is outside the source tree")
            if not candidate.is_file():
                state = "a directory" if candidate.is_dir() else "not found"
                raise ImageRefused(kind, f"is {state} (paths are relative to the source root)")
            if candidate.suffix.lower() in VECTOR_SUFFIXES:
                raise ImageRefused(
                    kind, "is a vector image, which can carry a script; use a PNG or JPEG"
                )
            inspect_image(candidate, config.max_image_pixels, formats)
        except ImageRefused as exc:
            warn(
                exc.kind if kind is DasscoWarnings.BACKGROUND else kind,
                f"{what} {value!r} {exc}; no image is shown",
                location,
            )
            return None
        return "/" + candidate.relative_to(srcdir).as_posix()

    path = srcdir / urllib.parse.unquote(value).lstrip("/")
    return look(path, judge, None, kind, f"{what} {value!r}", "no image is shown", location)


def _variant_suffix_ok(path: Path, served_as: str) -> bool:
    """Whether a language variant's extension is its format's, or one no type is known for
    (``.da``: a browser shows it as its header says); never another type's (``.html``)."""
    import mimetypes

    suffix = path.suffix.lower()
    if suffix in FORMATS.get(served_as, ()):
        return True
    return bool(suffix) and mimetypes.guess_type(f"x{suffix}", strict=False)[0] is None


def check_page_images(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: a local raster image that fails :func:`inspect_image` becomes its
    alt text (so it is never copied into the build), with one warning."""
    srcdir = Path(app.srcdir)
    limit = get_config(app.config).max_image_pixels
    for image in list(doctree.findall(nodes.image)):
        candidates = image.get("candidates") or {}
        for mimetype, relpath in list(candidates.items()):
            if mimetype == "?" or "://" in str(relpath):
                continue
            path = srcdir / relpath
            if path.suffix.lower() in VECTOR_SUFFIXES:
                continue
            try:
                if not path.is_file():
                    if not path.exists():
                        continue  # Sphinx reports missing images itself
                    raise ImageRefused(DasscoWarnings.BACKGROUND, "is a directory, not an image")
                # a language variant Sphinx chose by figure_language_filename: judged by the
                # name the page wrote (Sphinx keeps it as original_uri)
                original = image.get("original_uri") if relpath == image.get("uri") else None
                inspect_image(path, limit, tuple(FORMATS), variant_of=original)
            except ImageRefused as exc:
                line = next((n.line for n in traverse_parent(image) if n.line), None)
                warn(
                    exc.kind,
                    f"image {relpath!r} {exc}; its alt text is shown instead",
                    (app.env.docname, line),
                )
                alt = image.get("alt", "")
                holder = (
                    nodes.inline if isinstance(image.parent, nodes.TextElement) else nodes.paragraph
                )
                image.replace_self(holder(alt, alt) if alt else [])
                break
            except (OSError, ValueError):
                continue


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
    """Raw HTML that is one ``<img>`` with a site path (``/assets/x.jpg``), alone or in one
    ``<p align=...>``: a real image node, so the file is published. Other raw HTML with such
    an image is left as it is, with one ``dassco.image`` warning."""

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
    app.connect("doctree-read", check_page_images, priority=pipeline.PAGE_IMAGES)
