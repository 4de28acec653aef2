"""The site tells the truth about language (issue 17).

Text a Danish page shows in English (untranslated, fuzzy, not in the catalog yet; the hero's
untranslated front matter) carries ``lang="en"``, in the HTML and in the PDF brief; a page
translated below ``dassco_hreflang_threshold`` claims no ``hreflang`` in that language in any
build, and the switcher says so; a page whose English changed since it was translated says
that too. The root ``test-partial-da`` has a fully translated page (``index``), a page
translated at 40 % with a fuzzy entry and a message its catalog lacks (``partial``), and a
page with no catalog at all (``untranslated``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString
from hypothesis import given
from hypothesis import strategies as st

from dassco_ext.cli import build
from dassco_ext.i18n.catalogs import Reading, message_key
from dassco_ext.i18n.coverage import coverage_of
from dassco_ext.testing import assert_no_warnings, build_app, build_site, main_of, warnings_of

ROOT = Path(__file__).parent / "roots" / "test-partial-da"

#: Every text of partial.md the Danish catalog does not translate (or only fuzzily).
ENGLISH = {
    "Our collections",  # preTitle, untranslated
    "Read more",  # a button of the hero, untranslated
    "Untranslated heading",
    "This sentence was edited after it was translated.",  # fuzzy: not used
    "This sentence is new and not in the catalog yet.",  # the catalog predates it
}
DANISH = {"Delvist oversat", "Denne side er kun halvt oversat.", "Oversat overskrift", "Dette afsnit er oversat."}
NOTICE = "Der findes en nyere udgave af denne side på engelsk."


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site(tmp: Path, sphinxopts: str = "") -> Path:
    srcdir = tmp / "src"
    shutil.copytree(ROOT, srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    out = tmp / "_build"
    assert build.main([str(srcdir), str(out), "--sphinxopts", f"-W --keep-going {sphinxopts}"]) == 0
    return out / "html"


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    return site(tmp_path_factory.mktemp("partial"))


def language_of(text: NavigableString) -> str:
    """The language a text is in for a screen reader: its nearest ``lang`` attribute."""
    parent = text.parent
    while parent is not None and not parent.has_attr("lang"):
        parent = parent.parent
    return parent["lang"] if parent is not None else ""


def texts_by_language(page: BeautifulSoup) -> dict[str, str]:
    found = {}
    for text in main_of(page).find_all(string=True):
        stripped = " ".join(text.split())
        if stripped and stripped != "#":
            found[stripped] = language_of(text)
    return found


def test_untranslated_text_is_marked_english(html):
    page = soup(html / "da" / "partial.html")
    assert page.html["lang"] == "da"
    languages = texts_by_language(page)
    long_paragraph = next(t for t in languages if t.startswith("Internationalisation"))
    for text in [*ENGLISH, long_paragraph]:
        assert languages[text] == "en", (text, languages[text])
    for text in [*DANISH, NOTICE]:
        assert languages[text] == "da", (text, languages[text])
    # every text of the content is one or the other: nothing English is left unmarked
    assert {t for t, lang in languages.items() if lang == "en"} == {*ENGLISH, long_paragraph}
    # block elements carry it on their own tag, titles and inline texts on a span inside
    assert page.find("p", string=long_paragraph)["lang"] == "en"
    assert page.find("p", class_="dassco-hero-pretitle")["lang"] == "en"
    heading = next(h for h in page.find_all("h2") if "Untranslated heading" in h.get_text())
    assert heading.find("span", lang="en").get_text() == "Untranslated heading"
    # the table of contents and the navigation say it too
    toc = page.select_one(".bd-toc")
    if toc is not None:
        assert toc.find("span", lang="en", string="Untranslated heading")


def test_front_matter_and_the_page_title(html):
    page = soup(html / "da" / "partial.html")
    title = page.select_one(".dassco-hero-title")
    assert title.get_text(strip=True).startswith("Delvist oversat") and language_of(title.find(string=True)) == "da"
    button = page.select_one(".dassco-hero-actions a")
    assert button.get_text(strip=True) == "Read more" and language_of(button.find(string=True)) == "en"


def test_a_page_without_catalog_is_all_english(html):
    page = soup(html / "da" / "untranslated.html")
    languages = texts_by_language(page)
    assert languages["No catalog exists for this page."] == "en"
    assert languages["Only English"] == "en"
    assert set(languages.values()) == {"en"}
    # a page with no catalog was never translated: it is not "newer in English"
    assert not page.select(".dassco-source-newer")


def test_translated_and_english_pages_carry_no_mark(html):
    assert "en" not in texts_by_language(soup(html / "da" / "index.html")).values()
    for name in ("index", "partial", "untranslated"):
        page = soup(html / "en" / f"{name}.html")
        assert page.html["lang"] == "en"
        assert not main_of(page).select("[lang]:not(html)"), name
        assert not page.select(".dassco-source-newer")


def alternates(page: BeautifulSoup) -> set[str]:
    return {link["hreflang"] for link in page.find_all("link", rel="alternate")}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_hreflang_only_for_languages_above_the_threshold(html, lang):
    """Every build agrees: the English build knows the Danish page is 40 % translated."""
    assert alternates(soup(html / lang / "index.html")) == {"en", "da", "x-default"}
    assert alternates(soup(html / lang / "partial.html")) == {"en", "x-default"}
    assert alternates(soup(html / lang / "untranslated.html")) == {"en", "x-default"}


def switcher_entry(page: BeautifulSoup, lang: str):
    switcher = page.select_one(".dassco-language-switcher")
    return next(e for e in switcher.select("a, .dassco-language-current") if e["lang"] == lang)


def test_switcher_marks_a_partial_language(html):
    entry = switcher_entry(soup(html / "en" / "partial.html"), "da")
    assert entry.get_text(" ", strip=True) == "Dansk (delvis engelsk)"
    assert not entry.has_attr("hreflang")
    assert entry.select_one(".dassco-language-partial")["lang"] == "da"
    current = switcher_entry(soup(html / "da" / "partial.html"), "da")
    assert current.get_text(" ", strip=True) == "Dansk (delvis engelsk)"
    full = switcher_entry(soup(html / "en" / "index.html"), "da")
    assert full.get_text(" ", strip=True) == "Dansk" and full["hreflang"] == "da"


def test_notice_that_the_english_is_newer(html):
    page = soup(html / "da" / "partial.html")
    (notice,) = page.select(".dassco-source-newer")
    assert NOTICE in notice.get_text(" ", strip=True)
    # at the top of the content: after the hero, before the first section's text
    hero = page.select_one("section.dassco-hero")
    assert hero is not None and hero.find_next("div", class_="dassco-source-newer") is notice
    assert notice.find_next("h2").get_text(strip=True).startswith("Oversat overskrift")
    assert not soup(html / "da" / "index.html").select(".dassco-source-newer")


def test_threshold_and_notice_settings(tmp_path):
    html = site(tmp_path, "-D dassco_hreflang_threshold=40 -D dassco_source_newer_notice=0")
    for lang in ("en", "da"):
        assert alternates(soup(html / lang / "partial.html")) == {"en", "da", "x-default"}  # 40 % >= 40
        assert alternates(soup(html / lang / "untranslated.html")) == {"en", "x-default"}
    assert switcher_entry(soup(html / "en" / "partial.html"), "da").get_text(" ", strip=True) == "Dansk"
    assert not soup(html / "da" / "partial.html").select(".dassco-source-newer")


@pytest.mark.parametrize("value", [101, -1, True])
def test_invalid_threshold_is_reported(tmp_path, value):
    app = build_site(ROOT, tmp_path, "dummy", confoverrides={"dassco_hreflang_threshold": value})
    found = [w for w in warnings_of(app) if w.type == "dassco.config"]
    assert len(found) == 1 and "dassco_hreflang_threshold" in found[0].message
    assert app.config.dassco_hreflang_threshold == 80


def test_coverage_counts():
    keys = frozenset(message_key(t) for t in ("a", "b", "c", "d")) | {message_key("About", "title")}
    known = {message_key(t): "x" for t in ("a", "b", "c", "gone")} | {message_key("About", "title"): "x"}
    catalog = Reading(
        "about.po",
        translations={k: v for k, v in known.items() if k != message_key("c")},
        entries={k: (1, frozenset({"fuzzy"} if k == "b" else ())) for k in known},
    )
    found = coverage_of(keys, catalog)
    assert (found.total, found.translated, found.fuzzy, found.missing) == (5, 2, 1, 1)
    assert found.percent == 40 and found.source_newer
    assert coverage_of(keys, None).percent == 0 and not coverage_of(keys, None).source_newer
    assert coverage_of(frozenset(), None).percent == 100  # nothing to translate
    # "About" the title and "About" a button are different messages
    assert message_key("About", "title") != message_key("About", "cta") != message_key("About")


# --- the PDF brief ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    """The Danish brief of partial.md, and the HTML WeasyPrint was given for it."""
    from dassco_ext.pdf import builder

    fed: list[str] = []
    real = builder.write_pdf

    def recording(html: str, *args, **kwargs):
        fed.append(html)
        return real(html, *args, **kwargs)

    builder.write_pdf = recording
    try:
        app = build_site(ROOT, tmp_path_factory.mktemp("brief"), "brief", confoverrides={"language": "da"})
    finally:
        builder.write_pdf = real
    assert_no_warnings(app)
    return Path(app.outdir) / "partial.pdf", fed[0]


def test_brief_html_marks_english(brief):
    _pdf, html = brief
    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "da"
    paragraph = page.find("p", string=re.compile("^Internationalisation"))
    assert paragraph["lang"] == "en"
    assert page.find("p", string="Dette afsnit er oversat.").get("lang") is None


HYPHEN = "\u2010"


def breaks_in(pdf: Path) -> list[int]:
    """Where "internationalisation" was broken across lines in the PDF (characters before the hyphen)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return [
        len(match[1]) for match in re.finditer(rf"(\w+)[{HYPHEN}-]\s*\n(\w+)", text)
        if (match[1] + match[2]).lower() == "internationalisation"
    ]


