"""Moved: ``python -m dassco_ext.build`` is ``dassco build`` (:mod:`dassco_ext.cli.build`)."""

if __name__ == "__main__":
    import sys

    from .cli.command import moved

    sys.exit(moved("python -m dassco_ext.build", "dassco build"))
