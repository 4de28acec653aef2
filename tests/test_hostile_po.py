"""Hostile and broken translations, at build time: the translation rows of the hostile-input table.

One Danish build of ``tests/roots/test-hostile-po``, one page (and one ``.po``) per case. Each
row: the one located ``dassco`` warning it gives, and what the page shows instead. The rest
of the site builds, nothing executable reaches any written file, and ``make intl-check``
judges the same catalogs the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dassco_ext.i18n.catalogs import po_charset_problem
from dassco_ext.testing import (
    assert_nothing_executable,
    copy_site,
    html_of,
    main_of,
    warnings_of,
)

ROOT = Path(__file__).parent / "roots" / "test-hostile-po"
DANISH = {"language": "da"}
ENGLISH_TEXT = "Welcome to the collections."
DANISH_TEXT = "Velkommen til samlingerne — 1,5 milliarder €."

# page -> (warning type, file, line, what the page's paragraph shows instead)
# Since issue 12 a translation whose markup differs from its source's is reported at its .po
# entry's line and its message shows the source text (it used to be reported at the page's
# line, with the source's targets put into the translated labels where they could be paired).
CASES = {
    # a .po that msgfmt rejects (unterminated string): the page in English
    "syntax": ("dassco.po_syntax", "syntax.po", 15, ENGLISH_TEXT),
    # UTF-8 text under a Latin-1 header: Sphinx loses the catalog ("writing error"); read as UTF-8
    "charsetutf8": ("dassco.po_charset", "charsetutf8.po", 6, DANISH_TEXT),
    # an unknown charset: Sphinx loses the catalog, then the build crashes; read as UTF-8
    "charsetunknown": ("dassco.po_charset", "charsetunknown.po", 6, DANISH_TEXT),
    # a real Latin-1 file: not UTF-8, left out: the page in English
    "charsetlatin1": ("dassco.po_charset", "charsetlatin1.po", 6, ENGLISH_TEXT),
    # raw HTML the translation adds: the source text
    "script": ("dassco.translation_markup", "script.po", 14, ENGLISH_TEXT),
    "img": ("dassco.translation_markup", "img.po", 14, ENGLISH_TEXT),
    "blockhtml": ("dassco.translation_markup", "blockhtml.po", 14, ENGLISH_TEXT),
    "rawadded": ("dassco.translation_markup", "rawadded.po", 14, "Press Ctrl to search."),
    # a changed target or style: the source text, with its target and style
    "button": ("dassco.translation_target", "button.po", 14, "Call to action"),
    "buttonstyle": ("dassco.translation_target", "buttonstyle.po", 14, "Call to action"),
    "mystbutton": ("dassco.translation_target", "mystbutton.po", 14, "Call to action"),
    "external": ("dassco.translation_target", "external.po", 14, "Read about DiSSCo."),
    "jslink": ("dassco.translation_target", "jslink.po", 14, "Read about DiSSCo."),
    "addedlink": ("dassco.translation_target", "addedlink.po", 14, "Read about DiSSCo."),
    # a title that adds HTML: the source title
    "titlehtml": ("dassco.translation_markup", "titlehtml.po", 10, "Velkommen til samlingerne."),
    # the hero credit (front matter) changes its link: the source's
    "credit": ("dassco.translation_target", "credit.po", 14, "Velkommen til samlingerne."),
}
#: page -> the (href, text, classes) of each link the page's paragraph must show.
LINKS = {
    "button": [("data.html", "Call to action", {"sd-btn", "sd-btn-primary"})],
    "buttonstyle": [("data.html", "Call to action", {"sd-btn", "sd-btn-primary"})],
    "mystbutton": [("data.html", "Call to action", {"sd-btn", "sd-btn-primary"})],
    "external": [("https://www.dissco.eu", "DiSSCo", {"external"})],
    "jslink": [("https://www.dissco.eu", "DiSSCo", {"external"})],
    "addedlink": [],
    "goodbutton": [("data.html", "Opfordring", {"sd-btn", "sd-btn-primary"}), ("https://www.dissco.eu", "DiSSCo", {"external"})],
}
#: Translations that keep their source's HTML and targets: no message, translated as usual.
GOOD_CASES = {
    "rawkept": "Tryk Ctrl for at søge.",
    "goodbutton": "Opfordring og DiSSCo.",
}


@pytest.fixture(scope="module")
def hostile_site(site_builder):
    return site_builder("test-hostile-po", confoverrides=DANISH)


def paragraph_of(app, page: str):
    return main_of(html_of(app, page)).select_one("section > p")


def test_the_site_still_builds(hostile_site):
    for page in [*CASES, *GOOD_CASES, "index", "data", "andet"]:
        assert paragraph_of(hostile_site, page) is not None, page
    output = hostile_site.warning.getvalue() + hostile_site.status.getvalue()
    assert "Traceback" not in output and "Exception" not in output


@pytest.mark.parametrize("page", sorted(CASES))
def test_one_located_warning_per_row(hostile_site, page):
    expected_type, expected_file, expected_line, _shows = CASES[page]
    found = [w for w in warnings_of(hostile_site) if w.file == expected_file]
    assert [(w.type, w.line) for w in found] == [(expected_type, expected_line)], found


@pytest.mark.parametrize("page", sorted(CASES))
def test_what_the_page_shows_instead(hostile_site, page):
    paragraph = main_of(html_of(hostile_site, page)).select("section > p")[-1]  # the page's own text
    assert paragraph.get_text() == CASES[page][3]
    # whatever the translation held: no element it made, no event handler
    assert not paragraph.select("script, img"), paragraph
    assert not [a for tag in paragraph.find_all(True) for a in tag.attrs if a.lower().startswith("on")]


@pytest.mark.parametrize("page", sorted(LINKS))
def test_links_keep_the_source_target_and_style(hostile_site, page):
    links = paragraph_of(hostile_site, page).select("a")
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [(h, t) for h, t, _c in LINKS[page]]
    for link, (_href, _text, classes) in zip(links, LINKS[page], strict=True):
        assert classes <= set(link["class"]), link
    assert not [a for a in links if "sd-btn-danger" in a["class"] or "andet" in a["href"]]


def test_titles_and_credits(hostile_site):
    title = main_of(html_of(hostile_site, "titlehtml")).select_one("h1")
    assert title.get_text(strip=True).rstrip("#") == "Titlehtml" and not title.select("script")
    assert html_of(hostile_site, "titlehtml").title.get_text().startswith("Titlehtml")
    credit = html_of(hostile_site, "credit").select_one(".dassco-hero-credit-text")
    assert [(a["href"], a.get_text()) for a in credit.select("a")] == [("https://snm.ku.dk", "NHMD")]
    assert "Photo:" in credit.get_text()  # the source's credit (issue 12)


def test_translated_titles_still_show(hostile_site):
    """The page's other messages are untouched: Locale translated them as usual."""
    assert main_of(html_of(hostile_site, "button")).select_one("h1").get_text(strip=True).rstrip("#") == "Button (da)"


