"""A page with a title and no image opens with a compact title header, not a dark box at the
default height; person and partner pages show their name, job title, photo or logo in it."""

from __future__ import annotations

import pytest
import tinycss2

from dassco_ext.paths import STATIC_DIR
from dassco_ext.testing import html_of


@pytest.fixture(scope="module")
def en(site_builder):
    return site_builder("test-listings", "html")


@pytest.mark.parametrize("page", ["about", "news", "team", "partners", "team/ana", "team/cy", "partners/nhmd"])
def test_pages_without_image_are_compact(en, page):
    hero = html_of(en, page).select_one("section.dassco-hero")
    assert "dassco-hero-compact" in hero["class"]
    assert not hero.select("img.dassco-hero-image")
    assert hero.h1 is not None and hero.h1.get_text(strip=True)


def test_pages_with_an_image_keep_the_hero(en):
    hero = html_of(en, "news/first-light").select_one("section.dassco-hero")
    assert "dassco-hero-compact" not in hero["class"]
    assert hero.select_one("img.dassco-hero-image")


def test_person_header_shows_name_job_title_photo_and_email(en):
    hero = html_of(en, "team/ana").select_one("section.dassco-hero")
    assert hero.h1.get_text(strip=True) == "Ana Andersen"
    assert hero.select_one(".dassco-page-jobtitle").get_text() == "Project manager"
    assert hero.select_one("img.dassco-page-photo")["alt"] == "Ana Andersen"
    assert "example.org" in hero.select_one(".dassco-page-email a")["href"]
    # the photo does not turn the header into an image hero
    assert "dassco-hero-no-image" in hero["class"]
    # a person without a photo still has a compact header with their name
    cy = html_of(en, "team/cy").select_one("section.dassco-hero")
    assert cy.h1.get_text(strip=True) == "Cy Carlsen" and not cy.img


def _declarations(selector: str) -> dict[str, str]:
    sheet = tinycss2.parse_stylesheet((STATIC_DIR / "dassco.css").read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    found: dict[str, str] = {}
    for rule in sheet:
        if rule.type != "qualified-rule":
            continue
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if selector in selectors:
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration":
                    found[decl.lower_name] = tinycss2.serialize(decl.value).strip()
    return found


def test_compact_style_has_no_forced_height_and_theme_colours():
    compact = _declarations(".dassco-hero.dassco-hero-compact")
    assert compact["min-height"] == "0"
    assert compact["background"] == "none"
    # text in the theme's colour on the theme's background: readable in light and dark mode
    assert compact["color"].startswith("var(--pst-color-text-base")
    assert _declarations(".dassco-hero.dassco-hero-compact::before")["content"] == "none"
    text = _declarations(".dassco-hero.dassco-hero-compact .dassco-hero-title")
    assert text["color"] == "inherit"
