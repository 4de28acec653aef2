"""The ``dassco`` command (also ``python -m dassco_ext``): one entry, a subcommand per task.

Each subcommand is a module with ``main(argv, prog=...)``, imported only when it runs.
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import importlib
import sys
from collections.abc import Sequence

from .. import __version__


@dc.dataclass(frozen=True)
class Command:
    """One subcommand: its name, the module whose ``main(argv)`` runs it, one line of help."""

    name: str
    module: str
    summary: str

    def main(self, argv: list[str]) -> int:
        run = importlib.import_module(self.module).main
        return int(run(argv, prog=f"dassco {self.name}") or 0)


#: Every subcommand, in the order ``dassco --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    Command(
        "build", "dassco_ext.cli.build", "build the site, every language side by side (make html)"
    ),
    Command("pdf", "dassco_ext.cli.pdf", "PDF briefs, every language side by side (make pdf)"),
    Command(
        "intl",
        "dassco_ext.cli.intl",
        "translations: update | stat | check | glossary-tbx (make intl-*)",
    ),
    Command(
        "jekyll",
        "dassco_ext.jekyll.command",
        "move a Jekyll site: pages, images, Danish catalogs, old URLs",
    ),
)

EXAMPLES = """\
examples:
  dassco build                          # docs/ -> _build/html/<lang>/, every language
  dassco build --languages da --sphinxopts="-W --keep-going"
  dassco pdf                            # docs/ -> _build/pdf/<lang>/<lang-ref>.pdf
  dassco intl check                     # fail on broken or stale translations
  dassco jekyll old-site new-site       # move a Jekyll site (pages, images, Danish, old URLs)
  dassco COMMAND --help                 # a command's own options and examples
"""


def describe(doc: str) -> str:
    """A module docstring's second paragraph, without reST's literal marks, for ``--help``."""
    return doc.split("\n\n")[1].replace("``", "")


def _parser() -> argparse.ArgumentParser:
    width = max(len(command.name) for command in COMMANDS)
    listing = "\n".join(f"  {command.name:<{width}}  {command.summary}" for command in COMMANDS)
    parser = argparse.ArgumentParser(
        prog="dassco",
        description="DaSSCo's publication tools: build the bilingual site, print PDF briefs, "
        "keep the translations in order.",
        epilog=f"commands:\n{listing}\n\n{EXAMPLES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "command",
        metavar="COMMAND",
        choices=[command.name for command in COMMANDS],
        help="one of: " + ", ".join(command.name for command in COMMANDS),
    )
    parser.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dassco COMMAND ARGS...``; the exit status is the command's."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not argv:
        parser.print_help(sys.stderr)
        return 2
    args = parser.parse_args(argv)
    (command,) = (c for c in COMMANDS if c.name == args.command)
    return command.main(args.args)
