"""Translation catalogs: read as Sphinx reads them, checked, compiled, counted.

- :func:`page_translations`: the merged catalog of one page (what Locale uses).
- :func:`check_catalogs` turns a ``.po`` with a syntax error into one located warning
  (instead of Babel's prints) and an empty catalog: the page falls back to English. A
  ``.po`` whose header declares a charset other than UTF-8 is one located warning too, and
  is read as UTF-8 when it is UTF-8, else left out (instead of Sphinx's unlocated "writing
  error" and a truncated ``.mo``, or a crash on an unknown charset).
  A ``msgid`` written twice is one located warning, and the catalog is compiled without
  it (msgfmt would refuse the whole catalog); see :mod:`.entries`.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo
from sphinx.locale import init as init_locale
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from .. import pipeline
from ..paths import write_whole
from ..warnings_ import DasscoWarnings, at, warn
from .buildcoverage import cache_of, keys_of
from .catalogrules import MAX_MESSAGE_CHARS, drop_overlong, plural_forms_problem
from .charset import _QuietPoParser, read_catalog
from .compiled import remove_orphaned_mo
from .facts import CatalogFacts, _write_mo_as_sphinx, compiled_as_sphinx

if TYPE_CHECKING:

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)


def page_translations(env: BuildEnvironment, docname: str) -> dict[str, str]:
    """The merged catalog of one page (the textdomain and directories Locale uses).

    Kept while the page is read: the hero's translation and the markup check both ask."""
    kept: dict[str, dict[str, str]] = env.temp_data.setdefault("dassco_page_translations", {})
    if docname not in kept:
        kept[docname] = _merged_catalog(env, docname)
    return kept[docname]


def _merged_catalog(env: BuildEnvironment, docname: str) -> dict[str, str]:
    textdomain = docname_to_domain(docname, env.config.gettext_compact)
    dirs = [env.srcdir / directory for directory in env.config.locale_dirs]
    catalog, has_catalog = init_locale(dirs, env.config.language, textdomain)
    if not has_catalog:
        return {}
    chain = [getattr(catalog, "_catalog", None)]
    while (catalog := catalog._fallback) is not None:  # type: ignore[attr-defined]
        chain.append(getattr(catalog, "_catalog", None))
    merged: dict[str, str] = {}
    for entries in filter(None, reversed(chain)):
        merged |= entries
    return merged


def _not_utf8(info: Any, language: str) -> bool:
    """A catalog that declares no other charset but is not UTF-8: one located
    ``dassco.po_charset`` warning and an empty ``.mo`` (Sphinx's own "reading error" named no
    line); ``False`` when it is UTF-8."""
    try:
        data = Path(info.po_path).read_bytes()
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    except OSError:
        return False
    warn(
        DasscoWarnings.PO_CHARSET,
        f"translation catalog is not UTF-8 (first bad byte on line {line}); the pages using it "
        "are shown untranslated (save it as UTF-8)",
        at(str(info.po_path), line),
    )
    _write_mo(info.mo_path, BabelCatalog(locale=language))
    return True


def _compile_if_large(info: Any, language: str, use_fuzzy: bool) -> None:
    """A catalog big enough to hold an overlong translation, not yet compiled: compiled here,
    without its overlong translations (:func:`_drop_overlong`), so Sphinx finds it up to date."""
    try:
        if os.stat(info.po_path).st_size <= MAX_MESSAGE_CHARS or not info.is_outdated():
            return
        catalog = read_catalog(info.po_path, language)
    except Exception:  # noqa: BLE001 - Sphinx compiles it itself then, and reports what it finds
        return
    drop_overlong(catalog, info.po_path)
    _write_mo_as_sphinx(info.mo_path, catalog, use_fuzzy)


DEFAULT_PLURAL_FORMS = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'


def _compile_with_default_plural(info: Any, line: int, language: str, use_fuzzy: bool) -> None:
    """Compile a catalog whose ``Plural-Forms`` is no formula with :data:`DEFAULT_PLURAL_FORMS`
    in its place: gettext refuses to load a ``.mo`` with that header at all (every page
    using it would show untranslated, silently)."""
    import gettext

    try:
        with open(info.mo_path, "rb") as handle:
            gettext.GNUTranslations(handle)
        if not info.is_outdated():
            return  # compiled (by this function) already
    except Exception:  # noqa: BLE001 - missing, or refused by gettext: compile it here
        pass
    try:
        lines = Path(info.po_path).read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = DEFAULT_PLURAL_FORMS + "\n"
        catalog = BabelCatalog(locale=language)
        _QuietPoParser(catalog, ignore_obsolete=False, abort_invalid=False).parse(io.StringIO("".join(lines)))
    except Exception:  # noqa: BLE001 - Sphinx and msgfmt report what is wrong with it
        return
    drop_overlong(catalog, info.po_path)
    _write_mo_as_sphinx(info.mo_path, catalog, use_fuzzy)


