"""The hero header, as a reader of the built About page sees it."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture(scope="module")
def keys_site(site_builder):
    return site_builder("test-hero-keys")


def test_every_optional_key(keys_site):
    assert_no_warnings(keys_site)
    page = html_of(keys_site, "full")
    hero = page.select_one("section.dassco-hero")
    body = hero.select_one(".dassco-hero-body")
    assert [c["class"][0] for c in body.find_all(recursive=False)] == [
        "dassco-hero-pretitle", "dassco-hero-title", "dassco-hero-description", "dassco-buttons",
    ]
    assert body.select_one(".dassco-hero-pretitle").get_text() == "Collections"
    assert "calc(100vh - 4rem)" in hero["style"] and "#002b36cc" in hero["style"]
    primary, secondary = hero.select("a.sd-btn")
    assert (primary.get_text(), primary["href"]) == ("See data", "data.html")
    assert "sd-btn-primary" in primary["class"]
    assert (secondary.get_text(), secondary["href"]) == ("DiSSCo", "https://www.dissco.eu")
    assert "sd-btn-outline-primary" in secondary["class"]
    image = hero.select_one("img.dassco-hero-image")
    assert image["alt"] == "Pressed plants" and image["src"] == "_images/hero.png"
    assert Path(keys_site.outdir, "_images", "hero.png").is_file()


def test_untrusted_text_is_escaped(keys_site):
    hero = html_of(keys_site, "full").select_one("section.dassco-hero")
    description = hero.select_one(".dassco-hero-description")
    assert description.get_text() == "A <b>bold</b> description & more"
    assert description.find("b") is None
    credit = hero.select_one(".dassco-hero-credit")
    assert credit.select_one('a[href="https://snm.ku.dk"]').get_text() == "NHMD"
    assert credit.select_one("em").get_text() == "CC BY"
    assert credit.find("script") is None and "<script>alert(1)</script>" in credit.get_text()


def test_credit_is_behind_a_labelled_info_button(keys_site):
    credit = html_of(keys_site, "full").select_one(".dassco-hero-credit")
    button = credit.select_one("button.dassco-hero-credit-toggle")
    tooltip = credit.select_one('[role="tooltip"]')
    assert button["aria-label"] == "Image credit"
    assert button["aria-describedby"] == tooltip["id"]


def test_head_tags(keys_site):
    page = html_of(keys_site, "full")
    meta = {m.get("name") or m.get("property"): m["content"] for m in page.select("meta[content]")}
    assert meta["description"] == "A <b>bold</b> description & more"
    assert meta["og:title"] == "Full hero"
    assert meta["og:description"] == meta["description"]
    assert meta["og:image"] == "_images/hero.png"
    assert page.title.get_text().startswith("Full hero")


def test_title_sections_and_toc(keys_site):
    page = html_of(keys_site, "full")
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")] == ["Section one", "Section two"]
    toc = keys_site.env.tocs["full"]
    assert [n.astext() for n in toc.findall(lambda n: n.tagname == "reference")] == [
        "Full hero", "Section one", "Section two",
    ]


def test_pages_without_title_have_no_hero(keys_site):
    for name in ("plain", "identity"):
        page = html_of(keys_site, name)
        assert page.select_one("section.dassco-hero") is None
        assert page.select_one("h1").get_text(strip=True).rstrip("¶") in ("Plain page", "Identity only")
