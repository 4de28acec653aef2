"""The shared MyST machinery of dassco_ext.page.markdown: the renderer's set-up and parser reuse."""

from __future__ import annotations

from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import make_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from dassco_ext.page.markdown import DasscoRenderer, md_parser


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
    index, other = main_of(html_of(app, "index")), main_of(html_of(app, "other"))
    assert "Made by the site" in index.get_text()
    assert "Also made by the site" in other.get_text()
    # the page's own (allowlisted) MyST option applies to that page only
    assert index.find("a", href="https://www.dissco.eu").get("target") == "_blank"
    assert other.find("a", href="https://www.dissco.eu").get("target") is None


#: Site paths (the quick way: nothing on disk by that name) and everything else (MyST's way).
LINKS = [
    "/data", "/data#team", "/about#why-collection-6", "/no/such/page", "/data/", "/a/./b", "/%C3%A6ble",
    "/about.md", "/about.md#x", "/assets/hero.jpg", "/assets", "/", "/nope/../about.md",
    "//example.org/x", "about.md", "assets/hero.jpg", "../up", "data", "",
]


def test_site_paths_become_what_myst_makes_of_them(site_builder, monkeypatch):
    """``render_link_unknown`` skips MyST's ``realpath`` for a path naming nothing on disk;
    every link must still become exactly MyST's nodes."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document

    from dassco_ext.page.parser import DasscoMystParser

    app = site_builder("test-i18n", "html")
    app.env.current_document.docname = "index"
    text = "\n\n".join(f"[{href or 'empty'}]({href}) and <{href}> and [{{x}}]({href}){{.button}}" for href in LINKS)

    def described() -> list[tuple]:
        settings = get_default_settings(DasscoMystParser)
        settings.env = app.env
        document = new_document(str(app.srcdir / "index.md"), settings)
        DasscoMystParser._render(text, document, app.env.myst_config)
        return [(type(n).__name__, getattr(n, "attributes", str(n)), n.line) for n in document.findall(include_self=False)]

    asked = []
    relfn2path = type(app.env).relfn2path
    monkeypatch.setattr(type(app.env), "relfn2path", lambda env, name, *a: asked.append(name) or relfn2path(env, name, *a))
    ours = described()
    # the quick way was taken for the site paths that name nothing, MyST's for the rest
    assert not {"/data", "/data/", "/no/such/page", "/about"} & set(asked)
    assert {"/about.md", "/assets/hero.jpg", "/nope/../about.md", "about.md"} <= set(asked)
    monkeypatch.setattr(DasscoRenderer, "render_link_unknown", SphinxRenderer.render_link_unknown)
    assert ours == described()
    kinds = {n[0] for n in ours}
    assert {"pending_xref", "download_reference"} <= kinds
