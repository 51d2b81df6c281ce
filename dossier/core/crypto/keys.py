"""The master key of a protected dossier and the keys made from it.

One random 256-bit master key protects a dossier. It is never stored as it is: the key file
(:mod:`.keyfile`) keeps it wrapped, once under the passphrase and once under the recovery
key, so changing the passphrase rewraps 32 bytes and re-encrypts nothing. The keys that do
the work are derived from it with HKDF-SHA256, one per use, so no key serves two ciphers:

* the database key, handed to SQLCipher as a raw key (SQLCipher's own PBKDF2 is skipped:
  the master key is random, and the passphrase was stretched with Argon2id already);
* the file key, from which :mod:`.stream` derives a key per vault file;
* the name key: vault files are stored under an HMAC of their SHA-256
  (:meth:`MasterKey.vault_name`), so someone holding a known file cannot tell from the
  file names whether the dossier holds it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32


def derive(key: bytes, purpose: bytes, *, salt: bytes | None = None) -> bytes:
    """A 32-byte key for ``purpose`` made from ``key`` (HKDF-SHA256)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=purpose).derive(key)


class MasterKey:
    """The dossier's master key; the keys each cipher uses are derived from it once."""

    __slots__ = ("_file", "_name", "database_key", "raw")

    def __init__(self, raw: bytes) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("a master key has 32 bytes")
        self.raw = raw
        self.database_key = derive(raw, b"second-opinion-dossier database v1")
        self._file = derive(raw, b"second-opinion-dossier vault files v1")
        self._name = derive(raw, b"second-opinion-dossier vault names v1")

    @property
    def file_key(self) -> bytes:
        """The key the vault's files are encrypted with (each with its own subkey)."""
        return self._file

    def vault_name(self, sha256: str) -> str:
        """The name a file with this SHA-256 is stored under: a keyed hash, 64 hex digits."""
        return hmac.new(self._name, sha256.encode("ascii"), hashlib.sha256).hexdigest()

    def key_id(self) -> str:
        """A short fingerprint that says which master key a file belongs to, revealing
        nothing of the key (backups check it before restoring)."""
        return derive(self.raw, b"second-opinion-dossier key id v1")[:8].hex()

    def sqlcipher_key(self) -> str:
        """The database key as SQLCipher's raw-key literal, for ``PRAGMA key``."""
        return f"\"x'{self.database_key.hex()}'\""

    def __repr__(self) -> str:
        return "MasterKey(…)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MasterKey) and hmac.compare_digest(self.raw, other.raw)

    def __hash__(self) -> int:
        return hash(self.key_id())


def new_master_key() -> MasterKey:
    """A new random master key."""
    return MasterKey(secrets.token_bytes(KEY_BYTES))


__all__ = ["KEY_BYTES", "MasterKey", "derive", "new_master_key"]
