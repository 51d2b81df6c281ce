"""SHA-256 of a file's content, the name every stored file goes by.

``hashlib`` is imported only when a hash is made: loading OpenSSL's hashes costs the
window's start time, and most starts make none.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import _Hash


def new_sha256() -> _Hash:
    """An empty SHA-256 digest, to feed chunk by chunk where a file is hashed on its way."""
    import hashlib

    return hashlib.sha256()


def sha256_file(path: Path) -> str:
    """The SHA-256 of the file at ``path`` (hex), read in large chunks."""
    import hashlib

    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def sha256_chunks(chunks: Iterable[bytes]) -> str:
    """The SHA-256 of the bytes ``chunks`` give, one after the other (hex)."""
    digest = new_sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


__all__ = ["new_sha256", "sha256_chunks", "sha256_file"]
