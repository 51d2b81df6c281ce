"""Hostile DICOM files, written byte by byte (no binary blobs): a huge declared length,
sequences nested thousands deep, pixel bombs, truncated files, "DICM" and then garbage.

Not a test module. :func:`dicom_file` writes a small, valid CT slice (explicit VR little
endian, or implicit VR) from a list of elements, so that one element can be made hostile
(``extra`` elements are put in tag order among the others, ``replace`` changes one).
"""

from __future__ import annotations

import random
import struct
from collections.abc import Iterable
from dataclasses import dataclass

EXPLICIT = "1.2.840.10008.1.2.1"
IMPLICIT = "1.2.840.10008.1.2"
J2K_LOSSLESS = "1.2.840.10008.1.2.4.90"
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
ROOT = "1.2.826.0.1.3680043.10.1043.66"
LONG_VRS = frozenset({"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT"})
UNDEFINED = 0xFFFFFFFF
HUGE = 0xFFFFFFF0  # a declared length: four gigabytes


@dataclass(frozen=True)
class Element:
    tag: int  # (group << 16) | element
    vr: str
    value: bytes
    length: int | None = None  # the declared length, when it is not the value's


def text(value: str, vr: str = "LO") -> bytes:
    data = value.encode("latin-1")
    if len(data) % 2:
        data += b"\x00" if vr == "UI" else b" "
    return data


def us(value: int) -> bytes:
    return struct.pack("<H", value)


def encode(element: Element, *, implicit: bool = False) -> bytes:
    """One element: tag, (VR), length, value."""
    group, number = element.tag >> 16, element.tag & 0xFFFF
    length = len(element.value) if element.length is None else element.length
    head = struct.pack("<HH", group, number)
    if implicit:
        return head + struct.pack("<I", length) + element.value
    if element.vr in LONG_VRS:
        return head + element.vr.encode() + b"\x00\x00" + struct.pack("<I", length) + element.value
    return head + element.vr.encode() + struct.pack("<H", length) + element.value


def slice_elements(key: int, *, rows: int = 16, columns: int = 16) -> list[Element]:
    """The elements of a small, valid CT slice (``rows`` x ``columns``, 16-bit) whose UIDs
    end in ``key``, pixel data last."""
    instance = f"{ROOT}.1.1.{key}"
    return [
        Element(0x00080005, "CS", text("ISO_IR 192", "CS")),
        Element(0x00080016, "UI", text(CT_IMAGE, "UI")),
        Element(0x00080018, "UI", text(instance, "UI")),
        Element(0x00080020, "DA", text("20260312", "DA")),
        Element(0x00080060, "CS", text("CT", "CS")),
        Element(0x00081030, "LO", text("CT THORAX")),
        Element(0x00100010, "PN", text("EXAMPLE^MARGARET", "PN")),
        Element(0x00100020, "LO", text("NL-4471-22")),
        Element(0x00100030, "DA", text("19580214", "DA")),
        Element(0x0020000D, "UI", text(f"{ROOT}.1", "UI")),
        Element(0x0020000E, "UI", text(f"{ROOT}.1.1", "UI")),
        Element(0x00200011, "IS", text("1", "IS")),
        Element(0x00200013, "IS", text(str(key), "IS")),
        Element(0x00280002, "US", us(1)),
        Element(0x00280004, "CS", text("MONOCHROME2", "CS")),
        Element(0x00280010, "US", us(rows)),
        Element(0x00280011, "US", us(columns)),
        Element(0x00280100, "US", us(16)),
        Element(0x00280101, "US", us(12)),
        Element(0x00280102, "US", us(11)),
        Element(0x00280103, "US", us(0)),
        Element(0x00281050, "DS", text("40", "DS")),
        Element(0x00281051, "DS", text("400", "DS")),
        Element(0x7FE00010, "OW", _pixels(rows, columns)),
    ]


def _pixels(rows: int, columns: int) -> bytes:
    size = rows * columns * 2
    if size > 1 << 16:  # a bomb's header: only a few bytes of pixels follow it
        return bytes(16)
    return bytes((n * 37) % 251 for n in range(size))


def dicom_file(
    elements: Iterable[Element],
    *,
    syntax: str = EXPLICIT,
    instance: str | None = None,
    sop_class: str = CT_IMAGE,
) -> bytes:
    """Preamble, "DICM", the file meta group, then ``elements`` in the order given."""
    listed = list(elements)
    if instance is None:
        instance = next(
            (e.value.rstrip(b"\x00").decode() for e in listed if e.tag == 0x00080018), ROOT
        )
    meta_body = b"".join(
        encode(e)
        for e in (
            Element(0x00020001, "OB", b"\x00\x01"),
            Element(0x00020002, "UI", text(sop_class, "UI")),
            Element(0x00020003, "UI", text(instance, "UI")),
            Element(0x00020010, "UI", text(syntax, "UI")),
            Element(0x00020012, "UI", text(f"{ROOT}.9", "UI")),
        )
    )
    meta = encode(Element(0x00020000, "UL", struct.pack("<I", len(meta_body)))) + meta_body
    implicit = syntax == IMPLICIT
    body = b"".join(encode(e, implicit=implicit) for e in listed)
    return bytes(128) + b"DICM" + meta + body


