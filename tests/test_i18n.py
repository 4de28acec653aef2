"""Translations end to end: extraction, the Danish edition, fallback, rebuilds."""

from __future__ import annotations

import gettext
import os
import shutil
import time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dassco_ext.testing import assert_no_warnings, expect_warnings, html_of

ROOT = Path(__file__).parent / "roots" / "test-i18n"
DANISH = {"language": "da"}


def pot_entries(app, domain: str) -> dict[tuple[str | None, str], object]:
    with open(Path(app.outdir, f"{domain}.pot"), "rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): m for m in catalog if m.id}


def copy_root(tmp_path: Path, name: str = "src") -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build", "*.mo"))
    return target


@pytest.mark.sphinx("gettext", testroot="i18n", srcdir="i18n-gettext")
def test_pot_has_front_matter(app):
    """Sphinx's own gettext builder extracts the hero's texts as any other message."""
    app.build()
    assert_no_warnings(app)
    entries = pot_entries(app, "index")
    assert not [context for context, _msgid in entries if context]
    for msgid in [
        "Home", "DaSSCo", "Digital natural history for everyone.", "Herbarium sheets",
        "Photo: [NHMD](https://snm.ku.dk), *CC BY*",  # the Markdown, links intact
        "About", "DiSSCo",
        # button labels from attribute lists are part of their paragraph's msgid
        "[Read more](/about){: .button .is-primary} [Data](/about){: .button}",
    ]:
        assert (None, msgid) in entries, msgid
    # "Home" the title and "Home" the paragraph are one entry (one translation), at both lines
    assert [line for _path, line in entries[(None, "Home")].locations if line < 3] == [2]
    assert len(entries[(None, "Home")].locations) == 2
    # every front-matter entry points at its line in the source
    assert entries[(None, "DiSSCo")].locations[0][1] > 1
    assert (None, "About") in pot_entries(app, "about")


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-da", confoverrides=DANISH)
def test_danish_hero_buttons_and_title(app):
    app.build()
    assert_no_warnings(app)
    page = html_of(app, "index")
    assert page.html["lang"] == "da"
    hero = page.select_one("section.dassco-hero")
    assert hero.select_one("h1.dassco-hero-title").get_text(strip=True) == "Forside"
    assert page.title.get_text().startswith("Forside")
    assert hero.select_one(".dassco-hero-pretitle").get_text(strip=True) == "DaSSCo"
    assert hero.select_one(".dassco-hero-description").get_text(strip=True) == "Digital naturhistorie for alle."
    assert hero.select_one("img.dassco-hero-image")["alt"] == "Herbarieark"
    # what link previews and search engines read is Danish too
    assert page.find("meta", attrs={"name": "description"})["content"] == "Digital naturhistorie for alle."
    assert page.find("meta", property="og:title")["content"] == "Forside"
    # the hero's buttons: Danish labels, same targets and styles
    actions = hero.select(".dassco-hero-actions a")
    assert [a.get_text(strip=True) for a in actions] == ["Om os", "DiSSCo"]
    assert actions[0]["href"] == "about.html" and "sd-btn-primary" in actions[0]["class"]
    assert actions[1]["href"] == "https://www.dissco.eu"
    # the credit keeps its Markdown: link and emphasis, with the extension's Danish label
    credit = hero.select_one(".dassco-hero-credit")
    link = credit.select_one(".dassco-hero-credit-text a")
    assert (link["href"], link.get_text()) == ("https://snm.ku.dk", "NHMD")
    assert credit.select_one(".dassco-hero-credit-text em").get_text() == "CC BY"
    assert "Foto:" in credit.get_text() and "Billedkredit" in credit.get_text()
    assert credit.select_one("button")["aria-label"] == "Billedkredit"
    # buttons from attribute lists in a translated paragraph keep target and style
    buttons = [b for b in page.select("article a.sd-btn") if not b.find_parent(class_="dassco-hero")]
    assert [(b.get_text(strip=True), b["href"]) for b in buttons] == [("Læs mere", "about.html"), ("Data", "about.html")]
    assert "sd-btn-primary" in buttons[0]["class"] and "sd-btn-outline-primary" in buttons[1]["class"]
    assert "{:" not in page.get_text()
    # the same English text, as title and as paragraph, has one translation
    assert "Forside" in [p.get_text(strip=True) for p in page.select("article p")]
    # the navbar and <title> of the other page show its Danish title
    assert "Om" in [a.get_text(strip=True) for a in page.select(".navbar-nav a")]
    assert html_of(app, "about").title.get_text().startswith("Om")
    # theme strings and the switcher are Danish too
    assert page.select_one(".dassco-language-switcher")["aria-label"] == "Sprog"
    assert "Gå til hovedindholdet" in page.get_text()


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-da-fallback", confoverrides=DANISH)
def test_untranslated_strings_fall_back_to_english(app):
    app.build()
    assert_no_warnings(app)
    texts = [p.get_text(strip=True) for p in html_of(app, "about").select("article p")]
    assert "DaSSCo digitaliserer naturhistoriske samlinger." in texts
    assert "This sentence has no translation yet." in texts
    status = app.status.getvalue()
    assert "dassco: da: 93% translated (14 of 15 strings, 0 fuzzy); incomplete: about" in status


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-en")
def test_english_build_is_untouched(app):
    app.build()
    assert_no_warnings(app)
    page = html_of(app, "index")
    assert page.html["lang"] == "en"
    assert page.select_one("h1.dassco-hero-title").get_text(strip=True) == "Home"
    assert page.select_one(".dassco-hero-credit button")["aria-label"] == "Image credit"


def test_po_syntax_error_is_one_located_warning(make_app, tmp_path):
    srcdir = copy_root(tmp_path)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "about.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    broken_line = lines.index('msgid "DiSSCo unites European collections."') + 1
    lines[broken_line - 1] = 'msgid "DiSSCo unites European collections.'  # unterminated string
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    found = expect_warnings(app, ("dassco.po_syntax", f"about.po:{broken_line}"))
    assert found[0].message.startswith("msgfmt: end-of-line within string: the catalog is not used")
    # the page falls back to English; the other catalogs still work
    assert "DiSSCo unites European collections." in html_of(app, "about").get_text()
    assert html_of(app, "index").select_one("h1.dassco-hero-title").get_text(strip=True) == "Forside"
    # the next build says it again: a broken catalog is never silently skipped
    app.cleanup()
    again = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    again.build()
    expect_warnings(again, ("dassco.po_syntax", f"about.po:{broken_line}"))


def test_editing_one_entry_rereads_only_its_page(make_app, tmp_path):
    srcdir = copy_root(tmp_path)
    first = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    first.build()
    assert_no_warnings(first)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "about.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Vores arbejde", "Det vi laver"), encoding="utf-8")
    later = time.time() + 5
    os.utime(po, (later, later))
    first.cleanup()  # a second app in one test: docutils' node registry starts clean
    gettext._translations.clear()  # as a new sphinx-build process would: no cached catalogs

    second = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    reread: list[str] = []
    second.connect("env-before-read-docs", lambda app, env, docnames: reread.extend(docnames))
    second.build()
    assert_no_warnings(second)
    assert reread == ["about"]
    assert "Det vi laver" in [h.get_text(strip=True).rstrip("#") for h in html_of(second, "about").select("h2")]


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex", "epub", "man", "texinfo"])
def test_every_builder_shows_the_danish_hero(make_app, tmp_path, builder):
    overrides = {**DANISH, "version": "1", "copyright": "DaSSCo"}  # EPUB insists on both
    app = make_app(builder, srcdir=copy_root(tmp_path), confoverrides=overrides)
    app.build()
    assert_no_warnings(app)
    output = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and "_sources" not in p.parts and p.suffix in (".html", ".xhtml", ".txt", ".tex", ".1", ".texi")
    )
    for danish in ("Digital naturhistorie for alle.", "Om os", "Foto:", "NHMD", "Læs mere", "Forside"):
        assert danish in output, danish
    for english in ("Digital natural history for everyone.", "Read more", "Photo:"):
        assert english not in output, english


