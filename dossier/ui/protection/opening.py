"""Opening a dossier in the window: a protected one not unlocked yet asks for its
passphrase first (:mod:`.unlock_dialog`, loaded only then: with the ciphers).

A protected dossier whose key file is damaged cannot be unlocked by any passphrase: it is
said at once, as :class:`KeyFileDamaged`, a :class:`DossierDamagedError`, so the window
offers its newest good backup as it does for a damaged database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...core.crypto.protected import PassphraseNeeded, is_protected
from ...core.errors import DossierOpenError
from ...core.lock import DossierLock
from ...core.opening import open_dossier
from ...core.storage import Dossier, DossierDamagedError


class KeyFileDamaged(DossierDamagedError):
    """The key file of the protected dossier in ``path`` is damaged; ``message`` says so."""

    def __init__(self, folder: Path, message: str) -> None:
        super().__init__(folder)
        self.message = message
        self.args = (message,)


def open_unlocking(parent: QWidget, path: Path, lock: DossierLock) -> Dossier | None:
    """The dossier in ``path``, open, while the window holds its ``lock``; None when it is
    protected and the person did not unlock it. Raises the core's DossierError as opening
    does (:class:`KeyFileDamaged` for a damaged key file). When nothing is opened,
    ``lock`` is let go."""
    try:
        try:
            return open_dossier(path)
        except PassphraseNeeded as needed:
            from .unlock_dialog import ask_to_unlock

            _check_key_file(needed.path)  # no passphrase opens a damaged one: said now
            if ask_to_unlock(parent, needed.path):
                return open_dossier(path)
    except DossierOpenError as error:
        lock.release()
        _check_damaged_key_file(path, error)
        raise
    except BaseException:
        lock.release()
        raise
    lock.release()
    return None


def _check_key_file(folder: Path) -> None:
    from ...core.crypto.keyfile import read_key_file

    read_key_file(folder)  # DamagedKeyFile


def _check_damaged_key_file(folder: Path, error: DossierOpenError) -> None:
    """Raise :class:`KeyFileDamaged` when ``error`` is a damaged key file's."""
    if is_protected(folder):  # else the ciphers are not loaded, nor needed
        from ...core.crypto.keyfile import DamagedKeyFile

        if isinstance(error, DamagedKeyFile):
            raise KeyFileDamaged(folder, error.message) from error
