"""Finding backups: those of one dossier (in every folder it used), or of every dossier
this computer knows, and whether an automatic backup is due today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import clock
from . import registry
from .files import real_folder
from .identity import Identity, default_root, identity_from, is_dossier_id, read_identity
from .make import BackupResult, Cancel, Progress, make_backup
from .manifest import BackupInfo
from .pathjson import get_path
from .store import Store


def list_backups(folder: Path | str) -> list[BackupInfo]:
    """Every backup of the dossier in ``folder`` (good or not), newest first.

    Reads only: works for a dossier whose database is damaged, or whose folder is gone
    (through this computer's registry).
    """
    identity = read_identity(Path(folder).absolute())
    return _backups_of(identity) if identity is not None else []


def newest_good_backup(folder: Path | str) -> BackupInfo | None:
    return next((b for b in list_backups(folder) if b.good), None)


def backup_due(folder: Path | str, today: date | None = None) -> bool:
    """True unless a good backup made today (or later) is in the dossier's backup folder."""
    identity = read_identity(Path(folder).absolute())
    if identity is None:
        return True
    day = today or clock.today()
    try:
        made = [b.made_on for b in Store(identity.store).backups() if b.good]
    except OSError:
        return True
    return not any(d >= day for d in made)


def auto_backup(
    folder: Path | str,
    today: date | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupResult | None:
    """The automatic backup: made when none was made today; None when not due."""
    if not backup_due(folder, today):
        return None
    return make_backup(folder, automatic=True, today=today, progress=progress, cancel=cancel)


def known_backups() -> list[BackupInfo]:
    """The backups of every dossier this computer knows (for when a dossier is lost)."""
    identities: dict[str, Identity] = {}
    for dossier_id, item in registry.entries().items():
        path = get_path(item, "path")
        found = read_identity(path) if path is not None else None
        if found is None or found.dossier_id != dossier_id:
            found = identity_from({**item, "dossier_id": dossier_id})
        if found is not None:
            identities[dossier_id] = found
    try:
        for store in default_root().iterdir():
            if store.name not in identities and is_dossier_id(store.name) and real_folder(store):
                identities[store.name] = Identity(store.name, None)
    except OSError:
        pass
    found_backups: list[BackupInfo] = []
    for identity in identities.values():
        found_backups.extend(_backups_of(identity))
    return _newest_first(found_backups)


def _backups_of(identity: Identity) -> list[BackupInfo]:
    found: dict[Path, BackupInfo] = {}
    for root in identity.stores():
        try:
            for backup in Store(root).backups():
                found.setdefault(backup.path, backup)
        except OSError:  # a drive not connected now
            continue
    return _newest_first(list(found.values()))


def _newest_first(backups: list[BackupInfo]) -> list[BackupInfo]:
    return sorted(backups, key=lambda b: (b.made_at, str(b.path)), reverse=True)
