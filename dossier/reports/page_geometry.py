"""The printed page: paper sizes, margins, the resolution Qt lays out at, and the type sizes
of plain and large print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize

Paper = Literal["a4", "letter"]
PAPERS: dict[str, QPageSize.PageSizeId] = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
}
DPI = 300
FAMILY = "DejaVu Sans"
MARGIN_MM = (18.0, 16.0, 18.0, 20.0)  # left, top, right, bottom (the footer lives below)
LARGE_BOTTOM_MM = 25.0  # large print: room for the footer's larger type
FOOTER_FROM_BOTTOM_MM = 9.0
MM = DPI / 25.4
RULE_POINTS = 0.75  # every rule drawn on paper: answer and signature lines, the footer's


@dataclass(frozen=True)
class Sizes:
    body: float  # points
    small: float
    h1: float
    h2: float
    answer_gap_mm: float
    footer: float

    @classmethod
    def of(cls, large: bool) -> Sizes:
        if large:
            return cls(15.0, 12.5, 22.0, 17.0, 12.0, 12.0)
        return cls(10.0, 8.5, 16.0, 12.0, 8.5, 8.0)


def orientation(landscape: bool) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def page_size(paper: str) -> QPageSize:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}")
    return QPageSize(PAPERS[paper])


def page_pixels(paper: str, *, landscape: bool = False) -> QSizeF:
    size = page_size(paper).sizePoints()
    width, height = size.width() * DPI / 72, size.height() * DPI / 72
    return QSizeF(height, width) if landscape else QSizeF(width, height)


def body_rect(paper: str, *, landscape: bool = False, large: bool = False) -> QRectF:
    """Where the report's text goes on the page (device pixels); the footer is below it."""
    page = page_pixels(paper, landscape=landscape)
    left, top, right, bottom = MARGIN_MM
    if large:
        bottom = LARGE_BOTTOM_MM
    return QRectF(
        left * MM, top * MM, page.width() - (left + right) * MM, page.height() - (top + bottom) * MM
    )
