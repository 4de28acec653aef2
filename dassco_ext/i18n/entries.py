"""A catalog's entries as they are written: where each is (file and line), its flags, and
the ``msgid`` written twice.

Compiled catalogs (what Sphinx's Locale reads) keep neither lines nor flags; a warning about
a translation is located at its ``.po`` entry, and a translator's ``#, dassco-reorder`` flag
is read from there (:mod:`.markup`). Each ``.po`` is read once per change of the file.
"""

from __future__ import annotations

import dataclasses as dc
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import PoFileParser
from sphinx.util.i18n import docname_to_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dc.dataclass(frozen=True)
class PoEntry:
    """Where a translation is written: its ``.po`` file and line, and its flags."""

    path: str
    line: int
    flags: frozenset[str]


#: ``.po`` path -> (its mtime and size, its entries by key): each catalog read once per change.
_ENTRIES: dict[str, tuple[tuple[int, int], dict[str, PoEntry]]] = {}


def catalog_entries(po_path: str | os.PathLike[str]) -> dict[str, PoEntry]:
    """The entries of one ``.po`` by key (``msgctxt``, ``\\x04`` and ``msgid``, as compiled
    catalogs key them; the first of duplicates), read once per change of the file."""
    key = os.fspath(po_path)
    try:
        stat = os.stat(key)
    except OSError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _ENTRIES.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    entries: dict[str, PoEntry] = {}
    try:
        for lineno, (context, msgid), flags in _read_entries(key):
            entries.setdefault(f"{context}\x04{msgid}" if context else msgid, PoEntry(key, lineno, frozenset(flags)))
    except Exception:  # noqa: BLE001 - a catalog that cannot be read is reported by check_catalogs
        entries = {}
    _ENTRIES[key] = (stamp, entries)
    return entries


class _EntryParser(PoFileParser):
    """Babel's reader, keeping every entry it reads with its line and flags (Babel merges
    a duplicate ``msgid`` into the first one silently)."""

    def __init__(self, catalog: BabelCatalog) -> None:
        super().__init__(catalog, ignore_obsolete=True)
        self.read: list[tuple[int, tuple[str | None, str], list[str]]] = []

    def _add_message(self) -> None:
        if not self.obsolete and self.messages:
            msgid = self.messages[0].denormalize()
            context = self.context.denormalize() if self.context else None
            self.read.append((self.offset + 1, (context, msgid), sorted(self.flags)))
        super()._add_message()


def _read_entries(po_path: str | os.PathLike[str]) -> list[tuple[int, tuple[str | None, str], list[str]]]:
    """``(line, (msgctxt, msgid), flags)`` of every entry of a ``.po`` (read as UTF-8, as Sphinx
    reads it), duplicates included."""
    parser = _EntryParser(BabelCatalog())
    parser.parse(io.StringIO(Path(po_path).read_bytes().decode("utf-8-sig")))
    return parser.read


def po_duplicates(po_path: str | os.PathLike[str]) -> list[tuple[int, int, str | None, str]]:
    """``(line, line of the first, msgctxt, msgid)`` of every entry whose ``msgid`` (and
    ``msgctxt``) an earlier entry of the same catalog already has."""
    first: dict[tuple[str | None, str], int] = {}
    found = []
    for line, key, _flags in _read_entries(po_path):
        if not key[1]:
            continue  # the header
        if key in first:
            found.append((line, first[key], *key))
        else:
            first[key] = line
    return found


def po_entry(env: BuildEnvironment, docname: str, key: str) -> PoEntry | None:
    """The ``.po`` entry the page's translation of ``key`` comes from (the first of the
    ``locale_dirs`` that has it, as Sphinx's merged catalog), else ``None``."""
    textdomain = docname_to_domain(docname, env.config.gettext_compact)
    for directory in env.config.locale_dirs:
        po_path = Path(env.srcdir, directory, env.config.language or "", "LC_MESSAGES", textdomain + ".po")
        entry = catalog_entries(po_path).get(key)
        if entry is not None:
            return entry
    return None
