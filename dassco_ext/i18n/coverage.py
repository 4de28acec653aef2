"""How much of each page is translated: the one count of the build, ``hreflang``, the switcher
and ``dassco intl``.

A page's messages are recorded while the page is read, with the messages whose translation the
build refuses in each language it judges (:func:`judged_languages`: every translated one
when the build shows or writes the counts, :mod:`.fallback`). Against its catalog's reading (:mod:`.catalogs`) a message is translated (a
``msgstr`` that is not fuzzy and that the build shows), refused, fuzzy, or untranslated (empty,
or not in the catalog). A page without a usable catalog is 0 % translated; one without
messages, 100 %. The ``gettext`` build writes every page's count to :data:`COUNTS_FILE`, which
``dassco intl`` reads.
"""

from __future__ import annotations

import dataclasses as dc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..config import get_config
from ..paths import write_whole
from .catalogs import Reading, catalog_reading, check_catalog, page_catalogs

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)

#: The ``gettext`` build's count of every page in every translated language (in its output).
COUNTS_FILE = "dassco-counts.json"


@dc.dataclass(frozen=True)
class Coverage:
    """One page (or catalog, or language): its messages, how many are translated, fuzzy,
    refused by the build, and not in its catalog at all."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    refused: int = 0
    has_catalog: bool = True

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy - self.refused

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def source_newer(self) -> bool:
        """Translated once, and the source has changed since (fuzzy or new messages)."""
        return self.has_catalog and self.translated > 0 and bool(self.fuzzy or self.missing)

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            **{f: getattr(self, f) + getattr(other, f) for f in _COUNTS},
            has_catalog=self.has_catalog and other.has_catalog,
        )


_COUNTS = ("total", "translated", "fuzzy", "missing", "refused")


def coverage_of(
    keys: Iterable[str], reading: Reading | None, refused: Iterable[str] = ()
) -> Coverage:
    """The count of ``keys`` (:func:`~.catalogs.message_key`) against a catalog's reading
    (``None``: there is none); ``refused``: the keys whose translation the build refuses."""
    keys = frozenset(keys)
    if reading is None:
        return Coverage(len(keys), missing=len(keys), has_catalog=False)
    done = {key for key in keys if reading.translated(key)}
    drafts = sum(key in reading.translations for key in keys) - len(done)
    refusals = len(done & frozenset(refused))
    return Coverage(
        len(keys), len(done) - refusals, drafts, len(keys - reading.entries.keys()), refusals
    )


def catalog_completeness(po_path: str | os.PathLike[str]) -> Coverage:
    """A catalog's own entries counted (obsolete ones left out)."""
    reading = check_catalog(po_path)
    return coverage_of(reading.entries, reading)


# --- in the build -----------------------------------------------------------------------------


@dc.dataclass(frozen=True)
class PageRecord:
    """A page as it was read: its messages, the catalogs it was judged against, and the
    messages whose translation the build refuses, by language."""

    messages: frozenset[str] = frozenset()
    catalogs: frozenset[str] = frozenset()
    refused: dict[str, frozenset[str]] = dc.field(default_factory=dict)


def page_records(env: BuildEnvironment) -> dict[str, PageRecord]:
    return vars(env).setdefault("dassco_page_records", {})


#: Builders whose pages show every language's count (the switcher, ``hreflang``).
LANGUAGE_LINK_BUILDERS = ("html", "dirhtml")


def judged_languages(app: Sphinx) -> list[str]:
    """The languages whose translations a build judges: its own, and every translated one
    of the site when its pages show their counts or it writes them (``gettext``)."""
    own, languages = app.config.language, get_config(app.config).languages[1:]
    every = app.builder.name in (*LANGUAGE_LINK_BUILDERS, "gettext")
    judged = [language for language in languages if every or language == own]
    if own and app.config.locale_dirs and own not in judged:
        judged.append(own)
    return judged


def note_judged_languages(app: Sphinx) -> None:
    """On ``builder-inited``: :func:`judged_languages`, where the page transforms find them."""
    vars(app.env)["dassco_judged_languages"] = judged_languages(app)


def languages_to_judge(env: BuildEnvironment) -> list[str]:
    """The languages whose translations the running build judges (:func:`judged_languages`)."""
    return list(vars(env).get("dassco_judged_languages", ()))


