"""``python -m dassco_ext``: the ``dassco`` command (:mod:`dassco_ext.cli.command`)."""

import sys

from .cli.command import main

sys.exit(main())
