"""Adding a language, as the README's worked example does: German before any translation
(issue 17). The site builds (``-W``), its German pages say ``<html lang="de">`` but mark
every text of their content English, and no page in any language claims ``hreflang="de"``.
The templates' words without a German translation are marked English too, wherever markup
may go, and left as they are where it may not (``tests/roots/test-interface-words``).
"""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from dassco_ext.cli import build
from dassco_ext.i18n.interface import CLOSE, OPEN
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


# --- the interface's words: marked English where they have no German translation ----------------

WORDS = Path(__file__).parent / "roots" / "test-interface-words"
#: Files whose text a sentinel could land in.
TEXT_SUFFIXES = {".html", ".xhtml", ".js", ".json", ".css", ".txt", ".xml", ".opf", ".ncx"}
ESCAPED_SENTINEL = re.compile(r"\\u[fF][dD][dD][01]|%[eE][fF]%[bB]7%9[01]")


def interface_messages() -> set[str]:
    """Every message the HTML templates say through gettext: Sphinx's basic theme's,
    pydata-sphinx-theme's and the package's."""
    import pydata_sphinx_theme
    import sphinx
    from jinja2 import Environment

    import dassco_ext

    extractor = Environment(extensions=["jinja2.ext.i18n"])
    folders = (Path(sphinx.__file__).parent / "themes" / "basic",
               Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme",
               Path(dassco_ext.__file__).parent / "templates")
    found: set[str] = set()
    for folder in folders:
        for template in folder.rglob("*.html"):
            for _line, _function, message in extractor.extract_translations(template.read_text(encoding="utf-8")):
                found |= {m for m in (message if isinstance(message, tuple) else (message,)) if isinstance(m, str)}
    return found


