"""How one document looks in the grid: its thumbnail, title, date and kind, a "to bring" mark."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...core.i18n import tr
from ..formatting import choice_label, date_text
from ..models.record_table import RECORD_ROLE
from .document_model import THUMBNAIL_ROLE
from .thumbnails import TILE_IMAGE

_PAD = 10
_GAP = 6
_FACES_KEPT = 120  # drawn tiles kept: more than fill a large screen (about 20 MB)


class GridDelegate(QStyledItemDelegate):
    """Paints a tile; every tile has the same size, so the grid lays out fast."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = TILE_IMAGE
        self._faces: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

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
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tile = rect.adjusted(3, 3, -3, -3)
        if state & QStyle.StateFlag.State_Selected:
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
        record: dict[str, Any] = index.data(RECORD_ROLE) or {}
        painter.drawPixmap(rect.topLeft(), self._face(painter, option, record, index))
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(tile.adjusted(2, 2, -2, -2), 5, 5)
        painter.restore()

    def _face(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        record: dict[str, Any],
        index: QModelIndex | QPersistentModelIndex,
    ) -> QPixmap:
        """The tile's picture and words, drawn once and kept: a grid repainted while files
        arrive, or scrolled, only copies them (drawing the words is the costly part)."""
        pixmap = index.data(THUMBNAIL_ROLE)
        size: QSize = option.rect.size()
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = (
            record.get("id"),
            record.get("title"),
            record.get("document_date"),
            record.get("kind"),
            bool(record.get("bring")),
            pixmap.cacheKey() if isinstance(pixmap, QPixmap) else 0,
            size.width(),
            size.height(),
            ratio,
            option.font.key(),
            option.palette.cacheKey(),
        )
        face = self._faces.get(key)
        if face is not None:
            self._faces.move_to_end(key)
            return face
        face = QPixmap(size * ratio)
        face.setDevicePixelRatio(ratio)
        face.fill(Qt.GlobalColor.transparent)
        drawing = QPainter(face)
        drawing.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_face(drawing, QRect(QPoint(0, 0), size), option, record, pixmap)
        drawing.end()
        self._faces[key] = face
        while len(self._faces) > _FACES_KEPT:
            self._faces.popitem(last=False)
        return face

    def _draw_face(
        self,
        painter: QPainter,
        rect: QRect,
        option: QStyleOptionViewItem,
        record: dict[str, Any],
        pixmap: object,
    ) -> None:
        palette: QPalette = option.palette
        image_area = QRect(
            rect.left() + (rect.width() - self.image.width()) // 2,
            rect.top() + _PAD,
            self.image.width(),
            self.image.height(),
        )
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

    def _bring_badge(
        self, painter: QPainter, target: QRect, palette: QPalette, option: QStyleOptionViewItem
    ) -> None:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        text = tr("To bring")
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
