"""One command builds every language; pages link to each other across languages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from dassco_ext.cli import build
from dassco_ext.testing import copy_site

ROOT = Path(__file__).parent / "roots" / "test-i18n"
PAGES = ("index", "about")


def site(tmp_path: Path) -> Path:
    return copy_site(ROOT, tmp_path / "src")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_language_with_switcher_and_hreflang(tmp_path, capsys):
    srcdir, out = site(tmp_path), tmp_path / "_build"
    assert build.main([str(srcdir), str(out), "--sphinxopts", "-W --keep-going"]) == 0
    report = capsys.readouterr().out
    assert "dassco: da: 93% translated (14 of 15 strings, 0 fuzzy); incomplete: about" in report
    html = out / "html"
    # the site's root sends readers to the default language
    refresh = soup(html / "index.html").find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert (html / refresh.split("url=", 1)[1]).is_file()
    assert refresh.endswith("en/index.html")
    for lang in ("en", "da"):
        for page in PAGES:
            path = html / lang / f"{page}.html"
            doc = soup(path)
            assert doc.html["lang"] == lang
            links = {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}
            assert set(links) == {"en", "da", "x-default"}
            assert links["x-default"] == links["en"]
            for code, href in links.items():
                target = (path.parent / href).resolve()
                assert target == (html / ("en" if code == "x-default" else code) / f"{page}.html").resolve()
                assert target.is_file()
            switcher = doc.select_one(".dassco-language-switcher")
            assert switcher.select_one("[aria-current=page]").get_text(strip=True) == {"en": "English", "da": "Dansk"}[lang]
            (other,) = switcher.select("a")
            target = (path.parent / other["href"]).resolve()
            assert soup(target).html["lang"] == other["hreflang"] != lang
            assert target.name == f"{page}.html"


def test_absolute_alternates_under_html_baseurl(tmp_path):
    srcdir, out = site(tmp_path), tmp_path / "_build"
    options = "-W --keep-going -D html_baseurl=https://example.org/site/"
    assert build.main([str(srcdir), str(out), "--sphinxopts", options, "--languages", "da"]) == 0
    doc = soup(out / "html" / "da" / "about.html")
    links = {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}
    assert links == {
        "en": "https://example.org/site/en/about.html",
        "da": "https://example.org/site/da/about.html",
        "x-default": "https://example.org/site/en/about.html",
    }
    assert doc.find("link", rel="canonical")["href"] == "https://example.org/site/da/about.html"
    # the switcher stays relative, so it works offline, over file:// and in previews
    assert doc.select_one(".dassco-language-switcher a")["href"] == "../en/about.html"
    # LANGUAGES=da: only Danish was built
    assert not (out / "html" / "en").exists()


def test_read_the_docs_layout_one_project_per_language(tmp_path):
    """Read the Docs serves each language as its own project under /<lang>/<version>/: the
    switcher, hreflang and canonical follow dassco_online_path, the one setting of where a
    page is online."""
    from dassco_ext.testing import build_site

    for lang in ("en", "da"):  # each language its own build, as each project is
        app = build_site(ROOT, tmp_path / lang, "html", confoverrides={
            "language": lang,
            "html_baseurl": "https://dassco.readthedocs.io/",
            "dassco_online_path": "{language}/latest/{page}",
        })
        page = soup(Path(app.outdir) / "about.html")
        links = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
        assert links == {
            "en": "https://dassco.readthedocs.io/en/latest/about.html",
            "da": "https://dassco.readthedocs.io/da/latest/about.html",
            "x-default": "https://dassco.readthedocs.io/en/latest/about.html",
        }
        assert page.find("link", rel="canonical")["href"] == f"https://dassco.readthedocs.io/{lang}/latest/about.html"
        other = "da" if lang == "en" else "en"
        # from /<lang>/latest/about.html to /<other>/latest/about.html
        assert page.select_one(".dassco-language-switcher a")["href"] == f"../../{other}/latest/about.html"


def test_bad_catalog_fails_its_language_only(tmp_path, capsys):
    srcdir, out = site(tmp_path), tmp_path / "_build"
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "about.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Om"', 'msgstr "Om'), encoding="utf-8")
    assert build.main([str(srcdir), str(out), "--sphinxopts", "-W --keep-going"]) == 1
    captured = capsys.readouterr()
    line = po.read_text(encoding="utf-8").splitlines().index('msgstr "Om') + 1
    assert f"about.po:{line}: WARNING: msgfmt: end-of-line within string: the catalog is not used" in captured.out
    assert "[dassco.po_syntax]" in captured.out
    assert "build failed for: da" in captured.err
    assert (out / "html" / "en" / "about.html").is_file()  # English built regardless
    assert "Traceback" not in captured.out + captured.err
