"""A thumbnail written as a PNG file quickly, in the reader that made it.

Pillow's PNG writer tries the five PNG filters on every row and keeps the one that looks
best, which took more time than making the thumbnail (about 3 ms for a photo's, 0.9 ms
for a PDF page's). Here every row is filtered with "Sub" (each byte less the same byte
of the pixel to its left), computed by Pillow in one pass over the image, and the rows
deflated at level 1: the same pixels, files of the same size (a page's thumbnail is
mostly white, a photo's has neighbours that differ little), in about half the time.
The file is an ordinary 8-bit RGB PNG whose every chunk carries its checksum.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SUB = b"\x01"  # the filter of each row


def png_bytes(image: Any) -> bytes:
    """``image`` (a Pillow image; converted to RGB if it is not) as a PNG file."""
    from PIL import ImageChops

    if image.mode != "RGB":
        image = image.convert("RGB")
    width, height = image.size
    if width < 1 or height < 1:
        raise ValueError("cannot write empty image")  # as Pillow's writer says
    # Each pixel less the one to its left; the first column has none, so stays as it is.
    filtered = ImageChops.subtract_modulo(image, ImageChops.offset(image, 1, 0))
    filtered.paste(image.crop((0, 0, 1, height)), (0, 0))
    data = filtered.tobytes()
    stride = 3 * width
    rows = b"".join([_SUB + data[at : at + stride] for at in range(0, len(data), stride)])
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"".join(
        (
            _SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows, 1)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)
