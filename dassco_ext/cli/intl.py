"""``dassco intl update|stat|check|glossary-tbx [SOURCEDIR] [BUILDDIR]``: the translator's workflow.

- ``update``: every translated language's catalogs merged with the templates of
  ``BUILDDIR/gettext`` (after ``make gettext``) by GNU ``msgmerge --previous`` (a new page's
  by ``msginit``): a changed sentence keeps its translation as ``#, fuzzy`` with its old
  ``msgid`` as ``#| msgid``, a removed one stays as an obsolete ``#~`` entry, nothing a
  translator wrote is lost, and every catalog is written as GNU gettext (Poedit, Weblate)
  writes it (:mod:`dassco_ext.i18n.merge`).
- ``stat``: translated / fuzzy / untranslated counts of every page in every language, pages
  without a catalog included, against the current sources (``--json``: as JSON).
- ``glossary-tbx``: the glossary (``locale/glossary.csv``) as TBX, for Weblate.
- ``check``: fails, naming file and line, on a ``.po`` that ``msgfmt --check`` rejects or
  whose header charset is not UTF-8; a translation whose markup is not its source's (roles,
  links and their targets and order, images, attribute lists, classes, ids, raw HTML);
  a duplicate entry; an interface entry (``sphinx.po``, ``dassco.po``) adding HTML or
  changing placeholders; an entry whose ``msgid`` the sources no longer have
  (stale catalog); and any warning of a build in that language (Sphinx's "inconsistent
  references" included); a page translated less than ``dassco_required_translated``
  requires (fuzzy counts as untranslated, no catalog as 0 %); the package's own catalogs
  (``dassco_ext/locale``: :func:`~dassco_ext.i18n.package_catalogs.package_problems`). Terms the glossary has, whose
  translation lacks the approved term, are warnings (they do not fail). Markup is judged by
  the build in that language itself (:func:`~dassco_ext.i18n.markup.judge`, see
  :func:`markup_problems`), charsets by the function the build uses
  (:func:`~dassco_ext.i18n.charset.po_charset_problem`), so they always agree.
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import PoFileError

from ..i18n import glossary as glossary_
from ..i18n.charset import po_charset_problem
from ..i18n.checks import (
    Problem,
    build_problems,
    markup_problems,
    msgfmt_problems,
    stale_problems,
)
from ..i18n.coverage import (
    PageCoverage,
    below_required,
    meets,
    page_coverage,
    required_translated,
)
from ..i18n.extraction import project_root
from ..i18n.facts import Completeness, catalog_completeness
from ..i18n.languages import PACKAGE_CATALOGS
from ..i18n.merge import (
    GettextMissing,
    fill_known_translations,
    is_page_domain,
    update_language,
)
from ..i18n.package_catalogs import missing_interface_words, package_problems
from .build import configured_languages, read_conf


def locale_dir(sourcedir: Path, conf: dict) -> Path:
    """The first of ``locale_dirs`` (where translators' ``.po`` files live)."""
    return (sourcedir / (list(conf.get("locale_dirs") or ["locales"])[0])).resolve()


def translated_languages(conf: dict) -> list[str]:
    """Every configured language but the source (first) one."""
    return configured_languages(conf)[1:]


def po_files(sourcedir: Path, conf: dict, lang: str) -> list[Path]:
    return sorted((locale_dir(sourcedir, conf) / lang / "LC_MESSAGES").glob("**/*.po"))


# --- update, stat ---------------------------------------------------------------------------

def update(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Merge the templates of ``BUILDDIR/gettext`` into every translated language's catalogs
    (GNU ``msgmerge --previous``; ``msginit`` for a new page). Prints one line per catalog
    written, created, skipped or removed; non-zero if one could not be merged."""
    pot_dir = builddir / "gettext"
    if not pot_dir.is_dir():
        print(f"intl-update: no templates in {pot_dir}: run make gettext first", file=sys.stderr)
        return 2
    failed = 0
    root = _root(sourcedir, conf)
    for lang in translated_languages(conf):
        try:
            outcomes = update_language(pot_dir, locale_dir(sourcedir, conf), lang, sourcedir.resolve(), conf)
        except GettextMissing as exc:
            print(f"intl-update: {exc}", file=sys.stderr)
            return 2
        for outcome in outcomes:
            if outcome.action == "unchanged" and not outcome.detail:
                continue
            line = f"{lang}: {outcome.action} {_rel(outcome.po, root)}" + (f": {outcome.detail}" if outcome.detail else "")
            print(line, file=sys.stderr if outcome.action == "failed" else sys.stdout)
            failed += outcome.action == "failed"
        try:
            filled = fill_known_translations(sourcedir.resolve(), locale_dir(sourcedir, conf), lang)
        except GettextMissing as exc:
            print(f"intl-update: {exc}", file=sys.stderr)
            return 2
        for po, count in sorted(filled.items()):
            print(f"{lang}: filled {count} entr{'y' if count == 1 else 'ies'} of {_rel(po, root)} "
                  "from per-language front matter and the translation memory")
        written = sum(o.action in ("created", "updated") for o in outcomes)
        kept = sum(o.action == "unchanged" for o in outcomes)
        print(f"{lang}: {written} catalog(s) created or updated, {kept} already up to date")
    return 1 if failed else 0


def _root(sourcedir: Path, conf: dict) -> Path:
    """The directory paths are shown relative to (the one holding sources and catalogs)."""
    return Path(project_root(sourcedir, list(conf.get("locale_dirs") or ["locales"])))


def _rel(path: Path | None, root: Path) -> str:
    if path is None:
        return "-"
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def extract(sourcedir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """The ``.pot`` templates of the current sources (``gettext`` builder, quiet)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-N", "-d", str(outdir.parent / "doctrees"),
         str(sourcedir), str(outdir)],
        capture_output=True, text=True, check=False,
    )


