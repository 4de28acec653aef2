"""Paths a page names that can never be a file (a name longer than the system allows): the
one check every look at such a path goes through, and the links a page holds to them, taken
out before MyST asks the file system about them (which would end the build).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import urllib.parse
from typing import TYPE_CHECKING, TypeVar

from ..warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from pathlib import Path

    from docutils import nodes

    Location = nodes.Node | str | tuple[str | None, int | None] | None

T = TypeVar("T")

#: The longest file name and path (in bytes) a POSIX system must accept (NAME_MAX, PATH_MAX).
NAME_MAX, PATH_MAX = 255, 4096

#: Schemes MyST hands to the browser without looking for a file.
_NOT_FILES = frozenset({"inv", "path", "project"})
_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: ``[text]`` with one level of nested brackets (``[![alt](x)](y)``), no blank line.
_TEXT = r"\[((?:[^\[\]\\]++|\\.|\[(?:[^\[\]\\]++|\\.)*+\])*+)\]"
_DESTINATION = r"(<(?:[^<>\n\\]++|\\.)*+>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))++)"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
#: An inline link or image; not one whose ``[`` is escaped (``\[``: text, not a link).
_INLINE_RE = re.compile(rf"(?<!(?<!\\)\\)(!?){_TEXT}\(\s*{_DESTINATION}{_TITLE}\s*\)")
_DEFINITION_RE = re.compile(rf"^ {{0,3}}{_TEXT}:[ \t]*\n?[ \t]*{_DESTINATION}{_TITLE}[ \t]*$", re.M)


def path_fault(path: str | os.PathLike[str]) -> str | None:
    """Why no file can ever be at ``path`` (a NUL in it, a name or the path too long), if so."""
    encoded = (
        os.fsencode(path) if isinstance(path, os.PathLike) else path.encode("utf-8", "replace")
    )
    if b"\0" in encoded:
        return "it holds a NUL character"
    if len(encoded) >= PATH_MAX:
        return f"the path is longer than {PATH_MAX} bytes"
    if any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        return f"a name in it is longer than {NAME_MAX} bytes"
    return None


def look(
    path: Path,
    what: Callable[[Path], T],
    fallback: T,
    kind: DasscoWarnings,
    name: str,
    instead: str,
    location: Location,
) -> T:
    """``what(path)``, or ``fallback`` after one ``kind`` warning (``name`` cannot be read;
    ``instead``) when the file system cannot answer (a name too long, a loop of links...)."""
    try:
        if (fault := path_fault(path)) is not None:
            raise OSError(0, fault)
        return what(path)
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        warn(kind, f"{name} cannot be read ({reason}); {instead}", location)
        return fallback


def _decoded(destination: str) -> str:
    """The path MyST looks for: brackets, escapes, entities and percent-encoding undone."""
    if destination.startswith("<"):
        destination = destination[1:-1]
    return urllib.parse.unquote(html.unescape(_ESCAPE_RE.sub(r"\1", destination)))


def _never_a_file(
    destination: str, srcdir: str, docname: str, schemes: Collection[str]
) -> str | None:
    """Why the file MyST or Sphinx would look for at ``destination`` can never be, if so."""
    path = _decoded(destination).split("#", 1)[0]
    scheme = _SCHEME_RE.match(path)
    if not path or (scheme and (scheme[1] in schemes or scheme[1] in _NOT_FILES)):
        return None
    folder = srcdir if path.startswith("/") else posixpath.join(srcdir, posixpath.dirname(docname))
    return path_fault(posixpath.join(folder, path.lstrip("/")))


def drop_impossible_links(
    text: str,
    srcdir: str,
    docname: str,
    schemes: Collection[str],
    first_line: int,
    source: str | None = None,
) -> str:
    """``text`` (Markdown, from ``first_line`` of ``docname``) with each link and image whose
    target can never be a file written as its text (an image as its alt), one warning each;
    a reference definition of such a target is removed. Line numbers are kept. A link with
    a scheme of ``schemes`` (MyST's URL schemes) is a URL, not a file. ``source``: the file
    the text is from, when it is not ``docname``'s (an included file)."""

    def line(start: int) -> tuple[str, int] | str:
        number = first_line + text.count("\n", 0, start)
        return (docname, number) if source is None else f"{source}:{number}"

    def inline(match: re.Match[str]) -> str:
        why = _never_a_file(match[3], srcdir, docname, schemes)
        if why is None:
            return match[0]
        what = "image" if match[1] else "link"
        warn(
            DasscoWarnings.PATH,
            f"{what} target {match[3][:60]!r}... can never be a file ({why}); "
            f"its {'alt ' if match[1] else ''}text is shown instead",
            line(match.start()),
        )
        return match[2] + "\n" * (match[0].count("\n") - match[2].count("\n"))

    def definition(match: re.Match[str]) -> str:
        why = _never_a_file(match[2], srcdir, docname, schemes)
        if why is None:
            return match[0]
        warn(
            DasscoWarnings.PATH,
            f"reference [{match[1][:60]}] target {match[2][:60]!r}... can never be a file "
            f"({why}); it is removed",
            line(match.start()),
        )
        return "\n" * match[0].count("\n")

    return _INLINE_RE.sub(inline, _DEFINITION_RE.sub(definition, text))
