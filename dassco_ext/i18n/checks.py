"""What ``make intl-check`` finds in a language's catalogs, each a :class:`Problem` at its
``.po`` file and line: what ``msgfmt --check`` says, entries whose source text is gone,
numbers and web addresses a translation changed (:func:`number_problems`, with the style
guide's number words), and the build's own judgements of translations, read from the
warnings of a build in that language (so the check and the build never disagree).
"""

from __future__ import annotations

import csv
import dataclasses as dc
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from ..warnings_ import DasscoWarnings
from .catalogs import check_catalog, read_catalog
from .languages import entry_problems

#: Build warnings ``check`` reports itself, from ``msgfmt --check`` and the charset check.
_OWN_CHECKS = ("[dassco.po_syntax]", "[dassco.po_charset]")

#: A warning of the build's judgement of a translation, located at its ``.po`` entry.
_JUDGED_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) "
    r"\[dassco\.(?:translation_markup|translation_target|interface_translation)\]$"
)


@dc.dataclass(frozen=True)
class Problem:
    """One thing ``check`` fails on, at ``path:line``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        path = Path(self.path)  # as run from the repository root: docs/..., locale/...
        if path.is_absolute() and path.is_relative_to(Path.cwd()):
            path = path.relative_to(Path.cwd())
        return f"{path}:{self.line}: {self.message}"


def catalog_problems(
    po: Path, template: Path | None = None, *, interface: bool = False
) -> list[Problem]:
    """What is wrong with one ``.po``: what keeps the build from using it (``msgfmt --check``,
    its charset: :func:`~.catalogs.check_catalog`), entries ``template`` no longer has
    (``None``: not judged), and with ``interface``, translations that change placeholders or
    add HTML."""
    reading = check_catalog(po)
    problems = [
        Problem(po, line or 1, message)
        for kind, line, message in reading.warnings
        if kind in (DasscoWarnings.PO_SYNTAX, DasscoWarnings.PO_CHARSET)
    ]
    catalog = reading.catalog
    if catalog is None:
        return problems  # the other checks need a catalog the build uses
    if template is not None and not template.exists():
        problems.append(Problem(po, 1, f"stale catalog: no page produces {template.name} any more"))
    elif template is not None:
        fix = f"update it from {template.name}" if interface else "run make intl-update"
        current = {(m.context, str(m.id)) for m in read_catalog(template) if m.id}
        problems += [
            Problem(
                po,
                message.lineno or 1,
                f"stale entry: the sources no longer have msgid {str(message.id)[:60]!r}"
                + (f" (msgctxt {message.context!r})" if message.context else "")
                + f"; {fix}",
            )
            for message in catalog
            if message.id and (message.context, str(message.id)) not in current
        ]
    if interface:
        problems += [
            Problem(po, m.lineno or 1, f"translation {problem}")
            for m, problem in entry_problems(catalog)
        ]
    return sorted(problems, key=lambda problem: problem.line)


def markup_problems(build_warnings: list[str]) -> tuple[list[Problem], list[str]]:
    """The build's judgements of translations, as problems at their ``.po`` file and line, and
    the build's other warnings."""
    problems, rest = [], []
    for warning in build_warnings:
        match = _JUDGED_RE.match(warning.strip())
        if match and match["path"].endswith(".po"):
            problems.append(Problem(Path(match["path"]), int(match["line"]), match["message"]))
        else:
            rest.append(warning)
    return problems, rest


def build_problems(sourcedir: Path, lang: str, doctrees: Path) -> list[str]:
    """Every warning of a build in ``lang`` (read and checked, nothing written)."""
    command = [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-N", "--keep-going", "-E"]
    command += ["-D", f"language={lang}", "-d", str(doctrees / lang)]
    command += [str(sourcedir), str(doctrees / "out" / lang)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = [
        line
        for line in done.stderr.splitlines()
        if ("WARNING" in line or "ERROR" in line) and not line.rstrip().endswith(_OWN_CHECKS)
    ]
    return list(dict.fromkeys(found))  # Locale may report one message twice


#: The style guide beside the glossary: ``language,rule,value`` rows a translator edits.
STYLE_GUIDE = "style-guide.csv"
#: A number in prose: digits, with group or decimal separators between digits.
_NUMBER_RE = re.compile(r"(?<![\w])\d+(?:[.,\u00a0\u202f']\d+)*")
_URL_RE = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")


def number_words(locale_dir: Path, lang: str) -> dict[Decimal, set[str]]:
    """The style guide's ``number-words`` of ``lang`` (``1=en|et 2=to ...``): numbers a
    translation may write as words instead of digits."""
    path = locale_dir / STYLE_GUIDE
    if not path.is_file():
        return {}
    words: dict[Decimal, set[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 3 and row[0].strip() == lang and row[1].strip() == "number-words":
                for pair in row[2].split():
                    number, _sep, spelled = pair.partition("=")
                    if number.isdigit():
                        words[Decimal(number)] = {w.lower() for w in spelled.split("|") if w}
    return words


def _numbers(text: str, locale: str) -> Counter[Decimal | str]:
    from babel.numbers import NumberFormatError, parse_decimal

    found: Counter[Decimal | str] = Counter()
    for token in _NUMBER_RE.findall(_URL_RE.sub(" ", text)):
        try:
            found[parse_decimal(token, locale=locale, strict=True)] += 1
        except (NumberFormatError, ValueError):
            found[re.sub(r"\D", "", token)] += 1  # 1.2.3, 12:30: its digits, in order
    return found


def number_problems(
    po: Path, source_lang: str, lang: str, words: dict[Decimal, set[str]]
) -> list[Problem]:
    """Entries whose translation lost, added or changed a number or a web address of its
    source (a number read as each language writes it: 250,000 in English is 250.000 in
    Danish); a number the style guide lets ``lang`` write as a word may be that word."""
    from babel.numbers import format_decimal

    try:
        catalog = read_catalog(po)
    except Exception:
        return []  # the catalog's own problem is what msgfmt reports
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy or not message.string or isinstance(message.id, tuple):
            continue
        source, translation = str(message.id), str(message.string)
        wanted, got = _numbers(source, source_lang), _numbers(translation, lang)
        said = set(re.findall(r"\w+", translation.lower()))
        for number in list((wanted - got).elements()):
            if isinstance(number, Decimal) and words.get(number, set()) & said:
                wanted[number] -= 1
        missing, extra = wanted - got, got - wanted
        if missing or extra:
            shown = ", ".join(
                f"{n} (in {lang}: {format_decimal(n, locale=lang)})"
                if isinstance(n, Decimal) and (n >= 10_000 or n != n.to_integral_value())
                else str(n)
                for n in missing
            )
            problems.append(
                Problem(
                    po,
                    message.lineno or 1,
                    (
                        f"the number {shown} of the source is not in the translation"
                        if missing
                        else f"the translation has a number the source does not have ({', '.join(map(str, extra))})"
                    )
                    + "; keep every number as it is, written as the language writes numbers",
                )
            )
        urls = sorted(set(_URL_RE.findall(source)) ^ set(_URL_RE.findall(translation)))
        if urls:
            problems.append(
                Problem(
                    po,
                    message.lineno or 1,
                    f"the web address {urls[0]} differs between source and translation; "
                    "keep web addresses as they are",
                )
            )
    return problems
