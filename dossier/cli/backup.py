"""``dossier``'s backup commands (issue 6).

Every backup command is standalone (see :class:`.common.Commands`): backups are listed
and restored without opening the dossier, so they work when its database is damaged.

``dossier restore BACKUP`` shares its name with ``dossier restore ENTITY ID`` (from the
trash); :func:`restore_from_backup` is called for it when no record number is given.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.backup import (
    BackupInfo,
    DeletePlan,
    Identity,
    NewestBackup,
    RestoreResult,
    delete_backup,
    describe_backup,
    known_backups,
    list_backups,
    make_backup,
    plan_delete,
    read_identity,
    restore_backup,
    same_drive,
    set_backup_folder,
    size_text,
    verify_backup,
)
from ..core.backup.identity import default_root
from ..core.backup.restore import refused
from ..core.entities import entity
from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.storage import is_dossier
from .args import path_text
from .common import (
    OK,
    REJECTED,
    AddCommand,
    Commands,
    UsageError,
    clean_up_interrupted,
    dossier_argument,
    fail,
    print_json,
)


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
    result = make_backup(folder)
    info = result.backup
    if args.json:
        print_json({**result.as_dict(), "backup_folder": str(info.path.parent.parent)})
        return OK
    if moved_to is not None:
        print(tr("From now on, backups of this dossier go to {folder}.", folder=moved_to))
    print(tr("Backup made: {path}", path=info.path))
    print("  " + info.contents())
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
    when = _when(backup)
    if not backup.good:
        refused = tr("cannot be restored")
        return f"{when}  {refused}: {backup.problem}\n    {backup.path}"
    who = f"{backup.person}  " if with_person else ""
    kind = tr("automatic") if backup.automatic else tr("made by hand")
    return f"{when}  {who}{backup.contents()}, {kind}\n    {backup.path}"


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


# dossier restore BACKUP --------------------------------------------------------------------
def restore_from_backup(args: argparse.Namespace) -> int:
    """``dossier restore BACKUP [--dossier PATH] [--yes]``: without --yes, only describe."""
    try:
        spec = entity(args.entity)
    except DossierError:
        spec = None
    if spec is not None:  # "dossier restore case" without its number
        raise UsageError(tr("Say which {entity}: give its number.", entity=tr(spec.label)))
    info = _find_backup(args)
    target = Path(args.dossier).absolute() if args.dossier else Path(info.dossier_path)
    if not info.good:
        return fail(args, refused(info.problem or "").message, REJECTED)
    if not args.yes:
        if args.json:
            print_json({"backup": info.as_dict(), "target": str(target), "restored": False})
            return OK
        print(
            tr(
                "Backup of the dossier of {person}, made on {when} (program version {version}).",
                person=info.person,
                when=_when(info),
                version=info.program_version,
            )
        )
        print(tr("It holds {contents}.", contents=info.contents()))
        print(tr("Restoring it would put it in {target}.", target=target))
        if (target / "dossier.sqlite").is_file():
            print(
                tr(
                    "The dossier there now would be kept beside it as "
                    "{name}.before-restore-<date>, not deleted.",
                    name=target.name,
                )
            )
        print(tr("Nothing was changed. To restore it, run the same command with --yes."))
        return OK
    clean_up_interrupted("restore")  # what a killed restore left, removed and named
    result = restore_backup(info.path, target)
    if args.json:
        print_json({**result.as_dict(), "restored": True})
        return OK
    print(
        tr(
            "Restored the backup made on {when} into {path}.",
            when=_when(info),
            path=result.path,
        )
    )
    if result.kept_aside is not None:
        print(tr("The dossier that was there is kept in {aside}.", aside=result.kept_aside))
    _print_missing(result)
    return OK


def _print_missing(result: RestoreResult) -> None:
    if result.missing:
        print(
            tr(
                "The files of these documents were neither in the backup nor in the dossier, "
                "so they are missing (the documents themselves are restored):"
            )
        )
        for missing in result.missing:
            print("  " + missing.label())
        print(
            tr(
                "'dossier check' lists them too. An older backup may still hold their files; "
                "or add the files again."
            )
        )
    if result.pictures_missing:
        print(
            tr(
                "Small pictures missing: {n}. 'dossier check --repair' makes them again.",
                n=result.pictures_missing,
            )
        )


# dossier delete-backup BACKUP ------------------------------------------------------------------
def cmd_delete_backup(args: argparse.Namespace) -> int:
    info = _find_backup(args)
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
    print(tr("Deleted the backup made on {when}: {path}", when=_when(info), path=info.path))
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
        print(
            tr(
                "Backup of the dossier of {person}, made on {when}: {contents}.",
                person=info.person,
                when=_when(info),
                contents=info.contents(),
            )
        )
    else:
        print(tr("Backup made on {when}: {problem}", when=_when(info), problem=info.problem))
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
        when=_when(plan.next_newest),
    )


def _when(info: BackupInfo) -> str:
    return info.made_at.replace("T", " ")[:16] or info.name


def _find_backup(args: argparse.Namespace) -> BackupInfo:
    """BACKUP: a backup folder, a backup's name from ``dossier backups``, or ``latest``."""
    given = args.entity
    path = Path(given)
    if path.is_dir():
        return describe_backup(path)
    if args.dossier:
        backups = list_backups(Path(args.dossier))
        if given == "latest":
            good = [b for b in backups if b.good]
            if good:
                return good[0]
            raise UsageError(tr("There is no usable backup of this dossier."))
        for backup in backups:
            if backup.name == given:
                return backup
    raise UsageError(
        tr(
            "There is no backup at {path}. Give a backup folder, or a name that "
            "'dossier backups --dossier PATH' lists, or 'latest'.",
            path=given,
        )
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
