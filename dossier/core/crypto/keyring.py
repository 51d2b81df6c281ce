"""The master keys of the protected dossiers this program has unlocked, in memory only.

Unlocking a dossier (its passphrase or recovery key checked against its key file) puts its
master key here, under the dossier folder's real path; every later opening in the same
process (the window's workers, a check, a print) finds it here, so the person is asked
once. It is kept until :func:`dossier.core.crypto.unlock.lock` forgets it, or the program
ends: closing the dossier keeps it for the backup made on closing, and locking the window
keeps the dossier open behind the lock screen, which asks for the passphrase again.
Nothing here is ever written anywhere.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the key's module loads the cryptography library: not for every start
    from .keys import MasterKey

_lock = threading.Lock()
_keys: dict[str, MasterKey] = {}


def _name(folder: Path | str) -> str:
    return os.path.realpath(folder)


def remember(folder: Path | str, key: MasterKey) -> None:
    """Keep ``key`` as the master key of the dossier in ``folder``."""
    with _lock:
        _keys[_name(folder)] = key


def key_for(folder: Path | str) -> MasterKey | None:
    """The master key of the dossier in ``folder`` when it was unlocked, else None."""
    with _lock:
        return _keys.get(_name(folder))


def key_with_id(key_id: str) -> MasterKey | None:
    """The master key of an unlocked dossier whose fingerprint (:meth:`MasterKey.key_id`)
    is ``key_id``, else None: a backup names the key it is encrypted with by it."""
    with _lock:
        keys = list(_keys.values())
    return next((key for key in keys if key.key_id() == key_id), None)


def forget(folder: Path | str) -> None:
    """Forget the master key of the dossier in ``folder`` (it must be unlocked again)."""
    with _lock:
        _keys.pop(_name(folder), None)


def forget_all() -> None:
    """Forget every master key (the program ends, or a test starts afresh)."""
    with _lock:
        _keys.clear()


__all__ = ["forget", "forget_all", "key_for", "key_with_id", "remember"]
