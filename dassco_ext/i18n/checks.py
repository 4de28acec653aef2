"""What ``make intl-check`` finds in a language's catalogs, each as a :class:`Problem` at its
``.po`` file and line: what ``msgfmt --check`` says, entries whose source text is gone, and
the build's own judgements of translations (:mod:`.markup`, :mod:`.catalogs`), read from the
warnings of a build in that language, so the check and the build never disagree.
"""

from __future__ import annotations

import dataclasses as dc
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from .charset import read_catalog

#: Build warnings ``check`` has already reported itself, at the ``.po`` entry's line.
_OWN_CHECKS = tuple(
    f"[dassco.{kind}]" for kind in ("po_syntax", "po_charset", "po_duplicate")
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
            path = path.relative_to(Path.cwd())  # as run from the repository root: docs/..., locale/...
        return f"{path}:{self.line}: {self.message}"


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


#: A warning of the build's judgement of a translation, located at its ``.po`` entry.
_JUDGED_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) "
    r"\[dassco\.(?:translation_markup|translation_target|interface_translation)\]$"
)


def markup_problems(build_warnings: list[str]) -> tuple[list[Problem], list[str]]:
    """The build's judgements of translations, as problems at their ``.po`` file and line, and
    the build's other warnings.

    A translation's markup is judged by the build itself (:func:`dassco_ext.i18n.markup.judge`,
    with the page's own parser, MyST or reStructuredText, in the page's context), so
    ``intl-check``, the HTML build and the PDF brief never disagree; the same goes for
    the site's interface catalogs (``sphinx.po``, ``dassco.po``)."""
    problems, rest = [], []
    for warning in build_warnings:
        match = _JUDGED_RE.match(warning.strip())
        if match and match["path"].endswith(".po"):
            problems.append(Problem(Path(match["path"]), int(match["line"]), match["message"]))
        else:
            rest.append(warning)
    return problems, rest


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
