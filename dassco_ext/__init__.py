"""dassco-ext: DaSSCo's Jekyll-style Markdown pages as a Sphinx site.

This module only registers; the package is laid out in four areas:

- :mod:`.page`, the page features: :mod:`~.page.frontmatter` (the schema), :mod:`~.page.parser`
  (MyST reading it), :mod:`~.page.hero`, :mod:`~.page.attrlists` and :mod:`~.page.buttons`,
  :mod:`~.page.links` and :mod:`~.page.records` (site links, permalinks, lang-refs),
  :mod:`~.page.headmeta` (description and OpenGraph), :mod:`~.page.encoding`,
  :mod:`~.page.yamlsafety` (front matter's bounds), :mod:`~.page.images` (images judged by
  their header), :mod:`~.page.safetitles` (titles as text in the theme's navigation);
- :mod:`.i18n`, translation: :mod:`~.i18n.extraction` (``msgctxt``), :mod:`~.i18n.catalogs`,
  :mod:`~.i18n.frontmatter` (the hero's texts), :mod:`~.i18n.markup` (what a translation may
  change), :mod:`~.i18n.languages` (switcher, hreflang, the package's catalogs);
- :mod:`.pdf`, print: :mod:`~.pdf.builder` (the ``brief`` builder), :mod:`~.pdf.cover`;
- :mod:`.cli`, the command line: :mod:`~.cli.build`, :mod:`~.cli.intl`, :mod:`~.cli.briefrun`,
  and :mod:`~.cli.heap` (process-level measures of the package's own processes).

Shared by all: :mod:`.config` (the ``dassco_*`` settings), :mod:`.warnings_` (every warning
subtype), :mod:`.envvars` (``SOURCE_DATE_EPOCH``), :mod:`.pipeline` (the order of every transform), :mod:`.interrupted` (builds that
were killed), :mod:`.paths` (the package's files)
and :mod:`.testing` (helpers for tests of sites built with dassco-ext).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import config, envvars, interrupted
from .cli import heap
from .i18n import catalogs, extraction, languages, markup
from .i18n import frontmatter as translated_frontmatter
from .page import attrlists, encoding, headmeta, hero, images, links, parser, records, safetitles
from .paths import STATIC_DIR
from .pdf import builder
from .warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

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
    envvars.setup(app)
    encoding.setup(app)
    interrupted.setup(app)
    parser.setup(app)
    hero.setup(app)
    images.setup(app)
    safetitles.setup(app)
    attrlists.setup(app)
    records.setup(app)
    links.setup(app)
    headmeta.setup(app)
    extraction.setup(app)
    translated_frontmatter.setup(app)
    catalogs.setup(app)
    languages.setup(app)
    markup.setup(app)
    builder.setup(app)
    heap.setup(app)
    app.connect("config-inited", _configure)
    app.add_css_file("dassco.css")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
