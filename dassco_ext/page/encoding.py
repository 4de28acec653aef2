"""Sources that are not UTF-8: read them anyway, and say so once, at the first bad line.

Sphinx reads sources with a strict decoder, so one page saved as Latin-1 by an editor's tool
stops the whole build with a traceback. dassco-ext registers a source codec that decodes
UTF-8 (with or without BOM) and, only for a file that is not valid UTF-8, falls back to
Windows-1252 (a superset of Latin-1, what such tools almost always wrote), so ``æ ø å`` survive.
The fallback is reported on ``source-read`` as ``dassco.encoding`` with the file and line.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CODEC_NAME = "dassco-utf-8"
FALLBACK = "cp1252"

#: The line of the first undecodable byte of the last source this process decoded with a
#: fallback (reading is sequential within a process, also under ``-j N``).
_last_fallback: list[int] = []


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)
    try:
        return codecs.utf_8_decode(data.removeprefix(codecs.BOM_UTF8), errors, True)[0], len(data)
    except UnicodeDecodeError as exc:
        _last_fallback[:] = [data[: exc.start].count(b"\n") + 1]
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


def _use_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: UTF-8 sources are read through the forgiving codec.

    This is the docutils ``input_encoding`` setting of this build, not the ``source_encoding``
    config value (whose other encodings Sphinx deprecates); other encodings are left alone.
    """
    configured = env.settings.get("input_encoding") or "utf-8-sig"
    if configured != CODEC_NAME and codecs.lookup(configured).name in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = CODEC_NAME


def _report(app: Sphinx, docname: str, source: list[str]) -> None:
    if _last_fallback:
        line = _last_fallback.pop()
        warn(
            DasscoWarnings.ENCODING,
            f"this file is not UTF-8 (first bad byte on line {line}); it was read as "
            "Windows-1252: check its special characters and save it as UTF-8",
            (docname, line),
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
    codecs.unregister(_search)  # one registration, however many apps a process creates
    codecs.register(_search)
    app.connect("env-before-read-docs", _use_codec)
    app.connect("source-read", _report)
    app.connect("source-read", _replace_unwritable)
