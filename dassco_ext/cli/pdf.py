"""``dassco pdf [SOURCEDIR] [BUILDDIR]``: the PDF briefs of every language, side by side.

The same as ``dassco build --builder brief``: one ``sphinx-build -b brief`` per language into
``BUILDDIR/pdf/<lang>/<lang-ref>.pdf``. ``--time`` instead times one clean build per language
(a temporary folder each) and prints seconds, peak memory and PDF sizes as JSON lines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .build import configured_languages, parse, parser, run, site_conf, sphinx_command

EXAMPLES = """\
examples:
  dassco pdf                                    # docs -> _build/pdf/<lang>/<lang-ref>.pdf
  dassco pdf docs _build --languages "en da"
  dassco pdf --sphinxopts="-W --keep-going"     # or: dassco pdf -- -W --keep-going
  dassco pdf --time --languages "en da"         # seconds, peak MB and PDF sizes, as JSON
"""


def time_brief(srcdir: Path, language: str, options: list[str] | None = None) -> dict[str, Any]:
    """Seconds and peak memory (MB) of one clean ``brief`` build of one language."""
    with tempfile.TemporaryDirectory(prefix="dassco-brief-") as tmp:
        start = time.perf_counter()
        process = subprocess.Popen(
            sphinx_command(language, srcdir, Path(tmp), "brief", ["-q", *(options or [])])
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sizes = {
            pdf.name: pdf.stat().st_size for pdf in sorted(Path(tmp, "pdf", language).glob("*.pdf"))
        }
    return {
        "language": language,
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: ru_maxrss in kilobytes
        "exit_status": os.waitstatus_to_exitcode(status),
        "pdf_bytes": sizes,
    }


def main(argv: list[str] | None = None, prog: str = "dassco pdf") -> int:
    pdf_parser = parser(
        prog, __doc__, EXAMPLES, "default: _build (the PDFs go into its pdf/<lang>/)"
    )
    pdf_parser.add_argument(
        "--time", action="store_true", help="time one clean build per language (JSON lines)"
    )
    args, options = parse(pdf_parser, argv)
    if not args.time:
        return run(
            args.sourcedir, args.builddir, "brief", args.languages.split(), options, args.jobs
        )
    conf = site_conf(args.sourcedir)
    if isinstance(conf, str):
        print(f"dassco: {conf}", file=sys.stderr)
        return 2
    worst = 0
    for language in args.languages.split() or configured_languages(conf):
        result = time_brief(args.sourcedir.resolve(), language, options)
        print(json.dumps(result), flush=True)
        worst = max(worst, result["exit_status"])
    return worst


if __name__ == "__main__":
    sys.exit(main())