def points(language: str) -> set[int]:
    import pyphen

    return set(pyphen.Pyphen(lang=language).positions("internationalisation"))


def test_brief_hyphenates_english_by_english_rules(brief, tmp_path):
    """WeasyPrint hyphenates by ``lang``: the English paragraph of a Danish brief breaks
    "internationalisation" only where English allows (in-ter-na-tion-al-i-sa-tion), never
    where only Danish does (in-ter-na-tio-na-li-sa-tion)."""
    from dassco_ext.pdf.builder import write_pdf

    pdf, html = brief
    english, danish = points("en_US"), points("da_DK")
    assert danish - english  # the two languages differ on this word
    found = breaks_in(pdf)
    assert found, "no hyphenation in the long English paragraph"
    assert set(found) <= english and not set(found) & (danish - english), found
    # without the mark, the same page is hyphenated the Danish way: the test can fail
    unmarked = tmp_path / "unmarked.pdf"
    write_pdf(html.replace(' lang="en"', ""), unmarked, ROOT, ("partial", None))
    assert set(breaks_in(unmarked)) & (danish - english)


def test_other_languages_follow_a_catalog_edit(tmp_path):
    """The English page's hreflang depends on the Danish catalog: translating the rest of
    partial.po and building again rewrites the English page too (and only what changed)."""
    html = site(tmp_path)
    assert alternates(soup(html / "en" / "partial.html")) == {"en", "x-default"}
    untouched = (html / "en" / "untranslated.html").stat().st_mtime_ns
    po = tmp_path / "src" / "locale" / "da" / "LC_MESSAGES" / "partial.po"
    text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "")
    text = text.replace('msgid "Our collections"\nmsgstr ""', 'msgid "Our collections"\nmsgstr "Vores samlinger"')
    text = text.replace('msgid "Read more"\nmsgstr ""', 'msgid "Read more"\nmsgstr "Læs mere"')
    text = text.replace('msgid "Untranslated heading"\nmsgstr ""', 'msgid "Untranslated heading"\nmsgstr "Oversat nu"')
    po.write_text(text, encoding="utf-8")  # 8 of 10 translated: 80 %
    assert build.main([str(tmp_path / "src"), str(tmp_path / "_build"), "--sphinxopts", "-W --keep-going"]) == 0
    for lang in ("en", "da"):
        assert alternates(soup(html / lang / "partial.html")) == {"en", "da", "x-default"}
    assert switcher_entry(soup(html / "en" / "partial.html"), "da").get_text(" ", strip=True) == "Dansk"
    assert (html / "en" / "untranslated.html").stat().st_mtime_ns == untouched


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [("text", "partial.txt"), ("man", "*.1"), ("texinfo", "*.texi"), ("latex", "*.tex"),
     ("singlehtml", "index.html"), ("epub", "partial.xhtml"), ("dirhtml", "partial/index.html")],
)
def test_every_builder_in_danish(tmp_path, builder, pattern):
    """The marks and the note are plain docutils nodes and classes: every builder writes
    them (HTML ones as lang=, the others ignore the class)."""
    overrides = {"language": "da", "copyright": "DaSSCo", "version": "1"}  # (EPUB wants the last two)
    app = build_site(ROOT, tmp_path, builder, confoverrides=overrides)
    assert_no_warnings(app)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(app.outdir).rglob(pattern)))
    assert "Dette afsnit er oversat." in text and "This sentence is new and not in the catalog yet." in text
    assert "nyere udgave" in text
    if builder in ("singlehtml", "epub", "dirhtml"):
        assert '<p lang="en">This sentence is new and not in the catalog yet.</p>' in text
    else:  # LaTeX: a role its preamble defines as the text itself (\DUrole)
        assert "language-en" not in text.replace(r"\DUrole{language-en}", "")


