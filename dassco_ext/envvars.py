"""Environment variables a build reads, checked before anything reads them.

``SOURCE_DATE_EPOCH`` (reproducible builds) is read by Sphinx itself (the copyright year on
``config-inited``, ``today``, the ``gettext`` builder's dates) and by the ``brief`` builder
(the PDF's creation date). A value that is not a number of seconds of a date a PDF can hold
(year 1970 to 9999) ended the build with a traceback in Sphinx's own handler. It is
reported once, located at the variable (``environment:SOURCE_DATE_EPOCH``), and set aside
for the length of the build (the build is dated now); the process gets it back when the
build finishes.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import TYPE_CHECKING

from .warnings_ import DasscoWarnings, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

NAME = "SOURCE_DATE_EPOCH"
LOCATION = f"environment:{NAME}"
_SECONDS_RE = re.compile(r"[0-9]{1,12}")
#: Values set aside, per application, to give back on ``build-finished``.
_SET_ASIDE: dict[int, str] = {}


def epoch_problem(value: str) -> str | None:
    """Why ``value`` is no usable ``SOURCE_DATE_EPOCH``, or ``None`` when it is one."""
    if not _SECONDS_RE.fullmatch(value.strip()):
        return "is not a number of seconds"
    try:
        datetime.datetime.fromtimestamp(int(value), datetime.UTC)
    except (ValueError, OverflowError, OSError):
        return "is beyond the dates a PDF can hold (year 9999)"
    return None


def check_epoch(app: Sphinx, config: Config) -> None:
    """On ``config-inited``, before Sphinx's own handler reads it."""
    value = os.environ.get(NAME)
    if value is None:
        return
    problem = epoch_problem(value)
    if problem is None:
        return
    warn(DasscoWarnings.BRIEF, f"{NAME}={value[:40]!r} {problem}; the build is dated now", LOCATION)
    _SET_ASIDE[id(app)] = value
    del os.environ[NAME]


def give_back(app: Sphinx, exception: Exception | None) -> None:
    value = _SET_ASIDE.pop(id(app), None)
    if value is not None and NAME not in os.environ:
        os.environ[NAME] = value


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_epoch, priority=0)
    app.connect("build-finished", give_back, priority=1000)
