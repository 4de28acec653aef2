"""Print-grade briefs: the cover's layout from its image, 300 dpi images, PDF/A metadata,
and which pages get a brief (patterns and listing kinds), read from the PDFs themselves."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dassco_ext.pdf.cover import BAND, FULL_BLEED, PRINT_DPI, choose_layout, layouts
from dassco_ext.testing import assert_no_warnings, build_site, copy_site, expect_warnings

A4_WIDTH_PX = round(210 / 25.4 * PRINT_DPI)  # 2480


def _image(path: Path, size: tuple[int, int]) -> None:
    """A gradient (so JPEG keeps some detail) of ``size`` pixels."""
    from PIL import Image

    image = Image.linear_gradient("L").resize(size).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def _build(rootdir: Path, tmp: Path, wide: tuple[int, int] = (2560, 1600), **overrides: object):
    srcdir = copy_site(rootdir / "test-brief-kinds", tmp / "src")
    _image(srcdir / "assets" / "wide.jpg", wide)
    _image(srcdir / "assets" / "diagram.png", (1200, 600))
    return build_site(srcdir, tmp / "out", "brief", confoverrides=overrides)


@pytest.fixture(scope="module")
def kinds(rootdir, tmp_path_factory):
    return _build(rootdir, tmp_path_factory.mktemp("kinds"))


def images(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    head, _rule, *rows = out.splitlines()
    return [dict(zip(head.split(), row.split(), strict=False)) for row in rows]


def text(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# --- the cover's layout ------------------------------------------------------------------------


@given(st.integers(1, 12_000), st.integers(1, 12_000))
def test_layout_reaches_print_resolution_whenever_one_can(width, height):
    full, band = layouts(width, height)
    chosen = choose_layout(width, height)
    assert chosen in (full, band)
    if full.dpi >= PRINT_DPI:
        assert chosen == full
    elif band.dpi >= PRINT_DPI:
        assert chosen == band
    else:
        assert chosen.dpi == max(full.dpi, band.dpi)
    left, top, right, bottom = chosen.box
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    # the pixels used have the printed shape (to a pixel's rounding)
    assert abs((right - left) / (bottom - top) - chosen.size_mm[0] / chosen.size_mm[1]) <= 1 / (
        bottom - top
    ) + (chosen.size_mm[0] / chosen.size_mm[1]) / (right - left)


def test_a_landscape_hero_is_a_band_at_300_dpi():
    layout = choose_layout(2560, 1600)  # the About hero's size: 137 dpi as a full-bleed portrait
    assert layout.kind == BAND and layout.dpi >= PRINT_DPI
    assert layout.size_mm == (210.0, 131.25)
    assert choose_layout(3000, 4000).kind == FULL_BLEED


def test_band_cover_prints_at_300_dpi(kinds):
    assert_no_warnings(kinds)
    cover = [
        i
        for i in images(Path(kinds.outdir, "news", "landscape.pdf"))
        if i["page"] == "1" and i["enc"] == "jpeg"
    ]
    assert len(cover) == 1
    width, height = int(cover[0]["width"]), int(cover[0]["height"])
    assert A4_WIDTH_PX <= width < 2 * A4_WIDTH_PX  # the pixels 300 dpi needs, never twice that
    assert abs(width / height - 210 / 131.25) < 0.01  # cropped to the band's shape
    assert 300 <= int(cover[0]["x-ppi"]) < 600


def test_page_images_print_at_300_dpi_or_more(kinds):
    content = [i for i in images(Path(kinds.outdir, "news", "landscape.pdf")) if i["page"] != "1"]
    assert [(i["width"], i["height"]) for i in content] == [("1200", "600")]
    assert int(content[0]["x-ppi"]) >= 295


def test_a_cover_no_layout_prints_sharp_is_one_warning(rootdir, tmp_path):
    app = _build(rootdir, tmp_path, wide=(900, 700))
    (found,) = expect_warnings(app, ("dassco.brief_image", "landscape.md:7"))
    assert "'assets/wide.jpg' is 900x700 px" in found.message
    assert re.search(r"prints at \d+ dpi", found.message)
    assert Path(app.outdir, "news", "landscape.pdf").is_file()  # the brief is still made


# --- archival ----------------------------------------------------------------------------------


def test_briefs_are_pdf_a_with_their_language_title_and_date(kinds):
    from pypdf import PdfReader

    reader = PdfReader(Path(kinds.outdir, "news", "landscape.pdf"))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "A wide view" in xmp and "<xmp:CreateDate>" in xmp
    assert root["/Lang"] == "en"
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intent.get_object()
    assert bool(root["/MarkInfo"]["/Marked"]) is True  # tagged, as PDF/A level A asks


# --- which pages ------------------------------------------------------------------------------


def test_briefs_of_a_listing_kind_and_a_pattern(kinds):
    written = sorted(
        p.relative_to(kinds.outdir).as_posix() for p in Path(kinds.outdir).rglob("*.pdf")
    )
    # kind:news: the articles the news listing lists (not the listing page, not brief: false);
    # guide-*: the pattern's pages but the one whose front matter says no
    assert written == ["guide-print.pdf", "news/landscape.pdf"]


def test_an_article_s_brief_carries_its_type_and_date_under_the_title(kinds):
    cover = " ".join(text(Path(kinds.outdir, "news", "landscape.pdf"), 1).split())
    assert re.search(r"A wide view .*Story · 14 May 2025", cover), cover


def test_an_entry_naming_no_page_is_one_warning(rootdir, tmp_path):
    app = _build(rootdir, tmp_path, dassco_briefs=["kind:news", "kind:nothing", "nowhere/*"])
    found = expect_warnings(app, ("dassco.brief", "conf.py:5"), ("dassco.brief", "conf.py:5"))
    assert {m for w in found for m in re.findall(r"'([^']+)'", w.message)} >= {
        "kind:nothing",
        "nowhere/*",
    }
