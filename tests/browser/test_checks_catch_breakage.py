"""Each browser check fails on a page broken on purpose (tests/roots/test-browser-broken),
and passes on that site's sound control page, so a passing check means something."""

from __future__ import annotations

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
    hero_contrast,
    hero_geometry,
    split_errors,
    switch_language,
    tab_until,
    wait_credit_shown,
)
from browser_site import VIEWPORTS, View, open_view, run_vnu

CALL_TO_ACTION = "article .dassco-buttons a.sd-btn"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_control_page_passes_every_check(tab, broken_site, viewport: str, mode: str) -> None:
    open_view(tab, broken_site, View("en", "index", viewport, mode))
    geometry = hero_geometry(tab, broken_site.hero_height("index"))
    check_hero_height(geometry, "70vh")
    check_hero_content(geometry)
    check_contrast(hero_contrast(tab))
    assert [[button_style(b) for b in row] for row in button_rows(tab)] == [["filled", "outlined"]]
    status, path = click_and_land(tab, tab.locator(CALL_TO_ACTION).first)
    check_lands_on(status, path, broken_site.path("en", "data"))


def test_the_control_page_credit_link_works_by_keyboard(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "index"))
    assert credit_state(tab)["hidden"]
    tab_until(tab, CREDIT_TOGGLE)
    wait_credit_shown(tab)
    tab.keyboard.press("Tab")
    link = tab.locator(f"{CREDIT_TEXT} a[href]")
    assert link.evaluate("el => el === document.activeElement"), "Tab does not reach the credit's link"
    wait_credit_shown(tab)
    with tab.expect_navigation(wait_until="load") as navigation:
        tab.keyboard.press("Enter")
    check_lands_on(navigation.value.status, navigation.value.url.split(broken_site.base_url, 1)[1], broken_site.path("en", "data"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_squashed_hero_fails_the_height_check(tab, broken_site, viewport: str) -> None:
    open_view(tab, broken_site, View("en", "squashed", viewport))
    geometry = hero_geometry(tab, broken_site.hero_height("squashed"))
    with pytest.raises(AssertionError, match=r"hero is [\d.]+px high; height 70vh is"):
        check_hero_height(geometry, "70vh")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_faint_overlay_fails_the_contrast_check(tab, broken_site, mode: str) -> None:
    open_view(tab, broken_site, View("en", "faint", mode=mode))
    results = hero_contrast(tab)
    assert all(r.lowest < 4.5 for r in results), results
    with pytest.raises(AssertionError, match=r"below 4\.5:1"):
        check_contrast(results)


def test_a_dead_call_to_action_fails_the_link_check(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "deadlink"))
    status, path = click_and_land(tab, tab.locator(CALL_TO_ACTION).first)
    with pytest.raises(AssertionError, match="HTTP 404"):
        check_lands_on(status, path, broken_site.path("en", "data"))


def test_a_wrong_target_fails_the_link_check(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "index"))
    status, path = click_and_land(tab, tab.locator(CALL_TO_ACTION).first)
    with pytest.raises(AssertionError, match="not /broken/en/about.html"):
        check_lands_on(status, path, broken_site.path("en", "about"))


def test_the_language_switcher_check_follows_a_switcher(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "switcher"))
    for here, there in (("en", "da"), ("da", "en")):
        check_language(tab, here)
        status, path = switch_language(tab, there)
        check_lands_on(status, path, broken_site.path(there, "switcher"))
        check_language(tab, there)


def test_a_switcher_to_the_wrong_language_fails_the_check(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "wrongswitch"))
    status, path = switch_language(tab, "da")
    with pytest.raises(AssertionError, match="not /broken/da/wrongswitch.html"):
        check_lands_on(status, path, broken_site.path("da", "wrongswitch"))
    with pytest.raises(AssertionError, match="lang='en', not 'da'"):
        check_language(tab, "da")


def test_a_page_without_a_switcher_fails_the_check(tab, broken_site) -> None:
    open_view(tab, broken_site, View("en", "data"))
    with pytest.raises(AssertionError, match="the language switcher is missing"):
        switch_language(tab, "da")


def test_vnu_errors_in_the_button_row_count_as_the_extension_s(broken_site, served_root) -> None:
    page = served_root / "broken" / "en" / "deadlink.html"
    messages = run_vnu([page])[str(page)]
    ours, theirs = split_errors(page, messages)
    assert [m["message"] for m in ours] == ["Bad value “bogus” for attribute “role” on element “a”."], ours
    assert not theirs


def test_contrast_ratio_is_wcag_s() -> None:
    from browser_checks import contrast_ratio

    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21)
    assert contrast_ratio((255, 255, 255), (118, 118, 118)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
