"""``python -m dassco_ext.jekyll SITE DEST``: import a Jekyll site (see :mod:`dassco_ext.jekyll`)."""

import sys

from .command import main

sys.exit(main())