# --- any page: every text is in the language it is said to be in ------------------------------

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

#: ``kind -> (Markdown of block i, its msgid, its Danish msgstr)``.
KINDS = {
    "heading": ("## Heading {i}", "Heading {i}", "Overskrift {i}"),
    "paragraph": ("Paragraph {i} in English.", "Paragraph {i} in English.", "Afsnit {i} på dansk."),
    "item": ("- Item {i} in English", "Item {i} in English", "Punkt {i} på dansk"),
    "emphasis": ("Some *stressed {i}* words.", "Some *stressed {i}* words.", "Nogle *betonede {i}* ord."),
    "button": ("[Button {i}](https://example.org/{i}){{: .button}}", "[Button {i}](https://example.org/{i}){{: .button}}",
               "[Knap {i}](https://example.org/{i}){{: .button}}"),
}
STATES = ("translated", "untranslated", "fuzzy", "missing")


def _po_entry(msgid: str, msgstr: str, state: str) -> str:
    if state == "missing":
        return ""
    head = "#, fuzzy\n" if state == "fuzzy" else ""
    return f'{head}msgid "{msgid}"\nmsgstr "{msgstr if state != "untranslated" else ""}"\n\n'


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # a build per example: no shrinking
@given(
    blocks=st.lists(st.tuples(st.sampled_from(sorted(KINDS)), st.sampled_from(STATES)), min_size=1, max_size=6),
    description=st.sampled_from(STATES),
)
def test_any_page_tells_its_language(blocks, description):
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dassco-truth-") as tmp:
        src = Path(tmp) / "src"
        (src / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
        (src / "conf.py").write_text(
            'extensions = ["dassco_ext"]\nlanguage = "da"\nlocale_dirs = ["locale"]\ngettext_compact = False\n'
            'dassco_languages = ["en", "da"]\nexclude_patterns = ["_build"]\n', encoding="utf-8")
        body, po = [], ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n',
                        _po_entry("Page", "Side", "translated"),
                        _po_entry("What it is.", "Hvad den er.", description)]
        for i, (kind, state) in enumerate(blocks):
            markdown, msgid, msgstr = (part.format(i=i) for part in KINDS[kind])
            body.append(markdown)
            po.append(_po_entry(msgid, msgstr, state))
        (src / "index.md").write_text("---\ntitle: Page\ndescription: What it is.\n---\n\n" + "\n\n".join(body) + "\n",
                                      encoding="utf-8")
        (src / "locale" / "da" / "LC_MESSAGES" / "index.po").write_text("".join(po), encoding="utf-8")
        app = build_site(src, Path(tmp) / "out", "html")
        assert_no_warnings(app)
        page = soup(Path(app.outdir) / "index.html")
        shown_description = "Hvad den er." if description == "translated" else "What it is."
        expected = dict.fromkeys(re.findall(r"[A-Za-zåæø]+", shown_description), "da" if description == "translated" else "en")
        expected["Side"] = "da"
        for i, (kind, state) in enumerate(blocks):
            english = KINDS[kind][1].format(i=i)
            danish = KINDS[kind][2].format(i=i)
            shown = danish if state == "translated" else english
            for word in re.findall(r"[A-Za-zåæø]+ ?\d*", re.sub(r"\(.*?\)|\{.*?\}|[\[\]*#-]", " ", shown)):
                expected[word.strip()] = "da" if state == "translated" else "en"
        seen = set()
        for text in main_of(page).find_all(string=True):
            for word in re.findall(r"[A-Za-zåæø]+ ?\d*", str(text)):
                if word.strip() in expected:
                    seen.add(word.strip())
                    assert language_of(text) == expected[word.strip()], (word, blocks, description)
        assert seen == set(expected)  # every text was found on the page, and judged


