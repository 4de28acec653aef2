"""``make intl-update`` fills in translations the site already holds, never over a translator's:
per-language front-matter values and the translation memory (``locale/compendium/<lang>.po``),
and the catalogs stay as GNU gettext writes them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext is a dependency (tools/apt-build.txt)")

CONF = """\
project = "Fill"
extensions = ["dassco_ext"]
dassco_languages = ["en", "da"]
locale_dirs = ["../locale"]
gettext_compact = False
"""
PAGE = """\
---
title: Our collections
description: {en: "Millions of specimens", da: "Millioner af prøver"}
---

## Herbarium

The herbarium holds pressed plants.

The herbarium holds pressed plants from Greenland.
"""
MEMORY = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The herbarium holds pressed plants."
msgstr "Herbariet rummer pressede planter."
"""


def _update(root: Path) -> str:
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-d", str(root / "_build/doctrees"),
                    str(root / "docs"), str(root / "_build/gettext")], check=True)
    done = subprocess.run([sys.executable, "-m", "dassco_ext", "intl", "update", str(root / "docs"), str(root / "_build")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _entries(po: Path) -> dict[tuple[str | None, str], tuple[str, bool]]:
    with po.open("rb") as handle:
        return {(m.context, m.id): (m.string, m.fuzzy) for m in read_po(handle) if m.id}


def test_update_fills_per_language_values_and_the_memory_in_gettext_form(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "docs/index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "locale/compendium").mkdir(parents=True)
    (tmp_path / "locale/compendium/da.po").write_text(MEMORY, encoding="utf-8")
    out = _update(tmp_path)
    po = tmp_path / "locale/da/LC_MESSAGES/index.po"
    entries = _entries(po)
    assert entries[(None, "Millions of specimens")] == ("Millioner af prøver", False)
    assert entries[(None, "The herbarium holds pressed plants.")] == ("Herbariet rummer pressede planter.", False)
    # a close match is offered, never used as it is
    assert entries[(None, "The herbarium holds pressed plants from Greenland.")][1] is True
    assert "filled" in out
    written = po.read_text(encoding="utf-8")
    assert subprocess.run(["msgcat", str(po)], capture_output=True, text=True, check=True).stdout == written

    # a translator's own words are never replaced, and a second update changes nothing
    po.write_text(written.replace('msgstr "Millioner af prøver"', 'msgstr "Millioner af naturhistoriske prøver"'),
                  encoding="utf-8")
    before = po.read_text(encoding="utf-8")
    _update(tmp_path)
    assert po.read_text(encoding="utf-8") == before


def test_a_paragraph_translated_on_one_page_is_offered_fuzzy_on_a_new_page(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "docs/index.md").write_text("# Home\n\nThe herbarium holds pressed plants.\n", encoding="utf-8")
    _update(tmp_path)
    home = tmp_path / "locale/da/LC_MESSAGES/index.po"
    home.write_text(home.read_text(encoding="utf-8").replace(
        'msgid "The herbarium holds pressed plants."\nmsgstr ""',
        'msgid "The herbarium holds pressed plants."\nmsgstr "Herbariet rummer pressede planter."'), encoding="utf-8")
    (tmp_path / "docs/plants.md").write_text("# Plants\n\nThe herbarium holds pressed plants.\n", encoding="utf-8")
    out = _update(tmp_path)
    entries = _entries(tmp_path / "locale/da/LC_MESSAGES/plants.po")
    # a suggestion for the translator to confirm, not a translation the build shows
    assert entries[(None, "The herbarium holds pressed plants.")] == ("Herbariet rummer pressede planter.", True)
    assert entries[(None, "Plants")] == ("", False)
    assert "filled 1 entry of locale/da/LC_MESSAGES/plants.po" in out
