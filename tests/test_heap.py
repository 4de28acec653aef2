"""The build workers keep the build's long-lived heap out of the cycle collector's sight.

``gc`` is process-wide: the extension tunes it only in the processes the package starts and
ends (``python -m dassco_ext.cli.worker``), never where it is merely loaded.
"""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from dassco_ext.cli import heap
from dassco_ext.testing import assert_no_warnings, copy_site

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

#: A site extension that reports the collector at each step of the build, last.
PROBE = """
import gc

def _say(step):
    def say(*args):
        print("probe", step, gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
    return say

def setup(app):
    app.connect("builder-inited", _say("set-up"), priority=999)
    app.connect("doctree-read", _say("reading"), priority=999)
    app.connect("build-finished", _say("finished"), priority=999)
"""


@pytest.mark.parametrize(("extra", "tuned"), [([], True), (["--no-freeze-heap"], False)])
def test_a_worker_tunes_its_collector_for_its_build(tmp_path, rootdir, extra, tuned):
    srcdir = copy_site(rootdir / "test-i18n", tmp_path / "site")
    (srcdir / "gc_probe.py").write_text(PROBE, encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            'extensions = ["dassco_ext"]',
            'import sys; sys.path.insert(0, ".")\nextensions = ["dassco_ext", "gc_probe"]',
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "dassco_ext.cli.worker", *extra, "-b", "html", str(srcdir), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        cwd=srcdir,
    )
    assert done.returncode == 0 and "WARNING" not in done.stderr, done.stderr
    seen = {line for line in done.stdout.splitlines() if line.startswith("probe")}
    if tuned:  # resting while set up, running while pages are read, all frozen at the end
        assert seen == {"probe set-up False False", "probe reading True True", "probe finished True True"}
    else:
        assert seen == {"probe set-up True False", "probe reading True False", "probe finished True False"}


@pytest.mark.parametrize("module", ["build", "pdf"])
def test_the_build_drivers_start_workers(module, tmp_path):
    """``make html`` and ``make pdf`` run each language in a worker."""
    from dassco_ext.cli import build

    command = build.sphinx_command(
        "da", tmp_path / "src", tmp_path / "out", "brief" if module == "pdf" else "html", ["-q"]
    )
    assert command[:3] == [sys.executable, "-m", "dassco_ext.cli.worker"]
    assert "--no-freeze-heap" not in command and "language=da" in command


def test_the_extension_alone_leaves_the_collector_alone(make_app, rootdir, tmp_path):
    assert not heap.in_worker()
    app = make_app("html", srcdir=copy_site(rootdir / "test-i18n", tmp_path / "site"))
    frozen = gc.get_freeze_count()
    app.build()
    assert_no_warnings(app)
    assert gc.isenabled() and gc.get_freeze_count() == frozen


@pytest.fixture
def tuned(make_app, rootdir, tmp_path):
    """An application with the worker's tuning connected; the process given back after."""
    gc.unfreeze()
    app = make_app("html", srcdir=copy_site(rootdir / "test-i18n", tmp_path / "site"))
    heap.connect(app)
    yield app
    gc.unfreeze()
    gc.enable()
    assert heap._freeze_after_full_collection not in gc.callbacks


def test_what_is_frozen_covers_the_environment_and_the_doctrees(tuned):
    """While pages are written, the environment and the doctree being written (both made
    while reading) are out of the collector's sight."""
    seen = []

    def look(app, pagename, templatename, context, doctree):
        if pagename == "index":
            in_sight = {id(o) for o in gc.get_objects()}
            seen.append((gc.get_freeze_count() > 0, id(app.env) in in_sight, id(doctree) in in_sight))

    tuned.connect("html-page-context", look)
    tuned.build()
    assert seen == [(True, False, False)]


def test_while_pages_are_read_a_full_collection_freezes_what_it_left(tuned):
    seen = []

    def read(app, doctree):
        before = gc.get_freeze_count()
        kept = {"a page's own object": [doctree]}  # alive: must be frozen by the collection
        gc.collect()
        seen.append((before, gc.get_freeze_count(), any(o is kept for o in gc.get_objects())))

    tuned.connect("doctree-read", read)
    tuned.build()
    assert_no_warnings(tuned)
    assert seen and all(after > before and not in_sight for before, after, in_sight in seen)
