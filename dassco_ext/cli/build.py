"""``dassco build [SOURCEDIR] [BUILDDIR]``: build every language of a site, side by side.

Each configured language (``dassco_languages`` in ``conf.py``) is one ``sphinx-build`` into
``BUILDDIR/html/<lang>/``, each in a worker process of its own, run side by side on the
available cores. ``BUILDDIR/html/index.html`` sends readers to the default (first) language,
and the old URLs of front-matter ``aliases`` answer at the site root. A language that fails
does not stop the others; the exit status is non-zero if any failed. At the end, one line
per language says how complete its translation is. ``--builder brief`` writes the PDF
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

from sphinx.errors import ConfigError

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


def sphinx_command(
    lang: str, sourcedir: Path, builddir: Path, builder: str, options: list[str]
) -> list[str]:
    """The worker command that builds ``lang`` into ``BUILDDIR/<builder>/<lang>`` (``pdf``
    for briefs), with doctrees of its own."""
    out = OUTPUT_DIRS.get(builder)
    doctrees = builddir / "doctrees" / out / lang if out else builddir / "doctrees" / lang
    out_dir = builddir / (out or builder) / lang
    return worker.command(
        "-b",
        builder,
        *options,
        "-D",
        f"language={lang}",
        "-d",
        str(doctrees),
        str(sourcedir),
        str(out_dir),
    )


def build_language(
    lang: str, sourcedir: Path, builddir: Path, builder: str, options: list[str]
) -> tuple[str, int, str]:
    """One worker for ``lang``; its exit status and output."""
    done = subprocess.run(
        sphinx_command(lang, sourcedir, builddir, builder, options),
        capture_output=True,
        text=True,
        check=False,
    )
    return lang, done.returncode, done.stdout + done.stderr


def parser(
    prog: str, doc: str, examples: str, builddir_help: str = "default: _build"
) -> argparse.ArgumentParser:
    """The arguments ``dassco build`` and ``dassco pdf`` share."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description=describe(doc),
        epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "sourcedir", type=Path, nargs="?", default=Path("docs"), help="default: docs"
    )
    parser.add_argument(
        "builddir", type=Path, nargs="?", default=Path("_build"), help=builddir_help
    )
    parser.add_argument(
        "--languages",
        default="",
        help='space-separated subset, e.g. "en da" (default: every language of conf.py\'s dassco_languages)',
    )
    parser.add_argument(
        "--sphinxopts",
        default="",
        metavar="OPTIONS",
        help='options for every sphinx-build, one string: --sphinxopts="-W --keep-going" '
        "(the = keeps an option-like value from being read as ours); or put them after --",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="languages built at once (default: cores)",
    )
    return parser


def parse(
    parser: argparse.ArgumentParser, argv: list[str] | None
) -> tuple[argparse.Namespace, list[str]]:
    """The parsed arguments, and every option for sphinx-build (``--sphinxopts`` and after ``--``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    own, passthrough = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    args = parser.parse_args(own)
    return args, [*shlex.split(args.sphinxopts), *passthrough]


def main(argv: list[str] | None = None, prog: str = "dassco build") -> int:
    build_parser = parser(prog, __doc__, EXAMPLES)
    build_parser.add_argument(
        "--builder", default="html", help="any Sphinx builder (default: html; brief: PDF briefs)"
    )
    args, options = parse(build_parser, argv)
    return run(
        args.sourcedir, args.builddir, args.builder, args.languages.split(), options, args.jobs
    )


def site_conf(sourcedir: Path) -> dict | str:
    """The namespace of ``sourcedir``'s ``conf.py``, or one line saying why there is none."""
    if not sourcedir.is_dir():
        return f"{sourcedir} is {'a file' if sourcedir.exists() else 'missing'}: give a site's source folder"
    if not (sourcedir / "conf.py").is_file():
        return f"{sourcedir} has no conf.py: give a site's source folder"
    try:
        return read_conf(sourcedir)
    except ConfigError as error:
        return str(error).replace("\n", " ")


def run(
    sourcedir: Path,
    builddir: Path,
    builder: str,
    languages: list[str],
    options: list[str],
    jobs: int,
) -> int:
    """Build ``languages`` (default: every configured one) with ``builder``, side by side."""
    conf = site_conf(sourcedir)
    if isinstance(conf, str):
        print(f"dassco: {conf}", file=sys.stderr)
        return 2
    configured = configured_languages(conf)
    unknown = [lang for lang in languages if lang not in configured]
    if unknown:
        print(
            f"dassco: unknown language(s) {' '.join(unknown)}; configured: {' '.join(configured)}",
            file=sys.stderr,
        )
        return 2
    site = builder in ("html", "dirhtml")
    if site:  # old URLs (front-matter aliases) are site paths: written at the site root, below
        options = [*options, "-D", "dassco_alias_redirects=site-root"]
    wanted, failed = languages or configured, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(jobs, len(wanted)))) as pool:
        futures = [
            pool.submit(build_language, lang, sourcedir, builddir, builder, options)
            for lang in wanted
        ]
        for future in concurrent.futures.as_completed(futures):
            lang, status, output = future.result()
            print(f"--- [{lang}] sphinx-build exited with {status}")
            if not status:  # success: only what a reader of the log needs
                output = "".join(
                    line
                    for line in output.splitlines(keepends=True)
                    if any(mark in line for mark in _SUMMARY_MARKS)
                )
            print(output, end="" if output.endswith("\n") else "\n")
            failed += [lang] if status else []
    if site:
        index, default = builddir / builder / "index.html", configured[0]
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(
            redirect_page(
                lang=default,
                title=str(conf.get("project", "")),
                url=f"{default}/index.html",
                canonical=f"{default}/index.html",
                noindex=False,
            ),
            encoding="utf-8",
        )
    if failed:
        print(f"dassco: build failed for: {' '.join(sorted(set(failed)))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
