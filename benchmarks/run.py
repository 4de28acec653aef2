"""``make bench``: the figures of issue 7, printed as one table and written as JSON.

Every figure is the median of ``--repeats`` runs of whole ``sphinx-build`` processes on the
synthetic site of :mod:`.sitegen` (generated under ``_build/bench/sites``, outside the sources).
Builds are started the way ``make html`` starts them: one worker process per language
(``python -m dassco_ext.cli.worker``: sphinx-build plus the workers' heap measure),
``-D language=<lang> -d doctrees/<lang> src html/<lang>``, languages in parallel; the plain
stack is ``python -m sphinx``.

    python -m benchmarks.run              # N = 100 and 300, 5 runs each (several minutes)
    python -m benchmarks.run --full       # adds N = 1000
    python -m benchmarks.run --profile    # cProfile of one N = 300 build, by package
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import buttons, sitegen
from .harness import CommandFailed, Figure, Sample, format_table, run_processes, write_json

REPO = sitegen.REPO
OUT_DIR = REPO / "_build" / "bench"
MAIN_PAGES = 300  # the targets of the issue are set at N = 300
LANGUAGES = ("en", "da")

#: Python that Sphinx's processes find the brief builder check with (a fresh process, so no
#: state of this one leaks in). Prints "yes" when a builder named ``brief`` is registered.
_BRIEF_PROBE = """
import sys, tempfile
from importlib.metadata import entry_points
from sphinx.application import Sphinx
with tempfile.TemporaryDirectory() as tmp:
    app = Sphinx(sys.argv[1], sys.argv[1], tmp + "/out", tmp + "/doctrees", "dummy",
                 status=None, warning=None, freshenv=True)
    names = set(app.registry.builders) | {e.name for e in entry_points(group="sphinx.builders")}
