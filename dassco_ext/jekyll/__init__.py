"""Moving a Jekyll site (DaSSCo's layout) to a dassco-ext Sphinx site.

``python -m dassco_ext.jekyll SITE DEST`` reads the Jekyll site ``SITE`` (never writing into it)
and writes ``DEST/docs`` (``conf.py``, the pages, ``news/``, ``team/``, ``partners/``, the images
they use), ``DEST/locale/<lang>/LC_MESSAGES/*.po`` (every translation found),
``DEST/locale/compendium/<lang>.po`` (the translation memory) and ``DEST/import-report.md``.

Modules by concern: :mod:`.site` (reading), :mod:`.mapping` (front matter), :mod:`.bodies`
(raw ``<img>``, Liquid, JSX), :mod:`.images`, :mod:`.urls` (old URLs),
:mod:`.align` (twins' blocks side by side, placeholders), :mod:`.menus`, :mod:`.siteconf`
(``conf.py``), :mod:`.importer` (pages written), :mod:`.catalogs` (catalogs and memory),
:mod:`.report`, :mod:`.command` (the import start to end, and the command line; :func:`main`
here is the entry ``dassco jekyll`` runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report


def import_site(site: Path | str, dest: Path | str) -> Report:
    """Import ``site`` into ``dest`` (:func:`.command.import_site`)."""
    from .command import import_site as run

    return run(site, dest)


def main(argv: list[str] | None = None, *, prog: str = "python -m dassco_ext.jekyll") -> int:
    """The command line (``dassco jekyll SITE DEST``): :func:`.command.main`."""
    from .command import main as run

    return run(argv, prog=prog)
