"""The cycle collector of a build worker (:mod:`.worker`): the collector rests while the build
is set up, and what is alive is then frozen (``gc.freeze``) as reading starts, after each full
collection while pages are read, and as reading and the build end. Outside a worker the
extension leaves the collector alone.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WORKER = "dassco_ext.cli.worker"
NO_FREEZE = "--no-freeze-heap"


def in_worker() -> bool:
    """Whether this process is a worker that tunes its collector (``python -m`` :mod:`.worker`)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == WORKER and NO_FREEZE not in sys.argv


def _freeze_after_full_collection(phase: str, info: dict[str, int]) -> None:
    """While pages are read: what a full collection leaves is alive until it is written."""
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def _reading_starts(app: Sphinx, *args: Any) -> None:
    gc.freeze()  # set-up, as it is: a collection would walk all of it
    gc.enable()
    gc.callbacks.append(_freeze_after_full_collection)


def _reading_ends(app: Sphinx, *args: Any) -> None:
    if _freeze_after_full_collection in gc.callbacks:
        gc.callbacks.remove(_freeze_after_full_collection)
    gc.collect(1)  # the young garbage of reading; the rest lives until written
    gc.freeze()


def _build_ends(app: Sphinx, exception: Exception | None) -> None:
    if _freeze_after_full_collection in gc.callbacks:
        gc.callbacks.remove(_freeze_after_full_collection)
    gc.freeze()  # the process exits next: its exit walks nothing


def connect(app: Sphinx) -> None:
    """Tune the collector for ``app``'s build, after every other handler."""
    app.connect("env-before-read-docs", _reading_starts, priority=900)
    app.connect("env-updated", _reading_ends, priority=900)
    app.connect("build-finished", _build_ends, priority=900)


def setup(app: Sphinx) -> None:
    """In a worker only: the collector rests from now (importing and setting up the other
    extensions, the theme, a saved environment) until reading starts."""
    if in_worker():
        gc.disable()
        connect(app)
