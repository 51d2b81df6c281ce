"""The switch of a conversion (:mod:`.convert`): carrying it through after its moment, or
removing one that did not reach it. Here apart, because opening a dossier does it first
(``Dossier.connect``), and :mod:`..storage` cannot import the conversion itself.

The new dossier waits in ``.converted/`` (with ``conversion.json`` saying which way);
the old database, its journal files, vault and key file are moved into ``.converted/old``
and the new ones moved in (a key file that goes, last). Then ``.converted/`` is renamed to
``.converted-done/`` and removed: a crash while it is being removed leaves a name that
says so. Every step can be done again after a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

# The dossier's own names (storage.DB_NAME and VAULT_NAME, protected.KEY_FILE; a test
# checks they agree): storage imports this module.
DB_NAME, VAULT_NAME, KEY_FILE = "dossier.sqlite", "vault", "dossier.key"
STAGING = ".converting"
READY = ".converted"
DONE = ".converted-done"
MANIFEST = "conversion.json"
OLD = "old"
PROTECT, UNPROTECT = "protect", "unprotect"


def finish_conversion(folder: Path) -> bool:
    """Carry through a conversion that reached its switch (see the module's text), or
    remove one that did not; True when a conversion was finished. Safe to call at any
    time; does nothing on a drive that cannot be written to."""
    for leftover in (DONE, STAGING):
        if os.path.lexists(folder / leftover) and not os.path.lexists(folder / READY):
            with contextlib.suppress(OSError):
                remove(folder / leftover)
    ready = folder / READY
    if not ready.is_dir() or ready.is_symlink() or not os.access(folder, os.W_OK):
        return False
    try:
        direction = json.loads((ready / MANIFEST).read_text())["direction"]
    except (OSError, ValueError, KeyError, TypeError):
        return False  # not a conversion of ours: left alone
    if direction not in (PROTECT, UNPROTECT):
        return False
    old = ready / OLD
    old.mkdir(exist_ok=True)
    for side in (f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        _move_aside(folder / side, old)
    names = [DB_NAME, VAULT_NAME] + ([KEY_FILE] if direction == PROTECT else [])
    for name in names:
        if os.path.lexists(ready / name):
            _move_aside(folder / name, old)
            os.rename(ready / name, folder / name)
    if direction == UNPROTECT:
        _move_aside(folder / KEY_FILE, old)  # last: until now the dossier asked for it
    fsync(folder)
    os.rename(ready, folder / DONE)
    fsync(folder)
    remove(folder / DONE)
    return True


def _move_aside(path: Path, old: Path) -> None:
    if os.path.lexists(path) and not os.path.lexists(old / path.name):
        os.rename(path, old / path.name)


def fsync(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    """Remove ``path``: a link or a file as itself, a folder with what it holds (links in
    it removed, never followed)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path)


__all__ = ["finish_conversion", "fsync", "remove"]
