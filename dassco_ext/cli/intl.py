"""``dassco intl update|stat|check|glossary-tbx [SOURCEDIR] [BUILDDIR]``: the translator's workflow.

- ``update``: every translated language's catalogs merged with ``BUILDDIR/gettext``'s templates
  by ``msgmerge --previous`` (:mod:`dassco_ext.i18n.merge`); nothing a translator wrote is lost.
- ``stat``: translated / fuzzy / untranslated / refused of every page in every language, as
  the build counts them (``--json``).
- ``check``: fails, naming file and line, on what ``msgfmt --check`` rejects, a charset that
  is not UTF-8, stale entries, any warning of a build in that language (its judgement of
  every translation included), a page below ``dassco_required_translated``, and problems of
  the package's own catalogs; glossary terms missing from a translation are warnings.
- ``glossary-tbx``: the glossary (``locale/glossary.csv``) as TBX, for Weblate.
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..config import DasscoConfig, configured_languages, read_conf
from ..i18n import glossary as glossary_
from ..i18n.checks import (
    Problem,
    build_problems,
    catalog_problems,
    markup_problems,
    number_problems,
    number_words,
)
from ..i18n.coverage import COUNTS_FILE, Coverage, catalog_completeness
from ..i18n.languages import PACKAGE_CATALOGS
from ..i18n.merge import (
    TEMPLATES_DIR,
    GettextMissing,
    is_page_domain,
    page_source,
    update_language,
    write_templates,
)
from ..i18n.package_catalogs import missing_interface_words, package_problems


@dc.dataclass(frozen=True)
class Site:
    """A site's sources and the first of its ``locale_dirs`` (where translators' ``.po`` live)."""

    sourcedir: Path
    conf: dict

    @property
    def locale(self) -> Path:
        return (self.sourcedir / next(iter(self.conf.get("locale_dirs") or ["locales"]))).resolve()

    @property
    def languages(self) -> list[str]:
        return configured_languages(self.conf)

    def catalogs(self, lang: str) -> Path:
        return self.locale / lang / "LC_MESSAGES"

    def po_files(self, lang: str) -> list[Path]:
        return sorted(self.catalogs(lang).glob("**/*.po"))

    def rel(self, path: Path) -> str:
        """``path`` from the directory holding both the sources and the catalogs."""
        root = os.path.commonpath([self.sourcedir.resolve(), self.locale])
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)


def extract(sourcedir: Path, builddir: Path) -> Path | None:
    """Every page's template, extracted afresh by Sphinx's gettext builder into
    ``BUILDDIR/gettext`` (the templates of pages since deleted are removed first); the
    build's warnings are shown, never fatal: a translator cannot fix them. ``None`` when the
    site cannot be built at all."""
    pot_dir = builddir / "gettext"
    for stale in pot_dir.glob("**/*.pot"):
        stale.unlink()  # a build output: a page deleted since must leave no template behind
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-N"]
    command += ["-d", str(builddir / "doctrees" / "gettext"), str(sourcedir), str(pot_dir)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.stderr.strip():
        print(done.stderr.rstrip(), file=sys.stderr)
    if done.returncode:
        print(f"intl: the templates could not be extracted:\n{done.stdout}", file=sys.stderr)
        return None
    return pot_dir


def update(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Extract the templates, keep the pages' templates in ``locale/templates/``, merge them
    into every translated language's catalogs (filling in translations the site already
    has); one line per file written."""
    site = Site(sourcedir, conf)
    pot_dir = extract(sourcedir, builddir)
    if pot_dir is None:
        return 2
    for line in write_templates(pot_dir, site.locale / TEMPLATES_DIR, sourcedir.resolve(), conf):
        print(f"templates: {line}")
    failed = 0
    for lang in site.languages[1:]:
        try:
            outcomes = update_language(pot_dir, site.locale, lang, sourcedir.resolve(), conf)
        except GettextMissing as exc:
            print(f"intl-update: {exc}", file=sys.stderr)
            return 2
        for outcome in outcomes:
            if outcome.action != "unchanged" or outcome.detail:
                print(
                    f"{lang}: {outcome.action} {site.rel(outcome.po)}"
                    + (f": {outcome.detail}" if outcome.detail else ""),
                    file=sys.stderr if outcome.action == "failed" else sys.stdout,
                )
            failed += outcome.action == "failed"
        for outcome in outcomes:
            if outcome.filled:
                print(
                    f"{lang}: filled {outcome.filled} entr{'y' if outcome.filled == 1 else 'ies'} "
                    f"of {site.rel(outcome.po)} from per-language front matter, the "
                    "translation memory and the site's other pages (those from other pages fuzzy)"
                )
        written = sum(o.action in ("created", "updated") for o in outcomes)
        kept = sum(o.action == "unchanged" for o in outcomes)
        print(f"{lang}: {written} catalog(s) created or updated, {kept} already up to date")
    return 1 if failed else 0


