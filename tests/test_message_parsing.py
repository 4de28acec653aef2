"""Translated messages: Sphinx's Locale parses every ``msgstr`` as a document of its own.

dassco-ext parses them cheaply (a page's second parse of a message is a copy of its first, a
plain-words message becomes its paragraph directly) and leaves no message document attached
to the page's nodes. These tests hold that to exactness: the fast paths must make exactly
what MyST makes, and a Danish site must come out byte for byte the same without them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dassco_ext.page.parser import _PLAIN_MESSAGE_RE, DasscoMystParser, read_topmatter
from dassco_ext.testing import assert_no_warnings, build_site, copy_project

REPO = Path(__file__).parent.parent
DANISH = {"language": "da"}
SOURCE = "page.md:7:<translated>"


@pytest.fixture(scope="module")
def app(site_builder):
    return site_builder("test-i18n", confoverrides=DANISH)


def _document(app):
    document_settings = get_default_settings(DasscoMystParser)
    document_settings.env = app.env
    return new_document(SOURCE, document_settings)


def _described(document) -> list[tuple]:
    """Every node with what a later transform or writer can see of it."""
    return [
        (type(node).__name__, str(node) if not hasattr(node, "attributes") else node.rawsource,
         getattr(node, "attributes", None), node.source, node.line)
        for node in document.findall(include_self=False)
    ]


def _by_myst(app, text: str):
    document = _document(app)
    DasscoMystParser._render(text, document, app.env.myst_config)
    return document


def _by_shortcut(app, text: str):
    document = _document(app)
    assert DasscoMystParser._plain_paragraph(text, document, app.env.myst_config)
    return document


PLAIN = [
    "Who works with DaSSCo?",
    "Velkommen til samlingerne – 1,5 milliarder (ca.) genstande: 100% digitalt!",
    "Hvad er DaSSCo's mål? \"Åbne data\" / åben software — for alle",
    "Æ", "x", "Dødsfald 1900",
    "See https://www.dassco.dk/data",  # without MyST's linkify a bare URL is text
]
NOT_PLAIN = [
    "1. a list", "- a list", "# a heading", "    code", " leading blank", "trailing blank ",
    "a *word*", "a _word_", "a `code`", "a [link](/data)", "a <b>tag</b>", "a {.button}",
    "an &amp; entity", "an \\* escape", "two\nlines", "a $math$", "a ~strike~", "a | b",
    "", "_under", "an email@example.org",
]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_message_becomes_what_myst_makes_of_it(app, text):
    assert _PLAIN_MESSAGE_RE.fullmatch(text)
    assert _described(_by_shortcut(app, text)) == _described(_by_myst(app, text))


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_a_message_with_markup_goes_to_myst(app, text):
    assert not DasscoMystParser._plain_paragraph(text, _document(app), app.env.myst_config)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.from_regex(_PLAIN_MESSAGE_RE, fullmatch=True))
def test_any_message_the_shortcut_takes_is_what_myst_makes(app, text):
    assert _described(_by_shortcut(app, text)) == _described(_by_myst(app, text))


def test_myst_settings_in_front_matter_are_read():
    assert read_topmatter("---\ntitle: A\nmyst:\n  substitutions:\n    org: X\n---\n") == {
        "title": "A", "myst": {"substitutions": {"org": "X"}},
    }
    assert read_topmatter('---\n"\\x6Dyst": {}\n---\n') == {"myst": {}}  # an escape is parsed
    assert read_topmatter("---\ntitle: A\n---\n") is None  # nothing for MyST: not parsed here
    assert read_topmatter("---\nmyst: [\n---\n") is None  # broken: the renderer reports it
    assert read_topmatter("no front matter") is None


def test_translated_pages_keep_no_message_document(app):
    """Pickling a node pickles the document it points to: a translated doctree must not point
    to the throw-away documents of its messages (before the fix: 7 x the English size)."""
    assert_no_warnings(app)
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        foreign = [n for n in doctree.findall() if getattr(n, "_document", None) not in (None, doctree)]
        assert foreign == [], f"{docname}: {foreign[:3]}"


def _files(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_the_danish_site_is_the_same_without_the_shortcuts(tmp_path, monkeypatch):
    """The real site in Danish, built with and without the memo and the plain-paragraph path."""
    copy_project(REPO, tmp_path / "fast")
    shutil.copytree(tmp_path / "fast", tmp_path / "slow")
    fast = build_site(tmp_path / "fast" / "docs", tmp_path / "fast", confoverrides=DANISH)
    monkeypatch.setattr(
        DasscoMystParser, "_parse_message",
        lambda self, text, document, config: DasscoMystParser._render(text, document, config),
    )
    slow = build_site(tmp_path / "slow" / "docs", tmp_path / "slow", confoverrides=DANISH)
    assert_no_warnings(fast)
    assert_no_warnings(slow)
    ours, theirs = _files(Path(fast.outdir)), _files(Path(slow.outdir))
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert '<html lang="da"' in ours["about.html"].decode()


@pytest.mark.parametrize("change", [{"enable_extensions": {"linkify"}}, {"enable_extensions": {"smartquotes"}},
                                    {"gfm_only": True}])
def test_no_shortcut_when_myst_changes_plain_text(app, change):
    """Typography and bare-URL links make plain words into something else: MyST decides."""
    import dataclasses

    config = dataclasses.replace(app.env.myst_config, **change)
    assert not DasscoMystParser._plain_paragraph("See https://www.dassco.dk", _document(app), config)


def test_only_messages_that_can_hold_a_target_or_html_are_compared():
    """The build parses a message and its translation only where either side can hold
    markup (issue 12: any markup, judged on the parsed doctrees); plain words are accepted."""
    from dassco_ext.i18n.markup import judge, plain

    def never(text):
        raise AssertionError(f"parsed {text!r}")

    assert plain("Welcome.") and plain("Velkommen.")
    assert judge("Welcome.", "Velkommen.", never).ok
    for msgid, msgstr in [("See [data](/data).", "Se data."), ("Welcome.", "Velkommen <b>x</b>"),
                          ("Go", "Gå {.button}"), ("Go <https://dassco.dk>", "Gå"), ("Go *now*", "Gå nu")]:
        assert not (plain(msgid) and plain(msgstr))
