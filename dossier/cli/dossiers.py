"""``dossier init`` and ``dossier demo``: making a dossier (an empty one, or the example)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import records
from ..core.i18n import LANGUAGES, current_language, tr
from ..core.opening import create_dossier
from .args import output_file, path_text, written_whole
from .common import OK, AddCommand, Commands, UsageError, print_value
from .language import language_code

if TYPE_CHECKING:
    from ..core.crypto.recovery import RecoveryKey
    from ..core.storage import Dossier
from .passphrase import ENV, given_passphrase


def add_commands(command: AddCommand) -> None:
    p = command("init", tr("make a new, empty dossier"))
    p.add_argument("path", metavar="PATH", type=path_text)
    p.add_argument("--name", required=True, help=tr("the name of the person the dossier is about"))
    p.add_argument("--born", metavar="YYYY-MM-DD", help=tr("their date of birth"))
    p.add_argument(
        "--protect",
        action="store_true",
        help=tr(
            "protect the dossier with a passphrase (from --passphrase-file, {env}, or asked "
            "twice); its recovery key is printed once",
            env=ENV,
        ),
    )
    add_sheet_option(p, tr("with --protect: write the recovery sheet to this PDF file"))
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


def add_sheet_option(p: argparse.ArgumentParser, help_text: str) -> None:
    """``--recovery-sheet FILE.pdf``."""
    p.add_argument("--recovery-sheet", metavar="FILE.pdf", type=path_text, help=help_text)


def cmd_init(args: argparse.Namespace) -> int:
    if args.recovery_sheet and not args.protect:
        raise UsageError(tr("--recovery-sheet goes with --protect."))
    folder = Path(args.path)
    sheet = output_file(args.recovery_sheet) if args.recovery_sheet else None
    protection = None
    if args.protect:
        from ..core.crypto.unlock import new_protection

        protection = new_protection(given_passphrase(args, new=True))
    with create_dossier(folder, name=args.name, born=args.born, protection=protection) as made:
        value: dict[str, Any] = {"path": str(made.path), "person": records.get(made, "person", 1)}
        if protection is not None:
            value |= {"protected": True, "recovery_key": protection.recovery.text}
            if sheet is not None:
                value["recovery_sheet"] = str(write_sheet(made, protection.recovery, sheet))
        print_value(args, value)
    if protection is not None and not args.json:
        say_recovery_key(protection.recovery)
    return OK


def say_recovery_key(recovery: RecoveryKey) -> None:
    """Print the recovery key once, with what it is for."""
    print(
        tr(
            "Keep the recovery key ({key}) on paper, away from the computer: it opens "
            "the dossier if the passphrase is forgotten, and it is shown only now.",
            key=recovery.text,
        )
    )


def write_sheet(dossier: Dossier, recovery: RecoveryKey, out: Path) -> Path:
    """Write the recovery sheet for ``recovery`` to ``out`` (whole, or not at all)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    from ..core.reports.recovery_sheet import recovery_sheet
    from ..reports.layout import write_report

    with written_whole(out) as temp:
        write_report(recovery_sheet(dossier, recovery), temp, large_print=True)
    return out


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