def test_translations_cannot_inject_markup(make_app, tmp_path):
    srcdir = copy_root(tmp_path)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "index.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Forside"', 'msgstr "Forside<script>alert(1)</script>"')
    text = text.replace('msgstr "Herbarieark"', 'msgstr "Herbarieark\\" onerror=\\"alert(1)"')
    text = text.replace(
        'msgstr "Foto: [NHMD](https://snm.ku.dk), *CC BY*"',
        'msgstr "Foto: [NHMD](https://snm.ku.dk), *CC BY* <img src=x onerror=alert(1)>"',
    )
    po.write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    # the title and alt are plain text, so nothing to report; the credit is Markdown: the HTML it
    # adds is reported at the .po entry's line, and the source's credit is shown (issue 12); the
    # paragraph that shares the title's entry is Markdown too: the source text is shown
    lines = text.splitlines()
    home, credit = (f"index.po:{lines.index(msgid) + 1}" for msgid in ('msgid "Home"', 'msgid "Photo: [NHMD](https://snm.ku.dk), *CC BY*"'))
    expect_warnings(app, ("dassco.translation_markup", home), ("dassco.translation_markup", credit))
    page = html_of(app, "index")
    assert not page.select("article script, article img[onerror], img[src=x]")
    assert page.select_one("h1.dassco-hero-title").get_text() == "Forside<script>alert(1)</script>"
    assert "Home" in [p.get_text(strip=True) for p in page.select("article p")]
    assert page.select_one("img.dassco-hero-image")["alt"] == 'Herbarieark" onerror="alert(1)'
    credit = page.select_one(".dassco-hero-credit-text")
    assert "Photo: NHMD, CC BY" in credit.get_text() and "onerror" not in credit.get_text()
    assert credit.select_one("a")["href"] == "https://snm.ku.dk"


