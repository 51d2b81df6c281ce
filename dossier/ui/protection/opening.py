"""Opening a dossier in the window: a protected one not unlocked yet asks for its
passphrase first (:mod:`.unlock_dialog`, loaded only then: with the ciphers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...core.crypto.protected import PassphraseNeeded
from ...core.lock import DossierLock
from ...core.opening import open_dossier
from ...core.storage import Dossier


def open_unlocking(parent: QWidget, path: Path, lock: DossierLock) -> Dossier | None:
    """The dossier in ``path``, open, while the window holds its ``lock``; None when it is
    protected and the person did not unlock it. Raises the core's DossierError as opening
    does. When nothing is opened, ``lock`` is let go."""
    try:
        try:
            return open_dossier(path)
        except PassphraseNeeded as needed:
            from .unlock_dialog import ask_to_unlock

            if ask_to_unlock(parent, needed.path):
                return open_dossier(path)
    except BaseException:
        lock.release()
        raise
    lock.release()
    return None
