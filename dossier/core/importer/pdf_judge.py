"""One judgement of a PDF, made when it is added and again when it is printed.

The import (in its sandboxed worker) and the consultation packet (in the program) both
call :func:`judge_pdf`, so they cannot disagree: a PDF is refused when it is added, with
the reason, or the packet can copy it. The judgement, in order:

1. its end (:mod:`.pdf_tail`): cut off, or a broken table in a file too large to rebuild,
   is refused; bytes after its end are padding, left out of what the readers get;
2. a password (``/Encrypt`` in its trailer), whatever its cipher: when the file opens
   without one (an *owner* password only restricts printing or copying; hospital
   portals often set one), pdfium, which reads every cipher, makes a copy without the
   encryption, and the rest of the judgement is made on that copy, so the packet
   prints it like any other; a file that needs a password to open is *protected*: the
   import stores it marked as such and the packet gives it a stand-in page;
3. compressed parts that would grow huge (:mod:`.pdf_bombs`) are refused;
4. pypdf reads it and every page is copied onto the paper with
   :func:`dossier.core.pdfpages.fit_page`: at import into a scratch document, which is
   then written to nowhere, so a page that makes pypdf recurse, loop or fail is refused
   when the file is added; the packet passes its own document (``copy_into``), so its
   copy is the judgement itself, made once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from ..i18n import ntr, tr
from ..locale_format import number
from ..paper import A4
from .pdf_bombs import bomb_reason
from .pdf_tail import PdfTail, read_pdf, read_tail

MAX_PDF_PAGES = 10_000  # reading a page's text takes about 1 ms: 10 seconds at most


@dataclass(frozen=True)
class PdfJudgement:
    tail: PdfTail
    refused: str | None = None  # why the dossier does not take the file, in plain words
    protected: bool = False  # it needs a password to open
    data: bytes = b""  # the PDF without what follows its end, or without its owner password
    reader: Any = None  # pypdf's reader of ``data``, every page copied (when not protected)
    restricted: bool = False  # it opens without a password but had an owner password

    @property
    def source(self) -> bytes | None:
        """``data`` when it is not the file as it is (bytes followed the PDF's end, which
        the readers must not see, or its encryption was taken off), else None: the file
        itself can be given to a reader."""
        return self.data if self.tail.padding or self.restricted else None


def cut_off() -> str:
    return tr("The PDF is incomplete: it seems to have been cut off.")


def damaged() -> str:
    return tr("The PDF is damaged and cannot be read.")


def too_many_pages(count: int) -> str:
    return ntr(
        "The PDF has {count} page, more than the {limit} a dossier takes in one document.",
        "The PDF has {count} pages, more than the {limit} a dossier takes in one document.",
        count,
        count=number(count),
        limit=number(MAX_PDF_PAGES),
    )


def judge_pdf(
    source: Path | bytes, *, copy_into: Any = None, paper: tuple[float, float] = A4
) -> PdfJudgement:
    """The judgement of the PDF at ``source`` (a path, or the file's bytes, as the packet
    reads them once, checked); raises OSError when it cannot be read.

    ``copy_into`` (a pypdf ``PdfWriter``): the pages are copied into it, fitted to
    ``paper`` (in points), as they are judged; when the file is refused, some may have
    been added already (the caller removes them).
    """
    tail = read_tail(source if isinstance(source, Path) else io.BytesIO(source))
    if not tail.complete:
        return PdfJudgement(tail, cut_off())
    if tail.too_broken_to_repair:
        return PdfJudgement(
            tail,
            tr(
                "The PDF is damaged: its table of contents is missing or broken, and the "
                "file is too large to repair safely."
            ),
        )
    data = read_pdf(source, tail) if isinstance(source, Path) else source[: tail.end]
    restricted = False
    if tail.encrypted:
        opened = without_owner_password(data)
        if opened is None:
            return PdfJudgement(tail, protected=True, data=data)
        data, restricted = opened, True
    if reason := bomb_reason(data):
        return PdfJudgement(tail, reason)
    from ..pdfpages import quiet_pypdf  # pypdf is loaded when a PDF is read, not before

    with quiet_pypdf():
        return _copy_pages(tail, data, copy_into, paper, restricted=restricted)


def without_owner_password(data: bytes) -> bytes | None:
    """The encrypted PDF ``data`` without its encryption, when it opens without a password
    (an owner password only); None when it needs one, or pdfium cannot make the copy.

    pdfium reads every cipher PDF has (RC4, AES-128, AES-256 of PDF 2.0) and writes the
    copy without the security handler; the streams stay compressed as they were, so the
    copy is about the size of the file.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:  # a password is needed (or the file cannot be read)
        return None
    try:
        copy = io.BytesIO()
        document.save(copy, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    except (pdfium.PdfiumError, OSError):
        return None
    finally:
        document.close()
    opened = copy.getvalue()
    return opened if opened.startswith(b"%PDF") else None  # still encrypted: pypdf says so


def _copy_pages(
    tail: PdfTail,
    data: bytes,
    copy_into: Any,
    paper: tuple[float, float],
    *,
    restricted: bool = False,
) -> PdfJudgement:
    from pypdf import PdfReader, PdfWriter

    from ..pdfpages import PageTooLarge, SharedResources, fit_page

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:  # named only by an older trailer
            return PdfJudgement(tail, protected=True, data=data)
        count = len(reader.pages)
        if count == 0:
            return PdfJudgement(tail, tr("The PDF has no pages."))
        if count > MAX_PDF_PAGES:
            return PdfJudgement(tail, too_many_pages(count))
        writer = PdfWriter() if copy_into is None else copy_into
        shared = SharedResources()
        for page in reader.pages:
            fit_page(writer, page, *paper, shared=shared)
        if copy_into is None:  # what the packet writes at its end, tried now
            writer.write(cast(IO[Any], _Nowhere()))
    except PageTooLarge as exc:
        return PdfJudgement(tail, str(exc))
    except MemoryError:
        raise
    except RecursionError:
        return PdfJudgement(tail, tr("The PDF is built in a way that cannot be read safely."))
    except Exception:  # pypdf's errors have no common base: any is a damaged file
        return PdfJudgement(tail, damaged())
    return PdfJudgement(tail, data=data, reader=reader, restricted=restricted)


class _Nowhere(io.RawIOBase):
    """A file that takes any bytes and keeps none (it counts them, for pypdf's offsets)."""

    def __init__(self) -> None:
        super().__init__()
        self._written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = memoryview(data).nbytes
        self._written += size
        return size

    def tell(self) -> int:
        return self._written
