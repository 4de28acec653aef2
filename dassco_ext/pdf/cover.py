"""A brief's cover image: printed full bleed (the whole A4 page) or as a band across its top,
whichever has the pixels for :data:`PRINT_DPI` (else the sharper one), then cropped and
reduced to about print resolution.
"""

from __future__ import annotations

import base64
import dataclasses as dc
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from PIL import Image

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4
#: What print wants; more pixels only make the PDF bigger.
PRINT_DPI = 300
#: The tallest band a cover image may take at the top of the page (the rest is the title).
BAND_MAX_MM = 180.0
JPEG_QUALITY = 85
#: The hero's own background colour, under transparent parts of a cover image.
BACKGROUND = (11, 45, 58)
#: Rows converted at a time: only the decoded image and one strip are ever in memory.
STRIP_ROWS = 256

FULL_BLEED = "full-bleed"
BAND = "band"


class CoverImageError(Exception):
    """The file is not an image Pillow can decode (truncated, corrupt, unknown format)."""


@dc.dataclass(frozen=True)
class Layout:
    """Where the image is printed: ``kind``, its printed size in mm, the source pixels used."""

    kind: str
    size_mm: tuple[float, float]
    box: tuple[int, int, int, int]

    @property
    def dpi(self) -> float:
        """The resolution the cropped pixels print at (the same across and down)."""
        return (self.box[2] - self.box[0]) / (self.size_mm[0] / MM_PER_INCH)


@dc.dataclass(frozen=True)
class CoverImage:
    """The cover as embedded in the PDF, with what is needed to judge its print quality."""

    data: bytes
    layout: Layout
    original_size: tuple[int, int]
    size: tuple[int, int]

    @property
    def dpi(self) -> float:
        return self.size[0] / (self.layout.size_mm[0] / MM_PER_INCH)

    @property
    def data_uri(self) -> str:
        return "data:image/jpeg;base64," + base64.b64encode(self.data).decode("ascii")


def _centred_box(width: int, height: int, ratio: float) -> tuple[int, int, int, int]:
    """The centred part of a ``width`` x ``height`` image with ``ratio`` (width / height)."""
    if width / height > ratio:
        new_width = max(1, round(height * ratio))
        left = (width - new_width) // 2
        return left, 0, left + new_width, height
    new_height = max(1, round(width / ratio))
    top = (height - new_height) // 2
    return 0, top, width, top + new_height


def layouts(width: int, height: int) -> tuple[Layout, Layout]:
    """The two ways a ``width`` x ``height`` image can be a cover: full bleed and a band."""
    full = Layout(FULL_BLEED, A4_MM, _centred_box(width, height, A4_MM[0] / A4_MM[1]))
    band_mm = (A4_MM[0], min(BAND_MAX_MM, A4_MM[0] * height / width))
    return full, Layout(BAND, band_mm, _centred_box(width, height, band_mm[0] / band_mm[1]))


def choose_layout(width: int, height: int) -> Layout:
    """Full bleed when it prints at :data:`PRINT_DPI`, else a band across the top when that
    does, else whichever of the two prints sharper (full bleed on a tie)."""
    full, band = layouts(width, height)
    if full.dpi >= PRINT_DPI or (band.dpi < PRINT_DPI and full.dpi >= band.dpi):
        return full
    return band


def _flat_rgb(image: Image.Image) -> Image.Image:
    """``image`` as RGB, transparent parts over :data:`BACKGROUND`."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P", "PA", "La", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")


def _reduced_rgb(image: Image.Image, factor: int, box: tuple[int, int, int, int]) -> Image.Image:
    """The ``box`` of ``image``, flattened to RGB and reduced by ``factor`` (a box filter), a
    strip of rows at a time, so a large RGBA image is never copied whole."""
    from PIL import Image

    left, top, right, bottom = box
    width, height = right - left, bottom - top
    out = Image.new("RGB", (-(-width // factor), -(-height // factor)))
    step = factor * max(1, STRIP_ROWS // factor)
    for row in range(0, height, step):
        strip = _flat_rgb(image.crop((left, top + row, right, min(bottom, top + row + step))))
        out.paste(strip.reduce(factor) if factor > 1 else strip, (0, row // factor))
    return out


def prepare_cover(path: Path, *, max_pixels: int) -> CoverImage:
    """The cover of ``path``: laid out by :func:`choose_layout`, cropped to that shape and
    reduced by the whole factor that keeps :data:`PRINT_DPI` (never scaled up); the header
    is judged first, so decoding is bounded."""
    from PIL import Image

    from ..page.images import ImageRefused, inspect_image

    try:
        info = inspect_image(path, max_pixels)
    except ImageRefused as exc:
        raise CoverImageError(str(exc)) from None
    layout = choose_layout(*info.size)
    width_mm, height_mm = layout.size_mm
    target = (round(width_mm / MM_PER_INCH * PRINT_DPI), round(height_mm / MM_PER_INCH * PRINT_DPI))
    try:
        with Image.open(path, formats=[info.format]) as opened:
            if info.format == "JPEG":
                opened.draft("RGB", target)  # decode at 1/2, 1/4 or 1/8 scale when that suffices
            opened.load()
            scale = opened.size[0] / info.size[0]
            box = tuple(round(v * scale) for v in layout.box)
            factor = max(1, min((box[2] - box[0]) // target[0], (box[3] - box[1]) // target[1]))
            image = _reduced_rgb(opened, factor, box)  # type: ignore[arg-type]
    except Exception as exc:
        raise CoverImageError("the file is damaged or not an image") from exc
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return CoverImage(
        data=buffer.getvalue(), layout=layout, original_size=info.size, size=image.size
    )
