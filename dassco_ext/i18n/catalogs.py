"""A site's translation catalogs: each ``.po`` checked and read once, again when it changes.

GNU ``msgfmt --check`` judges a catalog and Babel's ``read_po`` reads it. A catalog one of
them refuses is not used at all: its pages show their source text and count as untranslated,
and every build gives one warning at msgfmt's line. A catalog with a translation too long is
compiled without it; Sphinx compiles every other. The reading serves the page's translations,
the entries' lines and flags, and the counts.
"""

from __future__ import annotations

import dataclasses as dc
import gettext
import io
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from ..config import get_config
from ..paths import write_whole
from ..warnings_ import DasscoWarnings, at, warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)

#: gettext's separator between context and message id in compiled catalogs.
CONTEXT_SEPARATOR = "\x04"

#: The longest translation used (characters, and ten times its message): every character
#: costs a build about a hundred bytes, so a longer one is left out and the source shows.
MAX_MESSAGE_CHARS = 100_000

_CHARSET_RE = re.compile(
    rb'^"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.IGNORECASE | re.MULTILINE
)
_PLURAL_RE = re.compile(
    r'^\s*(?:msgstr\s*)?"Plural-Forms:\s*(.*?)(?:\\n)?"\s*$', re.IGNORECASE | re.MULTILINE
)
_MSGFMT_RE = re.compile(r":(\d+)(?::\d+)?: (.*)")
_FIRST_DEFINITION = "this is the location of the first definition"


def message_key(msgid: str, context: str | None = None) -> str:
    """A message as gettext keys it: ``msgctxt``, ``\\x04`` and ``msgid``, or the ``msgid``."""
    return f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid


@dc.dataclass(frozen=True)
class Reading:
    """What the build takes from one ``.po``: its translations (by :func:`message_key`; fuzzy
    ones too), each entry's line and flags, and the warnings about it. ``compile``: the build
    compiles it (its problems changed what is used)."""

    path: str
    stamp: tuple[int, int] | None = None  #: the file's mtime and size when it was read
    translations: dict[str, str] = dc.field(default_factory=dict)
    entries: dict[str, tuple[int, frozenset[str]]] = dc.field(default_factory=dict)
    warnings: tuple[tuple[DasscoWarnings, int | None, str], ...] = ()
    catalog: Catalog | None = dc.field(default=None, compare=False, repr=False)

    @property
    def compile(self) -> bool:
        return bool(self.warnings)

    def translated(self, key: str) -> bool:
        """Whether the entry ``key`` is translated (not fuzzy)."""
        return key in self.translations and "fuzzy" not in self.entries[key][1]


def read_catalog(
    po_path: str | os.PathLike[str], locale: str | None = None, *, text: str | None = None
) -> Catalog:
    """A ``.po`` read by Babel as UTF-8 text (as Sphinx reads it); raises on a line Babel
    cannot read (``PoFileError``) instead of printing about it."""
    if text is None:
        text = Path(po_path).read_bytes().decode("utf-8-sig")
    return read_po(io.StringIO(text), locale=locale, abort_invalid=True)


