"""A row of controls that goes on to a next line when its place is too narrow.

A tool bar of buttons in one ``QHBoxLayout`` makes the whole window as wide as all its
buttons together; in a longer language (Dutch, the pseudo-language) that can be wider than
the screen. In a :class:`FlowLayout` the narrowest it needs is its widest control.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

__all__ = ["FlowLayout", "flowing"]


class FlowLayout(QLayout):
    """Lays its items out left to right (right to left in Hebrew), wrapping as needed."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, *, to_end: bool = False
    ) -> None:
        """``to_end``: each line's controls at its end (on the right; on the left in Hebrew),
        as buttons after a stretch in a row are."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._to_end = to_end
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # QLayout's interface -----------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        width = sum(item.sizeHint().width() for item in self._items)
        width += self._spacing * max(0, len(self._items) - 1)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as its widest item."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # Placing -------------------------------------------------------------------------
    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():  # a hidden control
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and lines[-1]:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        parent = self.parentWidget()
        mirrored = parent is not None and parent.isRightToLeft()
        y = area.y()
        for number, line in enumerate(lines):
            height = max((hint.height() for _item, hint in line), default=0)
            used = sum(hint.width() for _item, hint in line) + self._spacing * (len(line) - 1)
            x = area.x() + (max(0, area.width() - used) if self._to_end else 0)
            for item, hint in line:
                if move:
                    place = QRect(QPoint(x, y), hint)
                    if mirrored:
                        place.moveLeft(area.left() + area.right() - place.right())
                    item.setGeometry(place)
                x += hint.width() + self._spacing
            if number < len(lines) - 1:
                y += height + self._spacing
            else:
                y += height
        return y - rect.y() + margins.bottom()


def flowing(controls: Sequence[QWidget], *, to_end: bool = False) -> QWidget:
    """A widget holding ``controls`` in a :class:`FlowLayout` (see its ``to_end``)."""
    holder = QWidget()
    flow = FlowLayout(holder, to_end=to_end)
    for control in controls:
        flow.addWidget(control)
    return holder