@pytest.mark.parametrize("page", sorted(GOOD_CASES))
def test_faithful_translations_give_no_message(hostile_site, page):
    assert [w for w in warnings_of(hostile_site) if w.file.startswith(page + ".")] == []
    paragraph = paragraph_of(hostile_site, page)
    assert paragraph.get_text() == GOOD_CASES[page]
    if page == "rawkept":  # HTML the English source has itself stays
        assert paragraph.select_one("kbd").get_text() == "Ctrl"


def test_nothing_else_warns(hostile_site):
    files = {row[1] for row in CASES.values()}
    assert [w for w in warnings_of(hostile_site) if w.file not in files] == []
    # one message per case: no Sphinx "inconsistent references", "reading error" or "writing error"
    assert len(warnings_of(hostile_site)) == len(CASES)
    assert all(w.type and w.type.startswith("dassco.") for w in warnings_of(hostile_site))


def test_nothing_executable_in_the_output(hostile_site):
    checked = assert_nothing_executable(hostile_site.outdir)
    assert checked > len(CASES)


def test_intl_check_judges_the_same_catalogs(hostile_site):
    """``make intl-check`` reports the build's own judgements (one function decides), and
    every build warning about a translation is at a ``.po`` entry."""
    from dassco_ext.i18n.checks import markup_problems

    lines = [f"{Path(hostile_site.srcdir, 'locale', 'da', 'LC_MESSAGES', w.file)}:{w.line}: WARNING: {w.message} [{w.type}]"
             for w in warnings_of(hostile_site)]
    judged, _rest = markup_problems(lines)
    flagged = {problem.path.stem for problem in judged}
    charsets = {po.stem for po in Path(hostile_site.srcdir, "locale", "da", "LC_MESSAGES").glob("*.po")
                if po_charset_problem(po)}
    assert flagged == {page for page, row in CASES.items() if row[0].startswith("dassco.translation_")}
    assert charsets == {page for page, row in CASES.items() if row[0] == "dassco.po_charset"}


def test_intl_check_reports_each_case_once_at_its_po_line(tmp_path, capsys):
    """``make intl-check`` on the same catalogs: every row, once, at its ``.po`` file and line
    (the build's own reports of the same entries are not repeated)."""
    from dassco_ext.cli import intl

    srcdir = copy_site(ROOT, tmp_path / "src")
    assert intl.check(srcdir, tmp_path / "_build", intl.read_conf(srcdir)) == 1
    err = capsys.readouterr().err
    reported = [line for line in err.splitlines() if line.startswith(str(srcdir))]
    # one line per entry
    assert {Path(line.split(":", 1)[0]).stem for line in reported} == set(CASES), err
    assert len(reported) == len(CASES), err
    for line in reported:
        assert Path(line.split(":", 1)[0]).suffix == ".po" and line.split(":")[1].isdigit(), line
    assert "[da]" not in err  # the Danish build's warnings were all reported above already


def test_every_build_reports_the_charset_and_keeps_the_catalog(make_app, tmp_path):
    """The ``.mo`` written for a mislabelled catalog is kept by the next build (Sphinx does not
    compile it again in the declared charset), and the warning is given again."""
    srcdir = copy_site(ROOT, tmp_path / "src")
    for _build in range(2):
        app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
        app.build()
        charset = sorted((w.file, w.line) for w in warnings_of(app) if w.type == "dassco.po_charset")
        assert charset == [("charsetlatin1.po", 6), ("charsetunknown.po", 6), ("charsetutf8.po", 6)]
        assert paragraph_of(app, "charsetutf8").get_text() == DANISH_TEXT
        assert paragraph_of(app, "charsetlatin1").get_text() == ENGLISH_TEXT
        app.cleanup()
