"""The passphrase made into a key with Argon2id, as KeePassXC does, tuned per machine.

The parameters are stored with the dossier (in its key file) and tuned when the passphrase
is set so that deriving the key takes about half a second on that machine: 64 MiB of
memory, two lanes, and as many passes as fit in the time (at least two). Someone guessing
passphrases pays the same for every guess.

Parameters read from a key file are someone else's input: they are checked against
:data:`LIMITS` before any work, so a key file cannot make opening take minutes or
gigabytes.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from .keys import KEY_BYTES

TARGET_SECONDS = 0.5
MEMORY_KIB = 64 * 1024
LANES = 2
SALT_BYTES = 16


@dataclass(frozen=True)
class Limits:
    """The widest parameters a key file may ask for."""

    max_passes: int = 40
    min_memory_kib: int = 8 * 1024
    max_memory_kib: int = 1024 * 1024
    max_lanes: int = 16
    min_salt: int = 16
    max_salt: int = 64


LIMITS = Limits()


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's parameters: passes over the memory, memory in KiB, lanes, salt."""

    passes: int
    memory_kib: int
    lanes: int
    salt: bytes

    def problem(self, limits: Limits = LIMITS) -> str | None:
        """What is wrong with these parameters (read from a file), or None."""
        if not 1 <= self.passes <= limits.max_passes:
            return f"passes {self.passes}"
        if not limits.min_memory_kib <= self.memory_kib <= limits.max_memory_kib:
            return f"memory {self.memory_kib} KiB"
        if not 1 <= self.lanes <= limits.max_lanes or self.memory_kib < 8 * self.lanes:
            return f"lanes {self.lanes}"
        if not limits.min_salt <= len(self.salt) <= limits.max_salt:
            return f"salt of {len(self.salt)} bytes"
        return None


def passphrase_bytes(passphrase: str) -> bytes:
    """The passphrase as the KDF takes it: NFC-normalised UTF-8, so "é" typed as one
    character or as "e" and an accent opens the same dossier."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """The 32-byte key ``passphrase`` makes with ``params``."""
    problem = params.problem()
    if problem is not None:
        raise ValueError(f"key derivation parameters out of bounds: {problem}")
    return hash_secret_raw(
        passphrase_bytes(passphrase),
        params.salt,
        time_cost=params.passes,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def tuned_params(
    target: float = TARGET_SECONDS,
    *,
    memory_kib: int = MEMORY_KIB,
    clock: Callable[[], float] = time.perf_counter,
) -> KdfParams:
    """Parameters that take about ``target`` seconds here: one pass is timed, then as many
    passes as fit are chosen (at least 2, at most the limit)."""
    lanes = max(1, min(LANES, os.cpu_count() or 1))
    trial = KdfParams(1, memory_kib, lanes, os.urandom(SALT_BYTES))
    start = clock()
    derive_key("timing", trial)
    per_pass = max(clock() - start, 1e-4)
    passes = max(2, min(LIMITS.max_passes, round(target / per_pass)))
    return KdfParams(passes, memory_kib, lanes, os.urandom(SALT_BYTES))


__all__ = [
    "LIMITS",
    "KdfParams",
    "Limits",
    "derive_key",
    "passphrase_bytes",
    "tuned_params",
]
