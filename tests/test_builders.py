"""Every builder renders every node the extension adds: hero, credit, buttons, site links."""

from __future__ import annotations

from pathlib import Path

import pytest

from dassco_ext.testing import assert_no_warnings

TITLE, DESCRIPTION, CREDIT = "Full hero", "A <b>bold</b> description", "Photo by"


def _output(app, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(app.outdir).rglob(pattern)))


@pytest.mark.parametrize(
    ("builder", "pattern", "link_marks"),
    [
        ("latex", "*.tex", [r"\sphinxhref{https://www.dissco.eu}", r"\hyperref[\detokenize{data:"]),
        ("text", "full.txt", ["See data DiSSCo"]),  # the text writer prints link labels only
        # docutils 0.22 prints the URL after the label, 0.21 makes the label a terminal link
        ("man", "*.1", ["See data", (r"DiSSCo \%<https://\:www\:.dissco\:.eu>",
                                     r"\X'tty: link https://www.dissco.eu'\fI\%DiSSCo")]),
        ("texinfo", "*.texi", ["@footnote{https://www.dissco.eu}", "@ref{"]),
        ("epub", "full.xhtml", ['href="https://www.dissco.eu"', 'href="data.xhtml"']),
    ],
)
def test_builder_shows_hero_and_buttons(site_builder, builder, pattern, link_marks):
    app = site_builder("test-hero-keys", builder)
    assert_no_warnings(app)
    text = _output(app, pattern)
    for expected in (TITLE, CREDIT, "Collections", *link_marks):
        spellings = expected if isinstance(expected, tuple) else (expected,)
        assert any(s.lower() in text.lower() for s in spellings), (builder, expected)
    if builder in ("latex", "texinfo"):
        assert "bold" in text and "description" in text  # escaped in the writer's own way
    else:
        assert DESCRIPTION in text.replace("&lt;", "<").replace("&gt;", ">")


def test_gettext_builder_runs(site_builder):
    app = site_builder("test-hero-keys", "gettext")
    assert_no_warnings(app)
    catalog = _output(app, "*.pot")
    assert "Section one" in catalog and TITLE in catalog


def test_epub_has_the_hero_image(site_builder):
    app = site_builder("test-hero-keys", "epub")
    assert Path(app.outdir, "_images", "hero.png").is_file()