def write_catalog(path: Path, catalog: Catalog) -> Path:
    """``catalog`` written to ``path`` as Babel writes it (no line wrapping)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    write_whole(path, buffer.getvalue())
    return path


def msgfmt(po_path: str | os.PathLike[str]) -> list[tuple[int | None, str]]:
    """What GNU ``msgfmt --check`` refuses in a ``.po`` (syntax, duplicate entries, header,
    ``Plural-Forms``, format strings), ``(line, message)`` each, its warnings left out; empty
    when it compiles, or when gettext is missing."""
    tool = shutil.which("msgfmt")
    if tool is None:
        return []
    done = subprocess.run(
        [tool, "--check", "-o", os.devnull, os.fspath(po_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    if done.returncode == 0:
        return []
    found: list[tuple[int | None, str]] = []
    for line in done.stderr.splitlines():
        match = _MSGFMT_RE.search(line)
        if match and not match[2].startswith("warning:") and _FIRST_DEFINITION not in match[2]:
            # msgfmt has already counted the newline that ends an unterminated string
            eol = match[2].startswith("end-of-line within string")
            found.append((int(match[1]) - eol, match[2]))
    said = [
        line.rsplit(": ", 1)[-1]
        for line in done.stderr.splitlines()
        if line.strip() and "header field" not in line and "fatal error" not in line
    ]
    return found or [(None, said[0] if said else "msgfmt failed")]


@dc.dataclass(frozen=True)
class CharsetProblem:
    """A ``.po`` whose bytes are not what its header's charset says: where, what, and whether
    it is UTF-8 (then it is read as UTF-8; otherwise it is not used)."""

    line: int
    message: str
    utf8: bool


_UNUSED = ", so the pages using it are shown untranslated"


def po_charset_problem(po_path: str | os.PathLike[str]) -> CharsetProblem | None:
    """What is wrong with a ``.po``'s charset, else ``None``. Only UTF-8 is read: any other
    declaration that changes the meaning of its bytes is reported (pure ASCII is not)."""
    data = Path(po_path).read_bytes()
    try:
        as_utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        as_utf8, line = None, data.count(b"\n", 0, exc.start) + 1
    match = _CHARSET_RE.search(data)
    if match is None:
        if as_utf8 is not None:
            return None
        what = f"translation catalog is not UTF-8 (first bad byte on line {line})"
        return CharsetProblem(line, what + _UNUSED + " (save it as UTF-8)", False)
    declared, line = match[1].decode("ascii", "replace"), data.count(b"\n", 0, match.start()) + 1
    try:
        if data.decode(declared) == as_utf8:
            return None  # UTF-8 itself, or text that reads the same either way
        what = f"declares charset={declared}"
    except LookupError:
        what = f"declares an unknown charset {declared!r}"
    except UnicodeDecodeError:
        what = f"declares charset={declared}"
    if as_utf8 is not None:
        fix = "it is read as UTF-8 (set charset=UTF-8 in its header)"
        return CharsetProblem(line, f"translation catalog {what} but is UTF-8: {fix}", True)
    fix = "only UTF-8 catalogs are read" + _UNUSED + " (convert it with msgconv --to-code=UTF-8)"
    return CharsetProblem(line, f"translation catalog {what} and is not UTF-8: {fix}", False)


def _plural_forms_problem(text: str) -> tuple[int, str] | None:
    """``(line, reason)`` when Python's gettext cannot read the header's ``Plural-Forms`` (too
    long or too deeply nested an expression, which ``msgfmt`` accepts)."""
    head = text[: text.find("\n\n")] if "\n\n" in text else text
    # the header's strings joined as gettext joins them (msgmerge wraps long lines)
    match = _PLURAL_RE.search(re.sub(r'(?<!\\n)"[ \t]*\n[ \t]*"', "", head))
    found = re.search(r"plural\s*=\s*(.+?)\s*;?\s*$", match[1]) if match else None
    if found is None:
        return None
    try:
        gettext.c2py(found[1])
    except (ValueError, RecursionError, SyntaxError):
        line = text.count("\n", 0, max(text.find("Plural-Forms"), 0)) + 1
        return line, f"Plural-Forms plural={found[1][:80]!r} is not a formula Python reads"
    return None


def _refused(path: str, line: int | None, reason: str) -> Reading:
    return Reading(
        path,
        warnings=(
            (
                DasscoWarnings.PO_SYNTAX,
                line,
                f"{reason}: the catalog is not used, the pages using it are shown untranslated",
            ),
        ),
    )


def check_catalog(po_path: str | os.PathLike[str], language: str | None = None) -> Reading:
    """Judge and read one ``.po``: what the build takes from it, and what is wrong with it.
    A catalog ``msgfmt --check``, Python's gettext or Babel refuses is not used at all."""
    path = os.fspath(po_path)
    if refused := msgfmt(path):
        line, reason = refused[0]
        more = f"; msgfmt --check finds {len(refused) - 1} more" if len(refused) > 1 else ""
        return _refused(path, line, f"msgfmt: {reason}{more}")
    warnings: list[tuple[DasscoWarnings, int | None, str]] = []
    charset = po_charset_problem(path)
    if charset is not None:
        warnings.append((DasscoWarnings.PO_CHARSET, charset.line, charset.message))
        if not charset.utf8:
            return Reading(path, warnings=tuple(warnings))
    text = Path(path).read_bytes().decode("utf-8-sig")
    try:
        if plural := _plural_forms_problem(text):
            return _refused(path, *plural)
        catalog = read_catalog(path, language, text=text)
    except PoFileError as exc:
        reason = str(exc).rsplit(" on ", 1)[0]
        return _refused(path, exc.lineno + 1, f"translation catalog cannot be read ({reason})")
    except (ValueError, LookupError, UnknownLocaleError) as exc:
        return _refused(path, None, f"translation catalog cannot be read ({exc})")
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        longest = max((len(text) for text in strings if text), default=0)
        if message.id and longest > max(MAX_MESSAGE_CHARS, 10 * max(len(i) for i in ids)):
            warnings.append(
                (
                    DasscoWarnings.LIMIT,
                    message.lineno,
                    f"translation of {ids[0][:60]!r} is {longest:,} characters long (at most "
                    f"{MAX_MESSAGE_CHARS:,}); it is left out and the source text is shown",
                )
            )
            message.string = ("",) * len(strings) if isinstance(message.string, tuple) else ""
    return _reading(path, catalog, tuple(warnings))


