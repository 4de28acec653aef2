"""The hero next to other extensions' nodes: every builder keeps every extension's visitors.

Sphinx looks visitors up by builder *name* and, only when that name has none, by the builder's
*format*: visitors registered under ``epub`` or ``singlehtml`` would hide every other
extension's ``html`` visitors from those builders (sphinx-design's dropdown, ``todo``...).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dassco_ext.testing import assert_no_warnings

BUILDERS = {
    "html": "mixed.html",
    "dirhtml": "mixed/index.html",
    "singlehtml": "index.html",
    "epub": "mixed.xhtml",
    "latex": "*.tex",
    "text": "mixed.txt",
    "man": "*.1",
    "texinfo": "*.texi",
}

#: What a reader finds on the page, whatever the output format.
TEXTS = ("The hero among friends", "Collections", "See more", "Open me", "Dropdown body text",
         "First tab", "Second tab body", "A card title", "Card body text", "Grid card two",
         "Write the todo body")


def _output(app, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(app.outdir).glob(pattern)))


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_every_builder_builds_the_hero_with_other_extensions_nodes(site_builder, builder):
    app = site_builder("test-mixed-extensions", builder)
    assert_no_warnings(app)
    text = _output(app, BUILDERS[builder])
    assert text, f"{builder} wrote no {BUILDERS[builder]}"
    if builder == "man":
        text = text.replace("\\-", "-").lower()  # man's section titles are upper case
    for expected in TEXTS:
        assert (expected.lower() if builder == "man" else expected) in text, (builder, expected)


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_html_builders_keep_sphinx_design_and_the_hero_markup(site_builder, builder):
    from bs4 import BeautifulSoup

    app = site_builder("test-mixed-extensions", builder)
    page = BeautifulSoup(_output(app, BUILDERS[builder]), "html.parser")
    assert page.select_one("section.dassco-hero h1.dassco-hero-title")
    assert page.select_one("details.sd-dropdown")  # sphinx-design's own visitor
    assert page.select_one(".sd-tab-set")
    assert page.select_one(".sd-card")
    assert page.select_one(".admonition-todo")
