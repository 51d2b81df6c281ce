"""Per-type readers, run inside a sandboxed worker process (see :mod:`.pool`).

Each handler takes a :data:`Source` (a path, or the file's content: a protected dossier's
file comes decrypted through the reader's pipe) and returns a :class:`Parsed` (plain,
picklable data) or raises :class:`Unreadable` with a plain-language reason. New types
(DICOM, OCR of scans) slot in by adding a handler to :data:`HANDLERS`.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..i18n import tr
from ..validation import clean_text
from . import sniff
from .pdf_judge import MAX_PDF_PAGES, PdfJudgement, damaged, judge_pdf, too_many_pages
from .thumbnail_png import png_bytes

THUMB_SIZE = 256
MAX_PIXELS = 120_000_000  # about a 12,000 x 10,000 scan
MAX_TEXT_BYTES = 32 * 1024 * 1024
MAX_PAGE_CHARS = 200_000
# What a reader reads: a file by its path, or its content (see :func:`.pool.source_for`).
Source = Path | bytes
# A media type asked with this parameter ("application/pdf;sha256"): the reader also gives
# the SHA-256 of the file it read (:attr:`Parsed.sha256`), so the import's parent process
# need not read the file once more to hash it (it reads it once, to copy it, and checks
# the copy against this hash).
WITH_SHA256 = ";sha256"
_PDF_META_KEYS = (
    "/Title",
    "/Author",
    "/Subject",
    "/Creator",
    "/Producer",
    "/CreationDate",
    "/ModDate",
)


class Unreadable(Exception):
    """The file cannot be taken; the message says why, in plain words."""


@dataclass
class Parsed:
    media_type: str
    page_count: int | None = None
    pages: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    encrypted: bool = False
    document_date: str | None = None  # YYYY-MM-DD, from EXIF or the PDF's creation date
    exif_date: str | None = None
    orientation: int | None = None
    thumbnail: bytes | None = None  # PNG
    title: str | None = None
    sha256: str | None = None  # of the file read, when asked (:data:`WITH_SHA256`)


def parse(source: Source, media_type: str) -> Parsed:
    """Read ``source`` with the handler for ``media_type``; with :data:`WITH_SHA256` after
    the media type, hash the file too (before reading it: what was hashed is what was read,
    unless the file changes meanwhile, which the copy into the vault then finds)."""
    hashed = media_type.endswith(WITH_SHA256)
    if hashed:
        media_type = media_type.removesuffix(WITH_SHA256)
    handler = HANDLERS.get(media_type)
    if handler is None:
        raise Unreadable(tr("This kind of file cannot be added to a dossier."))
    sha = _sha256(source) if hashed else None
    parsed = handler(source)
    parsed.sha256 = sha
    return parsed


def _sha256(source: Source) -> str:
    from ..hashing import new_sha256, sha256_file

    if isinstance(source, Path):
        return sha256_file(source)
    digest = new_sha256()
    digest.update(source)
    return digest.hexdigest()


def opened(source: Source) -> BinaryIO:
    """``source`` opened for reading: the file, or its content in memory."""
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def pdfium_source(source: Source, judged: PdfJudgement) -> str | bytes:
    """What pdfium is given to read the judged PDF: the judgement's own bytes when they
    differ from the file's, else the content, or the file by its name."""
    if judged.source is not None:
        return judged.source
    return source if isinstance(source, bytes) else str(source)


def parse_pdf(source: Source) -> Parsed:
    """A PDF as :func:`~.pdf_judge.judge_pdf` judges it, its text and thumbnail by pdfium.

    A file a password protects (whatever its cipher) is stored marked as such when it
    needs the password to open; one that opens without it (an owner password, which only
    restricts printing or copying) is read like any other and its restriction noted.
    """
    import pypdfium2 as pdfium

    judged = judge_pdf(source)
    if judged.refused is not None:
        raise Unreadable(judged.refused)
    metadata = {} if judged.protected else _pdf_metadata(judged.reader)
    try:
        document = pdfium.PdfDocument(pdfium_source(source, judged))
    except pdfium.PdfiumError as exc:
        if judged.protected or "password" in str(exc).lower():
            return Parsed(sniff.PDF, encrypted=True)
        raise Unreadable(damaged()) from exc
    try:
        count = len(document)
        if count == 0:
            raise Unreadable(tr("The PDF has no pages."))
        if count > MAX_PDF_PAGES:
            raise Unreadable(too_many_pages(count))
        if judged.protected:  # pdfium opened it, though no copy could be made without it
            metadata = {k: _one_line(v) for k, v in document.get_metadata_dict().items() if v}
            metadata = {k: v for k, v in metadata.items() if v}
        if judged.protected or judged.restricted:  # opened without a password
            metadata["Restrictions"] = "owner password (opens without a password)"
        pages, thumbnail = [], None
        for index in range(count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                pages.append(_clean_pdf_text(textpage.get_text_range()))
                textpage.close()
                if index == 0:
                    thumbnail = _pdf_thumbnail(page)
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise Unreadable(damaged()) from exc
    finally:
        document.close()
    created = metadata.get("CreationDate") or metadata.get("/CreationDate")
    return Parsed(
        sniff.PDF,
        page_count=count,
        pages=pages,
        metadata=metadata,
        document_date=_pdf_date(created),
        thumbnail=thumbnail,
        title=metadata.get("Title") or metadata.get("/Title") or None,
    )


def _clean_pdf_text(text: str) -> str:
    """pdfium marks a word split by a hyphen at a line end with U+FFFE: join it again."""
    return _page_text(text.replace("\r\n", "\n"))[:MAX_PAGE_CHARS]


def _page_text(text: str) -> str:
    """Text of a page as stored: no control characters but line breaks, tabs and page
    breaks (a file's text must not drive a terminal that shows a search result), no
    bidirectional overrides, no halves of UTF-16 pairs (SQLite stores UTF-8 only)."""
    return _NOT_KEPT.sub("", text.encode("utf-8", "replace").decode("utf-8"))


# What a page's text loses (one pass of a regular expression: 5 times faster than a
# character table, which looked each character up in a dictionary).
_NOT_KEPT = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in (*range(0x20), *range(0x7F, 0xA0), 0x202D, 0x202E, 0xFFFE)
        if chr(code) not in "\n\t\f"
    )
    + "]+"
)


