"""Where the package's own files are (stylesheets, templates, fonts, message catalogs), and
how a file the package writes is written: whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO

PACKAGE_DIR = Path(__file__).parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
FONTS_DIR = PACKAGE_DIR / "fonts"
#: The package's own catalogs (``<lang>/LC_MESSAGES/dassco.po`` and the theme's ``sphinx.po``).
LOCALE_DIR = PACKAGE_DIR / "locale"


def write_whole(path: str | os.PathLike[str], write: Callable[[BinaryIO], object] | bytes) -> None:
    """Write ``path`` through a partial file renamed over it: a process killed while writing
    leaves the old file (or none), never one cut short that the next build would trust."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with partial.open("wb") as handle:
            if isinstance(write, bytes):
                handle.write(write)
            else:
                write(handle)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
