"""dossier.core.pdfpages.fit_page: a document's page on the packet's paper, upright as a
viewer shows it, scaled into the room above the footer, drawn as it was."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from dossier.core.pdfpages import (
    EDGE_PT,
    FOOTER_BAND_PT,
    SharedResources,
    content_stream,
    fit_page,
)

A4 = (595.28, 841.89)
# A frame around a wide page, and a black square in its lower left corner.
DRAWING = b"0 0 0 RG 4 w 2 2 396 196 re S 0 0 0 rg 0 0 40 40 re f"


def source_page(rotate: int, streams: int) -> bytes:
    """A 400 x 200 page with DRAWING, turned by /Rotate, its content in 1 or 2 streams."""
    writer = PdfWriter()
    page = writer.add_blank_page(400, 200)
    if streams == 1:
        page.replace_contents(content_stream(writer, DRAWING))
    else:
        half = DRAWING.index(b"0 0 0 rg")
        parts = []
        for data in (DRAWING[:half], DRAWING[half:]):
            part = DecodedStreamObject()
            part.set_data(data)
            parts.append(part)
        page.replace_contents(ArrayObject(parts))
    page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(data: bytes) -> Image.Image:
    document = pdfium.PdfDocument(data)
    try:
        return document[0].render(scale=1).to_pil().convert("L")
    finally:
        document.close()


def ink(image: Image.Image) -> tuple[int, int, int, int]:
    box = Image.eval(image, lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box


def square_corner(image: Image.Image) -> tuple[str, str]:
    """Which corner of the frame holds the black square, as the page is shown."""
    left, top, right, bottom = ink(image)
    x, y = (left + right) // 2, (top + bottom) // 2
    dark = [(i, j) for i in (left + 8, right - 8) for j in (top + 8, bottom - 8)
            if image.getpixel((i, j)) < 128]  # fmt: skip
    assert len(dark) == 1, dark
    i, j = dark[0]
    return ("left" if i < x else "right", "top" if j < y else "bottom")


@pytest.mark.parametrize("streams", [1, 2])
@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_the_page_is_placed_upright_and_fitted(rotate: int, streams: int) -> None:
    data = source_page(rotate, streams)
    shown = render(data)
    writer = PdfWriter()

    fit_page(writer, PdfReader(io.BytesIO(data)).pages[0], *A4)

    out = io.BytesIO()
    writer.write(out)
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)
    assert "/Rotate" not in page and "/Annots" not in page
    printed = render(out.getvalue())
    assert square_corner(printed) == square_corner(shown)
    left, top, right, bottom = ink(printed)
    wide = shown.width > shown.height
    assert ((right - left) > (bottom - top)) == wide  # turned as the viewer shows it
    assert left >= EDGE_PT - 1 and right <= A4[0] - EDGE_PT + 1  # inside the room
    assert bottom <= A4[1] - FOOTER_BAND_PT + 1 and top >= EDGE_PT - 1
    assert abs((left + right) / 2 - A4[0] / 2) <= 2  # centred


def test_a_page_sharing_its_drawing_with_another_is_fitted_once_each() -> None:
    """Two pages whose /Contents is one shared stream: each gets its own copy."""
    writer = PdfWriter()
    first = writer.add_blank_page(400, 200)
    first.replace_contents(content_stream(writer, DRAWING))
    second = writer.add_blank_page(400, 200)
    second[NameObject("/Contents")] = first.raw_get("/Contents")
    source = io.BytesIO()
    writer.write(source)
    packet = PdfWriter()

    for page in PdfReader(source).pages:
        fit_page(packet, page, *A4)

    out = io.BytesIO()
    packet.write(out)
    pages = pdfium.PdfDocument(out.getvalue())
    try:
        images = [pages[i].render(scale=1).to_pil().convert("L") for i in range(2)]
    finally:
        pages.close()
    assert square_corner(images[0]) == square_corner(images[1]) == ("left", "bottom")


def _font(writer: PdfWriter, name: str) -> IndirectObject:
    return writer._add_object(  # a font object of the source document
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(name),
            }
        )
    )


def test_pages_with_the_same_resources_share_one_copy() -> None:
    """Each page has a resources dictionary of its own: equal ones (the same font, by
    reference) are copied once and shared; a different font, or a string where the other
    has a name, gets its own copy. Every page still prints its own text."""
    writer = PdfWriter()
    helvetica, courier = _font(writer, "/Helvetica"), _font(writer, "/Courier")
    fonts = [helvetica, helvetica, courier, helvetica]
    for number, font in enumerate(fonts, start=1):
        page = writer.add_blank_page(400, 200)
        procset = TextStringObject("/PDF") if number == 4 else NameObject("/PDF")
        resources = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
                NameObject("/ProcSet"): ArrayObject([procset]),
            }
        )
        page[NameObject("/Resources")] = writer._add_object(resources)  # its own object
        page.replace_contents(
            content_stream(writer, f"BT /F1 20 Tf 20 100 Td (Page {number}) Tj ET".encode())
        )
    source = io.BytesIO()
    writer.write(source)
    packet = PdfWriter()
    shared = SharedResources()

    for page in PdfReader(source).pages:
        fit_page(packet, page, *A4, shared=shared)

    out = io.BytesIO()
    packet.write(out)
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    used = []
    for page in pages:
        form = page["/Resources"]["/XObject"].raw_get("/Doc").get_object()
        used.append(form.raw_get("/Resources"))
    assert all(isinstance(reference, IndirectObject) for reference in used)  # written once
    numbers = [reference.idnum for reference in used]
    assert numbers[0] == numbers[1] and len(set(numbers)) == 3
    document = pdfium.PdfDocument(out.getvalue())
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(fonts))]
    finally:
        document.close()
    assert texts == [f"Page {n}" for n in range(1, len(fonts) + 1)]
