"""Moving a Jekyll site (DaSSCo's layout) to a dassco-ext Sphinx site.

``python -m dassco_ext.jekyll SITE DEST`` reads the Jekyll site ``SITE`` (never writing into it)
and writes ``DEST/docs`` (``conf.py``, the pages, ``news/``, ``team/``, ``partners/``, the images
they use), ``DEST/locale/<lang>/LC_MESSAGES/*.po`` (every translation found),
``DEST/locale/compendium/<lang>.po`` (the translation memory) and ``DEST/import-report.md``.

Modules by concern: :mod:`.site` (reading), :mod:`.mapping` (front matter), :mod:`.bodies`
(raw ``<img>``, Liquid, JSX; block alignment), :mod:`.images`, :mod:`.urls` (old URLs),
:mod:`.align` (twins' blocks side by side, placeholders), :mod:`.menus`, :mod:`.siteconf`
(``conf.py``), :mod:`.importer` (pages written), :mod:`.catalogs` (catalogs and memory),
:mod:`.report`.
"""

from __future__ import annotations

from pathlib import Path

from .report import Report


def import_site(site: Path | str, dest: Path | str) -> Report:
    """Import ``site`` into ``dest``; returns the report (also written to
    ``dest/import-report.md``). Raises :class:`~.importer.ImportError_` before writing
    anything if the arguments are unusable."""
    from . import catalogs, importer, menus, siteconf

    site, dest = Path(site), Path(dest)
    importer.check_paths(site, dest)
    state = importer.read(site, dest)
    state.docs.mkdir(parents=True, exist_ok=True)
    importer.report_unread(state)
    planned = importer.plan_pages(state)
    importer.plan_articles(state)
    importer.write_twins(state, planned)
    importer.write_collections(state)
    menus.read_menus(state)
    importer.ensure_listings_and_index(state)
    notes = {site_path: why for site_path, _, why in state.images.converted}
    for site_path, relative in state.images.copied.items():
        state.report.images.append((site_path, relative, notes.get(site_path, "copied")))
    for site_path, why in state.images.problems:
        state.report.images.append((site_path, "-", why))
    importer.write_pages(state)
    siteconf.write_conf(state)
    entries = catalogs.twin_entries(state) + catalogs.other_entries(state)
    catalogs.write_catalogs(state, dest, entries)
    state.report.write(dest / "import-report.md")
    return state.report
