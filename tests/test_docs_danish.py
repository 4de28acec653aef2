"""The real site's Danish edition: complete, and without English on the About page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dassco_ext.i18n.coverage import catalog_completeness
from dassco_ext.testing import assert_no_warnings, copy_project, html_of, main_of

REPO = Path(__file__).parent.parent
CATALOGS = sorted((REPO / "locale" / "da" / "LC_MESSAGES").glob("*.po"))
#: What may stay as it is in Danish: proper names, numbers, the other language's own name,
#: and the source's placeholder "bla bla" (the same in Danish: a translation adds nothing).
ALLOWED = {"DaSSCo", "DiSSCo", "bla bla"}
#: Words that are English and never Danish: any of them on the Danish page is a leak.
ENGLISH_WORDS = {
    "the", "and", "of", "is", "are", "we", "our", "with", "this", "you", "would", "here",
    "Search", "Skip", "Back", "Image", "credit", "Language", "Light", "Dark", "System",
    "Settings", "About", "Who", "What", "Why", "Call", "action", "Other", "None",
}


@pytest.mark.parametrize("po", CATALOGS, ids=[p.stem for p in CATALOGS])
def test_every_docs_page_fully_translated(po):
    counts = catalog_completeness(po)
    assert counts.total > 0
    assert (counts.translated, counts.fuzzy, counts.untranslated) == (counts.total, 0, 0)


def test_catalogs_exist_for_every_page():
    pages = {p.stem for p in (REPO / "docs").glob("*.md")}
    assert {p.stem for p in CATALOGS} == pages


@pytest.fixture
def docs_copy(tmp_path) -> Path:
    return copy_project(REPO, tmp_path)


def test_danish_about_page_has_no_english(make_app, docs_copy):
    app = make_app("html", srcdir=docs_copy, confoverrides={"language": "da"})
    app.build()
    assert_no_warnings(app)
    page = html_of(app, "about")
    assert page.html["lang"] == "da"
    # the package ships the whole interface in Danish: nothing outside the content is English
    # (but the switcher's "English", which is the language's own name)
    content = main_of(page)
    english = [" ".join(e.get_text(" ").split()) for e in page.body.select('[lang="en"]')
               if content not in e.parents and not e.find_parent(class_="dassco-language-switcher")]
    assert english == []
    assert page.select_one('.dassco-language-switcher a[lang="en"]').get_text(strip=True) == "English"
    for tag in page(["script", "style"]):
        tag.decompose()
    words = set(re.findall(r"[^\W\d_]+", page.get_text(" ")))
    for element in page.find_all(True):
        for attribute in ("alt", "title", "aria-label", "placeholder"):
            words |= set(re.findall(r"[^\W\d_]+", element.get(attribute, "")))
    text = " ".join(page.get_text(" ").split()).replace("\u2019", "'")
    with open(REPO / "locale" / "da" / "LC_MESSAGES" / "about.po", "rb") as handle:
        sources = [str(m.id).replace("\u2019", "'") for m in read_po(handle) if m.id and m.id not in ALLOWED]
    leaked_sentences = [s for s in sources if s in text and s != "Data"]
    assert not leaked_sentences
    # no English function words or interface words anywhere, visible text or attributes
    leaked = words & ENGLISH_WORDS
    assert not leaked, sorted(leaked)
    assert "1,5 milliarder" in page.get_text() and "50 millioner kroner" in page.get_text()


def test_site_builds_in_every_language_without_warnings(docs_copy, capsys):
    from dassco_ext.cli import build

    out = docs_copy.parent / "_build"
    assert build.main([str(docs_copy), str(out), "--sphinxopts", "-W --keep-going"]) == 0
    captured = capsys.readouterr()
    assert "WARNING" not in captured.out + captured.err
    assert "da: 100% translated" in captured.out and "0 fuzzy" in captured.out
    for lang in ("en", "da"):
        for page in ("index", "about", "data", "digitisation"):
            assert (out / "html" / lang / f"{page}.html").is_file()
