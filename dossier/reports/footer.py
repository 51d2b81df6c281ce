"""The footer every printed page carries: who the pages are about, and which page this is.

It always shows all four: the name, the date of birth, the day it was printed and "page N of
M". The dates and the page label are never cut. When the whole line does not fit beside the
page label, the name gets a line of its own above it; only a name too long for a whole line
is shortened, by whole words (the first ones and the last, the family name), with "…".
The footer is laid out in the report's direction whatever the script of the name, which is
isolated so it cannot take the dates around it into its own direction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QTextOption

from ..core.bidi import isolate
from ..core.i18n import tr
from ..core.reports.model import Footer
from .page_geometry import (
    DPI,
    FAMILY,
    FOOTER_FROM_BOTTOM_MM,
    MARGIN_MM,
    MM,
    RULE_POINTS,
    Sizes,
    page_pixels,
)

ELLIPSIS = "…"
LABEL_GAP_MM = 6.0  # between the text on the left and "page N of M"


def footer_font(large: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(Sizes.of(large).footer)
    return font


def footer_baseline(paper: str, *, landscape: bool = False, large: bool = False) -> float:
    """The baseline of the footer's last line (the one with "page N of M"), device pixels;
    a little lower in large print, whose footer may take two lines of larger type."""
    from_bottom = FOOTER_FROM_BOTTOM_MM - (1.5 if large else 0.0)
    return page_pixels(paper, landscape=landscape).height() - from_bottom * MM


def shorten_name(name: str, metrics: QFontMetricsF, width: float) -> str:
    """``name`` if it fits ``width``; else as many of its first words as fit, "…" and its
    last word; else its first words and "…"; else cut inside the first word."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    words = name.split()
    candidates = [
        *(f"{' '.join(words[:n])} {ELLIPSIS} {words[-1]}" for n in range(len(words) - 2, 0, -1)),
        *(f"{' '.join(words[:n])} {ELLIPSIS}" for n in range(len(words) - 1, 0, -1)),
    ]
    for candidate in candidates:
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True)
class FooterLines:
    """The footer's text: ``name`` on a line of its own ("" when it shares the last line),
    and the last line's text before the page label."""

    name: str
    last: str


def footer_lines(footer: Footer, metrics: QFontMetricsF, beside_label: float,
                 whole: float) -> FooterLines:  # fmt: skip
    """How ``footer`` is set: on one line when it fits ``beside_label`` (the room left of
    "page N of M"), else the name alone above (shortened to ``whole`` if it must be)."""
    one = replace(footer, name=isolate(footer.name), born=isolate(footer.born),
                  printed=isolate(footer.printed)).line  # fmt: skip
    if footer.name and metrics.horizontalAdvance(one) <= beside_label:
        return FooterLines("", one)
    if footer.born:
        rest = tr(
            "born {born} · printed {printed}",
            born=isolate(footer.born),
            printed=isolate(footer.printed),
        )
    else:
        rest = tr("printed {printed}", printed=isolate(footer.printed))
    return FooterLines(isolate(shorten_name(footer.name, metrics, whole)), rest)


def _option(direction: Qt.LayoutDirection, *, right: bool = False) -> QTextOption:
    side = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    return option


def paint_footer(
    painter: QPainter, footer: Footer, paper: str, n: int, m: int, *, with_label: bool = True,
    landscape: bool = False, large: bool = False,
    direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
) -> None:  # fmt: skip
    """The footer of page ``n`` of ``m``; without its label, room is left for the longest
    one (the packet places the label's pieces itself, see :func:`paint_piece`)."""
    page = page_pixels(paper, landscape=landscape)
    left, _, right, _ = (x * MM for x in MARGIN_MM)
    width = page.width() - left - right
    font = footer_font(large)
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    label = footer.page(n, m) if with_label else footer.page(m, m)
    label_width = metrics.horizontalAdvance(label)
    beside = width - label_width - LABEL_GAP_MM * MM
    lines = footer_lines(footer, metrics, beside, width)
    baseline = footer_baseline(paper, landscape=landscape, large=large)
    step = metrics.lineSpacing()
    first = baseline - (step if lines.name else 0.0)
    rtl = direction == Qt.LayoutDirection.RightToLeft

    def place(x: float, w: float) -> float:  # mirrored on a right-to-left page
        return page.width() - x - w if rtl else x

    pen = QPen(Qt.GlobalColor.black, RULE_POINTS * DPI / 72)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    rule_y = first - metrics.ascent() - 1.6 * MM
    painter.drawLine(QPointF(left, rule_y), QPointF(left + width, rule_y))
    painter.setPen(QPen(Qt.GlobalColor.black))
    height = metrics.height()
    if lines.name:
        top = first - metrics.ascent()
        painter.drawText(QRectF(place(left, width), top, width, height), lines.name,
                         _option(direction, right=rtl))  # fmt: skip
    top = baseline - metrics.ascent()
    # The dates are never cut: the text is drawn whole. When it reaches under the label
    # (long month names in large print), the label goes up beside the name, if it fits.
    last_width = metrics.horizontalAdvance(lines.last)
    last = max(beside, last_width + 2)
    painter.drawText(QRectF(place(left, last), top, last, height), lines.last,
                     _option(direction, right=rtl))  # fmt: skip
    if with_label:
        label_top = top
        if lines.name and last_width > beside and metrics.horizontalAdvance(lines.name) <= beside:
            label_top = first - metrics.ascent()
        box = QRectF(place(left + width - label_width - 1, label_width + 2), label_top,
                     label_width + 2, height)  # fmt: skip
        painter.drawText(box, label, _option(direction, right=not rtl))
    painter.restore()


def paint_piece(
    painter: QPainter, paper: str, text: str, *, large: bool = False,
    direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
) -> float:  # fmt: skip
    """``text`` in the footer's type on the footer's baseline from x = 0, in ``direction``
    (its spaces on the side that direction puts them); its advance (points)."""
    font = footer_font(large)
    painter.setFont(font)
    painter.setLayoutDirection(direction)
    painter.setPen(QPen(Qt.GlobalColor.black))
    metrics = QFontMetricsF(font, painter.device())
    painter.drawText(QPointF(0, footer_baseline(paper, large=large)), text)
    return metrics.horizontalAdvance(text) * 72 / DPI
