"""The entries of an archive, checked before anything is unpacked, and read with limits.

Names are judged as they are written in the archive, never turned into paths: a name
leading outside (``..``), absolute or with a drive (``C:``), written with backslashes
or holding control characters is refused, as are links, password-protected entries,
duplicate names, too many entries, and sizes or packing ratios past :class:`.Limits`.
Reading counts the bytes that actually come out, so sizes stated in the archive's
headers are never trusted.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..crypto.stream import DamagedFile
from ..i18n import tr
from ..locale_format import number
from ..sizes import human_size
from ..untrusted import name_problem
from ..vault import CHUNK
from .errors import ArchiveRejected
from .format import Limits
from .sealed import damaged_text, is_sealed, open_sealed

_PACKINGS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def damaged() -> ArchiveRejected:
    return ArchiveRejected(damaged_text())


def open_archive(path: Path, limits: Limits, passphrase: str | None = None) -> zipfile.ZipFile:
    """Open the zip file at ``path`` after checking how many entries it says it has; one
    protected with a passphrase (:mod:`.sealed`) is decrypted as it is read."""
    try:
        if is_sealed(path):
            sealed = open_sealed(path, passphrase)
            try:
                count = declared_entry_count(sealed)
                if count is not None and count > limits.max_entries:
                    raise too_many(limits)
                return zipfile.ZipFile(sealed)
            except BaseException:
                sealed.close()
                raise
        with path.open("rb") as handle:
            count = declared_entry_count(handle)
        if count is not None and count > limits.max_entries:
            raise too_many(limits)
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error, DamagedFile) as exc:
        raise damaged() from exc


def too_many(limits: Limits) -> ArchiveRejected:
    return ArchiveRejected(
        tr("it holds too many files (more than {n}).", n=number(limits.max_entries))
    )


def declared_entry_count(handle: BinaryIO) -> int | None:
    """The number of entries the end of a zip file declares, read before zipfile reads them
    all (a hostile archive may declare millions); None when there is no such end."""
    size = handle.seek(0, os.SEEK_END)
    start = max(0, size - (1 << 16) - 22)
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 22:
        return None
    (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if count != 0xFFFF:
        return int(count)
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR:
        return None
    (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
    handle.seek(offset)
    record = handle.read(56)
    if len(record) < 56 or record[:4] != _ZIP64_EOCD:
        return None
    (count64,) = struct.unpack("<Q", record[32:40])
    return int(count64)


def check_entries(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Every file entry by name, once each has passed the checks; directory entries are left out."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise too_many(limits)
    found: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.orig_filename
        _check_name(name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ArchiveRejected(
                tr("it holds a link to another place ({name}) instead of a file.", name=name)
            )
        if info.flag_bits & 0x1:
            raise ArchiveRejected(tr("it holds password-protected files ({name}).", name=name))
        if info.compress_type not in _PACKINGS:
            raise ArchiveRejected(
                tr(
                    "it holds a file packed in a way this program cannot unpack ({name}).",
                    name=name,
                )
            )
        if name.casefold() in folded:
            raise ArchiveRejected(tr("it holds two files with the same name ({name}).", name=name))
        folded.add(name.casefold())
        if info.is_dir():
            continue
        check_ratio(name, info.file_size, info.compress_size, limits)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise too_large_total(limits)
        found[name] = info
    return found


def _check_name(name: str) -> None:
    problem = name_problem(name, tr("the archive"))
    if problem is not None:
        raise ArchiveRejected(problem)


def check_ratio(name: str, unpacked: int, packed: int, limits: Limits) -> None:
    """Refuse an entry that unpacks to far more than it takes packed (a "zip bomb")."""
    if unpacked > limits.ratio_floor and unpacked > limits.max_ratio * max(packed, 1):
        raise ArchiveRejected(
            tr(
                "it holds a file that would grow far too large when unpacked ({name}); "
                "such files are used to fill up disks on purpose.",
                name=name,
            )
        )


def too_large_total(limits: Limits) -> ArchiveRejected:
    return ArchiveRejected(
        tr(
            "unpacked, it would take more than {size}, more than a dossier can hold.",
            size=human_size(limits.max_total_bytes),
        )
    )


def read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    sink: Callable[[bytes], object],
    *,
    most: int,
    limits: Limits,
    too_large: ArchiveRejected | None = None,
) -> int:
    """Unpack ``info`` chunk by chunk into ``sink``; refuse past ``most`` bytes (with
    ``too_large``, or as a file larger than listed) or past the packing ratio.
    The number of bytes that came out."""
    total = 0
    try:
        source = archive.open(info)
    except _READ_ERRORS as exc:
        raise damaged() from exc
    with source:
        while True:
            try:
                chunk = source.read(CHUNK)
            except _READ_ERRORS as exc:
                raise damaged() from exc
            if not chunk:
                return total
            total += len(chunk)
            if total > most:
                raise too_large or ArchiveRejected(
                    tr(
                        "the file {name} in it is larger than its list of contents says; "
                        "the archive is damaged or was changed.",
                        name=info.orig_filename,
                    )
                )
            check_ratio(info.orig_filename, total, info.compress_size, limits)
            sink(chunk)