def test_a_broken_catalog_counts_as_no_translation(tmp_path):
    """A catalog the build cannot use (a syntax error) translates nothing, in every build:
    its page is English, marked so, and claims no Danish."""
    import shutil as _shutil

    from dassco_ext.testing import expect_warnings

    src = tmp_path / "test-partial-da"
    _shutil.copytree(ROOT, src)
    po = src / "locale" / "da" / "LC_MESSAGES" / "index.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Velkommen"', 'msgstr "Velkommen'), encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index('msgstr "Velkommen') + 1
    english = build_site(src, tmp_path / "en", "html")
    assert_no_warnings(english)
    assert alternates(html_page := soup(Path(english.outdir) / "index.html")) == {"en", "x-default"}
    assert switcher_entry(html_page, "da").get_text(" ", strip=True) == "Dansk (delvis engelsk)"
    danish = build_site(src, tmp_path / "da", "html", confoverrides={"language": "da"})
    expect_warnings(danish, ("dassco.po_syntax", f"index.po:{line}"))
    page = soup(Path(danish.outdir) / "index.html")
    assert set(texts_by_language(page).values()) == {"en"}
    assert not page.select(".dassco-source-newer")


def test_a_refused_translation_is_marked_english(tmp_path):
    """A translation whose links cannot be paired with the source's is refused
    (i18n.markup, one warning) and the source is shown: marked English."""
    from dassco_ext.testing import expect_warnings

    src = tmp_path / "refused"
    (src / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nlanguage = "da"\nlocale_dirs = ["locale"]\ngettext_compact = False\n'
        'dassco_languages = ["en", "da"]\nexclude_patterns = ["_build"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Page\n\nSee [the data](https://example.org/data).\n\nKept apart.\n", encoding="utf-8")
    (src / "locale" / "da" / "LC_MESSAGES" / "index.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Page"\nmsgstr "Side"\n\n'
        'msgid "See [the data](https://example.org/data)."\n'
        'msgstr "Se [data](https://evil.example/) og [mere](https://evil.example/2)."\n\n'
        'msgid "Kept apart."\nmsgstr "Holdt adskilt."\n', encoding="utf-8")
    app = build_site(src, tmp_path / "out", "html")
    expect_warnings(app, ("dassco.translation_target", "index.po:8"))  # at the entry (i18n.markup)
    languages = texts_by_language(soup(Path(app.outdir) / "index.html"))
    assert languages["See"] == languages["the data"] == "en"
    assert languages["Holdt adskilt."] == languages["Side"] == "da"


@pytest.mark.parametrize("translated", [False, True])
def test_image_alt_texts(tmp_path, translated):
    """An image whose alt text is not translated says so on its own tag (``<img lang="en">``),
    in the content and in the hero."""
    src = tmp_path / "images"
    (src / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    (src / "assets").mkdir()
    shutil.copy(Path(__file__).parent / "roots" / "test-i18n" / "assets" / "hero.jpg", src / "assets" / "hero.jpg")
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nlanguage = "da"\nlocale_dirs = ["locale"]\ngettext_compact = False\n'
        'dassco_languages = ["en", "da"]\nexclude_patterns = ["_build"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "---\ntitle: Page\nbackground: assets/hero.jpg\nimageAlt: Herbarium sheets\n---\n\n"
        "![A drawing of shells](assets/hero.jpg)\n", encoding="utf-8")
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Page"\nmsgstr "Side"\n\n'
    if translated:
        po += ('msgid "Herbarium sheets"\nmsgstr "Herbarieark"\n\n'
               'msgid "A drawing of shells"\nmsgstr "En tegning af skaller"\n')
    (src / "locale" / "da" / "LC_MESSAGES" / "index.po").write_text(po, encoding="utf-8")
    app = build_site(src, tmp_path / "out", "html")
    assert_no_warnings(app)
    page = soup(Path(app.outdir) / "index.html")
    hero_image, content_image = page.select_one("img.dassco-hero-image"), main_of(page).select("img")[-1]
    if translated:
        assert (hero_image["alt"], content_image["alt"]) == ("Herbarieark", "En tegning af skaller")
        assert not hero_image.has_attr("lang") and not content_image.has_attr("lang")
    else:
        assert (hero_image["alt"], content_image["alt"]) == ("Herbarium sheets", "A drawing of shells")
        assert hero_image["lang"] == content_image["lang"] == "en"


# --- one count: what the build shows --------------------------------------------------------------

PAGE = "# Page\n\nSee [the data](https://example.org/data).\n\nRead **the report** first.\n\nKept apart.\n\nOne more.\n"
#: Every entry translated; two of them the build refuses (a changed link target, other markup).
CATALOG = {
    "Page": "Side",
    "See [the data](https://example.org/data).": "Se [data](https://evil.example/data).",
    "Read **the report** first.": "Læs *rapporten* først.",
    "Kept apart.": "Holdt adskilt.",
    "One more.": "En mere.",
}


def counted_site(tmp_path: Path, catalog: dict[str, str], conf: str = "") -> tuple[Path, Path]:
    """A site of one page and its Danish catalog: the sources and the ``.po``."""
    src = tmp_path / "counted"
    (src / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nlanguage = "en"\nlocale_dirs = ["locale"]\ngettext_compact = False\n'
        'dassco_languages = ["en", "da"]\nexclude_patterns = ["_build"]\nhtml_theme = "pydata_sphinx_theme"\n' + conf, encoding="utf-8")
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    po = src / "locale" / "da" / "LC_MESSAGES" / "index.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
        f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in catalog.items()), encoding="utf-8")
    return src, po


