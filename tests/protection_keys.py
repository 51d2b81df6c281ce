"""Shared by the tests of protected dossiers (issue 18): Argon2id made quick, and a
temporary folder of the test's own. Not a test module."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dossier.core.crypto.kdf import KdfParams

# The tests are about what the keys protect, not the cost of guessing: one pass over 8 MiB.
FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")


def fast_params() -> KdfParams:
    """:data:`FAST` with a salt of its own."""
    return KdfParams(FAST.passes, FAST.memory_kib, FAST.lanes, os.urandom(16))


def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, for this process and the processes it starts
    (the readers), so a test can read every file put there."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder
