"""The hero header, as a reader of the built About page sees it."""

from __future__ import annotations

import pytest

from dassco_ext.testing import assert_no_warnings, html_of


@pytest.mark.sphinx("html", testroot="about")
def test_about_page_hero(app):
    app.build()
    assert_no_warnings(app)
    page = html_of(app, "about")
    hero = page.select_one("section.dassco-hero")
    assert hero is not None
    assert hero.select_one("h1.dassco-hero-title").get_text(strip=True) == "About"
    assert len(page.find_all("h1")) == 1
    assert page.title.get_text().startswith("About")
    description = hero.select_one(".dassco-hero-description").get_text(strip=True)
    assert description.startswith("If you want more information")
    image = hero.select_one("img.dassco-hero-image")
    assert image["alt"] == "Herbarium sheets"
    assert "--dassco-hero-height: 70vh" in hero["style"]
    credit = hero.select_one(".dassco-hero-credit")
    assert "it would normally go here" in credit.get_text()
    # the Markdown's own ## headings are the page's sections, nested under the title
    assert [h.get_text(strip=True).rstrip("#") for h in page.select("article h2")] == [
        "What is DaSSCo?",
        "Why DaSSCo?",
    ]
    assert "{:" not in page.get_text()