print("yes" if "brief" in names else "no")
"""


#: cProfile with CPU time as its clock: other processes on the machine do not inflate it.
_PROFILE = """
import cProfile, importlib, sys, time
# argv: the profile's path, the module the command ran (sphinx or the dassco-ext worker), its args
# (run from -c, a worker builds without its collector tuning, which needs python -m)
module = "sphinx.cmd.build" if sys.argv[2] == "sphinx" else sys.argv[2]
main = importlib.import_module(module).main
profiler = cProfile.Profile(time.process_time)
profiler.enable()
code = main(sys.argv[3:])
profiler.disable()
profiler.dump_stats(sys.argv[1])
sys.exit(code)
"""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Site:
    """One generated site and the ``sphinx-build`` command lines that build it."""

    def __init__(self, root: Path, pages: int) -> None:
        self.root, self.pages = root, pages

    def build_dir(self, variant: str) -> Path:
        return self.root / "build" / variant

    def command(self, variant: str = "dassco", language: str = "en", builder: str = "html") -> list[str]:
        """The build command as ``make html`` runs it for one language: a dassco-ext worker
        (``dassco``; ``unfrozen``: the worker without its heap measure, ``--no-freeze-heap``),
        or ``python -m sphinx`` for the ``plain`` stack (no dassco_ext)."""
        from dassco_ext.cli import worker

        base = self.build_dir(variant)
        out = "pdf" if builder == "brief" else builder
        args = ["-b", builder, "-D", f"language={language}", "-d", str(base / "doctrees" / language)]
        if variant == "plain":
            command = [sys.executable, "-m", "sphinx", *args, "-c", str(self.root / "plain")]
        else:
            command = worker.command(*args, freeze_heap=variant != "unfrozen")
        return [*command, str(self.root / "src"), str(base / out / language)]

    def clean(self, variant: str, *languages: str) -> None:
        """Remove a variant's outputs for ``languages`` (default: all) and the compiled
        catalogs: the next build of those languages is a clean one; other languages keep
        theirs (the no-op figure needs them)."""
        base = self.build_dir(variant)
        if not languages:
            shutil.rmtree(base, ignore_errors=True)
        for language in languages:
            for kind in ("doctrees", "html", "pdf"):
                shutil.rmtree(base / kind / language, ignore_errors=True)
        for mo in (self.root / "locale").rglob("*.mo"):
            mo.unlink()

    def reread(self, variant: str, language: str) -> list[str]:
        """The docnames the last build re-read (written by the probe extension)."""
        import json

        path = self.build_dir(variant) / "doctrees" / language / "reread.json"
        return json.loads(path.read_text()) if path.exists() else []

    def measure(self, commands: list[list[str]], label: str) -> Sample:
        return run_processes(commands, self.root / "logs" / label)


def make(workdir: Path, pages: int, languages: tuple[str, ...]) -> Site:
    log(f"generating a {pages}-page site" + (" with Danish catalogs" if languages else ""))
    return Site(sitegen.make_site(workdir / f"site-{pages}", pages, languages=languages), pages)


def full_builds(site: Site, repeats: int, *, languages: bool) -> dict[str, list[Sample]]:
    """Clean builds, interleaved so that a noisy moment hits every kind alike."""
    samples: dict[str, list[Sample]] = {"dassco": [], "plain": [], "all": [], "da": [], "da-plain": [], "unfrozen": []}
    for run in range(repeats):
        log(f"N={site.pages} full builds, run {run + 1}/{repeats}")
        site.clean("dassco", "en")
        samples["dassco"].append(site.measure([site.command("dassco", "en")], "full-dassco"))
        site.clean("plain", "en")
        samples["plain"].append(site.measure([site.command("plain", "en")], "full-plain"))
        if languages:
            # the extension's own work, without what the workers' heap measure saves of Sphinx's
            site.clean("unfrozen", "en")
            samples["unfrozen"].append(site.measure([site.command("unfrozen", "en")], "full-unfrozen"))
            # Danish alone, both stacks: what a translation costs, whoever builds it
            site.clean("dassco", "da")
            samples["da"].append(site.measure([site.command("dassco", "da")], "full-da"))
            site.clean("plain", "da")
            samples["da-plain"].append(site.measure([site.command("plain", "da")], "full-da-plain"))
            site.clean("dassco", *LANGUAGES)
            samples["all"].append(
                site.measure([site.command("dassco", lang) for lang in LANGUAGES], "full-all")
            )
    return samples


def noop_builds(site: Site, repeats: int) -> tuple[list[Sample], list[Sample], list[int]]:
    """Second builds with nothing changed (the state the full builds left)."""
    ours, plain, reread = [], [], []
    for variant in ("dassco", "plain"):  # whatever state the full builds left: up to date now
        site.measure([site.command(variant, "en")], f"warm-{variant}")
    for run in range(repeats):
        log(f"N={site.pages} no-op rebuilds, run {run + 1}/{repeats}")
        ours.append(site.measure([site.command("dassco", "en")], "noop-dassco"))
        reread.append(len(site.reread("dassco", "en")))
        plain.append(site.measure([site.command("plain", "en")], "noop-plain"))
        reread.append(len(site.reread("plain", "en")))  # both must be 0 for a fair figure
    return ours, plain, reread


def translation_edits(site: Site, repeats: int) -> tuple[list[Sample], list[int]]:
    """One msgstr changed in one page's ``.po``, then the Danish build again."""
    samples, reread = [], []
    catalogs = site.root / "locale" / "da" / "LC_MESSAGES"
    site.measure([site.command("dassco", "da")], "warm-da")  # up to date before the first edit
    for run in range(repeats):
        page = sitegen.page_name(run % site.pages + 1)
        log(f"N={site.pages} translation edit in {page}.po, run {run + 1}/{repeats}")
        sitegen.edit_one_msgstr(catalogs / f"{page}.po", f"rettet {run + 1}")
        samples.append(site.measure([site.command("dassco", "da")], "edit-da"))
        reread.append(len(site.reread("dassco", "da")))
    return samples, reread


def has_brief_builder(site: Site) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", _BRIEF_PROBE, str(site.root / "src")],
        capture_output=True, text=True, check=False,
    )
    return result.stdout.strip().endswith("yes")