def line_of(po: Path, msgid: str) -> int:
    return po.read_text(encoding="utf-8").splitlines().index(f'msgid "{msgid}"') + 1


def test_a_refused_translation_is_not_counted(tmp_path, capsys):
    """A catalog every entry of which is translated, two refused by the build: ``intl stat``,
    ``hreflang`` and the switcher of both builds, and the completeness gate all see 60 %."""
    from dassco_ext.cli import intl
    from dassco_ext.config import read_conf
    from dassco_ext.testing import build_app, expect_warnings, new_app

    src, po = counted_site(tmp_path, CATALOG, 'dassco_required_translated = {"da": 100}\n')
    target, markup = line_of(po, "See [the data](https://example.org/data)."), line_of(po, "Read **the report** first.")

    assert intl.stat(src, read_conf(src)) == 0
    assert "  index: 3 translated, 0 fuzzy, 0 untranslated, 2 refused by the build (60%), below the required 100%" in (
        capsys.readouterr().out.splitlines())

    danish = build_app(src, tmp_path / "da", "html", confoverrides={"language": "da"})
    expect_warnings(danish, ("dassco.translation_target", f"index.po:{target}"),
                    ("dassco.translation_markup", f"index.po:{markup}"))
    english = new_app(src, tmp_path / "en", "html")
    english.build()
    assert_no_warnings(english)
    for app in (danish, english):  # 60 % is below dassco_hreflang_threshold (80)
        page = soup(Path(app.outdir) / "index.html")
        assert alternates(page) == {"en", "x-default"}
        assert switcher_entry(page, "da").get_text(" ", strip=True) == "Dansk (delvis engelsk)"

    assert intl.check(src, tmp_path / "check", read_conf(src)) == 1
    output = capsys.readouterr().err
    assert f"{po}:{target}: translation of 'See [the data](https://example.org/data).'" in output
    assert f"{po}:{markup}: translation of 'Read **the report** first.'" in output
    assert (f"{po}:{target}: da: page 'index' is 60.0% translated (3 of 5; 0 fuzzy, 0 untranslated, "
            "2 refused by the build), below the required 100%") in output

    # the link target put back: the English page claims Danish again, once built again
    po.write_text(po.read_text(encoding="utf-8").replace("https://evil.example/data", "https://example.org/data"),
                  encoding="utf-8")
    english.cleanup()
    english = new_app(src, tmp_path / "en", "html")
    english.build()
    english.cleanup()
    assert alternates(soup(Path(english.outdir) / "index.html")) == {"en", "da", "x-default"}
    assert intl.stat(src, read_conf(src)) == 0
    assert "  index: 4 translated, 0 fuzzy, 0 untranslated, 1 refused by the build (80%), below the required 100%" in (
        capsys.readouterr().out.splitlines())


