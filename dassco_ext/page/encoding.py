"""Sources that are not UTF-8 read anyway, with one warning at the first bad line; control characters.

With UTF-8 sources, docutils reads bytes as Latin-1 (``input_encoding``); ``source-read`` and
``include-read`` decode them as UTF-8, else as Windows-1252 with one ``dassco.encoding`` warning.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: How the bytes are kept until they are decoded (every byte is one character).
BYTES = "latin-1"
FALLBACK = "cp1252"


def _read_as_bytes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """On ``env-before-read-docs``: UTF-8 sources are read byte for byte, decoded below."""
    if codecs.lookup(app.config.source_encoding).name in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = BYTES


def _decode(text: str, location: Callable[[int], str | tuple[str, int]]) -> str:
    """``text`` read byte for byte, decoded: UTF-8, else Windows-1252, reported at its line."""
    try:
        data = text.encode(BYTES).removeprefix(codecs.BOM_UTF8)
    except UnicodeEncodeError:
        return text  # not read byte for byte (an ``:encoding:`` of its own)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warn(
            DasscoWarnings.ENCODING,
            f"this file is not UTF-8 (first bad byte on line {line}); it was read as "
            "Windows-1252: check its special characters and save it as UTF-8",
            location(line),
        )
        return data.decode(FALLBACK, errors="replace")


def _decode_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read`` (first): a page read byte for byte, not a translated message that
    Sphinx parses with the same event."""
    if app.env.settings.get("input_encoding") == BYTES:
        try:
            data = app.env.doc2path(docname).read_bytes()
        except OSError:
            data = b""
        if len(data) == len(source[0]) and data.decode(BYTES) == source[0]:
            source[0] = _decode(source[0], lambda line: (docname, line))
    source[0] = _replace_unwritable(source[0], docname)


def _decode_include(app: Sphinx, relative_path: Path, parent: str, source: list[str]) -> None:
    """On ``include-read``: the included file, reported at its own line."""
    if app.env.settings.get("input_encoding") == BYTES:
        path = Path(app.srcdir, relative_path).resolve()
        source[0] = _decode(source[0], lambda line: f"{path}:{line}")


#: What no page may hold (see :data:`.frontmatter.UNWRITABLE_RE`) but a form feed, which
#: some editors keep as a page break and Markdown takes as white space.
_UNWRITABLE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _replace_unwritable(text: str, docname: str) -> str:
    """Control characters (``\\x04`` breaks the ``.pot`` file, ``\\x00`` C strings) become
    U+FFFD, with one ``dassco.text`` warning at the first one's line."""
    first = _UNWRITABLE_RE.search(text)
    if first is None:
        return text
    line = text.count("\n", 0, first.start()) + 1
    count = len(_UNWRITABLE_RE.findall(text))
    warn(
        DasscoWarnings.TEXT,
        f"this file holds {count} control character(s) (the first is {first.group()!r}, on line "
        f"{line}); each is shown as \ufffd",
        (docname, line),
    )
    return _UNWRITABLE_RE.sub("\ufffd", text)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _read_as_bytes)
    app.connect("source-read", _decode_page, priority=0)
    app.connect("include-read", _decode_include)
