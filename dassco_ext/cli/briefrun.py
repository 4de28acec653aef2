"""Run the ``brief`` builder once per language, in parallel; time one brief.

``make pdf`` calls this: each language is its own ``sphinx-build -b brief -D language=<lang>``
process (Sphinx builds one language per process; a :mod:`.worker`, with the heap measure), run side by side on the available cores,
into ``<outdir>/<lang>/<lang-ref>.pdf``. The languages are ``dassco_languages`` from
``conf.py`` (``["en"]`` when it is not set) unless given.

    python -m dassco_ext.cli.briefrun docs _build/pdf [--languages "en da"] [-- SPHINXOPTS]
    python -m dassco_ext.cli.briefrun docs --time --languages "en da"   # seconds and peak memory
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import runpy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import worker

DEFAULT_LANGUAGES = ("en",)


def configured_languages(confdir: Path) -> list[str]:
    """``dassco_languages`` of ``conf.py``, or ``["en"]``."""
    with contextlib.chdir(confdir):
        namespace = runpy.run_path(str(confdir / "conf.py"))
    languages = namespace.get("dassco_languages") or DEFAULT_LANGUAGES
    return [str(lang) for lang in languages]


def build_command(srcdir: Path, outdir: Path, doctreedir: Path, language: str, options: list[str]) -> list[str]:
    """The ``sphinx-build`` command (a :mod:`.worker` process) that writes one language's briefs."""
    return worker.command(
        "-b", "brief", *options,
        "-D", f"language={language}",
        "-d", str(doctreedir / language),
        str(srcdir), str(outdir / language),
    )


def build_languages(
    srcdir: Path, outdir: Path, doctreedir: Path, languages: list[str], options: list[str],
    jobs: int | None = None,
) -> int:
    """Build every language's briefs, ``jobs`` at a time (default: one per core); the
    worst exit status of them."""
    workers = max(1, min(len(languages), jobs or os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        runs = [
            pool.submit(subprocess.run, build_command(srcdir, outdir, doctreedir, lang, options), check=False)
            for lang in languages
        ]
        codes = [run.result().returncode for run in runs]
    return max(codes, default=0)


def time_brief(srcdir: Path, language: str, options: list[str] | None = None) -> dict[str, float | str]:
    """Seconds and peak memory (MB) of one clean ``brief`` build of one language."""
    with tempfile.TemporaryDirectory(prefix="dassco-brief-") as tmp:
        command = build_command(srcdir, Path(tmp, "out"), Path(tmp, "doctrees"), language, ["-q", *(options or [])])
        start = time.perf_counter()
        process = subprocess.Popen(command)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        pdfs = sorted(Path(tmp, "out", language).glob("*.pdf"))
        sizes = {pdf.name: pdf.stat().st_size for pdf in pdfs}
    peak_kb = usage.ru_maxrss  # Linux: kilobytes
    return {
        "language": language,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_kb / 1024, 1),
        "exit_status": process.returncode,
        "pdf_bytes": sizes,  # type: ignore[dict-item]
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dassco_ext.cli.briefrun", description=__doc__.split("\n\n")[0])
    parser.add_argument("srcdir", type=Path)
    parser.add_argument("outdir", type=Path, nargs="?", default=Path("_build/pdf"))
    parser.add_argument("--languages", help='space-separated, e.g. "en da" (default: conf.py)')
    parser.add_argument("--doctrees", type=Path, help="default: <outdir>/.doctrees")
    parser.add_argument("--jobs", type=int, help="languages built at once (default: cores)")
    parser.add_argument("--time", action="store_true", help="time one clean build per language (JSON)")
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    options = argv[split + 1 :]  # after --: options for sphinx-build
    srcdir = args.srcdir.resolve()
    languages = args.languages.split() if args.languages else configured_languages(srcdir)
    if args.time:
        for language in languages:
            print(json.dumps(time_brief(srcdir, language, options)), flush=True)
        return 0
    doctrees = args.doctrees or args.outdir / ".doctrees"
    return build_languages(srcdir, args.outdir, doctrees, languages, options, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
