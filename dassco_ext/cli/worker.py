"""One build in a process of its own: ``python -m dassco_ext.cli.worker [--no-freeze-heap] ARGS``
runs ``sphinx-build ARGS`` with its collector tuned (:mod:`.heap`), unless told not to.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .heap import NO_FREEZE, WORKER


def command(*sphinx_args: str, freeze_heap: bool = True) -> list[str]:
    """The command line of a worker running ``sphinx-build sphinx_args``."""
    return [sys.executable, "-m", WORKER, *([] if freeze_heap else [NO_FREEZE]), *sphinx_args]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sphinx-build`` with ``argv`` (default: this process's arguments)."""
    from sphinx.cmd.build import build_main

    return build_main([arg for arg in (sys.argv[1:] if argv is None else argv) if arg != NO_FREEZE])


if __name__ == "__main__":
    sys.exit(main())
