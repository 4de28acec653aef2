"""A build that was killed is completed by the next run, never trusted.

Sphinx saves its environment before it writes. A build killed while writing leaves pages
whose HTML exists but whose images, search index and inventory were never written, and the
next incremental build believes those pages up to date: the site stays broken. So a marker
file beside the saved environment (in the doctree directory, never in the output, which
builders such as epub package whole) records "writing in progress" from the moment the
environment is saved until the build ends; a build that finds the marker of another build
reads and writes every page again, and its output equals a clean build.

Only a build that never ended leaves its marker: one that ended, with or without errors (a
``-W`` failure, an exception reported by Sphinx), removes it on ``build-finished``, and the
next build trusts its environment as Sphinx does. A build killed while Sphinx wrote its
``.buildinfo`` leaves that file empty or cut short, and Sphinx stops on it with a traceback
before any event of ours; so a build that finds another's marker removes the killed build's
``.buildinfo`` when the builder starts (Sphinx writes it again at the end). The marker names the application that
wrote it, so an application that reads again before its build ends (Sphinx's
``builder.read()`` twice, sphinx-autobuild) is not taken for a killed build of its own.
"""

from __future__ import annotations

import uuid
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MARKER = "dassco-writing-{builder}"

#: Each application's own mark (weakly held: an application that goes leaves nothing here).
_marks: weakref.WeakKeyDictionary[Sphinx, str] = weakref.WeakKeyDictionary()


def _marker(app: Sphinx) -> Path:
    return Path(app.doctreedir, MARKER.format(builder=app.builder.name))


def _mark(app: Sphinx) -> str:
    mark = _marks.get(app)
    if mark is None:
        mark = _marks[app] = uuid.uuid4().hex
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
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
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
        f"{_mark(app)}\na build is writing here; if it was killed, the next build redoes it\n", encoding="utf-8"
    )


def _finished(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: the build ended (with or without errors); its environment stands."""
    _marker(app).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _forget_killed_build_info)
    app.connect("env-get-outdated", _redo_interrupted)
    app.connect("env-updated", _writing_starts)
    app.connect("build-finished", _finished)
