"""News, team and partner listings, article headers and the Atom feed, as readers see them,
in English and in Danish (translated through the listed pages' own catalogs and through
per-language front-matter values), and on every builder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from dassco_ext.testing import assert_no_warnings, expect_warnings, html_of, main_of

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def en(site_builder):
    return site_builder("test-listings", "html")


@pytest.fixture(scope="module")
def da(site_builder):
    return site_builder("test-listings", "html", confoverrides={"language": "da"})


def cards(page, kind):
    return main_of(page).select(f".dassco-{kind}-card")


def image_resolves(app, page: str, img) -> bool:
    base = Path(app.outdir, page).parent
    return (base / unquote(img["src"])).resolve().is_file()


def test_builds_without_warnings(en, da):
    assert_no_warnings(en)
    assert_no_warnings(da)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", [("First light", "News", "2025-05-14", "14 May 2025", "The first images from the new line."),
                ("An older story", "Story", "2024-11-02", "2 November 2024", 'Fish & <chips> in the “collections”')]),
        ("da", [("Første lys", "Nyhed", "2025-05-14", "14. maj 2025", "De første billeder fra den nye linje."),
                ("An older story", "Historie", "2024-11-02", "2. november 2024", "Fish & <chips> in the “collections”")]),
    ],
)
def test_news_cards_newest_first_in_the_page_language(en, da, lang, expected):
    app = en if lang == "en" else da
    found = cards(html_of(app, "news"), "news")
    got = []
    for card in found:
        link = card.select_one("a.sd-stretched-link")
        time = card.select_one("time.dassco-date")
        got.append((
            link.get_text(strip=True), card.select_one(".dassco-news-date").get_text().split("·")[0].strip(),
            time["datetime"], time.get_text(strip=True), card.select_one(".dassco-news-teaser").get_text(strip=True),
        ))
        assert Path(app.outdir, link["href"]).is_file()
        image = card.select_one("img.sd-card-img-top")
        assert image_resolves(app, "news.html", image)
    assert got == expected
    # the teaser's "<chips>" is text, never markup
    assert not main_of(html_of(app, "news")).find("chips")


def test_news_card_alt_text_per_language(en, da):
    assert cards(html_of(en, "news"), "news")[0].img["alt"] == "A conveyor of herbarium sheets"
    assert cards(html_of(da, "news"), "news")[0].img["alt"] == "Et transportbånd med herbarieark"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_article_shows_type_and_date_under_its_title(en, da, lang):
    app = en if lang == "en" else da
    hero = html_of(app, "news/first-light").select_one("section.dassco-hero")
    body = hero.select_one(".dassco-hero-body")
    title = body.select_one("h1.dassco-hero-title")
    line = title.find_next_sibling()
    assert "dassco-page-dateline" in line["class"]
    assert line.select_one("span.dassco-page-type").get_text() == ("News" if lang == "en" else "Nyhed")
    assert line.select_one("time")["datetime"] == "2025-05-14"
    assert line.select_one("time").get_text() == ("14 May 2025" if lang == "en" else "14. maj 2025")
    assert not hero.select(".dassco-hero-pretitle")  # the type is in the dateline, once


@pytest.mark.parametrize(
    ("lang", "groups"),
    [
        ("en", [("Management", [("Cy Carlsen", "Director"), ("Ana Andersen", "Project manager")]),
                ("Digitisation", [("Bo Berg", "Digitiser")])]),
        ("da", [("Ledelse", [("Cy Carlsen", "Director"), ("Ana Andersen", "Projektleder")]),
                ("Digitalisering", [("Bo Berg", "Digitaliseringsmedarbejder")])]),
    ],
)
def test_team_grouped_by_category_ordered_by_order(en, da, lang, groups):
    app = en if lang == "en" else da
    main = main_of(html_of(app, "team"))
    got = []
    for heading in main.select(".dassco-team-group"):
        grid = heading.find_next_sibling("div")
        people = []
        for card in grid.select(".dassco-team-card"):
            people.append((card.select_one(".dassco-team-title").get_text(strip=True),
                           card.select_one(".dassco-team-jobtitle").get_text(strip=True)))
            mail = card.select_one(".dassco-team-email a")
            assert unquote(mail["href"]).startswith("mailto:") and unquote(mail["href"]).endswith("@example.org")
            if card.img:
                assert image_resolves(app, "team.html", card.img)
        got.append((heading.get_text(strip=True), people))
    assert got == groups


@pytest.mark.parametrize("lang", ["en", "da"])
def test_partners_ordered_with_logo_text_and_link(en, da, lang):
    app = en if lang == "en" else da
    found = cards(html_of(app, "partners"), "partners")
    names = [c.select_one(".dassco-partners-title").get_text(strip=True) for c in found]
    first = "Natural History Museum of Denmark" if lang == "en" else "Statens Naturhistoriske Museum"
    assert names == [first, "Aarhus University"]
    links = [c.select_one(".dassco-partners-link a") for c in found]
    assert [a["href"] for a in links] == ["https://snm.ku.dk", "https://au.dk"]
    assert links[0].get_text() == ("Website" if lang == "en" else "Hjemmeside")
    text = found[0].select_one(".dassco-partners-text").get_text(strip=True)
    assert text.startswith("Denmark" if lang == "en" else "Danmarks nationale")
    assert all(image_resolves(app, "partners.html", c.img) for c in found)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_person_and_partner_pages_have_a_compact_header(en, da, lang):
    app = en if lang == "en" else da
    hero = html_of(app, "team/ana").select_one("section.dassco-hero")
    assert "dassco-hero-compact" in hero["class"]
    assert hero.h1.get_text(strip=True) == "Ana Andersen"
    assert hero.select_one(".dassco-page-jobtitle").get_text() == ("Project manager" if lang == "en" else "Projektleder")
    assert image_resolves(app, "team/ana.html", hero.select_one("img.dassco-page-photo"))
    assert not hero.select(".dassco-page-category")  # kept for the listing, not shown
    partner = html_of(app, "partners/nhmd").select_one("section.dassco-hero")
    assert "dassco-hero-compact" in partner["class"]
    assert partner.select_one(".dassco-page-link a")["href"] == "https://snm.ku.dk"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_atom_feed(en, da, lang):
    app = en if lang == "en" else da
    root = ET.parse(Path(app.outdir, "news.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.find(f"{ATOM}id").text == f"https://example.org/{lang}/news.xml"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == (["First light", "An older story"] if lang == "en" else ["Første lys", "An older story"])
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"https://example.org/{lang}/news/first-light.html", f"https://example.org/{lang}/news/older-story.html"]
    assert [e.find(f"{ATOM}updated").text for e in entries] == ["2025-05-14T00:00:00Z", "2024-11-02T00:00:00Z"]
    assert entries[1].find(f"{ATOM}summary").text.startswith("Fish & <chips>")  # escaped in the XML
    assert "&lt;chips&gt;" in Path(app.outdir, "news.xml").read_text(encoding="utf-8")
    assert root.find(f"{ATOM}author/{ATOM}name").text == "DaSSCo"
    feed_link = html_of(app, "about").find("link", type="application/atom+xml")
    assert feed_link["href"] == "news.xml"


def test_feed_needs_no_other_builders(site_builder):
    app = site_builder("test-listings", "singlehtml", confoverrides={"language": "da"})
    assert_no_warnings(app)
    assert not Path(app.outdir, "news.xml").exists()


#: Per builder: the output file(s) to read, and what they must hold in Danish.
BUILDERS = {
    "html": "{news,team,partners}.html",
    "dirhtml": "{news,team,partners}/index.html",
    "singlehtml": "index.html",
    "epub": "{news,team,partners}.xhtml",
    "latex": "*.tex",
    "text": "{news,team,partners}.txt",
    "man": "*.1",
    "texinfo": "*.texi",
}


def _files(outdir: Path, pattern: str) -> list[Path]:
    if pattern.startswith("{"):
        names, rest = pattern[1:].split("}", 1)
        return [outdir / (name + rest) for name in names.split(",")]
    return sorted(outdir.glob(pattern))


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_every_builder_writes_the_listings(site_builder, builder):
    app = site_builder("test-listings", builder, confoverrides={"language": "da"})
    assert_no_warnings(app)
    pattern = BUILDERS[builder]
    text = "\n".join(p.read_text(encoding="utf-8") for p in _files(Path(app.outdir), pattern))
    assert text
    for expected in ("Første lys", "14. maj 2025", "Ledelse", "Projektleder", "Statens Naturhistoriske Museum"):
        if builder in ("latex", "texinfo", "man"):
            expected = expected.split()[-1]  # hyphenation and escapes aside
        assert expected in text, (builder, expected)
    if builder in ("html", "dirhtml", "singlehtml", "epub"):
        assert '<time class="dassco-date" datetime="2025-05-14">14. maj 2025</time>' in text


def test_listing_problems_are_located_warnings(site_builder):
    app = site_builder("test-sitekeys-bad", "html")
    found = expect_warnings(
        app,
        ("dassco.listing", "index.md:5"),
        ("dassco.listing", "index.md:8"),
        ("dassco.listing", "index.md:11"),
        ("dassco.listing", "index.md:15"),
        ("dassco.listing", "index.md:19"),
        *BAD_KEYS,
        ("dassco.baseurl", "conf.py:1"),
    )
    assert any("has no pages" in w.message for w in found)
    page = html_of(app, "index")
    # every listing that could be made lists the folder's pages
    assert len(main_of(page).select(".dassco-news-card")) == 2 * 19


#: (type, file:line) of each bad key of test-sitekeys-bad's news pages.
BAD_KEYS = (
    ("dassco.alias", "aliaslang.md:4"),
    ("dassco.alias", "badalias.md:4"),
    ("dassco.date", "baddate.md:4"),
    ("dassco.date", "wrongdate.md:4"),
    ("dassco.email", "bademail.md:4"),
    ("dassco.key_type", "badorder.md:4"),
    ("dassco.unsafe_url", "ftplink.md:4"),
    ("dassco.unsafe_url", "scriptlink.md:4"),
    ("dassco.image", "imgfake.md:4"),
    ("dassco.image", "imgmissing.md:4"),
    ("dassco.image", "imgoutside.md:4"),
    ("dassco.per_language", "nosource.md:4"),
    ("dassco.per_language", "otherlang.md:4"),
    ("dassco.image", "rawcomplex.md:7"),
    ("dassco.image", "rawmissing.md:7"),
    ("dassco.alias", "pagealias.md:4"),
    ("dassco.alias", "dupalias2.md:4"),
)


def test_a_changed_article_rewrites_the_listing_and_the_feed(tmp_path):
    from dassco_ext.testing import build_app, copy_site

    src = copy_site(Path(__file__).parent / "roots/test-listings", tmp_path / "site")

    def build():
        return build_app(src, tmp_path / "_build")

    build()
    article = src / "news/first-light.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title: First light", "title: First light, renamed"), encoding="utf-8")
    (src / "news/newest.md").write_text("---\norphan: true\ntitle: Newest\ndate: 2026-01-02\n---\n", encoding="utf-8")
    app = build()
    titles = [c.select_one(".dassco-news-title").get_text(strip=True) for c in cards(html_of(app, "news"), "news")]
    assert titles == ["Newest", "First light, renamed", "An older story"]
    assert "First light, renamed" in Path(app.outdir, "news.xml").read_text(encoding="utf-8")


def test_limit_keeps_the_newest(site_builder):
    app = site_builder("test-sitekeys-good", "html")
    assert_no_warnings(app)
    found = cards(html_of(app, "index"), "news")
    assert [c.select_one(".dassco-news-title").get_text(strip=True) for c in found] == ["Ana"]
    # the photo's file name has spaces and an upper-case extension
    team = cards(html_of(app, "index"), "team")
    assert [c.img["src"] for c in team] == ["_images/Photo%20Of%20Ana.JPG", "_images/logo.png"]
    assert all(image_resolves(app, "index.html", c.img) for c in team)


@pytest.mark.parametrize("name, content, reason", [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "vector image"),
    ("photo.jpg", b"<html><script>alert(1)</script></html>", "is not a"),
])
def test_a_front_matter_image_that_could_run_is_not_published(tmp_path, name, content, reason):
    """Front matter is data: an ``image`` is published only as a raster image named by its
    format (an SVG can carry a script; so can an HTML file named .jpg)."""
    from dassco_ext.testing import build_app, warnings_of

    src = tmp_path / "site"
    (src / "assets").mkdir(parents=True)
    (src / "assets" / name).write_bytes(content)
    (src / "conf.py").write_text('extensions = ["dassco_ext"]\nexclude_patterns = ["_build"]\n', encoding="utf-8")
    (src / "index.md").write_text(f"---\ntitle: Ana\njobTitle: Curator\nimage: assets/{name}\nimageAlt: Ana\n---\n\nText.\n",
                                  encoding="utf-8")
    app = build_app(src, tmp_path / "_build")
    (found,) = warnings_of(app)
    assert found.type == "dassco.image" and found.line == 4 and reason in found.message
    assert not list(Path(app.outdir, "_images").glob("*")) if Path(app.outdir, "_images").exists() else True
