"""The Danish catalogs shipped in the package cover the extension's and the theme's words."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pydata_sphinx_theme
import pytest
from babel.messages.pofile import read_po

import dassco_ext

PACKAGE = Path(dassco_ext.__file__).parent
DANISH = PACKAGE / "locale" / "da" / "LC_MESSAGES"


def translations(po: Path) -> dict[str, str]:
    with po.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id and not m.fuzzy}


@pytest.mark.parametrize("name", ["dassco.po", "sphinx.po"])
def test_package_catalogs_are_valid(name):
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(DANISH / name)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_every_word_of_the_extension_is_translated():
    words = set()
    for module in PACKAGE.rglob("*.py"):
        words |= set(re.findall(r"""\b_\(\s*["']([^"']+)["']\s*\)""", module.read_text(encoding="utf-8")))
    assert "Image credit" in words
    danish = translations(DANISH / "dassco.po")
    assert {w: danish.get(w) for w in words if not danish.get(w)} == {}


def test_every_word_of_the_theme_is_translated():
    with (Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot").open("rb") as handle:
        theme = {str(m.id) for m in read_po(handle) if m.id}
    assert {"Search", "On this page", "Back to top", "Skip to main content", "Light", "Dark"} <= theme
    danish = translations(DANISH / "sphinx.po")
    assert sorted(w for w in theme if not danish.get(w)) == []


def test_every_interface_word_is_translated(tmp_path):
    """Every word of Sphinx's, the theme's and the package's templates has Danish (the
    package ships what Sphinx's and the theme's catalogs lack): ``intl check`` names none."""
    from dassco_ext.i18n.package_catalogs import interface_words, missing_interface_words

    assert {"Search", "Collapse Sidebar", "Table of Contents"} <= set(interface_words())
    assert missing_interface_words(tmp_path, "da") == []
