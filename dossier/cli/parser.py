"""The command line's parser: the options of every command, and its one-line errors."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from .. import __version__
from ..core.i18n import tr
from .args import path_text
from .common import USAGE, shorten, shown
from .language import OPTION, language_code, language_help
from .passphrase import add_option as add_passphrase_option
from .registry import GROUPS


class _Parser(argparse.ArgumentParser):
    """argparse's parser, saying what is wrong in one line (then exit 2), without the usage
    (``--help`` shows it), and a wrong choice shortened to fit that line."""

    def error(self, message: str) -> NoReturn:
        command = f"{self.prog} --help"
        hint = tr("Try '{command}'.", command=command)
        self.exit(USAGE, shown(f"{self.prog}: {message.rstrip('.')}. {hint}") + "\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            raise argparse.ArgumentError(
                action,
                tr(
                    "'{value}' is not one of {choices}",
                    value=shorten(str(value)),
                    choices=", ".join(map(str, action.choices)),
                ),
            )


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--dossier PATH`` and ``--json``, before or after the command."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--dossier",
        metavar="PATH",
        type=path_text,
        default=default,
        help=tr("the dossier folder to work on"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=tr("print machine-readable JSON"),
    )
    add_passphrase_option(parser, top=top)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dossier",
        description=tr("Second Opinion Dossier. Without a command, opens the window."),
    )
    _common(parser, top=True)
    parser.add_argument("--demo", action="store_true", help=tr("open the example dossier"))
    parser.add_argument(
        "--demo-if-none",
        action="store_true",
        help=tr("open the last dossier, or the example dossier when there is none yet"),
    )
    parser.add_argument(
        OPTION,
        dest="interface_language",
        metavar="CODE",
        type=language_code,
        help=language_help(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=tr("show the program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, top=False)
        return p

    for group in GROUPS:
        group.add(command)
    return parser


__all__ = ["build_parser"]
