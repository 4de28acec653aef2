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
from typing import TYPE_CHECKING, Any

from babel.messages.pofile import read_po
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from .. import pipeline
from ..config import DasscoConfig
from .charset import read_catalog
from .facts import CatalogFacts, Completeness
from .merge import is_page_domain, page_source

LOGGER = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


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


def required_translated(conf: dict) -> tuple[dict[str, float], str | None]:
    """``dassco_required_translated`` of a ``conf.py`` namespace, validated as the build
    validates it: ``(value, problem)``."""
    value = conf.get("dassco_required_translated", {})
    field = next(f for f in dc.fields(DasscoConfig) if f.name == "required_translated")
    if field.metadata["check"](value):
        return dict(value), None
    return {}, f"invalid dassco_required_translated = {value!r} ({field.metadata['help']})"


def below_required(
    pages: list[PageCoverage], lang: str, required: float | None, expected_po: Callable[[str], str],
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
            message = (f"{lang}: page {page.page!r} has no catalog ({expected_po(page.page)}): 0% translated, "
                       f"below the required {required:g}% (run make intl-update)")
            found.append((page.source or Path(expected_po(page.page)), 1, message))
        else:
            message = (f"{lang}: page {page.page!r} is {counts.percent:.1f}% translated ({counts.translated} of "
                       f"{counts.total}; {counts.fuzzy} fuzzy, {counts.untranslated} untranslated), below the "
                       f"required {required:g}% (dassco_required_translated)")
            found.append((page.po, page.first_unfinished, message))
    return found


def pages_without_catalog(app: Sphinx, domains: set[str]) -> dict[str, Completeness]:
    """For the build's completeness line: the pages (by textdomain) with no catalog in this
    language, each wholly untranslated, their messages counted from their doctrees as the
    ``gettext`` builder extracts them."""
    from sphinx.util.i18n import docname_to_domain
    from sphinx.util.nodes import extract_messages

    from .extraction import front_matter_messages

    counted: dict[str, set[tuple[str | None, str]]] = {}
    for docname in sorted(app.env.found_docs):
        domain = docname_to_domain(docname, app.config.gettext_compact)
        if domain in domains:
            continue
        try:
            doctree = app.env.get_doctree(docname)
        except Exception:  # noqa: BLE001,S112 - a page that was not read: nothing to count
            continue
        keys = counted.setdefault(domain, set())
        keys.update((None, msg) for node, msg in extract_messages(doctree) if not node.get(pipeline.FRONT_MATTER_KEY))
        keys.update((key, msg) for _node, key, msg in front_matter_messages(doctree))
    return {domain: Completeness(untranslated=len(keys)) for domain, keys in counted.items()}


def report_completeness(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: one line saying how complete this language's translation is.

    A page with no catalog counts as wholly untranslated (its messages counted from its
    doctree, as the ``gettext`` builder extracts them) and is named as such."""
    language = app.config.language
    if exception is not None or not app.config.locale_dirs or app.builder.name == "gettext":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, language, "utf-8")
    facts = CatalogFacts(app)
    catalogs = {
        info.domain: facts.of(info.po_path, completeness=True).completeness or Completeness()
        for info in sorted(repo.catalogs, key=lambda i: i.domain)
    }
    facts.save()
    missing = pages_without_catalog(app, set(catalogs)) if _is_translation(app) else {}
    if not catalogs and not missing:
        return
    total = sum([*catalogs.values(), *missing.values()], Completeness())
    incomplete = sorted(d for d, c in catalogs.items() if c.translated < c.total)
    LOGGER.info(
        "dassco: %s: %.0f%% translated (%d of %d strings, %d fuzzy)%s%s",
        language, total.percent, total.translated, total.total, total.fuzzy,
        f"; incomplete: {', '.join(incomplete)}" if incomplete else "",
        f"; no catalog: {', '.join(sorted(missing))}" if missing else "",
    )


def _is_translation(app: Sphinx) -> bool:
    """Whether this build is one of the site's translated languages (not its source)."""
    languages = list(getattr(app.config, "dassco_languages", None) or [])
    return bool(languages) and app.config.language in languages[1:]


def setup(app: Sphinx) -> None:
    app.connect("build-finished", report_completeness)