def coverage(sourcedir: Path, conf: dict, pot_dir: Path) -> dict[str, list[PageCoverage]] | None:
    """Every page of every translated language, counted against the templates of the current
    sources (extracted into ``pot_dir``); ``None``, after printing why, if they cannot be."""
    done = extract(sourcedir, pot_dir)
    if done.returncode:
        print(done.stdout + done.stderr, file=sys.stderr)
        return None
    return {
        lang: page_coverage(pot_dir, locale_dir(sourcedir, conf), lang, sourcedir.resolve(), conf)
        for lang in translated_languages(conf)
    }


def _other_catalogs(sourcedir: Path, conf: dict, lang: str) -> list[Path]:
    """The language's catalogs that are not a page's (the site's own interface strings)."""
    base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
    return [po for po in po_files(sourcedir, conf, lang)
            if not is_page_domain(po.relative_to(base).with_suffix("").as_posix(), sourcedir.resolve(), conf)]


def stat(sourcedir: Path, conf: dict, *, as_json: bool = False) -> int:
    """Print translated / fuzzy / untranslated counts of every page in every language (pages
    without a catalog too), against the current sources; ``as_json``: one JSON document."""
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pot_dir = Path(tmp) / "gettext"
        pages = coverage(sourcedir, conf, pot_dir)
        if pages is None:
            return 1
    required, _problem = required_translated(conf)
    root = _root(sourcedir, conf)
    report: dict[str, dict] = {}
    for lang, entries in pages.items():
        total = sum((p.counts for p in entries), Completeness())
        others = {}
        for po in _other_catalogs(sourcedir, conf, lang):
            try:
                others[_rel(po, root)] = dc.asdict(catalog_completeness(po))
            except (PoFileError, ValueError) as exc:
                others[_rel(po, root)] = {"error": str(exc)}
        report[lang] = {
            "translated": total.translated, "fuzzy": total.fuzzy, "untranslated": total.untranslated,
            "total": total.total, "percent": round(total.percent, 1), "required": required.get(lang),
            "pages": [p.as_dict(root) for p in entries], "interface_catalogs": others,
        }
    if as_json:
        print(json.dumps({"languages": report}, indent=2, ensure_ascii=False))
        return 0
    for lang, entries in pages.items():
        print(f"{lang}:")
        for page in entries:
            counts = page.counts
            print(
                f"  {page.page}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                f"{counts.untranslated} untranslated ({counts.percent:.0f}%)"
                + ("" if page.po else ", no catalog")
                + ("" if lang not in required or meets(counts, required[lang]) else f", below the required {required[lang]:g}%")
            )
        for name, counts in report[lang]["interface_catalogs"].items():
            if "error" in counts:
                print(f"  {name}: cannot be read ({counts['error']})")
            else:
                print(f"  {name} (interface strings): {counts['translated']} translated, {counts['fuzzy']} fuzzy, "
                      f"{counts['untranslated']} untranslated")
        info = report[lang]
        print(f"  all pages: {info['translated']} of {info['total']} translated ({info['percent']:.0f}%), "
              f"{info['fuzzy']} fuzzy" + (f"; required per page: {info['required']:g}%" if info["required"] is not None else ""))
    return 0


