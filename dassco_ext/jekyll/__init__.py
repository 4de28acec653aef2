"""Moving a Jekyll site (DaSSCo's layout) to a dassco-ext Sphinx site.

``python -m dassco_ext.jekyll SITE DEST`` reads the Jekyll site ``SITE`` (never writing into it)
and writes ``DEST/docs`` (``conf.py``, the pages, ``news/``, ``team/``, ``partners/``, the images
they use), ``DEST/locale/<lang>/LC_MESSAGES/*.po`` (every translation found),
``DEST/locale/compendium/<lang>.po`` (the translation memory), ``DEST/import-report.md`` and
``DEST/import-manifest.json`` (the files it wrote).

The site may come from anyone: it is read only through :mod:`.guarded`'s reader (nothing
outside ``SITE``), and ``DEST`` written only through its writer (nothing outside ``DEST``,
no file of the user's replaced, all at the end or nothing). Into an earlier import it
updates it: a translator's catalogs are merged, a user's files and edits kept.

Modules by concern: :mod:`.guarded` (the file system), :mod:`.site` (reading), :mod:`.mapping`
(front matter), :mod:`.bodies` (raw ``<img>``, Liquid, JSX), :mod:`.meaning` (Jekyll's text
stays text, raw HTML sanitised), :mod:`.layouts` (the site's own layouts rendered with
Liquid), :mod:`.htmltext` (their HTML as Markdown), :mod:`.images`, :mod:`.urls` (old URLs),
:mod:`.align` (twins' blocks side by side, placeholders), :mod:`.menus`, :mod:`.siteconf`
(``conf.py``), :mod:`.look` (logo, brand colour, footer, 404),
:mod:`.portal` (the theme's search pages as gbif.org's), :mod:`.importer` (pages written), :mod:`.catalogs` (catalogs and memory),
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
