"""Images judged by their header, and Sphinx's language variants (``figure_language_filename``).

Sphinx replaces ``rimg.png`` by its language variant when one exists, named by the project's
``figure_language_filename`` (``{root}{ext}.{language}`` gives ``rimg.png.da``). That variant is
the image the page wrote: it is judged by the name the page wrote, and kept when its own
extension names no other type; a variant whose extension is another type's (``.html``) is
still refused. (Sphinx's own test_image_glob_intl_using_figure_language_filename.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from dassco_ext.testing import assert_no_warnings, expect_warnings, html_of, new_app

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

CONF = 'extensions = ["dassco_ext"]\nexclude_patterns = ["_build"]\nlanguage = "da"\n'


def _site(tmp_path: Path, pattern: str, variant: str) -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF + f"figure_language_filename = {pattern!r}\n", encoding="utf-8")
    (srcdir / "index.rst").write_text("Home\n====\n\n.. image:: rimg.png\n   :alt: A map\n", encoding="utf-8")
    Image.new("RGB", (8, 8), "navy").save(srcdir / "rimg.png", format="PNG")
    Image.new("RGB", (8, 8), "teal").save(srcdir / variant, format="PNG")
    return srcdir


def _build(srcdir: Path, tmp_path: Path):
    app = new_app(srcdir, tmp_path / "_build", "html")
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_a_language_variant_of_a_png_is_published(tmp_path):
    app = _build(_site(tmp_path, "{root}{ext}.{language}", "rimg.png.da"), tmp_path)
    assert_no_warnings(app)
    images = html_of(app).select("img")
    assert [img["src"] for img in images if "rimg" in img["src"]] == ["_images/rimg.png.da"]
    assert Path(app.outdir, "_images", "rimg.png.da").is_file()


def test_a_language_variant_named_as_another_type_is_refused(tmp_path):
    app = _build(_site(tmp_path, "{root}{ext}.{language}.html", "rimg.png.da.html"), tmp_path)
    expect_warnings(app, ("dassco.background", "index.rst:4"))
    assert not [img for img in html_of(app).select("img") if "rimg" in img["src"]]
    assert not Path(app.outdir, "_images", "rimg.png.da.html").exists()
