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
            image = opened
            factor = min(image.width // target[0], image.height // target[1])
            if factor >= 2:
                if image.mode not in ("L", "LA", "RGB", "RGBA", "I", "F", "CMYK"):
                    image = image.convert("RGBA")  # palette and 1-bit images cannot be reduced
                image = image.reduce(factor)  # a box filter: cheap, and the size is still >= target
            elif image is opened:
                image = opened.copy()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged data
        raise CoverImageError("the file is damaged or not an image") from exc
    original = info.size
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (11, 45, 58))  # the hero's own background colour
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image = image.crop(_crop_box(*image.size, page_mm))
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
