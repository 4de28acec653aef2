"""What the browser checks measure, as functions that raise AssertionError with the figures.

They are shared by the checks of the real site and by the tests that break a page on purpose
(tests/roots/test-browser-broken) to show that each check can fail.
"""

from __future__ import annotations

import dataclasses as dc
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: The text of the hero whose contrast is measured (buttons too: outlined ones sit on the
#: image), and the hero's parts that must fit in it.
HERO = "section.dassco-hero"
HERO_TEXT = (".dassco-hero-pretitle", "h1.dassco-hero-title", ".dassco-hero-description", ".dassco-hero-actions a")
HERO_CONTENT = HERO_TEXT
MIN_CONTRAST = 4.5
HEIGHT_TOLERANCE = 2.0


# --- hero geometry ----------------------------------------------------------------------------

_GEOMETRY_JS = """
(hero, [cssHeight, parts]) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;top:0;left:0;width:1px;visibility:hidden;height:' + cssHeight;
  document.body.appendChild(probe);
  const requested = probe.getBoundingClientRect().height;
  probe.remove();
  const cs = getComputedStyle(hero);
  const body = hero.querySelector('.dassco-hero-body');
  const content = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom)
    + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth)
    + (body ? body.getBoundingClientRect().height : 0);
  const items = [];
  for (const selector of parts) {
    for (const el of hero.querySelectorAll(selector)) {
      items.push({selector, text: el.textContent.trim().slice(0, 40), box: box(el),
                  scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                  scrollHeight: el.scrollHeight, clientHeight: el.clientHeight,
                  display: getComputedStyle(el).display});
    }
  }
  const img = hero.querySelector('img.dassco-hero-image');
  return {hero: box(hero), requested, content, items, innerWidth: window.innerWidth,
          title: !!hero.querySelector('h1.dassco-hero-title'),
          image: img && {box: box(img), fit: getComputedStyle(img).objectFit,
                         loaded: img.complete && img.naturalWidth > 0,
                         visibility: getComputedStyle(img).visibility}};
}
"""


@dc.dataclass
class HeroGeometry:
    height: float
    requested: float
    content: float
    raw: dict[str, Any]

    @property
    def expected(self) -> float:
        """The page's ``height`` in pixels, or what its content needs if that is more."""
        return max(self.requested, self.content)


def hero_geometry(tab: Any, css_height: str) -> HeroGeometry:
    hero = tab.locator(HERO)
    assert hero.count() == 1, f"expected one {HERO}, found {hero.count()}"
    raw = hero.evaluate(_GEOMETRY_JS, [css_height, list(HERO_CONTENT)])
    return HeroGeometry(raw["hero"]["height"], raw["requested"], raw["content"], raw)


def check_hero_height(geometry: HeroGeometry, css_height: str) -> None:
    assert abs(geometry.height - geometry.expected) <= HEIGHT_TOLERANCE, (
        f"hero is {geometry.height:.1f}px high; height {css_height} is {geometry.requested:.1f}px "
        f"and its content needs {geometry.content:.1f}px"
    )


def check_hero_content(geometry: HeroGeometry, *, needs_image: bool = True) -> None:
    """Title, description and buttons are inside the hero, not clipped; the image covers it."""
    raw = geometry.raw
    hero = raw["hero"]
    assert raw["title"], "the page's h1 is not in the hero"
    assert raw["items"], "the hero has no text"
    for item in raw["items"]:
        box, what = item["box"], f"{item['selector']} {item['text']!r}"
        assert box["width"] > 0 and box["height"] > 0, f"{what} takes no space"
        assert box["left"] >= hero["left"] - 0.5 and box["right"] <= hero["right"] + 0.5, f"{what} sticks out of the hero sideways: {box} vs {hero}"
        assert box["top"] >= hero["top"] - 0.5 and box["bottom"] <= hero["bottom"] + 0.5, f"{what} sticks out of the hero: {box} vs {hero}"
        assert box["left"] >= -0.5 and box["right"] <= raw["innerWidth"] + 0.5, f"{what} is cut off by the screen edge: {box}"
        if item["display"] != "inline":
            assert item["scrollWidth"] <= item["clientWidth"] + 1, f"{what} overflows its box sideways"
            assert item["scrollHeight"] <= item["clientHeight"] + 1, f"{what} overflows its box"
    if needs_image:
        image = raw["image"]
        assert image, "the hero has no image"
        assert image["loaded"], "the hero image did not load"
        assert image["fit"] == "cover" and image["visibility"] == "visible", image
        for side in ("left", "top", "right", "bottom"):
            assert abs(image["box"][side] - hero[side]) <= 1, f"the image does not cover the hero ({side}): {image['box']} vs {hero}"


# --- contrast ---------------------------------------------------------------------------------

def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(c) for c in range(256)]


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = rgb[:3]
    return 0.2126 * _LINEAR[r] + 0.7152 * _LINEAR[g] + 0.0722 * _LINEAR[b]


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


