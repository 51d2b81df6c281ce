"""``dossier init`` and ``dossier demo``: making a dossier (an empty one, or the example)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import records
from ..core.i18n import LANGUAGES, current_language, tr
from ..core.opening import create_dossier
from .args import path_text
from .common import OK, AddCommand, Commands, print_value
from .language import language_code


def add_commands(command: AddCommand) -> None:
    p = command("init", tr("make a new, empty dossier"))
    p.add_argument("path", metavar="PATH", type=path_text)
    p.add_argument("--name", required=True, help=tr("the name of the person the dossier is about"))
    p.add_argument("--born", metavar="YYYY-MM-DD", help=tr("their date of birth"))
    p = command("demo", tr("make the example dossier (entirely fictional) in PATH"))
    p.add_argument("path", metavar="PATH", type=path_text)
    p.add_argument(
        "--language",
        dest="demo_language",  # its own: a --language before the command is the messages'
        metavar="CODE",
        type=language_code,
        help=tr(
            "the language the example is told in: {codes} (default: the messages' language)",
            codes=", ".join(LANGUAGES),
        ),
    )


def cmd_init(args: argparse.Namespace) -> int:
    with create_dossier(Path(args.path), name=args.name, born=args.born) as created:
        print_value(args, {"path": str(created.path), "person": records.get(created, "person", 1)})
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ..core.demo import build_demo

    language = args.demo_language or current_language()
    with build_demo(Path(args.path), language=language) as built:
        counts = {
            name: len(records.list_records(built, name))
            for name in ("case", "opinion", "document", "contact", "appointment", "question")
        }
        print_value(args, {"path": str(built.path), "records": counts})
    return OK


COMMANDS = Commands(add=add_commands, standalone={"init": cmd_init, "demo": cmd_demo})