# --- how much is translated ---------------------------------------------------------------------


@dc.dataclass(frozen=True)
class Page:
    """One page in one language as the build counts it: its catalog (``None``: there is
    none), its counts, the line of its first unfinished entry, and what is wrong with its
    catalog (``(line, message)`` each: such a catalog translates nothing)."""

    page: str
    source: Path | None
    po: Path | None
    counts: Coverage
    first_unfinished: int = 1
    problems: tuple[tuple[int | None, str], ...] = ()


def coverage(site: Site, pot_dir: Path) -> dict[str, list[Page]] | None:
    """Every page of every translated language as the build counts it (the count the
    extraction into ``pot_dir`` writes, :mod:`dassco_ext.i18n.coverage`); ``None``, after
    printing why, if the site cannot be built."""
    if extract(site.sourcedir, pot_dir.parent) is None:
        return None
    path = pot_dir / COUNTS_FILE
    counts = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    sourcedir = site.sourcedir.resolve()
    return {
        lang: [
            Page(
                page,
                page_source(page, sourcedir, site.conf),
                Path(found["catalog"]).resolve() if found["catalog"] else None,
                Coverage(
                    **{k: found[k] for k in ("total", "translated", "fuzzy", "missing", "refused")},
                    has_catalog=found["catalog"] is not None,
                ),
                found["first_unfinished"],
                tuple((line, message) for line, message in found["problems"]),
            )
            for page, found in sorted(counts.get(lang, {}).items())
            if found["total"]
        ]
        for lang in site.languages[1:]
    }


def required_translated(conf: dict) -> tuple[dict[str, float], str | None]:
    """``dassco_required_translated`` of a ``conf.py``, validated as the build validates it."""
    value = conf.get("dassco_required_translated", {})
    field = next(f for f in dc.fields(DasscoConfig) if f.name == "required_translated")
    if field.metadata["check"](value):
        return dict(value), None
    return {}, f"invalid dassco_required_translated = {value!r} ({field.metadata['help']})"


def meets(counts: Coverage, required: float | None) -> bool:
    """Whether ``counts`` reach ``required`` percent (exactly: no rounding lets 99.6 % pass 100)."""
    return required is None or counts.translated * 100 >= required * counts.total


def counts_of(counts: Coverage) -> dict[str, int]:
    return {k: getattr(counts, k) for k in ("translated", "fuzzy", "untranslated", "refused")}


def said(counts: Coverage) -> str:
    """``7 translated, 1 fuzzy, 0 untranslated, 2 refused``: refused only when there are."""
    refused = f", {counts.refused} refused by the build" if counts.refused else ""
    return (
        f"{counts.translated} translated, {counts.fuzzy} fuzzy, "
        f"{counts.untranslated} untranslated{refused}"
    )


def catalog_problems_of(page: Page) -> list[Problem]:
    """What makes the build translate nothing (or less) from the page's catalog, at its lines."""
    return [Problem(page.po, line or 1, message) for line, message in page.problems if page.po]


