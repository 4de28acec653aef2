"""The build workers keep the build's long-lived heap out of the cycle collector's sight.

``gc.freeze`` is process-wide: it is applied only in the processes the package starts and
ends (:mod:`dassco_ext.cli.worker`, whose :func:`~dassco_ext.cli.heap.install` these tests
call on their own applications), never by the extension, and only when the process has
nothing frozen of its own.
"""

from __future__ import annotations

import gc
import shutil
import sys

import pytest

from dassco_ext.testing import assert_no_warnings, copy_site

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def nothing_frozen():
    """A process with nothing frozen, and the measure given back after the test."""
    from dassco_ext.cli import heap

    gc.unfreeze()
    yield
    heap.release()
    gc.unfreeze()


def _app(make_app, rootdir, tmp_path, name, builder="html", *, measured=True, **confoverrides):
    from dassco_ext.cli import heap

    srcdir = copy_site(rootdir / "test-i18n", tmp_path / name)
    app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
    if measured:
        heap.install(app)  # as the worker does
    return app


@pytest.mark.parametrize("builder", ["html", "brief", "text"])
def test_a_worker_build_freezes_its_heap(nothing_frozen, make_app, rootdir, tmp_path, builder):
    app = _app(make_app, rootdir, tmp_path, "first", builder, dassco_briefs=["about"], html_baseurl="https://example.org/")
    assert gc.get_freeze_count() == 0  # set-up is not frozen before the build reads
    app.build()
    assert_no_warnings(app)
    assert gc.get_freeze_count() > 0


def test_the_extension_alone_freezes_nothing(nothing_frozen, make_app, rootdir, tmp_path):
    from dassco_ext.cli import heap

    app = _app(make_app, rootdir, tmp_path, "site", measured=False)
    watched = []
    app.connect("doctree-read", lambda app, doctree: watched.append(heap._freeze_after_full_collection in gc.callbacks))
    app.build()
    assert_no_warnings(app)
    assert gc.get_freeze_count() == 0
    assert watched == [False, False]  # two pages read, no collection watched


@pytest.mark.parametrize("module", ["build", "pdf"])
def test_the_build_drivers_start_workers(module, tmp_path):
    """``make html`` and ``make pdf`` run each language in a worker (the measure's home)."""
    from dassco_ext.cli import build

    if module == "build":
        import subprocess
        from unittest import mock

        with mock.patch.object(subprocess, "run") as run:
            run.return_value = subprocess.CompletedProcess([], 0, "", "")
            build.build_language("da", tmp_path / "src", tmp_path / "out", "html", ["-q"])
        command = run.call_args.args[0]
    else:
        command = build.sphinx_command("da", tmp_path / "src", tmp_path / "out", "brief", ["-q"])
    assert command[:3] == [sys.executable, "-m", "dassco_ext.cli.worker"]
    assert "--no-freeze-heap" not in command and "language=da" in command


def test_a_worker_process_builds_with_the_measure(tmp_path, rootdir):
    import subprocess

    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-i18n", srcdir)
    probe = ("import gc, sys; from dassco_ext.cli import worker; code = worker.main(sys.argv[1:]);"
             " print('frozen', gc.get_freeze_count() > 0, 'collector', gc.isenabled()); sys.exit(code)")
    for extra, frozen in (([], True), (["--no-freeze-heap"], False)):
        done = subprocess.run(
            [sys.executable, "-c", probe, *extra, "-q", "-b", "html", str(srcdir), str(tmp_path / f"out{frozen}")],
            capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0 and not done.stderr, done.stderr
        assert f"frozen {frozen} collector True" in done.stdout  # the collector runs again after set-up


def test_the_collector_rests_while_a_build_is_set_up(nothing_frozen, make_app, rootdir, tmp_path):
    """A worker pauses the collector before Sphinx starts (heap.pause); it runs again, with
    set-up frozen as it is, when pages are read; a pause whose build never reads is undone
    by release()."""
    from dassco_ext.cli import heap

    heap.pause()
    try:
        app = _app(make_app, rootdir, tmp_path, "site")
        seen = []
        app.connect("env-get-outdated", lambda app, *args: seen.append(("set-up", gc.isenabled())) or [])
        app.connect("doctree-read", lambda app, doctree: seen.append(("reading", gc.isenabled())))
        app.build()
        assert_no_warnings(app)
    finally:
        heap.release()
    assert seen[0] == ("set-up", False) and set(seen[1:]) == {("reading", True)}
    assert gc.isenabled()
    heap.pause()
    assert not gc.isenabled()
    heap.release()  # no build came
    assert gc.isenabled()
    gc.disable()  # a process that turned the collector off itself is left so
    try:
        heap.pause()
        heap.release()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_is_frozen_covers_the_environment_and_the_doctrees(nothing_frozen, make_app, rootdir, tmp_path):
    """While pages are written, the environment and the doctree being written (both made
    while reading) are out of the collector's sight."""
    app = _app(make_app, rootdir, tmp_path, "site")
    seen = []

    def look(app, pagename, templatename, context, doctree):
        if pagename == "index":
            in_sight = {id(o) for o in gc.get_objects()}
            seen.append((gc.get_freeze_count(), id(app.env) in in_sight, id(doctree) in in_sight))

    app.connect("html-page-context", look)
    app.build()
    assert len(seen) == 1
    frozen, env_in_sight, doctree_in_sight = seen[0]
    assert frozen > 0 and not env_in_sight and not doctree_in_sight


def test_a_heap_the_process_froze_itself_is_left_alone(nothing_frozen, make_app, rootdir, tmp_path):
    gc.freeze()
    own = gc.get_freeze_count()
    app = _app(make_app, rootdir, tmp_path, "site")
    app.build()
    assert gc.get_freeze_count() <= own  # nothing added (frozen objects still die as usual)


def test_garbage_of_set_up_is_collected_not_frozen(nothing_frozen, make_app, rootdir, tmp_path):
    """A cycle dropped before reading starts is collected then, not kept frozen (the
    collector's own runs are off here, so only the build's collection can free it)."""
    import weakref

    class Cycle:
        pass

    app = _app(make_app, rootdir, tmp_path, "site")
    cycle = Cycle()
    cycle.me = cycle
    gone = weakref.ref(cycle)
    del cycle
    gc.disable()
    try:
        app.build()
    finally:
        gc.enable()
    assert gone() is None


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="an incremental collector: collections are not watched")
def test_while_pages_are_read_a_full_collection_freezes_what_it_left(nothing_frozen, make_app, rootdir, tmp_path):
    from dassco_ext.cli import heap

    app = _app(make_app, rootdir, tmp_path, "site")
    seen = []

    def read(app, doctree):
        before = gc.get_freeze_count()
        kept = {"a page's own object": [doctree]}  # alive: must be frozen by the collection
        gc.collect()
        seen.append((before, gc.get_freeze_count(), any(o is kept for o in gc.get_objects())))

    app.connect("doctree-read", read)
    app.build()
    assert_no_warnings(app)
    assert seen and all(after > before and not in_sight for before, after, in_sight in seen)
    assert heap._freeze_after_full_collection not in gc.callbacks  # reading is over

