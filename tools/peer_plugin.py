"""pytest plugin of ``make test-peers``: ``dassco_ext`` loaded into every Sphinx application.

Loaded with ``-p peer_plugin`` into a run of Sphinx's own test suite: every configuration
Sphinx makes (``sphinx.config.Config``, so every application, whatever its ``conf.py`` or
``confoverrides`` say) lists ``dassco_ext`` after its own extensions, as a site that adds
dassco-ext to its ``extensions`` would.
"""

from __future__ import annotations

from typing import Any

import sphinx.config

EXTENSION = "dassco_ext"

_original_init = sphinx.config.Config.__init__


def _init_with_dassco(self: sphinx.config.Config, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    if EXTENSION not in self.extensions:
        self.extensions = [*self.extensions, EXTENSION]


sphinx.config.Config.__init__ = _init_with_dassco  # type: ignore[method-assign]


def pytest_report_header(config: Any) -> str:
    return f"make test-peers: {EXTENSION} is loaded into every Sphinx application"
