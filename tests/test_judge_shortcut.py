"""The judgement's short cut (:func:`dassco_ext.i18n.markup.token_signature`): two messages with
one markdown-it token signature are accepted without a docutils document being made. It must
never accept what the full judgement (both texts parsed into documents) rejects."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from dassco_ext.i18n.markup import judge, judge_markdown, token_signature

MD = create_md_parser(MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"}), DocutilsRenderer)

WORDS = st.sampled_from(["Læs", "mere", "om", "data", "DaSSCo", "samlingerne", "her", "og"])
TARGETS = st.sampled_from(["/data", "/about", "https://a.dk", "https://b.dk", "javascript:alert(1)", "x.md", "#top"])
PIECES = st.one_of(
    WORDS,
    st.builds("[{} {}]({})".format, WORDS, WORDS, TARGETS),
    st.builds("[{}]({}){{: .button .is-primary}}".format, WORDS, TARGETS),
    st.builds("[{}]({}){{.button}}".format, WORDS, TARGETS),
    st.builds("![{}]({})".format, WORDS, TARGETS),
    st.builds("{{download}}`{} <{}>`".format, WORDS, TARGETS),
    st.builds("{{bdg-link-primary}}`{} <{}>`".format, WORDS, TARGETS),
    st.sampled_from(["*x*", "**y**", "`code`", "<b>", "</b>", "<img src=x onerror=alert(1)>", "{: .notice}",
                     "{#main-content}", "$x^2$", "[^1]", "{{ x }}"]),
)
MESSAGES = st.lists(PIECES, min_size=1, max_size=5).map(" ".join)


def _never(text: str):
    raise AssertionError(f"parsed {text!r}: the short cut should have answered")


def test_a_faithful_translation_is_accepted_without_a_document():
    msgid = "Read [the data](/data){: .button .is-primary} or [about us](https://dassco.dk)."
    msgstr = "Læs [dataene](/data){: .button .is-primary} eller [om os](https://dassco.dk)."
    assert judge(msgid, msgstr, _never, tokens=MD.parse).ok


@pytest.mark.parametrize("msgstr", [
    "Læs [dataene](/delete){: .button .is-primary} eller [om os](https://dassco.dk).",  # a target
    "Læs [dataene](/data){: .button .is-danger} eller [om os](https://dassco.dk).",  # a style
    "Læs ![dataene](/data){: .button .is-primary} eller [om os](https://dassco.dk).",  # an image
    "Læs [dataene](/data){: .button .is-primary} eller [om os](https://dassco.dk). <b>",  # HTML
])
def test_a_changed_markup_goes_to_the_full_judgement(msgstr):
    """A target, a style, an image or HTML changed: the short cut does not answer (the full
    judgement does, tests/test_untrusted_translations.py)."""
    msgid = "Read [the data](/data){: .button .is-primary} or [about us](https://dassco.dk)."
    assert token_signature(MD.parse(msgid)) != token_signature(MD.parse(msgstr))


@settings(max_examples=300, deadline=None)
@given(msgid=MESSAGES, msgstr=MESSAGES, words=st.lists(WORDS, min_size=1, max_size=3))
def test_the_short_cut_accepts_nothing_the_full_judgement_rejects(msgid, msgstr, words):
    """Any pair, and any message with its words changed (a faithful translation): whenever
    the token signatures agree, the full judgement (documents made of both) agrees too."""
    faithful = msgid
    for word in words:
        faithful = faithful.replace(word, word.upper(), 1)
    for translation in (msgstr, faithful):
        if token_signature(MD.parse(msgid)) == token_signature(MD.parse(translation)):
            assert judge_markdown(msgid, translation).ok, (msgid, translation)


def _inline_markup(text: str):
    """The full judgement's view of a front-matter credit: MyST's inline render of ``text``
    into a paragraph (as ``render_inline`` renders it), raw HTML kept as HTML."""
    from docutils import nodes
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    from dassco_ext.i18n.signatures import markup_signature

    document = publish_doctree("", parser=Parser(), settings_overrides={
        "report_level": 5, "halt_level": 5, "myst_enable_extensions": ["attrs_inline", "attrs_block"]})
    md = create_md_parser(MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"}), DocutilsRenderer)
    md.options["document"] = document
    md.renderer.setup_render(md.options, {})
    paragraph = nodes.paragraph()
    with md.renderer.current_node_context(paragraph):
        md.renderer.nested_render_text(text.strip(), 0, inline=True)
    return markup_signature(paragraph.children)


CREDIT_PIECES = st.one_of(PIECES, st.sampled_from(["#", "-", "1.", ">", "\n\n", "\n# x\n", "***", "CC BY 4.0"]))
CREDITS = st.lists(CREDIT_PIECES, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(msgid=CREDITS, msgstr=CREDITS, words=st.lists(WORDS, min_size=1, max_size=3))
def test_the_credits_short_cut_accepts_nothing_the_full_judgement_rejects(msgid, msgstr, words):
    """The front matter's ``imageLicense`` is inline Markdown: its short cut compares inline
    token signatures (``inline_tokens``), and must agree with the inline render's markup."""
    from dassco_ext.page.markdown import inline_tokens

    config = MdParserConfig(enable_extensions={"attrs_inline", "attrs_block"})
    faithful = msgid
    for word in words:
        faithful = faithful.replace(word, word.upper(), 1)
    for translation in (msgstr, faithful):
        if token_signature(inline_tokens(msgid, config)) == token_signature(inline_tokens(translation, config)):
            assert _inline_markup(msgid) == _inline_markup(translation), (msgid, translation)


@settings(max_examples=300, deadline=None)
@given(message=MESSAGES, before=st.lists(WORDS, min_size=1, max_size=3).map(" ".join))
def test_a_page_reads_its_messages_as_they_read_alone(message, before):
    """i18n.markup reads a source message's markup from the page's own parse (its inline
    token, as page.parser keeps it): on a page without reference definitions, that reading
    has the signature of the message parsed alone, so the short cut answers as before."""
    from markdown_it.token import Token

    alone = MD.parse(message)
    if [t.type for t in alone] != ["paragraph_open", "inline", "paragraph_close"]:
        return  # not one paragraph alone: the page's reading never stands for it (no such msgid)
    page = MD.parse(f"# {before}\n\n{before}.\n\n{message}\n\n{before}.\n")
    inline = next((t for t in page if t.type == "inline" and t.content == message), None)
    assert inline is not None, message
    as_read = [Token("paragraph_open", "p", 1), inline, Token("paragraph_close", "p", -1)]
    assert token_signature(as_read) == token_signature(alone), message