def stat(sourcedir: Path, conf: dict, *, as_json: bool = False) -> int:
    """Print translated / fuzzy / untranslated counts of every page in every language (pages
    without a catalog too), against the current sources; ``as_json``: one JSON document."""
    site = Site(sourcedir, conf)
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pages = coverage(site, Path(tmp) / "gettext")
    if pages is None:
        return 1
    required, _problem = required_translated(conf)
    report: dict[str, dict] = {}
    for lang, entries in pages.items():
        total = sum((p.counts for p in entries), Coverage())
        report[lang] = {
            **counts_of(total),
            "total": total.total,
            "percent": round(total.percent, 1),
            "required": required.get(lang),
            "pages": [
                {
                    "page": p.page,
                    "source": p.source and site.rel(p.source),
                    "catalog": p.po and site.rel(p.po),
                    **counts_of(p.counts),
                    "total": p.counts.total,
                    "percent": round(p.counts.percent, 1),
                    "problems": [str(problem) for problem in catalog_problems_of(p)],
                }
                for p in entries
            ],
            "interface_catalogs": {
                site.rel(po): counts_of(catalog_completeness(po))
                for po in site.po_files(lang)
                if not is_page_domain(
                    po.relative_to(site.catalogs(lang)).with_suffix("").as_posix(),
                    site.sourcedir.resolve(),
                    conf,
                )
            },
        }
    if as_json:
        print(json.dumps({"languages": report}, indent=2, ensure_ascii=False))
        return 0
    for lang, entries in pages.items():
        print(f"{lang}:")
        for page in entries:
            counts = page.counts
            below = not meets(counts, required.get(lang))
            print(
                f"  {page.page}: {said(counts)} ({counts.percent:.0f}%)"
                + ("" if page.po else ", no catalog")
                + (f", below the required {required[lang]:g}%" if below else "")
            )
            for problem in catalog_problems_of(page):
                print(problem, file=sys.stderr)
        info = report[lang]
        for name, counts in info["interface_catalogs"].items():
            print(
                f"  {name} (interface strings): {counts['translated']} translated, "
                f"{counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated"
            )
        gate = f"; required per page: {info['required']:g}%" if info["required"] is not None else ""
        print(
            f"  all pages: {info['translated']} of {info['total']} translated "
            f"({info['percent']:.0f}%), {info['fuzzy']} fuzzy"
            + (f", {info['refused']} refused by the build" if info["refused"] else "")
            + gate
        )
    return 0


# --- the check ----------------------------------------------------------------------------------


def gate_problems(site: Site, lang: str, pages: list[Page]) -> list[Problem]:
    """Every page of ``lang`` translated less than ``dassco_required_translated`` requires: at
    its first unfinished entry, or at its source when it has no catalog."""
    required, problem = required_translated(site.conf)
    if problem:
        return [Problem(site.sourcedir / "conf.py", 1, problem)]
    wanted = required.get(lang)
    found = []
    for page in pages:
        counts = page.counts
        if meets(counts, wanted):
            continue
        if page.po is None:
            expected = site.rel(site.catalogs(lang) / f"{page.page}.po")
            message = (
                f"{lang}: page {page.page!r} has no catalog ({expected}): 0% translated, "
                f"below the required {wanted:g}% (run make intl-update)"
            )
            found.append(Problem(page.source or Path(expected), 1, message))
        else:
            message = (
                f"{lang}: page {page.page!r} is {counts.percent:.1f}% translated "
                f"({counts.translated} of {counts.total}; {counts.fuzzy} fuzzy, "
                f"{counts.untranslated} untranslated"
                + (f", {counts.refused} refused by the build" if counts.refused else "")
                + f"), below the required {wanted:g}% "
                "(dassco_required_translated)"
            )
            found.append(Problem(page.po, page.first_unfinished, message))
    return found


def glossary_problems(site: Site, lang: str) -> tuple[list[str], list[Problem]]:
    """The glossary's warnings for ``lang``'s catalogs, and problems with the glossary itself."""
    path = site.locale / glossary_.FILENAME
    if not path.is_file():
        return [], []
    try:
        terms = glossary_.terms_for(glossary_.read_glossary(path), lang)
    except glossary_.GlossaryError as exc:
        return [], [Problem(exc.path, exc.line, exc.message)]
    warnings: list[str] = []
    for po in site.po_files(lang):
        try:
            warnings += map(str, glossary_.glossary_problems(po, terms, site.languages[0]))
        except ValueError:
            continue  # the catalog's own problem is reported by msgfmt
    return warnings, []


def glossary_tbx(sourcedir: Path, conf: dict, output: Path | None = None) -> int:
    """Write the glossary (``locale/glossary.csv``) as TBX to ``output`` (default: stdout)."""
    site = Site(sourcedir, conf)
    path = site.locale / glossary_.FILENAME
    if not path.is_file():
        print(f"glossary-tbx: no glossary at {path}", file=sys.stderr)
        return 1
    try:
        terms = glossary_.read_glossary(path)
    except glossary_.GlossaryError as exc:
        print(exc, file=sys.stderr)
        return 1
    data = glossary_.to_tbx(terms, site.languages[0], f"{conf.get('project') or 'Site'} glossary")
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    print(f"glossary-tbx: {len(terms)} term(s) written to {output}")
    return 0


