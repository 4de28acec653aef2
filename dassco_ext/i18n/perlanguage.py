"""Per-language front-matter values (``imageAlt: {en: Beetles, da: Biller}``) as translations.

The source language's value is the page's text; the others translate it:
:func:`front_matter_compendia` gives them to ``intl update``'s ``msgmerge``, which fills
them where a ``msgstr`` is still empty (never over a translator's work), and :func:`fallback_translations` gives
them to the build while a catalog has no translation (the catalog always wins).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import read_conf
from .catalogs import write_catalog

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..page.frontmatter import FrontMatter

#: ``(docname, key, msgid, msgstr)``: one translation for a page's catalog.
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
    """``(key, msgid, {language: msgstr})`` of a page's per-language values."""
    for key, others in sorted(fm.translations.items()):
        if match := _CTA_RE.fullmatch(key):
            entries, index = fm.data.get("cta"), int(match[1]) - 1
            entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
            msgid, key = (entry.get("text") if isinstance(entry, dict) else None), "cta"
        else:
            msgid = getattr(fm, _FIELDS[key], None) if key in _FIELDS else None
        if isinstance(msgid, str) and msgid.strip():
            yield key, msgid.strip(), others


def fallback_translations(fm: FrontMatter | None, language: str | None) -> dict[str, str]:
    """``msgid -> text`` of ``language``'s per-language values of a page."""
    if fm is None or not language:
        return {}
    return {msgid: others[language] for _key, msgid, others in messages(fm) if language in others}


def front_matter_translations(
    srcdir: str | os.PathLike[str], docnames: Iterable[str] | None = None
) -> dict[str, list[Entry]]:
    """Per language, the :data:`Entry` of every per-language value of the Markdown pages of
    ``srcdir`` (or only ``docnames``); the languages come from ``dassco_languages``."""
    from ..page.frontmatter import read_front_matter

    root = Path(srcdir)
    conf = read_conf(root) if (root / "conf.py").is_file() else {}
    languages = tuple(conf.get("dassco_languages") or ()) or ("en",)
    found: dict[str, list[Entry]] = defaultdict(list)
    for path in sorted(root.rglob("*.md")):
        docname = path.relative_to(root).with_suffix("").as_posix()
        if any(part.startswith(("_", ".")) for part in docname.split("/")[:-1]):
            continue
        if docnames is not None and docname not in docnames:
            continue
        lines = (
            path.read_text(encoding="utf-8", errors="replace")
            .lstrip("\ufeff")
            .splitlines(keepends=True)
        )
        end = next(
            (i for i, line in enumerate(lines[1:], 1) if line.startswith(("---", "..."))), None
        )
        if not lines or not lines[0].startswith("---") or end is None:
            continue
        fm = read_front_matter(
            "".join(lines[1:end]),
            source=str(path),
            docname=docname,
            first_line=2,
            languages=languages,
        )
        for key, msgid, others in messages(fm) if fm is not None else ():
            for language, msgstr in sorted(others.items()):
                found[language].append((docname, key, msgid, msgstr))
    return dict(found)


def front_matter_compendia(
    srcdir: str | os.PathLike[str], conf: dict, language: str, tmp: Path
) -> dict[str, list[Path]]:
    """For ``intl update``: per page domain, a compendium (in ``tmp``) of ``language``'s
    per-language values of its pages, which ``msgmerge`` fills into still-empty entries."""
    from babel.messages.catalog import Catalog
    from sphinx.util.i18n import docname_to_domain

    compact = conf.get("gettext_compact", True)
    per_domain: dict[str, Catalog] = defaultdict(lambda: Catalog(charset="utf-8"))
    for docname, _key, msgid, msgstr in front_matter_translations(srcdir).get(language, ()):
        if msgstr.strip():
            per_domain[docname_to_domain(docname, compact)].add(msgid, msgstr)
    return {
        domain: [write_catalog(tmp / f"front-matter-{number}.po", catalog)]
        for number, (domain, catalog) in enumerate(sorted(per_domain.items()))
    }
