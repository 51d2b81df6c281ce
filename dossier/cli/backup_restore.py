"""``dossier restore BACKUP``: describe a backup, then (``--yes``) restore it; and what the
backup commands share (finding a backup, saying when and whose it is).

``dossier restore BACKUP`` shares its name with ``dossier restore ENTITY ID`` (from the
trash); :func:`restore_from_backup` is called for it when no record number is given.

A protected dossier's backup is described with what can be read without its passphrase
(when it was made, what it holds) and, given the passphrase by file or in the environment,
whose it is and where it goes back. Restoring it (``--yes``) needs the passphrase: the
dossier's current one opens the dossier's key file (when it still has the same key, found
by ``--dossier`` or by this computer's list of dossiers), the one of the day the backup
was made opens the backup's own.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core.backup import (
    BackupInfo,
    BackupLocked,
    RestoreResult,
    describe_backup,
    list_backups,
    registry,
    restore_backup,
    unlock_backup,
)
from ..core.backup.pathjson import get_path
from ..core.backup.protected import backup_key, dossier_key_file
from ..core.backup.restore import refused
from ..core.crypto.keyfile import DamagedKeyFile, WrongPassphrase
from ..core.crypto.keys import MasterKey
from ..core.crypto.protected import is_protected
from ..core.crypto.unlock import unlock
from ..core.entities import entity
from ..core.errors import DossierError
from ..core.i18n import tr
from .common import OK, REJECTED, UsageError, clean_up_interrupted, fail, print_json
from .passphrase import ENV, given_passphrase


def whose(backup: BackupInfo) -> str:
    """The person's name, or, for a protected dossier's backup not unlocked, what it is."""
    return tr("protected dossier") if backup.locked else backup.person


def given_only(args: argparse.Namespace) -> str | None:
    """The passphrase given by file or in the environment (never asked); None."""
    if getattr(args, "passphrase_file", None) or os.environ.get(ENV):
        return given_passphrase(args)
    return None


def _open_backup(
    args: argparse.Namespace, info: BackupInfo, *, ask: bool
) -> tuple[BackupInfo, MasterKey | None]:
    """A protected dossier's backup opened with its key, when the passphrase is given (or,
    with ``ask``, asked); ``info`` as it is otherwise."""
    if not info.protected or not info.good:
        return info, None
    key = backup_key(info)
    if key is None:
        passphrase = given_passphrase(args) if ask else given_only(args)
        if passphrase is None:
            return info, None
        key = _unlock_backup(args, info, passphrase)
    return describe_backup(info.path, key), key


def _unlock_backup(args: argparse.Namespace, info: BackupInfo, passphrase: str) -> MasterKey:
    """The backup's master key from ``passphrase``: the dossier's current one opens the
    dossier's key file (when that is still of the same key), the one of the day the
    backup was made opens the backup's."""
    places = [Path(args.dossier).absolute()] if args.dossier else []
    known = registry.entry(info.dossier_id)
    where = get_path(known, "path") if known else None
    if where is not None:
        places.append(where)
    for place in places:
        if dossier_key_file(place, info.key_id) is not None:
            try:
                return unlock(place, passphrase)
            except (WrongPassphrase, DamagedKeyFile):
                continue
    return unlock_backup(info.path, passphrase)


