"""Translations are untrusted: a translation may change words, never markup (issue 12).

One Danish build of ``tests/roots/test-untrusted-po``, one page (and one ``.po``) per case.
Each row: the one ``dassco`` warning it gives, at the ``.po`` file and line of the entry,
and what the page shows instead (the source text; the page's other messages translated).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dassco_ext.i18n.languages import interface_problem
from dassco_ext.i18n.markup import (
    compare,
    explicit_markup,
    judge,
    judge_markdown,
    markup_signature,
    plain,
    rendered_signature,
)
from dassco_ext.testing import assert_nothing_executable, html_of, main_of, warnings_of

ROOT = Path(__file__).parent / "roots" / "test-untrusted-po"
DANISH = {"language": "da"}
SOURCE = "Welcome to the collections."

#: page -> (warning type, .po line, what the page's text shows)
REJECTED = {
    # {bdg-link-primary} with a javascript: target, in a paragraph, a heading, the credit
    "bdgpara": ("dassco.translation_target", 14, "Read more."),
    "bdgheading": ("dassco.translation_target", 10, SOURCE),
    "bdgcredit": ("dassco.translation_target", 10, SOURCE),
    # {download} of a file outside the source tree
    "download": ("dassco.translation_target", 14, SOURCE),
    # two links' targets swapped
    "swapped": ("dassco.translation_target", 14, "Keep my account or delete it."),
    # { .button .is-danger} with a leading space
    "leadingspace": ("dassco.translation_target", 14, "Call to action"),
    # an attribute list on its own line
    "ownline": ("dassco.translation_target", 14, "Call to action"),
    # [x](u) -> ![x](u)
    "linkimage": ("dassco.translation_target", 14, "Read about DiSSCo."),
    # a second id
    "secondid": ("dassco.translation_target", 14, "Call to action"),
    # HTML the English credit escapes, with <b> added elsewhere in the msgstr
    "credithtml": ("dassco.translation_markup", 10, SOURCE),
    # reference-style links (the page's own parse knows their targets) made a javascript: link
    "reflink": ("dassco.translation_target", 14, "Read the data or the other page."),
}
#: (file, line) of each warning about a catalog itself.
CATALOG_WARNINGS = {
    ("duplicate.po", 22): "dassco.po_syntax",  # msgfmt --check refuses the catalog
    ("sphinx.po", 9): "dassco.interface_translation",  # "Search" -> Søg"><img ...>
    ("sphinx.po", 16): "dassco.interface_translation",  # %(title)s -> %(titel)s
    ("dassco.po", 9): "dassco.interface_translation",  # "Language" -> <b>Sprog</b>
    ("dassco.po", 12): "dassco.interface_translation",  # {page} -> {side}
}


@pytest.fixture(scope="module")
def site(site_builder):
    return site_builder("test-untrusted-po", confoverrides=DANISH)


@pytest.fixture(scope="module")
def english(site_builder):
    return site_builder("test-untrusted-po", confoverrides={"language": "en"})


def article(app, page):
    return main_of(html_of(app, page))


def test_exactly_the_expected_warnings(site):
    found = {(w.file, w.line): w.type for w in warnings_of(site)}
    expected = {(f"{page}.po", line): kind for page, (kind, line, _text) in REJECTED.items()} | CATALOG_WARNINGS
    assert found == expected, site.warning.getvalue()
    assert len(warnings_of(site)) == len(expected)  # one each
    assert "Traceback" not in site.warning.getvalue() + site.status.getvalue()


@pytest.mark.parametrize("page", sorted(REJECTED))
def test_a_rejected_translation_shows_the_source_text(site, page):
    text = REJECTED[page][2]
    main = article(site, page)
    if page == "bdgheading":
        assert main.select_one("h1").get_text(strip=True).rstrip("#") == "Bdgheading"
        assert main.select_one("section p").get_text() == "Velkommen til samlingerne."  # the rest: translated
    elif page in ("bdgcredit", "credithtml"):
        credit = html_of(site, page).select_one(".dassco-hero-credit-text")
        source = {"bdgcredit": "Photo: NHMD, CC BY", "credithtml": "Photo <img src=x onerror=alert(1)> NHMD"}[page]
        assert credit.get_text(strip=True).endswith(source), credit
        assert not credit.select("a, img, b, script")
        assert main.select_one("section > p:last-of-type").get_text() == "Velkommen til samlingerne."
    else:
        assert main.select("section > p")[-1].get_text().strip() == text


def test_the_warning_names_what_differs(site):
    messages = {w.file: w.message for w in warnings_of(site)}
    assert "javascript:alert(1)" in messages["bdgpara.po"]
    assert "download link to '../../../../etc/passwd'" in messages["download.po"]
    assert "another order" in messages["swapped.po"] and "dassco-reorder" in messages["swapped.po"]
    assert "is-danger" in messages["leadingspace.po"] and "is-danger" in messages["ownline.po"]
    assert "image" in messages["linkimage.po"] and "main-content" in messages["secondid.po"]
    assert "'<b>'" in messages["credithtml.po"]


def test_nothing_hostile_reaches_the_pages(site):
    assert assert_nothing_executable(site.outdir) > len(REJECTED)
    assert not Path(site.outdir, "_downloads").exists()  # nothing copied from outside
    for page in REJECTED:
        main = article(site, page)
        assert not main.select("section p #main-content, .sd-btn-danger, .sd-badge, img[onerror], section p b")
        hrefs = [a.get("href", "") for a in main.select("a")]
        assert not [h for h in hrefs if h.startswith("javascript") or "passwd" in h]
    assert [a["href"] for a in article(site, "swapped").select("section p a")] == ["data.html", "andet.html"]


def test_flagged_reordered_links_are_accepted(site):
    links = article(site, "reordered").select("section p a")
    assert [(a["href"], a.get_text()) for a in links] == [("andet.html", "Slet den"), ("data.html", "behold din konto")]


def test_faithful_translations_are_translated(site):
    paragraph = article(site, "goodlinks").select("section > p")[-1]
    assert paragraph.get_text().startswith("Læs mere")
    assert [a["href"] for a in paragraph.select("a")] == ["data.html", "https://www.dissco.eu"]
    assert paragraph.select_one("kbd").get_text() == "Ctrl" and paragraph.select_one("em").get_text() == "se"
    credit = html_of(site, "goodlinks").select_one(".dassco-hero-credit-text")
    assert "Foto:" in credit.get_text() and credit.select_one("a")["href"] == "https://snm.ku.dk"


def test_plain_front_matter_keys_stay_text(site):
    page = html_of(site, "plainkeys")
    assert page.select_one("h1").get_text() == "Titel <b>fed</b> {bdg-link-primary}`x <https://evil.example.com>`"
    assert page.select_one(".dassco-hero-description").get_text() == "En *beskrivelse* <script>alert(1)</script>"
    assert page.select_one(".dassco-hero-pretitle").get_text() == "DaSSCo <img src=x onerror=alert(1)>"
    assert not page.select_one(".dassco-hero").select("b, em, script, img[onerror], a")
    assert page.title.get_text().startswith("Titel <b>fed</b>")


def test_a_catalog_with_a_duplicate_msgid_is_not_used(site):
    paragraphs = [p.get_text() for p in article(site, "duplicate").select("section > p")]
    assert paragraphs == [SOURCE, "Second paragraph."]


def test_site_interface_catalogs(site):
    index = html_of(site, "index")
    raw = Path(site.outdir, "index.html").read_text(encoding="utf-8")
    assert "onerror" not in raw and "<b>Sprog</b>" not in raw and "&lt;b&gt;Sprog" not in raw
    assert index.select_one("input[name=q]")["placeholder"] == "Søg i siderne ..."  # a good entry is used
    switcher = index.select_one(".dassco-language-switcher")
    assert switcher is not None and "Sprog" in str(switcher)  # the package's own "Language"


def test_interface_rule():
    assert interface_problem("Page {page} of {pages}", "Side {page} af {pages}") is None
    assert interface_problem("Page {page} of {pages}", "{pages} sider, side {page}") is None
    assert interface_problem("Page {page} of {pages}", "Side {side} af {pages}")
    assert interface_problem("%(title)s", "%(titel)s") and interface_problem("%s", "x")
    assert interface_problem("Search", 'Søg"><img src=x onerror=alert(1)>')
    assert interface_problem("Search", "Søg<b>") and interface_problem("Search", "Søg'")
    assert interface_problem("Don't", "Lad være") is None


def test_the_rule_on_its_own():
    def parse(text):
        from docutils.core import publish_doctree

        return publish_doctree(text, settings_overrides={"report_level": 5})

    assert plain("Velkommen til samlingerne, 1,5 mio.")
    assert not plain("A. Einstein", "restructuredtext") and not plain("see mailto:x", "restructuredtext")
    assert judge("Welcome.", "Velkommen.", parse).ok  # plain words: not even parsed
    assert judge("Read `this <https://a.dk>`_.", "Læs `dette <https://a.dk>`_.", parse, filetype="restructuredtext").ok
    assert not judge("Read `this <https://a.dk>`_.", "Læs `dette <https://b.dk>`_.", parse).ok
    assert not judge("A *b*.", "A **b**.", parse).ok
    two = "`a <https://a.dk>`_ `b <https://b.dk>`_"
    swapped = "`b <https://b.dk>`_ `a <https://a.dk>`_"
    assert judge(two, swapped, parse).reordered and judge(two, swapped, parse, reorder=True).ok
    assert compare(markup_signature(parse("x")), markup_signature(parse("y"))).ok
    # LaTeX is markup (MathJax links with \href): math must stay the source's
    assert not judge("See :math:`x^2`.", "Se :math:`\\href{javascript:alert(1)}{x}`.", parse).ok
    assert judge("See :math:`x^2`.", "Se :math:`x^2`.", parse).ok

    # text that a later transform reads as markup: a Kramdown attribute list, a refused link
    from docutils import nodes

    def text(value):
        return [nodes.paragraph("", "", nodes.Text(value))]

    link = dict(dict(rendered_signature(text("Se [x](javascript:alert(1)){: .button}")))["reference"])
    assert link["refuri"] == "javascript:alert(1)" and "sd-btn" in link["classes"]
    stray = rendered_signature(text("Se [x](javascript:alert(1)) {: .button}"))  # removed, with a warning
    assert ("warning", (("type", "dassco.attr_list"),)) in stray
    assert not compare(rendered_signature(text("See x.")), rendered_signature(text("Se [x](javascript:alert(1))"))).ok

    def choke(text):
        if text != "Welcome *here*.":
            raise ValueError("no")
        return parse(text)

    verdict = judge("Welcome *here*.", "Velkommen *her*.", choke)  # a parser error: not used
    assert not verdict.ok and "text the parser cannot read (ValueError: no)" in verdict.describe()


def test_markup_that_renders_nothing_is_named():
    """Markup that leaves no trace on the page is markup all the same: refused, and named."""
    said = {
        "Velkommen *her*.\n\n[x]: javascript:alert(1)": "paragraph",  # not a definition: text
        '[x]: /etc/passwd "t"\n\nVelkommen *her*.': "link definition [x] to '/etc/passwd'",
        "Velkommen *her*.\n\n{.x}": "attribute list that applies to no block",
        "Velkommen *her*.\n\n{#x}": "attribute list that applies to no block",
        "---\nmyst: {}\n---\nVelkommen *her*.": "front matter 'myst: {}'",
    }
    for msgstr, words in said.items():
        verdict = judge_markdown("Welcome *here*.", msgstr)
        assert f"adds markup the source does not have: {words}" in verdict.describe(), msgstr
    assert judge_markdown("Welcome *here*.", "Velkommen\n*her*.").ok  # its own line breaks
    assert judge_markdown("Welcome [here][x].", "Velkommen [her][x].").ok  # no definition: text

    def rst(text):
        from docutils.core import publish_doctree

        return publish_doctree(text, settings_overrides={"report_level": 5})

    for msgstr in ("Velkommen *her*.\n\n.. default-role:: math", ".. role:: x(raw)\n   :format: html\n\nVelkommen *her*."):
        verdict = judge("Welcome *here*.", msgstr, rst, filetype="restructuredtext", read=explicit_markup)
        assert "adds markup the source does not have: directive '.. " in verdict.describe(), msgstr
    assert judge("Welcome *here*.", "Velkommen\n.. *her*.", rst, filetype="restructuredtext", read=explicit_markup).ok


def test_english_build_has_no_warnings_from_the_catalogs(english):
    assert warnings_of(english) == []


def test_briefs_have_no_link_the_source_lacks(tmp_path, make_app):
    """The PDF brief is made from the same doctrees: its link annotations are the English's."""
    pypdf = pytest.importorskip("pypdf")

    def uris(language):
        srcdir = tmp_path / language
        shutil.copytree(ROOT, srcdir)
        app = make_app("brief", srcdir=srcdir, confoverrides={"language": language})
        app.build()
        found = {}
        for pdf in Path(app.outdir).glob("*.pdf"):
            reader = pypdf.PdfReader(pdf)
            found[pdf.name] = sorted(  # the same page in the other language: the same link
                str(annot.get_object().get("/A", {}).get("/URI", "")).replace(f"/{language}/", "/LANG/")
                for page in reader.pages for annot in page.get("/Annots") or ()
            )
        app.cleanup()
        return found

    danish, english = uris("da"), uris("en")
    assert set(danish) == set(english) and len(danish) == 3
    for name, found in danish.items():
        assert set(found) <= set(english[name]), name
        assert not [u for u in found if "javascript" in u]


