"""Hostile and broken input: each case is one located ``dassco`` warning and a safe page.

One table, one row per case (the expected subtype, its line, and what the page shows
instead); the whole site still builds, and nothing executable reaches the output.
"""

from __future__ import annotations

import pytest

from dassco_ext.page.frontmatter import normalize_permalink, read_front_matter
from dassco_ext.testing import assert_nothing_executable, html_of, main_of, warnings_of

# page -> (warning type, line, what the page shows instead)
CASES = {
    "yaml": ("dassco.front_matter", 3, "no hero, title from the file name"),
    "notmapping": ("dassco.front_matter", 2, "no hero, title from the file name"),
    "listtitle": ("dassco.key_type", 2, "title from the file name"),
    "numbertitle": ("dassco.key_type", 2, "the number as text"),
    "emptytitle": ("dassco.title", 2, "title from the file name"),
    "longtitle": ("dassco.title", 2, "title cut to 200 characters"),
    "unknown": ("dassco.unknown_key", 3, "key ignored, with a suggestion"),
    "height": ("dassco.height", 3, "default height"),
    "color": ("dassco.color", 3, "default overlay"),
    "bgmissing": ("dassco.background", 3, "hero without image"),
    "bgoutside": ("dassco.background", 3, "hero without image"),
    "bgnotimage": ("dassco.background", 3, "hero without image"),
    "bgempty": ("dassco.background", 3, "hero without image"),
    "bgdir": ("dassco.background", 3, "hero without image"),
    "bgremote": ("dassco.background", 3, "hero without image"),
    "noalt": ("dassco.image_alt", 3, 'image with alt=""'),
    "heroonly": ("dassco.hero_keys", 2, "no hero"),
    "badpermalink": ("dassco.permalink", 3, "no permalink"),
    "schemepermalink": ("dassco.permalink", 3, "no permalink"),
    "height70": ("dassco.height", 3, "default height"),
    "heightneg": ("dassco.height", 3, "default height"),
    "heighturl": ("dassco.height", 3, "default height"),
    "heightexpr": ("dassco.height", 3, "default height"),
    "listdesc": ("dassco.key_type", 3, "no description"),
    "bgpasswd": ("dassco.background", 3, "hero without image"),
    "bgabsolute": ("dassco.background", 3, "hero without image"),
    "bghttp": ("dassco.background", 3, "hero without image"),
    "latin1": ("dassco.encoding", 2, "the page, read as Windows-1252"),
}
#: Rows with several messages: (type, line) of each.
MULTI_CASES = {
    "badcta": [("dassco.key_type", 6), ("dassco.unsafe_url", 7)],
    "ctaschemes": [("dassco.unsafe_url", 4), ("dassco.unsafe_url", 6)],
    "mdschemes": [("dassco.unsafe_url", 5), ("dassco.unsafe_url", 7), ("dassco.unsafe_url", 9)],
}
#: Valid input that must build without any message.
GOOD_CASES = ("heightcalc", "rtl", "emoji")


@pytest.fixture(scope="module")
def bad_site(site_builder):
    return site_builder("test-bad-frontmatter")


def test_the_site_still_builds(bad_site):
    for page in [*CASES, *MULTI_CASES, *GOOD_CASES, "index"]:
        assert main_of(html_of(bad_site, page)) is not None, page
    assert "Traceback" not in bad_site.warning.getvalue() + bad_site.status.getvalue()


@pytest.mark.parametrize("page", sorted(CASES))
def test_one_located_warning_per_bad_key(bad_site, page):
    expected_type, expected_line, _fallback = CASES[page]
    found = [w for w in warnings_of(bad_site) if w.file == f"{page}.md"]
    assert [(w.type, w.line) for w in found] == [(expected_type, expected_line)], found
    assert "Traceback" not in bad_site.warning.getvalue()


@pytest.mark.parametrize("page", sorted(MULTI_CASES))
def test_rows_with_several_messages(bad_site, page):
    found = sorted((w.type, w.line) for w in warnings_of(bad_site) if w.file == f"{page}.md")
    assert found == MULTI_CASES[page]


def test_nothing_else_warns(bad_site):
    files = {f"{page}.md" for page in [*CASES, *MULTI_CASES]}
    others = [w for w in warnings_of(bad_site) if w.file not in files]
    assert others == []
    assert all(w.type and w.type.startswith("dassco.") for w in warnings_of(bad_site))


def test_nothing_executable_in_the_output(bad_site):
    """Every written file: no ``<script`` but the theme's own, no ``javascript:``."""
    assert assert_nothing_executable(bad_site.outdir) > len(CASES)


