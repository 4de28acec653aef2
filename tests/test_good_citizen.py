"""A good citizen of Sphinx: after its build, the extension leaves the process as it found it.

People load dassco-ext into long-lived processes (sphinx-autobuild, pytest, notebooks) next to
other applications. Nothing its ``setup()`` installs may outlive the build: no frozen heap, no
garbage-collector callbacks, no module-level cache holding an environment, no
translator of the process replaced.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest
import sphinx.locale
from sphinx.testing.util import SphinxTestApp  # the type of new_app's applications

from dassco_ext.testing import (
    assert_no_warnings,
    expect_warnings,
    html_of,
    main_of,
    new_app,
)

ROOTS = Path(__file__).parent / "roots"

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _app(tmp_path: Path, root: str, builder: str = "html", **confoverrides) -> SphinxTestApp:
    srcdir = tmp_path / root
    if not srcdir.exists():
        shutil.copytree(ROOTS / root, srcdir)
    return new_app(srcdir, tmp_path / f"_build-{builder}", builder, confoverrides=confoverrides)


def _environment_is_gone(env: weakref.ref) -> bool:
    """Whether nothing holds the environment any more. Sphinx's logging keeps the last
    application (its warning streams) until the next application sets logging up: that is
    done here as the next application would (``sphinx.util.logging.setup``)."""
    import logging

    sphinx_logger = logging.getLogger("sphinx")
    for handler in list(sphinx_logger.handlers):
        sphinx_logger.removeHandler(handler)
    del handler
    gc.collect()
    return env() is None


def _ours(callback) -> bool:
    return "dassco" in getattr(callback, "__module__", "") or "dassco" in repr(callback)


@pytest.fixture
def clean_process():
    """Nothing frozen before the test (an earlier test may have frozen the heap itself)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.parametrize(("root", "builder"), [("test-i18n", "html"), ("test-brief", "brief"), ("test-i18n", "text")])
def test_a_build_leaves_nothing_behind_in_the_process(clean_process, tmp_path, root, builder):
    callbacks = list(gc.callbacks)
    app = _app(tmp_path, root, builder, language="da")
    app.build()
    try:
        assert app.statuscode == 0
        assert gc.get_freeze_count() == 0  # no frozen heap
        assert [c for c in gc.callbacks if c not in callbacks] == []  # no collector callbacks
        assert not any(_ours(c) for c in gc.callbacks)
    finally:
        app.cleanup()
    env = weakref.ref(app.env)
    del app
    assert _environment_is_gone(env)  # no module of the package holds the app or its environment


def test_no_module_of_the_package_holds_an_environment_after_markdown_front_matter(clean_process, tmp_path):
    """The hero's credit is inline Markdown rendered by a reused MyST parser: the parser
    kept between renders must not keep the finished build's environment alive."""
    app = _app(tmp_path, "test-hero-keys")
    app.build()
    app.cleanup()
    assert_no_warnings(app)
    env = weakref.ref(app.env)
    del app
    assert _environment_is_gone(env)


def test_the_brief_builder_keeps_the_process_translators(clean_process, tmp_path):
    """The brief builder's site wording (a site's own ``dassco.po``) is the builder's own: the
    translators of the process (``sphinx.locale.translators``) are not replaced."""
    first = _app(tmp_path / "one", "test-brief", "html", language="da")
    first.build()
    keys = [("general", "dassco"), ("general", "sphinx")]  # the package's words, the theme's
    before = {key: id(sphinx.locale.translators[key]) for key in keys}
    site = tmp_path / "two" / "test-brief"
    shutil.copytree(ROOTS / "test-brief", site)
    po = site / "locale" / "da" / "LC_MESSAGES" / "dassco.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Læs den online", "Læs siden på nettet"), encoding="utf-8")
    brief = _app(tmp_path / "two", "test-brief", "brief", language="da")
    brief.build()
    try:
        after = {key: id(sphinx.locale.translators.get(key)) for key in before}
        assert after == before
        assert brief.builder.gettext("Read it online") == "Læs siden på nettet"  # the site's wording
        assert brief.builder.gettext("Language") == "Sprog"  # the package's, where the site has none
        assert str(sphinx.locale.get_translation("dassco")("Read it online")) == "Læs den online"
    finally:
        first.cleanup()
        brief.cleanup()


def test_package_catalogs_follow_the_language_the_configuration_ends_with(clean_process, tmp_path):
    """The package's catalogs are compiled when the builder starts, for the language the
    configuration has then (a ``config-inited`` handler may set it), not inside ``setup()``."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-hero-keys", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\n\ndef _danish(app, config):\n    config.language = 'da'\n\n"
        "def setup(app):\n    app.connect('config-inited', _danish)\n",
        encoding="utf-8",
    )
    app = new_app(srcdir, tmp_path / "_build")
    try:
        app.build()
        assert Path(app.doctreedir, "dassco-locale", "da", "LC_MESSAGES", "dassco.mo").is_file()
        assert not Path(app.doctreedir, "dassco-locale", "en").exists()
        credit = main_of(html_of(app, "full")).select_one(".dassco-hero-credit-toggle")
        assert credit is not None and credit["aria-label"] == "Billedkredit"
    finally:
        app.cleanup()


def test_a_latin1_include_is_reported_at_the_included_file(clean_process, tmp_path):
    """The fallback warning names the file that is not UTF-8 (the include), never the next
    page read."""
    app = _app(tmp_path, "test-latin1-include")
    app.build()
    app.cleanup()
    found = expect_warnings(app, ("dassco.encoding", "latin1.md:3"))
    assert "latin1.md" in found[0].location
    assert "æøå" in main_of(html_of(app, "a")).get_text()
