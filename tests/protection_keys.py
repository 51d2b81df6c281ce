"""Shared by the tests of protected dossiers (issue 18): Argon2id made quick. Not a test
module."""

from __future__ import annotations

import os

from dossier.core.crypto.kdf import KdfParams

# The tests are about what the keys protect, not the cost of guessing: one pass over 8 MiB.
FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")


def fast_params() -> KdfParams:
    """:data:`FAST` with a salt of its own."""
    return KdfParams(FAST.passes, FAST.memory_kib, FAST.lanes, os.urandom(16))
