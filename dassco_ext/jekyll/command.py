"""The import, start to end (:func:`import_site`), and its command line: ``dassco jekyll SITE
DEST`` / ``python -m dassco_ext.jekyll SITE DEST``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalogs, importer, look, menus, siteconf
from .guarded import MANIFEST, DestWriter, UnsafePath
from .importer import ImportError_
from .report import Report

EXAMPLES = """\
examples:
  dassco jekyll ../dassco-website new-site     # SITE DEST: new-site/docs, new-site/locale
  cd new-site && dassco build                  # then build it: docs/ -> _build/html/<lang>/
  python -m dassco_ext.jekyll SITE DEST        # the same without the dassco command
"""


def import_site(site: Path | str, dest: Path | str) -> Report:
    """Import ``site`` into ``dest`` and return the report (also ``dest/import-report.md``);
    on any failure ``dest`` is as it was."""
    site, dest = Path(site), Path(dest)
    importer.check_paths(site, dest)
    writer = DestWriter(dest)
    try:
        state = importer.read(site, writer)
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
        entries += look.not_found_entries(state)
        catalogs.write_catalogs(state, entries)
        state.report.not_imported += state.site.reader.refused.items()  # links out, files too large
        state.report.again = (dest / MANIFEST).is_file()
        state.report.changes = writer.plan(pending=("import-report.md",))
        writer.write_text("import-report.md", state.report.markdown())
        writer.commit()
    except UnsafePath as exc:
        raise ImportError_(str(exc)) from None
    finally:
        writer.discard()
    return state.report


def main(argv: list[str] | None = None, *, prog: str = "python -m dassco_ext.jekyll") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Import a Jekyll site into a dassco-ext Sphinx site:\n"
        "DEST/docs (conf.py, pages, news, team, partners, images), DEST/locale (the\n"
        "catalogs of the other languages and the translation memory) and\n"
        "DEST/import-report.md. Into an earlier import it updates it: translators' catalogs\n"
        "are merged, files you added or edited are kept. SITE is only read.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("site", type=Path, help="the Jekyll site (read only)")
    parser.add_argument(
        "dest", type=Path, help="where to write docs/, locale/ and import-report.md"
    )
    args = parser.parse_args(argv)
    try:
        report = import_site(args.site, args.dest)
    except ImportError_ as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(
            f"error: the import stopped ({exc.__class__.__name__}: {exc}); {args.dest} is unchanged",
            file=sys.stderr,
        )
        return 1
    print(
        f"imported {len(report.pages)} pages into {args.dest}; "
        f"{sum(report.strings.values())} translations, {report.fuzzy} fuzzy, "
        f"{report.untranslated} untranslated; {len(report.aliases)} old URLs kept; "
        f"see {args.dest / 'import-report.md'}"
    )
    return 0
