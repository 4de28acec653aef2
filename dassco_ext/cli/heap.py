"""Python's cycle collector and the long-lived heap of a Sphinx build.

Sphinx keeps the environment, and between reading and writing every page's doctree, in
memory. None of it is garbage, yet each full collection of Python's cycle collector walks
all of it again, and the heap only grows while pages are read: at 300 pages the full
collections were a tenth of a build (1.1 s of 10.9 s in Danish), at 1,000 pages 3.8 s of
37.7 s, and the exit of the process walks it once more.

So, in the build processes the package itself starts and ends (the workers of ``make html``
and ``make pdf``, :mod:`.worker`), the collector does not run while the build is set up
(:func:`pause`: importing Sphinx, the extensions and the theme, reading the configuration and
a saved environment make long-lived objects by the hundred thousand, and its collections
walked them all, a tenth of a no-op rebuild), and what is alive at these points is moved out
of the collector's sight (``gc.freeze``): when set-up is done (modules, theme, configuration,
a saved environment; frozen as it is, without a walk), after each full collection while
pages are read (everything left then is alive, and the pages read so far stay in memory until
written), when the environment is complete (the doctrees about to be written), and when the
build has finished (the process exits next). Frozen objects are still freed by reference
counting as usual; only cycles among them wait for the process to end, which comes right
after the build.

``gc.freeze`` is process-wide, so this is never done by the extension itself: a process that
merely loads dassco-ext (sphinx-build, sphinx-autobuild, a test run, a notebook) keeps its
collector as it was. A process that froze its heap itself is left alone.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: CPython's collector up to 3.13 is generational: ``gc.collect(1)`` collects the young
#: generations, and a generation-2 run is a full one. 3.14's is incremental (an "old"
#: increment is not a full collection): there a full collection is asked for, and
#: collections are not watched.
_GENERATIONAL = sys.version_info < (3, 14)


class _State:
    """Whether the heap is frozen by us (and not by the process for reasons of its own), and
    whether the collector is paused by us (:func:`pause`)."""

    ours = False
    active = False
    paused = False


def pause() -> None:
    """Stop the collector until set-up is done (:func:`after_setup`): for a worker, before it
    imports Sphinx. Left alone if the process turned the collector off itself."""
    if gc.isenabled():
        gc.disable()
        _State.paused = True


def _resume() -> None:
    if _State.paused:
        gc.enable()
        _State.paused = False


def _freeze_after_full_collection(phase: str, info: dict[str, int]) -> None:
    """A ``gc.callbacks`` hook while pages are read: right after a full collection every
    object left is alive, and the pages read so far stay so until written; frozen, the next
    full collection walks only what was made since."""
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()
        _State.ours = True


def _stop_watching() -> None:
    if _freeze_after_full_collection in gc.callbacks:
        gc.callbacks.remove(_freeze_after_full_collection)


def _freeze(*, collect: bool) -> None:
    if _State.active:
        if collect:
            # the garbage of the phase just ended, not kept: it is young (a full collection
            # here found nothing more, and cost a no-op rebuild a tenth of its time)
            gc.collect(1) if _GENERATIONAL else gc.collect()
        gc.freeze()
        _State.ours = True


def after_setup(app: Sphinx, *args: Any) -> None:
    """On ``env-before-read-docs``: what set-up made lives as long as the build; so does
    what is alive after each full collection while pages are read. After a pause, set-up is
    frozen without a collection (one would walk all of it), and the collector runs again."""
    paused = _State.paused
    _freeze(collect=not paused)
    _resume()
    if _State.active and _GENERATIONAL and _freeze_after_full_collection not in gc.callbacks:
        gc.callbacks.append(_freeze_after_full_collection)


def after_reading(app: Sphinx, *args: Any) -> None:
    """On ``env-updated``: the environment and the doctrees live until they are written."""
    _stop_watching()
    _freeze(collect=True)


def after_build(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished`` (last): the process exits next; it need not walk the heap."""
    _stop_watching()
    _freeze(collect=False)


def install(app: Sphinx) -> None:
    """Apply the measure to ``app``'s build: only in a process that ends with that build
    (:mod:`.worker` calls this), and only if the process has nothing frozen of its own.
    Freezes after everyone else's handlers."""
    _State.active = gc.get_freeze_count() == 0
    app.connect("env-before-read-docs", after_setup, priority=900)
    app.connect("env-updated", after_reading, priority=900)
    app.connect("build-finished", after_build, priority=900)


def release() -> None:
    """Give back everything frozen here, run the collector again and stop watching (for a
    caller that outlives the build after all, such as a test)."""
    _stop_watching()
    _resume()
    if _State.ours:
        gc.unfreeze()
    _State.ours = _State.active = False
