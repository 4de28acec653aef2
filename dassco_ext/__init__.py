"""dassco-ext: DaSSCo's Jekyll-style Markdown pages as a Sphinx site.

This module only registers; the package is laid out in four areas (the README's "Layout"
has one line per module, and a test holds it to the tree):

- :mod:`.page`, the page features: :mod:`~.page.frontmatter` (the schema and its reader),
  :mod:`~.page.reading` (front matter read before MyST parses the page),
  :mod:`~.page.markdown` (front matter's inline Markdown), :mod:`~.page.hero` (with a listed page's header),
  :mod:`~.page.attrlists` and :mod:`~.page.buttons`, :mod:`~.page.links` and
  :mod:`~.page.records` (site links, permalinks, lang-refs), :mod:`~.page.headmeta`
  (description and OpenGraph), :mod:`~.page.cssvalues`, :mod:`~.page.encoding`,
  :mod:`~.page.yamlsafety` (front matter's bounds), :mod:`~.page.images` (images judged by
  their header), :mod:`~.page.safetitles` (titles as text in the theme's navigation);
  listed and moved pages: :mod:`~.page.listings` (news, team, partners),
  :mod:`~.page.feed` (``news.xml``, ``404.html``, ``sitemap.xml``), :mod:`~.page.aliases` (old URLs),
  :mod:`~.page.rawimages` (raw ``<img>`` tags);
- :mod:`.i18n`, translation: :mod:`~.i18n.extraction` (front matter for ``gettext``),
  :mod:`~.i18n.catalogs` (each ``.po`` checked and read once per build),
  :mod:`~.i18n.frontmatter` (the hero's texts), :mod:`~.i18n.markup` (what a translation may
  change), :mod:`~.i18n.languages` (switcher, hreflang, the package's catalogs),
  :mod:`~.i18n.perlanguage` (per-language front-matter values as translations),
  :mod:`~.i18n.merge` (``msgmerge --previous``), :mod:`~.i18n.coverage` (how much of each
  page is translated; the completeness gate), :mod:`~.i18n.glossary` (terminology), :mod:`~.i18n.checks`
  (what ``make intl-check`` finds), :mod:`~.i18n.fallback` (text shown untranslated
  marked as the source's language), :mod:`~.i18n.package_catalogs` (the package's templates
  and their checks);
- :mod:`.jekyll`, moving a Jekyll site (``dassco jekyll``; :mod:`~.jekyll.__init__` has its
  entries): :mod:`~.jekyll.command`, :mod:`~.jekyll.__main__`, :mod:`~.jekyll.guarded`,
  :mod:`~.jekyll.site`, :mod:`~.jekyll.mapping`, :mod:`~.jekyll.bodies`, :mod:`~.jekyll.meaning`,
  :mod:`~.jekyll.align`, :mod:`~.jekyll.images`,
  :mod:`~.jekyll.urls`, :mod:`~.jekyll.importer`, :mod:`~.jekyll.menus`, :mod:`~.jekyll.siteconf`,
  :mod:`~.jekyll.catalogs`, :mod:`~.jekyll.report`;
- :mod:`.pdf`, print: :mod:`~.pdf.builder` (the ``brief`` builder), :mod:`~.pdf.cover`,
  :mod:`~.pdf.wording` (the brief's words), :mod:`~.pdf.render` (WeasyPrint);
- :mod:`.cli`, the command line, ``dassco`` (also :mod:`.__main__`): :mod:`~.cli.command`
  (the subcommands), :mod:`~.cli.build`, :mod:`~.cli.pdf`, :mod:`~.cli.intl`, and the build
  processes the package starts: :mod:`~.cli.worker` and :mod:`~.cli.heap` (their
  collector tuning, connected by ``setup()`` only in a worker).

Shared by all: :mod:`.config` (the ``dassco_*`` settings), :mod:`.warnings_` (every warning
subtype), :mod:`.envvars` (``SOURCE_DATE_EPOCH``), :mod:`.pipeline` (the order of every transform, and what the steps hand each
other), :mod:`.interrupted` (builds that were killed), :mod:`.paths` (the package's files, and files written whole)
and :mod:`.testing` (helpers for tests of sites built with dassco-ext).
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
        markup,
    )
    from .i18n import frontmatter as translated_frontmatter
    from .page import (
        aliases,
        attrlists,
        encoding,
        feed,
        headmeta,
        hero,
        images,
        links,
        listings,
        rawimages,
        reading,
        records,
        safetitles,
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
    reading.setup(app)
    hero.setup(app)
    images.setup(app)
    safetitles.setup(app)
    attrlists.setup(app)
    records.setup(app)
    links.setup(app)
    headmeta.setup(app)
    listings.setup(app)
    feed.setup(app)
    aliases.setup(app)
    rawimages.setup(app)
    urlrule.setup(app)
    extraction.setup(app)
    translated_frontmatter.setup(app)
    fallback.setup(app)  # between the two priority-19 transforms: see pipeline.PAGE_MESSAGES
    catalogs.setup(app)
    coverage.setup(app)
    languages.setup(app)
    markup.setup(app)
    builder.setup(app)
    app.connect("config-inited", _configure)
    app.add_css_file("dassco.css")
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