def _reading(path: str, catalog: Catalog, warnings: tuple) -> Reading:
    translations: dict[str, str] = {}
    entries: dict[str, tuple[int, frozenset[str]]] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        key = message_key(message.id, message.context)
        entries[key] = (message.lineno or 1, frozenset(message.flags))
        if isinstance(message.string, str) and message.string.strip():
            translations[key] = message.string
    return Reading(
        path, translations=translations, entries=entries, warnings=warnings, catalog=catalog
    )


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def read_catalogs(
    env: BuildEnvironment, po_paths: Iterable[str | os.PathLike[str]]
) -> list[Reading]:
    """The readings of ``po_paths``, kept on ``env`` as Sphinx keeps its pages: a catalog is
    read again when its file changed (several at once: most of it is waiting for msgfmt)."""
    readings: dict[str, Reading] = vars(env).setdefault("dassco_catalog_readings", {})
    paths = [os.fspath(path) for path in po_paths]
    stale = [path for path in paths if path not in readings or readings[path].stamp != _stamp(path)]

    def read(path: str) -> Reading:
        stamp = _stamp(path)
        return dc.replace(check_catalog(path) if stamp is not None else Reading(path), stamp=stamp)

    with ThreadPoolExecutor() as pool:
        fresh = dict(zip(stale, pool.map(read, stale), strict=True))
    # Babel's reading is returned (to compile it) but not kept
    readings.update({path: dc.replace(reading, catalog=None) for path, reading in fresh.items()})
    return [fresh.get(path) or readings[path] for path in paths]


def catalog_reading(env: BuildEnvironment, po_path: str | os.PathLike[str]) -> Reading:
    """The reading of one ``.po`` (see :func:`read_catalogs`)."""
    return read_catalogs(env, [po_path])[0]


def page_catalogs(env: BuildEnvironment, docname: str, language: str | None = None) -> list[Path]:
    """Where the page's ``.po`` for ``language`` (default: the build's) is in each of ``locale_dirs``."""
    domain = docname_to_domain(docname, env.config.gettext_compact)
    language = language or env.config.language or ""
    return [
        Path(env.srcdir, d, language, "LC_MESSAGES", f"{domain}.po") for d in env.config.locale_dirs
    ]


def page_translations(
    env: BuildEnvironment, docname: str, language: str | None = None
) -> dict[str, str]:
    """The page's translations into ``language`` (default: the build's) as Locale uses them:
    its catalog in each of ``locale_dirs``, the first one's translation of a message winning;
    fuzzy ones only if they are compiled."""
    merged: dict[str, str] = {}
    for po_path in reversed(page_catalogs(env, docname, language)):
        reading = catalog_reading(env, po_path)
        merged |= {
            key: text
            for key, text in reading.translations.items()
            if env.config.gettext_allow_fuzzy_translations or "fuzzy" not in reading.entries[key][1]
        }
    return merged


