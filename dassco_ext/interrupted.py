"""A build that was killed is completed by the next run, never trusted.

Sphinx saves its environment before it writes. A build killed while writing leaves pages
whose HTML exists but whose images, search index and inventory were never written, and the
next incremental build believes those pages up to date: the site stays broken. So a marker
file beside the saved environment (in the doctree directory, never in the output, which
builders such as epub package whole) records "writing in progress" from the moment the
environment is saved until the build finishes; a build that finds the marker reads and
writes every page again, and its output equals a clean build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MARKER = "dassco-writing-{builder}"


def _marker(app: Sphinx) -> Path:
    return Path(app.doctreedir, MARKER.format(builder=app.builder.name))


def _redo_interrupted(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """On ``env-get-outdated``: every page, if the previous build never finished."""
    if not _marker(app).exists():
        return []
    return sorted(env.found_docs - set(added) - set(changed))


def _writing_starts(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated`` (the environment is about to be saved): writing is in progress."""
    marker = _marker(app)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("a build is writing here; if it was killed, the next build redoes it\n", encoding="utf-8")


def _finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        _marker(app).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _redo_interrupted)
    app.connect("env-updated", _writing_starts)
    app.connect("build-finished", _finished)
