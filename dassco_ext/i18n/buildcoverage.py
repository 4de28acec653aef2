"""How much of each page is translated, known to every language's build.

The English build must know that the Danish page is 30 % translated (to leave out its
``hreflang`` alternate and mark it in the switcher), and every build must agree, so the
figure comes from what all builds share: the page's messages (recorded while the page is
read, before anything language-specific happens: :func:`page_message_keys`) and the
catalogs in ``locale_dirs`` (``<lang>/LC_MESSAGES/<page>.po``).

- A message counts as translated when its catalog has a translation that is not fuzzy (as
  Sphinx uses them); fuzzy, empty, and messages the catalog does not have yet count as
  untranslated. A page with no catalog is 0 % translated; a page without messages, 100 %.
- What each catalog holds is read once (Babel) and kept beside the environment, keyed by the
  file's mtime and size (``dassco-coverage.json`` in the doctree directory): a rebuild reads
  only the catalogs that changed. Messages are kept as 64-bit digests, not text.
"""

from __future__ import annotations

import dataclasses as dc
import hashlib
import json
import os
import shutil
import subprocess
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.i18n import docname_to_domain

from ..paths import write_whole
from .charset import po_charset_problem, read_catalog
from .extraction import CONTEXT_SEPARATOR
from .facts import po_syntax_error

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def message_key(msgid: str, context: str | None = None) -> int:
    """A message (with its ``msgctxt``, if any) as a 64-bit digest."""
    text = f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dc.dataclass(frozen=True)
class CatalogKeys:
    """The messages of one ``.po``: translated (not fuzzy), fuzzy, and all it has."""

    translated: frozenset[int] = frozenset()
    fuzzy: frozenset[int] = frozenset()
    known: frozenset[int] = frozenset()


def read_catalog_keys(po_path: str | os.PathLike[str], *, checked: bool = False) -> CatalogKeys:
    """What a ``.po`` holds (obsolete entries left out), as the build uses it: a catalog
    with a syntax error, or in a charset other than UTF-8, translates nothing (its pages are
    shown untranslated, :func:`.catalogs.check_catalogs`). ``checked``: ``msgfmt`` (or
    ``msgcat``) has already accepted its syntax."""
    if not checked and po_syntax_error(po_path) is not None:
        return CatalogKeys()
    charset = po_charset_problem(po_path)
    if charset is not None and not charset.utf8:
        return CatalogKeys()
    try:
        catalog = read_catalog(po_path)
    except Exception:  # noqa: BLE001 - the build reports a broken catalog; here it translates nothing
        return CatalogKeys()
    return keys_of(catalog)


def keys_of(catalog: Any) -> CatalogKeys:
    """What a catalog read by Babel holds (obsolete entries left out)."""
    translated, fuzzy, known = set(), set(), set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        key = message_key(message.id, message.context)
        known.add(key)
        if message.fuzzy:
            fuzzy.add(key)
        elif isinstance(message.string, str) and message.string.strip():
            translated.add(key)
    return CatalogKeys(frozenset(translated), frozenset(fuzzy), frozenset(known))


@dc.dataclass(frozen=True)
class PageCoverage:
    """One page in one language."""

    total: int  #: the page's messages now
    translated: int  #: of them, translated (not fuzzy)
    fuzzy: int  #: of them, translated but marked fuzzy (the source changed)
    missing: int  #: of them, not in the catalog at all (the catalog predates them)
    has_catalog: bool

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def source_newer(self) -> bool:
        """The page was translated, and its source has changed since: fuzzy entries, or
        messages the catalog does not have yet."""
        return self.has_catalog and self.translated > 0 and bool(self.fuzzy or self.missing)


