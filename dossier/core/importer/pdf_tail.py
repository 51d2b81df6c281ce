"""Where a PDF ends, and what its end says, read cheaply before any PDF reader runs.

A PDF ends with ``startxref``, the offset of its cross-reference table (or stream), and
``%%EOF``. Files met in real life may carry bytes after that end: zeros or spaces added
by a download, a mail program or a scanner, a little garbage. Every reader takes such a
file, so the dossier does too: the last ``startxref`` is looked for backwards through the
last :data:`PADDING_MAX` bytes (a megabyte at a time, with ``rfind``: milliseconds), and
the PDF ends at the ``%%EOF`` that follows it. The readers are then given the file
without what follows (:attr:`PdfTail.end`), so neither searches for its end the slow way
(pypdf, a line at a time in Python, took minutes over a gigabyte of zeros). A file whose
last ``startxref`` is not followed by ``%%EOF``, or that has none in its last 64 MB, was
cut off.

When the table is missing or the offset leads elsewhere, both readers rebuild it by
scanning the whole file (pdfium takes 7 to 20 seconds a gigabyte), so a large file whose
table is broken is refused instead. The trailer says whether a password protects the
file (``/Encrypt``), whatever its cipher: nothing has to be decrypted to know it.
Used by :mod:`.pdf_judge`, which the importer and the packet both call.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PADDING_MAX = 64 << 20  # bytes after the end of a PDF that are taken as padding
REPAIR_MAX_BYTES = 32 << 20  # a broken table is rebuilt (by scanning) only in files this small
_CHUNK = 1 << 20
_STARTXREF = b"startxref"
_END = re.compile(rb"startxref[\s\x00]+(\d{1,15})[\s\x00]+%%EOF(\r\n|\r|\n)?")
_TABLE = re.compile(rb"\s*(xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")
_ENCRYPT = re.compile(rb"/Encrypt(?=[\s()<>\[\]{}/%])")
_TRAILER_BYTES = 1 << 16  # how far before startxref a classic trailer may begin


@dataclass(frozen=True)
class PdfTail:
    size: int  # bytes in the file
    end: int  # where the PDF ends: just after the %%EOF that follows its last startxref
    table_found: bool  # the last "startxref" leads to a cross-reference table or stream
    encrypted: bool  # its trailer names an /Encrypt dictionary: a password protects it

    @property
    def complete(self) -> bool:
        """It ends as a PDF ends (else it was cut off)."""
        return self.end > 0

    @property
    def padding(self) -> int:
        """Bytes after the end of the PDF, which every reader ignores."""
        return self.size - self.end if self.complete else 0

    @property
    def too_broken_to_repair(self) -> bool:
        """Large, with a table the readers would have to rebuild by scanning every byte."""
        return self.end > REPAIR_MAX_BYTES and not self.table_found


def read_tail(source: Path | BinaryIO) -> PdfTail:
    """What the end of the PDF at ``source`` (a path, or an open file) says. Raises OSError."""
    with (
        source.open("rb") if isinstance(source, Path) else contextlib.nullcontext(source) as handle
    ):
        size = handle.seek(0, 2)
        where = _last_startxref(handle, size)
        if where is None:
            return PdfTail(size, 0, False, False)
        handle.seek(where)
        found = _END.match(handle.read(64))
        if found is None:  # the last startxref does not end the file: cut off
            return PdfTail(size, 0, False, False)
        end, offset = where + found.end(), int(found.group(1))
        if size - end > PADDING_MAX:  # more after the end than a reader should skip
            return PdfTail(size, 0, False, False)
        table, encrypted = False, False
        if offset < where:
            handle.seek(offset)
            head = handle.read(_TRAILER_BYTES)
            kind = _TABLE.match(head)
            table = kind is not None
            if kind is not None and kind.group(1).startswith(b"xref"):
                encrypted = _classic_trailer_encrypted(handle, offset, where)
            elif kind is not None:  # a cross-reference stream: its dictionary is the trailer
                encrypted = _ENCRYPT.search(head.split(b"stream", 1)[0]) is not None
    return PdfTail(size, end, table, encrypted)


def _last_startxref(handle: BinaryIO, size: int) -> int | None:
    """Where the last "startxref" of the file's last PADDING_MAX bytes begins, or None."""
    stop = max(0, size - PADDING_MAX - _CHUNK)
    position = size
    overlap = len(_STARTXREF) - 1
    while position > stop:
        start = max(stop, position - _CHUNK)
        handle.seek(start)
        chunk = handle.read(position - start + overlap)
        found = chunk.rfind(_STARTXREF)
        if found >= 0:
            return start + found
        position = start
    return None


def _classic_trailer_encrypted(handle: BinaryIO, table: int, startxref: int) -> bool:
    """Whether the trailer dictionary between the table at ``table`` and ``startxref``
    names /Encrypt."""
    start = max(table, startxref - _TRAILER_BYTES)
    handle.seek(start)
    region = handle.read(startxref - start)
    at = region.rfind(b"trailer")
    return at >= 0 and _ENCRYPT.search(region, at) is not None


def read_pdf(path: Path, tail: PdfTail) -> bytes:
    """The PDF at ``path`` as the readers are given it: without bytes after its end."""
    with path.open("rb") as handle:
        return handle.read(tail.end)
