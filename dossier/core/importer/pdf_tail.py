"""A cheap look at how a PDF ends, which keeps the readers out of their slowest paths.

A PDF ends with ``startxref``, the offset of its cross-reference table (or stream), and
``%%EOF``. pypdf looks for ``startxref`` from the end backwards a line at a time, in Python:
in a file without one near its end (a gigabyte of zeros before ``%%EOF``) that takes
minutes, so such a file is left to pdfium. When the table is missing or the offset leads
elsewhere, both readers rebuild it by scanning the whole file (pdfium takes 7 to 20 seconds
a gigabyte), so a large file whose table is broken is refused instead. Used by the
importer's PDF handler and by the packet, which reads stored PDFs with pypdf.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

TAIL_BYTES = 4096
REPAIR_MAX_BYTES = 32 << 20  # a broken table is rebuilt (by scanning) only in files this small
_STARTXREF = re.compile(rb"startxref\s+(\d{1,15})\s")
_TABLE = re.compile(rb"\s*(xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")


@dataclass(frozen=True)
class PdfTail:
    size: int
    complete: bool  # "%%EOF" near the end: not cut off
    xref_near_end: bool  # "startxref" near the end: pypdf finds it quickly
    table_found: bool  # the last "startxref" leads to a cross-reference table or stream

    @property
    def too_broken_to_repair(self) -> bool:
        """Large, with a table the readers would have to rebuild by scanning every byte."""
        return self.size > REPAIR_MAX_BYTES and not self.table_found


def read_tail(source: Path | BinaryIO) -> PdfTail:
    """What the end of the PDF at ``source`` (a path, or an open file) says. Raises OSError."""
    with (
        source.open("rb") if isinstance(source, Path) else contextlib.nullcontext(source) as handle
    ):
        size = handle.seek(0, 2)
        handle.seek(max(0, size - TAIL_BYTES))
        tail = handle.read()
        offsets = _STARTXREF.findall(tail)
        found = False
        if offsets and int(offsets[-1]) < size:
            handle.seek(int(offsets[-1]))
            found = _TABLE.match(handle.read(64)) is not None
    return PdfTail(size, b"%%EOF" in tail, bool(offsets), found)
