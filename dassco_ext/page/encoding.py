"""Sources that are not UTF-8: read them anyway, and say so once, at the first bad line.

Sphinx reads sources with a strict decoder, so one page saved as Latin-1 by an editor's tool
stops the whole build with a traceback. dassco-ext registers a source codec that decodes
UTF-8 (with or without BOM) and, only for a file that is not valid UTF-8, falls back to
Windows-1252 (a superset of Latin-1, what such tools almost always wrote), so ``æ ø å`` survive.
The fallback is reported as ``dassco.encoding`` with the file and line: for a page on
``source-read`` (Sphinx decodes the page right before), for a file a page includes once the
page is read (``doctree-read``), at the included file itself, never at the next page read.

The codec lives as long as the pages are read: it is registered when reading starts
(``env-before-read-docs``) and unregistered when reading is over and when the build ends, so a
process that goes on after the build (sphinx-autobuild, a test run) is left without it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CODEC_NAME = "dassco-utf-8"
FALLBACK = "cp1252"

#: The line of the first undecodable byte of each source decoded with a fallback since the
#: last report (reading is sequential within a process, also under ``-j N``); emptied when
#: each page has been read and when reading ends.
_fallbacks: list[int] = []


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _first_bad_line(path: Path) -> int | None:
    """The line of the first byte of ``path`` that is not UTF-8; ``None`` if it all is."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        return _line_of(data.removeprefix(codecs.BOM_UTF8), exc.start)
    return None


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)
    try:
        return codecs.utf_8_decode(data.removeprefix(codecs.BOM_UTF8), errors, True)[0], len(data)
    except UnicodeDecodeError as exc:
        _fallbacks.append(_line_of(data, exc.start))
        return data.decode(FALLBACK, errors="replace"), len(data)


class _WholeFileDecoder(codecs.IncrementalDecoder):
    """Decides UTF-8 or fallback on the whole file (Sphinx reads a source in one call)."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.pending = b""

    def decode(self, data: bytes, final: bool = False) -> str:
        self.pending += bytes(data)
        if not final:
            return ""
        text, self.pending = _decode(self.pending, self.errors)[0], b""
        return text

    def reset(self) -> None:
        self.pending = b""


def _search(name: str) -> codecs.CodecInfo | None:
    if name.lower().replace("_", "-") != CODEC_NAME:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=CODEC_NAME, encode=utf8.encode, decode=_decode,
        incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_WholeFileDecoder,
    )


def _register() -> None:
    codecs.unregister(_search)  # one registration, however many apps a process creates
    codecs.register(_search)


def _unregister(*args: object) -> None:
    """When reading is over (``env-updated``) and when the build ends (``build-finished``)."""
    codecs.unregister(_search)  # also clears the codec cache of Python
    _fallbacks.clear()


def _use_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: UTF-8 sources are read through the forgiving codec, registered now.

    This is the docutils ``input_encoding`` setting of this build, not the ``source_encoding``
    config value (whose other encodings Sphinx deprecates); other encodings are left alone.
    """
    configured = env.settings.get("input_encoding") or "utf-8-sig"
    if configured != CODEC_NAME and codecs.lookup(configured).name in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = CODEC_NAME
    if env.settings["input_encoding"] == CODEC_NAME:
        _register()


def _message(line: int) -> str:
    return (
        f"this file is not UTF-8 (first bad byte on line {line}); it was read as "
        "Windows-1252: check its special characters and save it as UTF-8"
    )


def _report(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: the page itself was decoded just now."""
    if _fallbacks:
        line = _fallbacks[-1]
        _fallbacks.clear()
        warn(DasscoWarnings.ENCODING, _message(line), (docname, line))


def _report_included(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: files the page included were decoded while it was parsed; each
    one that is not UTF-8 is named, with its line."""
    if not _fallbacks:
        return
    _fallbacks.clear()
    dependencies = doctree.settings.record_dependencies
    found = False
    for dependency in sorted(set(dependencies.list if dependencies else ())):
        path = Path(dependency)
        line = _first_bad_line(path)
        if line is not None:
            found = True
            warn(DasscoWarnings.ENCODING, _message(line), f"{path.resolve()}:{line}")
    if not found:  # decoded by something that does not record what it read
        warn(
            DasscoWarnings.ENCODING,
            "a file this page includes is not UTF-8; it was read as Windows-1252: "
            "save it as UTF-8",
            (app.env.docname, None),
        )


#: What no page may hold (see :data:`.frontmatter.UNWRITABLE_RE`) but a form feed, which
#: some editors keep as a page break and Markdown takes as white space.
_UNWRITABLE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _replace_unwritable(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: control characters (``\\x04`` breaks the ``.pot`` file, ``\\x00``
    C strings) become U+FFFD, with one ``dassco.text`` warning at the first one's line."""
    text = source[0]
    first = _UNWRITABLE_RE.search(text)
    if first is None:
        return
    line = text.count("\n", 0, first.start()) + 1
    count = len(_UNWRITABLE_RE.findall(text))
    warn(
        DasscoWarnings.TEXT,
        f"this file holds {count} control character(s) (the first is {first.group()!r}, on line "
        f"{line}); each is shown as \ufffd",
        (docname, line),
    )
    source[0] = _UNWRITABLE_RE.sub("\ufffd", text)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _use_codec)
    app.connect("source-read", _report)
    app.connect("doctree-read", _report_included)
    app.connect("env-updated", _unregister)
    app.connect("build-finished", _unregister)
    app.connect("source-read", _replace_unwritable)
