"""The key file of a protected dossier, ``dossier.key``: the master key, wrapped.

A small JSON file beside the database. It holds the master key twice, each time encrypted
with AES-256-GCM under a key of its own ("wrapped"):

* under the key the passphrase makes with Argon2id (:mod:`.kdf`, parameters stored here);
* under the key the recovery key makes (:mod:`.recovery`; it is 128 random bits, so HKDF
  is enough).

Either opens the dossier. A new passphrase rewraps the master key and replaces this file
as a whole (:mod:`..atomic_write`): after a crash it is the old file or the new one, and
either opens the dossier. A wrong passphrase is told apart from a damaged file: AES-GCM's
tag fails for the first, the file's own form for the second.

The file is someone else's input when a dossier is opened: it is read bounded
(:mod:`..bounded_json`), every field checked, the Argon2id parameters kept within
:data:`.kdf.LIMITS` before any work is done.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..atomic_write import write_atomically
from ..bounded_json import JsonLimits, JsonRefused, load_file
from ..errors import DossierOpenError
from ..i18n import tr
from .kdf import KdfParams, derive_key
from .keys import KEY_BYTES, MasterKey, derive
from .protected import KEY_FILE, is_protected
from .recovery import RecoveryKey

FORMAT = "second-opinion-dossier key"
VERSION = 1
NONCE_BYTES = 12
LIMITS = JsonLimits(max_bytes=16_000, max_depth=4, max_items=64)
_AAD = b"second-opinion-dossier master key v1 "


class WrongPassphrase(DossierOpenError):
    """The passphrase does not open this dossier (never a sign of damage)."""

    def __init__(self) -> None:
        super().__init__(
            tr(
                "Wrong passphrase. Check that Caps Lock is off and the keyboard is set to the "
                "right language, then try again. Nothing was changed."
            )
        )


class WrongRecoveryKey(DossierOpenError):
    """A recovery key typed without a slip that is not this dossier's."""

    def __init__(self) -> None:
        super().__init__(
            tr(
                "This recovery key does not open this dossier. Check that the sheet is the one "
                "printed for this dossier. Nothing was changed."
            )
        )


class DamagedKeyFile(DossierOpenError):
    """The key file is missing parts, altered or not ours: the dossier cannot be unlocked."""

    def __init__(self, folder: Path, why: str) -> None:
        super().__init__(
            tr(
                "The key file of the protected dossier in {path} ({name}) is damaged, so the "
                "dossier cannot be opened. Nothing was changed. Restore the dossier from a "
                "backup.",
                path=folder,
                name=KEY_FILE,
            )
        )
        self.why = why


@dataclass(frozen=True)
class Wrapping:
    """The master key encrypted under one key: its salt (and Argon2id's parameters for a
    passphrase), the nonce and the ciphertext with its tag."""

    kind: str  # "passphrase" or "recovery"
    salt: bytes
    nonce: bytes
    wrapped: bytes
    params: KdfParams | None = None  # for "passphrase"

    def open(self, kek: bytes) -> bytes | None:
        """The master key's bytes, or None when ``kek`` is not the right key."""
        try:
            return AESGCM(kek).decrypt(self.nonce, self.wrapped, _AAD + self.kind.encode())
        except InvalidTag:
            return None


@dataclass(frozen=True)
class KeyFile:
    """What ``dossier.key`` holds: the master key's fingerprint and its wrappings."""

    key_id: str
    passphrase: Wrapping
    recovery: Wrapping | None

    def unlock(self, passphrase: str) -> MasterKey:
        """The master key; :class:`WrongPassphrase` when the passphrase is not this one's."""
        params = self.passphrase.params
        assert params is not None
        raw = self.passphrase.open(derive_key(passphrase, params))
        if raw is None:
            raise WrongPassphrase()
        return MasterKey(raw)

    def unlock_with_recovery(self, recovery: RecoveryKey) -> MasterKey:
        """The master key opened with the recovery key; :class:`WrongRecoveryKey` else."""
        if self.recovery is None:
            raise WrongRecoveryKey()
        raw = self.recovery.open(_recovery_kek(recovery, self.recovery.salt))
        if raw is None:
            raise WrongRecoveryKey()
        return MasterKey(raw)

    def with_passphrase(self, master: MasterKey, passphrase: str, params: KdfParams) -> KeyFile:
        """This key file with the master key wrapped under a new passphrase."""
        return replace(self, passphrase=_wrap_passphrase(master, passphrase, params))

    def with_recovery(self, master: MasterKey, recovery: RecoveryKey) -> KeyFile:
        """This key file with a new recovery key (the old sheet no longer opens it)."""
        return replace(self, recovery=_wrap_recovery(master, recovery))


def new_key_file(
    master: MasterKey, passphrase: str, params: KdfParams, recovery: RecoveryKey | None
) -> KeyFile:
    """The key file of a newly protected dossier."""
    return KeyFile(
        key_id=master.key_id(),
        passphrase=_wrap_passphrase(master, passphrase, params),
        recovery=_wrap_recovery(master, recovery) if recovery is not None else None,
    )


