"""dassco-ext: DaSSCo's Jekyll-style Markdown pages as a Sphinx site.

This module only wires the concerns together; each lives in its own module:

- :mod:`.frontmatter` the front-matter schema; :mod:`.parser` MyST reading it
- :mod:`.hero` the hero header; :mod:`.headmeta` description and OpenGraph tags
- :mod:`.attrlists` Kramdown attribute lists; :mod:`.buttons` Bulma to sphinx-design
- :mod:`.links` site-absolute links and redirects; :mod:`.pages` permalink and lang-ref data
- :mod:`.config` the ``dassco_*`` settings; :mod:`.warnings_` every warning subtype
- :mod:`.encoding` sources that are not UTF-8; :mod:`.interrupted` builds that were killed
- :mod:`.i18n` front matter through gettext; :mod:`.languages` the site's languages
- :mod:`.brief` the ``brief`` builder (PDF briefs); :mod:`.printimage` their cover image
- :mod:`.translated_markup` translations keep their source's links, buttons and HTML
- :mod:`.heap` the build's long-lived heap kept out of Python's cycle collector
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    attrlists, brief, config, encoding, headmeta, heap, hero, i18n, interrupted, languages, links,
    pages, parser, translated_markup,
)
from .warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).parent
STATIC_DIR = PACKAGE_DIR / "static"

#: MyST syntax extensions the DaSSCo pages rely on (``[text](url){.button}``).
MYST_EXTENSIONS = ("attrs_inline", "attrs_block")


def _configure(app: Sphinx, config: Config) -> None:
    """Make MyST and the HTML builder ready for DaSSCo pages (on ``config-inited``)."""
    enabled = list(config.myst_enable_extensions)
    config.myst_enable_extensions = enabled + [e for e in MYST_EXTENSIONS if e not in enabled]
    if config.myst_title_to_header:
        warn(
            DasscoWarnings.CONFIG,
            "myst_title_to_header is turned off: dassco_ext makes the front-matter title "
            "the page's H1 itself",
        )
        config.myst_title_to_header = False
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register dassco-ext with Sphinx."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    config.setup(app)
    encoding.setup(app)
    interrupted.setup(app)
    parser.setup(app)
    hero.setup(app)
    attrlists.setup(app)
    pages.setup(app)
    links.setup(app)
    headmeta.setup(app)
    i18n.setup(app)
    languages.setup(app)
    translated_markup.setup(app)
    brief.setup(app)
    heap.setup(app)
    app.connect("config-inited", _configure)
    app.add_css_file("dassco.css")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
