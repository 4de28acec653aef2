"""Property tests: arbitrary editor text never raises, and what reaches HTML is escaped."""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dassco_ext.config import DasscoConfig
from dassco_ext.i18n.interface import CLOSE, OPEN, mark_untranslated, rewrite
from dassco_ext.page.attrlists import parse_attr_list
from dassco_ext.page.cssvalues import is_css_color, is_css_length
from dassco_ext.page.frontmatter import (
    DASSCO_KEYS,
    normalize_permalink,
    read_front_matter,
)
from dassco_ext.page.links import make_link, url_scheme
from dassco_ext.testing import build_site, copy_site, html_of
from dassco_ext.warnings_ import DasscoWarnings

SUBTYPES = {kind.value for kind in DasscoWarnings}

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
front_matter_dicts = st.dictionaries(st.sampled_from([*DASSCO_KEYS, "imagelicence", "x"]) | st.text(max_size=10), yaml_values, max_size=8)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def records():
    handler = _Records()
    logger = logging.getLogger("sphinx.dassco_ext")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=front_matter_dicts)
def test_schema_returns_or_warns_never_raises(records, data):
    records.clear()
    text = yaml.safe_dump(data, allow_unicode=True)
    result = read_front_matter(text, source="p.md", docname="p", first_line=2)
    assert result is not None
    for name in ("title", "description", "background", "image_alt", "image_license", "pre_title"):
        assert getattr(result, name) is None or isinstance(getattr(result, name), str)
    for record in records:
        assert getattr(record, "type", None) == "dassco" and record.subtype in SUBTYPES


@settings(max_examples=300)
@given(text=st.text(max_size=200))
def test_schema_survives_any_text(text):
    result = read_front_matter(text, source="p.md", docname="p", first_line=2)
    assert result is None or result.source == "p.md"


@settings(max_examples=500)
@given(body=st.text(st.characters(blacklist_characters="{}\n", blacklist_categories=("Cs",)), max_size=80))
def test_attr_list_parser_takes_only_names(body):
    attrs = parse_attr_list(body)
    name = re.compile(r"[A-Za-z_][\w\-]*")
    assert all(name.fullmatch(c) for c in attrs.classes)
    assert all(name.fullmatch(i) for i in attrs.ids)
    # nothing is dropped silently: every character is a class, an id, or reported
    accepted = [f".{c}" for c in attrs.classes] + [f"#{i}" for i in attrs.ids]
    assert sorted("".join(body.split())) == sorted("".join("".join([*accepted, *attrs.refused]).split()))


@settings(max_examples=500)
@given(value=st.text(max_size=60))
def test_css_checks_never_let_a_declaration_out(value):
    for check in (is_css_length, is_css_color):
        if check(value):
            assert not re.search(r"[;:\"'<>{}\\\\]|url|expression|var\(", value, re.IGNORECASE), value


@settings(max_examples=500)
@given(value=st.text(max_size=60))
def test_permalinks_stay_site_paths(value):
    normal = normalize_permalink(value)
    assert normal is None or (".." not in normal.split("/") and re.fullmatch(r"[A-Za-z0-9._~\-/]*", normal))


def test_every_default_setting_passes_its_own_check():
    """config._validate does not check a value equal to its default: each must be valid."""
    import dataclasses as dc

    from dassco_ext.config import _default

    for field in dc.fields(DasscoConfig):
        default = _default(field)
        assert field.metadata["check"](default), field.name
        if isinstance(default, tuple):  # registered as a list, so -D works on the command line
            assert field.metadata["check"](list(default)), field.name


def _env() -> SimpleNamespace:
    import dataclasses as dc

    defaults = DasscoConfig()
    config = SimpleNamespace(**{f"dassco_{f.name}": getattr(defaults, f.name) for f in dc.fields(DasscoConfig)})
    return SimpleNamespace(config=config, docname="a/b")


@settings(max_examples=500)
@given(href=st.text(max_size=60) | st.sampled_from(["javascript:alert(1)", " JaVa\tScRiPt:x", "data:text/html,x", "vbscript:x"]))
def test_link_resolver_only_makes_safe_links(href):
    node = make_link("label", href, "p.md", 3, _env())
    refuri = node.get("refuri") if hasattr(node, "get") else None
    if refuri:
        assert url_scheme(refuri) in ("http", "https", "mailto", "tel")
    if url_scheme(href) in ("javascript", "vbscript", "data", "file"):
        assert not refuri and node.get("reftarget") is None


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(str.strip)
ALLOWED_TAGS = {"section", "div", "p", "h1", "img", "button", "svg", "circle", "rect", "span", "a", "em", "strong", "code"}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pages=st.lists(st.tuples(printable, printable, printable), min_size=6, max_size=6))
def test_hero_html_is_escaped(rootdir, tmp_path_factory, pages):
    """Arbitrary titles, descriptions and credits: text comes out as text, never as markup."""
    work = tmp_path_factory.mktemp("prop")
    root = copy_site(rootdir / "test-hero-keys", work / "root")
    names = []
    for index, (title, description, credit) in enumerate(pages):
        front = yaml.safe_dump({"title": title, "description": description, "imageLicense": credit}, allow_unicode=True)
        (root / f"p{index}.md").write_text(f"---\n{front}---\n\nBody.\n", encoding="utf-8")
        names.append(f"p{index}")
    (root / "index.md").write_text("# Home\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8")
    app = build_site(root, work, confoverrides={"smartquotes": False})
    assert "Traceback" not in app.warning.getvalue()
    for name, (title, description, _credit) in zip(names, pages, strict=True):
        hero = html_of(app, name).select_one("section.dassco-hero")
        assert {tag.name for tag in hero.find_all(True)} <= ALLOWED_TAGS
        assert hero.select_one(".dassco-hero-description").get_text() == description.strip()
        shown = hero.select_one("h1.dassco-hero-title").get_text()
        assert shown == title.strip()[:200] or shown.endswith("…")
        assert not hero.select("[onclick], [onerror], [style*='url']")


