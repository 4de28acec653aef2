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
import dataclasses as dc
import io
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from sphinx.locale import init as init_locale
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from ..warnings_ import DasscoWarnings, at, warn
from .charset import CharsetProblem, _QuietPoParser, po_charset_problem, read_catalog
from .compiled import remove_orphaned_mo
from .entries import po_duplicates
from .catalogrules import MAX_MESSAGE_CHARS, drop_overlong, plural_forms_problem

if TYPE_CHECKING:
    from collections.abc import Mapping

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


# --- catalogs with syntax errors ----------------------------------------------------------------

def po_syntax_error(po_path: str | os.PathLike[str]) -> tuple[int | None, str] | None:
    """``(line, reason)`` when a ``.po`` cannot be read, else ``None``.

    GNU ``msgfmt`` (a project dependency) is the judge: Babel silently guesses its way past
    some errors (an unterminated string loses a character). Babel's strict mode is the
    fallback where ``msgfmt`` is missing.
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        done = subprocess.run([msgfmt, "-o", os.devnull, os.fspath(po_path)], capture_output=True, text=True,
                              check=False, env={**os.environ, "LC_ALL": "C"})
        if done.returncode == 0:
            return None
        if all(_DUPLICATE_RE.search(line) for line in done.stderr.strip().splitlines()):
            return None  # only duplicate entries: read (po_duplicates), not a syntax error
        for line in done.stderr.splitlines():
            match = re.search(r":(\d+)(?::\d+)?: (.*)", line)  # "file:line: " or "file:line:column: "
            if match:
                # msgfmt has already counted the newline that ends an unterminated string
                eol = match[2].startswith("end-of-line within string")
                return int(match[1]) - eol, match[2]
        return None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "msgfmt failed"
    try:
        with open(po_path, "rb") as handle:
            read_po(handle, abort_invalid=True)
    except PoFileError as exc:
        return exc.lineno + 1, f"{str(exc).rsplit(' on ', 1)[0]}: {exc.line.strip()!r}"
    except (OSError, ValueError) as exc:
        return None, str(exc)
    return None


#: msgfmt's complaints about a duplicate entry (and its summary line).
_DUPLICATE_RE = re.compile(r"duplicate message definition|location of the first definition|found \d+ fatal error")

#: How many catalogs one ``msgcat`` process reads (far below any command-line limit).
_BATCH = 256


def accepted_catalogs(
    po_paths: list[str | os.PathLike[str]], compile_to: Mapping[str, str | os.PathLike[str]] | None = None,
    *, language: str | None = None, encoding: str = "utf-8-sig", use_fuzzy: bool = False,
) -> dict[str, Completeness]:
    """The catalogs of ``po_paths`` that ``msgfmt`` is sure to accept, with their counts.

    Found without a ``msgfmt`` process per catalog: one ``msgcat`` reads a whole batch with
    msgfmt's own reader (its lexer, grammar and duplicate check; any complaint and the batch
    is left to msgfmt), and Babel's reading (which the counts need anyway) shows whether an
    entry breaks the one rule msgfmt adds, that a message and its translation begin and end
    with a newline alike. A catalog that is not returned is judged by msgfmt alone, which
    says what is wrong where; so is one declaring a charset other than UTF-8.

    ``compile_to`` (``.po`` -> ``.mo``): accepted catalogs to compile from that same reading,
    exactly as Sphinx compiles them (Babel's ``read_po`` with ``language`` and the sources'
    ``encoding``, then ``write_mo``), so that Sphinx finds them up to date and does not read
    every catalog a second time.
    """
    msgcat = shutil.which("msgcat")
    if not msgcat:
        return {}
    compile_to = {os.fspath(k): v for k, v in (compile_to or {}).items()}
    candidates = [os.fspath(p) for p in po_paths if po_charset_problem(p) is None]
    accepted: dict[str, Completeness] = {}
    for start in range(0, len(candidates), _BATCH):
        batch = candidates[start : start + _BATCH]
        # msgcat reads the batch on one core while Babel reads it here; it is asked for the
        # messages found in more catalogs than there are (none): all of it is read and
        # checked, nothing is written out (writing the merged catalog was 2/3 of its work)
        msgcat_run = subprocess.Popen([msgcat, "--use-first", f"--more-than={len(batch)}", "-o", os.devnull, *batch],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        readings = {}
        for path in batch:
            try:
                catalog = read_catalog(path, language, encoding=encoding)
            except Exception:  # noqa: BLE001 - an unknown locale, an odd file: msgfmt and Sphinx judge it
                continue
            counts, newlines_alike = _inspect(catalog)
            if newlines_alike:
                readings[path] = (catalog, counts)
        if msgcat_run.wait() != 0:
            continue
        for path, (catalog, counts) in readings.items():
            accepted[path] = counts
            if path in compile_to:
                drop_overlong(catalog, path)
                _write_mo_as_sphinx(compile_to[path], catalog, use_fuzzy)
    return accepted


def _inspect(catalog: BabelCatalog) -> tuple[Completeness, bool]:
    """A catalog's counts, and whether each translated entry begins and ends with a newline
    exactly where its message does (msgfmt rejects a catalog where one does not)."""
    translated = fuzzy = untranslated = 0
    alike = True
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            fuzzy += 1
        elif message.string:
            translated += 1
        else:
            untranslated += 1
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(strings):
            for index, text in enumerate(strings):
                source = ids[min(index, len(ids) - 1)]
                alike = alike and (source.startswith("\n"), source.endswith("\n")) == (text.startswith("\n"), text.endswith("\n"))
    return Completeness(translated, fuzzy, untranslated), alike


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


def _write_mo_as_sphinx(mo_path: str | os.PathLike[str], catalog: BabelCatalog, use_fuzzy: bool) -> None:
    """``write_mo`` as Sphinx's ``CatalogInfo.write_mo`` calls it, written whole or not at all."""
    partial = f"{os.fspath(mo_path)}.{os.getpid()}.tmp"
    try:
        with open(partial, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy)
        os.replace(partial, mo_path)
    except Exception:  # noqa: BLE001 - Sphinx compiles it itself then, and reports what it finds
        Path(partial).unlink(missing_ok=True)


