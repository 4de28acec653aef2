"""A site's translation catalogs: each ``.po`` checked and read once, again when it changes.

GNU ``msgfmt`` judges a catalog (syntax, duplicate entries) and Babel's ``read_po`` reads it.
Every build gives one located warning per problem; a catalog with a problem is compiled from
what can be used of it (nothing, for a syntax error), Sphinx compiles every other. The
reading serves the page's translations, the entries' lines and flags, and the counts.
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

#: What a catalog with an unusable ``Plural-Forms`` is compiled with.
DEFAULT_PLURAL_FORMS = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'

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


def msgfmt(po_path: str | os.PathLike[str], *, check: bool = False) -> list[tuple[int | None, str]]:
    """What GNU ``msgfmt`` (``--check``: with its header and format checks) says is wrong with a
    ``.po``, ``(line, message)`` each; empty when it compiles, or when gettext is missing."""
    tool = shutil.which("msgfmt")
    if tool is None:
        return []
    command = [tool, *(["--check"] if check else []), "-o", os.devnull, os.fspath(po_path)]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, "LC_ALL": "C"}
    )
    if done.returncode == 0:
        return []
    found: list[tuple[int | None, str]] = []
    for line in done.stderr.splitlines():
        if match := _MSGFMT_RE.search(line):
            # msgfmt has already counted the newline that ends an unterminated string
            eol = match[2].startswith("end-of-line within string")
            found.append((int(match[1]) - eol, match[2]))
    return found or [
        (None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "msgfmt failed")
    ]


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
    """``(line, reason)`` when the header's ``Plural-Forms`` is not ``nplurals=N;
    plural=EXPRESSION;`` with a C expression of ``n``: gettext would refuse the ``.mo``."""
    head = text[: text.find("\n\n")] if "\n\n" in text else text
    # the header's strings joined as gettext joins them (msgmerge wraps long lines)
    match = _PLURAL_RE.search(re.sub(r'(?<!\\n)"[ \t]*\n[ \t]*"', "", head))
    if match is None:
        return None
    line, value = text.count("\n", 0, max(text.find("Plural-Forms"), 0)) + 1, match[1]
    found = re.fullmatch(r"\s*nplurals\s*=\s*(\d{1,2})\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", value)
    if found is None or not 1 <= int(found[1]) <= 10:
        return line, f"Plural-Forms {value[:80]!r} is not 'nplurals=N; plural=EXPRESSION;'"
    try:
        gettext.c2py(found[2])
    except (ValueError, RecursionError, SyntaxError):
        return line, f"Plural-Forms plural={found[2][:80]!r} is not a formula of n"
    return None


def _syntax(line: int | None, reason: str) -> tuple[DasscoWarnings, int | None, str]:
    return (
        DasscoWarnings.PO_SYNTAX,
        line,
        f"translation catalog cannot be read ({reason}); the pages using it are shown untranslated",
    )


def check_catalog(po_path: str | os.PathLike[str], language: str | None = None) -> Reading:
    """Judge and read one ``.po``: what the build takes from it, and what is wrong with it."""
    path = os.fspath(po_path)
    complaints = msgfmt(path)
    duplicates = [
        line for line, message in complaints if message.startswith("duplicate message definition")
    ]
    firsts = [line for line, message in complaints if _FIRST_DEFINITION in message]
    syntax = [
        (line, message)
        for line, message in complaints
        if line is not None
        and not message.startswith("duplicate message definition")
        and _FIRST_DEFINITION not in message
    ]
    if syntax or (complaints and not duplicates):
        return Reading(path, warnings=(_syntax(*(syntax or complaints)[0]),))
    warnings: list[tuple[DasscoWarnings, int | None, str]] = []
    charset = po_charset_problem(path)
    if charset is not None:
        warnings.append((DasscoWarnings.PO_CHARSET, charset.line, charset.message))
        if not charset.utf8:
            return Reading(path, warnings=tuple(warnings))
    text = Path(path).read_bytes().decode("utf-8-sig")
    if plural := _plural_forms_problem(text):
        warnings.append(
            (
                DasscoWarnings.PO_HEADER,
                plural[0],
                f"{plural[1]}; the catalog is used with the rule n != 1",
            )
        )
        lines = text.splitlines(keepends=True)
        lines[plural[0] - 1] = DEFAULT_PLURAL_FORMS + "\n"
        text = "".join(lines)
    try:
        catalog = read_catalog(path, language, text=text)
    except PoFileError as exc:
        return Reading(
            path, warnings=(*warnings, _syntax(exc.lineno + 1, str(exc).rsplit(" on ", 1)[0]))
        )
    except (ValueError, LookupError, UnknownLocaleError) as exc:
        return Reading(path, warnings=(*warnings, _syntax(None, str(exc))))
    for line, first in zip(duplicates, firsts, strict=False):
        # the entry msgfmt's first definition is in: the last one to start before it
        message = max(
            (m for m in catalog if m.id and (m.lineno or 0) <= (first or 0)),
            key=lambda m: m.lineno or 0,
            default=None,
        )
        if message is None:
            continue
        shown = str(message.id) if len(str(message.id)) <= 60 else str(message.id)[:57] + "..."
        warnings.append(
            (
                DasscoWarnings.PO_DUPLICATE,
                line,
                f"msgid {shown!r} is translated twice in this catalog (first at line {message.lineno}): "
                "neither translation is used, the message shows in the source language; the catalog's "
                "other translations are used (remove one of the two entries)",
            )
        )
        catalog.delete(message.id, context=message.context)
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
        found = check_catalog(path) if stamp is not None else Reading(path)
        return dc.replace(found, stamp=stamp, catalog=None)  # Babel's reading is not kept

    with ThreadPoolExecutor() as pool:
        readings.update(zip(stale, pool.map(read, stale), strict=True))
    return [readings[path] for path in paths]


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
            catalog = check_catalog(info.po_path, app.config.language).catalog or Catalog()
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