def _one_line(value: object, limit: int = 500) -> str:
    """A title or metadata value from a file, fit to show on one line."""
    return clean_text(str(value), multiline=False)[:limit]


def _pdf_metadata(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata or {}
    except Exception:  # its pages were read: document information that cannot be is left out
        info = {}
    found = {}
    for key in _PDF_META_KEYS:
        value = _one_line(info.get(key) or "")
        if value:
            found[key.lstrip("/")] = value
    return found


def _pdf_date(raw: str | None) -> str | None:
    """YYYY-MM-DD from a PDF date such as ``D:20250314102000+01'00'``."""
    if not raw:
        return None
    digits = raw[2:] if raw.startswith("D:") else raw
    try:
        value = datetime.strptime(digits[:8], "%Y%m%d")
    except ValueError:
        return None
    return value.date().isoformat() if 1900 <= value.year <= 2100 else None


def _pdf_thumbnail(page: Any) -> bytes:
    width, height = page.get_size()
    scale = THUMB_SIZE / max(width, height, 1)
    bitmap = page.render(scale=scale)
    return png_bytes(bitmap.to_pil().convert("RGB"))


@contextmanager
def open_image(source: Source, media_type: str) -> Iterator[Any]:
    """The image file at ``source`` (or its content) opened (not yet decoded) within the
    import's limits, for the import and for reading its text alike: a decompression bomb
    or an image of more than :data:`MAX_PIXELS` is refused as too large, a damaged one as
    damaged, in plain words (:class:`Unreadable`), also when decoding it later in the
    ``with`` block fails."""
    from PIL import Image

    formats = {sniff.JPEG: "JPEG", sniff.PNG: "PNG", sniff.TIFF: "TIFF"}
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(
                io.BytesIO(source) if isinstance(source, bytes) else source,
                formats=[formats[media_type]],
            ) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Unreadable(_too_large())
                yield image
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise Unreadable(_too_large()) from exc
        except (OSError, SyntaxError, ValueError, KeyError, EOFError) as exc:
            raise Unreadable(tr("The image is damaged or incomplete and cannot be read.")) from exc


def parse_image(source: Source) -> Parsed:
    from PIL import ImageOps

    if isinstance(source, bytes):
        media_type = sniff.sniff(source[: sniff.HEAD_SIZE]) or ""
    else:
        media_type = sniff.sniff_file(source) or ""
    with open_image(source, media_type) as image:
        width, height = image.size
        exif = image.getexif()
        orientation = exif.get(0x0112)
        raw_date = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
        frames = int(getattr(image, "n_frames", 1))
        image.draft("RGB", (THUMB_SIZE, THUMB_SIZE))
        image.load()
        thumb = ImageOps.exif_transpose(image) or image
        thumb = thumb.convert("RGB")
        thumb.thumbnail((THUMB_SIZE, THUMB_SIZE))
        thumbnail = png_bytes(thumb)
    exif_date = _exif_date(raw_date)
    return Parsed(
        media_type,
        page_count=frames,
        pages=[],
        exif_date=exif_date,
        document_date=exif_date[:10] if exif_date else None,
        orientation=int(orientation) if isinstance(orientation, int) else None,
        thumbnail=thumbnail,
        metadata={"width": str(width), "height": str(height)},
    )


def _too_large() -> str:
    return tr(
        "The image is too large to open safely (more than {n} million pixels).",
        n=MAX_PIXELS // 1_000_000,
    )


def _exif_date(raw: object) -> str | None:
    """ISO date and time from an EXIF ``YYYY:MM:DD HH:MM:SS``."""
    if not isinstance(raw, str):
        return None
    try:
        value = datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return value.isoformat() if 1900 <= value.year <= 2100 else None


def parse_text(source: Source) -> Parsed:
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise Unreadable(tr("The text file is too large (more than 32 MB)."))
    data = source if isinstance(source, bytes) else source.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    _refuse_markup(text)
    text = _page_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    pages = [page[:MAX_PAGE_CHARS] for page in text.split("\f")]
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Parsed(
        sniff.TEXT,
        page_count=len(pages),
        pages=pages,
        title=_one_line(first_line or "", 80) or None,
    )


_WEB_PAGE = re.compile(
    r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)


def _refuse_markup(text: str) -> None:
    """A web page or a word-processor file is text, but not one to read as such."""
    head = text[:4096]
    if _WEB_PAGE.match(head):
        raise Unreadable(
            tr(
                "This is a web page (HTML), not a document the dossier can hold. Open it in "
                "your web browser, print it to a PDF file, and add that PDF."
            )
        )
    if head.lstrip().startswith("{\\rtf"):
        raise Unreadable(
            tr(
                "This is a word-processor file (RTF). Open it in your word processor, save "
                "it as a PDF file, and add that PDF."
            )
        )


HANDLERS: dict[str, Callable[[Source], Parsed]] = {
    sniff.PDF: parse_pdf,
    sniff.JPEG: parse_image,
    sniff.PNG: parse_image,
    sniff.TIFF: parse_image,
    sniff.TEXT: parse_text,
}
