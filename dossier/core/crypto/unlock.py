"""Setting up protection for a new dossier, and unlocking a protected one.

:func:`new_protection` makes what protecting a dossier needs: a new master key, a recovery
key for the sheet, and the key file holding the master key wrapped under both (the
passphrase's Argon2id parameters tuned to this machine). :func:`unlock` and
:func:`unlock_with_recovery` check a passphrase or a recovery key against a dossier's key
file and keep the master key in memory (:mod:`.keyring`) for every opening that follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import keyring
from .kdf import KdfParams, tuned_params
from .keyfile import KeyFile, new_key_file, read_key_file, write_key_file
from .keys import MasterKey, new_master_key
from .recovery import RecoveryKey, new_recovery_key, parse_recovery_key


@dataclass(frozen=True)
class Protection:
    """What protecting a dossier needs: its master key, its key file, and the recovery key
    to print on the recovery sheet (shown once, never stored)."""

    key: MasterKey
    key_file: KeyFile
    recovery: RecoveryKey


def new_protection(passphrase: str, *, params: KdfParams | None = None) -> Protection:
    """A new master key wrapped under ``passphrase`` and a new recovery key. ``params``:
    Argon2id's parameters (by default, tuned to about half a second here)."""
    key = new_master_key()
    recovery = new_recovery_key()
    key_file = new_key_file(key, passphrase, params or tuned_params(), recovery)
    return Protection(key, key_file, recovery)


def unlock(folder: Path | str, passphrase: str) -> MasterKey:
    """Unlock the protected dossier in ``folder`` with its passphrase, for this program's
    openings from now on. :class:`.keyfile.WrongPassphrase` when it is not the one;
    :class:`.keyfile.DamagedKeyFile` when the key file cannot be read."""
    folder = Path(folder).absolute()
    key = read_key_file(folder).unlock(passphrase)
    keyring.remember(folder, key)
    return key


def unlock_with_recovery(folder: Path | str, typed: str) -> MasterKey:
    """Unlock the protected dossier in ``folder`` with its recovery key as typed from the
    sheet. :class:`.recovery.RecoveryKeyError` names a typing slip;
    :class:`.keyfile.WrongRecoveryKey` a key of another dossier."""
    folder = Path(folder).absolute()
    recovery = parse_recovery_key(typed)
    key = read_key_file(folder).unlock_with_recovery(recovery)
    keyring.remember(folder, key)
    return key


def lock(folder: Path | str) -> None:
    """Forget the master key of the dossier in ``folder``: it must be unlocked again."""
    keyring.forget(Path(folder).absolute())


def set_passphrase(folder: Path | str, key: MasterKey, passphrase: str) -> None:
    """Wrap the master key of the (unlocked) dossier in ``folder`` under a new passphrase.
    Nothing is re-encrypted: the key file is replaced as a whole, so after a crash either
    passphrase opens the dossier, the old or the new."""
    folder = Path(folder).absolute()
    key_file = read_key_file(folder)
    write_key_file(folder, key_file.with_passphrase(key, passphrase, tuned_params()))


def new_recovery(folder: Path | str, key: MasterKey) -> RecoveryKey:
    """A new recovery key for the (unlocked) dossier in ``folder``, for a new sheet; the
    old sheet no longer opens it once the key file is replaced."""
    folder = Path(folder).absolute()
    recovery = new_recovery_key()
    write_key_file(folder, read_key_file(folder).with_recovery(key, recovery))
    return recovery


__all__ = [
    "Protection",
    "lock",
    "new_protection",
    "new_recovery",
    "set_passphrase",
    "unlock",
    "unlock_with_recovery",
]
