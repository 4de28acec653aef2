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
        assert _compiled(srcdir) == {"other.mo"}  # without the duplicate (msgfmt refuses it)
        assert "dassco.po_duplicate" in app.warning.getvalue()
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


def test_starting_a_build_reads_each_changed_catalog_once(tmp_path, monkeypatch):
    """The checks read a changed catalog once (msgcat beside Babel, and that reading compiled
    to memory, and counted for the pages' coverage); Sphinx reads it when it compiles it. A
    second reading of every catalog by the checks was a tenth of a clean Danish build."""
    from dassco_ext.i18n import buildcoverage, catalogs, charset, facts

    srcdir = _site(tmp_path)
    reads: list[str] = []

    def counting(path, *args, **kwargs):
        reads.append(Path(path).name)
        return charset.read_catalog(path, *args, **kwargs)

    monkeypatch.setattr(facts, "read_catalog", counting)
    monkeypatch.setattr(catalogs, "read_catalog", counting)
    monkeypatch.setattr(buildcoverage, "read_catalog", counting)
    app = new_app(srcdir, tmp_path / "_build", "html",
                  confoverrides={"language": "da", "dassco_languages": ["en", "da"]})
    try:
        found = sorted(p.name for p in (srcdir / "locale/da/LC_MESSAGES").glob("*.po"))
        assert len(found) > 1
        assert sorted(reads) == found
        assert _compiled(srcdir) == set()  # still Sphinx's to compile
        app.build()
        assert _compiled(srcdir) == {name.replace(".po", ".mo") for name in found}
        assert sorted(reads) == found  # nothing read again while building
    finally:
        app.cleanup()


@pytest.mark.parametrize("named", [False, True], ids=["whole-site", "one-file-named"])
def test_a_workers_build_compiles_from_the_checks_reading(tmp_path, named):
    """``make html``'s worker names no files: Sphinx compiles every outdated catalog, so the
    check compiles them from its own reading and Sphinx finds nothing to compile (it would read
    each catalog again). The ``.mo`` files are the ones Sphinx writes. A worker naming files
    leaves them to Sphinx, which compiles only those files' catalogs."""
    import subprocess
    import sys

    from sphinx.util.i18n import CatalogInfo

    srcdir = _site(tmp_path)
    files = [str(srcdir / "other.rst")] if named else []
    done = subprocess.run(
        [sys.executable, "-m", "dassco_ext.cli.worker", "-N", "-b", "html", "-D", "language=da", "-d",
         str(tmp_path / "doctrees"), str(srcdir), str(tmp_path / "html"), *files],
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if named:
        assert "building [mo]: targets for 1 po files that are specified" in done.stdout
        assert _compiled(srcdir) == {"other.mo"}
        return
    assert "building [mo]: targets for 0 po files that are out of date" in done.stdout
    assert _compiled(srcdir) == {"index.mo", "other.mo"}
    theirs = tmp_path / "theirs"
    shutil.copytree(srcdir / "locale/da/LC_MESSAGES", theirs, ignore=shutil.ignore_patterns("*.mo"))
    for name in ("index", "other"):
        CatalogInfo(str(theirs), name, "utf-8-sig").write_mo("da")
        ours_mo = _translations(srcdir / f"locale/da/LC_MESSAGES/{name}.mo")
        assert ours_mo == _translations(theirs / f"{name}.mo")


def _translations(mo: Path) -> dict:
    import gettext

    with open(mo, "rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    catalog[""] = "\n".join(line for line in catalog[""].splitlines() if "Date" not in line)
    return catalog
