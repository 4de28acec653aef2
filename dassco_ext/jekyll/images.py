"""Images the imported pages use, copied into ``DEST/docs`` under safe lower-case names with
the extension of what they decode as (an MPO as a JPEG); an SVG only if it cannot run; the
rest reported.
"""

from __future__ import annotations

import io
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from .guarded import DestWriter, SiteReader, safe_name

#: Pillow format -> the extension a file of that format is published with.
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "MPO": ".jpg"}
#: SVG elements that run, embed other documents or change links.
_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "a"}
#: SVG attributes whose value may be CSS (a ``url(...)`` of another file).
_SVG_STYLE_ATTRIBUTES = {"style", "fill", "stroke", "filter", "mask", "clip-path"}
_SVG_STYLE_ATTRIBUTES |= {"marker-start", "marker-mid", "marker-end"}
_SVG_EXTERNAL_CSS_RE = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG could do more than be seen (script, event handlers, foreign objects, links,
    references to other files, entities), or ``None`` for a picture that cannot run."""
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return "an SVG with a DOCTYPE or entities"
    try:
        root = ET.fromstring(data)  # no DOCTYPE, hence no entities (checked above)
    except ET.ParseError:
        return "not a well-formed SVG"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "named .svg but not an SVG file"
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_ACTIVE:
            return f"an SVG holding <{tag}>"
        if tag == "style" and _SVG_EXTERNAL_CSS_RE.search(element.text or ""):
            return "an SVG whose style refers to other files"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"an SVG with an event handler ({local})"
            if local in ("href", "src") and not value.strip().startswith("#"):
                return "an SVG referring to another file or URL"
            if tag in ("set", "animate") and local == "attributename" and "href" in value.lower():
                return "an SVG animating a link"
            if local in _SVG_STYLE_ATTRIBUTES and _SVG_EXTERNAL_CSS_RE.search(value):
                return "an SVG whose style refers to other files"
    return None


class ImageStore:
    """Maps site paths (``/assets/images/x.jpg``) to copied files (``assets/images/x.jpg``)."""

    def __init__(self, reader: SiteReader, writer: DestWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.copied: dict[str, str] = {}  # site path -> path from the docs root
        self.converted: list[tuple[str, str, str]] = []  # (site path, new path, why)
        self.problems: list[tuple[str, str]] = []  # (site path, why)
        self._taken: set[str] = set()
        self._by_file: dict[Path, str] = {}

    def publish(self, site_path: str) -> str | None:
        """The image's path from the docs root (copied once), or ``None`` (reported)."""
        key = site_path.strip()
        if key in self.copied:
            return self.copied[key]
        path = urllib.parse.unquote(key.split("#", 1)[0].split("?", 1)[0]).strip()
        rel = path.lstrip("/")
        source = None if ":" in path or path.startswith("//") else self.reader.real(rel)
        data = self.reader.read_bytes(rel) if source is not None else None
        if source is None or data is None:
            self.problems.append((key, "no such file inside the site"))
            return None
        if source in self._by_file:  # another spelling of a file already published
            self.copied[key] = self._by_file[source]
            return self.copied[key]
        if source.suffix.lower() == ".svg":
            if why := svg_problem(data):
                self.problems.append((key, why + ": not published"))
                return None
            fmt, ext = "SVG", ".svg"
        else:
            try:
                with Image.open(io.BytesIO(data)) as image:
                    fmt = image.format or ""
                    if fmt == "MPO":
                        image.seek(0)
                        frame = ImageOps.exif_transpose(image).convert("RGB")
                        out = io.BytesIO()
                        frame.save(
                            out, "JPEG", quality=95, icc_profile=image.info.get("icc_profile")
                        )
                        data = out.getvalue()
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                why = f"not an image Pillow can read ({exc.__class__.__name__})"
                self.problems.append((key, why))
                return None
            if fmt not in _EXTENSIONS:
                self.problems.append((key, f"a {fmt} image, which browsers do not all show"))
                return None
            ext = _EXTENSIONS[fmt]
        relative = self._name_for(source, ext)
        self.writer.write_bytes(f"docs/{relative}", data)
        if fmt == "MPO":
            self.converted.append(
                (key, relative, "an MPO (phone photo): written as a JPEG of its first frame")
            )
        elif source.suffix.lower() not in (ext, ".jpeg" if ext == ".jpg" else ext):
            self.converted.append(
                (key, relative, f"a {fmt} named {source.suffix}: published as {ext}")
            )
        self.copied[key] = self._by_file[source] = relative
        return relative

    def _name_for(self, source: Path, ext: str) -> str:
        rel = PurePosixPath(source.relative_to(self.reader.root).as_posix())
        parts = [safe_name(part.lower()) for part in rel.parent.parts]
        stem = safe_name(rel.stem.lower())
        candidate = "/".join([*parts, stem + ext])
        number = 2
        while candidate in self._taken or f"docs/{candidate}" in self.writer.written:
            candidate = "/".join([*parts, f"{stem}-{number}{ext}"])
            number += 1
        self._taken.add(candidate)
        return candidate
