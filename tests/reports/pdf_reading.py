"""Reading a rendered PDF back for the layout tests: each page's text with both poppler
(pdftotext) and pdfium, where characters are on the page, their type size, and the lines
drawn (rules)."""

from __future__ import annotations

import ctypes
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def pdfium_pages(path: Path) -> list[str]:
    """Each page's text by pdfium, whitespace normalised."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()


def poppler_pages(path: Path) -> list[str]:
    """Each page's text by poppler's pdftotext, whitespace normalised."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


@dataclass(frozen=True)
class Char:
    text: str
    left: float  # points from the page's left
    bottom: float  # points from the page's foot
    top: float
    size: float  # the type size, points


def chars(path: Path, page: int) -> list[Char]:
    """The characters of page ``page`` (0-based) with their boxes and type sizes."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page].get_textpage()
        out = []
        for i in range(text.count_chars()):
            left, bottom, _, top = text.get_charbox(i)
            size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
            out.append(Char(text.get_text_range(i, 1), left, bottom, top, size))
        return out
    finally:
        pdf.close()


def where(found: list[Char], word: str, *, nth: int = 0) -> Char:
    """The first character of the ``nth`` occurrence of ``word`` (in the text's order)."""
    joined = "".join(c.text for c in found)
    at = -1
    for _ in range(nth + 1):
        at = joined.index(word, at + 1)
    return found[at]


@dataclass(frozen=True)
class Stroke:
    width: float  # points, on the page
    left: float
    bottom: float
    right: float
    top: float
    black: bool


def strokes(path: Path, page: int) -> tuple[list[Stroke], list[Stroke]]:
    """The stroked paths of page ``page`` (0-based), and its filled ones (their stroke
    width 0): a rule drawn as a thin fill shows as a filled path only fractions of a point
    high."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        stroked, filled = [], []
        for obj in pdf[page].get_objects(max_depth=5):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            width = ctypes.c_float()
            pdfium_c.FPDFPageObj_GetStrokeWidth(obj.raw, width)
            matrix = obj.get_matrix().get()
            scale = abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5
            mode, stroke = ctypes.c_int(), ctypes.c_int()
            pdfium_c.FPDFPath_GetDrawMode(obj.raw, mode, stroke)
            rgba = [ctypes.c_uint() for _ in range(4)]
            if stroke.value:
                pdfium_c.FPDFPageObj_GetStrokeColor(obj.raw, *rgba)
            else:
                pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *rgba)
            black = all(c.value == 0 for c in rgba[:3])
            left, bottom, right, top = obj.get_bounds()
            item = Stroke(width.value * scale, left, bottom, right, top, black)
            (stroked if stroke.value else filled).append(item)
        return stroked, filled
    finally:
        pdf.close()


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def page_size(path: Path, page: int = 0) -> tuple[float, float]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        width, height = pdf[page].get_size()
        return round(width, 1), round(height, 1)
    finally:
        pdf.close()