def pdf_figures(workdir: Path, repeats: int) -> list[Figure]:
    """One brief per language: a clean ``-b brief`` build of a site whose one page is a brief."""
    site = make(workdir, 1, ("da",))
    if not has_brief_builder(site):
        return [Figure(f"PDF brief ({lang})", None, target="< 1.5 s, < 300 MB", note="n/a: no brief builder")
                for lang in LANGUAGES]
    figures = []
    for lang in LANGUAGES:
        figure = Figure(f"PDF brief ({lang})", None, target="< 1.5 s, < 300 MB")
        for run in range(repeats):
            log(f"PDF brief ({lang}), run {run + 1}/{repeats}")
            site.clean("dassco", lang)
            figure.samples.append(site.measure([site.command("dassco", lang, "brief")], f"brief-{lang}"))
        pdfs = sorted(p.name for p in (site.build_dir("dassco") / "pdf" / lang).rglob("*.pdf"))
        figure.extra["pdfs"] = pdfs
        figure.ok = bool(pdfs) and figure.seconds < 1.5 and figure.peak_mb < 300  # type: ignore[operator]
        figure.note = ", ".join(pdfs) if pdfs else "no PDF written"
        figures.append(figure)
    return figures


def median_of(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def _warnings_note(samples: list[Sample]) -> str:
    count = max((s.warnings for s in samples), default=0)
    return f"{count} warnings" if count else ""


def measure_all(workdir: Path, sizes: list[int], repeats: int, main_pages: int = MAIN_PAGES) -> list[Figure]:
    figures: list[Figure] = []
    per_page: dict[int, Figure] = {}
    for pages in sizes:
        main = pages == main_pages
        site = make(workdir, pages, ("da",) if main else ())
        full = full_builds(site, repeats, languages=main)
        scale = Figure("seconds per page (en, full)", pages, samples=full["dassco"], baseline=full["plain"],
                       baseline_name="plain", note=_warnings_note(full["dassco"]))
        per_page[pages] = scale
        if not main:
            continue
        overhead = Figure(
            "overhead: full html build (en)", pages, samples=full["dassco"], baseline=full["plain"],
            baseline_name="plain", target="ratio <= 1.05", note=_warnings_note(full["dassco"]),
        )
        overhead.ok = overhead.ratio <= 1.05  # type: ignore[operator]
        unfrozen = Figure(
            "overhead, worker without heap measure (en)", pages, samples=full["unfrozen"], baseline=full["plain"],
            baseline_name="plain", note="the extension's own cost, without the workers' garbage-collector measure",
        )
        languages = Figure(
            "all languages (en+da in parallel)", pages, samples=full["all"], baseline=full["dassco"],
            baseline_name="en alone", target="ratio <= 1.25", note=_warnings_note(full["all"]),
        )
        languages.ok = languages.ratio <= 1.25  # type: ignore[operator]
        danish = Figure(
            "Danish alone (da), full", pages, samples=full["da"], baseline=full["da-plain"],
            baseline_name="plain da", note=f"x{median_of(full['da']) / median_of(full['dassco']):.2f} of en alone",
        )
        ours, plain, reread = noop_builds(site, repeats)
        noop = Figure(
            "no-op rebuild (en)", pages, samples=ours, baseline=plain, baseline_name="plain",
            target="ratio <= 1.1", note=f"{max(reread)} documents re-read (either stack)", extra={"reread": reread},
        )
        noop.ok = noop.ratio <= 1.1  # type: ignore[operator]
        edits, reread = translation_edits(site, repeats)
        edit = Figure(
            "one translation edit (da)", pages, samples=edits, target="1 re-read, < 2 s",
            note=f"{'/'.join(map(str, sorted(set(reread))))} documents re-read", extra={"reread": reread},
        )
        edit.ok = all(r == 1 for r in reread) and edit.seconds < 2  # type: ignore[operator]
        figures += [overhead, unfrozen, languages, danish, noop, edit]

    smallest, largest = min(per_page), max(per_page)
    for pages, figure in sorted(per_page.items()):
        spp = figure.seconds / pages  # type: ignore[operator]
        figure.extra["seconds_per_page"] = spp
        figure.note = f"{spp * 1000:.1f} ms/page" + (f"; {figure.note}" if figure.note else "")
        if pages == largest and pages != smallest:
            base = per_page[smallest].seconds / smallest  # type: ignore[operator]
            figure.extra["per_page_ratio"] = spp / base
            figure.note += f"; x{spp / base:.2f} of N={smallest}"
            if pages >= 1000:
                figure.target = "s/page <= 1.2 x N=100; < 1024 MB"
                figure.ok = spp / base <= 1.2 and figure.peak_mb < 1024  # type: ignore[operator]
            else:
                figure.target = "(N=1000 with FULL=1)"
        figures.append(figure)
    return figures


def meta(args: argparse.Namespace, load_before: tuple[float, ...]) -> dict[str, Any]:
    import sphinx

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=REPO, check=False).stdout.strip()
    return {
        "time_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit or None,
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "repeats": args.repeats,
        "sizes": args.sizes,
    }


