"""dassco-ext: DaSSCo's Jekyll-style Markdown pages as a Sphinx site.

This module only registers the extension. The package's areas: :mod:`.page` (front matter,
hero, buttons, links, listings), :mod:`.i18n` (translations and their checks), :mod:`.pdf`
(the ``brief`` builder), :mod:`.cli` (the ``dassco`` command) and :mod:`.jekyll` (the
importer, which building never imports); shared by all: :mod:`.config`, :mod:`.warnings_`
and :mod:`.pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: MyST syntax extensions the DaSSCo pages rely on (``[text](url){.button}``).
MYST_EXTENSIONS = ("attrs_inline", "attrs_block")


def _configure(app: Sphinx, config: Config) -> None:
    """Make MyST and the HTML builder ready for DaSSCo pages (on ``config-inited``)."""
    from .paths import STATIC_DIR
    from .warnings_ import DasscoWarnings, warn

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
    """Register dassco-ext with Sphinx. Its modules are imported here, not by ``import
    dassco_ext``: the command line and the build workers (:mod:`.cli.worker`) import the
    package before any build starts, and pay for Sphinx and the features only then."""
    from . import config, envvars, interrupted
    from .cli import heap
    from .i18n import (
        catalogs,
        coverage,
        extraction,
        fallback,
        languages,
    )
    from .i18n import frontmatter as translated_frontmatter
    from .page import (
        aliases,
        attrlists,
        encoding,
        feed,
        frontmatter,
        hero,
        images,
        links,
        listings,
        records,
        theme,
        urlrule,
    )
    from .pdf import builder

    heap.setup(app)
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx_reredirects")
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    config.setup(app)
    envvars.setup(app)
    encoding.setup(app)
    interrupted.setup(app)
    frontmatter.setup(app)
    hero.setup(app)
    images.setup(app)
    attrlists.setup(app)
    records.setup(app)
    links.setup(app)
    theme.setup(app)
    listings.setup(app)
    feed.setup(app)
    aliases.setup(app)
    urlrule.setup(app)
    extraction.setup(app)
    translated_frontmatter.setup(app)
    fallback.setup(app)
    catalogs.setup(app)
    coverage.setup(app)
    languages.setup(app)
    builder.setup(app)
    app.connect("config-inited", _configure)
    app.add_css_file("dassco.css")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
