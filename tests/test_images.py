"""Images are judged by their header: a phone's multi-picture JPEG (MPO) named ``.jpg`` is a
JPEG to every browser and is published; a file whose format does not match its name is not."""

from __future__ import annotations

import pytest
from PIL import Image

from dassco_ext.page.images import FORMATS, ImageRefused, inspect_image


def test_a_phone_photo_named_jpg_is_a_jpeg(tmp_path):
    photo = tmp_path / "IMG_0001.jpg"
    first, second = Image.new("RGB", (40, 30), "navy"), Image.new("RGB", (40, 30), "teal")
    first.save(photo, format="MPO", save_all=True, append_images=[second])
    info = inspect_image(photo, 10_000, tuple(FORMATS))
    assert info.format == "MPO" and info.size == (40, 30)


@pytest.mark.parametrize("name", ["IMG_0001.png", "IMG_0001.html"])
def test_a_phone_photo_under_another_name_is_refused(tmp_path, name):
    photo = tmp_path / name
    Image.new("RGB", (40, 30), "navy").save(photo, format="MPO", save_all=True,
                                            append_images=[Image.new("RGB", (40, 30), "teal")])
    with pytest.raises(ImageRefused, match="must be named .jpg"):
        inspect_image(photo, 10_000, tuple(FORMATS))