def test_a_refused_translation_is_reported_at_the_catalog_a_translator_opens(tmp_path):
    """``locale_dirs`` reached through ``..``: the warning names the ``.po`` as the translator
    finds it, in words, not in the code's terms."""
    src, po = counted_site(tmp_path, CATALOG, 'locale_dirs = ["../counted/locale"]\n')
    app = build_app(src, tmp_path / "da", "html", confoverrides={"language": "da"})
    target = line_of(po, "See [the data](https://example.org/data).")
    found = [w for w in warnings_of(app) if w.type == "dassco.translation_target"]
    assert [w.location for w in found] == [f"{po}:{target}"]
    assert "the link to 'https://example.org/data' now points to 'https://evil.example/data'" in found[0].message
    assert "reference" not in found[0].message and ".." not in found[0].location


def test_only_builds_that_show_the_counts_judge_other_languages(tmp_path):
    """A text build judges its own language's translations alone (nothing of it shows the
    others' counts); an HTML build after it in the same environment judges Danish before the
    English page claims it."""
    from dassco_ext.i18n.coverage import page_records
    from dassco_ext.testing import new_app

    src, _po = counted_site(tmp_path, CATALOG)
    for buildername, judged, claimed in (("text", {"en"}, None), ("html", {"en", "da"}, {"en", "x-default"})):
        app = new_app(src, tmp_path / "_build", buildername)
        app.build()
        app.cleanup()
        assert_no_warnings(app)
        assert set(page_records(app.env)["index"].refused) == judged
        if claimed is not None:
            assert alternates(soup(Path(app.outdir) / "index.html")) == claimed


