"""``dassco build [SOURCEDIR] [BUILDDIR]``: build every language of a site, side by side.

Each configured language (``dassco_languages`` in ``conf.py``) is one ``sphinx-build`` into
``BUILDDIR/html/<lang>/`` with its own doctrees, run side by side on the available cores, each
in a worker process of its own (:mod:`.worker`: ``sphinx-build`` plus the heap measure).
``BUILDDIR/html/index.html`` sends readers to the default (first) language, and the old
URLs of front-matter ``aliases`` (written by each language's build) answer at the site root. A language that
fails does not stop the others; the exit status is non-zero if any failed. At the end, one
line per language says how complete its translation is. ``--builder brief`` writes the PDF
briefs into ``BUILDDIR/pdf/<lang>/``, as ``dassco pdf`` does.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shlex
import subprocess
import sys
from pathlib import Path

from ..config import configured_languages, read_conf
from ..page.links import redirect_page
from . import worker
from .command import describe

#: Builders whose output (and doctrees) go into a folder of another name: ``BUILDDIR/pdf/<lang>``.
OUTPUT_DIRS = {"brief": "pdf"}

EXAMPLES = """\
examples:
  dassco build                                  # docs -> _build/html/<lang>/, every language
  dassco build docs _build --languages "da"     # Danish only
  dassco build --sphinxopts="-W --keep-going"   # options for every sphinx-build
  dassco build -- -W --keep-going -D html_baseurl=https://example.org/   # the same, after --
  dassco build --builder dirhtml                # any Sphinx builder; brief: PDF briefs
"""

#: Lines of a successful sphinx-build worth showing.
_SUMMARY_MARKS = ("WARNING", "ERROR", "dassco:", "build succeeded", "The HTML pages are in")


def sphinx_command(lang: str, sourcedir: Path, builddir: Path, builder: str, options: list[str]) -> list[str]:
    """The command line that builds ``lang``: a :mod:`.worker` (``sphinx-build`` in a process
    of the package's own), output in ``BUILDDIR/<builder>/<lang>`` (``pdf`` for briefs),
    doctrees of their own."""
    out = OUTPUT_DIRS.get(builder)
    doctrees = builddir / "doctrees" / out / lang if out else builddir / "doctrees" / lang
    return worker.command(
        "-b", builder, *options, "-D", f"language={lang}",
        "-d", str(doctrees), str(sourcedir), str(builddir / (out or builder) / lang),
    )


def build_language(lang: str, sourcedir: Path, builddir: Path, builder: str, options: list[str]) -> tuple[str, int, str]:
    """One ``sphinx-build`` for ``lang``; returns its exit status and output."""
    command = sphinx_command(lang, sourcedir, builddir, builder, options)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return lang, done.returncode, done.stdout + done.stderr


def split_passthrough(argv: list[str] | None) -> tuple[list[str], list[str]]:
    """The command's own arguments, and what follows ``--`` (options for sphinx-build)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" in argv:
        split = argv.index("--")
        return argv[:split], argv[split + 1 :]
    return argv, []


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments ``dassco build`` and ``dassco pdf`` share."""
    parser.add_argument("--languages", default="", help='space-separated subset, e.g. "en da" (default: every '
                        "language of conf.py's dassco_languages)")
    parser.add_argument("--sphinxopts", default="", metavar="OPTIONS",
                        help='options for every sphinx-build, one string: --sphinxopts="-W --keep-going" '
                             "(the = keeps an option-like value from being read as ours); or put them after --")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="languages built at once (default: cores)")


def main(argv: list[str] | None = None, prog: str = "dassco build") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description=describe(__doc__), epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sourcedir", type=Path, nargs="?", default=Path("docs"), help="default: docs")
    parser.add_argument("builddir", type=Path, nargs="?", default=Path("_build"), help="default: _build")
    parser.add_argument("--builder", default="html", help="any Sphinx builder (default: html; brief: PDF briefs)")
    add_common_arguments(parser)
    own, passthrough = split_passthrough(argv)
    args = parser.parse_args(own)
    return run(args.sourcedir, args.builddir, args.builder, args.languages.split(),
               [*shlex.split(args.sphinxopts), *passthrough], args.jobs)


def run(sourcedir: Path, builddir: Path, builder: str, languages: list[str], options: list[str], jobs: int) -> int:
    """Build ``languages`` (default: every configured one) with ``builder``, side by side."""
    conf = read_conf(sourcedir)
    configured = configured_languages(conf)
    wanted = languages or configured
    unknown = [lang for lang in wanted if lang not in configured]
    if unknown:
        print(f"dassco: unknown language(s) {' '.join(unknown)}; configured: {' '.join(configured)}", file=sys.stderr)
        return 2
    if builder in ("html", "dirhtml"):
        # old URLs (front-matter aliases) are site paths: written at the site root, below
        options = [*options, "-D", "dassco_alias_redirects=site-root"]
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(jobs, len(wanted)))) as pool:
        futures = [
            pool.submit(build_language, lang, sourcedir, builddir, builder, options) for lang in wanted
        ]
        for future in concurrent.futures.as_completed(futures):
            lang, status, output = future.result()
            print(f"--- [{lang}] sphinx-build exited with {status}")
            if not status:  # success: only what a reader of the log needs
                output = "".join(
                    line for line in output.splitlines(keepends=True)
                    if any(mark in line for mark in _SUMMARY_MARKS)
                )
            print(output, end="" if output.endswith("\n") else "\n")
            if status:
                failed.append(lang)
    if builder in ("html", "dirhtml"):
        default = configured[0]
        index = builddir / builder / "index.html"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(
            redirect_page(lang=default, title=str(conf.get("project", "")), url=f"{default}/index.html",
                          canonical=f"{default}/index.html", noindex=False),
            encoding="utf-8",
        )
    if failed:
        print(f"dassco: build failed for: {' '.join(sorted(set(failed)))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
