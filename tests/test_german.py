"""Adding a language, as the README's worked example does: German before any translation
(issue 17). The site builds (``-W``), its German pages say ``<html lang="de">`` but mark
every text of their content English, and no page in any language claims ``hreflang="de"``.
``dassco intl check`` names every interface word German has no translation of.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dassco_ext.cli import build
from dassco_ext.testing import main_of

ROOT = Path(__file__).parent / "roots" / "test-german"
PAGES = ("index", "about")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("german")
    srcdir = tmp / "src"
    shutil.copytree(ROOT, srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    assert build.main([str(srcdir), str(tmp / "_build"), "--sphinxopts", "-W --keep-going"]) == 0
    return tmp / "_build" / "html"


def language_of(text) -> str:
    parent = text.parent
    while parent is not None and not parent.has_attr("lang"):
        parent = parent.parent
    return parent["lang"] if parent is not None else ""


@pytest.mark.parametrize("page", PAGES)
def test_german_pages_are_marked_english(html, page):
    doc = soup(html / "de" / f"{page}.html")
    assert doc.html["lang"] == "de"
    texts = [t for t in main_of(doc).find_all(string=True) if t.strip() and t.strip() != "#"]
    assert texts
    assert {str(t).strip(): language_of(t) for t in texts if language_of(t) != "en"} == {}
    assert not doc.select(".dassco-source-newer")  # never translated: not "newer in English"


@pytest.mark.parametrize("lang", ["en", "da", "de"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_claims_german(html, lang, page):
    doc = soup(html / lang / f"{page}.html")
    alternates = {link["hreflang"] for link in doc.find_all("link", rel="alternate")}
    assert alternates == {"en", "da", "x-default"}
    assert not doc.select('[hreflang="de"]')
    switcher = doc.select_one(".dassco-language-switcher")
    german = next(e for e in switcher.select("a, .dassco-language-current") if e["lang"] == "de")
    # no German catalog of the package's words yet: the mark is English, and says so
    assert german.get_text(" ", strip=True) == "Deutsch (partly English)"
    assert german.select_one(".dassco-language-partial")["lang"] == "en"


def test_danish_is_untouched(html):
    for page in PAGES:
        doc = soup(html / "da" / f"{page}.html")
        assert not main_of(doc).select("[lang]")
        # the package's Danish interface is complete: no word of it is marked English
        assert [e for e in doc.body.select('[lang="en"]') if not e.find_parent(class_="dassco-language-switcher")] == []
        dansk = next(e for e in doc.select(".dassco-language-switcher .dassco-language-current"))
        assert dansk.get_text(strip=True) == "Dansk"


def test_the_sites_own_german_words(tmp_path):
    """README step 4: the site's ``locale/de/LC_MESSAGES/dassco.po``, started from the
    package's template, words the switcher's mark in German, in every build."""
    from dassco_ext.testing import assert_no_warnings, build_site

    src = tmp_path / "test-german"
    shutil.copytree(ROOT, src)
    german = src / "locale" / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    (german / "dassco.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "partly {language}"\nmsgstr "teilweise {language}"\n', encoding="utf-8")
    app = build_site(src, tmp_path / "en", "html")
    assert_no_warnings(app)
    doc = soup(Path(app.outdir) / "about.html")
    german_entry = next(e for e in doc.select(".dassco-language-switcher a") if e["lang"] == "de")
    assert german_entry.get_text(" ", strip=True) == "Deutsch (teilweise Englisch)"
    assert german_entry.select_one(".dassco-language-partial")["lang"] == "de"


# --- the interface's words: every one a configured language lacks is named ----------------------

def test_intl_check_names_the_interface_words_german_lacks(tmp_path):
    """Sphinx's and pydata-sphinx-theme's German leave a few template words untranslated:
    ``dassco intl check`` names each one, at the site's ``sphinx.po``; Danish (the package
    ships it) lacks none, and a German ``sphinx.po`` with them makes German complete too."""
    from dassco_ext.i18n.package_catalogs import interface_words, missing_interface_words

    def missing() -> set[str]:
        problems = missing_interface_words(tmp_path, "de")
        assert {p.path for p in problems} <= {tmp_path / "de" / "LC_MESSAGES" / "sphinx.po"}
        named = {word for word in interface_words() if any(repr(word) in p.message for p in problems)}
        assert len(named) == len(problems)
        return named

    assert {"Collapse Sidebar", "Expand Sidebar", "More"} <= missing()
    assert missing_interface_words(tmp_path, "da") == []
    german = tmp_path / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    (german / "sphinx.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                      'msgid "Collapse Sidebar"\nmsgstr "Seitenleiste einklappen"\n', encoding="utf-8")
    assert "Collapse Sidebar" not in missing() and "Expand Sidebar" in missing()


def test_intl_check_names_them(tmp_path, capsys):
    from dassco_ext.cli import intl

    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    assert intl.check(srcdir, tmp_path / "_build", intl.read_conf(srcdir)) == 1
    err = capsys.readouterr().err
    assert "de/LC_MESSAGES/sphinx.po:1: interface word 'Collapse Sidebar'" in err
    assert "da/LC_MESSAGES/sphinx.po:1: interface word" not in err


def test_the_themes_header_dropdown_word_is_translated(tmp_path):
    """The header's "More" menu: the theme's word, in the page's language; titles as text."""
    from dassco_ext.testing import assert_no_warnings, build_site

    src = tmp_path / "test-german"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", "*.mo"))
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhtml_theme_options = {"header_links_before_dropdown": 1}\n',
                    encoding="utf-8")
    for name in ("more", "most"):  # three links and a cut-off of one: a dropdown of two
        (src / f"{name}.md").write_text(f"# {name.title()} <b>pages</b>\n\nText.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\nabout\n", "\nabout\nmore\nmost\n"), encoding="utf-8")
    for language, word in (("de", "More"), ("da", "Mere"), ("en", "More")):  # the theme has no German "More"
        app = build_site(src, tmp_path / language, "html", confoverrides={"language": language})
        assert_no_warnings(app)
        doc = soup(Path(app.outdir) / "about.html")
        button = doc.select_one(".navbar-header-items .dropdown button")
        assert button is not None and button.get_text(strip=True) == word, (language, str(button))
        menu = [a.get_text(strip=True) for a in doc.select(".navbar-header-items .dropdown-menu a")]
        assert menu == ["More <b>pages</b>", "Most <b>pages</b>"]
        current = doc.select_one(".navbar-header-items li.current.active > a[aria-current=page]")
        assert current is not None and current["href"] == "#"


