"""``dassco intl update|stat|check|glossary-tbx [SOURCEDIR] [BUILDDIR]``: the translator's workflow.

- ``update``: every translated language's catalogs merged with ``BUILDDIR/gettext``'s templates
  by ``msgmerge --previous`` (:mod:`dassco_ext.i18n.merge`); nothing a translator wrote is lost.
- ``stat``: translated / fuzzy / untranslated of every page in every language (``--json``).
- ``check``: fails, naming file and line, on what ``msgfmt --check`` rejects, a charset that
  is not UTF-8, stale entries, any warning of a build in that language (its judgement of
  every translation included), a page below ``dassco_required_translated``, and problems of
  the package's own catalogs; glossary terms missing from a translation are warnings.
- ``glossary-tbx``: the glossary (``locale/glossary.csv``) as TBX, for Weblate.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..config import configured_languages, read_conf
from ..i18n import glossary as glossary_
from ..i18n.catalogs import po_charset_problem
from ..i18n.checks import (
    Problem,
    build_problems,
    markup_problems,
    msgfmt_problems,
    number_problems,
    number_words,
    stale_problems,
)
from ..i18n.coverage import (
    Coverage,
    PageCoverage,
    below_required,
    catalog_completeness,
    meets,
    required_translated,
    template_coverage,
)
from ..i18n.extraction import project_root
from ..i18n.languages import PACKAGE_CATALOGS
from ..i18n.merge import (
    TEMPLATES_DIR,
    GettextMissing,
    is_page_domain,
    update_language,
    write_templates,
)
from ..i18n.package_catalogs import missing_interface_words, package_problems


def locale_dir(sourcedir: Path, conf: dict) -> Path:
    """The first of ``locale_dirs`` (where translators' ``.po`` files live)."""
    return (sourcedir / next(iter(conf.get("locale_dirs") or ["locales"]))).resolve()


def po_files(sourcedir: Path, conf: dict, lang: str) -> list[Path]:
    return sorted((locale_dir(sourcedir, conf) / lang / "LC_MESSAGES").glob("**/*.po"))


def _root(sourcedir: Path, conf: dict) -> Path:
    """The directory holding the sources and the catalogs (paths are shown relative to it)."""
    return Path(project_root(sourcedir, list(conf.get("locale_dirs") or ["locales"]))).resolve()


def _rel(path: Path, sourcedir: Path, conf: dict) -> str:
    root = _root(sourcedir, conf)
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
    pot_dir = extract(sourcedir, builddir)
    if pot_dir is None:
        return 2
    locale = locale_dir(sourcedir, conf)
    for line in write_templates(pot_dir, locale / TEMPLATES_DIR, sourcedir.resolve(), conf):
        print(f"templates: {line}")
    failed = 0
    for lang in configured_languages(conf)[1:]:
        try:
            outcomes = update_language(
                pot_dir, locale_dir(sourcedir, conf), lang, sourcedir.resolve(), conf
            )
        except GettextMissing as exc:
            print(f"intl-update: {exc}", file=sys.stderr)
            return 2
        for outcome in outcomes:
            if outcome.action != "unchanged" or outcome.detail:
                print(
                    f"{lang}: {outcome.action} {_rel(outcome.po, sourcedir, conf)}"
                    + (f": {outcome.detail}" if outcome.detail else ""),
                    file=sys.stderr if outcome.action == "failed" else sys.stdout,
                )
            failed += outcome.action == "failed"
        for outcome in outcomes:
            if outcome.filled:
                print(
                    f"{lang}: filled {outcome.filled} entr{'y' if outcome.filled == 1 else 'ies'} "
                    f"of {_rel(outcome.po, sourcedir, conf)} from per-language front matter, the "
                    "translation memory and the site's other pages (those from other pages fuzzy)"
                )
        written = sum(o.action in ("created", "updated") for o in outcomes)
        kept = sum(o.action == "unchanged" for o in outcomes)
        print(f"{lang}: {written} catalog(s) created or updated, {kept} already up to date")
    return 1 if failed else 0


def coverage(sourcedir: Path, conf: dict, pot_dir: Path) -> dict[str, list[PageCoverage]] | None:
    """Every page of every translated language, counted against the templates of the current
    sources (extracted into ``pot_dir``); ``None``, after printing why, if they cannot be."""
    if extract(sourcedir, pot_dir.parent) is None:
        return None
    return {
        lang: template_coverage(
            pot_dir, locale_dir(sourcedir, conf), lang, sourcedir.resolve(), conf
        )
        for lang in configured_languages(conf)[1:]
    }


def stat(sourcedir: Path, conf: dict, *, as_json: bool = False) -> int:
    """Print translated / fuzzy / untranslated counts of every page in every language (pages
    without a catalog too), against the current sources; ``as_json``: one JSON document."""
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pages = coverage(sourcedir, conf, Path(tmp) / "gettext")
    if pages is None:
        return 1
    required, _problem = required_translated(conf)
    report: dict[str, dict] = {}
    for lang, entries in pages.items():
        total = sum((p.counts for p in entries), Coverage())
        base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
        others = {}
        for po in po_files(sourcedir, conf, lang):
            if not is_page_domain(
                po.relative_to(base).with_suffix("").as_posix(), sourcedir.resolve(), conf
            ):
                counts = catalog_completeness(po)
                others[_rel(po, sourcedir, conf)] = {
                    "translated": counts.translated,
                    "fuzzy": counts.fuzzy,
                    "untranslated": counts.untranslated,
                }
        report[lang] = {
            "translated": total.translated,
            "fuzzy": total.fuzzy,
            "untranslated": total.untranslated,
            "total": total.total,
            "percent": round(total.percent, 1),
            "required": required.get(lang),
            "pages": [p.as_dict(_root(sourcedir, conf)) for p in entries],
            "interface_catalogs": others,
        }
    if as_json:
        print(json.dumps({"languages": report}, indent=2, ensure_ascii=False))
        return 0
    for lang, entries in pages.items():
        print(f"{lang}:")
        for page in entries:
            counts = page.counts
            below = lang in required and not meets(counts, required[lang])
            print(
                f"  {page.page}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                f"{counts.untranslated} untranslated ({counts.percent:.0f}%)"
                + ("" if page.po else ", no catalog")
                + (f", below the required {required[lang]:g}%" if below else "")
            )
        for name, counts in report[lang]["interface_catalogs"].items():
            print(
                f"  {name} (interface strings): {counts['translated']} translated, {counts['fuzzy']} fuzzy, "
                f"{counts['untranslated']} untranslated"
            )
        info = report[lang]
        gate = f"; required per page: {info['required']:g}%" if info["required"] is not None else ""
        print(
            f"  all pages: {info['translated']} of {info['total']} translated ({info['percent']:.0f}%), "
            f"{info['fuzzy']} fuzzy{gate}"
        )
    return 0


def gate_problems(
    sourcedir: Path, conf: dict, lang: str, pages: list[PageCoverage]
) -> list[Problem]:
    """Every page of ``lang`` translated less than ``dassco_required_translated`` requires."""
    required, problem = required_translated(conf)
    if problem:
        return [Problem(sourcedir / "conf.py", 1, problem)]
    base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
    return [
        Problem(path, line, message)
        for path, line, message in below_required(
            pages, lang, required.get(lang), lambda page: _rel(base / f"{page}.po", sourcedir, conf)
        )
    ]


def glossary_warnings(sourcedir: Path, conf: dict, lang: str) -> tuple[list[str], list[Problem]]:
    """The glossary's warnings for ``lang``'s catalogs, and problems with the glossary itself."""
    path = locale_dir(sourcedir, conf) / glossary_.FILENAME
    if not path.is_file():
        return [], []
    try:
        terms = glossary_.terms_for(glossary_.read_glossary(path), lang)
    except glossary_.GlossaryError as exc:
        return [], [Problem(exc.path, exc.line, exc.message)]
    warnings = []
    for po in po_files(sourcedir, conf, lang):
        try:
            warnings += [
                str(p)
                for p in glossary_.glossary_problems(po, terms, configured_languages(conf)[0])
            ]
        except ValueError:
            continue  # the catalog's own problem is reported by msgfmt
    return warnings, []


def glossary_tbx(sourcedir: Path, conf: dict, output: Path | None = None) -> int:
    """Write the glossary (``locale/glossary.csv``) as TBX to ``output`` (default: stdout)."""
    path = locale_dir(sourcedir, conf) / glossary_.FILENAME
    if not path.is_file():
        print(f"glossary-tbx: no glossary at {path}", file=sys.stderr)
        return 1
    try:
        terms = glossary_.read_glossary(path)
    except glossary_.GlossaryError as exc:
        print(exc, file=sys.stderr)
        return 1
    data = glossary_.to_tbx(
        terms, configured_languages(conf)[0], f"{conf.get('project') or 'Site'} glossary"
    )
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    print(f"glossary-tbx: {len(terms)} term(s) written to {output}")
    return 0


def catalog_problems(po: Path, pot: Path) -> list[Problem]:
    """``msgfmt --check``, the charset (as the build judges it) and stale entries of one ``.po``."""
    problems = msgfmt_problems(po)
    if problems:
        return problems  # the other checks need a readable catalog
    charset = po_charset_problem(po)
    if charset is not None:
        problems.append(Problem(po, charset.line, charset.message))
        if not charset.utf8:
            return problems
    if (
        pot.exists() or po.stem not in PACKAGE_CATALOGS
    ):  # a site's own interface wording is no page's
        problems += stale_problems(po, pot)
    return problems


def check(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Run every check; print each problem as ``path:line: message``; non-zero on any."""
    problems: list[Problem] = []
    warnings: list[str] = []
    advice: list[str] = []
    languages = configured_languages(conf)[1:]
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pot_dir = Path(tmp) / "gettext"
        pages = coverage(sourcedir, conf, pot_dir)
        if pages is None:
            return 1
        for lang in languages:
            problems += gate_problems(sourcedir, conf, lang, pages[lang])
            found_terms, glossary_errors = glossary_warnings(sourcedir, conf, lang)
            advice += found_terms
            problems += glossary_errors
            problems += missing_interface_words(locale_dir(sourcedir, conf), lang)
            base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
            words = number_words(locale_dir(sourcedir, conf), lang)
            numbers: list[Problem] = []
            for po in po_files(sourcedir, conf, lang):
                problems += catalog_problems(po, pot_dir / po.relative_to(base).with_suffix(".pot"))
                numbers += number_problems(po, configured_languages(conf)[0], lang, words)
            judged, rest = markup_problems(build_problems(sourcedir, lang, Path(tmp) / "check"))
            problems += sorted(set(judged), key=lambda p: (str(p.path), p.line, p.message))
            # a catalog's numbers once it has no other problem: one thing to fix at a time
            troubled = {Path(p.path).resolve() for p in problems}
            problems += [p for p in numbers if Path(p.path).resolve() not in troubled]
            warnings += [f"[{lang}] {w}" for w in rest]
    problems += [Problem(p.path, p.line, p.message) for p in package_problems()]
    for line in [*map(str, problems), *warnings, *dict.fromkeys(advice)]:
        print(line, file=sys.stderr)
    if problems or warnings:
        print(f"intl-check: {len(problems) + len(warnings)} problem(s)", file=sys.stderr)
        return 1
    print(
        f"intl-check: {', '.join(languages) or 'no translations'}: ok"
        + (f" ({len(advice)} glossary warning(s))" if advice else "")
    )
    for lang, entries in pages.items():  # unfinished work is said, even where nothing requires it
        total = sum((page.counts for page in entries), Coverage())
        if total.translated < total.total:
            print(
                f"intl-check: {lang}: {total.translated} of {total.total} strings translated ({total.fuzzy} fuzzy, "
                f"{total.untranslated} untranslated); dassco_required_translated sets what must be"
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
