"""The translator's workflow: ``python -m dassco_ext.cli.intl SOURCEDIR BUILDDIR update|stat|check``.

- ``update``: ``sphinx-intl update`` for every translated language (after ``make gettext``).
  Babel keeps a changed sentence's translation as ``#, fuzzy`` and a removed one as an
  obsolete ``#~`` entry, so nothing a translator wrote is lost.
- ``stat``: translated / fuzzy / untranslated counts per language and page.
- ``check``: fails, naming file and line, on a ``.po`` that ``msgfmt --check`` rejects or
  whose header charset is not UTF-8; a translation whose links, button targets, attribute lists or inline markup differ from its
  source; raw HTML a translation adds; an entry whose ``msgid`` the sources no longer have
  (stale catalog); and any warning of a build in that language (Sphinx's "inconsistent
  references" included); and the package's own catalogs (``dassco_ext/locale``:
  :func:`~dassco_ext.i18n.package_catalogs.package_problems`). Markup and charsets are judged by the functions the build uses
  (:func:`~dassco_ext.i18n.markup.markup_changes`,
  :func:`~dassco_ext.i18n.po_charset_problem`), so the two always agree.
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from ..i18n.catalogs import catalog_completeness, po_charset_problem, read_catalog
from ..i18n.markup import markup_changes
from ..i18n.package_catalogs import (
    is_interface_catalog,
    package_problems,
    site_interface_problems,
)
from .build import configured_languages, read_conf

#: Build warnings ``check`` has already reported itself, at the ``.po`` entry's line.
_OWN_CHECKS = tuple(
    f"[dassco.{kind}]" for kind in ("po_syntax", "po_charset", "translation_markup", "translation_target")
)


@dc.dataclass(frozen=True)
class Problem:
    """One thing ``check`` fails on, at ``path:line``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
    """``sphinx-intl update`` from ``BUILDDIR/gettext`` for every translated language."""
    command = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(builddir / "gettext"),
               "-d", str(locale_dir(sourcedir, conf))]
    for lang in translated_languages(conf):
        command += ["-l", lang]
    return subprocess.run(command, check=False).returncode


def stat(sourcedir: Path, conf: dict) -> int:
    """Print translated / fuzzy / untranslated counts per language and page."""
    for lang in translated_languages(conf):
        print(f"{lang}:")
        base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
        for po in po_files(sourcedir, conf, lang):
            try:
                counts = catalog_completeness(po)
            except (PoFileError, ValueError) as exc:
                print(f"  {po.relative_to(base)}: cannot be read ({exc})")
                continue
            print(
                f"  {po.relative_to(base).with_suffix('')}: {counts.translated} translated, "
                f"{counts.fuzzy} fuzzy, {counts.untranslated} untranslated ({counts.percent:.0f}%)"
            )
    return 0


# --- check ----------------------------------------------------------------------------------

def msgfmt_problems(po: Path) -> list[Problem]:
    """What ``msgfmt --check`` says about one ``.po`` (it names file and line itself)."""
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    if done.returncode == 0:
        return []
    problems = []
    for line in done.stderr.splitlines():
        match = re.match(r"(?P<path>[^:]+):(?P<line>\d+): (?P<message>.*)", line)
        if match:
            # msgfmt has already counted the newline that ends an unterminated string
            eol = match["message"].startswith("end-of-line within string")
            problems.append(Problem(po, int(match["line"]) - eol, "msgfmt: " + match["message"]))
    return problems or [Problem(po, 1, "msgfmt --check failed: " + done.stderr.strip())]


def markup_problems(po: Path) -> list[Problem]:
    """Translations whose links, buttons or markup differ from their source, or add HTML
    (judged by :func:`~dassco_ext.i18n.markup.markup_changes`, as the build does)."""
    catalog = read_catalog(po)
    problems = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy or not isinstance(message.id, str):
            continue
        changes = markup_changes(message.id, str(message.string))
        source, translation = changes.source, changes.translation
        line = message.lineno or 1
        if changes.links:
            problems.append(Problem(po, line, f"links differ from the source: {list(source.links)} -> {list(translation.links)}"))
        if changes.attr_lists:
            problems.append(Problem(po, line, f"attribute lists (buttons) differ from the source: "
                                              f"{list(source.attr_lists)} -> {list(translation.attr_lists)}"))
        if changes.inline:
            problems.append(Problem(po, line, f"inline markup differs from the source: {dict(source.inline)} -> {dict(translation.inline)}"))
        if changes.added_html:
            problems.append(Problem(po, line, f"raw HTML not in the source: {changes.added_html}"))
    return problems