def test_a_new_catalog_is_judged_and_counted(tmp_path):
    """A catalog written after the English build read the page: the page is read again and
    judged, so the English page claims Danish once its Danish is complete."""
    src, po = counted_site(tmp_path, {k: v for k, v in CATALOG.items() if "*" not in k})
    text = po.read_text(encoding="utf-8").replace("https://evil.example/data", "https://example.org/data")
    po.unlink()
    html = tmp_path / "_build" / "html"
    assert build.main([str(src), str(tmp_path / "_build"), "--sphinxopts", "-W --keep-going"]) == 0
    assert alternates(soup(html / "en" / "index.html")) == {"en", "x-default"}
    po.write_text(text.replace('msgid "One more."', 'msgid "Read **the report** first."\n'
                               'msgstr "Læs **rapporten** først."\n\nmsgid "One more."'), encoding="utf-8")
    assert build.main([str(src), str(tmp_path / "_build"), "--sphinxopts", "-W --keep-going"]) == 0
    assert alternates(soup(html / "en" / "index.html")) == {"en", "da", "x-default"}


def test_a_catalog_that_cannot_be_read_counts_nothing_and_is_reported(tmp_path, capsys):
    from dassco_ext.cli import intl
    from dassco_ext.config import read_conf

    src, po = counted_site(tmp_path, {msgid: msgstr for msgid, msgstr in CATALOG.items() if "[" not in msgid
                                      and "*" not in msgid})
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Holdt adskilt."', 'msgstr "Holdt adskilt.'),
                  encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index('msgstr "Holdt adskilt.') + 1
    assert intl.stat(src, read_conf(src), as_json=True) == 0
    captured = capsys.readouterr()
    (page,) = json.loads(captured.out)["languages"]["da"]["pages"]
    assert (page["translated"], page["untranslated"], page["percent"]) == (0, 5, 0.0)
    assert page["problems"] == [f"{po}:{line}: msgfmt: end-of-line within string: the catalog is not used, "
                                "the pages using it are shown untranslated"]
    assert intl.stat(src, read_conf(src)) == 0
    captured = capsys.readouterr()
    assert "  index: 0 translated, 0 fuzzy, 5 untranslated (0%)" in captured.out.splitlines()
    assert f"{po}:{line}: msgfmt: end-of-line within string" in captured.err
    assert intl.check(src, tmp_path / "check", read_conf(src)) == 1
    assert f"{po}:{line}: msgfmt: end-of-line within string" in capsys.readouterr().err


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(["translated", "fuzzy", "empty"])),
       st.sets(st.sampled_from("abcdefgh")), st.sets(st.sampled_from("abcdefgh")))
def test_counts_add_up(entries, keys, refused):
    """Whatever the catalog, the page and the build's refusals: every message is counted once,
    and a refused one is never translated."""
    catalog = Reading(
        "index.po",
        translations={k: "x" for k, state in entries.items() if state != "empty"},
        entries={k: (1, frozenset({"fuzzy"} if state == "fuzzy" else ())) for k, state in entries.items()},
    )
    counts = coverage_of(keys, catalog, refused)
    assert counts.translated + counts.fuzzy + counts.refused + counts.untranslated == counts.total == len(keys)
    assert counts.translated == len({k for k in keys - refused if entries.get(k) == "translated"})
    assert counts.refused == len({k for k in keys & refused if entries.get(k) == "translated"})
    assert counts.missing == len(keys - entries.keys())


CREDITED = ("---\ntitle: Page\nbackground: assets/hero.jpg\nimageAlt: Herbarium sheets\n"
            "imageLicense: Photo by [NHMD](https://example.org/nhmd)\n---\n\nKept apart.\n\nOne more.\n")


