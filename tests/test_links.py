"""Site-absolute links, permalinks, redirects and lang-refs."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from dassco_ext.testing import copy_site, html_of, main_of, warnings_of


def _targets(app, page):
    """(text, href) of every link in the paragraphs of ``page`` (not its toctree)."""
    return [(a.get_text(strip=True), a["href"]) for a in main_of(html_of(app, page)).select("p a[href]")
            if "headerlink" not in a.get("class", [])]


def _exists(app, page_path: str, href: str) -> bool:
    """Whether ``href``, followed from the file of ``page_path``, lands on a file of the build."""
    path = href.split("#")[0]
    target = Path(app.outdir, posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path)))
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


@pytest.fixture(scope="module")
def html_site(site_builder):
    return site_builder("test-links", "html")


def test_site_links_are_relative_from_any_depth(html_site):
    links = dict(_targets(html_site, "a/b/deep"))
    assert links == {
        "To data": "../../data.html",
        "To a section": "../../data.html#open-data",
        "Home": "../../index.html",
        "Old path": "../../renamed.html",
        "Page by path": "../../renamed.html",
    }
    for href in links.values():
        assert _exists(html_site, "a/b/deep.html", href), href
    assert dict(_targets(html_site, "index")) == {
        "Data": "data.html", "Renamed": "renamed.html", "Deep": "a/b/deep.html",
    }


def test_unknown_site_link_is_a_located_warning_and_text(html_site):
    found = [(w.type, w.file, w.line) for w in warnings_of(html_site)]
    assert found == [("dassco.link", "deep.md", 7)]
    assert "Nowhere" in main_of(html_of(html_site, "a/b/deep")).get_text()
    assert "/nowhere" not in str(main_of(html_of(html_site, "a/b/deep")))


def test_permalink_redirect_page(html_site):
    redirect = Path(html_site.outdir, "old", "path", "index.html")
    text = redirect.read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../renamed.html"' in text
    assert _exists(html_site, "old/path/index.html", "../../renamed.html")
    # a permalink that is the page's own path (data -> data.html) needs no redirect
    assert not Path(html_site.outdir, "data", "index.html").exists()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_site_links_in_other_html_builders(site_builder, builder):
    app = site_builder("test-links", builder)
    assert [w.type for w in warnings_of(app)] == ["dassco.link"]
    if builder == "dirhtml":
        links = dict(_targets(app, "a/b/deep"))
        assert links["To data"] == "../../../data/" and links["Home"] == "../../../"
        assert _exists(app, "a/b/deep/index.html", links["To data"])
    else:
        hrefs = dict(_targets(app, "index"))
        assert hrefs["Data"] == "#document-data"


def test_conflicting_permalinks_and_lang_refs_name_both_files(site_builder):
    app = site_builder("test-conflicts")
    found = sorted((w.level, w.type, w.file, w.line) for w in warnings_of(app))
    assert found == [
        ("ERROR", "dassco.lang_ref", "two.md", 4),
        ("ERROR", "dassco.permalink", "three.md", 3),
        ("ERROR", "dassco.permalink", "two.md", 3),
    ]
    messages = " ".join(w.message for w in warnings_of(app))
    assert "one.md and two.md" in messages and "four.md and three.md" in messages
    assert html_of(app, "one").select_one("h1") is not None  # the site still builds


def test_lang_ref_is_stored_with_docname_default(site_builder):
    app = site_builder("test-hero-keys")
    domain = app.env.domains["dassco"]
    assert domain.record("full").lang_ref == "full-hero"
    assert domain.record("data").lang_ref == "data"
    assert domain.record("plain").lang_ref == "plain"


def test_absolute_urls_under_html_baseurl(site_builder):
    app = site_builder("test-links", confoverrides={"html_baseurl": "https://example.org/site/"})
    redirect = Path(app.outdir, "old", "path", "index.html").read_text(encoding="utf-8")
    assert "url=../../renamed.html" in redirect and "example.org" not in redirect  # stays relative


def test_og_image_is_absolute_under_html_baseurl(site_builder):
    app = site_builder("test-hero-keys", confoverrides={"html_baseurl": "https://example.org/site/"})
    page = html_of(app, "full")
    meta = {m.get("property"): m["content"] for m in page.select("meta[property]")}
    assert meta["og:image"] == "https://example.org/site/_images/hero.png"
    assert meta["og:url"] == "https://example.org/site/full.html"


def test_changed_permalink_is_followed_by_the_next_build(make_app, rootdir, tmp_path):
    """The permalink table is computed once per build (not per link); a page re-read by the
    next build of the same app must still move its redirect."""
    import os

    from dassco_ext.testing import expect_warnings

    srcdir = copy_site(rootdir / "test-links", tmp_path / "test-links")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert Path(app.outdir, "old", "path", "index.html").is_file()
    page = srcdir / "renamed.md"
    page.write_text(page.read_text(encoding="utf-8").replace("permalink: old/path", "permalink: new/path"),
                    encoding="utf-8")
    later = page.stat().st_mtime + 5
    os.utime(page, (later, later))
    app.build()
    redirect = Path(app.outdir, "new", "path", "index.html")
    assert 'url=../../renamed.html"' in redirect.read_text(encoding="utf-8")
    # the first build's unknown link; then the home page, rewritten, no longer finds /old/path
    expect_warnings(app, ("dassco.link", "deep.md:7"), ("dassco.link", "index.md:6"))


def test_a_link_with_a_nul_is_a_warning_not_a_traceback(make_app, tmp_path):
    """``%00`` decodes to a NUL, which no path can hold: MyST's file check ended the build."""
    from dassco_ext.testing import expect_warnings

    (tmp_path / "conf.py").write_text('extensions = ["dassco_ext"]\nproject = "x"\n', encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "---\ntitle: T\n---\n\nSee [site](/%00), [page](a%00b) and [up](../%00).\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=tmp_path)
    app.build()
    expect_warnings(app, *[("dassco.path", "index.md:5")] * 3)
    text = main_of(html_of(app, "index")).get_text()
    assert "See site, page and up." in " ".join(text.split())