def _key(message: object) -> tuple[str | None, str]:
    return getattr(message, "context", None), str(getattr(message, "id", ""))


def stale_problems(po: Path, pot: Path) -> list[Problem]:
    """Entries whose ``msgid`` (and ``msgctxt``) the current sources no longer have."""
    catalog = read_catalog(po)
    if not pot.exists():
        return [Problem(po, 1, f"stale catalog: no page produces {pot.name} any more")]
    with pot.open("rb") as handle:
        template = read_po(handle)
    current = {_key(m) for m in template if m.id}
    return [
        Problem(po, message.lineno or 1, f"stale entry: the sources no longer have msgid {str(message.id)[:60]!r}"
                + (f" (msgctxt {message.context!r})" if message.context else "")
                + "; run make intl-update")
        for message in catalog
        if message.id and _key(message) not in current
    ]


def build_problems(sourcedir: Path, lang: str, doctrees: Path) -> list[str]:
    """Every warning of a build in ``lang`` (read and checked, nothing written)."""
    out = doctrees / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-N", "--keep-going", "-E", "-D", f"language={lang}",
         "-d", str(doctrees / lang), str(sourcedir), str(out / lang)],
        capture_output=True, text=True, check=False,
    )
    found = [
        line for line in done.stderr.splitlines()
        if ("WARNING" in line or "ERROR" in line) and not line.rstrip().endswith(_OWN_CHECKS)
    ]
    return list(dict.fromkeys(found))  # Locale may report one message twice


def check(sourcedir: Path, builddir: Path, conf: dict) -> int:
    """Run every check; print each problem as ``path:line: message``; non-zero on any."""
    problems: list[Problem] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dassco-intl-") as tmp:
        pot_dir = Path(tmp) / "gettext"
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-N", "-d", str(Path(tmp) / "doctrees"),
             str(sourcedir), str(pot_dir)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode:
            print(done.stdout + done.stderr, file=sys.stderr)
            return done.returncode
        for lang in translated_languages(conf):
            base = locale_dir(sourcedir, conf) / lang / "LC_MESSAGES"
            for po in po_files(sourcedir, conf, lang):
                if is_interface_catalog(po.relative_to(base)):  # the site's wording of the interface
                    problems += [Problem(p.path, p.line, p.message) for p in site_interface_problems(po)]
                    continue
                found = msgfmt_problems(po)
                problems += found
                if found:
                    continue  # the other checks need a readable catalog
                charset = po_charset_problem(po)  # the build's own judgement and message
                if charset is not None:
                    problems.append(Problem(po, charset.line, charset.message))
                    if not charset.utf8:
                        continue
                problems += markup_problems(po)
                problems += stale_problems(po, pot_dir / po.relative_to(base).with_suffix(".pot"))
            warnings += [f"[{lang}] {w}" for w in build_problems(sourcedir, lang, Path(tmp) / "check")]
        shutil.rmtree(pot_dir, ignore_errors=True)
    # the package's own catalogs (its words and the theme's): placeholders, HTML, templates
    problems += [Problem(p.path, p.line, p.message) for p in package_problems()]
    for problem in problems:
        print(problem, file=sys.stderr)
    for warning in warnings:
        print(warning, file=sys.stderr)
    count = len(problems) + len(warnings)
    if count:
        print(f"intl-check: {count} problem(s)", file=sys.stderr)
        return 1
    print(f"intl-check: {', '.join(translated_languages(conf)) or 'no translations'}: ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dassco_ext.cli.intl", description=__doc__.splitlines()[0])
    parser.add_argument("sourcedir", type=Path)
    parser.add_argument("builddir", type=Path)
    parser.add_argument("command", choices=("update", "stat", "check"))
    args = parser.parse_args(argv)
    conf = read_conf(args.sourcedir)
    if args.command == "update":
        return update(args.sourcedir, args.builddir, conf)
    if args.command == "stat":
        return stat(args.sourcedir, conf)
    return check(args.sourcedir, args.builddir, conf)


if __name__ == "__main__":
    sys.exit(main())
