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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_imported_menus_dropdowns_open_by_keyboard_and_on_a_phone(tab, imported_site: Site, lang: str) -> None:
    """The navigation data's nested entries are header dropdowns: opened from the keyboard
    (Enter, arrow keys, Escape) on a desktop, by a tap in the phone's menu; every entry shows."""
    open_view(tab, imported_site, View(lang, "index", "desktop"))
    buttons = tab.locator(".navbar-header-items li.dropdown > button")
    assert buttons.count() == 2  # About and Data
    for i in range(buttons.count()):
        button = buttons.nth(i)
        menu = tab.locator(f"#{button.get_attribute('aria-controls')}")
        button.focus()
        tab.keyboard.press("Enter")
        menu.wait_for(state="visible")
        assert button.get_attribute("aria-expanded") == "true"
        tab.keyboard.press("ArrowDown")
        assert tab.evaluate("document.activeElement.classList.contains('dropdown-item')")
        items = menu.locator("a.dropdown-item")
        assert items.count() == 4
        for j in range(items.count()):
            box = items.nth(j).bounding_box()
            assert box and box["width"] > 0 and 0 <= box["x"] and box["x"] + box["width"] <= 1280, box
        tab.keyboard.press("Escape")
        menu.wait_for(state="hidden")
    open_view(tab, imported_site, View(lang, "index", "phone"))
    tab.locator("button.primary-toggle").click()
    drawer = tab.locator(".bd-sidebar-primary li.dropdown > button")
    assert drawer.count() == 2
    drawer.first.click()
    items = tab.locator(f"#{drawer.first.get_attribute('aria-controls')} a.dropdown-item")
    items.first.wait_for(state="visible")
    for j in range(items.count()):
        box = items.nth(j).bounding_box()
        assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box


_HERO_BOX_JS = """() => {
  const box = document.querySelector('section.dassco-hero').getBoundingClientRect();
  return {left: box.left, right: box.right, width: document.documentElement.clientWidth,
          scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_image_hero_spans_the_screen(tab, imported_site: Site, served_root: Path, viewport: str) -> None:
    """A page with a hero image shows it the full width of the screen, below the header, as
    the hosted-portal theme does, and nothing overflows sideways."""
    news = served_root / "imported" / "en" / "news"
    page = next(p for p in sorted(news.glob("*.html")) if '<section class="dassco-hero"' in p.read_text(encoding="utf-8"))
    open_view(tab, imported_site, View("en", f"news/{page.stem}", viewport))
    box = tab.evaluate(_HERO_BOX_JS)
    assert abs(box["left"]) <= 0.5 and abs(box["right"] - box["width"]) <= 0.5, box
    assert box["scrollWidth"] <= box["width"], box
    check_hero_content(hero_geometry(tab, "0px"))
    check_contrast(hero_contrast(tab))
