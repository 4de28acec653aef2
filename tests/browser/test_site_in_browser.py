"""The built site in a real browser: hero layout and contrast, buttons, links, the image
credit, the language switcher, axe-core and the Nu HTML Checker, for the About, home and data
pages in every language of the site, at desktop and phone size, in light and dark mode."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from browser_checks import (
    CREDIT_TEXT,
    CREDIT_TOGGLE,
    button_rows,
    button_style,
    check_contrast,
    check_hero_content,
    check_hero_height,
    check_lands_on,
    check_language,
    click_and_land,
    credit_state,
    describe,
    hero_contrast,
    hero_geometry,
    split_errors,
    switch_language,
    tab_until,
    wait_credit_shown,
)
from browser_site import (
    AXE_JS,
    LANGUAGES,
    MODES,
    PAGES,
    SCREENSHOTS,
    VIEWPORTS,
    View,
    open_view,
)

VIEWS = [View(lang, page, viewport, mode) for lang, page, viewport, mode in itertools.product(LANGUAGES, PAGES, VIEWPORTS, MODES)]
ids = pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.label)


@ids
def test_hero_layout(tab, site, figures, view: View) -> None:
    """The hero is its page's ``height`` of the screen (or what its content needs), holds the
    title, description and buttons unclipped, and its image covers it. Saves a screenshot."""
    open_view(tab, site, view)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{view.label}.png"), full_page=True, animations="disabled", caret="hide")
    tab.evaluate("window.scrollTo(0, 0)")
    css_height = site.hero_height(PAGES[view.page])
    geometry = hero_geometry(tab, css_height)
    figures.setdefault("hero_height_px", {})[view.label] = round(geometry.height, 1)
    check_hero_height(geometry, css_height)
    check_hero_content(geometry)


@pytest.mark.parametrize("viewport, expected", [("desktop", 560), ("phone", 591)])
def test_about_hero_is_70_percent_of_the_screen(tab, site, viewport: str, expected: int) -> None:
    """About asks for 70vh: 560 px at 1280x800, 591 px at 390x844 (its text needs less)."""
    assert site.hero_height("about") == "70vh"
    for lang in site.languages:
        open_view(tab, site, View(lang, "about", viewport))
        geometry = hero_geometry(tab, "70vh")
        assert geometry.content < expected, "the text needs more than 70vh: the figure does not apply"
        assert abs(geometry.height - expected) <= 2, f"{lang}: About's hero is {geometry.height}px, not {expected}px"


@ids
def test_hero_text_contrast(tab, site, figures, view: View) -> None:
    """Title, pre-title and description against the pixels behind them: at least 4.5:1."""
    open_view(tab, site, view)
    results = hero_contrast(tab)
    figures.setdefault("lowest_contrast", {})[view.label] = round(min(r.lowest for r in results), 2)
    by_text = figures.setdefault("lowest_contrast_by_text", {}).setdefault(view.label, {})
    for r in results:
        by_text[r.selector] = round(min(r.lowest, by_text.get(r.selector, r.lowest)), 2)
    check_contrast(results)


#: Each row of buttons in the page's content, in order: what each button must look like.
BUTTON_ROWS = {
    "about": [["filled", "outlined"]],
    "home": [["filled", "outlined"], ["filled", "outlined"]],
    "data": [["filled", "outlined"]],
}


@pytest.mark.parametrize("view", [v for v in VIEWS if v.viewport == "desktop"], ids=lambda v: v.label)
def test_primary_buttons_are_filled_secondary_outlined(tab, site, view: View) -> None:
    open_view(tab, site, view)
    rows = button_rows(tab)
    assert [[button_style(b) for b in row] for row in rows] == BUTTON_ROWS[view.page], rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_call_to_action_lands_on_the_data_page(tab, site, lang: str) -> None:
    """About's "Call to action" leads to the data page of the same language."""
    open_view(tab, site, View(lang, "about"))
    button = tab.locator("article .dassco-buttons a.sd-btn").first
    if lang == "en":
        assert button.inner_text().strip() == "Call to action"
    status, path = click_and_land(tab, button)
    check_lands_on(status, path, site.path(lang, "data"))
    check_language(tab, lang)


@pytest.mark.parametrize("view", [v for v in VIEWS if v.mode == "light"], ids=lambda v: v.label)
def test_image_credit_on_hover(tab, site, view: View) -> None:
    """The credit is hidden until the pointer is on its icon, then shown on screen."""
    open_view(tab, site, view)
    assert credit_state(tab)["hidden"], "the image credit shows before it is asked for"
    assert not tab.locator(CREDIT_TEXT).is_visible()
    tab.locator(CREDIT_TOGGLE).hover()
    wait_credit_shown(tab)
    tab.mouse.move(0, 0)
    tab.wait_for_function(
        "sel => getComputedStyle(document.querySelector(sel)).visibility === 'hidden'", arg=CREDIT_TEXT
    )


