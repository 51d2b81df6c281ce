"""A hard dossier for the packet tests: a name in Hebrew, Cyrillic and Latin, 34 documents
of many kinds (landscape and turned pages, a page that leaves a clip open, password-
protected and owner-password-only PDFs, a missing file, a wide photo, TIFFs that make
libtiff talk, a text file) and slides, a disc and films sent elsewhere.

Every file is made here and imported as a person would (``import_paths``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, TiffImagePlugin
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.pdfpages import content_stream
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf

NAME = "Avraham Ben-Zion אברהם בן-ציון Авраам Бен-Цион"
BORN = "3 September 1971"  # of 1971-09-03, as the packet prints it
PLAIN_DOCUMENTS = 24
# A frame around the whole page, and a black square in its top left corner.
FRAME = b"0 0 0 RG 6 w 3 3 {w} {h} re S 0 0 0 rg 3 {top} 60 60 re f"


def _write(writer: PdfWriter, path: Path) -> Path:
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _helvetica(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    return DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )


def drawing_pdf(path: Path, width: float, height: float, *, rotate: int = 0) -> Path:
    """A page of ``width`` x ``height`` with :data:`FRAME` (turned by ``/Rotate``)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width, height)
    frame = FRAME.replace(b"{w}", str(width - 6).encode()).replace(b"{h}", str(height - 6).encode())
    page.replace_contents(
        content_stream(writer, frame.replace(b"{top}", str(height - 63).encode()))
    )
    if rotate:
        page.rotate(rotate)
    return _write(writer, path)


def clip_left_open_pdf(path: Path) -> Path:
    """The trait of pypdf's ``fontsampler.pdf``: a clip begun with ``W`` and never ended
    with ``n`` (``re W BT … ET Q``); poppler keeps it pending past the ``Q``. Also a text
    render mode, character spacing and an unbalanced ``q`` left at the page's top level."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = _helvetica(writer)
    page.replace_contents(
        content_stream(
            writer,
            b"q 100 700 300 20 re W BT /F1 12 Tf 102 705 Td (A clip left open) Tj ET Q\n"
            b"q 2 0 0 2 0 0 cm 3 Tr 4 Tc BT /F1 12 Tf 50 300 Td (invisible) Tj ET",
        )
    )
    return _write(writer, path)


def encrypted_pdf(path: Path, *, user: str, owner: str) -> Path:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    page[NameObject("/Resources")] = _helvetica(writer)
    page.replace_contents(
        content_stream(writer, b"BT /F1 14 Tf 72 700 Td (Owner password only) Tj ET")
    )
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    return _write(writer, path)


def tiff(path: Path, **options: Any) -> Path:
    Image.new("RGB", (90, 60), (30, 120, 40)).save(path, "TIFF", **options)
    return path


def build_packet_dossier(folder: Path) -> tuple[Dossier, int]:
    """The dossier and its case; every document is flagged to bring."""
    dossier = create_dossier(folder / "dossier", name=NAME, born="1971-09-03")
    case = records.create(
        dossier,
        "case",
        {"title": "Prostate cancer: surgery or radiotherapy?", "question": "Which?"},
    ).id
    doctor = records.create(dossier, "contact", {"name": "Dr. Olga Petrenko"}).id
    for description, kind, extra in (
        ("Prostate biopsy slides, 12 cores", "slides", {"sent_to_id": doctor, "sent_on": "2026-10-02"}),
        ("MRI of the pelvis on CD", "disc", {"location": "with the patient"}),
        ("Chest X-ray films", "films", {"location": "radiology archive, Rambam"}),
    ):  # fmt: skip
        records.create(
            dossier,
            "physical_item",
            {"case_id": case, "description": description, "kind": kind, **extra},
        )
    incoming = folder / "incoming"
    incoming.mkdir()
    files: dict[str, Path] = {}
    for n in range(PLAIN_DOCUMENTS):
        blocks: list[Block | str] = []
        for page in range(1 + n % 3):
            if page:
                blocks.append(pagebreak())
            blocks += [Block(f"Report {n + 1}, page {page + 1}", "heading"), "Findings. " * 60]
        path = incoming / f"report{n:02d}.pdf"
        write_pdf(path, blocks, title=f"Report {n + 1}")
        files[f"Report {n + 1}"] = path
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[65000] = "a private tag"
    info.tagtype[65000] = 2
    wide = incoming / "wide.png"
    picture = Image.new("RGB", (1200, 800), "white")
    picture.paste((0, 0, 0), (0, 0, 1200, 12))
    picture.paste((0, 0, 0), (0, 788, 1200, 800))
    picture.save(wide)
    files |= {
        "Landscape ECG": drawing_pdf(incoming / "landscape.pdf", 842, 595),
        "Turned chart": drawing_pdf(incoming / "turned.pdf", 595, 842, rotate=90),
        "Clip left open": clip_left_open_pdf(incoming / "clip.pdf"),
        "Locked letter": encrypted_pdf(incoming / "locked.pdf", user="secret", owner="owner"),
        "Locked scan": encrypted_pdf(incoming / "locked2.pdf", user="other", owner="x"),
        "Owner only": encrypted_pdf(incoming / "owner.pdf", user="", owner="owner"),
        "Wide photo": wide,
        "LZW TIFF": tiff(incoming / "lzw.tiff", compression="tiff_lzw"),
        "Tagged TIFF": tiff(incoming / "tagged.tiff", tiffinfo=info),
        "Phone notes": _text(incoming / "notes.txt"),
    }
    results = import_paths(dossier, list(files.values()), case_id=case)
    titles = {path: title for title, path in files.items()}
    for day, result in enumerate(results, start=1):
        assert result.document_id is not None, result
        records.update(
            dossier,
            "document",
            result.document_id,
            {
                "title": titles[Path(result.path)],
                "bring": True,
                "document_date": f"2026-{1 + day % 9:02d}-{1 + day % 28:02d}",
            },
        )
    write_pdf(incoming / "gone.pdf", [Block("This file will go missing", "title")])
    [result] = import_paths(dossier, [incoming / "gone.pdf"], case_id=case)
    assert result.document_id is not None
    records.update(
        dossier, "document", result.document_id, {"title": "Missing letter", "bring": True}
    )
    document = records.get(dossier, "document", result.document_id)
    dossier.vault.path_for(document["sha256"]).unlink()
    return dossier, case


def _text(path: Path) -> Path:
    path.write_text("Notes from the phone call.\n" + "שלום Привет hello " * 40, "utf-8")
    return path
