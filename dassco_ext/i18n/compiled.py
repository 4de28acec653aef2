"""Which compiled catalogs (``.mo``) a build uses: only those of ``.po`` files that exist now.

A ``.mo`` is a build output, compiled next to its ``.po`` (by Sphinx, or by
:func:`~.catalogs.check_catalogs`). Once the ``.po`` is deleted Sphinx would still translate
the pages with the ``.mo`` it left, and ``make intl-check`` would check nothing:
:func:`remove_orphaned_mo` removes it, and :func:`pages_of_removed_catalogs` has the pages
it translated read again.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from ..warnings_ import DasscoWarnings, at, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)


def remove_orphaned_mo(app: Sphinx, catalogs: list[Any]) -> None:
    """Remove the ``.mo`` files of this language whose ``.po`` is gone.

    A ``.mo`` is a build output (compiled from its ``.po`` by Sphinx or by this module):
    once its ``.po`` is deleted, Sphinx would still translate the pages with it, and
    ``make intl-check`` would check nothing. The build uses only catalogs compiled from the
    ``.po`` files that exist now."""
    language = app.config.language
    kept = {os.path.normcase(os.fspath(info.mo_path)) for info in catalogs}
    for directory in app.config.locale_dirs:
        base = Path(app.srcdir, directory, language, "LC_MESSAGES")
        if not base.is_dir():
            continue
        for mo_path in sorted(base.glob("**/*.mo")):
            if os.path.normcase(os.fspath(mo_path)) in kept or mo_path.with_suffix(".po").exists():
                continue
            try:
                mo_path.unlink()
            except OSError as exc:
                warn(DasscoWarnings.PO_ORPHAN, f"compiled catalog without its .po cannot be removed ({exc}); "
                     "its translations may still be used", at(str(mo_path), None))
                continue
            LOGGER.info("dassco: removed %s: its .po is gone, so its translations are no longer used", mo_path)
            _ORPHANED.setdefault(app.env, set()).add(mo_path.relative_to(base).with_suffix("").as_posix())


#: The domains (catalog names) whose ``.mo`` this build removed, per environment.
_ORPHANED: weakref.WeakKeyDictionary[BuildEnvironment, set[str]] = weakref.WeakKeyDictionary()


def pages_of_removed_catalogs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                              removed: set[str]) -> list[str]:
    """On ``env-get-outdated``: the pages translated with a ``.mo`` removed by
    :func:`remove_orphaned_mo` are read again (Sphinx keeps no ``.mo`` dependency of a page
    read in the build that compiled it)."""
    domains = _ORPHANED.pop(env, set())
    if not domains:
        return []
    return sorted(
        docname for docname in env.found_docs
        if docname_to_domain(docname, env.config.gettext_compact) in domains
    )


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", pages_of_removed_catalogs)
