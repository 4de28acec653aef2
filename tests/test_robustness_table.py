"""Issue 13, every example as a row: input, the one located warning it gives, what the site
shows instead. No input ends a build, exhausts the machine, or publishes something that runs.

All rows live in one generated site (big images are made here, in a temporary directory),
built four times: HTML in English, HTML in Danish (translations), the ``brief`` PDF builder
in Danish (a site ``dassco.po``, ``SOURCE_DATE_EPOCH`` past year 9999) and ``gettext``.
Each build must log exactly the warnings the rows expect, each at its ``file:line``, and no
traceback; then each row checks what a reader gets.
"""

from __future__ import annotations

import dataclasses as dc
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.testing.util import SphinxTestApp

from dassco_ext.testing import build_app, warnings_of

BASE = "https://www.dassco.test/site/"
MARKUP_TITLE = '<script>alert(1)</script><em>x</em> & co'
TOC_TITLE = "<i>Toc</i> & co"
MARKUP_TITLE_DA = '<script>alert(2)</script><em>y</em> & co'

CONF = f'''
project = "DaSSCo"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
html_theme_options = {{"header_links_before_dropdown": 3}}
exclude_patterns = ["_build"]
html_baseurl = "{BASE}"
locale_dirs = ["locale"]
gettext_compact = False
dassco_languages = ["en", "da"]
dassco_briefs = ["bomb", "big13", "news/item", "news-item", "download"]
'''


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)  # a few hundred KB at most
    return buffer.getvalue()


def jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def page(front: str, body: str = "Body text.") -> str:
    return f"---\n{front.strip()}\n---\n\n{body}\n"


@dc.dataclass(frozen=True)
class Row:
    """One example of the issue."""

    name: str
    #: docname -> page source (front matter included)
    pages: dict[str, str]
    #: build -> ``(subtype, "file:line")`` of each warning the row gives
    expect: dict[str, list[tuple[str, str]]]
    #: what the site shows instead (given the built apps)
    shows: Callable[[dict[str, SphinxTestApp]], None]
    files: dict[str, bytes | str] = dc.field(default_factory=dict)


