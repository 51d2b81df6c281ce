"""A hostile corpus of imaging discs: disc folders and zips made to harm or mislead the
program, each beside a good slice, and a "secret" DICOM file outside the disc that
nothing may read.

Not a test module. ``make_hostile_discs(folder)`` writes every case and returns them by
label (:class:`HostileDisc`); the hostile files themselves come from
:mod:`tests.hostile.hostile_dicom`. Everything is small on disk (the largest, the zip of
too many entries, about 7 MB) and made in a few seconds.
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tests.hostile import hostile_dicom as dicom

# refused: the scan (or the zip's unpacking) refuses the disc, or finds no image on it,
#   and nothing is added;
# catalogued: the good slice is found and the hostile file refused or never read;
# drawn: the hostile file is catalogued (its tags are sound) and only drawing it refuses.
Expect = Literal["refused", "catalogued", "drawn"]

SECRET_UID = f"{dicom.ROOT}.1.1.999"  # the instance of the file outside the disc


@dataclass(frozen=True)
class HostileDisc:
    label: str
    path: Path  # the disc's folder or its zip
    expect: Expect
    why: str
    hostile: list[str] = field(default_factory=list)  # paths on the disc refused at scan


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def secret(folder: Path) -> Path:
    """A DICOM file outside every disc, of another patient: never to be read."""
    data = dicom.dicom_file(
        dicom.with_elements(
            999, [dicom.Element(0x00100010, "PN", dicom.text("SECRET^OUTSIDE", "PN"))]
        )
    )
    return write(folder / "outside" / "SECRET.DCM", data)


def disc_with(folder: Path, files: dict[str, bytes], *, good: bool = True) -> Path:
    """A disc folder without a DICOMDIR: a good slice (unless not ``good``) and ``files``."""
    if good:
        write(folder / "DATA" / "GOOD", dicom.good_slice(1))
    for name, data in files.items():
        write(folder / "DATA" / name, data)
    return folder


# --- DICOMDIRs ---------------------------------------------------------------------------------


def dicomdir_bytes(file_ids: list[list[str]]) -> bytes:
    """A DICOMDIR listing ``file_ids`` as IMAGE records (offsets left at 0), written
    directly: a hundred thousand records in a fraction of a second."""
    head = b"".join(
        dicom.encode(e)
        for e in (
            dicom.Element(0x00041400, "UL", bytes(4)),
            dicom.Element(0x00041410, "US", dicom.us(0xFFFF)),
            dicom.Element(0x00041420, "UL", bytes(4)),
            dicom.Element(0x00041430, "CS", dicom.text("IMAGE", "CS")),
        )
    )
    records = bytearray()
    for parts in file_ids:
        value = "\\".join(parts).encode("latin-1")
        if len(value) % 2:
            value += b" "
        body = head + struct.pack("<HH2sH", 0x0004, 0x1500, b"CS", len(value)) + value
        records += struct.pack("<HHI", 0xFFFE, 0xE000, len(body)) + body
    records += struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
    elements = [
        dicom.Element(0x00041130, "CS", dicom.text("HOSTILE", "CS")),
        dicom.Element(0x00041200, "UL", bytes(4)),
        dicom.Element(0x00041202, "UL", bytes(4)),
        dicom.Element(0x00041212, "US", dicom.us(0)),
        dicom.Element(0x00041220, "SQ", bytes(records), length=dicom.UNDEFINED),
    ]
    return dicom.dicom_file(elements, instance=f"{dicom.ROOT}.77", sop_class="1.2.840.10008.1.3.10")


def listed_disc(folder: Path, file_ids: list[list[str]], *, good: bool = True) -> Path:
    """A disc whose DICOMDIR lists ``file_ids`` (and the good slice, unless not ``good``)."""
    if good:
        write(folder / "IMAGES" / "GOOD", dicom.good_slice(1))
        file_ids = [["IMAGES", "GOOD"], *file_ids]
    write(folder / "DICOMDIR", dicomdir_bytes(file_ids))
    return folder


# --- zips (written byte by byte, so that they can lie, and quickly) -----------------------------


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes  # as stored in the zip (deflated when ``method`` is 8)
    crc: int
    size: int  # the size it declares unpacked
    method: int = 0  # 0: stored, 8: deflated
    flags: int = 0  # bit 0: encrypted
    mode: int = 0  # Unix mode (a link: S_IFLNK)


def stored(name: str, data: bytes, **options: int) -> Entry:
    return Entry(name, data, zlib.crc32(data), len(data), **options)


def zeros(name: str, size: int, *, declared: int | None = None) -> Entry:
    """``size`` bytes of zeros, deflated (a megabyte at a time, each the same bytes)."""
    chunk = 1 << 20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(chunk)) + packer.flush(zlib.Z_FULL_FLUSH)
    data = block * (size // chunk) + packer.flush()
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(bytes(chunk), crc)
    return Entry(name, data, crc, size if declared is None else declared, method=8)


def link(name: str, target: Path) -> Entry:
    return stored(name, str(target).encode(), mode=stat.S_IFLNK | 0o777)


def zipped(path: Path, entries: list[Entry]) -> Path:
    """A zip of ``entries``, each saying what it says."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body, directory = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode()
        offset = len(body)
        body += struct.pack(
            "<4s5H3I2H", b"PK\x03\x04", 20, e.flags, e.method, 0, 0x21, e.crc, len(e.data),
            e.size, len(name), 0,
        )  # fmt: skip
        body += name + e.data
        directory += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", (3 << 8) | 20, 20, e.flags, e.method, 0, 0x21, e.crc,
            len(e.data), e.size, len(name), 0, 0, 0, 0, e.mode << 16, offset,
        )  # fmt: skip
        directory += name
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