def with_elements(key: int, extra: Iterable[Element], **options: int) -> list[Element]:
    """A slice's elements with ``extra`` ones put in tag order among them (an extra element
    of a tag the slice has takes its place)."""
    extras = {e.tag: e for e in extra}
    kept = [e for e in slice_elements(key, **options) if e.tag not in extras]
    return sorted([*kept, *extras.values()], key=lambda e: e.tag)


# --- the hostile files -------------------------------------------------------------------------


def huge_length(key: int, tag: int, *, implicit: bool) -> bytes:
    """A text element (of ``tag``) that says it is four gigabytes long, and is not."""
    vr = "UN" if not implicit else "LO"
    element = Element(tag, vr, b"JANSEN", length=HUGE)
    return dicom_file(with_elements(key, [element]), syntax=IMPLICIT if implicit else EXPLICIT)


def nested_sequence(depth: int, tag: int = 0x00081140) -> Element:
    """A sequence (of ``tag``) whose one item holds a sequence whose one item holds… ``depth``
    levels deep, all of undefined length, properly closed."""
    group, number = tag >> 16, tag & 0xFFFF
    opening = struct.pack("<HH", group, number) + b"SQ\x00\x00" + struct.pack("<I", UNDEFINED)
    item = struct.pack("<HHI", 0xFFFE, 0xE000, UNDEFINED)
    item_end = struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
    sequence_end = struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
    value = (item + opening) * (depth - 1) + item + (item_end + sequence_end) * (depth - 1)
    value += item_end + sequence_end
    return Element(tag, "SQ", value, length=UNDEFINED)


def deep_sequences(key: int, depth: int, tag: int) -> bytes:
    return dicom_file(with_elements(key, [nested_sequence(depth, tag)]))


def pixel_bomb(key: int) -> bytes:
    """65535 x 65535 pixels of 16 bits declared (8 GB), 16 bytes of them given."""
    return dicom_file(slice_elements(key, rows=65535, columns=65535))


def j2k_codestream(width: int, height: int) -> bytes:
    """A JPEG 2000 codestream (lossless, 16-bit grey) of a small image, its size marker
    (SIZ) then made to say ``width`` x ``height`` (in one tile)."""
    import numpy as np
    from openjpeg.utils import encode_array

    small = np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) % 4000
    stream = bytearray(encode_array(small, codec_format=0))
    at = stream.index(b"\xff\x51")  # SIZ: marker, length, capabilities, then the sizes
    struct.pack_into(">IIIIIIII", stream, at + 6, width, height, 0, 0, width, height, 0, 0)
    return bytes(stream)


def encapsulated(frame: bytes) -> bytes:
    """Pixel data in fragments: an empty offset table, the frame, the delimiter."""
    if len(frame) % 2:
        frame += b"\x00"
    item = struct.pack("<HHI", 0xFFFE, 0xE000, 0)
    fragment = struct.pack("<HHI", 0xFFFE, 0xE000, len(frame)) + frame
    return item + fragment + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)


def j2k_bomb(key: int, width: int = 60_000, height: int = 60_000) -> bytes:
    """A 16 x 16 slice whose JPEG 2000 pixel data declares ``width`` x ``height``."""
    pixels = Element(
        0x7FE00010, "OB", encapsulated(j2k_codestream(width, height)), length=UNDEFINED
    )
    elements = [e if e.tag != 0x7FE00010 else pixels for e in slice_elements(key)]
    return dicom_file(elements, syntax=J2K_LOSSLESS)


def truncated(key: int, *, within: bytes) -> bytes:
    """A slice cut a few bytes into the first element that starts with ``within`` (a tag,
    and its VR): b"\\x02\\x00\\x10\\x00UI" cuts it in the file meta, in its syntax."""
    whole = dicom_file(slice_elements(key))
    return whole[: whole.index(within) + 10]


def cut_in_the_pixels(key: int) -> bytes:
    """A slice whose every tag is there and whose pixel data stops halfway."""
    whole = dicom_file(slice_elements(key, rows=64, columns=64))
    return whole[: len(whole) - 64 * 64]


def garbage_after_magic(seed: int, size: int = 4096) -> bytes:
    """The preamble and "DICM", then random bytes."""
    rng = random.Random(seed)
    return bytes(128) + b"DICM" + bytes(rng.getrandbits(8) for _ in range(size))


def good_slice(key: int, *, patient: str = "EXAMPLE^MARGARET") -> bytes:
    name = Element(0x00100010, "PN", text(patient, "PN"))
    return dicom_file(with_elements(key, [name]))


__all__ = [
    "HUGE",
    "Element",
    "cut_in_the_pixels",
    "deep_sequences",
    "dicom_file",
    "garbage_after_magic",
    "good_slice",
    "huge_length",
    "j2k_bomb",
    "pixel_bomb",
    "slice_elements",
    "truncated",
]
