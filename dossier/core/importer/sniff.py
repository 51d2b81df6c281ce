"""Which kind of file this is, judged by its first bytes, never by its name."""

from __future__ import annotations

from pathlib import Path

from ..media_types import JPEG, PDF, PNG, TEXT, TIFF

HEAD_SIZE = 8192

_REFUSED = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
_MAGIC = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


def sniff(head: bytes) -> str | None:
    """The media type of content starting with ``head``, or None when it is not one we take."""
    if head.startswith(_REFUSED):  # archives may hold a PDF near their start: not a PDF
        return None
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if b"%PDF-" in head[:1024]:
        return PDF
    if _looks_like_text(head):
        return TEXT
    return None


def sniff_file(path: Path) -> str | None:
    with path.open("rb") as handle:
        return sniff(handle.read(HEAD_SIZE))


def is_calendar(head: bytes) -> bool:
    """Whether content starting with ``head`` is an iCalendar file (an invitation sent by
    email, a calendar's export): it starts with BEGIN:VCALENDAR, whatever its name."""
    for bom, encoding in _CALENDAR_BOMS:
        if head.startswith(bom):
            start = head[len(bom) : len(bom) + 128]
            return start.decode(encoding, "ignore").lstrip().upper().startswith("BEGIN:VCALENDAR")
    return head[:64].lstrip().upper().startswith(b"BEGIN:VCALENDAR")


def is_calendar_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return is_calendar(handle.read(256))


_CALENDAR_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # only a character cut at the end of the sample is allowed
            return False
        text = head[: exc.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= len(text) // 100


__all__ = [
    "HEAD_SIZE",
    "JPEG",
    "PDF",
    "PNG",
    "TEXT",
    "TIFF",
    "is_calendar",
    "is_calendar_file",
    "sniff",
    "sniff_file",
]
