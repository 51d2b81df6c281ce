"""One slice on screen: the image as large as the room allows (its proportions kept), on
black as in a hospital's viewer, or the plain reason it cannot be shown in its place.

The mouse wheel and the keys (Up and Down, Page Up and Page Down, Home and End) ask for
another slice through :attr:`SliceView.step` and :attr:`SliceView.jump`; the series viewer
decides which.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.i18n import tr

NOTCH = 120  # a mouse wheel's step, in eighths of a degree

_BACKGROUND = QColor(12, 12, 12)
_TEXT = QColor(235, 235, 235)
_FOCUS = QColor(90, 150, 230)


class SliceView(QWidget):
    """Draws the current slice; says which way the person wants to go."""

    step = Signal(int)  # slices forward (positive) or back (negative)
    page = Signal(int)  # a page of slices forward (1) or back (-1)
    jump = Signal(str)  # "first" or "last"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sliceView")
        self.setAccessibleName(tr("Image"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.image: QImage | None = None
        self.message = ""
        self._wheel = 0  # a touchpad's small steps, added up to a notch

    def sizeHint(self) -> QSize:
        return QSize(512, 512)

    def show_image(self, image: QImage) -> None:
        self.image, self.message = image, ""
        self.update()

    def show_message(self, text: str) -> None:
        """``text`` in place of the image (why it cannot be shown, or that it is coming)."""
        self.image, self.message = None, text
        self.setAccessibleDescription(text)
        self.update()

    def clear(self) -> None:
        self.show_message("")

    def image_rect(self) -> QRect:
        """Where the image is drawn: as large as fits, its proportions kept, centred."""
        if self.image is None or self.image.isNull():
            return QRect()
        room = self.rect().adjusted(4, 4, -4, -4)
        size = self.image.size().scaled(room.size(), Qt.AspectRatioMode.KeepAspectRatio)
        area = QRect(0, 0, size.width(), size.height())
        area.moveCenter(room.center())
        return area

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.image_rect()), self.image)
        elif self.message:
            painter.setPen(_TEXT)
            room = self.rect().adjusted(24, 24, -24, -24)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(room, int(flags), self.message)
        if self.hasFocus():
            painter.setPen(QPen(_FOCUS, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A notch down (towards you) is the next slice, as in hospitals' viewers."""
        self._wheel += event.angleDelta().y() or event.angleDelta().x()
        steps = int(self._wheel / NOTCH)
        if steps:
            self._wheel -= steps * NOTCH
            self.step.emit(-steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        ahead = Qt.Key.Key_Left if right_to_left else Qt.Key.Key_Right  # as the slider runs
        back = Qt.Key.Key_Right if right_to_left else Qt.Key.Key_Left
        if key in (Qt.Key.Key_Down, ahead):
            self.step.emit(1)
        elif key in (Qt.Key.Key_Up, back):
            self.step.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.page.emit(1)
        elif key == Qt.Key.Key_PageUp:
            self.page.emit(-1)
        elif key == Qt.Key.Key_Home:
            self.jump.emit("first")
        elif key == Qt.Key.Key_End:
            self.jump.emit("last")
        else:
            super().keyPressEvent(event)
            return
        event.accept()


__all__ = ["NOTCH", "SliceView"]
