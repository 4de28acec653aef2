"""Sphinx decides which catalogs are compiled, and when: dassco-ext only checks them.

Sphinx compiles a site's ``.po`` files during a build: all of them, the outdated ones, or only
those of the files named on the command line (``compile_specific_catalogs``); the ``gettext``
builder compiles none. The extension checks every catalog when the builder starts, but writes
a ``.mo`` only for a catalog whose problem it reports (and whose compiled form it decides);
a sound catalog is left to Sphinx, and the ``gettext`` builder's catalogs are left alone
(an ``.mo`` written there would translate the very messages being extracted).
(Sphinx's own tests test_compile_specific_catalogs, test_dummy_should_rebuild_mo,
test_gettext_toctree and test_gettext_glossary_terms.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from dassco_ext.testing import new_app

ROOTS = Path(__file__).parent / "roots"

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

DUPLICATE = '\nmsgid "Other"\nmsgstr "Anden igen"\n'


def _site(tmp_path: Path, *, duplicate: bool = False) -> Path:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-rst-i18n", srcdir, ignore=shutil.ignore_patterns("_build", "*.mo"))
    if duplicate:
        with (srcdir / "locale/da/LC_MESSAGES/other.po").open("a", encoding="utf-8") as handle:
            handle.write(DUPLICATE)
    return srcdir


def _compiled(srcdir: Path) -> set[str]:
    return {path.name for path in (srcdir / "locale/da/LC_MESSAGES").glob("*.mo")}


def test_starting_a_build_compiles_no_sound_catalog(tmp_path):
    srcdir = _site(tmp_path)
    app = new_app(srcdir, tmp_path / "_build", "html", confoverrides={"language": "da"})
    try:
        assert _compiled(srcdir) == set()
        app.builder.compile_specific_catalogs([srcdir / "other.rst"])
        assert _compiled(srcdir) == {"other.mo"}
    finally:
        app.cleanup()


def test_a_catalog_with_a_reported_problem_is_still_compiled_by_the_extension(tmp_path):
    srcdir = _site(tmp_path, duplicate=True)
    app = new_app(srcdir, tmp_path / "_build", "html", confoverrides={"language": "da"})
    try:
        assert _compiled(srcdir) == {"other.mo"}  # empty: msgfmt --check refuses the catalog
        with (srcdir / "locale/da/LC_MESSAGES/other.mo").open("rb") as handle:
            assert not [m for m in read_mo(handle) if m.id]
        assert "duplicate message definition" in app.warning.getvalue()
    finally:
        app.cleanup()


def test_gettext_builder_writes_no_mo_and_extracts_the_source(tmp_path):
    srcdir = _site(tmp_path, duplicate=True)
    app = new_app(srcdir, tmp_path / "_build", "gettext", confoverrides={"language": "da"})
    try:
        app.build()
    finally:
        app.cleanup()
    assert _compiled(srcdir) == set()
    with Path(app.outdir, "other.pot").open("rb") as handle:
        ids = {message.id for message in read_po(handle) if message.id}
    assert ids == {"Other", "The other page."}
    assert "dassco.po_" not in app.warning.getvalue()


def test_a_build_reads_each_catalog_once(tmp_path, monkeypatch):
    """The checks read each catalog once (``msgfmt --check`` and Babel), and the build's
    counts and translations use that reading; Sphinx reads it when it compiles it. A build
    that finds nothing changed reads none again."""
    from dassco_ext.i18n import catalogs

    srcdir = _site(tmp_path)
    reads: list[str] = []
    checked: list[str] = []
    for name, calls in (("read_catalog", reads), ("msgfmt", checked)):
        original = getattr(catalogs, name)

        def counting(path, *args, _original=original, _calls=calls, **kwargs):
            _calls.append(Path(path).name)
            return _original(path, *args, **kwargs)

        monkeypatch.setattr(catalogs, name, counting)
    app = new_app(srcdir, tmp_path / "_build", "html",
                  confoverrides={"language": "da", "dassco_languages": ["en", "da"]})
    try:
        found = sorted(p.name for p in (srcdir / "locale/da/LC_MESSAGES").glob("*.po"))
        assert len(found) > 1
        assert sorted(reads) == found
        assert _compiled(srcdir) == set()  # still Sphinx's to compile
        app.build()
        assert _compiled(srcdir) == {name.replace(".po", ".mo") for name in found}
        # nothing read again while building; the package's own catalog read once, for the
        # switcher's mark of index, partly Danish (two of its five translations are refused)
        assert sorted(reads) == sorted([*found, "dassco.po"])
        assert sorted(checked) == sorted([*found, "dassco.po"])  # msgfmt --check once each
    finally:
        app.cleanup()
    again = new_app(srcdir, tmp_path / "_build", "html",
                    confoverrides={"language": "da", "dassco_languages": ["en", "da"]})
    try:
        again.build()  # nothing changed: no catalog is checked or read again
        assert sorted(checked) == sorted([*found, "dassco.po"])
    finally:
        again.cleanup()


def test_a_deleted_catalog_no_longer_translates_its_page(tmp_path):
    """The ``.mo`` a deleted ``.po`` left is removed, and its page is read again untranslated."""
    srcdir = _site(tmp_path)
    for step in ("translated", "deleted"):
        if step == "deleted":
            (srcdir / "locale/da/LC_MESSAGES/other.po").unlink()
        app = new_app(srcdir, tmp_path / "_build", "html", confoverrides={"language": "da"})
        try:
            app.build()
        finally:
            app.cleanup()
        page = Path(app.outdir, "other.html").read_text(encoding="utf-8")
        assert ("Den anden side." in page) == (step == "translated")
    assert _compiled(srcdir) == {"index.mo"}
