"""``python -m dassco_ext.jekyll SITE DEST``: import a Jekyll site (see the package's docstring)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import import_site
from .importer import ImportError_


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dassco_ext.jekyll",
        description="Import a Jekyll site (DaSSCo's layout) into a new dassco-ext Sphinx site.",
    )
    parser.add_argument("site", type=Path, help="the Jekyll site (read only)")
    parser.add_argument("dest", type=Path, help="where to write docs/, locale/ and import-report.md")
    args = parser.parse_args(argv)
    try:
        report = import_site(args.site, args.dest)
    except ImportError_ as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    s = report.summary()
    print(
        f"imported {sum(s['pages'].values())} pages into {args.dest}; "
        f"{sum(s['strings'].values())} translations, {s['fuzzy']} fuzzy, {s['untranslated']} untranslated; "
        f"{s['urls_kept']} old URLs kept; see {args.dest / 'import-report.md'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
