"""Issue 13, for inputs nobody thought of: Hypothesis writes whole sites of hostile pages and
builds them for real (HTML in Danish, with translations; the ``brief`` PDF builder).

Generated: YAML structure (nesting, anchors and aliases, duplicate keys, any scalar, raw
YAML-ish text), Unicode with lone surrogates, control and bidi characters, paths, CSS values,
attribute lists and buttons, ``.po`` entries and headers, image files (real headers with any
size, truncated or lying about their format, under any extension) and ``SOURCE_DATE_EPOCH``.
Each example is one site of :data:`PAGES` pages, built once, so CI time stays modest.

A build must end normally (no traceback, no "Exception occurred"), every warning must be one
line with a location (a file, mostly ``file:line``), and no script the site did not write
may appear in any written page.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image
import sphinx.builders.gettext  # noqa: F401 (it reads SOURCE_DATE_EPOCH once, when first imported)
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from dassco_ext.envvars import epoch_problem
from dassco_ext.testing import build_app, warnings_of

PAGES = 12
#: Sites per property; ``DASSCO_ROBUST_EXAMPLES=N`` explores N more, at random (CI: fixed).
_MORE = int(os.environ.get("DASSCO_ROBUST_EXAMPLES", "0") or 0)
EXAMPLES = {"html": 6 + _MORE, "brief": 3 + _MORE // 2}
#: How many examples (sites) and pages the properties built in this run (for the report).
RUN = {"sites": 0, "pages": 0}

CONF = """
project = "DaSSCo"
extensions = ["dassco_ext"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
html_baseurl = "https://www.dassco.test/"
locale_dirs = ["locale"]
gettext_compact = False
dassco_languages = ["en", "da"]
dassco_briefs = {briefs!r}
"""

# --- text -------------------------------------------------------------------------------------

#: Characters that have broken or forged something before: controls (NUL, gettext's \x04,
#: ESC, newline), bidi overrides, separators, BOM, noncharacters, lone surrogates, markup.
NASTY = "\x00\x04\x07\x1b\n\r\t\x7f\x85\u200e\u202e\u2066\u2028\u2029\ufeff\ufffe\uffff\ud800\udfff<>&\"'`{}[]():;#*!|%@\\"
nasty_text = st.text(
    alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec=None), st.sampled_from("abc æøå ")),
    max_size=40,
)
markup_text = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}", "`code`",
    "**bold**", "[x](javascript:alert(1))", "{: .button}", "&amp;", "\\", "</title>", "<!--",
])
text = st.one_of(nasty_text, markup_text, st.builds(lambda a, b: a + b, markup_text, nasty_text))
long_text = st.builds(lambda t, n: t * n, st.sampled_from(["x", "æ ", "<b>", "\u202e"]), st.integers(0, 3000))

# --- paths, URLs, CSS -----------------------------------------------------------------------

IMAGE_NAMES = ["a.png", "b.jpg", "c.gif", "d.html", "e.svg", "f.webp", "g", "H.PNG", "i.jpeg"]
path = st.one_of(
    st.sampled_from([f"imgs/{n}" for n in IMAGE_NAMES] + [
        "/imgs/a.png", "../outside.jpg", "/etc/passwd", "imgs", "", ".", "a\x00b.jpg", "~/x.png",
        "C:\\x.png", "\\\\server\\x.png", "file:///etc/passwd", "data:image/png;base64,AAAA",
        "https://example.org/x.png", "x" * 300 + ".png", "imgs/" + "../" * 40 + "x.png",
    ]),
    nasty_text,
)
href = st.one_of(
    st.sampled_from([
        "/occurrence/search", "/", "/p0", "/p1#x", "p2", "../p3", "#top", "javascript:alert(1)",
        " JaVa\tScRiPt:alert(1)", "data:text/html,<script>", "mailto:a@b.c", "tel:+45", "https://ok.test/",
        "//evil.test", "/%00", "/" + "a/" * 200, "vbscript:x", "file:///etc", "/_static/x", "/objects.inv",
    ]),
    nasty_text,
)
css_value = st.one_of(
    st.sampled_from([
        "70vh", "calc(70vh /*)", "calc(1px)calc(2px)", "calc(1px", "1px;color:red", "url(x)", "var(--x)",
        "expression(alert(1))", "-1px", "0", "#fff", "#ffff", "rgb(0 0 0 / 50%)", "red;", "}", "</style>",
        "min(1px, 2vh)", "clamp(1px, 2px, (3px", "calc(" * 50, "1e999px", "NaNpx",
    ]),
    st.text(alphabet="0123456789.-+*/(),;:% calcminpxvhemrgb#abcdef'\"\\/*{}<>", max_size=30),
)
attr_body = st.text(alphabet=" .#=-_abcis\"'{}:onclickstyle<>\n\\", max_size=30)

# --- YAML -------------------------------------------------------------------------------------

scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text, long_text)
nested = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(nasty_text, inner, max_size=3)), max_leaves=12)
KEYS = ["title", "description", "background", "imageAlt", "imageLicense", "height", "overlayColor",
        "preTitle", "cta", "permalink", "lang-ref", "brief", "myst", "html_meta", "substitutions", "layout"]


@st.composite
def front_matter(draw) -> str:
    kind = draw(st.sampled_from(["schema", "schema", "raw", "deep", "aliases"]))
    if kind == "raw":
        return draw(st.text(alphabet=":-[]{}&*!|>'\"#%@`? \n\tabc\u00e6\u202e\x00", max_size=80))
    if kind == "deep":
        depth = draw(st.integers(20, 3000))
        open_, close = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
        if open_ == "- ":
            return "title: Deep\nx:\n" + "".join("  " * i + "- \n" for i in range(min(depth, 400)))
        return f"title: Deep\nx: {open_ * depth}1{close * depth}"
    if kind == "aliases":
        levels = draw(st.integers(2, 9))
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
        return "title: Laughs\n" + "\n".join(lines)
    lines = []
    for key in draw(st.lists(st.one_of(st.sampled_from(KEYS), nasty_text), max_size=8)):
        if key == "height" or key == "overlayColor":
            value = draw(css_value)
        elif key == "background":
            value = draw(path)
        elif key == "cta":
            value = draw(st.lists(st.fixed_dictionaries(
                {"text": text, "href": href}, optional={"isPrimary": st.one_of(st.booleans(), text)}), max_size=3))
        elif key == "permalink":
            value = draw(st.one_of(href, path))
        elif key == "myst":
            value = draw(st.dictionaries(st.sampled_from(
                ["enable_extensions", "substitutions", "heading_anchors", "url_schemes", "html_meta",
                 "fence_as_directive", "suppress_warnings", "nonsense"]), nested, max_size=3))
        else:
            value = draw(st.one_of(text, nested, long_text))
        lines.append(f"{json.dumps(key)}: {json.dumps(value)}")  # JSON is YAML; escapes keep surrogates
    return "\n".join(lines)


# --- page bodies ------------------------------------------------------------------------------

@st.composite
def body(draw, index: int) -> str:
    parts = [f"Paragraph {index}."]
    for _ in range(draw(st.integers(0, 5))):
        parts.append(draw(st.one_of(
            st.builds(lambda t, h, a: f"[{t}]({h}){{:{a}}}", text, href, attr_body),
            st.builds(lambda t, h: f"[{t}]({h}){{.button .is-primary}}", text, href),
            st.builds(lambda a: f"Text\n{{:{a}}}", attr_body),
            st.builds(lambda a, p: f"![{a}]({p})", text, path),
            st.builds(lambda n: " ".join(["[B](/p0){: .button}"] * n), st.integers(0, 300)),
            text,
        )))
    # an editor's own raw HTML in a page is the editor's (as on the Jekyll site): the body
    # holds none, so any script in the output came from front matter, a catalog or a file
    return "\n\n".join(p.replace("\n---", "\n - - -").replace("<", "&lt;") for p in parts)


# --- images -------------------------------------------------------------------------------------

def _png_header(width: int, height: int, tail: bytes) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk)) + tail


def _jpeg_header(width: int, height: int, tail: bytes) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof + tail


def _gif_header(width: int, height: int, tail: bytes) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + tail


def _real(fmt: str, width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 90, 130)).save(buffer, fmt)
    return buffer.getvalue()


size = st.integers(0, 70000)
image_bytes = st.one_of(
    st.builds(_png_header, size, size, st.binary(max_size=40)),
    st.builds(_jpeg_header, st.integers(0, 65535), st.integers(0, 65535), st.binary(max_size=40)),
    st.builds(_gif_header, st.integers(0, 65535), st.integers(0, 65535), st.binary(max_size=40)),
    st.builds(_real, st.sampled_from(["PNG", "JPEG", "GIF"]), st.integers(1, 300), st.integers(1, 300)),
    st.builds(lambda b: b + b"<script>alert(1)</script>", st.builds(_real, st.just("JPEG"), st.just(8), st.just(8))),
    st.binary(max_size=64),
)

# --- catalogs -------------------------------------------------------------------------------

def po_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


po_header_line = st.one_of(
    st.sampled_from([
        "Content-Type: text/plain; charset=UTF-8", "Content-Type: text/plain; charset=latin-1",
        "Content-Type: text/plain; charset=nonsense", "Plural-Forms: nplurals=2; plural=(n != 1);",
        "Plural-Forms: nplurals=2; plural=__import__('os');", "Plural-Forms: garbage",
        "Plural-Forms: nplurals=99; plural=n;", "Plural-Forms: nplurals=1; plural=" + "(" * 300 + "n" + ")" * 300 + ";",
        "Language: da",
    ]),
    st.builds(lambda t: "X-" + t, nasty_text),
)


@st.composite
def catalog(draw, index: int, title: str | None) -> str:
    lines = ['msgid ""', 'msgstr ""'] + [po_string(h + "\n") for h in draw(st.lists(po_header_line, max_size=3))]
    msgstr = st.one_of(text, long_text, st.builds(lambda t, h: f"[{t}]({h}){{: .button}}", text, href))
    entries = [("", f"Paragraph {index}.")] + ([("title", title)] if title else [])
    entries += draw(st.lists(st.tuples(st.sampled_from(["", "title", "description", "cta"]), text), max_size=2))
    for context, msgid in entries:
        lines.append("")
        if context:
            lines.append(f"msgctxt {po_string(context)}")
        lines += [f"msgid {po_string(msgid)}", f"msgstr {po_string(draw(msgstr))}"]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(['msgstr "dangling', 'msgid "x"', "#, fuzzy", 'msgid_plural "y"'])))
    return "\n".join(lines) + "\n"


# --- the site -----------------------------------------------------------------------------------

@st.composite
def site(draw) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in IMAGE_NAMES:
        files[f"imgs/{name}"] = draw(image_bytes)
    for index in range(PAGES):
        front = draw(front_matter())
        title = re.search(r'^"title": "(.*)"$', front, re.MULTILINE)
        text_ = f"---\n{front}\n---\n\n{draw(body(index))}\n"
        files[f"p{index}.md"] = text_.encode("utf-8", "surrogatepass")  # a lone surrogate: not UTF-8
        po = draw(catalog(index, json.loads(f'"{title[1]}"') if title else None))
        files[f"locale/da/LC_MESSAGES/p{index}.po"] = po.encode("utf-8", "surrogatepass")
    return files


def build(files: dict[str, bytes], root: Path, builder: str, **overrides: object) -> SphinxTestApp:
    shutil.rmtree(root, ignore_errors=True)
    srcdir = root / "src"
    srcdir.mkdir(parents=True)
    briefs = [f"p{i}" for i in range(3)]
    (srcdir / "conf.py").write_text(CONF.format(briefs=briefs), encoding="utf-8")
    toctree = "\n".join(f"p{i}" for i in range(PAGES))
    (srcdir / "index.md").write_text(f"---\ntitle: Home\n---\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for name, content in files.items():
        target = srcdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    app = build_app(srcdir, root / "out", builder, confoverrides=overrides)  # an exception fails the test
    RUN["sites"] += 1
    RUN["pages"] += PAGES
    return app


_SCRIPT_RE = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def assert_sound(app: SphinxTestApp) -> None:
    log = app.warning.getvalue()
    everything = log + app.status.getvalue()
    assert "Traceback" not in everything and "Exception occurred" not in everything, everything
    found = warnings_of(app)
    lines = [line for line in log.splitlines() if line.strip()]
    assert len(found) == len(lines), f"a warning that is not one parsable line:\n{log}"
    unlocated = [w for w in found if not w.location]
    assert not unlocated, f"unlocated warnings:\n{log}"
    for page in Path(app.outdir).rglob("*.html"):
        for script in _SCRIPT_RE.findall(page.read_text(encoding="utf-8", errors="replace")):
            assert "alert(" not in script, (page, script)


COMMON = dict(deadline=None, derandomize=not _MORE, suppress_health_check=list(HealthCheck), database=None,
              phases=[Phase.explicit, Phase.generate])  # a failing site is reported as it is: shrinking one takes minutes


@settings(max_examples=EXAMPLES["html"], **COMMON)
@given(files=site())
def test_html_builds_of_hostile_sites_end_cleanly(files, tmp_path_factory):
    app = build(files, tmp_path_factory.getbasetemp() / "hostile-html", "html", language="da")
    assert_sound(app)
    assert Path(app.outdir, "index.html").exists() and Path(app.outdir, "objects.inv").exists()


@settings(max_examples=EXAMPLES["brief"], **COMMON)
@given(files=site(), epoch=st.one_of(st.just(""), st.text(alphabet="0123456789-+. e", max_size=25), nasty_text))
def test_brief_builds_of_hostile_sites_end_cleanly(files, epoch, tmp_path_factory):
    epoch = epoch.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        if epoch_problem(epoch):  # Sphinx cannot read it: the build ends at once, as a config error
            with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
                build(files, tmp_path_factory.getbasetemp() / "hostile-brief", "brief", language="da")
            patch.delenv("SOURCE_DATE_EPOCH")
        app = build(files, tmp_path_factory.getbasetemp() / "hostile-brief", "brief", language="da")
    assert_sound(app)


def test_report_how_many_examples_ran():
    """Runs last in this module: the counts for issue 13's note (shown with ``-s``)."""
    print(f"\nrobustness properties: {RUN['sites']} generated sites, {RUN['pages']} generated pages built")
