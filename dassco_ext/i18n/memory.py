"""Translation memory: a compendium ``.po`` of known pairs of translations, and filling a
catalog's untranslated entries from it with ``msgmerge --compendium`` (exact matches filled,
close ones offered as ``#, fuzzy``; a translation or draft already there is never replaced).
"""

from __future__ import annotations

import dataclasses as dc
import datetime
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..paths import write_whole
from .catalogs import read_catalog


@dc.dataclass(frozen=True)
class Filled:
    """What :func:`fill_from_compendium` changed in one catalog."""

    exact: tuple[tuple[str | None, str], ...] = ()  # (msgctxt, msgid) filled in
    fuzzy: tuple[tuple[str | None, str], ...] = ()  # offered as fuzzy


def write_compendium(
    path: Path, pairs: Iterable[tuple[str | None, str, str]], language: str
) -> int:
    """Write ``(msgctxt, msgid, msgstr)`` pairs as a compendium; the first translation of a
    message wins. Returns how many entries it holds."""
    catalog = Catalog(
        locale=language,
        project="translation memory",
        fuzzy=False,
        revision_date=datetime.datetime.now(datetime.UTC),
        last_translator="the pairs of translations found (a compendium)",
    )
    for context, msgid, msgstr in pairs:
        if not msgid.strip() or not msgstr.strip():
            continue
        for ctxt in {context, None}:
            if catalog.get(msgid, context=ctxt) is None:
                catalog.add(msgid, msgstr, context=ctxt)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, lambda handle: write_po(handle, catalog, width=76))
    return len(catalog)


def fill_from_compendium(po_path: Path | str, compendium_path: Path | str) -> Filled:
    """Fill ``po_path``'s untranslated entries from the compendium (``msgmerge --compendium``:
    exact matches filled, close ones fuzzy). Entries with a translation or a fuzzy draft are
    left alone. Needs GNU gettext's ``msgmerge`` and ``msgattrib``."""
    po_path, compendium_path = Path(po_path), Path(compendium_path)
    if not shutil.which("msgmerge") or not shutil.which("msgattrib"):
        raise RuntimeError("fill_from_compendium needs GNU gettext (msgmerge, msgattrib) on PATH")
    catalog = read_catalog(po_path)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # the untranslated entries, as a template; an empty catalog to merge into
        untranslated = work / "untranslated.pot"
        subprocess.run(
            [
                "msgattrib",
                "--untranslated",
                "--no-fuzzy",
                "--no-obsolete",
                "-o",
                str(untranslated),
                str(po_path),
            ],
            check=True,
            capture_output=True,
        )
        if not untranslated.exists():  # nothing left to translate
            return Filled()
        empty = work / "empty.po"
        empty.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
        )
        merged = work / "merged.po"
        subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--no-wrap",
                f"--compendium={compendium_path}",
                "-o",
                str(merged),
                str(empty),
                str(untranslated),
            ],
            check=True,
            capture_output=True,
        )
        found = read_catalog(merged)
    exact, fuzzy = [], []
    for message in found:
        if not message.id or not message.string:
            continue
        target = catalog.get(message.id, context=message.context)
        if target is None or target.string:
            continue
        target.string = message.string
        if message.fuzzy:
            target.flags.add("fuzzy")
            fuzzy.append((message.context, str(message.id)))
        else:
            exact.append((message.context, str(message.id)))
    if exact or fuzzy:
        write_whole(po_path, lambda handle: write_po(handle, catalog, width=76))
    return Filled(tuple(exact), tuple(fuzzy))
