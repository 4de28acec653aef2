"""A build that was killed is completed by the next run, never trusted.

Sphinx saves its environment before it writes, so a build killed while writing leaves pages
that the next incremental build believes up to date. A marker file in the doctree directory
says "writing" from the moment the environment is saved until ``build-finished``; a build
that finds another build's marker reads and writes every page again, and removes that
build's ``.buildinfo`` (a kill may have cut it short). The marker names the application that
wrote it, so an application that reads twice (sphinx-autobuild) is not taken for a killed build.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MARKER = "dassco-writing-{builder}"


def _marker(app: Sphinx) -> Path:
    return Path(app.doctreedir, MARKER.format(builder=app.builder.name))


def _mark(app: Sphinx) -> str:
    """This application's own mark, kept on it."""
    mark = getattr(app, "dassco_build_mark", None)
    if mark is None:
        mark = uuid.uuid4().hex
        setattr(app, "dassco_build_mark", mark)  # noqa: B010 (an attribute of ours on Sphinx's object)
    return mark


def _killed_build(app: Sphinx) -> bool:
    """Whether a build that is not this one left its marker (it never ended)."""
    try:
        written_by = _marker(app).read_text(encoding="utf-8").split("\n", 1)[0].strip()
    except OSError:
        return False
    return written_by != _mark(app)


def _forget_killed_build_info(app: Sphinx) -> None:
    """On ``builder-inited``: the ``.buildinfo`` of a killed build is not trusted (it may be cut short)."""
    if _killed_build(app):
        Path(app.outdir, ".buildinfo").unlink(missing_ok=True)


def _redo_interrupted(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """On ``env-get-outdated``: every page, if a build that is not this one never ended."""
    if not _killed_build(app):
        return []  # none, or this application read before and has not ended: nothing was killed
    return sorted(env.found_docs - set(added) - set(changed))


def _writing_starts(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated`` (the environment is about to be saved): writing is in progress."""
    marker = _marker(app)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(
        f"{_mark(app)}\na build is writing here; if it was killed, the next build redoes it\n",
        encoding="utf-8",
    )


def _finished(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: the build ended (with or without errors); its environment stands."""
    _marker(app).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _forget_killed_build_info)
    app.connect("env-get-outdated", _redo_interrupted)
    app.connect("env-updated", _writing_starts)
    app.connect("build-finished", _finished)
