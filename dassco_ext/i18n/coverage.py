"""How much of each page is translated: one count for the build and for ``dassco intl``.

A page's messages (recorded while the page is read, or its ``.pot`` template for the command
line) are counted against its catalog's reading (:mod:`.catalogs`): translated (a
``msgstr`` that is not fuzzy), fuzzy, or untranslated (empty, or not in the catalog). A page
without a catalog is 0 % translated; one without messages, 100 %. The build uses the counts
for ``hreflang``, the switcher, the "newer" note and its completeness line; ``intl stat``
lists them and ``intl check`` holds them against ``dassco_required_translated``.
"""

from __future__ import annotations

import dataclasses as dc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from ..config import DasscoConfig
from .catalogs import (
    CatalogKeys,
    catalog_reading,
    check_catalog,
    message_key,
    page_catalogs,
    read_catalog,
    read_catalogs,
)
from .merge import is_page_domain, page_source

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)


@dc.dataclass(frozen=True)
class Coverage:
    """One page (or catalog, or language): its messages, how many are translated, fuzzy, and
    not in its catalog at all."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    has_catalog: bool = True

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def source_newer(self) -> bool:
        """Translated once, and the source has changed since (fuzzy or new messages)."""
        return self.has_catalog and self.translated > 0 and bool(self.fuzzy or self.missing)

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.total + other.total,
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.missing + other.missing,
            self.has_catalog and other.has_catalog,
        )


def coverage_of(keys: Iterable[int], catalog: CatalogKeys | None) -> Coverage:
    """The count of ``keys`` (message digests) against a catalog (``None``: there is none)."""
    keys = frozenset(keys)
    if catalog is None:
        return Coverage(len(keys), 0, 0, len(keys), has_catalog=False)
    return Coverage(
        len(keys),
        len(keys & catalog.translated),
        len(keys & catalog.fuzzy),
        len(keys - catalog.known),
    )


def catalog_completeness(po_path: str | os.PathLike[str]) -> Coverage:
    """A catalog's own entries counted (obsolete ones left out)."""
    keys = check_catalog(po_path).keys
    return coverage_of(keys.known, keys)


# --- in the build -----------------------------------------------------------------------------


def catalog_path(env: BuildEnvironment, language: str, docname: str) -> Path | None:
    """The page's ``.po`` for ``language`` (the first of ``locale_dirs`` that has one)."""
    return next((path for path in page_catalogs(env, docname, language) if path.is_file()), None)


def catalog_keys(env: BuildEnvironment, po_path: str | os.PathLike[str]) -> CatalogKeys:
    """What a catalog holds, as this build reads it."""
    return catalog_reading(env, po_path).keys


def page_messages(env: BuildEnvironment, docname: str) -> frozenset[int]:
    """The page's messages as recorded when it was read (see :mod:`.fallback`)."""
    return getattr(env, "dassco_page_messages", {}).get(docname, frozenset())


def page_coverage(app: Sphinx, language: str, docname: str) -> Coverage:
    """How much of ``docname`` is translated into ``language``."""
    path = catalog_path(app.env, language, docname)
    return coverage_of(
        page_messages(app.env, docname), catalog_keys(app.env, path) if path else None
    )


def read_languages(app: Sphinx, languages: Iterable[str]) -> None:
    """Read every catalog of ``languages`` now, in the main process (parallel readers and
    writers fork from it and share the readings)."""
    read_catalogs(
        app.env,
        [
            path
            for language in languages
            for directory in app.config.locale_dirs
            for path in sorted(Path(app.srcdir, directory, language, "LC_MESSAGES").glob("**/*.po"))
        ],
    )