def _recovery_kek(recovery: RecoveryKey, salt: bytes) -> bytes:
    return derive(recovery.raw, b"second-opinion-dossier recovery key v1", salt=salt)


def _wrap(kind: str, kek: bytes, master: MasterKey, salt: bytes, **extra: Any) -> Wrapping:
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, master.raw, _AAD + kind.encode())
    return Wrapping(kind, salt, nonce, wrapped, **extra)


def _wrap_passphrase(master: MasterKey, passphrase: str, params: KdfParams) -> Wrapping:
    kek = derive_key(passphrase, params)
    return _wrap("passphrase", kek, master, params.salt, params=params)


def _wrap_recovery(master: MasterKey, recovery: RecoveryKey) -> Wrapping:
    salt = os.urandom(16)
    return _wrap("recovery", _recovery_kek(recovery, salt), master, salt)


def write_key_file(folder: Path, key_file: KeyFile) -> None:
    """Replace ``folder``'s key file with ``key_file`` as a whole, durably."""
    text = json.dumps(to_json(key_file), indent=1, sort_keys=True) + "\n"
    write_atomically(folder, KEY_FILE, text.encode("utf-8"))


def read_key_file(folder: Path) -> KeyFile:
    """The key file of the protected dossier in ``folder``; :class:`DamagedKeyFile` for
    anything that is not a whole, well-formed key file of ours."""
    try:
        data = load_file(folder / KEY_FILE, LIMITS)
    except (OSError, JsonRefused) as exc:
        raise DamagedKeyFile(folder, str(exc)) from exc
    try:
        return from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedKeyFile(folder, str(exc) or type(exc).__name__) from exc


def to_json(key_file: KeyFile) -> dict[str, Any]:
    """The key file as JSON values (binary fields in base64)."""
    wrappings = [key_file.passphrase] + ([key_file.recovery] if key_file.recovery else [])
    return {
        "format": FORMAT,
        "version": VERSION,
        "key_id": key_file.key_id,
        "wrappings": {w.kind: _wrapping_json(w) for w in wrappings},
    }


def _wrapping_json(wrapping: Wrapping) -> dict[str, Any]:
    out: dict[str, Any] = {
        "salt": _b64(wrapping.salt),
        "nonce": _b64(wrapping.nonce),
        "wrapped": _b64(wrapping.wrapped),
    }
    if wrapping.params is not None:
        out |= {
            "kdf": "argon2id",
            "passes": wrapping.params.passes,
            "memory_kib": wrapping.params.memory_kib,
            "lanes": wrapping.params.lanes,
        }
    return out


def from_json(data: Any) -> KeyFile:
    """A key file from JSON values; ValueError (or KeyError, TypeError) for anything else."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a key file of this program")
    if data.get("version") != VERSION:
        raise ValueError(f"version {data.get('version')!r}")
    key_id = _text(data["key_id"], 16)
    wrappings = data["wrappings"]
    if not isinstance(wrappings, dict) or not set(wrappings) <= {"passphrase", "recovery"}:
        raise ValueError("wrappings")
    passphrase = _wrapping("passphrase", wrappings["passphrase"])
    recovery = _wrapping("recovery", wrappings["recovery"]) if "recovery" in wrappings else None
    return KeyFile(key_id, passphrase, recovery)


def _wrapping(kind: str, data: Any) -> Wrapping:
    if not isinstance(data, dict):
        raise TypeError(kind)
    salt = _bytes(data["salt"], 16, 64)
    nonce = _bytes(data["nonce"], NONCE_BYTES, NONCE_BYTES)
    wrapped = _bytes(data["wrapped"], KEY_BYTES + 16, KEY_BYTES + 16)
    if kind == "recovery":
        return Wrapping(kind, salt, nonce, wrapped)
    if data.get("kdf") != "argon2id":
        raise ValueError(f"key derivation {data.get('kdf')!r}")
    numbers = [data[k] for k in ("passes", "memory_kib", "lanes")]
    if not all(type(n) is int for n in numbers):
        raise TypeError("parameters")
    params = KdfParams(numbers[0], numbers[1], numbers[2], salt)
    problem = params.problem()
    if problem is not None:
        raise ValueError(problem)
    return Wrapping(kind, salt, nonce, wrapped, params)


def _text(value: Any, length: int) -> str:
    if not isinstance(value, str) or len(value) != length:
        raise ValueError("key id")
    int(value, 16)
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _bytes(value: Any, shortest: int, longest: int) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * longest:
        raise ValueError("binary field")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("binary field") from exc
    if not shortest <= len(raw) <= longest:
        raise ValueError("binary field length")
    return raw


__all__ = [
    "KEY_FILE",
    "DamagedKeyFile",
    "KeyFile",
    "Wrapping",
    "WrongPassphrase",
    "WrongRecoveryKey",
    "is_protected",
    "new_key_file",
    "read_key_file",
    "to_json",
    "write_key_file",
]
