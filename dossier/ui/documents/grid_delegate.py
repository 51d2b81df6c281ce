"""How one document looks in the grid: its thumbnail, title, date and kind, a "to bring" mark."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..formatting import choice_label, date_text
from ..models.record_table import RECORD_ROLE
from .document_model import THUMBNAIL_ROLE
from .thumbnails import TILE_IMAGE

_PAD = 10
_GAP = 6


class GridDelegate(QStyledItemDelegate):
    """Paints a tile; every tile has the same size, so the grid lays out fast."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = TILE_IMAGE

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(7.5, small.pointSizeF() * 0.9))
        return title, small

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, small = self._fonts(option)
        height = (
            _PAD
            + self.image.height()
            + _GAP
            + 2 * QFontMetrics(title).lineSpacing()
            + QFontMetrics(small).lineSpacing()
            + _PAD
        )
        return QSize(self.image.width() + 2 * _PAD + 12, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        record: dict[str, Any] = index.data(RECORD_ROLE) or {}
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tile = rect.adjusted(3, 3, -3, -3)
        if selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(55)
            painter.setBrush(fill)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRoundedRect(tile, 6, 6)
        elif state & QStyle.StateFlag.State_MouseOver:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(22)
            painter.setBrush(fill)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(tile, 6, 6)

        image_area = QRect(
            rect.left() + (rect.width() - self.image.width()) // 2,
            rect.top() + _PAD,
            self.image.width(),
            self.image.height(),
        )
        pixmap = index.data(THUMBNAIL_ROLE)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            size = pixmap.size().scaled(image_area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            if pixmap.width() <= image_area.width() and pixmap.height() <= image_area.height():
                size = pixmap.size()
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(image_area.center())
            target.moveBottom(image_area.bottom())
            painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
            painter.drawRect(target.adjusted(-1, -1, 0, 0))
            painter.drawPixmap(target, pixmap)
            if record.get("bring"):
                self._bring_badge(painter, target, palette, option)

        title_font, small_font = self._fonts(option)
        text_rect = QRect(
            rect.left() + _PAD,
            image_area.bottom() + _GAP,
            rect.width() - 2 * _PAD,
            2 * QFontMetrics(title_font).lineSpacing(),
        )
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(title_font)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            _two_lines(record.get("title") or "", title_font, text_rect.width()),
        )
        line = " · ".join(
            p
            for p in (
                date_text(record.get("document_date")),
                choice_label(record["kind"]) if record.get("kind") else "",
            )
            if p
        )
        painter.setFont(small_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        small_rect = QRect(
            text_rect.left(),
            text_rect.bottom() + 1,
            text_rect.width(),
            QFontMetrics(small_font).lineSpacing(),
        )
        painter.drawText(
            small_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            QFontMetrics(small_font).elidedText(
                line, Qt.TextElideMode.ElideRight, small_rect.width()
            ),
        )
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(tile.adjusted(2, 2, -2, -2), 5, 5)
        painter.restore()

    def _bring_badge(
        self, painter: QPainter, target: QRect, palette: QPalette, option: QStyleOptionViewItem
    ) -> None:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        text = QCoreApplication.translate("documents", "To bring")
        metrics = QFontMetrics(font)
        badge = QRect(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
        badge.moveTopLeft(target.topLeft() + QPoint(4, 4))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)


def _two_lines(text: str, font: QFont, width: int) -> str:
    """The title wrapped to at most two lines, the second elided if it is longer."""
    metrics = QFontMetrics(font)
    words = text.split()
    first = ""
    while words:
        trial = f"{first} {words[0]}".strip()
        if metrics.horizontalAdvance(trial) > width and first:
            break
        first = trial
        words.pop(0)
    if metrics.horizontalAdvance(first) > width:
        return metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
    rest = " ".join(words)
    if not rest:
        return first
    return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
