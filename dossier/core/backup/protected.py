"""Backups of a dossier protected with a passphrase (issue 18): they stay encrypted with the
dossier's own key, so a backup drive reveals nothing of the person.

* The database copy is made by SQLite's backup API between two SQLCipher connections
  given the same key (:mod:`.make`): it is encrypted as the dossier's is, and checked
  (``integrity_check``, ``cipher_integrity_check``) with that key.
* The vault's files are copied as they are, encrypted. Their keyed names are no hash of
  their content, so the backup folder's shared ``files/`` keeps each under the SHA-256 of
  the encrypted bytes, and every copy is checked against that.
* The key file, ``dossier.key``, is carried in the backup as it is: the passphrase (and
  the recovery sheet) in use when the backup was made open it.
* ``manifest.json`` keeps in plain only what says nothing of the person: when, by which
  version, how many cases, documents, files and bytes, and the fingerprint of the master
  key (as the key file does). The person's name, the dossier's folder and the backup
  folder are *sealed*: encrypted with AES-256-GCM under a key derived from the master key
  (padded, so their length says little), and shown once the dossier, or the backup with
  its passphrase, is unlocked. ``ABOUT.txt`` does not name the person either.

A backup's key file and sealed fields are someone else's input when read: bounded, checked
(the key file's fingerprint must be the one the manifest names), and refused plainly.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..crypto import keyring
from ..crypto.protected import KEY_FILE
from ..hashing import sha256_chunks
from ..i18n import tr
from ..untrusted import Untrusted, parse_json
from .errors import BackupError
from .files import Unreadable, read_inside, write_bytes
from .manifest import KEY_COPY_NAME, BackupInfo
from .pathjson import get_path, put_path

if TYPE_CHECKING:
    from ..crypto.keyfile import KeyFile
    from ..crypto.keys import MasterKey

SEAL_PURPOSE = b"second-opinion-dossier backup manifest v1"
KEY_FILE_MOST = 16_000  # crypto.keyfile.LIMITS: a key file is under 1 KB in truth
SEALED_MOST = 1 << 16  # the sealed fields, base64: a name and two paths
_NONCE_BYTES = 12
_PAD = 256  # the sealed text is padded to a multiple of this


class BackupLocked(BackupError):
    """A protected dossier's backup, and no unlocked dossier or key given has its key."""

    def __init__(self) -> None:
        super().__init__(
            tr(
                "This backup is of a dossier protected with a passphrase. Enter the "
                "passphrase (the dossier's current one, or the one it had when the backup "
                "was made) to restore it. Nothing was changed."
            )
        )


def backup_key(info: BackupInfo, given: MasterKey | None = None) -> MasterKey | None:
    """The master key of the protected backup ``info``: ``given`` when it is that key, else
    that of a dossier unlocked in this program with the same key; None when neither."""
    if not info.protected:
        return None
    if given is not None and given.key_id() == info.key_id:
        return given
    return keyring.key_with_id(info.key_id)


def needed_key(info: BackupInfo, given: MasterKey | None = None) -> MasterKey | None:
    """As :func:`backup_key`, but :class:`BackupLocked` for a protected backup without it."""
    key = backup_key(info, given)
    if info.protected and key is None:
        raise BackupLocked()
    return key


# Sealing the manifest's personal fields ------------------------------------------------------
def seal(
    key: MasterKey,
    dossier_id: str,
    person: str,
    dossier_path: str,
    backup_folder: str | None,
) -> dict[str, str]:
    """The person's name and the folders, encrypted under a key derived from ``key`` (bound
    to the dossier's id), as the manifest's ``protected.sealed`` holds them."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    fields: dict[str, Any] = {"person": person}
    put_path(fields, "dossier_path", dossier_path)
    put_path(fields, "backup_folder", backup_folder)
    text = json.dumps(fields, ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % _PAD)
    nonce = os.urandom(_NONCE_BYTES)
    data = AESGCM(_seal_key(key)).encrypt(nonce, text, _aad(dossier_id))
    return {"nonce": _b64(nonce), "data": _b64(data)}


def open_sealed(info: BackupInfo, given: MasterKey | None = None) -> BackupInfo:
    """``info`` with its sealed fields opened when its key is at hand (see
    :func:`backup_key`); else marked ``locked``. Sealed fields that do not open with the
    right key make it a backup that cannot be used (someone changed them)."""
    if not info.protected:
        return info
    key = backup_key(info, given)
    if key is None:
        return replace(info, locked=True)
    fields = _unseal(key, info)
    if fields is None:
        return replace(
            info,
            locked=True,
            problem=tr(
                "The description of this backup (manifest.json) was changed after it was made: "
                "its sealed part does not open with the dossier's key."
            ),
        )
    dossier_path = get_path(fields, "dossier_path")
    backup_folder = get_path(fields, "backup_folder")
    return replace(
        info,
        person=fields["person"],
        dossier_path=str(dossier_path) if dossier_path is not None else "",
        backup_folder=str(backup_folder) if backup_folder is not None else None,
        locked=False,
    )


def check_sealed(value: Any) -> dict[str, str]:
    """The manifest's ``protected.sealed`` checked for its form (not opened)."""
    if not isinstance(value, dict) or set(value) != {"nonce", "data"}:
        raise Untrusted(tr('"protected.sealed" must hold "nonce" and "data"'))
    for name in ("nonce", "data"):
        field = value[name]
        if not isinstance(field, str) or not field or len(field) > SEALED_MOST:
            raise Untrusted(tr('"protected.sealed.{name}" must be base64 text', name=name))
    return {"nonce": value["nonce"], "data": value["data"]}