def html(app: SphinxTestApp, name: str) -> BeautifulSoup:
    path = Path(app.outdir, f"{name}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pdf_text(app: SphinxTestApp, name: str) -> str:
    path = Path(app.outdir, f"{name}.pdf")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout


def hero_of(app: SphinxTestApp, name: str):
    return html(app, name).select_one("section.dassco-hero")


# --- what each row shows ---------------------------------------------------------------------

def _check(condition: bool) -> None:
    assert condition

def shows_dead_cta(apps):
    hero = hero_of(apps["en"], "cta")
    assert hero.select_one(".dassco-hero-actions").get_text(strip=True) == "Search occurrences"
    assert hero.select_one(".dassco-hero-actions a") is None  # a label, not a dead link
    assert Path(apps["en"].outdir, "index.html").exists() and Path(apps["en"].outdir, "search.html").exists()


def shows_title_from_name(apps):
    assert html(apps["en"], "deep").select_one("h1").get_text(strip=True).startswith("Deep")


def shows_replacement_character(apps):
    assert "\ufffd" in html(apps["en"], "surrogate").select_one("h1").get_text()
    assert Path(apps["en"].outdir, "objects.inv").stat().st_size > 0


def shows_hero_without_image(name):
    def check(apps):
        hero = hero_of(apps["en"], name)
        assert hero is not None and hero.select_one("img") is None
        assert "dassco-hero-no-image" in hero["class"]
    return check


def shows_objects_inv_intact(apps):
    assert Path(apps["en"].outdir, "objects.inv").is_file()
    assert html(apps["en"], "permalink-inv").select_one("h1").get_text(strip=True) == "Inventory"


def shows_no_html_image(apps):
    shows_hero_without_image("photopage")(apps)
    assert not list(Path(apps["en"].outdir, "_images").rglob("photo*"))
    body = html(apps["en"], "photobody")
    assert body.find("img") is None and "A photo" in body.get_text()


def shows_markup_title_as_text(apps):
    for lang, title in (("en", MARKUP_TITLE), ("da", MARKUP_TITLE_DA)):
        app = apps[lang]
        for name in ("index", "markup-first", "markup-last", "cta"):
            doc = html(app, name)
            assert name in ("index", "cta") or doc.title.get_text().startswith(title)
            nav = doc.select(".navbar-header-items .nav-link, .navbar-header-items .dropdown-item")
            texts = [a.get_text(strip=True) for a in nav]
            assert texts.count(title) == 2, (lang, name, texts)  # the bar and its "More" menu
            assert not doc.select("em:-soup-contains('x'), em:-soup-contains('y')"), (lang, name)
            assert all(s.get("src") or "DOCUMENTATION_OPTIONS" in s.get_text() or "theme" in s.get_text()
                       for s in doc.find_all("script")), (lang, name)
        prev_next = html(app, "markup-first").select_one(".prev-next-area")
        assert prev_next is None or not prev_next.find("em")
        index = Path(app.outdir, "searchindex.js").read_text(encoding="utf-8")
        # the search results show the title as text (Sphinx 8.2 keeps it HTML-escaped)
        assert title.replace('"', '\\"') in index or html_escape(title, quote=False) in index


def shows_toctree_title_as_text(apps):
    for lang in ("en", "da"):
        doc = html(apps[lang], "index")
        nav = doc.select(".navbar-header-items .nav-link, .navbar-header-items .dropdown-item")
        assert TOC_TITLE in [a.get_text(strip=True) for a in nav], lang
        assert not doc.select(".navbar-header-items i:-soup-contains('Toc')"), lang


def shows_no_jinja(apps):
    text = html(apps["en"], "substitution").get_text()
    assert "49" not in text and "{{ x }}" in text


def shows_default_height(name):
    def check(apps):
        style = hero_of(apps["en"], name)["style"]
        assert "--dassco-hero-height: 50vh" in style
    return check


def shows_one_line_per_warning(apps):
    log = apps["en"].warning.getvalue()
    assert not re.search(r"^ERROR: forged", log, re.MULTILINE)
    assert "forged\x1b" not in log and "forged\\x1b[31m" in log


def shows_last_duplicate(apps):
    assert html(apps["en"], "duplicate").select_one("h1").get_text(strip=True) == "Second"


def shows_pot_readable(apps):
    pot = Path(apps["gettext"].outdir, "control.pot")
    assert "\x04" not in pot.read_text(encoding="utf-8")
    subprocess.run(["msgcat", "-o", "/dev/null", str(pot)], check=True)
    assert "\ufffd" in hero_of(apps["en"], "control").select_one(".dassco-hero-description").get_text()


def shows_plural_untranslated(apps):
    assert html(apps["da"], "plural").select_one("h1").get_text(strip=True) == "Plural"


def shows_redirect_quoted_once(apps):
    redirect = Path(apps["en"].outdir, "old", "path", "index.html").read_text(encoding="utf-8")
    assert 'url=../../renamed%C3%A6.html"' in redirect


def shows_source_text(apps):
    assert "Short source." in html(apps["da"], "hugemsg").get_text()


def shows_cut_translation(apps):
    hero = hero_of(apps["da"], "longda")
    assert len(hero.select_one("h1").get_text(strip=True)) == 200
    assert len(hero.select_one(".dassco-hero-description").get_text(strip=True)) == 2000


def shows_pdf_without_cover(apps):
    assert "Bomb" in pdf_text(apps["brief"], "bomb")


def shows_english_qr_text(apps):
    assert Path(apps["brief"].outdir, "bomb.pdf").exists()


def shows_dated_now(apps):
    from pypdf import PdfReader

    date = PdfReader(Path(apps["brief"].outdir, "bomb.pdf")).metadata["/CreationDate"]
    assert date.startswith("D:2") and not date.startswith("D:9999")


def shows_one_pdf_per_name(apps):
    out = Path(apps["brief"].outdir)
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == ["big13.pdf", "bomb.pdf", "download.pdf", "news-item.pdf"]
    assert "News dash" in pdf_text(apps["brief"], "news-item")  # the first, not overwritten


def shows_online_download(apps):
    text = " ".join(pdf_text(apps["brief"], "download").split())
    assert "file:" not in text and f"{BASE}da/_downloads/" in text


def shows_many_buttons(apps):
    paragraph = html(apps["en"], "buttons").select_one("p.dassco-buttons")
    assert len(paragraph.select("a.sd-btn")) == 2000


def shows_unknown_key_once(apps):
    assert html(apps["en"], "keyname").select_one("h1").get_text(strip=True) == "Key"


#: Which builds give a row's warnings: every build reads every page (read-time warnings);
#: HTML builds write every page (links, redirects); Danish builds translate.
ALL = ("en", "da", "brief", "gettext")
HTML = ("en", "da")
DANISH = ("da", "brief")


def each(builds: tuple[str, ...], *warnings: tuple[str, str]) -> dict[str, list[tuple[str, str]]]:
    return {build: list(warnings) for build in builds}


PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'

ROWS = [
    Row("hero cta to a site path with no page (AssertionError)",
        {"cta": page("title: Home of data\ncta:\n  - text: Search occurrences\n    href: /occurrence/search")},
        each(("en", "da", "gettext"), ("dassco.link", "cta.md:4")), shows_dead_cta),
    Row("front matter nested 1000 levels (RecursionError)",
        {"deep": "---\ntitle: Deep\nx: " + "[" * 1000 + "]" * 1000 + "\n---\n\nBody.\n"},
        each(ALL, ("dassco.limit", "deep.md:3")),
        shows_title_from_name),
    Row("title with a lone surrogate (UnicodeEncodeError in objects.inv)",
        {"surrogate": page('title: "Bad \\ud800 title"')},
        each(ALL, ("dassco.text", "surrogate.md:2")), shows_replacement_character),
    Row("background with a NUL byte (ValueError)",
        {"nul": page('title: Nul\nbackground: "a\\0b.jpg"\nimageAlt: x')},
        each(ALL, ("dassco.text", "nul.md:3"), ("dassco.background", "nul.md:3")), shows_hero_without_image("nul")),
    Row("background with a 300-character file name (OSError)",
        {"longname": page(f'title: Long\nbackground: "{"a" * 300}.jpg"\nimageAlt: x')},
        each(ALL, ("dassco.background", "longname.md:3")), shows_hero_without_image("longname")),
    Row("permalink naming a Sphinx output file (File exists)",
        {"permalink-inv": page("title: Inventory\npermalink: objects.inv")},
        each(HTML, ("dassco.collision", "permalink-inv.md:3")), shows_objects_inv_intact),
    Row("an HTML file with a JPEG header named photo.html (published, its script runs)",
        {"photopage": page("title: Photo\nbackground: photo.html\nimageAlt: x"),
         "photobody": page("title: Photo body", "![A photo](photo.html)")},
        each(ALL, ("dassco.background", "photopage.md:3"), ("dassco.background", "photobody.md:5")),
        shows_no_html_image, files={"photo.html": jpeg() + b"<script>alert(1)</script>"}),
    Row("a title full of markup, in both languages (raw in the theme's navigation)",
        {"markup-first": page(f"title: '{MARKUP_TITLE}'"), "markup-last": page(f"title: '{MARKUP_TITLE}'")},
        {}, shows_markup_title_as_text),
    Row("a toctree entry's explicit title full of markup (raw in the theme's navigation too)",
        {"toc-explicit": page("title: Plain")}, {}, shows_toctree_title_as_text),
    Row("myst: block enabling substitution (Jinja at build time)",
        {"substitution": "---\ntitle: Subst\nmyst:\n  enable_extensions: [substitution]\n  substitutions:\n"
                         "    x: \"{{ 7*7 }}\"\n---\n\nValue {{ x }}\n"},
        each(ALL, *[("dassco.myst_option", "substitution.md:3")] * 2), shows_no_jinja),
    Row("height calc(70vh /*) (hides overlayColor)",
        {"calc-comment": page("title: Calc\nheight: calc(70vh /*)\noverlayColor: '#000'")},
        each(ALL, ("dassco.height", "calc-comment.md:3")), shows_default_height("calc-comment")),
    Row("height calc(1px)calc(2px)",
        {"calc-two": page("title: Calc two\nheight: calc(1px)calc(2px)")},
        each(ALL, ("dassco.height", "calc-two.md:3")), shows_default_height("calc-two")),
    Row("a key name with a newline and terminal escapes (forged ERROR: lines)",
        {"keyname": page('title: Key\n"bad\\nERROR: forged\\x1b[31m": 1')},
        each(ALL, ("dassco.text", "keyname.md:3"), ("dassco.unknown_key", "keyname.md:3")),
        shows_one_line_per_warning),
    Row("duplicate keys (the last kept silently)",
        {"duplicate": page("title: First\ntitle: Second")},
        each(ALL, ("dassco.front_matter", "duplicate.md:3")), shows_last_duplicate),
    Row("a control character in a description (breaks the .pot)",
        {"control": page('title: Control\ndescription: "a\\x04b"')},
        each(ALL, ("dassco.text", "control.md:3")), shows_pot_readable),
    Row("Plural-Forms that is not a formula (silently ignored; msgfmt --check refuses it)",
        {"plural": page("title: Plural")}, each(DANISH, ("dassco.po_syntax", "plural.po:2")),
        shows_plural_untranslated,
        files={"locale/da/LC_MESSAGES/plural.po": PO_HEAD + '"Plural-Forms: nplurals=2; plural=__import__(os);\\n"\n\n'
               'msgid "Plural"\nmsgstr "Flertal"\n'}),
    Row("a redirect's URL to a page with a non-ASCII name (double-encoded)",
        {"renamedæ": page("title: Renamed\npermalink: old/path")}, {}, shows_redirect_quoted_once),
    Row("a .po that is not UTF-8 (msgfmt named its column as the line; Sphinx named no line)",
        {"latin": page("title: Latin", "Cheese.")}, each(DANISH, ("dassco.po_syntax", "latin.po:6")),
        lambda apps: _check("Cheese." in html(apps["da"], "latin").get_text()),
        files={"locale/da/LC_MESSAGES/latin.po": (PO_HEAD + '\nmsgid "Cheese."\nmsgstr "Ost ').encode() + b'\xe6"\n'}),
    Row("a huge msgstr (50 MB took 6 GB; bounded at 100,000 characters)",
        {"hugemsg": page("title: Huge", "Short source.")}, each(DANISH, ("dassco.limit", "hugemsg.po:5")),
        shows_source_text,
        files={"locale/da/LC_MESSAGES/hugemsg.po": PO_HEAD + '\nmsgid "Short source."\nmsgstr "' + "ord " * 30_000 + '"\n'}),
    Row("translated title and description over 200 / 2,000 characters",
        {"longda": page("title: Long Danish\ndescription: Short.")},
        each(DANISH, ("dassco.title", "longda.md:2"), ("dassco.key_type", "longda.md:3")), shows_cut_translation,
        files={"locale/da/LC_MESSAGES/longda.po": PO_HEAD + '\nmsgid "Long Danish"\nmsgstr "'
               + "t" * 300 + '"\n\nmsgid "Short."\nmsgstr "' + "d " * 1500 + '"\n'}),
    Row("2,000 buttons in one paragraph (20,000: make bench)",
        {"buttons": page("title: Buttons", " ".join(f"[B{i}](/index){{: .button}}" for i in range(2000)))},
        {}, shows_many_buttons),
    Row("a 30000x30000 PNG cover, 109 KB (DecompressionBombError, no PDF at all)",
        {"bomb": page("title: Bomb\nbackground: big.png\nimageAlt: x")},
        each(ALL, ("dassco.limit", "bomb.md:3")), shows_pdf_without_cover,
        files={"big.png": "30000x30000"}),
    Row("a 13000x13000 cover (took 2.2 GB; dassco_max_image_pixels, default 40 megapixels)",
        {"big13": page("title: Thirteen\nbackground: big13.png\nimageAlt: x")},
        each(ALL, ("dassco.limit", "big13.md:3")),
        lambda apps: _check("Thirteen" in pdf_text(apps["brief"], "big13") and hero_of(apps["en"], "big13").img is None),
        files={"big13.png": "13000x13000"}),
    Row("a site dassco.po wording the QR text with an unknown placeholder (KeyError)",
        # judged as every interface translation is (i18n.languages): one warning at its line in
        # each Danish build, and the English wording is used
        {}, each(DANISH, ("dassco.interface_translation", "dassco.po:5")), shows_english_qr_text,
        files={"locale/da/LC_MESSAGES/dassco.po": PO_HEAD + '\nmsgid "QR code to the online version of this page: {url}"\n'
               'msgstr "QR-kode til {adresse}"\n'}),
    Row("SOURCE_DATE_EPOCH beyond year 9999 (ValueError)",
        {}, each(("brief",), ("dassco.brief", "environment")), shows_dated_now),
    Row("brief pages news-item and news/item with lang-ref news-item (one PDF over the other)",
        {"news-item": page("title: News dash"), "news/item": page("title: News slash\nlang-ref: news-item")},
        {**each(ALL, ("dassco.lang_ref", "item.md:3")),
         "brief": [("dassco.lang_ref", "item.md:3"), ("dassco.collision", "item.md:3")]},
        shows_one_pdf_per_name),
    Row("a {download} link in a brief (prints a local file:/// path)",
        {"download": page("title: Download", "Get {download}`the data <data.txt>`.")}, {}, shows_online_download,
        files={"data.txt": "data\n"}),
]


def _write_site(srcdir: Path) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    names = [name for row in ROWS for name in row.pages]
    order = ["markup-first", *[n for n in names if n.startswith("markup") is False], "markup-last"]
    toctree = "\n".join(order).replace("toc-explicit", f"{TOC_TITLE} <toc-explicit>")
    (srcdir / "index.md").write_text(f"---\ntitle: Home\n---\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for row in ROWS:
        for name, text in row.pages.items():
            path = srcdir / f"{name}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for name, content in row.files.items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".png"):
                width, height = map(int, str(content).split("x"))
                path.write_bytes(png(width, height))
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    po = srcdir / "locale" / "da" / "LC_MESSAGES"
    po.mkdir(parents=True, exist_ok=True)
    (po / "markup-first.po").write_text(
        PO_HEAD + f'\nmsgid "{MARKUP_TITLE.replace(chr(34), chr(92) + chr(34))}"\n'
        f'msgstr "{MARKUP_TITLE_DA.replace(chr(34), chr(92) + chr(34))}"\n', encoding="utf-8")
    shutil.copy(po / "markup-first.po", po / "markup-last.po")


def _build(srcdir: Path, outdir: Path, builder: str, **overrides: object) -> SphinxTestApp:
    return build_app(srcdir, outdir, builder, confoverrides=overrides)


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust")
    srcdir = root / "src"
    _write_site(srcdir)
    built = {
        "en": _build(srcdir, root / "en", "html", language="en"),
        "da": _build(srcdir, root / "da", "html", language="da"),
        "gettext": _build(srcdir, root / "gettext", "gettext"),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "999999999999")
        built["brief"] = _build(srcdir, root / "brief", "brief", language="da")
    return built


#: Warnings of Sphinx itself that the generated site gives on purpose (none).
@pytest.mark.parametrize("build", ["en", "da", "brief", "gettext"])
def test_each_build_logs_exactly_the_rows_warnings_and_no_traceback(apps, build):
    app = apps[build]
    text = app.warning.getvalue() + app.status.getvalue()
    assert "Traceback" not in text and "Exception occurred" not in text
    found = warnings_of(app)
    assert len(found) == len([line for line in app.warning.getvalue().splitlines() if line.strip()]), app.warning.getvalue()
    got = sorted((w.type or "", f"{w.file}:{w.line}" if w.line else w.file) for w in found)
    wanted = sorted(item for row in ROWS for item in row.expect.get(build, []))
    missing = [w for w in wanted if w not in got]
    unexpected = [w for w in got if w not in wanted]
    assert got == wanted, f"missing {missing}, unexpected {unexpected}:\n{app.warning.getvalue()}"
    assert all(w.location for w in found), "every warning is located"


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_row_shows_a_safe_fallback(apps, row):
    row.shows(apps)


def test_the_table_has_every_example_of_the_issue():
    assert len(ROWS) >= 24


def test_an_image_changed_between_builds_is_judged_again(tmp_path):
    """Image headers are read once per file and version in a build, and not kept past it: a
    hero replaced by a PNG under its JPEG name is refused by the next build in the same process."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["dassco_ext"]\n')
    (srcdir / "index.md").write_text(page("title: Home\nbackground: hero.jpg\nimageAlt: A drawing") + "\n"
                                     + "```{toctree}\n:hidden:\n\nother\n```\n")
    (srcdir / "other.md").write_text(page("title: Other\nbackground: hero.jpg\nimageAlt: A drawing"))
    (srcdir / "hero.jpg").write_bytes(jpeg())
    first = build_app(srcdir, tmp_path / "out")
    assert warnings_of(first) == []
    (srcdir / "hero.jpg").write_bytes(png(64, 48))
    second = build_app(srcdir, tmp_path / "out")
    found = sorted((w.type, w.file, w.line) for w in warnings_of(second))
    assert found == [("dassco.background", "index.md", 3), ("dassco.background", "other.md", 3)], found
