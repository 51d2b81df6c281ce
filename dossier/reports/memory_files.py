"""Files that exist only in memory, for Qt's readers that take a file name.

A protected dossier's documents are decrypted in memory and must never be written to the
disk, not even to a temporary file. Qt's readers (QtPdf, QImageReader) could read them
from a ``QBuffer``, but a device made in Python is a Python object to Qt: on Qt's own
threads (QtPdf draws its pages on one; the viewer decodes pictures on another) each of its
first reads waits for Python's lock, and Qt may hold its own lock meanwhile (the image
reader holds its plugin lock while it reads), while the window holds Python's lock and
waits for Qt's: the program hangs.

So the content is given to Qt as one of its *resources*: the same mechanism as the icons
compiled into the program, registered at run time (``qRegisterResourceData``) under a
random name of its own, ``:/dossier-memory-<random>/<name>``. Qt reads it from memory
with C++ alone, from any thread, by that name, as it reads a file. Nothing is copied to
the disk and nothing else can reach the name (it lives in this process only).

The bytes registered must outlive the registration (Qt keeps a pointer to them): this
module keeps each until :meth:`MemoryFile.release`, and a file still registered when the
program ends is kept for Qt to the very end (it is in memory only; it goes with the
process).
"""

from __future__ import annotations

import atexit
import contextlib
import secrets
import struct
import threading
from collections.abc import Iterable, Iterator

from PySide6.QtCore import qRegisterResourceData, qUnregisterResourceData

_VERSION = 1  # the simplest layout of Qt's resource data, read by every Qt 5 and 6
_DIRECTORY = 0x02
_C_LANGUAGE = 1  # QLocale::C: the language of a resource not made for one
_lock = threading.Lock()
_registered: dict[str, tuple[bytes, bytes, bytes]] = {}
_kept_to_the_end: list[tuple[bytes, bytes, bytes]] = []


def _qt_hash(name: str) -> int:
    """Qt's hash of a resource name (``qt_hash``), by which it looks names up."""
    value = 0
    encoded = name.encode("utf-16-be")
    for (unit,) in struct.iter_unpack(">H", encoded):
        value = ((value << 4) + unit) & 0xFFFFFFFF
        value ^= (value & 0xF0000000) >> 23
        value &= 0x0FFFFFFF
    return value


def _name_entry(name: str) -> bytes:
    encoded = name.encode("utf-16-be")
    return struct.pack(">HI", len(encoded) // 2, _qt_hash(name)) + encoded


def _resource(folder: str, name: str, chunks: Iterable[bytes], size: int) -> tuple[bytes, ...]:
    """Qt's resource data (tree, names, data) of one file ``/folder/name``."""
    names = _name_entry(folder)
    second = len(names)
    names += _name_entry(name)
    tree = (
        struct.pack(">IHII", 0, _DIRECTORY, 1, 1)  # the root: one child, node 1
        + struct.pack(">IHII", 0, _DIRECTORY, 1, 2)  # the folder: one child, node 2
        + struct.pack(">IHHHI", second, 0, 0, _C_LANGUAGE, 0)  # the file: data at 0
    )
    data = b"".join([struct.pack(">I", size), *chunks])
    if len(data) != size + 4:
        raise ValueError("the content is not of the size given")
    return tree, names, data


class MemoryFile:
    """Content Qt reads by :attr:`name`, from memory, until :meth:`release`."""

    def __init__(self, content: bytes | Iterable[bytes], *, size: int | None = None,
                 suffix: str = "") -> None:  # fmt: skip
        """``content``: the bytes, or chunks of them (then ``size`` says how many bytes
        in all: they are gathered once, not held twice)."""
        chunks = [content] if isinstance(content, bytes) else content
        if size is None:
            chunks = list(chunks)
            size = sum(len(c) for c in chunks)
        if size >= 1 << 32:
            raise ValueError("too large for a file in memory")
        folder = f"dossier-memory-{secrets.token_hex(12)}"
        leaf = f"content{suffix}"
        tree, names, data = _resource(folder, leaf, chunks, size)
        self.name = f":/{folder}/{leaf}"
        self.size = size
        with _lock:
            if not qRegisterResourceData(_VERSION, tree, names, data):
                raise OSError("the content could not be given to Qt")
            _registered[self.name] = (tree, names, data)

    @property
    def held(self) -> bool:
        return self.name in _registered

    def release(self) -> None:
        """Qt no longer finds the content (every reader of it must be closed first), and
        its memory is let go. Releasing it again does nothing."""
        with _lock:
            parts = _registered.pop(self.name, None)
            if parts is not None:
                qUnregisterResourceData(_VERSION, *parts)

    def __del__(self) -> None:
        # Nobody holds it any more, so no reader was given its name meanwhile: a result
        # nobody took (a document left before it was read) is let go too.
        with contextlib.suppress(Exception):
            self.release()

    def __enter__(self) -> MemoryFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextlib.contextmanager
def memory_file(content: bytes, suffix: str = "") -> Iterator[str]:
    """The name Qt reads ``content`` by, in the ``with`` block (readers closed in it)."""
    with MemoryFile(content, suffix=suffix) as held:
        yield held.name


def held_names() -> frozenset[str]:
    """The names of the files held now (for the tests: another test's may be let go
    meanwhile, so a test compares names, not counts)."""
    with _lock:
        return frozenset(_registered)


@atexit.register
def _keep_to_the_end() -> None:
    """At the end of the program, a file still held (a document still open in a window
    that is being closed) stays registered and its bytes alive while Qt is taken down:
    Qt must never read a name whose memory Python has already freed."""
    with _lock:
        _kept_to_the_end.extend(_registered.values())
        import ctypes

        for parts in _kept_to_the_end:
            for part in parts:
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(part))


__all__ = ["MemoryFile", "held_names", "memory_file"]