def profile(workdir: Path, pages: int, top: int) -> None:
    """cProfile one clean English build (dassco-ext) and the same of the plain stack; print
    self time by package and dassco_ext's own functions."""
    import pstats

    site = make(workdir, pages, ())
    for variant in ("dassco", "plain"):
        site.clean(variant)
        out = site.root / f"{variant}.prof"
        command = site.command(variant, "en")
        command[1:3] = ["-c", _PROFILE, str(out), command[2]]  # [python, -m, module, ...]
        log(f"profiling a clean {variant} build at N={pages}")
        run_processes([command], site.root / "logs" / f"profile-{variant}")
        stats = pstats.Stats(str(out))
        total = stats.total_tt  # type: ignore[attr-defined]
        by_package: dict[str, float] = {}
        ours = []
        for (filename, line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            by_package[_package(filename)] = by_package.get(_package(filename), 0.0) + tt
            if "dassco_ext" in filename:
                ours.append((ct, tt, f"{Path(filename).name}:{line}({name})"))
        print(f"\n== {variant}: {total:.2f} CPU s under cProfile, self time by package ==")
        for package, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {seconds:7.2f} s  {100 * seconds / total:5.1f} %  {package}")
        if ours:
            print(f"== {variant}: dassco_ext functions by cumulative time (includes what they call) ==")
            for ct, tt, where in sorted(ours, reverse=True)[:top]:
                print(f"  {ct:7.3f} s cum  {tt:7.3f} s self  {where}")


def _package(filename: str) -> str:
    """``site-packages/<package>/...`` -> ``<package>``; the standard library and builtins as such."""
    if "dassco_ext" in filename:
        return "dassco_ext"
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return "stdlib"


def compile_extension() -> None:
    """Byte-compile dassco_ext, as installing a package does (pip compiles every module it
    installs; an editable install compiles nothing). With ``PYTHONDONTWRITEBYTECODE`` set,
    every build process would otherwise compile the extension from source while the plain
    stack's packages load their bytecode: a difference in set-up, not in the extension."""
    import compileall

    compileall.compile_dir(REPO / "dassco_ext", quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="add N = 1000")
    parser.add_argument("--repeats", type=int, help="runs per figure (default 5)")
    parser.add_argument("--sizes", type=int, nargs="+", help="site sizes (default 100 300 [1000])")
    parser.add_argument("--main", type=int, default=MAIN_PAGES, help="the size of the other figures (300)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figure")
    parser.add_argument("--no-buttons", action="store_true", help="skip the 20,000-buttons figure")
    parser.add_argument("--profile", action="store_true", help="profile one build instead of measuring")
    parser.add_argument("--workdir", type=Path, default=OUT_DIR / "sites", help="where the sites are generated")
    args = parser.parse_args(argv)
    args.repeats = args.repeats or 5
    default_sizes = [100, 1000] if args.full else [100]
    args.sizes = sorted(set(args.sizes or default_sizes) | {args.main})
    args.workdir = args.workdir.resolve()

    if args.profile:
        compile_extension()
        profile(args.workdir, args.main, 15)
        return 0

    compile_extension()
    load_before = os.getloadavg()
    try:
        figures = measure_all(args.workdir, args.sizes, args.repeats, args.main)
        if not args.no_pdf:
            figures += pdf_figures(args.workdir, args.repeats)
        if not args.no_buttons:
            figures.append(buttons.button_figure(args.workdir, args.repeats))
    except CommandFailed as failure:
        log(f"a build failed, no figures written: {failure}")
        return 1
    info = meta(args, load_before)
    path = write_json(figures, OUT_DIR, info)
    print(format_table(figures))
    print(f"\nload average before/after: {info['load_before'][0]:.1f} / {info['load_after'][0]:.1f} "
          f"on {info['cpus']} CPUs; JSON: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
