"""Only a killed build makes the next one re-read every page.

A build that ended, with or without errors, leaves an environment the next build trusts (as
Sphinx does); an application that reads twice is not a killed build; a build that never ended
(killed while writing: see also tests/test_reproducible.py) makes the next one read all again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp  # the type of new_app's applications

from dassco_ext.testing import new_app

CONF = '''
from pathlib import Path

project = "Interrupted"
extensions = ["dassco_ext"]
exclude_patterns = ["_build"]


def _boom(app, pagename, templatename, context, doctree):
    if Path(app.srcdir, "boom").exists() and pagename == "b":
        raise RuntimeError("an extension fails while the page is written")


def setup(app):
    app.connect("html-page-context", _boom)
'''


@pytest.fixture
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n```{toctree}\na\nb\n```\n", encoding="utf-8")
    (src / "a.md").write_text("# A\n\nPage a.\n", encoding="utf-8")
    (src / "b.md").write_text("# B\n\nPage b, see {doc}`missing`.\n", encoding="utf-8")
    return src


def _app(site: Path, **kwargs) -> SphinxTestApp:
    return new_app(site, site.parent / "_build", **kwargs)


def _reread_by_next_build(site: Path) -> list[str]:
    app = _app(site)
    read: list[str] = []
    app.connect("source-read", lambda app, docname, source: read.append(docname))
    try:
        app.build()
    finally:
        app.cleanup()
    return sorted(read)


def test_a_build_that_ended_with_a_warning_as_error_is_trusted(site):
    app = _app(site, warningiserror=True)
    try:
        with contextlib.suppress(Exception):  # whether -W raises or sets the status, the build ended
            app.build()
    finally:
        app.cleanup()
    assert "missing" in app.warning.getvalue()
    assert _reread_by_next_build(site) == []


def test_a_build_that_ended_with_an_exception_leaves_no_marker(site):
    """Sphinx itself discards the saved environment of a build that raised (the next build
    is a fresh one); the marker adds nothing to that, and is gone."""
    (site / "boom").touch()
    app = _app(site)
    with pytest.raises(Exception, match="fails while the page is written"):
        app.build()
    app.cleanup()
    assert not list(Path(app.doctreedir).glob("dassco-writing-*"))
    (site / "boom").unlink()
    assert _reread_by_next_build(site) == ["a", "b", "index"]  # Sphinx's fresh environment
    assert _reread_by_next_build(site) == []


def test_an_application_that_reads_twice_reads_only_what_changed(site):
    """As Sphinx's test_incremental_reading: read, change one page, read again."""
    app = new_app(site, site.parent / "_build", "dummy", freshenv=True)
    try:
        assert sorted(app.builder.read()) == ["a", "b", "index"]
        (site / "new.md").write_text("# New\n", encoding="utf-8")
        app.env.all_docs["a"] = 0  # changed
        assert sorted(app.builder.read()) == ["a", "new"]
    finally:
        app.cleanup()


def test_a_build_that_never_ended_makes_the_next_one_read_everything(site):
    """A build that saved its environment and never reached its end (killed while writing)."""
    import pickle

    from sphinx.application import ENV_PICKLE_FILENAME

    killed = _app(site)
    try:
        killed.builder.read()  # the environment is complete; saved as Sphinx saves it, then no end
        with Path(killed.doctreedir, ENV_PICKLE_FILENAME).open("wb") as handle:
            pickle.dump(killed.env, handle, pickle.HIGHEST_PROTOCOL)
    finally:
        killed.cleanup()
    assert _reread_by_next_build(site) == ["a", "b", "index"]


@pytest.mark.parametrize("left", ["", "# Sphinx build info version 1\n"])
def test_a_build_killed_while_writing_its_buildinfo_is_redone(site, left):
    """Killed while Sphinx wrote ``.buildinfo`` (a race the real kill test can hit): the file is
    empty or cut short, and Sphinx alone stops on it with a traceback; the next build redoes all."""
    import pickle

    from sphinx.application import ENV_PICKLE_FILENAME

    ended = _app(site)
    try:
        ended.build()
    finally:
        ended.cleanup()
    killed = _app(site)
    try:
        killed.builder.read()
        with Path(killed.doctreedir, ENV_PICKLE_FILENAME).open("wb") as handle:
            pickle.dump(killed.env, handle, pickle.HIGHEST_PROTOCOL)
    finally:
        killed.cleanup()
    Path(killed.outdir, ".buildinfo").write_text(left, encoding="utf-8")
    assert _reread_by_next_build(site) == ["a", "b", "index"]
    assert Path(killed.outdir, ".buildinfo").read_text(encoding="utf-8").startswith("# Sphinx build info version 1\n")
    assert _reread_by_next_build(site) == []


def test_a_file_the_package_writes_is_whole_or_as_it_was(tmp_path):
    """``paths.write_whole``: a writer that stops half-way leaves the old file, and no partial."""
    from dassco_ext.paths import write_whole

    target = tmp_path / "dassco.mo"
    target.write_bytes(b"old and whole")

    def stops_halfway(handle):
        handle.write(b"new but")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_whole(target, stops_halfway)
    assert target.read_bytes() == b"old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["dassco.mo"]
    write_whole(target, b"new and whole")
    assert target.read_bytes() == b"new and whole"


#: Files the translation modules write directly, each a scratch file in a temporary directory.
_SCRATCH_WRITES: set[tuple[str, str]] = set()


def test_the_translation_modules_write_catalogs_and_caches_whole():
    """A rule, not a list of places: every file ``dassco_ext/i18n`` writes (compiled catalogs,
    a translator's ``.po``, templates, the caches beside the environment) goes through
    ``paths.write_whole``, so that a process killed while writing leaves no file cut short that
    the next build would trust. Only scratch files in temporary directories are written
    directly."""
    import ast

    found = set()
    for module in sorted((Path(__file__).parent.parent / "dassco_ext" / "i18n").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            if isinstance(function, ast.Attribute) and function.attr in {"write_text", "write_bytes"}:
                target = function.value.id if isinstance(function.value, ast.Name) else ast.unparse(function.value)
                found.add((module.name, target))
            elif (isinstance(function, ast.Name) and function.id == "open"
                  or isinstance(function, ast.Attribute) and function.attr == "open"):
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
                modes += [k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
                if any(isinstance(m, str) and set(m) & set("wax") for m in modes):
                    found.add((module.name, ast.unparse(function)))
    assert found == _SCRATCH_WRITES
