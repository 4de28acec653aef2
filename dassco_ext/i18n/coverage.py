"""How much of each page is translated, judged against the current ``.pot`` templates.

Counting a catalog's own entries would miss what it lacks: a page with no catalog at all, or
one that ``make intl-update`` has not brought up to date. Here every message of a page's
template counts once: translated (a ``msgstr`` that is not ``fuzzy``), fuzzy, or
untranslated (no entry, an empty one, or no catalog). ``make intl-stat`` lists it and
``make intl-check`` holds it against ``dassco_required_translated``.
"""

from __future__ import annotations

import dataclasses as dc
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from .catalogs import Completeness, read_catalog
from .merge import is_page_domain, page_source


@dc.dataclass(frozen=True)
class PageCoverage:
    """One page in one language: its catalog (``None``: there is none) and its counts."""

    page: str
    source: Path | None
    po: Path | None
    counts: Completeness
    #: The catalog line of the first entry not translated (fuzzy, empty), 1 if none has one.
    first_unfinished: int = 1

    def as_dict(self, root: Path) -> dict[str, Any]:
        def rel(path: Path | None) -> str | None:
            if path is None:
                return None
            try:
                return path.resolve().relative_to(root).as_posix()
            except ValueError:
                return str(path)

        counts = self.counts
        return {
            "page": self.page, "source": rel(self.source), "catalog": rel(self.po),
            "translated": counts.translated, "fuzzy": counts.fuzzy, "untranslated": counts.untranslated,
            "total": counts.total, "percent": round(counts.percent, 1),
        }


def _template_keys(pot: Path) -> list[tuple[str | None, str]]:
    with pot.open("rb") as handle:
        template = read_po(handle)
    return [(m.context, str(m.id)) for m in template if m.id and not isinstance(m.id, tuple)]


def page_coverage(pot_dir: Path, locale_dir: Path, lang: str, sourcedir: Path, conf: dict) -> list[PageCoverage]:
    """Every page of the site (each page template in ``pot_dir``), in ``lang``."""
    base = locale_dir / lang / "LC_MESSAGES"
    pages = []
    for pot in sorted(pot_dir.glob("**/*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if not is_page_domain(domain, sourcedir, conf):
            continue
        keys = _template_keys(pot)
        po = base / f"{domain}.po"
        translated = fuzzy = 0
        first: int | None = None
        if po.is_file():
            try:
                catalog = read_catalog(po)
            except Exception:  # noqa: BLE001 - unreadable: nothing of it counts (intl-check says why)
                catalog = None
            if catalog is not None:
                for context, msgid in keys:
                    message = catalog.get(msgid, context)
                    if message is not None and message.string and not message.fuzzy:
                        translated += 1
                        continue
                    if message is not None and message.string:
                        fuzzy += 1
                    if message is not None and message.lineno and first is None:
                        first = message.lineno
        pages.append(PageCoverage(
            domain, page_source(domain, sourcedir, conf), po if po.is_file() else None,
            Completeness(translated, fuzzy, len(keys) - translated - fuzzy), first or 1,
        ))
    return pages


def meets(counts: Completeness, required: float) -> bool:
    """Whether ``counts`` reach ``required`` percent (exactly: no rounding lets 99.6 % pass 100)."""
    return counts.translated * 100 >= required * counts.total