def german_interface() -> dict[str, str]:
    """The German catalogs of the interface words the build uses (Sphinx's and the theme's)."""
    import pydata_sphinx_theme
    import sphinx

    words: dict[str, str] = {}
    for package in (sphinx, pydata_sphinx_theme):
        with open(Path(package.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "sphinx.mo", "rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, value in catalog.items():
            if value and (key if isinstance(key, str) else key[0]):
                words.setdefault(key if isinstance(key, str) else key[0], value)
    return words


def message_texts(messages: set[str]) -> set[str]:
    """What a reader sees of each message: its texts between placeholders and tags."""
    pieces = set()
    for message in messages:
        for piece in re.split(r"%\(\w+\)s|<[^>]*>|&#?\w+;", message):
            if re.search(r"[^\W\d_]", piece):
                pieces.add(" ".join(piece.split()))
    return pieces


def visible_texts(doc) -> list:
    """Every text node of the page body a reader sees, outside the page's content."""
    body = BeautifulSoup(str(doc.body), "html.parser")
    main_of(body).decompose()
    return [t for t in body.find_all(string=True)
            if not isinstance(t, Comment) and t.strip() and not t.find_parent(["script", "style", "template"])]


def test_untranslated_interface_words_are_marked_english(html):
    german = german_interface()
    untranslated = message_texts({m for m in interface_messages() if m not in german})
    translated = message_texts(set(german.values())) - untranslated
    content = {" ".join(t.split()) for page in PAGES for t in main_of(soup(html / "de" / f"{page}.html")).find_all(string=True)}
    marked = set()
    for page in (*PAGES, "search", "genindex"):
        doc = soup(html / "de" / f"{page}.html")
        for text in visible_texts(doc):
            words = " ".join(text.split())
            if words in untranslated:
                assert language_of(text) == "en", (page, words)
                marked.add(words)
        main = main_of(doc)
        for element in doc.body.select('[lang="en"]'):
            if element.find_parent(class_="dassco-language-switcher") or main in element.parents:
                continue  # a language's name, or the page's content (marked by i18n.fallback)
            words = " ".join(element.get_text(" ").split())
            assert words in untranslated | content and words not in translated, (page, words)
    assert {"Collapse Sidebar", "Expand Sidebar"} <= marked  # pydata-sphinx-theme has no German for them


def assert_no_sentinel(outdir: Path) -> int:
    """No sentinel, nor its JSON escape, in any text file written; returns how many were read."""
    checked = 0
    for path in outdir.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert OPEN not in text and CLOSE not in text and not ESCAPED_SENTINEL.search(text), path
            checked += 1
    return checked


def test_no_sentinel_in_any_output(html):
    assert assert_no_sentinel(html) > 20  # html, js, json of every language


def test_attribute_values_are_never_marked(html):
    for lang in ("en", "da", "de"):
        for path in (html / lang).rglob("*.html"):
            for element in soup(path).find_all(True):
                for name, value in element.attrs.items():
                    assert "<" not in " ".join(value) if isinstance(value, list) else "<" not in value, (path, name, value)


def built_words(tmp_path, builder: str, **kwargs):
    from dassco_ext.testing import assert_no_warnings, build_site

    app = build_site(WORDS, tmp_path, builder, **kwargs)
    assert_no_warnings(app)
    return app


@pytest.mark.parametrize(("builder", "page"), [
    ("html", "index.html"), ("dirhtml", "index.html"), ("singlehtml", "index.html"), ("epub", "index.xhtml"),
])
def test_every_place_a_template_puts_an_untranslated_word(tmp_path, builder, page):
    app = built_words(tmp_path, builder)
    doc = soup(Path(app.outdir, page))
    if builder != "epub":  # an EPUB's language is in its content.opf
        assert doc.html["lang"] == "de"

    def marked(selector: str) -> list[str]:
        return [" ".join(e.get_text(" ").split()) for e in doc.select(f'{selector} [lang="en"]')]

    assert marked("#plain") == ["Untranslated plain"]
    assert marked("#same") == [] and doc.select_one("#same").get_text() == "Same word"  # translated, the same
    assert marked("#translated") == [] and doc.select_one("#translated").get_text() == "Suche"
    # a German message holding an untranslated one; an untranslated one holding another
    assert doc.select_one("#outer").get_text() == "Äußeres Untranslated inner"
    assert marked("#outer") == ["Untranslated inner"]
    assert marked("#nested") == ["Untranslated outer Untranslated nested"]
    # %-formatting with HTML placeholders, HTML in the message: one span around it all
    assert marked("#link") == ["See Untranslated link now"] and doc.select_one('#link [lang="en"] > a')
    assert marked("#html") == ["Made with Tools 1.0."] and doc.select_one('#html [lang="en"] > a')
    assert marked("#plural") == ["3 untranslated things"]
    assert marked("#plural-translated") == [] and doc.select_one("#plural-translated").get_text() == "3 übersetzte Dinge"
    # a block inside a message: each text marked on its own, nothing nested where it cannot be
    blocks = doc.select_one("#blocks")
    assert all(language_of(t) == "en" for t in blocks.find_all(string=True) if t.strip())
    assert not blocks.select("span div")
    # where markup cannot go, the words stay as they are
    field = doc.select_one("#input")
    assert (field["placeholder"], field["aria-label"], field["title"]) == (
        "Untranslated placeholder…", "Untranslated label", "Untranslated title")
    for selector, words in (("#textarea", "Untranslated textarea"), ("#select option", "Untranslated option"),
                            ("#svg title", "Untranslated svg"), ("head title", "Untranslated page title")):
        element = doc.select_one(selector)
        assert element.get_text() == words and not element.find(True), selector
    assert doc.select_one('meta[name="dassco-test"]')["content"] == "Untranslated meta"
    script = next(s.get_text() for s in doc.find_all("script") if "dasscoWords" in s.get_text())
    assert script == 'const dasscoWords = "Untranslated script"; const dasscoRaw = "Untranslated raw";'
    assert any(s.get_text() == "/* Untranslated style */" for s in doc.find_all("style"))
    assert " Untranslated comment " in doc.find_all(string=lambda s: isinstance(s, Comment))
    assert assert_no_sentinel(Path(app.outdir))
    # nothing of it is left on the builder's templates after the build
    from jinja2 import Template

    environment = app.builder.templates.environment
    assert environment.template_class is Template
    assert "InterfaceGettext" not in repr(environment.globals["gettext"])


def test_the_source_language_marks_nothing(tmp_path):
    app = built_words(tmp_path, "html", confoverrides={"language": "en"})
    doc = soup(Path(app.outdir, "index.html"))
    assert doc.select_one("#plain").get_text() == "Untranslated plain"
    assert not doc.select("#words [lang]")


def test_the_themes_header_dropdown_word_is_marked_english(tmp_path):
    """pydata-sphinx-theme translates its header dropdown's text ("More") in Python, and has no
    German for it: it is marked English too; in Danish (translated) it is not marked."""
    from dassco_ext.testing import assert_no_warnings, build_site

    src = tmp_path / "test-german"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", "*.mo"))
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhtml_theme_options = {"header_links_before_dropdown": 1}\n',
                    encoding="utf-8")
    for name in ("more", "most"):  # three links and a cut-off of one: a dropdown of two
        (src / f"{name}.md").write_text(f"# {name.title()} pages\n\nText.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\nabout\n", "\nabout\nmore\nmost\n"), encoding="utf-8")
    for language, mark in (("de", "en"), ("da", None)):
        app = build_site(src, tmp_path / language, "html", confoverrides={"language": language})
        assert_no_warnings(app)
        doc = soup(Path(app.outdir) / "about.html")
        button = doc.select_one(".navbar-header-items .dropdown button, .bd-navbar-elements .dropdown button")
        assert button is not None, "the theme shows no dropdown"
        label = next(t for t in button.find_all(string=True) if t.strip())
        assert (language_of(label) == "en") == (mark == "en"), (language, str(button))
        assert_no_sentinel(Path(app.outdir))