def _unseal(key: MasterKey, info: BackupInfo) -> dict[str, Any] | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    sealed = info.sealed or {}
    try:
        nonce = base64.b64decode(sealed.get("nonce", "").encode("ascii"), validate=True)
        data = base64.b64decode(sealed.get("data", "").encode("ascii"), validate=True)
        if len(nonce) != _NONCE_BYTES:
            return None
        text = AESGCM(_seal_key(key)).decrypt(nonce, data, _aad(info.dossier_id))
        fields = parse_json(text, max_values=100)
    except (binascii.Error, UnicodeEncodeError, InvalidTag, Untrusted, ValueError):
        return None
    if not isinstance(fields, dict) or not isinstance(fields.get("person"), str):
        return None
    return fields


def _seal_key(key: MasterKey) -> bytes:
    from ..crypto.keys import derive

    return derive(key.raw, SEAL_PURPOSE)


def _aad(dossier_id: str) -> bytes:
    return SEAL_PURPOSE + b" " + dossier_id.encode("ascii", "replace")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# The key file ----------------------------------------------------------------------------------
def carry_key_file(dossier: Path, key: MasterKey, temp: Path) -> tuple[str, int]:
    """Copy the dossier's key file into the backup being made in ``temp``, checked to be a
    key file of ``key``; its SHA-256 and size."""
    try:
        data, parsed = _read_key_file(dossier, KEY_FILE, KEY_FILE_MOST)
    except (Unreadable, ValueError):
        parsed = None
    if parsed is None or parsed.key_id != key.key_id():
        raise BackupError(
            tr(
                "The key file of the dossier in {path} ({name}) is missing or damaged, so no "
                "backup was made. Your earlier backups are kept.",
                path=dossier,
                name=KEY_FILE,
            )
        )
    write_bytes(temp / KEY_COPY_NAME, data)
    if sha256_chunks(read_inside(temp, KEY_COPY_NAME, len(data))) != sha256_chunks([data]):
        raise BackupError(
            tr(
                "A file could not be copied correctly to {where}. The backup drive may be "
                "failing; choose another backup folder.",
                where=temp.parent.parent,
            )
        )
    return sha256_chunks([data]), len(data)


def backup_key_file(info: BackupInfo) -> tuple[bytes, KeyFile] | None:
    """The key file a protected backup carries, checked (its SHA-256 and size as the
    manifest says, a whole key file of the key the manifest names); None when it is not."""
    try:
        data, parsed = _read_key_file(info.path, KEY_COPY_NAME, info.key_file_size)
    except (Unreadable, ValueError):
        return None
    if sha256_chunks([data]) != info.key_file_sha256 or parsed.key_id != info.key_id:
        return None
    return data, parsed


def dossier_key_file(folder: Path, key_id: str) -> tuple[bytes, KeyFile] | None:
    """The key file of the protected dossier in ``folder`` when it is one of the master key
    ``key_id`` (the same dossier, its passphrase perhaps changed since); else None."""
    try:
        data, parsed = _read_key_file(folder, KEY_FILE, KEY_FILE_MOST)
    except (Unreadable, ValueError):
        return None
    return (data, parsed) if parsed.key_id == key_id else None


def _read_key_file(folder: Path, name: str, most: int) -> tuple[bytes, KeyFile]:
    """The bytes of the key file ``name`` below ``folder`` (never through a link, at most
    ``most`` bytes) and what they hold. Unreadable, or ValueError when it is no key file."""
    from ..crypto.keyfile import from_json

    data = b"".join(read_inside(folder, name, min(most, KEY_FILE_MOST)))
    if len(data) > min(most, KEY_FILE_MOST):
        raise ValueError("too large")
    try:
        parsed = from_json(parse_json(data, max_values=64, max_depth=4))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(str(exc)) from None
    return data, parsed


__all__ = [
    "BackupLocked",
    "backup_key",
    "backup_key_file",
    "carry_key_file",
    "check_sealed",
    "dossier_key_file",
    "needed_key",
    "open_sealed",
    "seal",
]
