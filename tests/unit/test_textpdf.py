"""dossier.core.textpdf: the files it writes (with fpdf2) open in pypdf (strict) and pdfium,
with the text, the layout and the metadata that were asked for, in any script the font
has."""

from __future__ import annotations

import io
import logging
import os
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dossier.core.textpdf import (
    A4,
    DEFAULT_MARGIN,
    LETTER,
    PRODUCER,
    STYLES,
    Block,
    pagebreak,
    pdf_bytes,
    render_pdf,
    write_pdf,
)
from tests.pdf_objects import assemble_pdf

WORDS = (
    *("biopsy", "haemoglobin", "referral", "consultant", "diagnosis", "lymph", "node"),
    *("ultrasound", "staging", "oncology", "Müller", "Zoë", "café", "naïve", "Ærøskøbing"),
    *("Ångström", "señora", "déjà", "façade"),
)


def norm(text: str) -> str:
    return " ".join(text.split())


def prose(words: int, offset: int = 0) -> str:
    return " ".join(WORDS[(offset + i) % len(WORDS)] for i in range(words))


def pdfium_pages(source: Path | bytes) -> list[str]:
    """The text of every page as pdfium extracts it."""
    doc = pdfium.PdfDocument(source)
    try:
        texts: list[str] = []
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            texts.append(str(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def pdfium_rects(source: Path, index: int) -> list[tuple[float, float, float, float]]:
    """The text rectangles (left, bottom, right, top) of one page."""
    doc = pdfium.PdfDocument(source)
    try:
        page = doc[index]
        textpage = page.get_textpage()
        rects: list[tuple[float, float, float, float]] = [
            textpage.get_rect(i) for i in range(textpage.count_rects())
        ]
        textpage.close()
        page.close()
        return rects
    finally:
        doc.close()


@pytest.fixture
def strict_reader(caplog: pytest.LogCaptureFixture) -> Iterator[Any]:
    """Opens a PDF with pypdf, strict, and fails the test if pypdf logged any warning."""
    caplog.set_level(logging.WARNING, logger="pypdf")

    def read(source: Path | bytes) -> PdfReader:
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        reader = PdfReader(stream, strict=True)
        for page in reader.pages:
            page.extract_text()
        return reader

    yield read
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")]
    assert warnings == []


# --- metadata ---------------------------------------------------------------------------------


def test_metadata_round_trips_in_pypdf_and_pdfium(tmp_path: Path, strict_reader: Any) -> None:
    path = tmp_path / "bloods.pdf"
    created = datetime(2025, 3, 14, 10, 20, 5, tzinfo=timezone(timedelta(hours=1)))

    pages = write_pdf(
        path,
        [Block("Full blood count", "title"), Block("Normal.")],
        title="Bloods — Müller, Zoë (診断)",
        author="Dr Zoë Müller",
        created=created,
    )

    assert pages == 1
    reader = strict_reader(path)
    assert len(reader.pages) == 1
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Bloods — Müller, Zoë (診断)"
    assert meta.author == "Dr Zoë Müller"
    assert meta.creation_date == created
    assert meta["/CreationDate"] == "D:20250314102005+01'00'"
    doc = pdfium.PdfDocument(path)
    try:
        info = doc.get_metadata_dict()
    finally:
        doc.close()
    assert info["Title"] == "Bloods — Müller, Zoë (診断)"
    assert info["Author"] == "Dr Zoë Müller"
    assert info["CreationDate"] == "D:20250314102005+01'00'"


def test_metadata_is_left_out_unless_given(strict_reader: Any) -> None:
    meta = strict_reader(pdf_bytes(["Just text."])).metadata

    assert meta is not None
    assert meta.title is None
    assert meta.author is None
    assert meta.creation_date is None
    assert meta.producer == PRODUCER


def test_a_naive_creation_date_keeps_its_day_and_time(strict_reader: Any) -> None:
    created = datetime(2024, 12, 31, 23, 59, 58)

    meta = strict_reader(pdf_bytes(["x"], created=created)).metadata

    assert meta["/CreationDate"] == "D:20241231235958Z"  # taken as UTC: the same digits
    assert meta.creation_date.replace(tzinfo=None) == created


# --- text ---------------------------------------------------------------------------------------


def test_pdfium_extracts_the_same_text(tmp_path: Path, strict_reader: Any) -> None:
    blocks = [
        Block("Referral letter — Zoë Müller", "title"),
        Block("History", "heading"),
        Block(prose(60)),
        Block("Findings", "heading"),
        Block(prose(45, offset=7)),
        Block("Dictated, not read.", "small"),
    ]
    path = tmp_path / "letter.pdf"

    pages = write_pdf(path, blocks)

    expected = norm(" ".join(b.text for b in blocks))
    assert norm(" ".join(pdfium_pages(path))) == expected
    reader = strict_reader(path)
    assert len(reader.pages) == pages == 1
    assert norm(reader.pages[0].extract_text()) == expected


def test_accented_words_survive(tmp_path: Path, strict_reader: Any) -> None:
    words = ["Müller,", "Zoë,", "café", "naïve", "Ærøskøbing", "Œuvre", "€12.50", "façade", "ß"]
    path = tmp_path / "accents.pdf"

    write_pdf(path, [Block(" ".join(words)), Block(" ".join(words), "heading")])

    pdfium_text = pdfium_pages(path)[0]
    pypdf_text = strict_reader(path).pages[0].extract_text()
    for word in words:
        assert pdfium_text.count(word) == 2, word
        assert pypdf_text.count(word) == 2, word


@pytest.mark.parametrize(
    "words",
    [
        ["Привет,", "Маргарита", "Лидквист", "анализ", "крови"],  # Cyrillic
        ["Γεώργιος", "Παπαδόπουλος", "αιμοσφαιρίνη"],  # Greek
        ["Ærøskøbing", "Łódź", "Dvořák", "Şişli", "Ğ", "ő"],  # Latin beyond cp1252
    ],
)
def test_non_latin_words_are_shown_and_read_back(
    tmp_path: Path, strict_reader: Any, words: list[str]
) -> None:
    path = tmp_path / "words.pdf"

    write_pdf(path, [Block(" ".join(words), "title"), Block(" ".join(words))], title=words[0])

    assert norm(pdfium_pages(path)[0]) == norm(" ".join(words * 2))
    assert norm(strict_reader(path).pages[0].extract_text()) == norm(" ".join(words * 2))


def test_hebrew_is_laid_right_to_left_and_its_words_read_back(tmp_path: Path) -> None:
    path = tmp_path / "hebrew.pdf"

    write_pdf(path, [Block("Patient: מרים כהן (ירושלים) 1958")])

    text = pdfium_pages(path)[0]  # pdfium reads the line in right-to-left order
    for word in ("Patient", "מרים כהן", "(ירושלים)", "1958"):
        assert word in text, (word, text)
    rects = pdfium_rects(path, 0)  # one line, words placed right to left within the run
    assert len({round(top) for _, _, _, top in rects}) == 1


def test_a_hebrew_paragraph_is_set_from_the_right_with_its_numbers_in_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "letter.pdf"
    letter = "שלום רב, ראיתי היום, 14 בפברואר 2026, את גב׳ רוזנבלום (ובתה)."
    table = ["בדיקה\tתוצאה\tיחידות", "המוגלובין\t13.2\tg/dL", "MCV\t91\tfL"]
    write_pdf(
        path, [Block(letter), Block(table[0], "rowhead")] + [Block(r, "row") for r in table[1:]]
    )

    lines = pdfium_pages(path)[0].splitlines()
    # read back in reading order: the date's numbers and the brackets where a reader sees them
    assert lines[0].startswith("שלום רב, ראיתי היום, 14 בפברואר"), lines
    assert "2026" in lines[0] and lines[0].endswith("רוזנבלום (ובתה)."), lines
    rects = pdfium_rects(path, 0)
    page_width = 595.28
    rightmost = max(right for _, _, right, _ in rects)
    assert page_width - rightmost < 60  # against the right margin (56.7 pt), not the left
    # the table's first column is its rightmost, also in a row that starts with a Latin name
    name_row = [r for r in rects if abs(r[3] - min(r[3] for r in rects)) < 1]
    assert name_row and max(r[2] for r in name_row) > page_width / 2


def test_characters_the_font_lacks_become_question_marks(tmp_path: Path) -> None:
    path = tmp_path / "cjk.pdf"

    write_pdf(path, [Block("診断 ok bell\x07 end")])

    assert norm(pdfium_pages(path)[0]) == "?? ok bell? end"


def page_fonts(path: Path) -> list[Any]:
    resources: Any = PdfReader(path, strict=True).pages[0]["/Resources"]
    return [f.get_object() for f in resources["/Font"].values()]


def test_text_beyond_windows_1252_embeds_dejavu(tmp_path: Path) -> None:
    path = tmp_path / "font.pdf"

    write_pdf(path, [Block("Bold", "title"), Block("Regular Светлана")])

    fonts = page_fonts(path)
    names = sorted(str(f["/BaseFont"]).split("+")[-1] for f in fonts)
    assert names == ["DejaVuSansBold", "DejaVuSansBook"]  # fpdf2 names them so
    for font in fonts:  # a subset of the font travels in the file
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor


def test_windows_1252_text_uses_the_standard_helvetica(tmp_path: Path) -> None:
    path = tmp_path / "latin.pdf"
    text = "Zoë Müller – “déjà vu” • 12 €"

    write_pdf(path, [Block("Bold", "title"), Block(text)])

    fonts = page_fonts(path)
    assert sorted(str(f["/BaseFont"]) for f in fonts) == ["/Helvetica", "/Helvetica-Bold"]
    assert all("/FontDescriptor" not in f for f in fonts)  # named, not carried
    assert norm(pdfium_pages(path)[0]) == norm("Bold " + text)


def test_long_text_flows_onto_several_pages(tmp_path: Path, strict_reader: Any) -> None:
    text = prose(3000)
    path = tmp_path / "long.pdf"

    pages = write_pdf(path, [Block("Long report", "title"), Block(text)])

    assert pages > 3
    texts = pdfium_pages(path)
    assert len(texts) == pages == len(strict_reader(path).pages)
    assert all(norm(t) for t in texts)
    assert norm(" ".join(texts)) == norm("Long report " + text)


def test_text_stays_inside_the_margins(tmp_path: Path) -> None:
    # Wide glyphs and bold: if the width table were too small, lines would run off the page.
    path = tmp_path / "wide.pdf"
    write_pdf(
        path,
        [
            Block("WWW MMM " * 200),
            Block("Mmm Www Æææ " * 60, "heading"),
            Block("x" * 2000),
            Block("Haemoglobin\tWWWWWWWWWWWWWWWWWWWWWWWWWW\t12.0–16.0\tmmmmmmm mmmmmm", "row"),
        ],
    )

    width, height = A4
    for index in range(len(pdfium_pages(path))):
        rects = pdfium_rects(path, index)
        assert rects
        for left, bottom, right, top in rects:
            assert left >= DEFAULT_MARGIN - 1
            assert right <= width - DEFAULT_MARGIN + 1
            assert bottom >= DEFAULT_MARGIN - 6  # descenders of the last line
            assert top <= height - DEFAULT_MARGIN + 1


def test_lines_are_filled_before_wrapping(tmp_path: Path) -> None:
    path = tmp_path / "fill.pdf"
    write_pdf(path, [Block(prose(400))])

    rects = pdfium_rects(path, 0)
    rights = sorted(right for _, _, right, _ in rects)
    # Most lines end within one long word of the right margin.
    assert rights[len(rights) // 2] > A4[0] - DEFAULT_MARGIN - 80


def test_long_words_are_broken(tmp_path: Path) -> None:
    word = "pneumonoultramicroscopicsilicovolcanoconiosis" * 5
    path = tmp_path / "word.pdf"

    write_pdf(path, [Block(word)])

    assert "".join(pdfium_pages(path)[0].split()) == word


def test_hard_line_breaks_and_empty_blocks(tmp_path: Path) -> None:
    path = tmp_path / "lines.pdf"

    write_pdf(path, [Block("first line\nsecond line\r\nthird"), Block(""), Block("after gap")])

    lines = [line.strip() for line in pdfium_pages(path)[0].splitlines()]
    assert lines == ["first line", "second line", "third", "after gap"]


# --- page breaks and rows ---------------------------------------------------------------------------


def test_explicit_page_breaks(tmp_path: Path, strict_reader: Any) -> None:
    path = tmp_path / "breaks.pdf"
    blocks = [
        pagebreak(),  # nothing on the page yet: ignored
        Block("first page"),
        pagebreak(),
        Block("", "pagebreak"),  # a second break in a row makes no blank page
        Block("second page"),
        Block("page break text is ignored", "pagebreak"),
    ]

    pages = write_pdf(path, blocks)

    assert pages == 2
    assert [norm(t) for t in pdfium_pages(path)] == ["first page", "second page"]
    assert len(strict_reader(path).pages) == 2


def test_empty_document_has_one_blank_page(strict_reader: Any) -> None:
    data, pages = render_pdf([])

    assert pages == 1
    assert len(strict_reader(data).pages) == 1
    assert pdfium_pages(data) == [""]


def test_row_cells_appear_in_columns(tmp_path: Path, strict_reader: Any) -> None:
    path = tmp_path / "fbc.pdf"
    rows = [
        "Haemoglobin\t13.1 g/dL\t12.0–16.0",
        "White cells\t6.2 x10^9/L\t4.0–11.0",
        "Platelets\t250 x10^9/L\t150–400",
    ]

    write_pdf(
        path,
        [
            Block("Full blood count", "title"),
            Block("Test\tResult\tReference range", "rowhead"),
            *(Block(row, "row") for row in rows),
        ],
    )

    lines = [norm(line) for line in pdfium_pages(path)[0].splitlines()]
    assert lines[1] == "Test Result Reference range"
    assert lines[2:] == [norm(row) for row in rows]
    text = strict_reader(path).pages[0].extract_text()
    for row in rows:
        for cell in row.split("\t"):
            assert cell in text
    # Three equal columns: the cells start at the margin, one third and two thirds across.
    usable = A4[0] - 2 * DEFAULT_MARGIN
    lefts = sorted({round(rect[0]) for rect in pdfium_rects(path, 0)})
    for column in range(3):
        start = DEFAULT_MARGIN + column * (usable + 12) / 3
        assert any(abs(left - start) < 3 for left in lefts), (column, lefts)


def test_long_table_breaks_between_rows(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    rows = [
        f"Analyte {i}\tvalue {i} with a long comment that wraps\t{i}–{i + 10}" for i in range(150)
    ]

    pages = write_pdf(path, [Block(row, "row") for row in rows])

    assert pages > 1
    text = norm(" ".join(pdfium_pages(path)))
    for i in (0, 75, 149):
        assert f"Analyte {i} " in text + " "


def test_many_cells_do_not_break_the_layout(tmp_path: Path) -> None:
    path = tmp_path / "cells.pdf"

    cells = [str(i) for i in range(300)]

    pages = write_pdf(path, [Block("\t".join(cells), "row")])

    # Columns narrower than a digit: each cell is broken into single characters (which overlap
    # their neighbours, so pdfium merges some), none lost.
    assert pages == 1
    extracted = "".join(PdfReader(path, strict=True).pages[0].extract_text().split())
    assert sorted(extracted) == sorted("".join(cells))


# --- file structure -----------------------------------------------------------------------------


def test_same_input_gives_same_bytes() -> None:
    blocks = [Block("Same", "title"), Block(prose(300))]
    created = datetime(2025, 1, 1, 12, 0, 0)

    assert pdf_bytes(blocks, created=created) == pdf_bytes(blocks, created=created)
    assert pdf_bytes(blocks) == pdf_bytes(blocks)  # without a date too


def test_page_size_and_margin(strict_reader: Any) -> None:
    reader = strict_reader(pdf_bytes([prose(50)], page_size=LETTER, margin=36))

    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == LETTER
    with pytest.raises(ValueError, match="too small"):
        pdf_bytes(["x"], page_size=(100, 100), margin=56)


def test_block_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown block style"):
        Block("x", "caption")  # type: ignore[arg-type]


def test_assemble_pdf_writes_given_objects(strict_reader: Any) -> None:
    data = assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Title (Hand made) >>",
        ],
        root=1,
        info=4,
    )

    reader = strict_reader(data)
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Hand made"


# --- writing files ------------------------------------------------------------------------------


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")

    write_pdf(path, ["new"])

    assert path.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")

    def fail(*_args: object, **_dirs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(os, "rename", fail)  # the final rename, with or without dir_fd
    with pytest.raises(OSError, match="disk full"):
        write_pdf(path, ["new"])

    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_write_accepts_odd_file_names(tmp_path: Path) -> None:
    path = tmp_path / "Résumé — 診断 (copy) #1.pdf"

    assert write_pdf(path, ["odd"]) == 1
    assert norm(pdfium_pages(path)[0]) == "odd"


# --- properties -----------------------------------------------------------------------------------

blocks_strategy = st.lists(
    st.builds(Block, st.text(max_size=400), st.sampled_from(STYLES)), max_size=12
)


@settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(blocks=blocks_strategy, title=st.text(max_size=60), author=st.text(max_size=60))
@example(blocks=[], title="", author="\x1f")  # read back as "˜" before: PDFDocEncoding
def test_any_text_gives_a_pdf_that_opens(blocks: list[Block], title: str, author: str) -> None:
    data, pages = render_pdf(blocks, title=title, author=author)

    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == pages >= 1
    for page in reader.pages:
        page.extract_text()
    meta: dict[str, Any] = dict(reader.metadata or {})
    shown = {c: "?" for c in title + author if unicodedata.category(c) == "Cc"}
    assert str(meta.get("/Title", "")) == title.translate(str.maketrans(shown))  # "" left out
    assert str(meta.get("/Author", "")) == author.translate(str.maketrans(shown))
    assert len(pdfium_pages(data)) == pages


@settings(max_examples=25, deadline=None, database=None)
@given(words=st.lists(st.from_regex(r"[A-Za-z0-9äöüéèàçÆØÅß.,;:()'\-]{1,25}", fullmatch=True)))
def test_plain_words_come_back_from_pdfium(words: list[str]) -> None:
    text = " ".join(words)

    extracted = " ".join(pdfium_pages(pdf_bytes([Block(text)])))

    # pdfium takes a "-" that ends a line for a hyphenation: it gives U+FFFE in its place and
    # joins the two lines, so only there the space between the words is lost.
    assert "".join(extracted.replace("\ufffe", "-").split()) == "".join(text.split())
    if not any(word.endswith("-") for word in words):
        assert norm(extracted) == norm(text)


def test_pdfium_reads_a_hyphen_at_the_end_of_a_line_as_soft() -> None:
    # A quirk for whoever indexes pdfium's text: a line ending in "-" is joined to the next.
    words = ["follow-up"] * 200

    extracted = pdfium_pages(pdf_bytes([Block(" ".join(words))]))[0]

    assert "\ufffe" not in extracted  # the hyphen is inside the word: no quirk
    assert norm(extracted) == " ".join(words)
    quirk = pdfium_pages(pdf_bytes([Block(" ".join(["pre-"] * 200))]))[0]
    assert "\ufffe" in quirk
    assert norm(quirk) != " ".join(["pre-"] * 200)
