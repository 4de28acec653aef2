"""How much of each page is translated: one count for the build and for ``dassco intl``.

A page's messages (recorded while the page is read, or its ``.pot`` template for the command
line) are counted against its catalog's reading (:mod:`.catalogs`): translated (a ``msgstr``
that is not fuzzy), fuzzy, or untranslated (empty, or not in the catalog). A page without a
catalog is 0 % translated; one without messages, 100 %.
"""

from __future__ import annotations

import dataclasses as dc
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from .catalogs import Reading, catalog_reading, check_catalog, page_catalogs

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

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


def coverage_of(keys: Iterable[str], reading: Reading | None) -> Coverage:
    """The count of ``keys`` (:func:`~.catalogs.message_key`) against a catalog's reading
    (``None``: there is none)."""
    keys = frozenset(keys)
    if reading is None:
        return Coverage(len(keys), 0, 0, len(keys), has_catalog=False)
    translated = sum(reading.translated(key) for key in keys)
    drafts = sum(key in reading.translations for key in keys) - translated
    return Coverage(len(keys), translated, drafts, len(keys - reading.entries.keys()))


def catalog_completeness(po_path: str | os.PathLike[str]) -> Coverage:
    """A catalog's own entries counted (obsolete ones left out)."""
    reading = check_catalog(po_path)
    return coverage_of(reading.entries, reading)


# --- in the build -----------------------------------------------------------------------------


def page_messages(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """Each page's messages, recorded when it was read (see :mod:`.markup`)."""
    return vars(env).setdefault("dassco_page_messages", {})


def page_coverage(env: BuildEnvironment, language: str, docname: str) -> Coverage:
    """How much of ``docname`` is translated into ``language`` (its catalog: the first of
    ``locale_dirs`` that has one)."""
    path = next((p for p in page_catalogs(env, docname, language) if p.is_file()), None)
    messages = page_messages(env).get(docname, frozenset())
    return coverage_of(messages, catalog_reading(env, path) if path else None)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    page_messages(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = page_messages(other)
    page_messages(env).update({d: theirs[d] for d in docnames if d in theirs})


def report_completeness(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: one line saying how complete this language's translation is;
    a page of a translated language without a catalog counts as wholly untranslated."""
    if exception is not None or not app.config.locale_dirs or app.builder.name == "gettext":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, "utf-8")
    catalogs = {}
    for info in sorted(repo.catalogs, key=lambda i: i.domain):
        reading = catalog_reading(app.env, info.po_path)
        catalogs[info.domain] = coverage_of(reading.entries, reading)
    missing: dict[str, set[str]] = {}
    if app.config.language in list(getattr(app.config, "dassco_languages", None) or [])[1:]:
        for docname, messages in sorted(page_messages(app.env).items()):
            domain = docname_to_domain(docname, app.config.gettext_compact)
            if domain not in catalogs and docname in app.env.found_docs:
                missing.setdefault(domain, set()).update(messages)
    if not catalogs and not missing:
        return
    total = sum(
        [*catalogs.values(), *(coverage_of(keys, None) for keys in missing.values())], Coverage()
    )
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


def setup(app: Sphinx) -> None:
    app.connect("build-finished", report_completeness)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
