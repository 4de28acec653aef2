"""Python's cycle collector and the long-lived heap of a Sphinx build.

Sphinx keeps the environment, and between reading and writing every page's doctree, in
memory. None of it is garbage, yet each full collection of Python's cycle collector walks
all of it again, and the heap only grows while pages are read: at 300 pages the full
collections were a tenth of a build (1.1 s of 10.9 s in Danish), at 1,000 pages 3.8 s of
37.7 s, and the exit of the process walks it once more.

So what is alive at these points is moved out of the collector's sight (``gc.freeze``):
when set-up is done (modules, theme, configuration, a saved environment), after each full
collection while pages are read (everything left then is alive, and the pages read so far
stay in memory until written), when the environment is complete (the doctrees about to
be written), and when the build has finished (the process is about to exit). Frozen
objects are still freed by reference counting as usual; only cycles among them wait until
the next build in the same process starts (``builder-inited``), which hands them back to
the collector (``gc.unfreeze``), so a long-lived process (a test run, a preview server)
keeps nothing. A process that froze its heap itself is left alone, and
``dassco_freeze_heap = False`` turns all of this off.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

from ..config import get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: CPython's collector up to 3.13 is generational: ``gc.collect(1)`` collects the young
#: generations, and a generation-2 run is a full one. 3.14's is incremental (an "old"
#: increment is not a full collection): there a full collection is asked for, and
#: collections are not watched.
_GENERATIONAL = sys.version_info < (3, 14)


class _State:
    """Whether the heap is frozen by us (and not by the process for reasons of its own)."""

    ours = False
    active = False


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


def start(app: Sphinx) -> None:
    """On ``builder-inited``: give back what an earlier build froze; take part in this one
    only if the process has nothing frozen of its own."""
    _stop_watching()
    if _State.ours:
        gc.unfreeze()
        _State.ours = False
    _State.active = get_config(app.config).freeze_heap and gc.get_freeze_count() == 0


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
    what is alive after each full collection while pages are read."""
    _freeze(collect=True)
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


def setup(app: Sphinx) -> None:
    """Start before other ``builder-inited`` handlers; freeze after everyone else's."""
    app.connect("builder-inited", start, priority=100)
    app.connect("env-before-read-docs", after_setup, priority=900)
    app.connect("env-updated", after_reading, priority=900)
    app.connect("build-finished", after_build, priority=900)
