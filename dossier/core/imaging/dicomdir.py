"""The files a disc's ``DICOMDIR`` lists, read in a sandboxed reader process (worker side).

A DICOMDIR is written in explicit VR little endian (the standard asks for it): a few
elements, then a sequence of records. pydicom reads the elements before the sequence; the
records are walked here, element by element, taking only each one's Referenced File ID and
counting them as they come. A list far longer than any disc is refused at its
:data:`MAX_RECORDS` + 1st record, in a fraction of a second (pydicom, which makes every
record a dataset first, took 45 seconds for 100,000 of them), as is a file larger than
:data:`MAX_BYTES` or sequences nested deeper than :data:`MAX_DEPTH`. Anything this walk
does not follow makes the DICOMDIR "damaged": the disc is then read file by file instead
(:func:`.disc.find_files`), which never needs it.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from ..i18n import tr
from ..importer.handlers import Unreadable

MAX_RECORDS = 100_000
MAX_BYTES = 64 << 20  # a disc of 50,000 images has a DICOMDIR of about 15 MB
MAX_DEPTH = 8  # sequences within a record (an icon image's is one)
RECORDS = 0x00041220  # Directory Record Sequence
REFERENCED_FILE_ID = b"\x04\x00\x00\x15"
_ITEM, _ITEM_END, _SEQUENCE_END = b"\xfe\xff\x00\xe0", b"\xfe\xff\x0d\xe0", b"\xfe\xff\xdd\xe0"
_LONG_VRS = frozenset({b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"UC", b"UN", b"UR", b"UT"})
_UNDEFINED = 0xFFFFFFFF
_ELEMENT = struct.Struct("<4s2sH").unpack_from  # tag, VR, a short length
_LENGTH = struct.Struct("<I").unpack_from


def read_dicomdir(path: Path, _what: str = "") -> list[list[str]]:
    """The files a ``DICOMDIR`` lists, each as the parts of its path on the disc."""
    from pydicom.errors import InvalidDicomError
    from pydicom.filereader import read_partial

    if os.path.getsize(path) > MAX_BYTES:
        raise Unreadable(_too_long())
    with path.open("rb") as handle:
        try:
            ds = read_partial(handle, stop_when=lambda tag, _vr, _length: tag >= RECORDS)
        except InvalidDicomError as exc:
            raise Unreadable(_damaged()) from exc
        implicit, little = ds.original_encoding
        head = handle.read(12)
        if implicit or not little or head[:6] != b"\x04\x00\x20\x12SQ":
            raise Unreadable(_damaged())
        length = struct.unpack_from("<I", head, 8)[0]
        value = handle.read() if length == _UNDEFINED else handle.read(length)
    return _records(value)


def _records(value: bytes) -> list[list[str]]:
    """The Referenced File IDs of the records in the sequence's bytes ``value``."""
    found: list[list[str]] = []
    at, records = 0, 0
    while at + 8 <= len(value):
        tag, length = value[at : at + 4], _long(value, at + 4)
        at += 8
        if tag == _SEQUENCE_END:
            break
        if tag != _ITEM:
            raise Unreadable(_damaged())
        records += 1
        if records > MAX_RECORDS:
            raise Unreadable(_too_long())
        reference, at = _item(value, at, length, 1)
        if reference:
            found.append(reference)
    return found


def _item(value: bytes, at: int, length: int, depth: int) -> tuple[list[str] | None, int]:
    """The Referenced File ID of the item starting at ``at`` (None without one), and where
    the item ends."""
    total = len(value)
    end = total + 1 if length == _UNDEFINED else at + length
    if end > total + 1 or (length != _UNDEFINED and end > total):
        raise Unreadable(_damaged())
    reference = None
    while at < end:
        if at + 8 > total:
            raise Unreadable(_damaged())
        tag, vr, size = _ELEMENT(value, at)
        if tag == _ITEM_END:
            if length != _UNDEFINED:
                raise Unreadable(_damaged())
            return reference, at + 8
        start = at + 8
        if vr in _LONG_VRS:
            size, start = _long(value, at + 8), at + 12
        if size == _UNDEFINED:
            if vr != b"SQ":
                raise Unreadable(_damaged())
            at = _skip_sequence(value, start, depth + 1)
            continue
        at = start + size
        if at > total:
            raise Unreadable(_damaged())
        if tag == REFERENCED_FILE_ID:
            reference = _parts(value[start:at])
    if length == _UNDEFINED:
        raise Unreadable(_damaged())
    return reference, at


def _skip_sequence(value: bytes, at: int, depth: int) -> int:
    """Where the sequence of undefined length whose items start at ``at`` ends."""
    if depth > MAX_DEPTH:
        raise Unreadable(_damaged())
    while True:
        if at + 8 > len(value):
            raise Unreadable(_damaged())
        tag, length = value[at : at + 4], _long(value, at + 4)
        at += 8
        if tag == _SEQUENCE_END:
            return at
        if tag != _ITEM:
            raise Unreadable(_damaged())
        _reference, at = _item(value, at, length, depth)


def _long(value: bytes, at: int) -> int:
    if at + 4 > len(value):
        raise Unreadable(_damaged())
    return int(_LENGTH(value, at)[0])


def _parts(data: bytes) -> list[str] | None:
    """A Referenced File ID's parts: at most 8 (the standard's most), none empty."""
    parts = [part.rstrip("\x00 ").strip() for part in data.decode("latin-1").split("\\")][:8]
    return parts if parts and all(parts) else None


def _damaged() -> str:
    return tr("The disc's list of files (DICOMDIR) is damaged.")


def _too_long() -> str:
    return tr("The disc's list of files (DICOMDIR) is too long to be real.")


__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_RECORDS", "read_dicomdir"]
