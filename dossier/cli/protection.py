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
from pathlib import Path
from typing import Any

from ..core.crypto.protected import is_protected
from ..core.crypto.unlock import new_recovery, set_passphrase, unlock_with_recovery
from ..core.i18n import tr
from ..core.storage import Dossier
from .args import output_file, path_text
from .common import OK, AddCommand, Commands, UsageError, dossier_argument, print_json
from .dossiers import write_sheet
from .passphrase import MAX_FILE_BYTES, given_passphrase, open_unlocked

NEW_ENV = "DOSSIER_NEW_PASSPHRASE"


def add_commands(command: AddCommand) -> None:
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
        unlock_with_recovery(folder, _read_small(Path(recovery_file)))
    return open_unlocked(args, folder)


def _read_small(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        text = data[:MAX_FILE_BYTES].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(tr("The file {path} cannot be read as text.", path=path)) from None
    return text


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
    standalone={"passphrase": cmd_passphrase, "recovery-sheet": cmd_recovery_sheet},
)

__all__ = ["COMMANDS"]