def test_a_refused_credit_is_not_counted(tmp_path, capsys):
    """The hero's credit whose Danish changes its link target: ``intl stat`` counts it
    refused, the Danish page shows the English credit with one warning at its entry, and
    neither build claims Danish for the page (80 % is below 100 %)."""
    from dassco_ext.cli import intl
    from dassco_ext.config import read_conf
    from dassco_ext.testing import expect_warnings, new_app

    catalog = {"Page": "Side", "Herbarium sheets": "Herbarieark",
               "Photo by [NHMD](https://example.org/nhmd)": "Foto: [NHMD](https://evil.example/nhmd)",
               "Kept apart.": "Holdt adskilt.", "One more.": "En mere."}
    src, po = counted_site(tmp_path, catalog, "dassco_hreflang_threshold = 100\n")
    (src / "index.md").write_text(CREDITED, encoding="utf-8")
    (src / "assets").mkdir()
    shutil.copy(Path(__file__).parent / "roots" / "test-i18n" / "assets" / "hero.jpg", src / "assets" / "hero.jpg")
    line = line_of(po, "Photo by [NHMD](https://example.org/nhmd)")

    assert intl.stat(src, read_conf(src)) == 0
    assert "  index: 4 translated, 0 fuzzy, 0 untranslated, 1 refused by the build (80%)" in (
        capsys.readouterr().out.splitlines())

    danish = build_app(src, tmp_path / "da", "html", confoverrides={"language": "da"})
    (warning,) = expect_warnings(danish, ("dassco.translation_target", f"index.po:{line}"))
    assert "the link to 'https://example.org/nhmd' now points to 'https://evil.example/nhmd'" in warning.message
    english = new_app(src, tmp_path / "en", "html")
    english.build()
    assert_no_warnings(english)
    for app in (danish, english):
        page = soup(Path(app.outdir) / "index.html")
        assert alternates(page) == {"en", "x-default"}
    credit = soup(Path(danish.outdir) / "index.html").select_one(".dassco-hero-credit")
    assert "Photo by NHMD" in credit.get_text(" ", strip=True)
    assert [a["href"] for a in credit.select("a")] == ["https://example.org/nhmd"]
    assert credit.select_one("a").find_parent(lang=True)["lang"] == "en"

    # the link target kept: the credit is counted, shown in Danish, and the page claims Danish
    po.write_text(po.read_text(encoding="utf-8").replace("https://evil.example/nhmd", "https://example.org/nhmd"),
                  encoding="utf-8")
    assert intl.stat(src, read_conf(src)) == 0
    assert "  index: 5 translated, 0 fuzzy, 0 untranslated (100%)" in capsys.readouterr().out.splitlines()
    english.cleanup()
    english = new_app(src, tmp_path / "en", "html")
    english.build()
    english.cleanup()
    assert alternates(soup(Path(english.outdir) / "index.html")) == {"en", "da", "x-default"}


def test_a_catalog_msgfmt_refuses_counts_nothing_and_is_not_used(tmp_path, capsys):
    """A catalog only ``msgfmt --check`` refuses (a ``python-format`` entry whose placeholder
    differs; Babel reads it): ``intl stat`` says 0 %, the Danish page is English with one
    warning at msgfmt's line, no build claims Danish, and ``intl check`` fails."""
    from dassco_ext.cli import intl
    from dassco_ext.config import read_conf
    from dassco_ext.testing import expect_warnings, new_app

    src, po = counted_site(tmp_path, {k: v for k, v in CATALOG.items() if "[" not in k and "*" not in k})
    po.write_text(po.read_text(encoding="utf-8") + '#, python-format\nmsgid "%(count)s specimens"\n'
                  'msgstr "%(antal)s eksemplarer"\n', encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index('msgstr "%(antal)s eksemplarer"') + 1

    assert intl.stat(src, read_conf(src)) == 0
    captured = capsys.readouterr()
    assert "  index: 0 translated, 0 fuzzy, 5 untranslated (0%)" in captured.out.splitlines()
    assert f"{po}:{line}: msgfmt: a format specification for argument 'antal'" in captured.err

    danish = build_app(src, tmp_path / "da", "html", confoverrides={"language": "da"})
    (warning,) = expect_warnings(danish, ("dassco.po_syntax", f"index.po:{line}"))
    assert warning.message.endswith("the catalog is not used, the pages using it are shown untranslated")
    page = soup(Path(danish.outdir) / "index.html")
    assert set(texts_by_language(page).values()) == {"en"}
    assert "Kept apart." in main_of(page).get_text() and "Holdt adskilt." not in page.get_text()
    english = new_app(src, tmp_path / "en", "html")
    english.build()
    assert_no_warnings(english)
    english.cleanup()
    for app in (danish, english):
        assert alternates(soup(Path(app.outdir) / "index.html")) == {"en", "x-default"}

    assert intl.check(src, tmp_path / "check", read_conf(src)) == 1
    assert f"{po}:{line}: msgfmt: a format specification for argument 'antal'" in capsys.readouterr().err