# --- the interface's untranslated words: sentinels become marks in text, nothing elsewhere --------

#: Pieces of HTML (and broken HTML) that change where a sentinel lands.
HTML_PIECES = [
    "<", ">", "</", "/>", "=", '"', "'", " ", "\n", "&amp;", "word", "<p>", "</p>", "<span>", "</span>",
    "<a href='", "<a href=x>", "</a>", "<div>", "</div>", "<br>", "<em>", "</em>", "<img alt=\"", "<script>",
    "</script>", "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<select>",
    "<option>", "</option>", "</select>", "<svg>", "</svg>", "<head>", "</head>", "<!--", "-->", "<!DOCTYPE html>",
    "<input value=\"", "<plaintext>", "<b x='>'>", OPEN, CLOSE, OPEN, CLOSE,
]
html_pieces = st.sampled_from(HTML_PIECES) | st.text(st.characters(blacklist_characters="\x01\x02\\"), max_size=4)
#: Pieces, runs of them, and runs between a pair of sentinels (a message with no translation).
html_ish = st.recursive(
    html_pieces,
    lambda inner: st.lists(inner, max_size=6).map("".join) | inner.map(lambda text: OPEN + text + CLOSE),
    max_leaves=30,
)


@settings(max_examples=1000)
@given(html=html_ish)
def test_interface_marks_leave_no_sentinel_and_change_no_text(html):
    out = rewrite(html, "\x01", "\x02")
    assert OPEN not in out and CLOSE not in out
    # take the marks away: what is left is the page without its sentinels, to the character
    assert out.replace("\x01", "").replace("\x02", "") == html.replace(OPEN, "").replace(CLOSE, "")
    # marks come in pairs, never nested, each around something to read
    assert re.fullmatch(r"[^\x01\x02]*(?:\x01[^\x01\x02]*\x02[^\x01\x02]*)*", out)
    assert all(inside.strip() for inside in re.findall(r"\x01([^\x02]*)\x02", out))
    assert mark_untranslated(html, "en").count('<span lang="en">') == out.count("\x01")
    if OPEN not in html and CLOSE not in html:
        assert rewrite(html, "\x01", "\x02") is html  # a page without them is not even copied


@pytest.mark.parametrize(("html", "expected"), [
    (f"<p>{OPEN}Search{CLOSE}</p>", '<p><span lang="en">Search</span></p>'),
    (f'<input placeholder="{OPEN}Search{CLOSE}…">', '<input placeholder="Search…">'),
    ("<script>var s = \"\\ufdd0Search\\uFDD1\";</script>", '<script>var s = "Search";</script>'),
    (f"<title>{OPEN}Search{CLOSE}</title><p>x</p>", "<title>Search</title><p>x</p>"),
    (f"<p>{OPEN}Created with <a href='#'>Sphinx</a>.{CLOSE}</p>",
     '<p><span lang="en">Created with <a href=\'#\'>Sphinx</a>.</span></p>'),
    (f"<p>Äußeres {OPEN}inner{CLOSE}</p>", '<p>Äußeres <span lang="en">inner</span></p>'),
    (f"<p>{OPEN}outer {OPEN}inner{CLOSE}{CLOSE}</p>", '<p><span lang="en">outer inner</span></p>'),
    (f"<div>{OPEN}a</div><div>b{CLOSE}</div>", '<div><span lang="en">a</span></div><div><span lang="en">b</span></div>'),
    (f"<p>{OPEN}cut off</p>", "<p>cut off</p>"),
    (f"<select><option>{OPEN}one{CLOSE}</select><p>{OPEN}two{CLOSE}</p>",
     '<select><option>one</select><p><span lang="en">two</span></p>'),
    ("<p>no \\ufdd0 in text is a sentinel</p>", "<p>no \\ufdd0 in text is a sentinel</p>"),
    ('<a href="?q=%EF%B7%90Search%ef%b7%91">x</a>', '<a href="?q=Search">x</a>'),
    (f"<noscript><p>{OPEN}Turn JavaScript on{CLOSE}</p></noscript>",
     '<noscript><p><span lang="en">Turn JavaScript on</span></p></noscript>'),
    (f"<head><noscript>{OPEN}x{CLOSE}</noscript></head>", "<head><noscript>x</noscript></head>"),
])
def test_interface_marks_examples(html, expected):
    assert mark_untranslated(html, "en") == expected