_LINE_BOXES_JS = """
(el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return Array.from(range.getClientRects()).filter(r => r.width >= 1 && r.height >= 1)
    .map(r => ({x: r.left, y: r.top, width: r.width, height: r.height}));
}
"""

_HIDE_TEXT_JS = """
(hide) => {
  // inline !important beats every stylesheet rule, however specific (the hero's outline
  // buttons set their white text with !important)
  const props = ['color', 'text-shadow', 'caret-color'];
  for (const el of document.querySelectorAll('.dassco-hero-body, .dassco-hero-body *')) {
    for (const prop of props) {
      if (hide) el.style.setProperty(prop, prop === 'text-shadow' ? 'none' : 'transparent', 'important');
      else el.style.removeProperty(prop);
    }
  }
}
"""


@dc.dataclass
class TextContrast:
    selector: str
    text_colour: tuple[int, int, int]
    lowest: float
    darkest_background: tuple[int, int, int]
    lightest_background: tuple[int, int, int]


def _screenshot(tab: Any, clip: dict[str, float]) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(tab.screenshot(clip=clip, animations="disabled", caret="hide"))).convert("RGB")


def hero_contrast(tab: Any) -> list[TextContrast]:
    """Each hero text's lowest contrast against the pixels behind it, from two screenshots.

    One screenshot of the hero as shown, one with its text made transparent (the pixels
    behind it). The text's colour is the glyph pixel farthest from its own background; the
    contrast is taken against every background pixel inside the text's line boxes.
    """
    # the resting state a reader sees: no pointer over a button (hover styles differ), no focus
    tab.mouse.move(0, 0)
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    hero = tab.locator(HERO).bounding_box()
    assert hero, "no hero on the page"
    scroll = tab.evaluate("[window.scrollX, window.scrollY]")
    clip = {"x": hero["x"] + scroll[0], "y": hero["y"] + scroll[1], "width": hero["width"], "height": hero["height"]}
    shown = _screenshot(tab, clip)
    tab.evaluate(_HIDE_TEXT_JS, True)
    try:
        behind = _screenshot(tab, clip)
    finally:
        tab.evaluate(_HIDE_TEXT_JS, False)

    results = []
    for selector in HERO_TEXT:
        for element in tab.locator(f"{HERO} {selector}").all():
            boxes = element.evaluate(_LINE_BOXES_JS)
            pixels = []
            shown_px, behind_px = shown.load(), behind.load()
            for b in boxes:
                left, top = round(b["x"] - hero["x"]), round(b["y"] - hero["y"])
                right, bottom = round(b["x"] + b["width"] - hero["x"]), round(b["y"] + b["height"] - hero["y"])
                for y in range(max(top, 0), min(bottom, shown.height)):
                    for x in range(max(left, 0), min(right, shown.width)):
                        pixels.append((shown_px[x, y], behind_px[x, y]))
            assert pixels, f"{selector}: no text pixels on screen"
            text = max(pixels, key=lambda p: abs(luminance(p[0]) - luminance(p[1])))[0]
            backgrounds = {p[1] for p in pixels}
            by_luminance = sorted(backgrounds, key=luminance)
            lowest = min(contrast_ratio(text, bg) for bg in backgrounds)
            results.append(TextContrast(selector, text, lowest, by_luminance[0], by_luminance[-1]))
    assert results, "the hero has no text to measure"
    return results


def check_contrast(results: list[TextContrast]) -> None:
    low = [r for r in results if r.lowest < MIN_CONTRAST]
    assert not low, "text over the hero below 4.5:1: " + "; ".join(
        f"{r.selector} {r.text_colour} at {r.lowest:.2f}:1 (background {r.darkest_background}..{r.lightest_background})"
        for r in low
    )


# --- buttons ----------------------------------------------------------------------------------

_BUTTON_ROWS_JS = """
() => Array.from(document.querySelectorAll('.dassco-hero .dassco-buttons, article .dassco-buttons')).map(row =>
  Array.from(row.querySelectorAll('a.sd-btn')).map(a => {
    const cs = getComputedStyle(a);
    return {text: a.textContent.trim(), href: a.getAttribute('href'),
            background: cs.backgroundColor, borderWidth: parseFloat(cs.borderTopWidth),
            borderStyle: cs.borderTopStyle, borderColour: cs.borderTopColor};
  }))
"""


def _alpha(css_colour: str) -> float:
    numbers = re.findall(r"[\d.]+", css_colour)
    if css_colour.startswith("rgba") and len(numbers) == 4:
        return float(numbers[3])
    return 0.0 if css_colour == "transparent" else 1.0


def button_style(button: dict[str, Any]) -> str:
    """``filled`` (opaque background), ``outlined`` (transparent, visible border) or ``other``."""
    if _alpha(button["background"]) >= 0.99:
        return "filled"
    if _alpha(button["background"]) == 0 and button["borderWidth"] >= 1 and button["borderStyle"] != "none" and _alpha(button["borderColour"]) >= 0.5:
        return "outlined"
    return "other"