# dossier restore BACKUP --------------------------------------------------------------------
def restore_from_backup(args: argparse.Namespace) -> int:
    """``dossier restore BACKUP [--dossier PATH] [--yes]``: without --yes, only describe."""
    try:
        spec = entity(args.entity)
    except DossierError:
        spec = None
    if spec is not None:  # "dossier restore case" without its number
        raise UsageError(tr("Say which {entity}: give its number.", entity=tr(spec.label)))
    info = find_backup(args)
    if not info.good:
        return fail(args, refused(info.problem or "").message, REJECTED)
    info, key = _open_backup(args, info, ask=args.yes)
    if not info.good:
        return fail(args, refused(info.problem or "").message, REJECTED)
    target = (
        Path(args.dossier).absolute()
        if args.dossier
        else (Path(info.dossier_path) if info.dossier_path else None)
    )
    if not args.yes:
        if args.json:
            print_json(
                {
                    "backup": info.as_dict(),
                    "target": str(target) if target is not None else None,
                    "restored": False,
                }
            )
            return OK
        _describe_restore(info, target)
        print(tr("Nothing was changed. To restore it, run the same command with --yes."))
        return OK
    if info.protected and key is None:
        raise BackupLocked()
    clean_up_interrupted("restore")  # what a killed restore left, removed and named
    result = restore_backup(info.path, target, key=key)
    if args.json:
        print_json({**result.as_dict(), "restored": True})
        return OK
    print(
        tr(
            "Restored the backup made on {when} into {path}.",
            when=when_text(info),
            path=result.path,
        )
    )
    if result.kept_aside is not None:
        print(tr("The dossier that was there is kept in {aside}.", aside=result.kept_aside))
    _print_protection(result)
    _print_missing(result)
    _refresh_calendar(result.path)
    return OK


def _refresh_calendar(path: Path) -> None:
    """The calendar file kept up to date for the dossier restored, made again from it. A
    protected dossier not unlocked in this process waits for its next change."""
    from ..core.crypto.protected import PassphraseNeeded
    from ..core.ical.feed import get_feed
    from ..core.opening import open_dossier
    from .calendar import refresh_after_change

    if get_feed(path) is None:
        return
    try:
        with open_dossier(path) as restored:
            refresh_after_change(restored)
    except (PassphraseNeeded, DossierError, OSError):
        return  # the restore stands; the file follows at the next change


def _describe_restore(info: BackupInfo, target: Path | None) -> None:
    if info.locked:
        print(
            tr(
                "Backup of a dossier protected with a passphrase, made on {when} (program "
                "version {version}).",
                when=when_text(info),
                version=info.program_version,
            )
        )
    else:
        print(
            tr(
                "Backup of the dossier of {person}, made on {when} (program version {version}).",
                person=info.person,
                when=when_text(info),
                version=info.program_version,
            )
        )
    print(tr("It holds {contents}.", contents=info.contents()))
    if info.protected:
        print(
            tr(
                "It is encrypted with the dossier's key: restoring it needs the dossier's "
                "passphrase (its current one, or the one it had when the backup was made)."
            )
        )
    if target is None:
        print(
            tr(
                "Restoring it would put it back in the dossier's folder, which is said once "
                "its passphrase is given (--passphrase-file FILE or {env}), or into "
                "--dossier PATH.",
                env=ENV,
            )
        )
        return
    print(tr("Restoring it would put it in {target}.", target=target))
    if (target / "dossier.sqlite").is_file():
        print(
            tr(
                "The dossier there now would be kept beside it as "
                "{name}.before-restore-<date>, not deleted.",
                name=target.name,
            )
        )
        if not info.protected and is_protected(target):
            print(
                tr(
                    "This backup was made before the dossier was protected with a passphrase: "
                    "the dossier would come back as it was then, not protected."
                )
            )


def _print_protection(result: RestoreResult) -> None:
    if result.key_file == "current":
        print(
            tr(
                "It is protected with a passphrase, as before: the dossier's key file is "
                "kept, so its current passphrase opens it."
            )
        )
    elif result.key_file == "backup":
        print(
            tr(
                "It is protected with a passphrase: the key file in the backup came back with "
                "it, so the passphrase (and the recovery sheet) in use when the backup was "
                "made open it."
            )
        )
    elif result.protection_removed:
        print(
            tr(
                "This backup was made before the dossier was protected with a passphrase, so "
                "the restored dossier is not protected (the protected one is kept aside, as "
                "said above). To protect it again: dossier protect --dossier {path}",
                path=result.path,
            )
        )


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


def when_text(info: BackupInfo) -> str:
    return info.made_at.replace("T", " ")[:16] or info.name


def find_backup(args: argparse.Namespace) -> BackupInfo:
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