def check_catalogs(app: Sphinx) -> None:
    """On ``builder-inited``: a ``.po`` with a syntax error gives one ``dassco.po_syntax``
    warning at its line, and an empty ``.mo`` (the pages using it show in the source
    language) instead of Sphinx compiling whatever part of it Babel could guess. A ``.po``
    declaring a charset other than UTF-8 gives one ``dassco.po_charset`` warning at its
    header line, and a ``.mo`` compiled as UTF-8 (or an empty one if it is not UTF-8).

    A sound catalog is only checked: Sphinx compiles it when its build asks for it; but an
    application that says its build compiles every outdated catalog (:mod:`..cli.worker`, whose
    command line names no files: :data:`~..pipeline.COMPILES_OUTDATED_CATALOGS`) has them
    compiled from the check's own reading, and Sphinx finds them up to date. The ``gettext``
    builder (which compiles nothing) is left alone."""
    if not app.config.language or not app.config.locale_dirs:
        return
    from sphinx.builders.gettext import I18nBuilder

    if isinstance(app.builder, I18nBuilder):
        return  # it extracts messages and compiles no catalog: nothing here is used, or written
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding)
    facts = CatalogFacts(app)
    catalogs = list(repo.catalogs)
    # checked, not compiled: Sphinx compiles a sound catalog itself, when and if its build
    # asks for it (all, the updated ones, or only those of the files named on the command line),
    # unless the application says its build compiles every outdated one anyway
    compile_to = (
        {info.po_path: info.mo_path for info in catalogs if info.is_outdated()}
        if app.config.gettext_auto_build and getattr(app, pipeline.COMPILES_OUTDATED_CATALOGS, False) else None
    )
    coverage = cache_of(app.env)  # the pages' counts (i18n.buildcoverage), from this same reading
    facts.refresh(
        [info.po_path for info in catalogs], compile_to,
        language=app.config.language, encoding=app.config.source_encoding,
        use_fuzzy=app.config.gettext_allow_fuzzy_translations,
        seen=lambda path, catalog: coverage.remember(path, keys_of(catalog)),
    )
    language, use_fuzzy = app.config.language, app.config.gettext_allow_fuzzy_translations
    for info in catalogs:
        plural = plural_forms_problem(info.po_path)
        if plural is not None:
            warn(DasscoWarnings.PO_HEADER, f"{plural[1]}; the catalog is used with the rule n != 1",
                 at(str(info.po_path), plural[0]))
            _compile_with_default_plural(info, plural[0], language, use_fuzzy)
        known = facts.of(info.po_path)  # every build reports; only a changed catalog is re-checked
        problem = known.syntax
        if problem is not None:
            line, reason = problem
            warn(
                DasscoWarnings.PO_SYNTAX,
                f"translation catalog cannot be read ({reason}); the pages using it are shown untranslated",
                at(str(info.po_path), line),
            )
            if info.is_outdated():
                _write_mo(info.mo_path, BabelCatalog(locale=language))
            continue
        charset = known.charset
        if charset is not None:
            warn(DasscoWarnings.PO_CHARSET, charset.message, at(str(info.po_path), charset.line))
        for line, first, _context, msgid in known.duplicates:
            shown = msgid if len(msgid) <= 60 else msgid[:57] + "..."
            warn(
                DasscoWarnings.PO_DUPLICATE,
                f"msgid {shown!r} is translated twice in this catalog (first at line {first}): neither "
                "translation is used, the message shows in the source language; the catalog's other "
                "translations are used (remove one of the two entries)",
                at(str(info.po_path), line),
            )
        if charset is None and not known.duplicates:
            if info.is_outdated() and _not_utf8(info, language):
                continue
            _compile_if_large(info, language, use_fuzzy)
            continue
        if not info.is_outdated():
            continue
        catalog = read_catalog(info.po_path, language) if charset is None or charset.utf8 else None
        if catalog is not None:
            for _line, _first, context, msgid in known.duplicates:
                catalog.delete(msgid, context=context)
            drop_overlong(catalog, info.po_path)
        _write_mo(info.mo_path, catalog or BabelCatalog(locale=language))
    if app.config.gettext_auto_build:
        for info in catalogs:  # a catalog the checks compiled already (from their one reading) is not read again
            if info.is_outdated() and not facts.of(info.po_path).compiles:
                _check_compilable(info, language, use_fuzzy)
    remove_orphaned_mo(app, catalogs)
    facts.save()


def _check_compilable(info: Any, language: str, use_fuzzy: bool) -> None:
    """A catalog none of the above compiled: checked as Sphinx will compile it, and left to
    Sphinx (which compiles it when and if its build asks for it) when that works. One that
    Sphinx could not compile (it would report ``writing error: ..., unknown encoding``
    without a line) is compiled here as UTF-8, or, if that fails too, gets one located
    ``dassco.po_syntax`` warning and an empty ``.mo``."""
    try:
        if compiled_as_sphinx(read_catalog(info.po_path, language), use_fuzzy) is not None:
            return
    except Exception:  # noqa: BLE001 - Sphinx would fail on it: compiled here, or reported
        pass
    try:
        catalog = read_catalog(info.po_path, language)
        drop_overlong(catalog, info.po_path)
        catalog.charset = "utf-8"
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy)  # what Babel raises is the warning's reason
        write_whole(info.mo_path, buffer.getvalue())
    except Exception as exc:  # noqa: BLE001 - whatever Babel makes of it, one located warning
        warn(
            DasscoWarnings.PO_SYNTAX,
            f"translation catalog cannot be compiled ({type(exc).__name__}: {exc}); the pages "
            "using it are shown untranslated",
            at(str(info.po_path), 1),
        )
        with contextlib.suppress(OSError):
            _write_mo(info.mo_path, BabelCatalog(locale=language))


def _write_mo(mo_path: str | os.PathLike[str], catalog: BabelCatalog) -> None:
    """Compile ``catalog`` as UTF-8, whatever its header said (Sphinx then leaves it alone)."""
    catalog.charset = "utf-8"
    write_whole(mo_path, lambda handle: write_mo(handle, catalog))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_catalogs)
