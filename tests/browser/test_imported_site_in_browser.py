"""DaSSCo's real Jekyll site, imported and built, in a real browser: home, About, news and team
in both languages, at phone and desktop width. Nothing overflows the screen sideways, the page
has content, and the hero's texts are inside it, unclipped and readable (contrast 4.5:1)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from browser_checks import check_contrast, check_hero_content, hero_contrast, hero_geometry
from browser_site import REPO, VIEWPORTS, Site, View, build_site, open_view

JEKYLL_SITE = REPO.parent / "shared" / "hp-dassco"
LANGUAGES = ("en", "da")
PAGES = ("index", "about", "news", "team")
VIEWS = [View(lang, page, viewport) for lang, page, viewport in itertools.product(LANGUAGES, PAGES, VIEWPORTS)]

pytestmark = pytest.mark.skipif(not JEKYLL_SITE.is_dir(), reason="DaSSCo's Jekyll site is not beside the project")

#: What a reader's screen shows: the page's width against the screen's, and the article's text.
_LAYOUT_JS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  lang: document.documentElement.lang,
  text: (document.querySelector('main') || document.body).innerText.trim().length,
  wide: Array.from(document.querySelectorAll('main *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                 && getComputedStyle(e).position !== 'fixed'
                 && !e.closest('.pst-scrollable-table-container, .highlight, .table-wrapper'))
    .slice(0, 3).map(e => e.tagName + '.' + e.className),
})"""


@pytest.fixture(scope="module")
def imported_site(served_root: Path, server: str, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The Jekyll site imported by ``python -m dassco_ext.jekyll`` and built in each language."""
    dest = tmp_path_factory.mktemp("imported") / "site"
    subprocess.run([sys.executable, "-m", "dassco_ext.jekyll", str(JEKYLL_SITE), str(dest)], check=True,
                   capture_output=True)
    built = Site("imported", dest / "docs", list(LANGUAGES), server)
    for lang in LANGUAGES:
        _height, warnings = build_site(dest / "docs", served_root / "imported" / lang, lang)
        assert not warnings.strip(), f"the imported site's {lang} build warned:\n{warnings}"
    return built


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.label)
def test_imported_page_fits_the_screen_and_its_hero_reads(tab, imported_site: Site, view: View) -> None:
    open_view(tab, imported_site, view)
    layout = tab.evaluate(_LAYOUT_JS)
    assert layout["lang"] == view.lang
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"the page is {layout['scrollWidth']}px wide on a {layout['innerWidth']}px screen: {layout['wide']}"
    )
    assert layout["text"] > 200, f"the page shows {layout['text']} characters of content"
    check_hero_content(hero_geometry(tab, "0px"), needs_image=False)
    check_contrast(hero_contrast(tab))
