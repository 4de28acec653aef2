"""Property tests: arbitrary editor text never raises, and what reaches HTML is escaped."""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import pytest
import yaml
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dassco_ext.config import DasscoConfig
from dassco_ext.page.attrlists import parse_attr_list
from dassco_ext.page.cssvalues import is_css_color, is_css_length
from dassco_ext.page.frontmatter import (
    DASSCO_KEYS,
    normalize_permalink,
    read_front_matter,
)
from dassco_ext.page.links import make_link, url_scheme
from dassco_ext.page.urlrule import judge_links
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
    env = _env()
    root = nodes.paragraph("", "", make_link("label", href, "p.md", 3, env))
    judge_links(root, env.config.dassco_url_schemes)
    node = root[0]
    refuri = node.get("refuri")
    if refuri:
        assert url_scheme(refuri) in ("http", "https", "mailto", "tel")
    if url_scheme(href) in ("javascript", "vbscript", "data", "file"):
        assert not refuri and node.get("reftarget") is None and root.astext() == "label"


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


_LENGTHS = st.sampled_from(["10px", "2.5em", "50%", "-3vh", "0px", "1rem", "4.5cqi", "12PT"])
_NUMBERS = st.sampled_from(["2", "0.5", "-1", "3e0"])


@st.composite
def css_calc(draw, kind: str = "length", depth: int = 0, defect: bool = False) -> str:
    """A CSS math expression of ``kind`` (``length`` or ``number``) as browsers read it, or,
    with ``defect``, one that holds exactly one thing a browser refuses."""
    leaf = _LENGTHS if kind == "length" else _NUMBERS
    shapes = ["leaf", "sum", "product", "parens", "calc", "minmax", "clamp"] if depth < 3 else ["leaf"]
    if defect:
        here = depth >= 3 or draw(st.booleans())
        if here:
            a = draw(css_calc(kind, 3))
            b = draw(_LENGTHS if kind == "length" else _NUMBERS)
            other = draw(_NUMBERS if kind == "length" else _LENGTHS)
            return draw(st.sampled_from([
                f"max({a} {b})",                          # no comma
                f"clamp({a}, {b})", f"clamp({a}, {b}, {b}, {b})", f"calc({a}, {b})", "min()",  # arity
                f"calc({a} +{b.lstrip('-')})", f"calc({a}+ {b})", f"calc({a} -{b.lstrip('-')})",  # no spaces
                f"calc({a} + {other})", f"min({a}, {other})",  # types mixed
                f"calc({a} * {b})" if kind == "length" else f"calc({a} / {other})",  # a length by a length
                f"calc({a} {b})", f"calc({a} ^ {b})", f"calc({a} *)", f"var(--{b})",
            ]))
        shape = draw(st.sampled_from([s for s in shapes if s != "leaf"] or ["sum"]))
    else:
        shape = draw(st.sampled_from(shapes))
    if shape == "leaf":
        return draw(leaf)
    first = draw(css_calc(kind, depth + 1, defect))
    second = draw(css_calc(kind, depth + 1))
    if shape == "sum":
        return f"{first} {draw(st.sampled_from('+-'))} {second}"
    if shape == "product":
        number = f"({draw(css_calc('number', depth + 1))})"
        return draw(st.sampled_from([f"{first} * {number}", f"{number}*{first}", f"{first} / {number}"]))
    if shape == "parens":
        return f"({first})"
    if shape == "calc":
        return f"calc({first})"
    if shape == "minmax":
        rest = draw(st.lists(css_calc(kind, depth + 1), max_size=2))
        return f"{draw(st.sampled_from(['min', 'MAX']))}({', '.join([first, *rest])})"
    return f"clamp({second}, {first}, {second})"


@settings(max_examples=500)
@given(expression=css_calc(), defect=st.booleans(), data=st.data())
def test_a_height_is_accepted_exactly_when_a_browser_accepts_it(expression, defect, data):
    if defect:
        expression = data.draw(css_calc(defect=True))
    value = f"calc({expression})"
    assert is_css_length(value) is (not defect and len(value) <= 100), value


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spelling=st.sampled_from([".nan", ".NaN", ".inf", "-.Inf", "+.INF", '"nan"', "'-inf'", "1e999", '"Infinity"']))
def test_an_order_that_is_no_finite_number_says_so(records, spelling):
    records.clear()
    fm = read_front_matter(f"title: A\norder: {spelling}\n", source="p.md", docname="p", first_line=2)
    assert fm is not None and fm.order is None
    (record,) = records
    message = record.getMessage()
    assert "must be a finite number" in message and "not a number" not in message, message
    assert (record.subtype, record.location) == ("key_type", "p.md:3")


@st.composite
def per_language_front_matter(draw) -> tuple[str, int]:
    """Front matter with one refused per-language value (not text), and that value's line."""
    key = draw(st.sampled_from(["title", "description", "imageLicense", "cta"]))
    bad = draw(st.sampled_from(["[list]", "{x: 1}", "[]", "{}"]))
    before = ["", "    # a comment", ""][: draw(st.integers(0, 3))]
    head = ["title: T"] if key != "title" else []
    block = draw(st.booleans())  # the language on a line of its own, or a flow mapping
    if key == "cta":
        head += ["cta:", "  - href: /x"]
        body = ["    text:", *before, "      en: x", f"      da: {bad}"] if block else [
            *before, f"    text: {{en: x, da: {bad}}}"]
    else:
        body = [f"{key}:", "  en: x", *before, f"  da: {bad}"] if block else [
            *before, f"{key}: {{en: x, da: {bad}}}"]
    lines = [*head, *body]
    target = next(n for n, line in reversed(list(enumerate(lines))) if "da:" in line)
    return "\n".join(lines) + "\n", target + 2


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=per_language_front_matter())
def test_a_refused_per_language_value_is_reported_at_its_line(records, case):
    text, line = case
    records.clear()
    read_front_matter(text, source="p.md", docname="p", first_line=2, languages=("en", "da"))
    found = [(r.subtype, r.location) for r in records]
    assert found == [("per_language", f"p.md:{line}")], (text, found)