class CoverageCache:
    """The catalogs' messages, read once per change and kept in the doctree directory."""

    FILE = "dassco-coverage.json"

    def __init__(self, doctreedir: str | os.PathLike[str]) -> None:
        self.path = Path(doctreedir, self.FILE)
        try:
            self.data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        self.read: dict[str, CatalogKeys] = {}
        self.changed = False

    @staticmethod
    def _stamp(po_path: Path) -> list[int]:
        stat = po_path.stat()
        return [stat.st_mtime_ns, stat.st_size]

    def stale(self, po_paths: Iterable[Path]) -> list[Path]:
        """Those of ``po_paths`` not read since they last changed."""
        return [p for p in po_paths if os.fspath(p) not in self.read
                and (self.data.get(os.fspath(p)) or {}).get("stamp") != self._stamp(p)]

    def remember(self, po_path: str | os.PathLike[str], found: CatalogKeys, stamp: list[int] | None = None) -> None:
        """Keep what a reading of the catalog (``stamp``: as it was then; default: now) found.
        The catalogs' check reads the build's own language and hands its reading here, so it
        is not read a second time for the counts."""
        key = os.fspath(po_path)
        self.data[key] = {"stamp": stamp or self._stamp(Path(key)), "t": sorted(found.translated),
                          "f": sorted(found.fuzzy), "k": sorted(found.known)}
        self.read[key] = found
        self.changed = True

    def keys(self, po_path: Path, *, checked: bool = False) -> CatalogKeys:
        key = os.fspath(po_path)
        if key in self.read:
            return self.read[key]
        stamp = self._stamp(po_path)
        entry = self.data.get(key)
        if entry and entry.get("stamp") == stamp:
            found = CatalogKeys(frozenset(entry["t"]), frozenset(entry["f"]), frozenset(entry["k"]))
        else:
            found = read_catalog_keys(po_path, checked=checked)
            self.remember(po_path, found, stamp)
        self.read[key] = found
        return found

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.path, json.dumps(self.data, sort_keys=True).encode("utf-8"))
            self.changed = False


#: One cache per running build (nothing kept once the application is gone).
_CACHES: weakref.WeakKeyDictionary[Any, CoverageCache] = weakref.WeakKeyDictionary()


def cache_of(env: BuildEnvironment) -> CoverageCache:
    """The cache of the running build (one per environment)."""
    cache = _CACHES.get(env)
    if cache is None:
        cache = _CACHES[env] = CoverageCache(env.doctreedir)
    return cache


def catalog_path(env: BuildEnvironment, language: str, docname: str) -> Path | None:
    """The page's ``.po`` for ``language`` (the first of ``locale_dirs`` that has one)."""
    domain = docname_to_domain(docname, env.config.gettext_compact)
    for directory in env.config.locale_dirs:
        path = Path(env.srcdir, directory, language, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def page_messages(env: BuildEnvironment, docname: str) -> frozenset[int]:
    """The page's messages as recorded when it was read (see :mod:`.fallback`)."""
    return getattr(env, "dassco_page_messages", {}).get(docname, frozenset())


def coverage_of(keys: frozenset[int], catalog: CatalogKeys | None) -> PageCoverage:
    if catalog is None:
        return PageCoverage(len(keys), 0, 0, len(keys), has_catalog=False)
    return PageCoverage(
        len(keys), len(keys & catalog.translated), len(keys & catalog.fuzzy), len(keys - catalog.known),
        has_catalog=True,
    )


def page_coverage(app: Sphinx, language: str, docname: str) -> PageCoverage:
    """How much of ``docname`` is translated into ``language``."""
    env = app.env
    path = catalog_path(env, language, docname)
    catalog = cache_of(env).keys(path) if path is not None else None
    return coverage_of(page_messages(env, docname), catalog)


#: How many catalogs one ``msgcat`` process reads (far below any command-line limit).
_BATCH = 256


def _syntax_accepted(po_paths: list[Path]) -> set[Path]:
    """Those of ``po_paths`` whose syntax GNU gettext accepts, with one ``msgcat`` per batch
    (its reader is msgfmt's) instead of one ``msgfmt`` per catalog; a batch it rejects is
    left to msgfmt, catalog by catalog."""
    msgcat = shutil.which("msgcat")
    if not msgcat or len(po_paths) < 2:
        return set()
    accepted: set[Path] = set()
    for start in range(0, len(po_paths), _BATCH):
        batch = po_paths[start : start + _BATCH]
        done = subprocess.run([msgcat, "--use-first", f"--more-than={len(batch)}", "-o", os.devnull, *map(str, batch)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if done.returncode == 0:
            accepted.update(batch)
    return accepted


def language_catalogs(env: BuildEnvironment, language: str) -> list[Path]:
    """Every ``.po`` of ``language`` in ``locale_dirs``."""
    found = []
    for directory in env.config.locale_dirs:
        base = Path(env.srcdir, directory, language, "LC_MESSAGES")
        if base.is_dir():
            found += sorted(base.glob("**/*.po"))
    return found


def warm(app: Sphinx, languages: Iterable[str]) -> None:
    """Read every catalog of ``languages`` that changed since the last build, and keep what
    was read (in the main process: parallel readers and writers fork from it and share it)."""
    cache = cache_of(app.env)
    stale = cache.stale([path for language in languages for path in language_catalogs(app.env, language)])
    accepted = _syntax_accepted(stale)
    for path in stale:
        cache.keys(path, checked=path in accepted)
    cache.save()
