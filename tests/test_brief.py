"""PDF briefs (``-b brief``), as a reader of the printed or opened PDF sees them.

Each root is built once per module (a brief costs about a second) with
:func:`dassco_ext.testing.build_site` (Sphinx's own ``SphinxTestApp``); the tests open the
PDFs with pypdf and poppler-utils (``pdftotext``, ``pdffonts``, ``pdfimages``, ``pdftoppm``).
"""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dassco_ext.cli import build as build_cli
from dassco_ext.cli import pdf as pdf_cli
from dassco_ext.config import configured_languages, read_conf
from dassco_ext.pdf import builder as brief
from dassco_ext.testing import (
    assert_no_warnings,
    build_site,
    copy_site,
    expect_warnings,
    warnings_of,
)

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

A4 = (595.28, 841.89)  # points
EPOCH = 1700000000
BASE = "https://www.dassco.test/site/"


def build(rootdir: Path, root: str, tmp: Path, **overrides: object) -> SphinxTestApp:
    return build_site(rootdir / f"test-{root}", tmp, "brief", confoverrides=overrides)


@pytest.fixture(scope="module")
def en(rootdir, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        return build(rootdir, "brief", tmp_path_factory.mktemp("en"))


@pytest.fixture(scope="module")
def da(rootdir, tmp_path_factory):
    return build(rootdir, "brief", tmp_path_factory.mktemp("da"), language="da")


@pytest.fixture(scope="module")
def bad(rootdir, tmp_path_factory):
    return build(rootdir, "brief-bad", tmp_path_factory.mktemp("bad"))


def pdf(app: SphinxTestApp, name: str = "about") -> Path:
    return Path(app.outdir, f"{name}.pdf")


def text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pages(path: Path) -> list:
    from pypdf import PdfReader

    return list(PdfReader(path).pages)


def images(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    head = lines[0].split()
    return [dict(zip(head, line.split(), strict=False)) for line in lines[2:]]


def link_uris(path: Path) -> set[str]:
    uris = set()
    for page in pages(path):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


# --- what is written -------------------------------------------------------------------------

def test_one_pdf_per_brief_page(en):
    assert_no_warnings(en)
    # "about" from dassco_briefs, "news" from front matter (named by its lang-ref); "skipped"
    # is listed in conf.py but says brief: false; "data" is no brief
    # nothing else: no HTML, static files or permalink redirects (news has permalink latest-news)
    assert sorted(p.name for p in Path(en.outdir).iterdir()) == ["about.pdf", "news-brief.pdf"]
    assert pdf(en).stat().st_size < 1_500_000


def test_every_page_is_a4(en, da):
    for path in (pdf(en), pdf(en, "news-brief"), pdf(da)):
        sizes = {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in pages(path)}
        assert sizes == {A4}, path


def test_cover_is_the_hero(en):
    cover = text(pdf(en), 1)
    for expected in (
        "About",
        "The national programme that digitises Denmark’s natural history",
        "Photo: NHMD",
        "DaSSCo",
    ):
        assert expected in cover
    assert "What is DaSSCo?" not in cover  # the content starts on page 2
    everything = text(pdf(en))
    for site_only in ("Search", "Skip to main content", "Light", "Dark", "¶"):
        assert site_only not in everything


def test_cover_image_at_print_size(en):
    found = [i for i in images(pdf(en)) if i["page"] == "1" and i["enc"] == "jpeg"]
    assert len(found) == 1
    # the 3000x4000 px source is cropped to A4's shape; it has the pixels for 300 dpi, and
    # less than twice them, so it is not reduced
    width, height = int(found[0]["width"]), int(found[0]["height"])
    assert (width, abs(height - round(width * 297 / 210)) <= 1) == (2828, True)
    assert 300 <= int(found[0]["x-ppi"]) < 600
    # the content's own images are printed as they are, from page 2 on
    assert [(i["width"], i["height"]) for i in images(pdf(en)) if i["page"] != "1"] == [("300", "120")]


def test_cover_image_covers_the_page(en, tmp_path):
    """Page 1 rendered: its corners and edges show the image (under the hero's 60 % black
    overlay), not white paper and not the plain background of a cover without image."""
    from PIL import Image

    from dassco_ext.pdf.cover import choose_layout

    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-png", "-singlefile", str(pdf(en)), str(tmp_path / "cover")],
        check=True,
    )
    with Image.open(Path(en.srcdir, "assets", "cover.jpg")) as source:
        layout = choose_layout(*source.size)
        assert layout.kind == "full-bleed"
        crop = source.convert("RGB").crop(layout.box)
    with Image.open(tmp_path / "cover.png") as image:
        page = image.convert("RGB")
    crop = crop.resize(page.size)
    w, h = page.size
    for x, y in ((1, 1), (w - 2, 1), (1, h - 2), (w - 2, h - 2), (w // 2, 1), (1, h // 2)):
        expected = [round(0.4 * c) for c in crop.getpixel((x, y))]
        got = page.getpixel((x, y))
        assert all(abs(g - e) <= 12 for g, e in zip(got, expected, strict=True)), (x, y, got, expected)
    top, bottom = page.getpixel((w // 2, 1)), page.getpixel((w // 2, h - 2))
    assert sum(bottom) - sum(top) > 20  # the image's gradient, so not a flat colour


def test_fonts_embedded_and_subset(en, da):
    for path in (pdf(en), pdf(da)):
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
        rows = [line.split() for line in out.splitlines()[2:]]
        assert rows
        for row in rows:
            name, emb, sub = row[0], row[-5], row[-4]
            assert (emb, sub) == ("yes", "yes"), row
            assert re.fullmatch(r"[A-Z]{6}\+Inter(-\w+)?", name), row


def test_links_are_clickable_and_printed(en):
    assert link_uris(pdf(en)) == {
        f"{BASE}en/data.html",
        "https://www.dissco.eu",
        "https://www.dissco.eu/about/",
        "https://snm.ku.dk",
    }
    content = " ".join(text(pdf(en), 2).split())
    assert f"the data portal ({BASE}en/data.html)" in content
    assert "DiSSCo (https://www.dissco.eu/about/)" in content
    # the button is a link with its URL, like any other
    assert f"Call to action ({BASE}en/data.html)" in content
    assert f"See the data ({BASE}en/data.html)" in " ".join(text(pdf(en), 1).split())


def test_qr_code_leads_to_the_online_page(en, da, tmp_path):
    import segno
    from PIL import Image

    for app, language in ((en, "en"), (da, "da")):
        url = f"{BASE}{language}/about.html"
        out = tmp_path / language
        subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-png", str(pdf(app)), str(out)], check=True)
        expected = segno.make(url, error="m")
        size = len(expected.matrix) + 8  # 4 modules of quiet zone on each side
        codes = [p for p in tmp_path.glob(f"{language}-*.png") if Image.open(p).size == (size, size)]
        assert len(codes) == 1
        with Image.open(codes[0]) as image:
            gray = image.convert("L")
            got = [[gray.getpixel((x + 4, y + 4)) < 128 for x in range(size - 8)] for y in range(size - 8)]
        assert got == [[bool(m) for m in row] for row in expected.matrix]
        assert url in "".join(text(pdf(app), 1).split())


def test_outline_matches_headings(en):
    from pypdf import PdfReader

    def titles(outline):
        return [titles(o) if isinstance(o, list) else o.title for o in outline]

    assert titles(PdfReader(pdf(en)).outline) == [
        "About",
        ["What is DaSSCo?", "Why DaSSCo?", ["Who are we?"]],
    ]


def test_page_numbers_from_page_2(en):
    count = len(pages(pdf(en)))
    assert count >= 2
    assert "Page" not in text(pdf(en), 1)
    for number in range(2, count + 1):
        page = text(pdf(en), number)
        assert f"Page {number} of {count}" in page
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[:2] == ["DaSSCo", "About"]  # running header: site name, page title


def test_metadata(en):
    from pypdf import PdfReader

    reader = PdfReader(pdf(en))
    assert reader.metadata.title == "About"
    assert reader.metadata.author == "DaSSCo"
    assert reader.metadata.creation_date == datetime.datetime.fromtimestamp(EPOCH, datetime.UTC)
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_tagged_pdf(en):
    from pypdf import PdfReader

    root = PdfReader(pdf(en)).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    roles, alts = [], []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            roles.append(str(node["/S"]))
        if "/Alt" in node:
            alts.append(str(node["/Alt"]))
        if "/K" in node:
            walk(node["/K"])

    walk(root["/StructTreeRoot"])
    for role in ("/H1", "/H2", "/H3", "/P", "/Link", "/Figure"):
        assert role in roles
    assert "Specimen trays" in alts
    assert "A diagram of the workflow" in alts
    assert any(alt.startswith("QR code") and alt.endswith("/en/about.html") for alt in alts)


def test_brief_without_image_has_a_plain_cover(en):
    assert "News" in text(pdf(en, "news-brief"), 1)
    assert [i["enc"] for i in images(pdf(en, "news-brief"))] == ["image"]  # the QR code only


# --- Danish ----------------------------------------------------------------------------------

def test_danish_brief(da):
    assert_no_warnings(da)
    everything = text(pdf(da))
    assert "Om os" in text(pdf(da), 1)
    for word in ("Hvad er DaSSCo?", "på", "sårbare", "færre", "står", "Læs den online"):
        assert word in everything
    count = len(pages(pdf(da)))
    assert f"Side {count} af {count}" in text(pdf(da), count)
    assert "Page" not in everything
    assert f"{BASE}da/data.html" in link_uris(pdf(da))
    from pypdf import PdfReader

    assert PdfReader(pdf(da)).trailer["/Root"]["/Lang"] == "da"


def test_danish_hyphenation(da):
    import pyphen

    rules = pyphen.Pyphen(lang="da_DK")
    lines = [line.strip() for line in text(pdf(da)).splitlines()]
    breaks = [
        (line.split()[-1][:-1], after.split()[0])
        for line, after in zip(lines, lines[1:], strict=False)
        if line.endswith("\u2010") and after
    ]
    assert breaks, "no word was hyphenated"
    for head, tail in breaks:
        word = re.sub(r"\W", "", head + tail)
        positions = rules.positions(word.lower())
        assert len(re.sub(r"\W", "", head)) in positions, f"{head}-{tail} is not a Danish break"


# --- bad input -------------------------------------------------------------------------------

def test_bad_input_one_warning_each_and_the_rest_builds(bad):
    found = expect_warnings(
        bad,
        ("dassco.baseurl", "conf.py:1"),
        ("dassco.brief", "conf.py:4"),
        ("dassco.brief_image", "small.md:4"),
        ("dassco.background", "broken.md:4"),  # its header is judged on the page already
        ("dassco.background", "missing.md:4"),
        ("dassco.brief", "escape.md:3"),
    )
    messages = {w.type: [] for w in found}
    for w in found:
        messages[w.type].append(w.message)
    assert any("200x150 px" in m for m in messages["dassco.brief_image"])
    assert any("broken.jpg' is not a JPEG" in m for m in messages["dassco.background"])
    assert any("'no-such-page'" in m for m in messages["dassco.brief"])
    assert any("'../../escape'" in m for m in messages["dassco.brief"])
    assert sorted(p.name for p in Path(bad.outdir).glob("*.pdf")) == [
        "about.pdf", "broken.pdf", "escape.pdf", "missing.pdf", "small.pdf",
    ]
    assert not list(Path(bad.outdir).parent.rglob("escape.pdf"))[1:]  # nothing outside outdir
    assert "Traceback" not in bad.status.getvalue() + bad.warning.getvalue()


def test_without_baseurl_links_print_as_relative_paths(bad):
    assert "the small page (small.html)" in " ".join(text(pdf(bad)).split())
    assert not any(uri.startswith("file:") for uri in link_uris(pdf(bad)))
    assert images(pdf(bad)) == []  # no QR code without an online address


def test_small_cover_is_used_broken_cover_is_not(bad):
    assert [i["page"] for i in images(pdf(bad, "small"))] == ["1"]
    assert images(pdf(bad, "broken")) == []
    assert "Broken" in text(pdf(bad, "broken"), 1)
    assert not [w for w in warnings_of(bad) if "Traceback" in w.message]


# --- pieces ----------------------------------------------------------------------------------

def test_css_strings_cannot_escape():
    value = brief.css_string('a"b</style>\\c\nd')
    assert value.count('"') == 2 and "<" not in value and "\n" not in value
    assert brief.page_counter_css("Side {page} af {pages}") == (
        '"Side " counter(page) " af " counter(pages)'
    )


def test_languages_from_conf(tmp_path):
    (tmp_path / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    assert configured_languages(read_conf(tmp_path)) == ["en"]
    (tmp_path / "conf.py").write_text("dassco_languages = ['en', 'da']\n", encoding="utf-8")
    assert configured_languages(read_conf(tmp_path)) == ["en", "da"]


def test_languages_build_side_by_side(rootdir, tmp_path):
    srcdir = copy_site(rootdir / "test-brief", tmp_path / "src")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("dassco_languages = ['en', 'da']\n")
    code = pdf_cli.main([str(srcdir), str(tmp_path / "_build"), "--languages", "en da", "--", "-q", "-W"])
    assert code == 0
    out = tmp_path / "_build" / "pdf"
    assert (out / "en" / "about.pdf").is_file()
    assert (out / "da" / "about.pdf").is_file()
    assert "Side 2" in text(out / "da" / "about.pdf")


def test_weasyprint_fetches_nothing_remote_and_reports_problems(tmp_path, monkeypatch):
    reported = []
    monkeypatch.setattr(brief, "warn", lambda kind, message, location: reported.append((kind, message, location)))
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"")
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    html = (
        '<html lang="en"><title>t</title><p style="colour: red">x</p>'
        f'<img src="https://example.com/a.png" alt=""><img src="{outside.as_uri()}" alt="">'
    )
    brief.write_pdf(html, tmp_path / "x.pdf", srcdir, ("page", None))
    assert (tmp_path / "x.pdf").is_file()
    messages = [m for _kind, m, _loc in reported]
    assert {kind for kind, _m, _loc in reported} == {brief.DasscoWarnings.BRIEF}
    # WeasyPrint's own log (an unknown CSS property) stays WeasyPrint's: loggers are not ours
    assert any("no network" in m for m in messages)
    assert any("outside the source tree" in m for m in messages)


def test_languages_run_at_the_same_time(tmp_path, monkeypatch):
    import threading

    both_started = threading.Barrier(2, timeout=30)  # a serial run would never get past it
    commands = []

    def fake_run(command, check, **kwargs):
        commands.append(command)
        both_started.wait()
        return subprocess.CompletedProcess(command, 0, "", "")

    (tmp_path / "conf.py").write_text("dassco_languages = ['en', 'da']\n", encoding="utf-8")
    monkeypatch.setattr(build_cli.subprocess, "run", fake_run)
    assert pdf_cli.main([str(tmp_path), str(tmp_path / "out"), "--jobs", "2", "--", "-W"]) == 0
    assert sorted(c[c.index("-D", c.index("-W")) + 1] for c in commands) == ["language=da", "language=en"]
    assert all(c[c.index("-b") + 1] == "brief" for c in commands)


def test_bad_brief_settings_fall_back_to_defaults(rootdir, tmp_path, make_app):
    srcdir = copy_site(rootdir / "test-brief", tmp_path / "src")
    app = make_app(
        "brief", srcdir=srcdir,
        confoverrides={"dassco_online_path": "https://elsewhere/{page}", "dassco_brief_min_dpi": 5},
    )
    found = warnings_of(app)
    assert sorted(w.type for w in found) == ["dassco.config", "dassco.config"]
    assert app.config.dassco_online_path == "{language}/{page}"
    assert app.config.dassco_brief_min_dpi == 300
