"""Images the imported pages reference, copied into ``DEST/docs`` under safe names.

A file is published only under an extension that matches what it decodes as (Pillow): a
PNG named ``.jpg`` becomes ``.png``; a phone photo that is an MPO (several JPEG frames)
named ``.jpg`` is written as a real JPEG of its first frame. Names lose spaces and upper
case (``Biller banner.JPG`` -> ``biller-banner.jpg``) so that every Markdown and directive
syntax takes them as they are. Anything that is not an image, or not inside the site, is
not copied and is reported.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

#: Pillow format -> the extension a file of that format is published with.
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "MPO": ".jpg"}


class ImageStore:
    """Maps site paths (``/assets/images/x.jpg``) to copied files (``assets/images/x.jpg``)."""

    def __init__(self, site_root: Path, docs: Path) -> None:
        self.site_root = site_root.resolve()
        self.docs = docs
        self.copied: dict[str, str] = {}  # site path -> path from the docs root
        self.converted: list[tuple[str, str, str]] = []  # (site path, new path, why)
        self.problems: list[tuple[str, str]] = []  # (site path, why)
        self._taken: set[str] = set()
        self._by_file: dict[Path, str] = {}

    def source_file(self, site_path: str) -> Path | None:
        """The file a site path names, if it is inside the site."""
        path = urllib.parse.unquote(site_path.split("#", 1)[0].split("?", 1)[0]).strip()
        if not path or "://" in path or path.startswith("//") or ":" in path or "\x00" in path:
            return None
        candidate = (self.site_root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.site_root) or not candidate.is_file():
            return None
        return candidate

    def publish(self, site_path: str) -> str | None:
        """The image's path from the docs root (copied once), or ``None`` (reported)."""
        key = site_path.strip()
        if key in self.copied:
            return self.copied[key]
        source = self.source_file(key)
        if source is None:
            self.problems.append((key, "no such file inside the site"))
            return None
        if source in self._by_file:  # another spelling of a file already published
            self.copied[key] = self._by_file[source]
            return self.copied[key]
        if source.suffix.lower() == ".svg":
            head = source.read_bytes()[:512].lstrip()
            if not head.startswith((b"<svg", b"<?xml")):
                self.problems.append((key, "named .svg but not an SVG file"))
                return None
            fmt, ext = "SVG", ".svg"
        else:
            try:
                with Image.open(source) as image:
                    fmt = image.format or ""
            except (UnidentifiedImageError, OSError) as exc:
                self.problems.append((key, f"not an image Pillow can read ({exc.__class__.__name__})"))
                return None
            if fmt not in _EXTENSIONS:
                self.problems.append((key, f"a {fmt} image, which browsers do not all show"))
                return None
            ext = _EXTENSIONS[fmt]
        relative = self._name_for(source, ext)
        target = self.docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "MPO":
            with Image.open(source) as image:
                image.seek(0)
                frame = ImageOps.exif_transpose(image).convert("RGB")
                frame.save(target, "JPEG", quality=95, icc_profile=image.info.get("icc_profile"))
            self.converted.append((key, relative, "an MPO (phone photo): written as a JPEG of its first frame"))
        else:
            shutil.copyfile(source, target)
            if source.suffix.lower() not in (ext, ".jpeg" if ext == ".jpg" else ext):
                self.converted.append((key, relative, f"a {fmt} named {source.suffix}: published as {ext}"))
        self.copied[key] = self._by_file[source] = relative
        return relative

    def _name_for(self, source: Path, ext: str) -> str:
        rel = PurePosixPath(source.relative_to(self.site_root).as_posix())
        parts = [_safe(part) for part in rel.parent.parts]
        stem = _safe(rel.stem) or "image"
        candidate = "/".join([*parts, stem + ext])
        number = 2
        while candidate in self._taken:
            candidate = "/".join([*parts, f"{stem}-{number}{ext}"])
            number += 1
        self._taken.add(candidate)
        return candidate


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.")