def check_catalogs(app: Sphinx) -> None:
    """On ``builder-inited``: a ``.po`` with a syntax error gives one ``dassco.po_syntax``
    warning at its line, and an empty ``.mo`` (the pages using it show in the source
    language) instead of Sphinx compiling whatever part of it Babel could guess. A ``.po``
    declaring a charset other than UTF-8 gives one ``dassco.po_charset`` warning at its
    header line, and a ``.mo`` compiled as UTF-8 (or an empty one if it is not UTF-8)."""
    if not app.config.language or not app.config.locale_dirs:
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding)
    facts = CatalogFacts(app)
    catalogs = list(repo.catalogs)
    outdated = [info for info in catalogs if info.is_outdated()] if app.config.gettext_auto_build else []
    facts.refresh(
        [info.po_path for info in catalogs],
        {info.po_path: info.mo_path for info in outdated},
        language=app.config.language, encoding=app.config.source_encoding,
        use_fuzzy=app.config.gettext_allow_fuzzy_translations,
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
        for info in catalogs:
            if info.is_outdated():
                _compile_or_report(info, language, use_fuzzy)
    remove_orphaned_mo(app, catalogs)
    facts.save()


def _compile_or_report(info: Any, language: str, use_fuzzy: bool) -> None:
    """A catalog none of the above compiled (Sphinx would, and report a failure without a
    line: ``writing error: ..., unknown encoding``): compiled here as UTF-8, or, if that
    fails too, one located ``dassco.po_syntax`` warning and an empty ``.mo``."""
    try:
        catalog = read_catalog(info.po_path, language)
        drop_overlong(catalog, info.po_path)
        catalog.charset = "utf-8"
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy)
        Path(info.mo_path).write_bytes(buffer.getvalue())
    except Exception as exc:  # noqa: BLE001 - whatever Babel makes of it, one located warning
        warn(
            DasscoWarnings.PO_SYNTAX,
            f"translation catalog cannot be compiled ({type(exc).__name__}: {exc}); the pages "
            "using it are shown untranslated",
            at(str(info.po_path), 1),
        )
        with contextlib.suppress(OSError):
            _write_mo(info.mo_path, BabelCatalog(locale=language))


@dc.dataclass(frozen=True)
class _Facts:
    syntax: tuple[int | None, str] | None
    charset: CharsetProblem | None
    completeness: Completeness | None
    duplicates: tuple[tuple[int, int, str | None, str], ...] = ()


