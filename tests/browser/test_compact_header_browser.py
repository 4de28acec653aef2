"""Compact title headers (pages with a title and no image) in a real browser, with
pydata-sphinx-theme in light and dark mode: no forced height, readable text."""

from __future__ import annotations

import itertools
import shutil

import pytest
from browser_checks import HERO, check_contrast, hero_contrast
from browser_site import MODES, ROOTS, VIEWPORTS, Site, View, build_site, open_view

PAGES = ("about", "team", "team/ana", "partners/nhmd")


@pytest.fixture(scope="session")
def listings_site(served_root, server, tmp_path_factory) -> Site:
    """tests/roots/test-listings with pydata-sphinx-theme, in English and Danish."""
    srcdir = tmp_path_factory.mktemp("listings-src") / "src"
    shutil.copytree(ROOTS / "test-listings", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nhtml_theme = "pydata_sphinx_theme"\n')
    built = Site("listings", srcdir, ["en", "da"], server)
    for lang in built.languages:
        built.hero_height_default, warnings = build_site(srcdir, served_root / "listings" / lang, lang)
        assert not warnings.strip(), f"test-listings ({lang}) warned:\n{warnings}"
    return built


@pytest.mark.parametrize(
    ("lang", "page", "viewport", "mode"),
    list(itertools.product(["en", "da"], PAGES, VIEWPORTS, MODES)),
)
def test_compact_header_is_small_and_readable(tab, listings_site, lang, page, viewport, mode) -> None:
    open_view(tab, listings_site, View(lang, page, viewport, mode))
    box = tab.locator(HERO).bounding_box()
    assert box is not None
    height = VIEWPORTS[viewport][1]
    # no 50vh box: the header is as tall as its text (a photo, on a phone, wraps above it)
    assert box["height"] < 0.4 * height, f"compact header is {box['height']}px of {height}px"
    assert "dassco-hero-compact" in (tab.locator(HERO).get_attribute("class") or "")
    check_contrast(hero_contrast(tab))