# --- the corpus --------------------------------------------------------------------------------


def make_hostile_discs(folder: Path) -> dict[str, HostileDisc]:
    """Every case, written into ``folder`` (with the secret file in ``folder/outside``)."""
    outside = secret(folder)
    found: dict[str, HostileDisc] = {}

    def case(
        label: str,
        expect: Expect,
        why: str,
        make: Callable[[Path], Path],
        hostile: list[str] | None = None,
    ) -> None:
        where = folder / f"case-{len(found):02d}"
        found[label] = HostileDisc(label, make(where), expect, why, hostile or [])

    files = {
        "huge length of the patient's name": (
            dicom.huge_length(2, 0x00100010, implicit=True),
            "catalogued",
        ),
        "huge length of an element not read": (
            dicom.huge_length(3, 0x00080081, implicit=False),
            "catalogued",
        ),
        "sequences 5,000 deep": (dicom.deep_sequences(4, 5000, 0x00081140), "catalogued"),
        "pixel bomb 65535 x 65535": (dicom.pixel_bomb(5), "catalogued"),
        "cut in its study's UID": (
            dicom.truncated(6, within=b"\x20\x00\x0d\x00UI"),
            "catalogued",
        ),
        "cut in its file meta": (
            dicom.truncated(7, within=b"\x02\x00\x10\x00UI"),
            "catalogued",
        ),
        "DICM then garbage": (dicom.garbage_after_magic(1), "catalogued"),
        "DICM then other garbage": (dicom.garbage_after_magic(2, 64_000), "catalogued"),
        "huge length after the tags": (
            dicom.huge_length(8, 0x00281050, implicit=True),
            "drawn",
        ),
        "sequences 5,000 deep after the tags": (
            dicom.deep_sequences(9, 5000, 0x00400275),
            "drawn",
        ),
        "JPEG 2000 declaring 60000 x 60000": (dicom.j2k_bomb(10), "drawn"),
        "pixel data cut short": (dicom.cut_in_the_pixels(11), "drawn"),
    }
    for label, (data, expect) in files.items():
        hostile = ["DATA/HOSTILE"] if expect == "catalogued" else []
        case(label, expect, label, lambda p, d=data: disc_with(p, {"HOSTILE": d}), hostile)

    up = os.path.relpath(outside, folder / "case-xx")
    case(
        "DICOMDIR pointing outside",
        "catalogued",
        "its list names '..', an absolute path, a drive and a link to outside",
        lambda p: _linked(
            listed_disc(
                p,
                [
                    up.split(os.sep),
                    ["", *str(outside).strip("/").split("/")],
                    [str(outside)],
                    ["C:", "SECRET.DCM"],
                    ["LINKED"],
                    ["LINKDIR", "SECRET.DCM"],
                ],
            ),
            outside,
        ),
    )
    case(
        "links to outside, no DICOMDIR",
        "catalogued",
        "a link to a file outside and a link to a folder outside",
        lambda p: _linked(disc_with(p, {}), outside),
    )
    case(
        "DICOMDIR of 100,001 records",
        "catalogued",
        "a list far longer than any disc",
        lambda p: listed_disc(p, [["IMAGES", f"IM{n:06d}"] for n in range(100_001)]),
    )
    case(
        "DICOMDIR only pointing outside",
        "refused",
        "its only entries lead outside the disc",
        lambda p: _linked(listed_disc(p, [up.split(os.sep), ["LINKED"]], good=False), outside),
    )
    case("folder links that loop", "catalogued", "links that loop", _looping)

    good = stored("IMAGES/GOOD", dicom.good_slice(1))
    zips: dict[str, tuple[str, list[Entry]]] = {
        "zip with names leading outside": (
            "entries named ../, /, C: and a/../../ beside a good slice",
            [
                good,
                stored("../ESCAPED.DCM", dicom.good_slice(20)),
                stored("/tmp/ESCAPED2.DCM", dicom.good_slice(21)),
                stored("C:/ESCAPED3.DCM", dicom.good_slice(22)),
                stored("IMAGES/../../ESCAPED4.DCM", dicom.good_slice(23)),
                stored("..\\ESCAPED5.DCM", dicom.good_slice(24)),
            ],
        ),
        "zip of a link to outside": (
            "its only image is a link to the secret file",
            [link("IMAGES/LINK", outside)],
        ),
        "zip with a password": (
            "an encrypted entry beside a good slice",
            [good, stored("IMAGES/LOCKED", dicom.good_slice(2), flags=1)],
        ),
        "zip bomb, sizes declared huge": (
            "five entries each saying 4 GB",
            [stored(f"IMAGES/IM{n}", dicom.good_slice(30 + n)) for n in range(5)],
        ),
        "zip bomb, larger than declared": (
            "an entry of 64 MB of zeros saying it holds 1 KB, beside a good slice",
            [good, zeros("IMAGES/ZEROS", 64 << 20, declared=1024)],
        ),
        "zip bomb, honest": (
            "entries of zeros, 1 GB in all from a megabyte, beside a good slice",
            [good, *(zeros(f"IMAGES/ZEROS{n}", 256 << 20) for n in range(4))],
        ),
        "zip of too many entries": (
            "60,001 empty entries beside a good slice",
            [good, *(stored(f"E/{n}", b"") for n in range(60_001))],
        ),
    }
    huge = zips["zip bomb, sizes declared huge"][1]
    zips["zip bomb, sizes declared huge"] = (
        zips["zip bomb, sizes declared huge"][0],
        [Entry(e.name, e.data, e.crc, dicom.HUGE) for e in huge],
    )
    for label, (why, entries) in zips.items():
        case(label, "refused", why, lambda p, e=entries: zipped(p.with_suffix(".zip"), e))
    return found


def _linked(disc: Path, outside: Path) -> Path:
    """Links inside ``disc`` to the secret file and to its folder."""
    (disc / "LINKED").symlink_to(outside)
    (disc / "LINKDIR").symlink_to(outside.parent, target_is_directory=True)
    (disc / "DATA").mkdir(exist_ok=True)
    (disc / "DATA" / "LINKED").symlink_to(outside)
    return disc


def _looping(disc: Path) -> Path:
    disc_with(disc, {})
    (disc / "DATA" / "UP").symlink_to("..", target_is_directory=True)
    (disc / "DATA" / "SELF").symlink_to("SELF")
    (disc / "A").symlink_to("B")
    (disc / "B").symlink_to("A")
    return disc


__all__ = ["SECRET_UID", "HostileDisc", "make_hostile_discs"]
