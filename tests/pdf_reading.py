"""A printed PDF read back page by page, as two viewers see it: pdfium (Chrome, many
desktop viewers) and poppler (Evince, Okular, pdftoppm), each split into the page's body
and its footer (the strip at the bottom of the page). Not a test module.

poppler is read with its ``pdftotext -bbox`` (one process per file): words with their
boxes, so the footer is what lies in the bottom strip, not text found anywhere on the page.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

# The footer lives in the bottom margin (20 mm); its strip is the bottom 16 mm (in points).
# Not the whole margin: a body line cut off at the page's end is still in the file, below
# the body, hidden by clipping, and text extraction reads it.
FOOTER_STRIP = 45.0
ENGINES = ("pdfium", "poppler")


@dataclass(frozen=True)
class PageText:
    body: str  # whitespace made single spaces
    footer: str
    body_size: float  # the median height of the body's characters (pdfium only, else 0)
    footer_size: float


def flat(text: str) -> str:
    return " ".join(text.split())


def pdftotext() -> str:
    """The pdftotext command; a test that needs it is skipped without it, except on CI
    (``CI=true``), where its absence fails (packaging/quickstart.py installs poppler)."""
    found = shutil.which("pdftotext")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return found


def read_pages(path: Path, engine: str) -> list[PageText]:
    return pdfium_pages(path) if engine == "pdfium" else poppler_pages(path)


def pdfium_pages(path: Path) -> list[PageText]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [_pdfium_page(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()


def _pdfium_page(page: pdfium.PdfPage) -> PageText:
    left, bottom, right, top = page.get_mediabox()
    strip = FOOTER_STRIP
    # The strip at the bottom of the page as shown, in the page's own (unrotated) space.
    rotation = page.get_rotation() % 360
    if rotation == 90:  # shown turned clockwise: the right edge is at the bottom
        foot, rest = (right - strip, bottom, right, top), (left, bottom, right - strip, top)
    elif rotation == 180:
        foot, rest = (left, top - strip, right, top), (left, bottom, right, top - strip)
    elif rotation == 270:
        foot, rest = (left, bottom, left + strip, top), (left + strip, bottom, right, top)
    else:
        foot, rest = (left, bottom, right, bottom + strip), (left, bottom + strip, right, top)
    text = page.get_textpage()
    body = text.get_text_bounded(*rest)
    footer = text.get_text_bounded(*foot)
    body_sizes: list[float] = []
    footer_sizes: list[float] = []
    for index in range(text.count_chars()):
        x0, y0, x1, y1 = text.get_charbox(index, loose=True)
        if x1 <= x0:
            continue
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        inside = {
            90: middle[0] >= right - strip,
            180: middle[1] >= top - strip,
            270: middle[0] <= left + strip,
        }.get(rotation, middle[1] <= bottom + strip)
        (footer_sizes if inside else body_sizes).append(
            (x1 - x0) if rotation in (90, 270) else (y1 - y0)
        )
    return PageText(
        flat(body),
        flat(footer),
        statistics.median(body_sizes) if body_sizes else 0.0,
        statistics.median(footer_sizes) if footer_sizes else 0.0,
    )


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S
)


def poppler_pages(path: Path) -> list[PageText]:
    done = subprocess.run(
        [pdftotext(), "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pages = []
    for _, height, content in _PAGE.findall(done.stdout):
        body: list[str] = []
        footer: list[str] = []
        for _, y_min, _, y_max, word in _WORD.findall(content):
            middle = (float(y_min) + float(y_max)) / 2
            into = footer if middle >= float(height) - FOOTER_STRIP else body
            into.append(html.unescape(word))
        pages.append(PageText(flat(" ".join(body)), flat(" ".join(footer)), 0.0, 0.0))
    return pages
