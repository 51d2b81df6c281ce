"""The encryption of one vault file: AES-256-GCM in chunks, so a large file streams.

Every file in an encrypted dossier's vault (documents, thumbnails) is stored in this form.
It follows the STREAM construction (Hoang, Reyhanitabar, Rogaway and Vizár; as in age and
Tink): the file is cut into chunks, each sealed on its own with a nonce that counts the
chunks and marks the last one, so a file that was cut short, lengthened, reordered or
altered anywhere fails to read.

The file format, version 1:

* a 42-byte header: the magic ``b"SODVAULT"`` (8 bytes), the version byte ``1``, the
  chunk-size exponent byte ``e`` (16: 64 KiB of plaintext per chunk) and a 32-byte random
  salt;
* then the chunks. Each holds ``2**e`` bytes of plaintext except the last, which holds
  0 to ``2**e`` (an empty file is one empty last chunk; a file of whole chunks has no
  extra empty one). A sealed chunk is its plaintext encrypted, then a 16-byte tag.

Each file has its own key: HKDF-SHA256 of the master file key with the salt and the info
``b"dossier vault file v1"``, so no nonce is ever used twice under one key. The nonce of
chunk ``i`` is ``i`` as an 11-byte big-endian number, then ``0x01`` for the last chunk and
``0x00`` for every other. Every chunk's associated data is the header followed by the
file's name in the vault (UTF-8), so a file swapped under another name fails too.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import DossierError
from ..i18n import tr

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAGIC: Final = b"SODVAULT"
VERSION: Final = 1
SALT_SIZE: Final = 32
HEADER_SIZE: Final = len(MAGIC) + 2 + SALT_SIZE
TAG_SIZE: Final = 16
DEFAULT_CHUNK_EXPONENT: Final = 16
#: The chunk sizes accepted (256 bytes to 16 MiB), so a forged header cannot ask for more.
MIN_CHUNK_EXPONENT: Final = 8
MAX_CHUNK_EXPONENT: Final = 24
KEY_INFO: Final = b"dossier vault file v1"


class DamagedFile(DossierError):
    """A stored file that fails its check: altered, cut short, lengthened or not ours.

    ``label`` is what the patient knows the file as (never the vault's internal name); a
    caller that knows it raises again with it. ``chunk_index`` is the failing chunk, when
    known."""

    def __init__(self, label: str | None = None, *, chunk_index: int | None = None) -> None:
        if label:
            # Translators: {name} is the name of a document the patient stored.
            message = tr(
                "The stored file {name} is damaged or was altered: it cannot be read.",
                name=label,
            )
        else:
            message = tr("A stored file is damaged or was altered and cannot be read.")
        super().__init__(message)
        self.label = label
        self.chunk_index = chunk_index


def is_encrypted(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) starts as an encrypted vault file."""
    return bytes(head[: len(MAGIC)]) == MAGIC


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_full(read: Callable[[int], bytes | None], n: int) -> bytes:
    """``n`` bytes, or fewer only at the end of the stream (a short read is read on)."""
    data = read(n) or b""
    parts, got = [data], len(data)
    while data and got < n:
        data = read(n - got) or b""
        parts.append(data)
        got += len(data)
    return parts[0] if len(parts) == 1 else b"".join(parts)


class FileCipher:
    """Encrypts and decrypts vault files under one master file key (32 bytes).

    ``chunk_exponent`` sets the chunk size of the files it writes (tests use small ones);
    a file being read says its own."""

    def __init__(self, file_key: bytes, *, chunk_exponent: int = DEFAULT_CHUNK_EXPONENT) -> None:
        if len(file_key) != 32:
            raise ValueError("the file key must be 32 bytes")
        if not MIN_CHUNK_EXPONENT <= chunk_exponent <= MAX_CHUNK_EXPONENT:
            raise ValueError("chunk exponent out of range")
        self._key = bytes(file_key)
        self._exponent = chunk_exponent

    def _aead(self, salt: bytes) -> AESGCM:
        hkdf = HKDF(algorithm=SHA256(), length=32, salt=salt, info=KEY_INFO)
        return AESGCM(hkdf.derive(self._key))

    def encrypt_stream(
        self, source: BinaryIO, sink: BinaryIO | Callable[[bytes], object], name: str
    ) -> int:
        """Read ``source`` to its end and write it, encrypted as ``name``, to ``sink`` (a
        binary file or a write function). Holds two chunks at most; returns the number of
        plaintext bytes."""
        write = sink if callable(sink) else sink.write
        total = 0

        def pieces() -> Iterator[bytes]:
            nonlocal total
            while piece := source.read(1 << self._exponent):
                total += len(piece)
                yield piece

        for sealed in self.encrypt_chunks(pieces(), name):
            write(sealed)
        return total

    def encrypt_chunks(self, pieces: Iterable[bytes], name: str) -> Iterator[bytes]:
        """The encrypted file, header first, then chunk by chunk, of the plaintext that
        ``pieces`` gives in pieces of any size (see :class:`Sealer`)."""
        sealer = self.sealer(name)
        for piece in pieces:
            yield from sealer.feed(piece)
        yield from sealer.finish()

    def sealer(self, name: str) -> Sealer:
        """A :class:`Sealer` writing the file ``name`` under this key."""
        salt = os.urandom(SALT_SIZE)
        header = MAGIC + bytes((VERSION, self._exponent)) + salt
        return Sealer(self._aead(salt), header, name, 1 << self._exponent)

    def encrypt_bytes(self, data: bytes, name: str) -> bytes:
        """``data`` encrypted as the vault file ``name``."""
        out = io.BytesIO()
        self.encrypt_stream(io.BytesIO(data), out, name)
        return out.getvalue()

    def open_reader(
        self, handle: BinaryIO, name: str, size: int, *, owns_handle: bool = False
    ) -> DecryptingReader:
        """A reader of the plaintext of the encrypted file in ``handle`` (starting at its
        offset 0, ``size`` bytes long), stored as ``name``. The header and the last chunk are
        checked now (:class:`DamagedFile` if they fail); ``handle`` stays the caller's to
        close unless ``owns_handle`` (then closing the reader closes it)."""
        handle.seek(0)
        header = _read_full(handle.read, HEADER_SIZE)
        if size < HEADER_SIZE or len(header) < HEADER_SIZE:
            raise DamagedFile()
        if header[: len(MAGIC)] != MAGIC or header[8] != VERSION:
            raise DamagedFile()
        exponent = header[9]
        if not MIN_CHUNK_EXPONENT <= exponent <= MAX_CHUNK_EXPONENT:
            raise DamagedFile()
        aead = self._aead(header[len(MAGIC) + 2 :])
        reader = DecryptingReader(handle, aead, header + name.encode("utf-8"), exponent, size)
        reader.owns_handle = owns_handle
        return reader

    def decrypt_bytes(self, data: bytes, name: str) -> bytes:
        """The plaintext of ``data``, the vault file ``name``; :class:`DamagedFile` if any of
        it fails its check."""
        return self.open_reader(io.BytesIO(data), name, len(data)).read()


class Sealer:
    """Encrypts a file given in pieces of any size, as they come: :meth:`feed` gives back
    the sealed chunks ready so far (the header first), :meth:`finish` the last one. A
    chunk is sealed once more is known to follow it, so the last is marked as such."""

    def __init__(self, aead: AESGCM, header: bytes, name: str, size: int) -> None:
        self._aead, self._header, self._size = aead, header, size
        self._ad = header + name.encode("utf-8")
        self._buffer = bytearray()
        self._index = 0
        self._started = False
        self.plaintext_size = 0

    def feed(self, piece: bytes) -> list[bytes]:
        """Take ``piece``; the encrypted bytes to write now."""
        out = [] if self._started else [self._header]
        self._started = True
        self._buffer += piece
        self.plaintext_size += len(piece)
        start = 0
        while len(self._buffer) - start > self._size:  # more than a chunk: not the last
            chunk = bytes(self._buffer[start : start + self._size])
            out.append(self._aead.encrypt(_nonce(self._index, False), chunk, self._ad))
            start, self._index = start + self._size, self._index + 1
        del self._buffer[:start]
        return out

    def finish(self) -> list[bytes]:
        """The last chunk (at most a chunk is left; empty only when the file is)."""
        out = self.feed(b"")
        out.append(self._aead.encrypt(_nonce(self._index, True), bytes(self._buffer), self._ad))
        self._buffer.clear()
        return out


class DecryptingReader(io.RawIOBase):
    """A read-only, seekable file of the plaintext; made by :meth:`FileCipher.open_reader`.

    Only the chunks read are decrypted, each checked before any of its bytes are given out;
    the last one decrypted is kept for the next read."""

    def __init__(self, handle: BinaryIO, aead: AESGCM, ad: bytes, exponent: int, size: int) -> None:
        super().__init__()
        self._handle, self._aead, self._ad = handle, aead, ad
        self._chunk_size = 1 << exponent
        self._cached_index: int | None = None
        full, rest = divmod(size - HEADER_SIZE, self._chunk_size + TAG_SIZE)
        if size - HEADER_SIZE < TAG_SIZE:
            raise DamagedFile()  # not even one (empty) chunk
        if rest == 0:
            self._count, self._last_size = full, self._chunk_size
        elif rest >= TAG_SIZE:
            self._count, self._last_size = full + 1, rest - TAG_SIZE
        else:
            raise DamagedFile()  # no whole number of chunks has this size
        #: The size of the plaintext, known from the file's size (its last chunk is checked).
        self.plaintext_size = (self._count - 1) * self._chunk_size + self._last_size
        self._position, self._cached = 0, b""
        self._chunk(self._count - 1)

    def _chunk(self, index: int) -> bytes:
        if index != self._cached_index:
            last = index == self._count - 1
            length = (self._last_size if last else self._chunk_size) + TAG_SIZE
            self._handle.seek(HEADER_SIZE + index * (self._chunk_size + TAG_SIZE))
            sealed = _read_full(self._handle.read, length)
            try:
                if len(sealed) != length:
                    raise InvalidTag
                self._cached = self._aead.decrypt(_nonce(index, last), sealed, self._ad)
            except InvalidTag:
                raise DamagedFile(chunk_index=index) from None
            self._cached_index = index
        return self._cached

    def _pieces(self, n: int) -> list[bytes | memoryview]:
        """Up to ``n`` bytes from the position on, as whole chunks or views of them."""
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        n = min(n, self.plaintext_size - self._position)
        pieces: list[bytes | memoryview] = []
        while n > 0:
            index, start = divmod(self._position, self._chunk_size)
            chunk = self._chunk(index)
            end = min(len(chunk), start + n)
            whole = start == 0 and end == len(chunk)
            pieces.append(chunk if whole else memoryview(chunk)[start:end])
            self._position += end - start
            n -= end - start
        return pieces

    def read(self, size: int | None = -1, /) -> bytes:
        """Up to ``size`` bytes (all that is left when negative or None)."""
        pieces = self._pieces(self.plaintext_size if size is None or size < 0 else size)
        if len(pieces) == 1:
            return bytes(pieces[0])
        return b"".join(pieces)

    def readall(self) -> bytes:
        """All that is left."""
        return self.read()

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        """Fill ``buffer`` with the next bytes; returns how many (0 at the end)."""
        view = memoryview(buffer).cast("B")
        done = 0
        for piece in self._pieces(len(view)):
            view[done : done + len(piece)] = piece
            done += len(piece)
        return done

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        """Move to ``offset`` from the start, the position or the end; nothing is read."""
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.plaintext_size}
        if whence not in base:
            raise ValueError(f"invalid whence ({whence})")
        if base[whence] + offset < 0:
            raise ValueError("negative seek position")
        self._position = base[whence] + offset
        return self._position

    owns_handle = False  # closing the reader closes the encrypted file's handle too

    def close(self) -> None:
        if self.owns_handle and not self.closed:
            self._handle.close()
        super().close()

    def tell(self) -> int:
        """The position in the plaintext."""
        return self._position

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True
