"""An archive protected with a passphrase of its own: the zip file, encrypted as a whole.

A protected dossier's archive for a doctor or another computer may be given its own
passphrase (never the dossier's: it travels). The archive is then:

* ``b"SODARCHV"``, the version byte ``1``, two bytes giving the length of a small JSON
  header, the header: Argon2id's parameters and salt (:mod:`..crypto.kdf`);
* the zip file, encrypted as one vault file is (:mod:`..crypto.stream`: AES-256-GCM in
  64 KiB chunks, each checked), under the key the passphrase makes.

Reading it decrypts only the chunks zipfile asks for, in memory: nothing decrypted is
written anywhere. The header is someone else's input: bounded, checked, and its Argon2id
parameters kept within limits before any work.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..crypto.kdf import KdfParams, derive_key
from ..crypto.keys import derive
from ..crypto.stream import DamagedFile, FileCipher, Sealer
from ..i18n import tr
from .errors import ArchiveError, ArchiveRejected

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

MAGIC = b"SODARCHV"
VERSION = 1
MAX_HEADER = 1024
NAME = "archive"  # the name the zip is sealed under (the associated data of its chunks)


class ArchivePassphraseNeeded(ArchiveError):
    """The archive is protected with a passphrase: ask for it, then try again."""

    def __init__(self) -> None:
        super().__init__(
            tr("This archive is protected with a passphrase. Enter it to open the archive.")
        )


class WrongArchivePassphrase(ArchiveError):
    """The passphrase given does not open the archive."""

    def __init__(self) -> None:
        super().__init__(
            tr("Wrong passphrase for this archive. Check it and try again. Nothing was changed.")
        )


def is_sealed(path: Path) -> bool:
    """Whether the file at ``path`` is an archive protected with a passphrase."""
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


class SealingStream(io.RawIOBase):
    """A stream for zipfile to write the archive into: the header goes to ``target`` at
    once, the zip's bytes encrypted as they come. ``tell`` counts the zip's bytes (zipfile
    writes its offsets from it); it cannot seek, so zipfile writes as to a pipe. Call
    :meth:`finish` after the zip is closed."""

    def __init__(self, target: BinaryIO, passphrase: str, params: KdfParams) -> None:
        super().__init__()
        self._target = target
        key = derive_key(passphrase, params)
        header = json.dumps(
            {
                "kdf": "argon2id",
                "passes": params.passes,
                "memory_kib": params.memory_kib,
                "lanes": params.lanes,
                "salt": base64.b64encode(params.salt).decode("ascii"),
                "check": _check(key),
            }
        ).encode("ascii")
        target.write(MAGIC + bytes((VERSION,)) + len(header).to_bytes(2, "big") + header)
        self._sealer: Sealer = FileCipher(key).sealer(NAME)

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        piece = bytes(data)
        for sealed in self._sealer.feed(piece):
            self._target.write(sealed)
        return len(piece)

    def tell(self) -> int:
        return self._sealer.plaintext_size

    def finish(self) -> None:
        for sealed in self._sealer.finish():
            self._target.write(sealed)


class _Window(io.RawIOBase):
    """The part of ``handle`` from ``start`` on, as a file of its own (seekable)."""

    def __init__(self, handle: BinaryIO, start: int) -> None:
        super().__init__()
        self._handle, self._start = handle, start

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        if whence == io.SEEK_SET:
            offset += self._start
        return self._handle.seek(offset, whence) - self._start

    def tell(self) -> int:
        return self._handle.tell() - self._start

    def read(self, size: int | None = -1, /) -> bytes:
        return self._handle.read(-1 if size is None else size)

    def readinto(self, buffer: Any, /) -> int:
        data = self._handle.read(len(memoryview(buffer)))
        memoryview(buffer)[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._handle.close()
        super().close()


def open_sealed(path: Path, passphrase: str | None) -> BinaryIO:
    """The zip file inside the protected archive at ``path``, decrypted as it is read
    (a seekable stream; closing it closes the file). :class:`ArchivePassphraseNeeded`
    without a passphrase, :class:`WrongArchivePassphrase` for a wrong one,
    :class:`ArchiveRejected` for a damaged or foreign header."""
    if passphrase is None:
        raise ArchivePassphraseNeeded()
    handle = path.open("rb")
    try:
        head = handle.read(len(MAGIC) + 3)
        if len(head) < len(MAGIC) + 3 or head[: len(MAGIC)] != MAGIC or head[8] != VERSION:
            raise ArchiveRejected(tr("its protection is of a kind this program does not know."))
        length = int.from_bytes(head[9:11], "big")
        params, check = _params(handle.read(length) if length <= MAX_HEADER else b"")
        key = derive_key(passphrase, params)
        if not hmac.compare_digest(_check(key), check):
            raise WrongArchivePassphrase()
        size = handle.seek(0, os.SEEK_END) - (len(head) + length)
        window = _Window(handle, len(head) + length)
        try:
            reader = FileCipher(key).open_reader(window, NAME, size, owns_handle=True)  # type: ignore[arg-type]
        except DamagedFile:
            raise ArchiveRejected(damaged_text()) from None
        return io.BufferedReader(reader, 1 << 16)
    except BaseException:
        handle.close()
        raise


def _check(key: bytes) -> str:
    """What the key makes of a fixed text: tells a wrong passphrase from a damaged file."""
    return derive(key, b"second-opinion-dossier archive check v1")[:16].hex()


def damaged_text() -> str:
    return tr(
        "the archive file is damaged or incomplete (perhaps it was not copied in full, "
        "or it is not an archive at all)."
    )


def _params(header: bytes) -> tuple[KdfParams, str]:
    try:
        data = json.loads(header.decode("ascii"))
        if data.get("kdf") != "argon2id":
            raise ValueError("kdf")
        numbers = [data[k] for k in ("passes", "memory_kib", "lanes")]
        if not all(type(n) is int for n in numbers):
            raise ValueError("numbers")
        salt = base64.b64decode(str(data["salt"]).encode("ascii"), validate=True)
        params = KdfParams(numbers[0], numbers[1], numbers[2], salt)
        check = str(data["check"])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, binascii.Error):
        raise ArchiveRejected(tr("its protection is damaged.")) from None
    if params.problem() is not None:
        raise ArchiveRejected(tr("its protection is damaged."))
    return params, check


__all__ = [
    "ArchivePassphraseNeeded",
    "SealingStream",
    "WrongArchivePassphrase",
    "is_sealed",
    "open_sealed",
]