def po_entry(
    env: BuildEnvironment, docname: str, key: str, language: str | None = None
) -> tuple[str, int, frozenset[str]] | None:
    """The ``.po`` file, line and flags of the entry the page's translation of ``key`` into
    ``language`` (default: the build's) comes from, else ``None``."""
    for po_path in page_catalogs(env, docname, language):
        if (entry := catalog_reading(env, po_path).entries.get(key)) is not None:
            return os.fspath(po_path), *entry
    return None


def check_catalogs(app: Sphinx) -> None:
    """On ``builder-inited``: every catalog of the site's other languages read now, in the
    main process (parallel readers and writers fork from it and share the readings); every
    catalog of the build's language checked and read, each problem one located warning; a
    catalog with a problem is compiled here, from what can be used of it (Sphinx then finds
    it up to date); a ``.mo`` whose ``.po`` is gone is removed."""
    if not app.config.locale_dirs:
        return
    others = [lang for lang in get_config(app.config).languages[1:] if lang != app.config.language]
    read_catalogs(
        app.env,
        [
            path
            for language in others
            for directory in app.config.locale_dirs
            for path in sorted(Path(app.srcdir, directory, language, "LC_MESSAGES").glob("**/*.po"))
        ],
    )
    if not app.config.language or app.builder.name == "gettext":
        return  # the gettext builder extracts messages and uses no catalog of its language
    repo = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    catalogs = list(repo.catalogs)
    for info, reading in zip(
        catalogs, read_catalogs(app.env, [info.po_path for info in catalogs]), strict=True
    ):
        for kind, line, message in reading.warnings:
            warn(kind, message, at(str(info.po_path), line))
        if reading.compile and info.is_outdated():
            catalog = reading.catalog or Catalog()  # a refused catalog: nothing of it is used
            if reading.catalog is None and reading.translations:  # read by an earlier build
                catalog = check_catalog(info.po_path).catalog or Catalog()
            catalog.charset = "utf-8"
            compiled = io.BytesIO()
            write_mo(compiled, catalog, app.config.gettext_allow_fuzzy_translations)
            write_whole(info.mo_path, compiled.getvalue())
    _remove_orphaned_mo(app, {os.path.normcase(info.mo_path) for info in catalogs})


def _remove_orphaned_mo(app: Sphinx, kept: set[str]) -> None:
    """A ``.mo`` whose ``.po`` is gone would still translate its pages: it is removed, and
    its pages are read again (:func:`pages_of_removed_catalogs`)."""
    removed = vars(app.env).setdefault("dassco_removed_domains", set())
    for directory in app.config.locale_dirs:
        base = Path(app.srcdir, directory, app.config.language, "LC_MESSAGES")
        for mo_path in sorted(base.glob("**/*.mo")) if base.is_dir() else ():
            if os.path.normcase(mo_path) in kept or mo_path.with_suffix(".po").exists():
                continue
            try:
                mo_path.unlink()
            except OSError as exc:
                warn(
                    DasscoWarnings.PO_ORPHAN,
                    f"compiled catalog without its .po cannot be removed ({exc}); "
                    "its translations may still be used",
                    at(str(mo_path), None),
                )
                continue
            LOGGER.info(
                "dassco: removed %s: its .po is gone, so its translations are no longer used",
                mo_path,
            )
            removed.add(mo_path.relative_to(base).with_suffix("").as_posix())


def pages_of_removed_catalogs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """On ``env-get-outdated``: the pages a removed ``.mo`` translated, to be read again."""
    domains = vars(env).pop("dassco_removed_domains", set())
    return sorted(
        d for d in env.found_docs if docname_to_domain(d, env.config.gettext_compact) in domains
    )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", check_catalogs)
    app.connect("env-get-outdated", pages_of_removed_catalogs)
