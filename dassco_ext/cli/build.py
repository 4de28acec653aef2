"""Build every language of a site: ``python -m dassco_ext.cli.build SOURCEDIR BUILDDIR``.

Each configured language (``dassco_languages`` in ``conf.py``) is one ``sphinx-build`` into
``BUILDDIR/html/<lang>/`` with its own doctrees, run side by side on the available cores, each
in a worker process of its own (:mod:`.worker`: ``sphinx-build`` plus the heap measure).
``BUILDDIR/html/index.html`` sends readers to the default (first) language. A language that
fails does not stop the others; the exit status is non-zero if any failed. At the end, one
line per language says how complete its translation is.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shlex
import subprocess
import sys
from pathlib import Path

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from ..page.links import redirect_page
from . import worker

#: Lines of a successful sphinx-build worth showing.
_SUMMARY_MARKS = ("WARNING", "ERROR", "dassco:", "build succeeded", "The HTML pages are in")


def read_conf(sourcedir: Path) -> dict:
    """The namespace of ``conf.py`` (languages, locale_dirs, project)."""
    return eval_config_file((sourcedir / "conf.py").resolve(), tags=Tags())


def configured_languages(conf: dict) -> list[str]:
    """``dassco_languages``, else the single ``language`` (``en`` by default)."""
    return list(conf.get("dassco_languages") or [conf.get("language") or "en"])


def build_language(lang: str, sourcedir: Path, builddir: Path, builder: str, options: list[str]) -> tuple[str, int, str]:
    """One ``sphinx-build`` for ``lang`` (a :mod:`.worker` process); returns its exit status and output."""
    command = worker.command(
        "-b", builder, *options, "-D", f"language={lang}",
        "-d", str(builddir / "doctrees" / lang), str(sourcedir), str(builddir / builder / lang),
    )
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return lang, done.returncode, done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dassco_ext.cli.build", description=__doc__.splitlines()[0])
    parser.add_argument("sourcedir", type=Path)
    parser.add_argument("builddir", type=Path)
    parser.add_argument("--builder", default="html")
    parser.add_argument("--languages", default="", help="space-separated subset (default: all configured)")
    parser.add_argument("--sphinxopts", default="", help="options for sphinx-build, e.g. '-W --keep-going'")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    conf = read_conf(args.sourcedir)
    configured = configured_languages(conf)
    wanted = args.languages.split() or configured
    unknown = [lang for lang in wanted if lang not in configured]
    if unknown:
        print(f"dassco: unknown language(s) {' '.join(unknown)}; configured: {' '.join(configured)}", file=sys.stderr)
        return 2
    options = shlex.split(args.sphinxopts)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(args.jobs, len(wanted)))) as pool:
        futures = [
            pool.submit(build_language, lang, args.sourcedir, args.builddir, args.builder, options) for lang in wanted
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
    if args.builder in ("html", "dirhtml"):
        default = configured[0]
        index = args.builddir / args.builder / "index.html"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(
            redirect_page(lang=default, title=str(conf.get("project", "")), url=f"{default}/index.html",
                          canonical=f"{default}/index.html", noindex=False),
            encoding="utf-8",
        )
    if failed:
        print(f"dassco: build failed for: {' '.join(sorted(failed))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