def test_a_deleted_po_leaves_no_translation_behind(tmp_path, make_app):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "goodlinks.po"
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    assert article(app, "goodlinks").select("section > p")[-1].get_text().startswith("Læs mere")
    assert po.with_suffix(".mo").exists()
    app.cleanup()
    po.unlink()
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    assert article(app, "goodlinks").select("section > p")[-1].get_text().startswith("Read more")
    assert not po.with_suffix(".mo").exists()
    assert not [w for w in warnings_of(app) if "goodlinks" in w.location]
    app.cleanup()


def test_intl_check_reports_the_builds_judgements(tmp_path, capsys):
    """``make intl-check``: every row, once, at its ``.po`` file and line."""
    from dassco_ext.cli import intl

    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    assert intl.check(srcdir, tmp_path / "_build", intl.read_conf(srcdir)) == 1
    err = capsys.readouterr().err
    reported = {(Path(line.split(":", 1)[0]).name, int(line.split(":")[1])) for line in err.splitlines()
                if line.startswith(str(srcdir)) and ".po:" in line and "stale" not in line}
    expected = {(f"{page}.po", line) for page, (_kind, line, _text) in REJECTED.items()} | set(CATALOG_WARNINGS)
    assert expected <= reported, err
    assert not [line for line in err.splitlines() if line.startswith("[da]")], err