class CatalogFacts:
    """What each catalog's checks found, redone only for a catalog that changed.

    Running msgfmt and Babel over every ``.po`` on every build is most of a no-op rebuild
    of a large site; the results, keyed by each file's mtime and size, are kept beside the
    saved environment (the doctree directory), a build cache like the environment itself.
    """

    FILE = "dassco-catalog-facts-2.json"

    def __init__(self, app: Sphinx) -> None:
        self.path = Path(app.doctreedir, self.FILE)
        try:
            self.data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        self.changed = False

    @staticmethod
    def _stamp(po_path: str | os.PathLike[str]) -> list[int]:
        stat = os.stat(po_path)
        return [stat.st_mtime_ns, stat.st_size]

    @staticmethod
    def _check(po_path: str | os.PathLike[str], stamp: list[int]) -> dict[str, Any]:
        syntax = po_syntax_error(po_path)
        charset = po_charset_problem(po_path) if syntax is None else None
        duplicates: list[Any] = []
        if syntax is None and (charset is None or charset.utf8):
            try:
                duplicates = [list(d) for d in po_duplicates(po_path)]
            except Exception:  # noqa: BLE001 - msgfmt read it; Babel's trouble is Sphinx's to report
                duplicates = []
        return {"stamp": stamp, "syntax": syntax, "charset": dc.asdict(charset) if charset else None,
                "duplicates": duplicates}

    def refresh(
        self, po_paths: list[str | os.PathLike[str]], compile_to: Mapping[str, str | os.PathLike[str]] | None = None,
        *, language: str | None = None, encoding: str = "utf-8-sig", use_fuzzy: bool = False,
    ) -> None:
        """Check every changed catalog of ``po_paths`` now.

        A clean build of a large site checks hundreds of catalogs; a ``msgfmt`` process for
        each costs more CPU than the rest of the catalogs' handling together. Batches that
        ``msgcat`` reads cleanly need none (:func:`accepted_catalogs`); the others get one
        each, several at a time (most of that is waiting for the process). ``compile_to`` and
        the keywords: what :func:`accepted_catalogs` needs to compile them too."""
        stale = []
        for path in po_paths:
            stamp = self._stamp(path)
            entry = self.data.get(os.fspath(path))
            if not entry or entry.get("stamp") != stamp:
                stale.append((os.fspath(path), stamp))
        if not stale:
            return
        self.changed = True
        accepted = (
            accepted_catalogs([path for path, _ in stale], compile_to, language=language, encoding=encoding,
                              use_fuzzy=use_fuzzy)
            if len(stale) > 1 else {}
        )
        for path, stamp in stale:
            if path in accepted:
                counts = accepted[path]
                self.data[path] = {"stamp": stamp, "syntax": None, "charset": None,
                                   "completeness": [counts.translated, counts.fuzzy, counts.untranslated]}
        rest = [(path, stamp) for path, stamp in stale if path not in accepted]
        if rest:
            with ThreadPoolExecutor(max_workers=min(8, 2 * (os.cpu_count() or 1))) as pool:
                for (path, _stamp), entry in zip(rest, pool.map(lambda item: self._check(*item), rest), strict=True):
                    self.data[path] = entry

    def of(self, po_path: str | os.PathLike[str], *, completeness: bool = False) -> _Facts:
        key, stamp = os.fspath(po_path), self._stamp(po_path)
        entry = self.data.get(key)
        if not entry or entry.get("stamp") != stamp:
            entry = self._check(po_path, stamp)
            self.data[key], self.changed = entry, True
        if completeness and "completeness" not in entry:
            try:
                counts = catalog_completeness(po_path)
            except (PoFileError, OSError, ValueError, LookupError):
                counts = Completeness()
            entry["completeness"], self.changed = [counts.translated, counts.fuzzy, counts.untranslated], True
        syntax = entry["syntax"]
        return _Facts(
            tuple(syntax) if syntax else None,
            CharsetProblem(**entry["charset"]) if entry["charset"] else None,
            Completeness(*entry["completeness"]) if "completeness" in entry else None,
            tuple(tuple(d) for d in entry.get("duplicates") or ()),  # type: ignore[misc]
        )

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.data, sort_keys=True), encoding="utf-8")


def _write_mo(mo_path: str | os.PathLike[str], catalog: BabelCatalog) -> None:
    """Compile ``catalog`` as UTF-8, whatever its header said (Sphinx then leaves it alone)."""
    catalog.charset = "utf-8"
    with open(mo_path, "wb") as handle:
        write_mo(handle, catalog)


# --- completeness -----------------------------------------------------------------------------

@dc.dataclass(frozen=True)
class Completeness:
    """Translated, fuzzy and untranslated entries of one catalog (or of a whole language)."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(
            self.translated + other.translated, self.fuzzy + other.fuzzy, self.untranslated + other.untranslated
        )


def catalog_completeness(po_path: str | os.PathLike[str]) -> Completeness:
    """Count the entries of one ``.po`` (obsolete ones do not count)."""
    return _inspect(read_catalog(po_path))[0]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_catalogs)
