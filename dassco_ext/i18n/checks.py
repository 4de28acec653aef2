"""What ``make intl-check`` finds in a language's catalogs, each a :class:`Problem` at its
``.po`` file and line: what ``msgfmt --check`` says, entries whose source text is gone, and
the build's own judgements of translations, read from the warnings of a build in that
language (so the check and the build never disagree).
"""

from __future__ import annotations

import dataclasses as dc
import re
import subprocess
import sys
from pathlib import Path

from .catalogs import msgfmt, read_catalog

#: Build warnings ``check`` reports itself, from ``msgfmt --check`` and the charset check.
_OWN_CHECKS = ("[dassco.po_syntax]", "[dassco.po_charset]", "[dassco.po_duplicate]")

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
        path = Path(self.path)
        if path.is_absolute() and path.is_relative_to(Path.cwd()):
            path = path.relative_to(
                Path.cwd()
            )  # as run from the repository root: docs/..., locale/...
        return f"{path}:{self.line}: {self.message}"


def msgfmt_problems(po: Path) -> list[Problem]:
    """What ``msgfmt --check`` says about one ``.po``."""
    return [
        Problem(po, line or 1, f"msgfmt: {message}") for line, message in msgfmt(po, check=True)
    ]


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


def stale_problems(po: Path, pot: Path) -> list[Problem]:
    """Entries whose ``msgid`` (and ``msgctxt``) the current sources no longer have."""
    if not pot.exists():
        return [Problem(po, 1, f"stale catalog: no page produces {pot.name} any more")]
    current = {(m.context, str(m.id)) for m in read_catalog(pot) if m.id}
    return [
        Problem(
            po,
            message.lineno or 1,
            f"stale entry: the sources no longer have msgid {str(message.id)[:60]!r}"
            + (f" (msgctxt {message.context!r})" if message.context else "")
            + "; run make intl-update",
        )
        for message in read_catalog(po)
        if message.id and (message.context, str(message.id)) not in current
    ]


def build_problems(sourcedir: Path, lang: str, doctrees: Path) -> list[str]:
    """Every warning of a build in ``lang`` (read and checked, nothing written)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "dummy",
            "-q",
            "-N",
            "--keep-going",
            "-E",
            "-D",
            f"language={lang}",
            "-d",
            str(doctrees / lang),
            str(sourcedir),
            str(doctrees / "out" / lang),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = [
        line
        for line in done.stderr.splitlines()
        if ("WARNING" in line or "ERROR" in line) and not line.rstrip().endswith(_OWN_CHECKS)
    ]
    return list(dict.fromkeys(found))  # Locale may report one message twice
