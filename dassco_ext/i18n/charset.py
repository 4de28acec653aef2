"""A catalog's declared charset, and reading a ``.po`` as Sphinx reads it (as UTF-8 text).

:func:`po_charset_problem` says what is wrong with a header's ``charset=`` (the build and
``dassco intl check`` report it at its line); :func:`read_catalog` reads a ``.po`` whatever
its header declares.
"""

from __future__ import annotations

import codecs
import dataclasses as dc
import io
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import PoFileParser

#: The header's ``"Content-Type: ...; charset=..."`` line of a ``.po``.
_CHARSET_RE = re.compile(rb'^"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.IGNORECASE | re.MULTILINE)


@dc.dataclass(frozen=True)
class CharsetProblem:
    """A ``.po`` header charset that is not the file's: where, what, and if it is UTF-8."""

    line: int
    message: str
    utf8: bool


def po_charset_problem(po_path: str | os.PathLike[str]) -> CharsetProblem | None:
    """What is wrong with a ``.po``'s declared charset, else ``None``.

    Sphinx reads every ``.po`` as UTF-8 text but has Babel encode the ``.mo`` in the declared
    charset: a UTF-8 file declaring ``ISO-8859-1`` loses every character Latin-1 lacks (the
    whole catalog, with an unlocated "writing error"), an unknown charset makes Babel raise,
    and a Latin-1 file is an unlocated "reading error". Only UTF-8 is read, so any other
    declaration that changes the meaning of the bytes is reported (pure ASCII is not).
    """
    data = Path(po_path).read_bytes()
    match = _CHARSET_RE.search(data)
    if match is None:
        return None
    declared = match[1].decode("ascii", "replace")
    line = data.count(b"\n", 0, match.start()) + 1
    try:
        as_utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    try:
        known = codecs.lookup(declared).name
    except LookupError:
        known = None
    if known is not None:
        try:
            if data.decode(known) == as_utf8:
                return None  # UTF-8 itself, or text that reads the same either way
        except UnicodeDecodeError:
            pass
    what = f"declares charset={declared}" if known else f"declares an unknown charset {declared!r}"
    if as_utf8 is not None:
        return CharsetProblem(line, f"translation catalog {what} but is UTF-8: it is read as UTF-8 "
                                    "(set charset=UTF-8 in its header)", True)
    return CharsetProblem(line, f"translation catalog {what} and is not UTF-8: only UTF-8 catalogs are "
                                "read, so the pages using it are shown untranslated "
                                "(convert it with msgconv --to-code=UTF-8)", False)


def read_catalog(po_path: str | os.PathLike[str], locale: str | None = None, *, encoding: str = "utf-8") -> BabelCatalog:
    """A ``.po`` read as UTF-8 text, as Sphinx reads it: its header cannot make Babel decode
    (or fail on) the bytes in another charset."""
    text = Path(po_path).read_bytes().decode(encoding)
    catalog = BabelCatalog(locale=locale)
    _QuietPoParser(catalog, ignore_obsolete=False, abort_invalid=False).parse(io.StringIO(text))
    return catalog


class _QuietPoParser(PoFileParser):
    """Babel's reader without its ``print("WARNING: ...")`` on standard output for each line it
    cannot read: msgfmt judges those catalogs and they get one located ``dassco.po_syntax``."""

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        pass