@pytest.mark.parametrize("view", [v for v in VIEWS if v.mode == "light"], ids=lambda v: v.label)
def test_image_credit_by_keyboard(tab, site, view: View) -> None:
    """Tab reaches the credit's icon, with a visible focus ring, and focus shows the credit;
    a link in the credit is the next stop and stays visible while focused."""
    open_view(tab, site, view)
    assert credit_state(tab)["hidden"]
    tab_until(tab, CREDIT_TOGGLE)
    wait_credit_shown(tab)
    outline = tab.locator(CREDIT_TOGGLE).evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused credit icon shows no focus ring"
    for link in tab.locator(f"{CREDIT_TEXT} a[href]").all():
        tab.keyboard.press("Tab")
        assert link.evaluate("el => el === document.activeElement"), "Tab skips the credit's link"
        wait_credit_shown(tab)


@pytest.mark.parametrize("view", [v for v in VIEWS if v.mode == "light" and v.viewport == "desktop"], ids=lambda v: v.label)
def test_image_credit_links_work(tab, site, view: View) -> None:
    """Every link in the credit: a site link that loads, or an http(s)/mailto address."""
    open_view(tab, site, view)
    for href in tab.locator(f"{CREDIT_TEXT} a[href]").evaluate_all("els => els.map(a => a.href)"):
        if href.startswith(site.base_url):
            response = tab.request.get(href)
            assert response.ok, f"credit link {href}: HTTP {response.status}"
        else:
            assert href.startswith(("https://", "http://", "mailto:")), href


@pytest.mark.parametrize("page", list(PAGES))
def test_language_switcher(tab, site, page: str) -> None:
    """From /en/<page> to /<other>/<page> and back, and the page's ``lang`` follows."""
    if len(site.languages) < 2:
        pytest.skip("the site has one language")
    first, other = site.languages[0], site.languages[1]
    open_view(tab, site, View(first, page))
    for here, there in ((first, other), (other, first)):
        check_language(tab, here)
        status, path = switch_language(tab, there)
        check_lands_on(status, path, site.path(there, PAGES[page]))
        check_language(tab, there)


@ids
def test_axe_has_no_serious_violations(tab, site, figures, view: View) -> None:
    """axe-core, injected into the page: no violation of impact serious or critical."""
    open_view(tab, site, view)
    tab.add_script_tag(path=str(AXE_JS))
    violations = tab.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    counts = figures.setdefault("axe_violations", {})
    counts[view.label] = {impact: sum(1 for v in violations if v["impact"] == impact) for impact in ("minor", "moderate", "serious", "critical")}
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['impact']}: {v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})" for v in bad)


#: vnu errors in the theme's (not the extension's) markup, each with why it is accepted.
#: (message start, reason). Empty: pydata-sphinx-theme 0.24 pages have no vnu errors.
KNOWN_THEME_ERRORS: list[tuple[str, str]] = []


@pytest.mark.parametrize("lang, page", list(itertools.product(LANGUAGES, PAGES)))
def test_vnu_no_errors_in_the_extension_markup(site, served_root, vnu_messages, figures, lang: str, page: str) -> None:
    html_file = served_root / "site" / lang / f"{PAGES[page]}.html"
    messages = vnu_messages[str(html_file)]
    ours, theirs = split_errors(html_file, messages)
    figures.setdefault("vnu", {})[f"{lang}-{page}"] = {
        "errors_extension": len(ours),
        "errors_theme": len(theirs),
        "warnings": sum(1 for m in messages if m.get("subType") == "warning"),
    }
    assert not ours, f"vnu errors in the markup dassco-ext writes:\n{describe(ours)}"
    unknown = [m for m in theirs if not any(m["message"].startswith(known) for known, _why in KNOWN_THEME_ERRORS)]
    assert not unknown, f"vnu errors in the theme's markup, not in KNOWN_THEME_ERRORS:\n{describe(unknown)}"


def test_vnu_checked_every_page(site, served_root: Path, vnu_messages) -> None:
    """vnu really read the pages (a file it could not read would have no messages at all)."""
    for lang, page in itertools.product(site.languages, PAGES.values()):
        messages = vnu_messages[str(served_root / "site" / lang / f"{page}.html")]
        assert messages, f"vnu said nothing about {lang}/{page}.html"
        assert not [m for m in messages if m.get("type") == "non-document-error"], describe(messages)