def test_a_header_dropdown_past_the_cut_off_shows_its_links_under_its_title():
    """A captioned toctree's dropdown beyond ``header_links_before_dropdown`` is listed in the
    "More" menu under its title; every title escaped, each dropdown with an id of its own."""
    from dassco_ext.page.theme import HeaderDropdown, HeaderLink, header_html

    about = HeaderDropdown("About <us>", (HeaderLink("team.html", "Team", current=True), HeaderLink("x.html", "X")))
    data = HeaderDropdown("Data", (HeaderLink("https://gbif.org/", "Specimens", external=True),))
    ids = iter(["a", "b", "c"])
    items = [about, HeaderLink("news.html", "News"), data, HeaderLink("r.html", "Resources")]
    doc = BeautifulSoup(header_html(items, 2, "More")(lambda _: next(ids)), "html.parser")
    top = doc.select(".navbar-nav > li")
    assert [li.button.get_text() if li.button else li.a.get_text() for li in top] == ["About <us>", "News", "More"]
    assert "current" in top[0]["class"] and top[0].button["aria-controls"] == top[0].ul["id"] == "a"
    assert [a.get_text() for a in top[0].select("a.dropdown-item")] == ["Team", "X"]
    assert top[2].ul["id"] == "b" and top[2].select_one(".dropdown-header").get_text() == "Data"
    assert top[2].select_one("a.dropdown-item.nav-external")["href"] == "https://gbif.org/"
    assert [a.get_text() for a in top[2].select("a.dropdown-item")] == ["Specimens", "Resources"]


def test_attribute_values_are_never_marked(html):
    for lang in ("en", "da", "de"):
        for path in (html / lang).rglob("*.html"):
            for element in soup(path).find_all(True):
                for name, value in element.attrs.items():
                    assert "<" not in " ".join(value) if isinstance(value, list) else "<" not in value, (path, name, value)
