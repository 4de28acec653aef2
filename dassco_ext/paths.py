"""Where the package's own files are: stylesheets, templates, fonts and message catalogs."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
FONTS_DIR = PACKAGE_DIR / "fonts"
#: The package's own catalogs (``<lang>/LC_MESSAGES/dassco.po`` and the theme's ``sphinx.po``).
LOCALE_DIR = PACKAGE_DIR / "locale"