def test_valid_unusual_input(bad_site):
    assert "--dassco-hero-height: calc(100vh - 1px)" in html_of(bad_site, "heightcalc").select_one("section.dassco-hero")["style"]
    title = html_of(bad_site, "rtl").select_one("h1.dassco-hero-title")
    assert title.get_text() == "مجموعات التاريخ الطبيعي" and title["dir"] == "auto"
    assert html_of(bad_site, "emoji").select_one("h1.dassco-hero-title").get_text() == "Samlinger 🦋🌿"
    latin = html_of(bad_site, "latin1")
    assert latin.select_one("h1.dassco-hero-title").get_text() == "Café æøå"
    assert "Latin-1 text: æøå." in main_of(latin).get_text()


@pytest.mark.parametrize("page", ["yaml", "notmapping", "listtitle", "emptytitle"])
def test_fallback_title_from_file_name(bad_site, page):
    page_html = html_of(bad_site, page)
    assert main_of(page_html).select_one("h1").get_text(strip=True).rstrip("#¶") == page.capitalize()


def test_fallbacks(bad_site):
    assert html_of(bad_site, "numbertitle").select_one("h1.dassco-hero-title").get_text() == "2024"
    long_title = html_of(bad_site, "longtitle").select_one("h1.dassco-hero-title").get_text()
    assert len(long_title) == 200 and long_title.endswith("…")
    assert html_of(bad_site, "listdesc").select_one(".dassco-hero-description") is None
    for page in ("height70", "heightneg", "heighturl", "heightexpr"):
        style = html_of(bad_site, page).select_one("section.dassco-hero")["style"]
        assert "--dassco-hero-height: 50vh;" in style and "url(" not in style and "expression" not in style
    md = main_of(html_of(bad_site, "mdschemes"))
    assert [s.get_text() for s in md.select("span")][:3] == ["Evil", "Data", "VB"] and md.find("a") is None
    assert "--dassco-hero-height: 50vh" in html_of(bad_site, "height").select_one("section.dassco-hero")["style"]
    assert "url(" not in html_of(bad_site, "color").select_one("section.dassco-hero")["style"]
    for page in ("bgmissing", "bgoutside", "bgnotimage", "bgempty", "bgdir", "bgremote"):
        hero = html_of(bad_site, page).select_one("section.dassco-hero")
        assert hero is not None and hero.select_one("img") is None, page
    assert html_of(bad_site, "noalt").select_one("img.dassco-hero-image")["alt"] == ""
    assert html_of(bad_site, "heroonly").select_one("section.dassco-hero") is None
    assert html_of(bad_site, "yaml").select_one("section.dassco-hero") is None


def test_unknown_key_suggests_the_right_one(bad_site):
    (warning,) = [w for w in warnings_of(bad_site) if w.file == "unknown.md"]
    assert "imagelicence" in warning.message and "imageLicense" in warning.message


def test_bad_cta_entries_are_reported_and_dropped(bad_site):
    actions = html_of(bad_site, "badcta").select_one(".dassco-hero-actions")
    assert [a.get_text() for a in actions.select("a")] == ["Fine"]
    assert "Evil" in actions.get_text() and "javascript:" not in str(actions)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("about", "about"), ("/about/", "about"), ("about.html", "about"), ("/", ""), ("index", ""),
     ("a/b/index.html", "a/b"), ("../etc", None), ("http://x.org/a", None), ("a:b", None),
     ("a b", None), ("a\\b", None)],
)
def test_normalize_permalink(value, expected):
    assert normalize_permalink(value) == expected


def test_key_lines_point_at_each_key(tmp_path):
    fm = read_front_matter("title: A\n\nheight: 70vh\ncta:\n  - text: x\n    href: /y\n",
                           source="p.md", docname="p", first_line=2)
    assert fm is not None
    assert (fm.line("title"), fm.line("height"), fm.cta[0].line) == (2, 4, 6)


def test_file_level_myst_settings_stay_on_their_page(site_builder):
    """A page's allowlisted MyST option (front matter ``myst:``) applies to that page only."""
    from dassco_ext.testing import assert_no_warnings, html_of, main_of

    app = site_builder("test-file-config", "html")
    assert_no_warnings(app)
    index, other = main_of(html_of(app, "index")), main_of(html_of(app, "other"))
    assert "Made by the site" in index.get_text()
    assert "Also made by the site" in other.get_text()
    # the page's own (allowlisted) MyST option applies to that page only
    assert index.find("a", href="https://www.dissco.eu").get("target") == "_blank"
    assert other.find("a", href="https://www.dissco.eu").get("target") is None