def test_rst_translations_are_judged_by_the_rst_parser(site_builder):
    """The extension in a reStructuredText site: a msgstr is parsed as reStructuredText (roles
    and `text <url>`_ links stay intact) and follows the same rule."""
    app = site_builder("test-rst-i18n", confoverrides=DANISH)
    found = sorted((w.file, w.line, w.type) for w in warnings_of(app))
    assert found == [("index.po", 18, "dassco.translation_target"), ("index.po", 21, "dassco.translation_target")]
    paragraphs = html_of(app, "index").select('[role="main"] p')
    first, second, third, fourth = paragraphs[:4]
    assert first.get_text() == "Læs først den anden side og DiSSCo-siden."
    assert [a["href"] for a in first.select("a")] == ["other.html", "https://www.dissco.eu"]
    assert second.select_one("em").get_text() == "dataene" and second.select_one("code").get_text() == "kode"
    assert second.select_one("a")["href"] == "https://www.dassco.dk"
    assert third.get_text() == "Visit NHMD today." and third.select_one("a")["href"] == "https://snm.ku.dk"
    assert fourth.get_text() == "Write to us at our address." and not fourth.select("a")
    assert "`" not in first.get_text() + second.get_text()


def test_a_site_interface_catalog_that_is_gone_or_broken_is_not_used(tmp_path, make_app):
    """The site's sphinx.po (Sphinx compiles it before any extension runs): once deleted, or
    unreadable, none of its translations is used; the package's own are."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "sphinx.po"

    def placeholder():  # a build of its own (Sphinx rewrites no page for an interface catalog)
        builds = len(list(tmp_path.glob("build-*")))
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / f"build-{builds}", confoverrides=DANISH)
        app.build()
        found = html_of(app, "index").select_one("input[name=q]")["placeholder"]
        app.cleanup()
        return found

    assert placeholder() == "Søg i siderne ..."  # the site's own, good entry
    assert po.with_suffix(".mo").exists()
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    assert placeholder() == "Søg på hjemmesiden …"  # unreadable: the package's
    po.unlink()
    assert placeholder() == "Søg på hjemmesiden …"  # gone: the package's
    assert not po.with_suffix(".mo").exists()


def test_pages_sharing_a_credit_are_judged_alike(tmp_path, make_app):
    """A credit is judged once per reading (pages sharing an image share it): each page that
    uses the same hostile credit still gets its own warning and shows its source's credit,
    and a faithful one is translated on every page."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    catalogs = srcdir / "locale" / "da" / "LC_MESSAGES"
    for copy in ("bdgcredit2", "bdgcredit3"):
        (srcdir / f"{copy}.md").write_text((srcdir / "bdgcredit.md").read_text().replace("---\ntitle", "---\norphan: true\ntitle", 1))
        (catalogs / f"{copy}.po").write_text((catalogs / "bdgcredit.po").read_text().replace("bdgcredit.md", f"{copy}.md"))
    faithful = (catalogs / "bdgcredit3.po").read_text().replace(
        "Foto: {bdg-link-primary}`NHMD <javascript:alert(1)>`, CC BY", "Foto: NHMD, CC BY")
    (catalogs / "bdgcredit3.po").write_text(faithful)
    app = make_app("html", srcdir=srcdir, confoverrides=DANISH)
    app.build()
    credits = [(w.file, w.line) for w in warnings_of(app) if w.type == "dassco.translation_target" and "NHMD" in w.message]
    assert sorted(credits) == [("bdgcredit.po", 10), ("bdgcredit2.po", 10)]
    for page in ("bdgcredit", "bdgcredit2"):
        shown = str(html_of(app, page))
        assert "Photo: NHMD, CC BY" in shown and "javascript" not in shown
    assert "Foto: NHMD, CC BY" in str(html_of(app, "bdgcredit3"))


