"""The 404 page (sphinx-notfound-page) and sitemap.xml as the package writes them
(:mod:`dassco_ext.page.feed`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dassco_ext.testing import assert_no_warnings, warnings_of

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(("language", "heading"), [("en", "Page not found"), ("da", "Siden blev ikke fundet")])
def test_404_page_links_absolutely_in_its_language(site_builder, language, heading):
    app = site_builder("test-listings", "html", confoverrides={"language": language})
    page = _page(app, "404.html")
    assert page.select_one("h1").get_text(strip=True) == heading
    assert page.html["lang"] == language
    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert stylesheets and all(href.startswith(f"/{language}/_static/") for href in stylesheets)
    # from any depth of the site, each link of the page leads to the same place
    local = [a["href"] for a in page.select("a[href]") if a["href"] and not a["href"].startswith(("#", "http"))]
    assert local and all(href.startswith(f"/{language}/") for href in local)


def test_sitemap_lists_every_page_online(site_builder):
    app = site_builder("test-listings", "html")
    urls = [loc.text for loc in ET.parse(Path(app.outdir, "sitemap.xml")).getroot().iter(f"{SITEMAP}loc")]
    pages = sorted(f"https://example.org/en/{d}.html" for d in app.env.found_docs)
    assert sorted(urls) == pages


def test_sitemap_in_dirhtml(site_builder):
    app = site_builder("test-listings", "dirhtml")
    urls = {loc.text for loc in ET.parse(Path(app.outdir, "sitemap.xml")).getroot().iter(f"{SITEMAP}loc")}
    assert {"https://example.org/en/", "https://example.org/en/about/"} <= urls
    assert not any("404" in url or "search" in url or "genindex" in url for url in urls)


def test_no_address_no_sitemap_and_no_warning(site_builder):
    app = site_builder("test-hero-keys", "html")
    assert_no_warnings(app)
    assert not Path(app.outdir, "sitemap.xml").exists()
    assert Path(app.outdir, "404.html").is_file()


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_other_builders_write_neither(site_builder, builder):
    app = site_builder("test-listings", builder)
    assert [w for w in warnings_of(app) if not w.type.startswith("dassco")] == []
    assert not Path(app.outdir, "sitemap.xml").exists() and not Path(app.outdir, "404.html").exists()


def test_og_site_name_and_titles_are_escaped(tmp_path):
    """A project name and page titles with markup are text in the OpenGraph tags (the library
    escapes only quotes)."""
    from dassco_ext.testing import build_site

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('project = "Sphinx <Tests> & co"\nextensions = ["dassco_ext"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nBody.\n", encoding="utf-8")
    (src / "untitled.rst").write_text(":orphan:\n\nNo title, only *text*.\n", encoding="utf-8")
    (src / "marked.rst").write_text(":orphan:\n\n``a<b>`` & c\n============\n", encoding="utf-8")
    app = build_site(src, tmp_path / "out", "html")
    page = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:site_name" content="Sphinx &lt;Tests&gt; &amp; co" />' in page
    untitled = Path(app.outdir, "untitled.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="&lt;no title&gt;" />' in untitled
    marked = Path(app.outdir, "marked.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="a&lt;b&gt; &amp; c" />' in marked


def test_404_page_with_a_global_toctree_sidebar(tmp_path):
    """A theme's ``globaltoc.html`` asks for ``maxdepth=""`` (no limit): the 404 page renders
    its sidebar as the other pages do."""
    from dassco_ext.testing import build_site

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nhtml_theme = "basic"\nhtml_sidebars = {"**": ["globaltoc.html"]}\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   other\n", encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\nBody.\n", encoding="utf-8")
    app = build_site(src, tmp_path / "out", "html")
    sidebar = _page(app, "404.html").select_one(".sphinxsidebar")
    assert sidebar.select_one('a[href="/en/other.html"]').get_text() == "Other"


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_next_build_finds_the_configuration_unchanged(tmp_path, language):
    """The 404 page's words are the build's language without changing the configuration the
    environment keeps: the next build reads no page again. (The ``dummy`` builder: the HTML
    builders' theme, sphinx-design's static path and SphinxTestApp's theme are not ours.)"""
    from sphinx.environment import CONFIG_OK

    from dassco_ext.testing import build_app, copy_site

    srcdir = copy_site(Path(__file__).parent / "roots" / "test-listings", tmp_path / "src")
    settings = {"language": language, "html_theme": "basic"}
    build_app(srcdir, tmp_path / "out", "dummy", confoverrides=settings)
    again = build_app(srcdir, tmp_path / "out", "dummy", confoverrides=settings)
    assert again.env.config_status == CONFIG_OK
    assert "The configuration has changed" not in again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
