"""Rules a catalog's content is held to before a build uses it.

- A translation is at most :data:`MAX_MESSAGE_CHARS` characters (and ten times its
  message): every character costs a build about a hundred bytes (a 50 MB ``msgstr`` took
  6 GB), so an overlong one is left out of the compiled catalog and the source text shows.
- ``Plural-Forms`` must be ``nplurals=N; plural=EXPRESSION;`` with a C expression of ``n``:
  gettext refuses to load a catalog whose formula it cannot read, which silently showed
  every page using it untranslated.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ..warnings_ import DasscoWarnings, at, warn

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog as BabelCatalog

#: The longest translation used (characters): a page's paragraph is far shorter, and every
#: character costs a build about a hundred bytes (a 50 MB msgstr took 6 GB). A translation
#: longer than this and than ten times its message is left out: the source text shows.
MAX_MESSAGE_CHARS = 100_000


def drop_overlong(catalog: BabelCatalog, po_path: str | os.PathLike[str]) -> None:
    """Leave overlong translations (:data:`MAX_MESSAGE_CHARS`) out of the compiled catalog,
    with one ``dassco.limit`` warning at each one's line."""
    for message in list(catalog):
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        longest = max(len(text) for text in strings)
        if longest > max(MAX_MESSAGE_CHARS, 10 * max(len(i) for i in ids)):
            warn(
                DasscoWarnings.LIMIT,
                f"translation of {ids[0][:60]!r} is {longest:,} characters long (at most "
                f"{MAX_MESSAGE_CHARS:,}); it is left out and the source text is shown",
                at(os.fspath(po_path), message.lineno),
            )
            message.string = ("",) * len(strings) if isinstance(message.string, tuple) else ""


def plural_forms_problem(po_path: str | os.PathLike[str]) -> tuple[int, str] | None:
    """``(line, reason)`` when the header's ``Plural-Forms`` is not ``nplurals=N;
    plural=EXPRESSION;`` with a C expression of ``n`` (what gettext evaluates); gettext then
    silently uses ``n != 1``."""
    import gettext

    try:
        with open(po_path, encoding="utf-8", errors="replace") as handle:
            head = [next(handle, "") for _ in range(60)]
    except OSError:
        return None
    for number, line in enumerate(head, 1):
        match = re.match(r'\s*(?:msgstr\s*)?"Plural-Forms:\s*(.*?)(?:\\n)?"\s*$', line, re.IGNORECASE)
        if not match:
            continue
        value = match[1]
        found = re.fullmatch(r"\s*nplurals\s*=\s*(\d{1,2})\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value)
        if found is None or not 1 <= int(found[1]) <= 10:
            return number, f"Plural-Forms {value[:80]!r} is not 'nplurals=N; plural=EXPRESSION;'"
        try:
            gettext.c2py(found[2])
        except (ValueError, RecursionError, SyntaxError):
            return number, f"Plural-Forms plural={found[2][:80]!r} is not a formula of n"
        return None
    return None