def existing_catalogs(
    env: BuildEnvironment, docname: str, languages: Iterable[str]
) -> frozenset[str]:
    """The page's catalogs in ``languages`` that exist now."""
    return frozenset(
        os.fspath(path)
        for language in languages
        for path in page_catalogs(env, docname, language)
        if path.is_file()
    )


def record_page(
    env: BuildEnvironment,
    docname: str,
    messages: frozenset[str],
    refused: dict[str, frozenset[str]],
) -> None:
    """Record what the page's count reads (:func:`page_coverage`): ``refused`` has a key for
    each language judged."""
    catalogs = existing_catalogs(env, docname, refused)
    page_records(env)[docname] = PageRecord(messages, catalogs, refused)


def page_catalog(env: BuildEnvironment, language: str, docname: str) -> Path | None:
    """The page's catalog in ``language``: the first of ``locale_dirs`` that has one."""
    return next((p for p in page_catalogs(env, docname, language) if p.is_file()), None)


def page_coverage(env: BuildEnvironment, language: str, docname: str) -> Coverage:
    """How much of ``docname`` is translated into ``language``."""
    path = page_catalog(env, language, docname)
    record = page_records(env).get(docname, PageRecord())
    return coverage_of(
        record.messages,
        catalog_reading(env, path) if path else None,
        record.refused.get(language, ()),
    )


def pages_with_new_catalogs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """On ``env-get-outdated``: pages with a catalog this build judges that was not judged
    when they were read (a changed or removed one is a dependency Sphinx follows)."""
    judged = judged_languages(app)
    return [
        docname
        for docname, record in page_records(env).items()
        if docname in env.all_docs
        and docname not in added | changed | removed
        and existing_catalogs(env, docname, judged) - record.catalogs
    ]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    page_records(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = page_records(other)
    page_records(env).update({d: theirs[d] for d in docnames if d in theirs})


def report_completeness(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: one line saying how complete this language's translation is
    (every page counted); the ``gettext`` build writes every language's count instead."""
    if exception is not None or not app.config.locale_dirs:
        return
    env, languages = app.env, get_config(app.config).languages
    pages = sorted(d for d in page_records(env) if d in env.found_docs)
    if app.builder.name == "gettext":
        if not languages[1:]:
            return
        counts = {
            lang: {docname: _count(env, lang, docname) for docname in pages}
            for lang in languages[1:]
        }
        data = json.dumps(counts, indent=1, ensure_ascii=False, sort_keys=True)
        write_whole(Path(app.outdir, COUNTS_FILE), data.encode("utf-8"))
        return
    language = app.config.language
    counted = {d: page_coverage(env, language, d) for d in pages} if language else {}
    if language not in languages[1:]:  # a site translated without dassco_languages
        counted = {d: c for d, c in counted.items() if c.has_catalog}
    if not counted:
        return
    total = sum(counted.values(), Coverage())
    incomplete = [d for d, c in counted.items() if c.has_catalog and c.translated < c.total]
    missing = [d for d, c in counted.items() if not c.has_catalog]
    LOGGER.info(
        "dassco: %s: %.0f%% translated (%d of %d strings, %d fuzzy%s)%s%s",
        language,
        total.percent,
        total.translated,
        total.total,
        total.fuzzy,
        f", {total.refused} refused" if total.refused else "",
        f"; incomplete: {', '.join(incomplete)}" if incomplete else "",
        f"; no catalog: {', '.join(missing)}" if missing else "",
    )


def _count(env: BuildEnvironment, language: str, docname: str) -> dict:
    """One page's count as ``dassco intl`` reads it: its counts, its catalog, the line of its
    first entry not counted as translated, and what is wrong with the catalog."""
    path = page_catalog(env, language, docname)
    counts = page_coverage(env, language, docname)
    found = {field: getattr(counts, field) for field in _COUNTS}
    if path is None:
        return {**found, "catalog": None, "first_unfinished": 1, "problems": []}
    reading, record = catalog_reading(env, path), page_records(env)[docname]
    refused = record.refused.get(language, frozenset())
    unfinished = [
        reading.entries[key][0]
        for key in record.messages & reading.entries.keys()
        if not reading.translated(key) or key in refused
    ]
    return {
        **found,
        "catalog": os.fspath(path),
        "first_unfinished": min(unfinished, default=1),
        "problems": [[line, message] for _kind, line, message in reading.warnings],
    }


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", note_judged_languages)
    app.connect("build-finished", report_completeness)
    app.connect("env-get-outdated", pages_with_new_catalogs)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
