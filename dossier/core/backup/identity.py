"""Which backups belong to a dossier, and where they go.

Every dossier that has been backed up carries ``backup.json`` in its folder::

    {"format": 1, "dossier_id": "3f2a…", "backup_folder": "/media/usb/Backups" | null,
     "folders_used": ["/media/usb/Backups", …]}

``dossier_id`` is a random identity made at the first backup. It travels with the folder,
so the backups are found again after the dossier is moved or renamed, and it is read
without opening the database, so a dossier whose database is damaged still finds them.
The same facts are mirrored in this computer's registry (:mod:`.registry`), which also
finds the backups when ``backup.json`` is lost.

A *copy* of a dossier folder (the original still in its place, with the same id) gets a
new id the first time it is backed up, so the two never share or rotate each other's
backups. The backups of a dossier are in ``<backup folder>/<dossier_id>/``; the backup
folder is the one chosen for it, else ``<data dir>/backups``.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..i18n import tr
from ..storage import DB_NAME, is_dossier
from . import registry
from .errors import BackupError
from .files import read_json, write_json
from .pathjson import get_path, get_paths, put_path, put_paths

IDENTITY_NAME = "backup.json"
_ID_RE = re.compile(r"^[0-9a-f]{32}\Z")


def default_root() -> Path:
    """Where backups go unless another folder was chosen."""
    return paths.data_dir() / "backups"


@dataclass(frozen=True)
class Identity:
    dossier_id: str
    backup_folder: Path | None  # chosen; None: the standard place (default_root())
    folders_used: tuple[Path, ...] = ()

    @property
    def root(self) -> Path:
        return self.backup_folder if self.backup_folder is not None else default_root()

    @property
    def store(self) -> Path:
        """The folder that holds this dossier's backups now."""
        return self.root / self.dossier_id

    def stores(self) -> list[Path]:
        """Every folder that may hold backups of this dossier, the current one first."""
        found: list[Path] = []
        for root in (self.root, default_root(), *self.folders_used):
            store = root / self.dossier_id
            if store not in found:
                found.append(store)
        return found

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": 1, "dossier_id": self.dossier_id}
        data.update(self.folders_json())
        return data

    def folders_json(self) -> dict[str, Any]:
        """The backup folder and the folders used, as written in JSON (:mod:`.pathjson`)."""
        data: dict[str, Any] = {}
        put_path(data, "backup_folder", self.backup_folder)
        put_paths(data, "folders_used", self.folders_used)
        return data


def read_identity(folder: Path) -> Identity | None:
    """The identity of the dossier in ``folder``, writing nothing; None if it has none yet."""
    found = identity_from(read_json(Path(folder) / IDENTITY_NAME))
    if found is not None:
        return found
    known = registry.find_by_path(Path(folder))
    return identity_from({**known[1], "dossier_id": known[0]}) if known else None


def ensure_identity(folder: Path, *, person: str | None = None) -> Identity:
    """The identity of the dossier in ``folder``, made (or renewed for a copy) when needed."""
    folder = Path(folder).absolute()
    found = identity_from(read_json(folder / IDENTITY_NAME))
    if found is not None and is_copy(folder, found):
        found = Identity(uuid.uuid4().hex, found.backup_folder, found.folders_used)
        _write_if_possible(folder, found)
    elif found is None:
        known = registry.find_by_path(folder)
        remembered = identity_from({**known[1], "dossier_id": known[0]}) if known else None
        found = remembered or Identity(uuid.uuid4().hex, None)
        _write_if_possible(folder, found)
    _remember(folder, found, person)
    return found


def set_backup_folder(folder: Path, target: Path | None) -> Identity:
    """Make backups of the dossier in ``folder`` go to ``target`` (None: the standard place).

    Earlier backups stay where they are and are still listed and restorable.
    """
    folder = Path(folder).absolute()
    current = ensure_identity(folder)
    chosen = check_backup_folder(folder, target) if target is not None else None
    used = [p for p in (*current.folders_used, current.root) if p != (chosen or default_root())]
    updated = Identity(current.dossier_id, chosen, tuple(dict.fromkeys(used)))
    _write(folder, updated)
    _remember(folder, updated, None)
    return updated


def check_backup_folder(dossier_folder: Path, target: Path) -> Path:
    """``target`` made absolute, created and tried; a BackupError says why it cannot be used."""
    target = Path(os.path.expanduser(str(target))).absolute()
    inside = (
        _resolved(target) == _resolved(dossier_folder)
        or _resolved(dossier_folder) in _resolved(target).parents
    )
    if inside:
        raise BackupError(
            tr(
                "Choose a folder outside the dossier: a backup kept inside it "
                "would be lost together with it."
            )
        )
    if target.exists() and not target.is_dir():
        raise BackupError(tr("{path} is a file, not a folder. Choose a folder.", path=target))
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / f".backup-probe-{uuid.uuid4().hex[:8]}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        raise BackupError(
            tr(
                "The program cannot write in {path}. Choose a folder you may write in "
                "(and check that its drive is connected).",
                path=target,
            )
        ) from None
    return target


def same_drive(first: Path, second: Path) -> bool:
    """True when both folders are on the same drive (a disk failure would take both)."""
    try:
        return _existing(first).stat().st_dev == _existing(second).stat().st_dev
    except OSError:
        return False


def _existing(path: Path) -> Path:
    path = Path(path).absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def is_copy(folder: Path, found: Identity) -> bool:
    """True when ``folder`` is a copy: the id's registered folder, elsewhere, still holds it."""
    known = registry.entry(found.dossier_id)
    other = get_path(known, "path") if known else None
    if other is None or _resolved(other) == _resolved(folder):
        return False
    if not (other / DB_NAME).is_file() or not is_dossier(other):
        return False  # moved: the old place is gone
    twin = identity_from(read_json(other / IDENTITY_NAME))
    return twin is not None and twin.dossier_id == found.dossier_id


def _write(folder: Path, identity: Identity) -> None:
    write_json(folder / IDENTITY_NAME, identity.as_json())


def _write_if_possible(folder: Path, identity: Identity) -> None:
    """A read-only dossier folder keeps no ``backup.json``: the registry remembers it then."""
    with contextlib.suppress(OSError):
        _write(folder, identity)


def _remember(folder: Path, identity: Identity, person: str | None) -> None:
    fields = identity.folders_json()
    put_path(fields, "path", folder)
    if person is not None:
        fields["person"] = person
    registry.update(identity.dossier_id, **fields)


def identity_from(data: Any) -> Identity | None:
    """The identity ``data`` describes (``backup.json``, or an entry of the registry with
    its id); None when it is not one. Folders that are not absolute paths are left out."""
    if not isinstance(data, dict):
        return None
    dossier_id = data.get("dossier_id")
    if not is_dossier_id(dossier_id):
        return None
    return Identity(
        str(dossier_id), get_path(data, "backup_folder"), get_paths(data, "folders_used")
    )


def is_dossier_id(value: Any) -> bool:
    return isinstance(value, str) and _ID_RE.match(value) is not None