def _po(entries: str) -> str:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            + entries)


def test_a_catalog_msgfmt_check_refuses_is_not_used(tmp_path):
    """``msgfmt --check`` finds what Babel would guess its way past (a duplicate msgid, a
    format string whose placeholders differ, a plural formula): such a catalog is one warning at
    msgfmt's line, and none of it is used."""
    from dassco_ext.i18n.catalogs import check_catalog

    cases = {
        "good": 'msgid "a"\nmsgstr "b"\n\nmsgid "x\\n"\nmsgstr "y\\n"\n',
        "unterminated": 'msgid "a"\nmsgstr "b\n',
        "newline": 'msgid "a\\n"\nmsgstr "b"\n',
        "pluralnewline": 'msgid "pear"\nmsgid_plural "pears\\n"\nmsgstr[0] "pære"\nmsgstr[1] "pærer"\n',
        "duplicate": 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n\nmsgid "a"\nmsgstr "e"\n',
        "format": 'msgid "c"\nmsgstr "d"\n\n#, python-format\nmsgid "%(n)s items"\nmsgstr "%(m)s ting"\n',
        "fuzzy": '#, fuzzy\nmsgid "a"\nmsgstr "b"\n',
    }
    found = {}
    for name, entries in cases.items():
        path = tmp_path / f"{name}.po"
        path.write_text(_po(entries), encoding="utf-8")
        found[name] = check_catalog(path)
    assert {name for name, r in found.items() if any(w[0].value == "po_syntax" for w in r.warnings)} == {
        "unterminated", "newline", "pluralnewline", "duplicate", "format"}
    assert found["good"].translations == {"a": "b", "x\n": "y\n"} and not found["good"].compile
    for name, line, said in (("duplicate", 12, "duplicate message definition"),
                             ("format", 11, "a format specification for argument 'm'")):
        ((kind, at_line, message),) = found[name].warnings
        assert (kind.value, at_line) == ("po_syntax", line) and message.startswith(f"msgfmt: {said}")
        assert found[name].translations == {} and found[name].entries == {}
    bad_plural = tmp_path / "plural.po"
    bad_plural.write_text(_po("").replace("plural=(n != 1)", "plural=__import__(os)"), encoding="utf-8")
    ((_kind, line, message),) = check_catalog(bad_plural).warnings
    assert (line, message.split(":")[:2]) == (2, ["msgfmt", " invalid plural expression"])
    # a fuzzy translation is read (and judged, if gettext_allow_fuzzy_translations compiles it)
    # but does not count as translated
    assert found["fuzzy"].translations == {"a": "b"} and not found["fuzzy"].translated("a")


def test_a_newline_msgfmt_rejects_is_one_located_warning(make_app, tmp_path):
    """A catalog only msgfmt rejects (Babel reads it) gets its warning at msgfmt's line."""
    srcdir = copy_root(tmp_path)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "about.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Vores arbejde"', 'msgstr "Vores arbejde\\n"'), encoding="utf-8")
    line = text.splitlines().index('msgstr "Vores arbejde"') + 1  # msgfmt names the translation's line
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    found = expect_warnings(app, ("dassco.po_syntax", f"about.po:{line}"))
    assert "end with" in found[0].message
    assert html_of(app, "index").select_one("h1.dassco-hero-title").get_text(strip=True) == "Forside"
