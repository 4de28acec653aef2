"""What a catalog's checks found, each catalog read once and the findings kept by its mtime.

- :func:`po_syntax_error`: GNU ``msgfmt`` judges a ``.po`` (Babel guesses its way past errors).
- :func:`accepted_catalogs`: whole batches checked by one ``msgcat`` while Babel reads them,
  and that reading compiled (to memory) exactly as Sphinx compiles it.
- :class:`CatalogFacts`: the findings (syntax, charset, duplicates, counts) kept beside the
  saved environment, redone only for a catalog that changed.
- :class:`Completeness`: translated, fuzzy and untranslated entries of a catalog.
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

from ..paths import write_whole
from .catalogrules import drop_overlong
from .charset import CharsetProblem, po_charset_problem, read_catalog
from .entries import po_duplicates

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.application import Sphinx


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
    seen: Callable[[str, BabelCatalog], object] | None = None,
) -> dict[str, Completeness]:
    """The catalogs of ``po_paths`` that ``msgfmt`` is sure to accept, with their counts.

    Found without a ``msgfmt`` process per catalog: one ``msgcat`` reads a whole batch with
    msgfmt's own reader (its lexer, grammar and duplicate check; any complaint and the batch
    is left to msgfmt), and Babel's reading (which the counts need anyway) shows whether an
    entry breaks the one rule msgfmt adds, that a message and its translation begin and end
    with a newline alike, and compiling that reading (to memory) shows that Sphinx's own
    compile of it will work. A catalog that is not returned is judged by msgfmt alone, which
    says what is wrong where; so is one declaring a charset other than UTF-8.

    A catalog is read as Sphinx reads it (``language``, the sources' ``encoding``) and compiled
    with ``use_fuzzy`` as Sphinx compiles it. ``compile_to`` (``.po`` -> ``.mo``): accepted
    catalogs whose compiled form is written too (a build that compiles every outdated catalog
    anyway: Sphinx then finds them up to date and does not read them again); any other
    ``.mo`` is Sphinx's to write, when and if its build asks for it. ``seen``: called with each
    accepted catalog's path and reading (for other counts made from the same reading).
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
            if not newlines_alike:
                continue
            if path in compile_to:
                drop_overlong(catalog, path)
            compiled = compiled_as_sphinx(catalog, use_fuzzy)
            if compiled is not None:
                readings[path] = (catalog, compiled, counts)
        if msgcat_run.wait() != 0:
            continue
        for path, (catalog, compiled, counts) in readings.items():
            accepted[path] = counts
            if seen is not None:
                seen(path, catalog)
            if path in compile_to:
                with contextlib.suppress(OSError):  # Sphinx compiles it itself then
                    write_whole(compile_to[path], compiled)
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


def compiled_as_sphinx(catalog: BabelCatalog, use_fuzzy: bool) -> bytes | None:
    """The ``.mo`` Babel's ``write_mo`` makes of this reading, as Sphinx's compile calls it
    (``None`` if it fails)."""
    buffer = io.BytesIO()
    try:
        write_mo(buffer, catalog, use_fuzzy)
    except Exception:  # noqa: BLE001 - whatever it is, the catalog is judged by the slow path
        return None
    return buffer.getvalue()


def _write_mo_as_sphinx(mo_path: str | os.PathLike[str], catalog: BabelCatalog, use_fuzzy: bool) -> None:
    """``write_mo`` as Sphinx's ``CatalogInfo.write_mo`` calls it, written whole or not at all."""
    with contextlib.suppress(Exception):  # Sphinx compiles it itself then, and reports what it finds
        write_whole(mo_path, lambda handle: write_mo(handle, catalog, use_fuzzy))


@dc.dataclass(frozen=True)
class _Facts:
    syntax: tuple[int | None, str] | None
    charset: CharsetProblem | None
    completeness: Completeness | None
    duplicates: tuple[tuple[int, int, str | None, str], ...] = ()
    #: Read by msgcat and Babel, and compiled from that reading, without a fault.
    compiles: bool = False


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
        seen: Callable[[str, BabelCatalog], object] | None = None,
    ) -> None:
        """Check every changed catalog of ``po_paths`` now.

        A clean build of a large site checks hundreds of catalogs; a ``msgfmt`` process for
        each costs more CPU than the rest of the catalogs' handling together. Batches that
        ``msgcat`` reads cleanly need none (:func:`accepted_catalogs`); the others get one
        each, several at a time (most of that is waiting for the process). ``compile_to`` and the
        keywords: which :func:`accepted_catalogs` writes compiled, and how it reads and compiles
        them, as Sphinx will."""
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
                              use_fuzzy=use_fuzzy, seen=seen)
            if len(stale) > 1 else {}
        )
        for path, stamp in stale:
            if path in accepted:
                counts = accepted[path]
                self.data[path] = {"stamp": stamp, "syntax": None, "charset": None, "compiles": True,
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
            bool(entry.get("compiles")),
        )

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.path, json.dumps(self.data, sort_keys=True).encode("utf-8"))


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