def button_rows(tab: Any) -> list[list[dict[str, Any]]]:
    return tab.evaluate(_BUTTON_ROWS_JS)


# --- links ------------------------------------------------------------------------------------

def click_and_land(tab: Any, locator: Any) -> tuple[int, str]:
    """Click ``locator`` like a user; the HTTP status and path of the page it lands on."""
    with tab.expect_navigation(wait_until="load") as navigation:
        locator.click()
    response = navigation.value
    assert response is not None, "the click did not load a page"
    return response.status, urlsplit(tab.url).path


def check_lands_on(status: int, path: str, expected_path: str) -> None:
    assert status == 200, f"the link leads to {path}: HTTP {status}"
    assert path == expected_path, f"the link leads to {path}, not {expected_path}"


def switch_language(tab: Any, lang: str) -> tuple[int, str]:
    """Follow the page's link to its ``lang`` version (``a[hreflang]``, opening the switcher's
    menu first if the link is in one), like a reader; the HTTP status and path reached."""
    link = tab.locator(f'a[hreflang="{lang}"]').first
    assert link.count(), f'no <a hreflang="{lang}"> on {urlsplit(tab.url).path}: the language switcher is missing'
    if not link.is_visible():
        menu = f':is(.dropdown, details, nav):has(a[hreflang="{lang}"])'
        tab.locator(f"{menu} :is(button, summary)").first.click()
    return click_and_land(tab, link)


def check_language(tab: Any, lang: str) -> None:
    found = tab.evaluate("document.documentElement.lang")
    assert found == lang, f"{urlsplit(tab.url).path} has lang={found!r}, not {lang!r}"


# --- the image credit -------------------------------------------------------------------------

CREDIT_TOGGLE = f"{HERO} .dassco-hero-credit-toggle"
CREDIT_TEXT = f"{HERO} .dassco-hero-credit [role=tooltip]"

_SHOWN_JS = """
(el) => { const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
  return {visible: cs.visibility === 'visible' && parseFloat(cs.opacity) === 1 && r.width > 0,
          hidden: cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0,
          box: {left: r.left, top: r.top, right: r.right, bottom: r.bottom},
          innerWidth: window.innerWidth, innerHeight: window.innerHeight}; }
"""


def credit_state(tab: Any) -> dict[str, Any]:
    return tab.locator(CREDIT_TEXT).evaluate(_SHOWN_JS)


def wait_credit_shown(tab: Any) -> dict[str, Any]:
    """Wait (transition included) until the credit is fully shown; its state then."""
    tab.locator(CREDIT_TEXT).wait_for(state="visible")
    tab.wait_for_function(
        "sel => { const el = document.querySelector(sel); const cs = getComputedStyle(el);"
        " return cs.visibility === 'visible' && parseFloat(cs.opacity) === 1; }",
        arg=CREDIT_TEXT,
    )
    state = credit_state(tab)
    box = state["box"]
    assert box["left"] >= 0 and box["right"] <= state["innerWidth"] and box["top"] >= 0, f"the credit is off screen: {box}"
    return state


def tab_until(tab: Any, selector: str, limit: int = 60) -> int:
    """Press Tab from the top of the page until ``selector`` has focus; the number of presses."""
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


# --- vnu --------------------------------------------------------------------------------------

#: What the extension writes into a page: the hero, button rows, the language switcher and
#: the head tags of page/theme.py. vnu's messages on these lines are the extension's.
_EXTENSION_BLOCKS = (
    (re.compile(r'<section class="dassco-hero'), re.compile(r"</section>")),
    (re.compile(r'<p class="[^"]*dassco-buttons'), re.compile(r"</p>")),
    (re.compile(r'class="[^"]*dassco-lang'), re.compile(r"</(nav|div|ul)>")),
)
_EXTENSION_LINES = re.compile(r'<meta (name="description"|property="og:)|hreflang=')


def extension_lines(html_file: Path) -> set[int]:
    """The line numbers (1-based) of ``html_file`` that hold markup the extension writes."""
    lines = html_file.read_text(encoding="utf-8").splitlines()
    owned: set[int] = set()
    number = 0
    while number < len(lines):
        line = lines[number]
        if _EXTENSION_LINES.search(line):
            owned.add(number + 1)
        for start, end in _EXTENSION_BLOCKS:
            if start.search(line):
                last = number
                while last < len(lines) and not end.search(lines[last]):
                    last += 1
                owned.update(range(number + 1, last + 2))
        number += 1
    return owned


def split_errors(html_file: Path, messages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vnu's errors on ``html_file``: (in the extension's markup, elsewhere)."""
    owned = extension_lines(html_file)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    ours = [m for m in errors if set(range(m.get("firstLine", m.get("lastLine", 0)), m.get("lastLine", 0) + 1)) & owned]
    return ours, [m for m in errors if m not in ours]


def describe(messages: list[dict[str, Any]]) -> str:
    return "\n".join(f"  line {m.get('lastLine')}: {m['message']} | {m.get('extract', '').strip()[:120]}" for m in messages)
