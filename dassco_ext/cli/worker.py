"""One build in a process of its own: ``python -m dassco_ext.cli.worker [--no-freeze-heap] ARGS``.

``ARGS`` are ``sphinx-build``'s. The build drivers of ``make html`` (:mod:`.build`) and
``make pdf`` (:mod:`.briefrun`) start one worker per language. A worker is ``sphinx-build``
plus the process-level speed measure of :mod:`.heap` (the build's long-lived heap kept out of
the cycle collector), which belongs to a process that ends with its build, never to the
extension: loaded anywhere else (sphinx-autobuild, a test run), dassco-ext leaves the
process's collector alone. ``--no-freeze-heap`` runs the build without the measure.

A worker also knows what its build will compile: with no files named on its command line,
Sphinx compiles every outdated catalog, so its application says so
(:data:`~..pipeline.COMPILES_OUTDATED_CATALOGS`) and the catalogs' check compiles them from its
own reading (:mod:`..i18n.catalogs`) instead of Sphinx reading each one again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from .. import pipeline

#: The option that turns the heap measure off (the worker's own; not passed to Sphinx).
NO_FREEZE = "--no-freeze-heap"


def command(*sphinx_args: str, freeze_heap: bool = True) -> list[str]:
    """The command line of a worker running ``sphinx-build sphinx_args``."""
    return [sys.executable, "-m", "dassco_ext.cli.worker", *([] if freeze_heap else [NO_FREEZE]), *sphinx_args]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sphinx-build`` with ``argv``; with the heap measure unless ``--no-freeze-heap``."""
    from . import heap

    args = list(sys.argv[1:] if argv is None else argv)
    freeze = NO_FREEZE not in args
    if freeze:
        heap.pause()  # before Sphinx is imported: set-up is not walked by the collector

    import sphinx.cmd.build
    from sphinx.application import Sphinx

    args = [arg for arg in args if arg != NO_FREEZE]

    class WorkerSphinx(Sphinx):
        """The application of this process's one build (with the heap measure, if asked)."""

        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            if freeze:
                heap.install(self)

    setattr(WorkerSphinx, pipeline.COMPILES_OUTDATED_CATALOGS, _names_no_files(args))
    # sphinx-build makes its application from this module's name: this process's only
    sphinx.cmd.build.Sphinx = WorkerSphinx  # type: ignore[misc]
    return sphinx.cmd.build.main(args)


def _names_no_files(args: list[str]) -> bool:
    """Whether ``sphinx-build args`` names no source files (then Sphinx compiles every outdated
    catalog, or every catalog with ``-a``)."""
    import sphinx.cmd.build

    if {"-h", "--help", "--version"}.intersection(args):
        return False  # sphinx-build answers these itself, and builds nothing
    try:
        return not sphinx.cmd.build.get_parser().parse_args(args).filenames
    except SystemExit:  # sphinx-build reports the bad command line itself
        return False


if __name__ == "__main__":
    sys.exit(main())