def test_a_refused_translation_is_still_a_message_of_the_gettext_build(site_builder):
    """A ``gettext`` build in a translated language extracts every message of the source,
    also one whose translation is refused (and shown as the source text)."""
    from babel.messages.pofile import read_po

    app = site_builder("test-untrusted-po", "gettext", confoverrides=DANISH)
    with Path(app.outdir, "swapped.pot").open(encoding="utf-8") as pot:
        msgids = {message.id for message in read_po(pot) if message.id}
    assert "[Keep my account](/data) or [delete it](/andet)." in msgids


TRANSLATED_TARGETS_RST = """\
Home
====

.. glossary::

   Specimen
      A thing kept.

Collections
-----------

Our collections.

Visits
------

See `Collections`_ and :term:`Specimen`.

Go to `Collections`_ now.
"""

TRANSLATED_TARGETS_PO = """\
msgid ""
msgstr ""
"Language: da\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Specimen"
msgstr "Eksemplar"

msgid "Collections"
msgstr "Samlinger"

msgid "Visits"
msgstr "Besøg"

msgid "See `Collections`_ and :term:`Specimen`."
msgstr "Se `Samlinger`_ og :term:`Eksemplar`."

msgid "Go to `Collections`_ now."
msgstr "Gå til `Besøg`_ nu."
"""


