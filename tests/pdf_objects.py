"""Hand-made PDF files, object by object: for the tests that need files no writer makes
(broken tables, loops, bombs, odd encodings). Not a test module."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence


def stream_object(data: bytes, *, compress: bool = True, extra: bytes = b"") -> bytes:
    """The body of a stream object holding ``data`` (Flate-compressed if ``compress``).

    ``extra`` is added to the stream dictionary, e.g. ``b"/Type /XObject"``.
    """
    filters = b""
    if compress:
        data = zlib.compress(data, 9)
        filters = b" /Filter /FlateDecode"
    head = b"<< /Length %d%s%s >>" % (len(data), filters, b" " + extra if extra else b"")
    return head + b"\nstream\n" + data + b"\nendstream"


def assemble_pdf(
    objects: Sequence[bytes],
    *,
    root: int,
    info: int | None = None,
    file_id: bytes | None = None,
    version: str = "1.4",
) -> bytes:
    """A complete PDF file of ``objects`` (numbered from 1, generation 0) with its xref table.

    ``root`` and ``info`` are object numbers; ``file_id`` (16 bytes) defaults to the MD5 of
    the objects. The objects are written as given, so this also makes deliberately broken
    files.
    """
    out = bytearray(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode("ascii"))
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    ident = (file_id or hashlib.md5(b"".join(objects), usedforsecurity=False).digest()).hex()
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    trailer += b" /ID [<%s> <%s>] >>" % (ident.encode("ascii"), ident.encode("ascii"))
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
