"""``dossier``'s backup commands (issue 6).

Every backup command is standalone (see :class:`.common.Commands`): backups are listed
and restored without opening the dossier, so they work when its database is damaged.

``dossier restore BACKUP`` is in :mod:`.backup_restore`.

A dossier protected with a passphrase: ``backup`` unlocks it with the passphrase given
(:mod:`.passphrase`: a file, the environment, else asked). ``backups`` never asks: with a
passphrase given by file or environment it unlocks the dossier and shows whose each
backup is, else it lists them as "protected dossier".
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from ..core.backup import (
    BackupInfo,
    DeletePlan,
    Identity,
    NewestBackup,
    delete_backup,
    known_backups,
    list_backups,
    make_backup,
    plan_delete,
    read_identity,
    same_drive,
    set_backup_folder,
    size_text,
    verify_backup,
)
from ..core.backup.identity import default_root
from ..core.crypto import keyring
from ..core.crypto.keyfile import DamagedKeyFile
from ..core.crypto.protected import PassphraseNeeded, is_protected
from ..core.crypto.unlock import unlock
from ..core.i18n import ntr, tr
from ..core.storage import is_dossier
from .args import path_text
from .backup_restore import (
    find_backup,
    given_only,
    when_text,
    whose,
)
from .common import (
    OK,
    REJECTED,
    AddCommand,
    Commands,
    UsageError,
    dossier_argument,
    fail,
    print_json,
)
from .passphrase import given_passphrase


def add_commands(command: AddCommand) -> None:
    p = command("backup", tr("make a backup of the dossier now, and say where it is"))
    p.add_argument(
        "--to",
        metavar="FOLDER",
        type=path_text,
        help=tr("make it in FOLDER (on another drive, say) and keep making them there"),
    )
    p = command(
        "backups", tr("list the backups of the dossier (without --dossier: of every dossier)")
    )
    p.add_argument(
        "--verify", action="store_true", help=tr("also check every file of every backup (slower)")
    )
    p = command("backup-folder", tr("show or change where the dossier's backups go"))
    p.add_argument(
        "folder", nargs="?", metavar="FOLDER", type=path_text, help=tr("the new backup folder")
    )
    p.add_argument(
        "--standard", action="store_true", help=tr("go back to the standard backup folder")
    )
    p = command("delete-backup", tr("say what deleting a backup would remove; --yes deletes it"))
    p.add_argument("entity", metavar="BACKUP", help=tr("a backup folder, its name, or latest"))
    p.add_argument("--yes", action="store_true", help=tr("delete it (without: only say what)"))
    p.add_argument(
        "--even-newest",
        action="store_true",
        help=tr("also when it is the newest good backup (the one a damaged dossier needs)"),
    )


def _need_dossier(args: argparse.Namespace) -> Path:
    folder = Path(dossier_argument(args)).absolute()
    if not is_dossier(folder):
        raise UsageError(tr("There is no dossier at {path}.", path=folder))
    return folder


# dossier backup ----------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace) -> int:
    folder = _need_dossier(args)
    moved_to = set_backup_folder(folder, Path(args.to)).root if args.to else None
    try:
        result = make_backup(folder)
    except PassphraseNeeded as needed:
        unlock(needed.path, given_passphrase(args))
        result = make_backup(folder)
    info = result.backup
    if args.json:
        print_json({**result.as_dict(), "backup_folder": str(info.path.parent.parent)})
        return OK
    if moved_to is not None:
        print(tr("From now on, backups of this dossier go to {folder}.", folder=moved_to))
    print(tr("Backup made: {path}", path=info.path))
    print("  " + info.contents())
    if info.protected:
        print(
            "  "
            + tr(
                "Encrypted with the dossier's own key, as the dossier is: its passphrase is "
                "needed to restore it."
            )
        )
    print(
        "  "
        + (
            ntr(
                "{n} new file copied ({size}); the others were in the backup folder already.",
                "{n} new files copied ({size}); the others were in the backup folder already.",
                result.new_files,
                size=size_text(result.new_bytes),
            )
        )
    )
    for missing in info.not_included:
        print("  " + _not_included(missing))
    if result.removed:
        print(
            "  "
            + tr(
                "Older backups removed: {n} (7 daily and 4 weekly are kept).",
                n=len(result.removed),
            )
        )
    return OK


def _not_included(missing: dict[str, str]) -> str:
    reason = missing.get("reason", "")
    if reason == "damaged":
        return tr(
            "Not included: vault/{path} (the dossier's copy is damaged; an earlier backup may hold it).",
            path=missing.get("path", ""),
        )
    return tr("Not included: vault/{path} (it could not be read).", path=missing.get("path", ""))


# dossier backups ---------------------------------------------------------------------------
def cmd_backups(args: argparse.Namespace) -> int:
    if args.dossier:
        _unlock_if_given(args, Path(args.dossier).absolute())
        backups = list_backups(Path(args.dossier))
    else:
        backups = known_backups()
    if args.verify:
        backups = [verify_backup(b.path) if b.good else b for b in backups]
    if args.json:
        print_json([b.as_dict() for b in backups])
        return OK
    if not backups:
        print(
            tr("There are no backups of this dossier yet.")
            if args.dossier
            else tr("No backups were found on this computer.")
        )
        return OK
    for backup in backups:
        print(_line(backup, with_person=not args.dossier))
    return OK if all(b.good for b in backups) or not args.verify else REJECTED


def _line(backup: BackupInfo, *, with_person: bool) -> str:
    when = when_text(backup)
    if not backup.good:
        refused = tr("cannot be restored")
        return f"{when}  {refused}: {backup.problem}\n    {backup.path}"
    who = f"{whose(backup)}  " if with_person else ""
    kind = tr("automatic") if backup.automatic else tr("made by hand")
    if backup.protected:
        # Translators: said of a backup of a dossier protected with a passphrase.
        kind += ", " + tr("encrypted")
    return f"{when}  {who}{backup.contents()}, {kind}\n    {backup.path}"


def _unlock_if_given(args: argparse.Namespace, folder: Path) -> None:
    """Unlock the protected dossier in ``folder`` when its passphrase is given (to show
    whose its backups are); a damaged key file is passed over (the backups are listed)."""
    if not is_protected(folder) or keyring.key_for(folder) is not None:
        return
    passphrase = given_only(args)
    if passphrase is not None:
        with contextlib.suppress(DamagedKeyFile):
            unlock(folder, passphrase)


# dossier backup-folder -----------------------------------------------------------------------
def cmd_backup_folder(args: argparse.Namespace) -> int:
    folder = _need_dossier(args)
    if args.folder and args.standard:
        raise UsageError(tr("Give a folder or --standard, not both."))
    identity: Identity | None = read_identity(folder)
    if args.folder or args.standard:
        identity = set_backup_folder(folder, Path(args.folder) if args.folder else None)
    root = identity.root if identity is not None else default_root()
    warn = same_drive(root, folder)
    if args.json:
        print_json(
            {"backup_folder": str(root), "standard": root == default_root(), "same_drive": warn}
        )
        return OK
    print(tr("Backups of this dossier go to {folder}.", folder=root))
    if warn:
        print(
            tr(
                "That is on the same drive as the dossier. A backup folder on another drive "
                "(a USB disk, say) also survives a broken disk."
            )
        )
    return OK


# dossier delete-backup BACKUP ------------------------------------------------------------------
def cmd_delete_backup(args: argparse.Namespace) -> int:
    info = find_backup(args)
    plan = plan_delete(info.path)
    if not args.yes:
        if args.json:
            print_json({**plan.as_dict(), "deleted": False})
            return OK
        _describe_deletion(plan)
        print(tr("Nothing was changed. To delete it, run the same command with --yes."))
        return OK
    try:
        result = delete_backup(info.path, even_newest=args.even_newest)
    except NewestBackup as exc:
        return fail(
            args,
            exc.message + " " + tr("To delete it all the same, add --even-newest."),
            REJECTED,
        )
    if args.json:
        print_json(result.as_dict())
        return OK
    print(tr("Deleted the backup made on {when}: {path}", when=when_text(info), path=info.path))
    if result.files_removed:
        print(
            "  "
            + tr(
                "Document files no other backup needs, removed from the backup folder: {n}.",
                n=result.files_removed,
            )
        )
    if plan.newest:
        print(_newest_left(plan))
    return OK


def _describe_deletion(plan: DeletePlan) -> None:
    info = plan.backup
    if info.good:
        if info.locked:
            print(
                tr(
                    "Backup of a dossier protected with a passphrase, made on {when}: {contents}.",
                    when=when_text(info),
                    contents=info.contents(),
                )
            )
        else:
            print(
                tr(
                    "Backup of the dossier of {person}, made on {when}: {contents}.",
                    person=info.person,
                    when=when_text(info),
                    contents=info.contents(),
                )
            )
    else:
        print(tr("Backup made on {when}: {problem}", when=when_text(info), problem=info.problem))
    print("  " + str(info.path))
    if plan.files_only_here:
        print(
            tr(
                "Deleting it would remove that folder, and {n} document files ({size}) that "
                "no other backup holds from the backup folder's shared files.",
                n=plan.files_only_here,
                size=size_text(plan.bytes_only_here),
            )
        )
    else:
        print(tr("Deleting it would remove that folder; the other backups keep their files."))
    if plan.newest:
        print(
            tr(
                "It is the newest good backup of this dossier: if the dossier were damaged, "
                "it is the one to restore. Deleting it also needs --even-newest."
            )
        )
        print(_newest_left(plan))


def _newest_left(plan: DeletePlan) -> str:
    if plan.next_newest is None:
        return tr("No good backup of this dossier would be left: make one with 'dossier backup'.")
    return tr(
        "The newest good backup would then be the one made on {when}.",
        when=when_text(plan.next_newest),
    )


COMMANDS = Commands(
    add=add_commands,
    standalone={
        "backup": cmd_backup,
        "backups": cmd_backups,
        "backup-folder": cmd_backup_folder,
        "delete-backup": cmd_delete_backup,
    },
)