def report_completeness(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: one line saying how complete this language's translation is;
    a page of a translated language without a catalog counts as wholly untranslated."""
    if exception is not None or not app.config.locale_dirs or app.builder.name == "gettext":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, "utf-8")
    catalogs = {}
    for info in sorted(repo.catalogs, key=lambda i: i.domain):
        keys = catalog_keys(app.env, info.po_path)
        catalogs[info.domain] = coverage_of(keys.known, keys)
    languages = list(getattr(app.config, "dassco_languages", None) or [])
    missing = (
        _pages_without_catalog(app, set(catalogs)) if app.config.language in languages[1:] else {}
    )
    if not catalogs and not missing:
        return
    total = sum([*catalogs.values(), *missing.values()], Coverage())
    incomplete = sorted(d for d, c in catalogs.items() if c.translated < c.total)
    LOGGER.info(
        "dassco: %s: %.0f%% translated (%d of %d strings, %d fuzzy)%s%s",
        app.config.language,
        total.percent,
        total.translated,
        total.total,
        total.fuzzy,
        f"; incomplete: {', '.join(incomplete)}" if incomplete else "",
        f"; no catalog: {', '.join(sorted(missing))}" if missing else "",
    )


def _pages_without_catalog(app: Sphinx, domains: set[str]) -> dict[str, Coverage]:
    """The pages (by textdomain) without a catalog, with the messages recorded when read."""
    counted: dict[str, set[int]] = {}
    for docname in sorted(app.env.found_docs):
        domain = docname_to_domain(docname, app.config.gettext_compact)
        if domain not in domains:
            counted.setdefault(domain, set()).update(page_messages(app.env, docname))
    return {domain: coverage_of(keys, None) for domain, keys in counted.items()}


# --- on the command line ----------------------------------------------------------------------


@dc.dataclass(frozen=True)
class PageCoverage:
    """One page in one language, for ``intl stat`` and the gate: its source, its catalog
    (``None``: there is none), its counts, and the line of its first unfinished entry."""

    page: str
    source: Path | None
    po: Path | None
    counts: Coverage
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
            "page": self.page,
            "source": rel(self.source),
            "catalog": rel(self.po),
            "translated": counts.translated,
            "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated,
            "total": counts.total,
            "percent": round(counts.percent, 1),
        }


def template_coverage(
    pot_dir: Path, locale_dir: Path, lang: str, sourcedir: Path, conf: dict
) -> list[PageCoverage]:
    """Every page of the site (each page template in ``pot_dir``), in ``lang``."""
    pages = []
    for pot in sorted(pot_dir.glob("**/*.pot")):
        domain = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if not is_page_domain(domain, sourcedir, conf):
            continue
        template = [(m.context, m.id) for m in read_catalog(pot) if m.id and isinstance(m.id, str)]
        keys = [message_key(msgid, context) for context, msgid in template]
        po = locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
        reading = check_catalog(po) if po.is_file() else None
        counts = coverage_of(keys, reading.keys if reading else None)
        unfinished = (
            reading.entries.get(f"{context}\x04{msgid}" if context else msgid, (None,))[0]
            for (context, msgid), key in zip(template, keys, strict=True)
            if reading and key not in reading.keys.translated
        )
        pages.append(
            PageCoverage(
                domain,
                page_source(domain, sourcedir, conf),
                po if reading else None,
                counts,
                next((line for line in unfinished if line), 1),
            )
        )
    return pages


def meets(counts: Coverage, required: float) -> bool:
    """Whether ``counts`` reach ``required`` percent (exactly: no rounding lets 99.6 % pass 100)."""
    return counts.translated * 100 >= required * counts.total


def required_translated(conf: dict) -> tuple[dict[str, float], str | None]:
    """``dassco_required_translated`` of a ``conf.py`` namespace, validated as the build
    validates it: ``(value, problem)``."""
    value = conf.get("dassco_required_translated", {})
    field = next(f for f in dc.fields(DasscoConfig) if f.name == "required_translated")
    if field.metadata["check"](value):
        return dict(value), None
    return {}, f"invalid dassco_required_translated = {value!r} ({field.metadata['help']})"


def below_required(
    pages: list[PageCoverage],
    lang: str,
    required: float | None,
    expected_po: Callable[[str], str],
) -> list[tuple[Path, int, str]]:
    """``(path, line, message)`` for every page below ``required`` percent: at its first
    unfinished entry, or at its source when it has no catalog (``expected_po``: where it goes)."""
    if required is None:
        return []
    found = []
    for page in pages:
        counts = page.counts
        if meets(counts, required):
            continue
        if page.po is None:
            message = (
                f"{lang}: page {page.page!r} has no catalog ({expected_po(page.page)}): 0% translated, "
                f"below the required {required:g}% (run make intl-update)"
            )
            found.append((page.source or Path(expected_po(page.page)), 1, message))
        else:
            message = (
                f"{lang}: page {page.page!r} is {counts.percent:.1f}% translated ({counts.translated} of "
                f"{counts.total}; {counts.fuzzy} fuzzy, {counts.untranslated} untranslated), below the "
                f"required {required:g}% (dassco_required_translated)"
            )
            found.append((page.po, page.first_unfinished, message))
    return found


def setup(app: Sphinx) -> None:
    app.connect("build-finished", report_completeness)