#: A title translated as the name another target already has (an explicit label, which
#: would win): a link by that name would lead to the other target.
TAKEN_NAME_RST = """\
:orphan:

Other
=====

.. _Opening hours:

Hours
-----

Open daily.

Tours
-----

Read `Tours`_.
"""

TAKEN_NAME_PO = """\
msgid ""
msgstr ""
"Language: da\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Tours"
msgstr "Opening hours"

msgid "Read `Tours`_."
msgstr "Læs `Opening hours`_."
"""


def test_a_reference_may_name_its_targets_translated_title(tmp_path):
    """A link to a section by its translated title, a ``:term:`` by the term's translation,
    leads where the source's does: accepted. Naming another target's translation is not, nor
    a translated title that is the name of another target of the source."""
    from dassco_ext.testing import build_site

    src = tmp_path / "src"
    (src / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["dassco_ext"]\nlanguage = "da"\nlocale_dirs = ["locale"]\n', encoding="utf-8"
    )
    (src / "index.rst").write_text(TRANSLATED_TARGETS_RST, encoding="utf-8")
    (src / "locale" / "da" / "LC_MESSAGES" / "index.po").write_text(TRANSLATED_TARGETS_PO, encoding="utf-8")
    (src / "other.rst").write_text(TAKEN_NAME_RST, encoding="utf-8")
    (src / "locale" / "da" / "LC_MESSAGES" / "other.po").write_text(TAKEN_NAME_PO, encoding="utf-8")
    app = build_site(src, tmp_path / "out", "html")
    # (Sphinx 9 itself adds its "inconsistent references" warnings for the accepted one)
    found = [(w.file, w.line, w.type) for w in warnings_of(app) if w.type.startswith("dassco")]
    assert found == [("index.po", 18, "dassco.translation_target"), ("other.po", 9, "dassco.translation_target")]
    other = main_of(html_of(app, "other")).select("section section p")[-1]
    assert other.get_text() == "Read Tours." and other.a["href"] == "#tours"
    page = html_of(app, "index")
    accepted, refused = main_of(page).select("section section p")[-2:]
    assert accepted.get_text() == "Se Samlinger og Eksemplar."
    links = {a.get_text(): a["href"] for a in accepted.select("a")}
    assert page.find(id=links["Samlinger"].lstrip("#")).find("h2").get_text().startswith("Samlinger")
    assert page.find(id=links["Eksemplar"].lstrip("#")).get_text().startswith("Eksemplar")
    assert refused.get_text() == "Go to Collections now."
    assert page.find(id=refused.a["href"].lstrip("#")).find("h2").get_text().startswith("Samlinger")