def gate_problems(sourcedir: Path, conf: dict, lang: str, pages: list[PageCoverage]) -> list[Problem]:
    """Every page of ``lang`` translated less than ``dassco_required_translated`` requires, at
    its first unfinished entry (or, with no catalog, at its source)."""
    required, problem = required_translated(conf)
    if problem:
        return [Problem(sourcedir / "conf.py", 1, problem)]
    base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
    return [Problem(path, line, message) for path, line, message in below_required(
        pages, lang, required.get(lang), lambda page: _rel(base / f"{page}.po", _root(sourcedir, conf)))]


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
            warnings += [str(p) for p in glossary_.glossary_problems(po, terms)]
        except (PoFileError, ValueError):
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
    source = configured_languages(conf)[0]
    data = glossary_.to_tbx(terms, source, f"{conf.get('project') or 'Site'} glossary")
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        print(f"glossary-tbx: {len(terms)} term(s) written to {output}")
    return 0


# --- check ----------------------------------------------------------------------------------

def check(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Run every check; print each problem as ``path:line: message``; non-zero on any."""
    problems: list[Problem] = []
    warnings: list[str] = []
    advice: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pot_dir = Path(tmp) / "gettext"
        pages = coverage(sourcedir, conf, pot_dir)
        if pages is None:
            return 1
        for lang in translated_languages(conf):
            problems += gate_problems(sourcedir, conf, lang, pages[lang])
            found_terms, glossary_errors = glossary_warnings(sourcedir, conf, lang)
            advice += found_terms
            problems += glossary_errors
            problems += missing_interface_words(locale_dir(sourcedir, conf), lang)
            base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
            for po in po_files(sourcedir, conf, lang):
                found = msgfmt_problems(po)
                problems += found
                if found:
                    continue  # the other checks need a readable catalog
                charset = po_charset_problem(po)  # the build's own judgement and message
                if charset is not None:
                    problems.append(Problem(po, charset.line, charset.message))
                    if not charset.utf8:
                        continue
                pot = pot_dir / po.relative_to(base).with_suffix(".pot")
                if pot.exists() or po.stem not in PACKAGE_CATALOGS:  # a site's own interface wording is no page's
                    problems += stale_problems(po, pot)
            judged, rest = markup_problems(build_problems(sourcedir, lang, Path(tmp) / "check"))
            problems += sorted(set(judged), key=lambda p: (str(p.path), p.line, p.message))
            warnings += [f"[{lang}] {w}" for w in rest]
        shutil.rmtree(pot_dir, ignore_errors=True)
    # the package's own catalogs (its words and the theme's): placeholders, HTML, templates
    problems += [Problem(p.path, p.line, p.message) for p in package_problems()]
    for problem in problems:
        print(problem, file=sys.stderr)
    for warning in warnings:
        print(warning, file=sys.stderr)
    for line in dict.fromkeys(advice):
        print(line, file=sys.stderr)
    count = len(problems) + len(warnings)
    if count:
        print(f"intl-check: {count} problem(s)", file=sys.stderr)
        return 1
    print(f"intl-check: {', '.join(translated_languages(conf)) or 'no translations'}: ok"
          + (f" ({len(advice)} glossary warning(s))" if advice else ""))
    for lang, entries in pages.items():  # unfinished work is said, even where nothing requires it
        total = sum((page.counts for page in entries), Completeness())
        if total.translated < total.total:
            print(f"intl-check: {lang}: {total.translated} of {total.total} strings translated ({total.fuzzy} fuzzy, "
                  f"{total.untranslated} untranslated); dassco_required_translated sets what must be")
    return 0


EXAMPLES = """\
examples:
  dassco intl update                # after `make gettext`: every language's .po brought up to date
  dassco intl stat --json           # translated / fuzzy / untranslated of every page, as JSON
  dassco intl check docs _build     # fail, with file:line, on broken, stale or unfinished translations
  dassco intl glossary-tbx -o _build/glossary.tbx   # the glossary for Weblate
"""


def main(argv: list[str] | None = None, prog: str = "dassco intl") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="The translator's workflow (the manual's translator's guide).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=("update", "stat", "check", "glossary-tbx"), help=(
        "update: msgmerge --previous from BUILDDIR/gettext (keeps old translations as fuzzy or obsolete); "
        "stat: counts per language and page; check: msgfmt --check, markup, stale entries, the "
        "completeness gate, the glossary, build warnings; glossary-tbx: locale/glossary.csv as TBX"))
    parser.add_argument("sourcedir", type=Path, nargs="?", default=Path("docs"), help="default: docs")
    parser.add_argument("builddir", type=Path, nargs="?", default=Path("_build"), help="default: _build")
    parser.add_argument("--json", action="store_true", help="stat: print the counts as JSON")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="glossary-tbx: write the TBX here (default: standard output)")
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
