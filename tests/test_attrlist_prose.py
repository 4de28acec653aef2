"""Prose that merely contains braces stays as written: only Kramdown's syntax is an attribute list.

``{:.2f}`` and ``{:>10}`` (format specs) or ``{: k for k in x}`` (Python) in an ordinary
paragraph, MyST or reStructuredText, are text: not removed, not warned about.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dassco_ext.page.attrlists import KramdownAttrLists, is_attr_list
from dassco_ext.testing import assert_no_warnings, html_of, main_of

PROSE = ("{:.2f}", "{:>10}", "{: k for k in x}", "{:}", "{: }", "{: {a} }", "{:.3e}")


@pytest.fixture(scope="module")
def site(site_builder):
    return site_builder("test-attrlist-prose")


def test_prose_with_braces_is_kept_and_not_warned_about(site):
    assert_no_warnings(site)
    text = main_of(html_of(site, "index")).get_text()
    for snippet in PROSE:
        assert snippet in text, snippet
    assert "Format a number with {:.2f} and align it with {:>10}." in text
    assert "link{:.2f} followed" in text.replace("\n", "")
    assert "Emphasis{: k for k in x} followed" in text
    assert "is Python\n{: k for k in x}" in text or "is Python {: k for k in x}" in text.replace("\n", " ")


def test_a_real_attribute_list_next_to_prose_still_applies(site):
    page = main_of(html_of(site, "index"))
    button = page.select_one("a.sd-btn")
    assert button is not None and button.get_text(strip=True) == "Read"
    assert "{: .button}" not in page.get_text()


def test_prose_in_restructuredtext_is_kept(site):
    text = main_of(html_of(site, "prose")).get_text()
    for snippet in ("{:.2f}", "{:>10}", "{: k for k in x}"):
        assert snippet in text, snippet
    assert "Emphasis{:.2f}" in text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" .button", True), (".a.b#c", True), (' .x title="a b"', True), ("#note-1", True),
        (' onclick="x"', True), (" .button ref", True),
        (".2f", False), (">10", False), (" k for k in x", False), ("", False), (" ", False),
        (" ref", False), (" .x style=red", False), (" .x,", False), ("::comment", False), (": x", False),
    ],
)
def test_the_recognition_rule(body, expected):
    assert is_attr_list(body) is expected


# --- the property: arbitrary braces that do not form an attribute list are text -------------

#: An oracle written apart from the package: Kramdown's IAL tokens, separated by blanks.
_TOKEN = r"""(?:(?:\.-?[A-Za-z_][\w-]*|#[A-Za-z][\w:-]*)+|[A-Za-z_][\w-]*=(?:"[^"\n]*"|'[^'\n]*')|[A-Za-z_][\w-]*)"""
_ORACLE = re.compile(rf"[ \t]*{_TOKEN}(?:[ \t]+{_TOKEN})*[ \t]*")
_SETS = re.compile(r"(?:^|[ \t])(?:(?:\.-?[A-Za-z_][\w-]*|#[A-Za-z][\w:-]*)+|[A-Za-z_][\w-]*=(?:\"[^\"\n]*\"|'[^'\n]*'))(?=[ \t]|$)")


def _looks_like_attr_list(text: str) -> bool:
    for start in [m.start() for m in re.finditer(r"\{:", text)]:
        close = text.find("}", start)
        line_end = text.find("\n", start)
        if close < 0 or (0 <= line_end < close):
            continue
        body = text[start + 2 : close]
        if "{" not in body and _ORACLE.fullmatch(body) and _SETS.search(body):
            return True
    return False


def _transformed(text: str, *, after_element: bool) -> tuple[str, list]:
    settings_ = get_default_settings(Parser)
    settings_.warning_stream = StringIO()
    document = new_document("prose.md", settings_)
    paragraph = nodes.paragraph()
    if after_element:
        paragraph += nodes.emphasis("", "word")
    paragraph += nodes.Text(text)
    document += paragraph
    logged = []
    from unittest import mock

    with mock.patch("dassco_ext.page.attrlists.warn", lambda *a, **k: logged.append(a)):
        KramdownAttrLists(document).apply()
    kept = document.children[0] if document.children else None
    return ("" if kept is None else kept.astext()), logged


_PROSE_CHARS = st.sampled_from(list("{}:.#=\"' \tkx0>,<2f-_") + ["\n", "{:", "{: ", ".2f", "k for", "#id", ".cls"])


@settings(max_examples=400, deadline=None)
@given(prefix=st.sampled_from(["", "Prose "]), pieces=st.lists(_PROSE_CHARS, max_size=40), after_element=st.booleans())
def test_braces_that_are_no_attribute_list_are_kept_as_written(prefix, pieces, after_element):
    text = prefix + "".join(pieces) + " end"
    assume(not _looks_like_attr_list(text))
    if after_element and text.startswith("{:"):  # an unclosed attribute list right after an element
        first_line = text[2:].split("\n", 1)[0]
        assume(not (_ORACLE.fullmatch(first_line) and _SETS.search(first_line)))
    result, logged = _transformed(text, after_element=after_element)
    expected = ("word" if after_element else "") + text
    assert result == expected
    assert logged == []
