"""``SOURCE_DATE_EPOCH`` (reproducible builds) checked before Sphinx reads it.

Sphinx reads it as a whole number of seconds when the configuration is ready; a value it
cannot read ends the build here as a configuration error, in one line, instead of a traceback.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

NAME = "SOURCE_DATE_EPOCH"


def epoch_problem(value: str) -> str | None:
    """Why Sphinx cannot read ``value`` as ``SOURCE_DATE_EPOCH``, or ``None`` when it can."""
    try:
        time.gmtime(int(value))
    except ValueError:
        return "is not a whole number of seconds"
    except (OverflowError, OSError):
        return "is beyond the dates this system can hold"
    return None


def check_epoch(app: Sphinx, config: Config) -> None:
    """On ``config-inited``, before Sphinx's own handler reads it."""
    value = os.environ.get(NAME)
    if value is not None and (problem := epoch_problem(value)):
        raise ConfigError(f"{NAME}={value[:40]!r} {problem}: unset it or give seconds since 1970")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_epoch, priority=0)
