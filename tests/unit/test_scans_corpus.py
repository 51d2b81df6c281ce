"""tests/scans.py: the scans made for the OCR tests are what they say they are."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageOps

from tests import scans

DPI = 100  # small pages: these tests check the generator, not recognition
A4_AT_100 = (827, 1169)  # 595.3 x 841.9 pt at 100 dpi


def _pdf_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def test_letters_are_short_letters_with_their_keyword_once() -> None:
    assert set(scans.LETTERS) == set(scans.KEYWORDS) == set(scans.TESSERACT) == set(scans.LANGUAGES)
    for language, letter in scans.LETTERS.items():
        assert 120 <= len(letter.split()) <= 180, language
        keyword = scans.KEYWORDS[language]
        assert len(keyword) >= 6 and keyword.isalpha()
        assert letter.casefold().count(keyword.casefold()) == 1, language
        assert scans.source_text(language) == letter
    assert all("\u0590" <= c <= "\u05ff" for c in scans.KEYWORDS["he"])
    assert all("\u0400" <= c <= "\u04ff" for c in scans.KEYWORDS["uk"] + scans.KEYWORDS["ru"])


@pytest.mark.parametrize("language", scans.LANGUAGES)
def test_a_clean_page_is_a_grayscale_a4_page_with_ink(language: str) -> None:
    image = scans.page_image(language, dpi=DPI)
    assert image.mode == "L"
    assert abs(image.width - A4_AT_100[0]) <= 1 and abs(image.height - A4_AT_100[1]) <= 1
    assert image.getextrema()[1] == 255  # white paper
    assert sum(image.histogram()[:60]) > 1000  # and dark ink


def test_rotation_turns_the_page_clockwise() -> None:
    upright = scans.page_image("en", dpi=DPI)
    sideways = scans.page_image("en", rotate=90, dpi=DPI)
    assert sideways.size == (upright.height, upright.width)
    assert sideways.tobytes() == upright.transpose(Image.Transpose.ROTATE_270).tobytes()
    upside_down = scans.page_image("en", rotate=180, dpi=DPI)
    assert upside_down.size == upright.size
    assert upside_down.tobytes() == upright.transpose(Image.Transpose.ROTATE_180).tobytes()
    assert scans.page_image("en", rotate=270, dpi=DPI).size == sideways.size
    with pytest.raises(ValueError):
        scans.page_image("en", rotate=45, dpi=DPI)
    with pytest.raises(ValueError):
        scans.page_image("fr", dpi=DPI)


def test_seeds_give_other_pixels_and_the_same_seed_the_same() -> None:
    pages = {scans.page_image("nl", seed=s, dpi=DPI).tobytes() for s in range(49)}
    assert len(pages) == 49
    first = scans.page_image("ru", photo=True, seed=5, dpi=DPI)
    again = scans.page_image("ru", photo=True, seed=5, dpi=DPI)
    other = scans.page_image("ru", photo=True, seed=6, dpi=DPI)
    assert first.tobytes() == again.tobytes() != other.tobytes()


def test_a_photo_is_a_skewed_colour_page_on_a_table() -> None:
    photo = scans.page_image("he", photo=True, seed=2, dpi=DPI)
    assert photo.mode == "RGB"
    # the table around the page and the skew make it larger than the page
    assert photo.width > A4_AT_100[0] and photo.height > A4_AT_100[1]
    histogram = photo.convert("L").histogram()
    assert sum(histogram[240:]) < 0.01 * sum(histogram)  # grey paper, hardly any white


@pytest.mark.parametrize(
    ("orientation", "landscape"), [(1, False), (3, False), (6, True), (8, True)]
)
def test_photo_jpeg_carries_exif_and_turns_upright(
    tmp_path: Path, orientation: int, landscape: bool
) -> None:
    path = scans.photo_jpeg(
        tmp_path / "photo.jpg", "uk", exif_orientation=orientation, seed=1, dpi=DPI
    )
    with Image.open(path) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert exif[0x0112] == orientation
        assert exif.get_ifd(0x8769)[0x9003] == scans.EXIF_DATE == "2026:03:12 10:20:00"
        assert (image.width > image.height) == landscape
        upright = ImageOps.exif_transpose(image)
    assert upright.height > upright.width
    # applying the orientation gives back the photo as taken (within JPEG's error)
    taken = scans.page_image("uk", photo=True, seed=1, dpi=DPI).convert("L")
    difference = [
        abs(a - b) for a, b in zip(upright.convert("L").tobytes(), taken.tobytes(), strict=True)
    ]
    assert sum(difference) / len(difference) < 6


def test_scanned_pdf_has_pages_but_no_text(tmp_path: Path) -> None:
    path = scans.scanned_pdf(tmp_path / "scan.pdf", "ru", pages=2, rotate=90, dpi=DPI)
    document = pdfium.PdfDocument(str(path))
    try:
        assert len(document) == 2
        width, height = document[0].get_size()
        assert (round(width), round(height)) == (842, 595)  # A4, scanned sideways
    finally:
        document.close()
    assert _pdf_texts(path) == ["", ""]


def test_mixed_pdf_has_a_text_page_then_an_image_page(tmp_path: Path) -> None:
    path = scans.mixed_pdf(tmp_path / "mixed.pdf", "ru", dpi=DPI)
    first, second = _pdf_texts(path)
    assert scans.KEYWORDS["ru"] in first
    assert second == ""


def test_cer() -> None:
    truth = scans.source_text("en")
    assert scans.cer(truth, truth) == 0.0
    # whitespace is laid out differently on the page: it does not count
    assert scans.cer("  " + "\n\n".join(truth.split(" ")) + "\n", truth) == 0.0
    assert scans.cer(truth.replace("Amiodarone", "Amiodar0ne"), truth) == 1 / len(
        scans.normalise(truth)
    )
    assert scans.cer("", truth) == 1.0
    # invisible direction marks (Tesseract's LRM/RLM around Latin runs in Hebrew) do not count
    hebrew = scans.source_text("he")
    assert scans.cer(hebrew.replace("150/95", "\u200e150/95\u200f"), hebrew) == 0.0
    assert scans.cer("", "") == 0.0


def _dp_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def test_edit_distance_agrees_with_the_textbook_one() -> None:
    rng = random.Random(4)
    for _ in range(300):
        a = "".join(rng.choices("abcאבв ", k=rng.randint(0, 40)))
        b = "".join(rng.choices("abcאבв ", k=rng.randint(0, 40)))
        assert scans.edit_distance(a, b) == _dp_distance(a, b), (a, b)
    assert scans.edit_distance("kitten", "sitting") == 3
    long_truth = scans.source_text("he") * 2
    assert scans.edit_distance(long_truth, long_truth[:-5] + "x") == 5


def test_write_page_file_writes_a_png_scan_or_a_jpeg_photo(tmp_path: Path) -> None:
    scan = scans.PageFile(str(tmp_path / "scan.png"), "he", rotate=270, seed=3, dpi=DPI)
    assert scans.write_page_file(scan) == (tmp_path / "scan.png").stat().st_size
    with Image.open(tmp_path / "scan.png") as image:
        assert image.format == "PNG" and image.mode == "L" and image.width > image.height
        assert image.tobytes() == scans.page_image("he", rotate=270, seed=3, dpi=DPI).tobytes()
    photo = scans.PageFile(str(tmp_path / "photo.jpg"), "nl", photo=True, seed=2, dpi=DPI)
    scans.write_page_file(photo)
    with Image.open(tmp_path / "photo.jpg") as image:
        assert image.format == "JPEG" and image.getexif()[0x0112] == 1
