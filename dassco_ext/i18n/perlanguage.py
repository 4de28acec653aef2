"""Per-language front-matter values (``imageAlt: {en: Beetles, da: Biller}``) as translations.

The source language's value is the page's text (:mod:`dassco_ext.page.sitekeys`); the
others are translations of it, with the key as ``msgctxt`` exactly as
:mod:`.extraction` extracts front matter:

- :func:`front_matter_translations` finds them in a source tree, for ``intl update``;
- :func:`apply_front_matter_translations` fills them into a ``.po``: only entries whose
  ``msgstr`` is empty (and not fuzzy-marked work in progress) are filled, so nothing a
  translator wrote is ever replaced;
- :func:`fallback_translations`: while a catalog has no translation of such a text, the
  page in that language shows the front matter's own value (the catalog always wins).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import read_conf
from ..paths import write_whole
from .extraction import CONTEXT_SEPARATOR

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..page.frontmatter import FrontMatter

#: ``(docname, msgctxt, msgid, msgstr)``: one translation for a page's catalog.
Entry = tuple[str, str, str, str]

#: Front-matter keys and the :class:`FrontMatter` field holding their source text.
_FIELDS = {
    "title": "title",
    "description": "description",
    "imageAlt": "image_alt",
    "imageLicense": "image_license",
    "preTitle": "pre_title",
    "jobTitle": "job_title",
    "category": "category",
}
_CTA_RE = re.compile(r"cta\.(\d+)")


def messages(fm: FrontMatter) -> Iterable[tuple[str, str, dict[str, str]]]:
    """``(msgctxt, msgid, {language: msgstr})`` of a page's per-language values."""
    for key, others in sorted(fm.translations.items()):
        match = _CTA_RE.fullmatch(key)
        if match:
            entries = fm.data.get("cta")
            index = int(match[1]) - 1
            entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
            msgid = entry.get("text") if isinstance(entry, dict) else None
            context = "cta"
        else:
            msgid = getattr(fm, _FIELDS[key], None) if key in _FIELDS else None
            context = key
        if isinstance(msgid, str) and msgid.strip():
            yield context, msgid.strip(), others


def fallback_translations(fm: FrontMatter | None, language: str | None) -> dict[str, str]:
    """``msgctxt \\x04 msgid -> text`` of ``language``'s per-language values of a page."""
    if fm is None or not language:
        return {}
    return {
        context + CONTEXT_SEPARATOR + msgid: others[language]
        for context, msgid, others in messages(fm)
        if language in others
    }


def _source_languages(srcdir: Path) -> tuple[str, ...]:
    if not (srcdir / "conf.py").is_file():
        return ("en",)
    conf = read_conf(srcdir)
    return tuple(conf.get("dassco_languages") or ()) or ("en",)


def _front_matter_text(path: Path) -> str | None:
    """The YAML between a page's ``---`` fences (as MyST finds it), or ``None``."""
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].startswith("---"):
        return None
    block = []
    for line in lines[1:]:
        if line.startswith(("---", "...")):
            return "".join(block)
        block.append(line)
    return None


def _pages(srcdir: Path) -> Iterable[tuple[str, Path]]:
    for folder, dirnames, filenames in os.walk(srcdir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        for name in sorted(filenames):
            if name.endswith(".md"):
                path = Path(folder, name)
                yield path.relative_to(srcdir).with_suffix("").as_posix(), path


def front_matter_translations(
    srcdir: str | os.PathLike[str], docnames: Iterable[str] | None = None
) -> dict[str, list[Entry]]:
    """Per language, ``(docname, msgctxt, msgid, msgstr)`` of every per-language value of
    the pages of ``srcdir`` (all Markdown pages, or only ``docnames``). The languages come
    from ``conf.py`` (``dassco_languages``; the first is the source language)."""
    from ..page.frontmatter import read_front_matter

    root = Path(srcdir)
    languages = _source_languages(root)
    wanted = set(docnames) if docnames is not None else None
    found: dict[str, list[Entry]] = defaultdict(list)
    for docname, path in _pages(root):
        if wanted is not None and docname not in wanted:
            continue
        content = _front_matter_text(path)
        if content is None:
            continue
        fm = read_front_matter(content, source=str(path), docname=docname, first_line=2, languages=languages)
        if fm is None:
            continue
        for context, msgid, others in messages(fm):
            for language, msgstr in sorted(others.items()):
                found[language].append((docname, context, msgid, msgstr))
    return dict(found)


def apply_front_matter_translations(po_path: str | os.PathLike[str], entries: Iterable[Entry]) -> int:
    """Fill ``entries`` into the catalog ``po_path`` where its ``msgstr`` is empty.

    Only entries the catalog already has (``intl update`` adds them from the ``.pot``) are
    filled, matched by ``msgctxt`` and ``msgid``; a translation a translator wrote, fuzzy or
    not, is never replaced. The catalog is written back (by Babel, as ``sphinx-intl`` writes
    it) only if something was filled. Returns how many entries were filled.
    """
    from babel.messages.pofile import read_po, write_po

    path = Path(po_path)
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    filled = 0
    for _docname, context, msgid, msgstr in entries:
        message = catalog.get(msgid, context=context or None)
        if message is None or message.pluralizable or not msgstr.strip():
            continue
        if isinstance(message.string, str) and message.string.strip():
            continue
        message.string = msgstr
        filled += 1
    if filled:
        write_whole(path, lambda handle: write_po(handle, catalog, width=76))
    return filled


def fill_catalogs(
    srcdir: str | os.PathLike[str], locale_dir: str | os.PathLike[str], *, languages: Iterable[str] | None = None
) -> dict[Path, int]:
    """The whole step for ``intl update``, after the catalogs were updated from the ``.pot``:
    every per-language value of ``srcdir`` filled into ``locale_dir/<lang>/LC_MESSAGES/<domain>.po``
    (the page's catalog as ``gettext_compact`` in ``conf.py`` names it) where it is still
    untranslated. Returns how many entries each catalog got (catalogs that do not exist are
    left alone: ``intl update`` makes them)."""
    from sphinx.util.i18n import docname_to_domain

    root = Path(srcdir)
    compact = True
    if (root / "conf.py").is_file():
            compact = read_conf(root).get("gettext_compact", True)
    wanted = set(languages) if languages is not None else None
    per_catalog: dict[Path, list[Entry]] = defaultdict(list)
    for language, entries in front_matter_translations(root).items():
        if wanted is not None and language not in wanted:
            continue
        for entry in entries:
            po = Path(locale_dir, language, "LC_MESSAGES", docname_to_domain(entry[0], compact) + ".po")
            per_catalog[po].append(entry)
    return {po: apply_front_matter_translations(po, entries) for po, entries in sorted(per_catalog.items()) if po.is_file()}
