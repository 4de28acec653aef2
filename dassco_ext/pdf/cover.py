"""A brief's cover image, cropped to the A4 page and scaled to print resolution.

Hero images are made for screens (often 2560 px wide, several MB); printed full bleed on an
A4 cover only the part the page shows matters, and nothing above ~300 dpi is visible on
paper. Cropping and downscaling here keeps a brief small (well under 1.5 MB) without
touching the image on the site; an image too small for print is reported with its size.
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
#: Printers gain nothing above this; more pixels only make the PDF bigger.
PRINT_DPI = 300
JPEG_QUALITY = 85


class CoverImageError(Exception):
    """The file is not an image Pillow can decode (truncated, corrupt, unknown format)."""


@dc.dataclass(frozen=True)
class CoverImage:
    """The cover as embedded in the PDF, with what is needed to judge its print quality."""

    data: bytes
    original_size: tuple[int, int]
    size: tuple[int, int]
    dpi: float

    @property
    def data_uri(self) -> str:
        return "data:image/jpeg;base64," + base64.b64encode(self.data).decode("ascii")


def _crop_box(width: int, height: int, page: tuple[float, float]) -> tuple[int, int, int, int]:
    """The centred part of a ``width`` x ``height`` image that ``object-fit: cover`` shows."""
    page_ratio = page[0] / page[1]
    if width / height > page_ratio:
        new_width = max(1, round(height * page_ratio))
        left = (width - new_width) // 2
        return left, 0, left + new_width, height
    new_height = max(1, round(width / page_ratio))
    top = (height - new_height) // 2
    return 0, top, width, top + new_height


#: The hero's own background colour, under transparent parts of a cover image.
BACKGROUND = (11, 45, 58)
#: Rows converted at a time: only the decoded image and one strip are ever in memory.
STRIP_ROWS = 256


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
    strip of rows at a time: converting a 40-megapixel RGBA image whole took two more copies
    of it (Pillow premultiplies alpha in a copy before it resizes or reduces)."""
    from PIL import Image

    left, top, right, bottom = box
    width, height = right - left, bottom - top
    out = Image.new("RGB", (-(-width // factor), -(-height // factor)))
    step = factor * max(1, STRIP_ROWS // factor)
    for row in range(0, height, step):
        strip = _flat_rgb(image.crop((left, top + row, right, min(bottom, top + row + step))))
        out.paste(strip.reduce(factor) if factor > 1 else strip, (0, row // factor))
    return out


def prepare_cover(
    path: Path, page_mm: tuple[float, float] = A4_MM, dpi: int = PRINT_DPI, *, max_pixels: int = 40_000_000
) -> CoverImage:
    """Crop ``path`` to the page's shape and scale it down to ``dpi`` (never up).

    The header is judged first (:func:`~dassco_ext.page.images.inspect_image`: format,
    extension, at most ``max_pixels``), so decoding needs at most 4 bytes a pixel of that;
    a JPEG is decoded at the smallest scale that still gives ``dpi`` (``draft``), and
    every image is reduced to about its print size before anything else is done to it.
    """
    from PIL import Image

    from ..page.images import ImageRefused, inspect_image

    target = (round(page_mm[0] / MM_PER_INCH * dpi), round(page_mm[1] / MM_PER_INCH * dpi))
    try:
        info = inspect_image(path, max_pixels)
    except ImageRefused as exc:
        raise CoverImageError(str(exc)) from None
    try:
        with Image.open(path, formats=[info.format]) as opened:
            if info.format == "JPEG":
                opened.draft("RGB", target)  # decode at 1/2, 1/4 or 1/8 scale when that suffices
            opened.load()
            box = _crop_box(*opened.size, page_mm)
            factor = max(1, min((box[2] - box[0]) // target[0], (box[3] - box[1]) // target[1]))
            image = _reduced_rgb(opened, factor, box)
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged data
        raise CoverImageError("the file is damaged or not an image") from exc
    original = info.size
    if image.width > target[0]:
        image = image.resize(target, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return CoverImage(
        data=buffer.getvalue(),
        original_size=original,
        size=image.size,
        dpi=image.width / (page_mm[0] / MM_PER_INCH),
    )
