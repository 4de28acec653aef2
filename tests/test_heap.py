"""The build's long-lived heap is kept out of the cycle collector's sight, and given back.

``gc.freeze`` is process-wide: a build may freeze only when nothing else has, and what it
froze must be handed back when the next build in the process starts (a test run, a preview
server), or the process would keep every old build's cycles for good.
"""

from __future__ import annotations

import gc
import sys

import pytest

from dassco_ext.testing import assert_no_warnings, copy_site

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def nothing_frozen():
    """A process with nothing frozen (an earlier test's build may have left its heap so)."""
    from dassco_ext.cli import heap

    gc.unfreeze()
    heap._State.ours = False
    yield
    gc.unfreeze()
    heap._State.ours = False


def _app(make_app, rootdir, tmp_path, name, builder="html", **confoverrides):
    srcdir = copy_site(rootdir / "test-i18n", tmp_path / name)
    return make_app(builder, srcdir=srcdir, confoverrides=confoverrides)


@pytest.mark.parametrize("builder", ["html", "brief", "text"])
def test_a_build_freezes_its_heap_and_the_next_build_gives_it_back(nothing_frozen, make_app, rootdir, tmp_path, builder):
    app = _app(make_app, rootdir, tmp_path, "first", builder, dassco_briefs=["about"], html_baseurl="https://example.org/")
    assert gc.get_freeze_count() == 0  # set-up is not frozen before the build reads
    app.build()
    assert_no_warnings(app)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    _app(make_app, rootdir, tmp_path, "second")  # builder-inited
    assert gc.get_freeze_count() == 0


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
    _app(make_app, rootdir, tmp_path, "next")
    assert gc.get_freeze_count() > own * 0.9  # and nothing of the process's own given back


def test_it_can_be_turned_off(nothing_frozen, make_app, rootdir, tmp_path):
    from dassco_ext.cli import heap

    app = _app(make_app, rootdir, tmp_path, "site", dassco_freeze_heap=False)
    watched = []
    app.connect("doctree-read", lambda app, doctree: watched.append(heap._freeze_after_full_collection in gc.callbacks))
    app.build()
    assert_no_warnings(app)
    assert gc.get_freeze_count() == 0
    assert watched == [False, False]  # two pages read, no collection watched


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

