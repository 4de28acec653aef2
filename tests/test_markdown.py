"""The shared MyST machinery of dassco_ext.markdown: the renderer's set-up and parser reuse."""

from __future__ import annotations

from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import make_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from dassco_ext.markdown import DasscoRenderer, md_parser


def _set_by_setup(renderer: SphinxRenderer, options: dict) -> dict:
    before = set(vars(renderer))
    renderer.setup_render(options, {})
    return {key: value for key, value in vars(renderer).items() if key not in before}


def test_renderer_setup_sets_what_myst_sets():
    """DasscoRenderer re-implements MyST's setup_render; a MyST release that sets more
    (or other) attributes must fail here, not in a build."""
    options = {"myst_config": MdParserConfig(), "document": make_document()}
    theirs = _set_by_setup(SphinxRenderer(MarkdownIt()), options)
    ours = _set_by_setup(DasscoRenderer(MarkdownIt()), options)
    assert ours.keys() == theirs.keys()
    assert ours == theirs
    assert ours["document"] is options["document"]


def test_a_parser_in_use_is_never_handed_out_again():
    config = MdParserConfig()
    with md_parser(config, DasscoRenderer) as outer:
        with md_parser(config, DasscoRenderer) as inner:
            assert inner is not outer
    with md_parser(config, DasscoRenderer) as again:
        assert again in (outer, inner)  # reused once idle
    with md_parser(MdParserConfig(), DasscoRenderer) as other:
        assert other is not again  # another configuration, another parser


def test_file_level_myst_settings_stay_on_their_page(site_builder):
    """Pages share the build's parser unless their front matter changes MyST's settings."""
    from dassco_ext.testing import assert_no_warnings, html_of, main_of

    app = site_builder("test-file-config", "html")
    assert_no_warnings(app)
    assert "Made by DaSSCo." in main_of(html_of(app, "index")).get_text()
    assert "Also made by the site." in main_of(html_of(app, "other")).get_text()
