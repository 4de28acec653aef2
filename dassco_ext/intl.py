"""Moved: ``python -m dassco_ext.intl`` is ``dassco intl`` (:mod:`dassco_ext.cli.intl`)."""

if __name__ == "__main__":
    import sys

    from .cli.command import moved

    sys.exit(moved("python -m dassco_ext.intl", "dassco intl"))
