"""``dossier passphrase`` and ``dossier recovery-sheet``: the passphrase of a protected
dossier changed, and a new recovery key printed on its sheet (``dossier init --protect``
makes a protected dossier: :mod:`.dossiers`).

The current passphrase comes as every command's does (:mod:`.passphrase`); the new one
from ``--new-passphrase-file FILE``, ``DOSSIER_NEW_PASSPHRASE``, or asked twice. With
``--recovery-key-file FILE`` the dossier is unlocked with the recovery key from its sheet
instead, so a forgotten passphrase can be replaced.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.crypto.protected import is_protected
from ..core.crypto.unlock import new_recovery, set_passphrase, unlock_with_recovery
from ..core.i18n import tr
from ..core.lock import acquire
from ..core.storage import Dossier
from .args import output_file, path_text
from .common import OK, AddCommand, Commands, UsageError, dossier_argument, print_json
from .dossiers import add_sheet_option, say_recovery_key, write_sheet
from .passphrase import given_passphrase, open_unlocked, read_small_text

NEW_ENV = "DOSSIER_NEW_PASSPHRASE"


def add_commands(command: AddCommand) -> None:
    _add_protect_commands(command)
    p = command("passphrase", tr("change the passphrase of a protected dossier"))
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        type=path_text,
        help=tr(
            "read the new passphrase from the first line of FILE (else from {env}, else it "
            "is asked twice)",
            env=NEW_ENV,
        ),
    )
    p.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        type=path_text,
        help=tr("unlock with the recovery key in FILE instead of the passphrase"),
    )
    p = command(
        "recovery-sheet",
        tr(
            "make a new recovery key and write its sheet to a PDF file (the old sheet stops working)"
        ),
    )
    p.add_argument(
        "--out", type=path_text, required=True, metavar="FILE.pdf", help=tr("the PDF file to write")
    )


def _add_protect_commands(command: AddCommand) -> None:
    p = command(
        "protect",
        tr(
            "protect a dossier with a passphrase (from --passphrase-file, {env}, or asked "
            "twice): its database and files are encrypted",
            env="DOSSIER_PASSPHRASE",
        ),
    )
    add_sheet_option(p, tr("write the recovery sheet to this PDF file"))
    command("unprotect", tr("take the passphrase away: the dossier is stored in plain again"))


def cmd_protect(args: argparse.Namespace) -> int:
    from ..core.crypto.convert import protect_dossier
    from ..core.crypto.unlock import new_protection

    folder = Path(dossier_argument(args)).absolute()
    if is_protected(folder):
        raise UsageError(
            tr("The dossier in {path} is protected with a passphrase already.", path=folder)
        )
    sheet = output_file(args.recovery_sheet, dossier=folder) if args.recovery_sheet else None
    with acquire(folder, "command"):
        protection = new_protection(given_passphrase(args, new=True))
        protect_dossier(folder, protection, progress=_progress(args))
        if sheet is not None:
            with open_unlocked(args, folder) as dossier:
                write_sheet(dossier, protection.recovery, sheet)
    value: dict[str, Any] = {
        "path": str(folder),
        "protected": True,
        "recovery_key": protection.recovery.text,
    }
    if sheet is not None:
        value["recovery_sheet"] = str(sheet)
    if args.json:
        print_json(value)
    else:
        print(tr("The dossier in {path} is now protected with a passphrase.", path=folder))
        say_recovery_key(protection.recovery)
    return OK


def cmd_unprotect(args: argparse.Namespace) -> int:
    from ..core.crypto.convert import unprotect_dossier

    folder = _protected(args)
    with acquire(folder, "command"):
        _opened(args, folder).close()  # unlocked with the passphrase (or the recovery key)
        unprotect_dossier(folder, progress=_progress(args))
    if args.json:
        print_json({"path": str(folder), "protected": False})
    else:
        print(
            tr(
                "The dossier in {path} is no longer protected: anyone with this computer can "
                "read it.",
                path=folder,
            )
        )
    return OK


def _progress(args: argparse.Namespace) -> Callable[[int, int], None] | None:
    """Progress on standard error, on a terminal only."""
    if args.json or not sys.stderr.isatty():
        return None

    def say(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        # Translators: progress of protecting a dossier, or of taking protection away.
        said = tr("Files: {done} of {total}", done=done, total=total)
        print(f"\r{said}", end=end, file=sys.stderr)

    return say


def _protected(args: argparse.Namespace) -> Path:
    folder = Path(dossier_argument(args)).absolute()
    if not is_protected(folder):
        raise UsageError(
            tr(
                "The dossier in {path} is not protected with a passphrase.",
                path=folder,
            )
        )
    return folder


def _opened(args: argparse.Namespace, folder: Path) -> Dossier:
    recovery_file = getattr(args, "recovery_key_file", None)
    if recovery_file:
        unlock_with_recovery(folder, read_small_text(Path(recovery_file)))
    return open_unlocked(args, folder)


def cmd_passphrase(args: argparse.Namespace) -> int:
    folder = _protected(args)
    with _opened(args, folder) as dossier:
        assert dossier.key is not None
        new = given_passphrase(args, new=True, option="new_passphrase_file", env=NEW_ENV)
        set_passphrase(folder, dossier.key, new)
    if args.json:
        print_json({"path": str(folder), "passphrase": "changed"})
    else:
        print(tr("The passphrase of the dossier in {path} was changed.", path=folder))
    return OK


def cmd_recovery_sheet(args: argparse.Namespace) -> int:
    folder = _protected(args)
    out = output_file(args.out, dossier=folder)
    with _opened(args, folder) as dossier:
        assert dossier.key is not None
        recovery = new_recovery(folder, dossier.key)
        write_sheet(dossier, recovery, out)
    result: dict[str, Any] = {"out": str(out)}
    if args.json:
        print_json(result)
    else:
        print(
            tr(
                "Wrote the recovery sheet to {out}. Print it and keep it safe; the earlier sheet no longer opens the dossier.",
                out=out,
            )
        )
    return OK


COMMANDS = Commands(
    add=add_commands,
    standalone={
        "protect": cmd_protect,
        "unprotect": cmd_unprotect,
        "passphrase": cmd_passphrase,
        "recovery-sheet": cmd_recovery_sheet,
    },
)

__all__ = ["COMMANDS"]
