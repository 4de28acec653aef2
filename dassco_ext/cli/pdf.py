"""``dassco pdf [SOURCEDIR] [BUILDDIR]``: the PDF briefs of every language, side by side.

The same as ``dassco build --builder brief``: each language is its own ``sphinx-build -b
brief -D language=<lang>`` (Sphinx builds one language per process), run side by side on the
available cores, into ``BUILDDIR/pdf/<lang>/<lang-ref>.pdf`` (doctrees in
``BUILDDIR/doctrees/pdf/<lang>``). The languages are ``dassco_languages`` of ``conf.py``
unless given. ``--time`` instead times one clean build per language (a temporary folder
each) and prints seconds, peak memory and PDF sizes as one JSON line per language.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

from .build import (
    add_common_arguments,
    configured_languages,
    read_conf,
    run,
    sphinx_command,
    split_passthrough,
)
from .command import describe

EXAMPLES = """\
examples:
  dassco pdf                                    # docs -> _build/pdf/<lang>/<lang-ref>.pdf
  dassco pdf docs _build --languages "en da"
  dassco pdf --sphinxopts="-W --keep-going"     # or: dassco pdf -- -W --keep-going
  dassco pdf --time --languages "en da"         # seconds, peak MB and PDF sizes, as JSON
"""


def time_brief(srcdir: Path, language: str, options: list[str] | None = None) -> dict[str, object]:
    """Seconds and peak memory (MB) of one clean ``brief`` build of one language."""
    with tempfile.TemporaryDirectory(prefix="dassco-brief-") as tmp:
        command = sphinx_command(language, srcdir, Path(tmp), "brief", ["-q", *(options or [])])
        start = time.perf_counter()
        process = subprocess.Popen(command)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sizes = {pdf.name: pdf.stat().st_size for pdf in sorted(Path(tmp, "pdf", language).glob("*.pdf"))}
    return {
        "language": language,
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: ru_maxrss in kilobytes
        "exit_status": process.returncode,
        "pdf_bytes": sizes,
    }


def main(argv: list[str] | None = None, prog: str = "dassco pdf") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description=describe(__doc__), epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sourcedir", type=Path, nargs="?", default=Path("docs"), help="default: docs")
    parser.add_argument("builddir", type=Path, nargs="?", default=Path("_build"),
                        help="default: _build (the PDFs go into its pdf/<lang>/)")
    add_common_arguments(parser)
    parser.add_argument("--time", action="store_true", help="time one clean build per language (JSON lines)")
    own, passthrough = split_passthrough(argv)
    args = parser.parse_args(own)
    options = [*shlex.split(args.sphinxopts), *passthrough]
    if args.time:
        srcdir, worst = args.sourcedir.resolve(), 0
        for language in args.languages.split() or configured_languages(read_conf(srcdir)):
            result = time_brief(srcdir, language, options)
            print(json.dumps(result), flush=True)
            worst = max(worst, int(result["exit_status"]))  # type: ignore[call-overload]
        return worst
    return run(args.sourcedir, args.builddir, "brief", args.languages.split(), options, args.jobs)


if __name__ == "__main__":
    import sys

    sys.exit(main())