PROBE_TEMPLATE = """\
<p id="underscore">{{ _("Search") }}</p>
<p id="gettext">{{ gettext("Search") }}</p>
<p id="trans">{% trans %}Search{% endtrans %}</p>
<p id="plural">{{ ngettext("Search", "Searches", 1) }}</p>
<p id="good">{{ _("Search the docs ...") }}</p>
<p id="included">{% include "probe-part.html" %}</p>
"""


def test_a_bad_interface_entry_reaches_no_template(tmp_path, make_app):
    """Sphinx loads the site's sphinx.mo before any extension runs, and templates put what
    ``_``, ``gettext``, ``ngettext`` and ``{% trans %}`` give unescaped: for a bad entry they
    give Sphinx's or the package's word, for a good one the site's. A word used in Python
    (an admonition's label) is document text, which the page shows escaped. The site's good
    ``dassco.po`` entries translate the package's own words."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "probe.html").write_text(PROBE_TEMPLATE, encoding="utf-8")
    (srcdir / "_templates" / "probe-part.html").write_text('{{ _("Search") }}', encoding="utf-8")
    po = srcdir / "locale" / "da" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Note"\nmsgstr "Bemærk<i>"\n', encoding="utf-8")
    own = po.with_name("dassco.po")
    own.write_text(own.read_text(encoding="utf-8").replace("<b>Sprog</b>", "Sprogvalg"), encoding="utf-8")
    page = srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```{note}\nA note.\n```\n", encoding="utf-8")
    overrides = {"templates_path": ["_templates"], "html_additional_pages": {"probe": "probe.html"}}
    app = make_app("html", srcdir=srcdir, confoverrides={**DANISH, **overrides})
    app.build()
    interface = sorted((w.file, w.line) for w in warnings_of(app) if w.type == "dassco.interface_translation")
    assert interface == [("dassco.po", 12), ("sphinx.po", 9), ("sphinx.po", 16), ("sphinx.po", 19)]
    raw = Path(app.outdir, "probe.html").read_text(encoding="utf-8")
    assert "onerror" not in raw
    probe = html_of(app, "probe")
    shown = {p["id"]: p.get_text() for p in probe.select("p[id]")}
    assert shown == {
        "underscore": "Søg",  # Sphinx's own Danish
        "gettext": "Søg",
        "trans": "Søg",
        "plural": "Search",
        "good": "Søg i siderne ...",  # the site's, as Sphinx gives it
        "included": "Søg",
    }
    index = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert "Bemærk&lt;i&gt;" in index and "Bemærk<i>" not in index and "onerror" not in index
    assert html_of(app, "index").select_one(".dassco-language-switcher")["aria-label"] == "Sprogvalg"