def check(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Run every check; print each problem as ``path:line: message``; non-zero on any."""
    site = Site(sourcedir, conf)
    problems: list[Problem] = []
    warnings: list[str] = []
    advice: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pot_dir = Path(tmp) / "gettext"
        pages = coverage(site, pot_dir)
        if pages is None:
            return 1
        for lang in site.languages[1:]:
            problems += gate_problems(site, lang, pages[lang])
            found_terms, glossary_errors = glossary_problems(site, lang)
            advice += found_terms
            problems += glossary_errors
            problems += missing_interface_words(site.locale, lang)
            words = number_words(site.locale, lang)
            numbers: list[Problem] = []
            for po in site.po_files(lang):
                pot = pot_dir / po.relative_to(site.catalogs(lang)).with_suffix(".pot")
                # a site's own interface wording is no page's
                stale = pot.exists() or po.stem not in PACKAGE_CATALOGS
                problems += catalog_problems(po, pot if stale else None)
                numbers += number_problems(po, site.languages[0], lang, words)
            judged, rest = markup_problems(build_problems(sourcedir, lang, Path(tmp) / "check"))
            problems += sorted(set(judged), key=lambda p: (str(p.path), p.line, p.message))
            # a catalog's numbers once it has no other problem: one thing to fix at a time
            troubled = {Path(p.path).resolve() for p in problems}
            problems += [p for p in numbers if Path(p.path).resolve() not in troubled]
            warnings += [f"[{lang}] {w}" for w in rest]
    problems += package_problems()
    for line in [*map(str, problems), *warnings, *dict.fromkeys(advice)]:
        print(line, file=sys.stderr)
    if problems or warnings:
        print(f"intl-check: {len(problems) + len(warnings)} problem(s)", file=sys.stderr)
        return 1
    print(
        f"intl-check: {', '.join(site.languages[1:]) or 'no translations'}: ok"
        + (f" ({len(advice)} glossary warning(s))" if advice else "")
    )
    for lang, entries in pages.items():  # unfinished work is said, even where nothing requires it
        total = sum((page.counts for page in entries), Coverage())
        if total.translated < total.total:
            print(
                f"intl-check: {lang}: {total.translated} of {total.total} strings translated "
                f"({total.fuzzy} fuzzy, {total.untranslated} untranslated); "
                "dassco_required_translated sets what must be"
            )
    return 0


EXAMPLES = """\
examples:
  dassco intl update                # templates extracted, every language's .po brought up to date
  dassco intl stat --json           # translated / fuzzy / untranslated of every page, as JSON
  dassco intl check docs _build     # fail, with file:line, on broken, stale or unfinished translations
  dassco intl glossary-tbx -o _build/glossary.tbx   # the glossary for Weblate
"""


def main(argv: list[str] | None = None, prog: str = "dassco intl") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="The translator's workflow (the manual's translator's guide).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command",
        choices=("update", "stat", "check", "glossary-tbx"),
        help=(
            "update: extract the templates (kept in locale/templates/), msgmerge --previous into every "
            "language (keeps old translations as fuzzy or obsolete); "
            "stat: counts per language and page; check: msgfmt --check, markup, stale entries, the "
            "completeness gate, the glossary, build warnings; glossary-tbx: locale/glossary.csv as TBX"
        ),
    )
    parser.add_argument(
        "sourcedir", type=Path, nargs="?", default=Path("docs"), help="default: docs"
    )
    parser.add_argument(
        "builddir", type=Path, nargs="?", default=Path("_build"), help="default: _build"
    )
    parser.add_argument("--json", action="store_true", help="stat: print the counts as JSON")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="glossary-tbx: write the TBX here (default: standard output)",
    )
    args = parser.parse_args(argv)
    conf = read_conf(args.sourcedir)
    if args.command == "update":
        return update(args.sourcedir, args.builddir, conf)
    if args.command == "stat":
        return stat(args.sourcedir, conf, as_json=args.json)
    if args.command == "glossary-tbx":
        return glossary_tbx(args.sourcedir, conf, args.output)
    return check(args.sourcedir, args.builddir, conf)


if __name__ == "__main__":
    sys.exit(main())
