"""``dassco pdf [SOURCEDIR] [BUILDDIR]``: the PDF briefs of every language, side by side.

The same as ``dassco build --builder brief``: one ``sphinx-build -b brief`` per language into
``BUILDDIR/pdf/<lang>/<lang-ref>.pdf``.
"""

from __future__ import annotations

import sys

from .build import parse, parser, run

EXAMPLES = """\
examples:
  dassco pdf                                    # docs -> _build/pdf/<lang>/<lang-ref>.pdf
  dassco pdf docs _build --languages "en da"
  dassco pdf --sphinxopts="-W --keep-going"     # or: dassco pdf -- -W --keep-going
"""


def main(argv: list[str] | None = None, prog: str = "dassco pdf") -> int:
    pdf_parser = parser(
        prog, __doc__, EXAMPLES, "default: _build (the PDFs go into its pdf/<lang>/)"
    )
    args, options = parse(pdf_parser, argv)
    return run(args.sourcedir, args.builddir, "brief", args.languages.split(), options, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
