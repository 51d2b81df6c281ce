"""The SHA-256 every stored file is named by, made in one place."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dossier.core.hashing import new_sha256, sha256_chunks, sha256_file


def test_a_file_its_chunks_and_a_digest_fed_by_hand_agree(tmp_path: Path) -> None:
    data = bytes(range(256)) * 5000  # larger than one read
    path = tmp_path / "scan.bin"
    path.write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    assert sha256_file(path) == expected
    assert sha256_chunks([data[:1000], data[1000:], b""]) == expected
    digest = new_sha256()
    digest.update(data)
    assert digest.hexdigest() == expected
    assert sha256_chunks([]) == hashlib.sha256(b"").hexdigest()
