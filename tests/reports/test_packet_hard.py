"""The consultation packet of a hard dossier (tests/reports/packet_files.py), read back with
poppler (pdftotext, pdftoppm) and pdfium: the footer whole and drawn on every page, wide
pages turned to fill the paper, the contents page right after the brief."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from dossier.core.bidi import without_isolates
from dossier.core.pdfpages import EDGE_PT, FOOTER_BAND_PT
from dossier.core.reports.dates import long_date
from dossier.core.reports.model import Footer, Paragraph, Report, Section
from dossier.core.reports.packet_plan import PacketPlan, ReportPart, packet_plan
from dossier.core.reports.physical_items import case_items, item_line
from dossier.core.storage import Dossier
from dossier.reports.packet_pdf import PacketResult, render_packet
from tests.reports.packet_files import BORN, NAME, PLAIN_DOCUMENTS, build_packet_dossier

PRINTED = date(2026, 11, 22)
A4 = (595.28, 841.89)
ROOM = (A4[0] - 2 * EDGE_PT, A4[1] - FOOTER_BAND_PT - EDGE_PT)  # where a document page goes


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dossier, int]]:
    dossier, case = build_packet_dossier(tmp_path_factory.mktemp("hard"))
    yield dossier, case
    dossier.close()


@pytest.fixture(scope="module")
def packet(
    hard: tuple[Dossier, int], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, PacketResult]:
    out = tmp_path_factory.mktemp("packet") / "packet.pdf"
    return out, render_packet(packet_plan(*hard, printed=PRINTED), out)


def poppler_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]  # "ﬁ" as "fi"


def pdfium_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def words(text: str) -> set[str]:
    """Words, without their order or the direction marks poppler puts around a
    right-to-left run."""
    return set(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069-]", " ", text).split())


def words_text(text: str) -> str:
    """``text`` without the direction marks poppler puts around a right-to-left run."""
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069-]", " ", text)


def first_page(result: PacketResult, title: str) -> int:
    [page] = [p for t, p in result.bookmarks if t == title or t.startswith(title + " (")]
    return page


def test_every_page_carries_the_whole_footer_in_poppler_and_pdfium(
    packet: tuple[Path, PacketResult],
) -> None:
    out, result = packet
    assert result.pages > PLAIN_DOCUMENTS + 10
    for reader, texts in (("poppler", poppler_pages(out)), ("pdfium", pdfium_pages(out))):
        assert len(texts) == result.pages, reader
        for n, text in enumerate(texts, start=1):
            flat = " ".join(text.split())
            # pdfium breaks the words of a page with little text on it into pieces
            # ("b orn"): its text is compared without spaces, poppler's word by word.
            tight = re.sub(r"\s+", "", words_text(flat))
            if reader == "pdfium":
                # (on such a page it may even put the Hebrew run inside "Ben-Zion":
                # the name's first and Cyrillic words are looked for; poppler reads it all)
                assert "Avraham" in tight and "Авраам" in tight, (reader, n, flat[-200:])
            else:
                assert words(NAME) <= words(flat), (reader, n, flat[-200:])
            for said in (f"born {BORN}", "printed 22 November 2026", f"page {n} of {result.pages}"):
                assert said.replace(" ", "") in tight, (reader, n, flat[-200:])


def test_poppler_draws_the_footer_on_every_page_as_on_the_first(
    packet: tuple[Path, PacketResult], tmp_path: Path
) -> None:
    """pdftotext reads text that is clipped away: the pictures tell whether it is drawn.
    The name, date of birth and date printed are one drawing on every page, so the left
    part of the footer band must come out the same on each."""
    out, result = packet
    subprocess.run(["pdftoppm", "-gray", "-r", "50", str(out), str(tmp_path / "p")], check=True)
    pictures = sorted(tmp_path.glob("p-*.pgm"))
    assert len(pictures) == result.pages
    bands = []
    for picture in pictures:
        image = Image.open(picture)
        w, h = image.size
        band = image.crop((0, int(h * (1 - 14 / 297)), int(w * 0.6), h))  # the lowest 14 mm
        bands.append(band.tobytes())
    assert sum(1 for v in bands[0] if v < 128) > 50  # the brief's footer is drawn
    different = [n for n, band in enumerate(bands, start=1) if band != bands[0]]
    assert different == []


def ink(path: Path, page_index: int) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """Page ``page_index`` at 72 dpi (1 px = 1 pt) above the footer band, and its ink box."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        image = pdf[page_index].render(scale=1).to_pil().convert("L")
    finally:
        pdf.close()
    body = image.crop((0, 0, image.width, int(A4[1] - FOOTER_BAND_PT)))
    box = Image.eval(body, lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return body, box


@pytest.mark.parametrize(
    ("title", "square"),
    [
        # Shown wide with its square top left; turned top to the left: bottom left.
        ("Landscape ECG", "bottom"),
        # A tall page turned by /Rotate 90 (its square shown top right): top left.
        ("Turned chart", "top"),
    ],
)
def test_a_landscape_page_is_turned_to_fill_the_paper(
    packet: tuple[Path, PacketResult], title: str, square: str
) -> None:
    out, result = packet
    page = first_page(result, title)
    body, (left, top, right, bottom) = ink(out, page)
    assert bottom - top >= 0.9 * ROOM[1]  # its width now runs down the page
    assert right - left >= 0.9 * ROOM[0]
    assert bottom - top > right - left
    dark = [
        (x, y)
        for x, y in (("left", "top"), ("right", "top"), ("left", "bottom"), ("right", "bottom"))
        if body.getpixel(
            (left + 20 if x == "left" else right - 20, top + 20 if y == "top" else bottom - 20)
        )
        < 128
    ]
    assert dark == [("left", square)]
    # The footer stays upright at the bottom: one line of text, read left to right.
    lines = [line for line in poppler_pages(out)[page].splitlines() if line.strip()]
    assert re.search(rf"born {BORN} .* page {page + 1} of {result.pages}$", lines[-1])


def test_a_portrait_page_is_not_turned(packet: tuple[Path, PacketResult]) -> None:
    out, result = packet
    pdf = pdfium.PdfDocument(str(out))
    try:
        text = pdf[first_page(result, "Report 1")].get_textpage()
        first, second = text.get_charbox(0), text.get_charbox(1)
        assert text.get_text_range(0, 6) == "Report"
    finally:
        pdf.close()
    assert second[0] > first[0] and abs(second[1] - first[1]) < 1  # read left to right


def test_a_wide_photo_is_turned_to_fill_the_paper(packet: tuple[Path, PacketResult]) -> None:
    out, result = packet
    body, (left, top, right, bottom) = ink(out, first_page(result, "Wide photo"))
    assert bottom - top >= 0.9 * ROOM[1]
    # Its black stripes (top and bottom of the photo) now run down the page.
    assert body.getpixel((left + 2, (top + bottom) // 2)) < 128
    assert body.getpixel(((left + right) // 2, (top + bottom) // 2)) > 128


def test_the_contents_page_follows_the_brief_with_the_real_page_numbers(
    hard: tuple[Dossier, int], packet: tuple[Path, PacketResult]
) -> None:
    out, result = packet
    titles = [t for t, _ in result.bookmarks]
    # The brief, its document index (it summarises 30 enclosures), then the contents.
    assert titles[:3] == ["Consultation brief", "Document index", "Contents of this packet"]
    contents_at = result.bookmarks[2][1]
    questions_at = first_page(result, "Questions for the consultation")
    assert result.bookmarks[0] == ("Consultation brief", 0)
    texts = poppler_pages(out)
    assert texts[contents_at].lstrip().startswith("Contents of this packet")
    contents = "\n".join(texts[contents_at:questions_at])
    assert questions_at - contents_at >= 1
    listed = {}
    for line in contents.splitlines():
        if match := re.match(r"\s*(\d+)\s{2,}(\S.*?)(\s{2,}|$)", line):
            listed[match.group(2).strip()] = int(match.group(1))
    for title, page in [result.bookmarks[1], *result.bookmarks[3:]]:
        name = re.sub(r" \(\d+ \w+ \d{4}\)$", "", title)
        assert listed.get(name) == page + 1, (name, page + 1, listed)
    assert listed["Consultation brief"] == 1
    flat = re.sub(r"(\w)- ", r"\1-", " ".join(contents.split()))  # cells wrap at hyphens
    assert flat.count("not included (password-protected)") >= 2  # Locked letter, Locked scan
    assert "not included (file missing)" in flat
    assert "Owner only" in listed and "Owner only" not in flat.split("Not included")[-1]
    assert "Sent separately or brought by the patient" in flat
    dossier, case = hard
    for item in case_items(dossier, case):  # slides, disc and films, with where they are
        assert without_isolates(item_line(dossier, item, long_date)) in flat
    assert "sent to Dr. Olga Petrenko on 2 October 2026" in flat
    assert f"{result.pages} pages in all" in flat


def _font_size(path: Path, page_index: int) -> float:
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page_index].get_textpage()
        return float(pdfium_c.FPDFText_GetFontSize(text.raw, 0))
    finally:
        pdf.close()


def test_large_print_enlarges_every_printed_part(hard: tuple[Dossier, int], tmp_path: Path) -> None:
    plan = packet_plan(*hard, printed=PRINTED)
    few = replace(plan, parts=plan.parts[:4])
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    plain = render_packet(few, small)
    big = render_packet(replace(few, large_print=True), large)
    for title in (
        "Consultation brief",
        "Contents of this packet",
        "Questions for the consultation",
    ):
        assert (
            _font_size(large, first_page(big, title))
            > _font_size(small, first_page(plain, title)) * 1.2
        ), title


def test_the_brief_is_printed_with_its_document_index(tmp_path: Path) -> None:
    """The brief says its full list of documents is printed with it: in the packet too."""
    footer = Footer("Anna Example", "1 May 1950", "22 November 2026", "page {n} of {m}")
    index = Report("index", "Document index", footer, sections=(Section(None, (Paragraph("x"),)),))
    brief = Report(
        "brief",
        "Consultation brief",
        footer,
        sections=(Section(None, (Paragraph("The question."),)),),
        appendix=(index,),
    )
    out = tmp_path / "packet.pdf"
    result = render_packet(PacketPlan(footer, (ReportPart(brief.title, brief),)), out)
    texts = pdfium_pages(out)
    assert result.pages == 3  # the brief, its document index, the contents page
    assert texts[1].startswith("Document index") and texts[2].startswith("Contents")
    assert result.bookmarks[:3] == [
        ("Consultation brief", 0),
        ("Document index", 1),
        ("Contents of this packet", 2),
    ]
