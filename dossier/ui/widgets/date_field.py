"""A date (or date and time) typed as YYYY-MM-DD or picked from a calendar; may stay empty."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..icons import icon


class DateField(QWidget):
    """A line edit with a calendar button. ``with_time``: YYYY-MM-DD HH:MM."""

    edited = Signal()

    def __init__(self, *, with_time: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            self.tr("YYYY-MM-DD HH:MM") if with_time else self.tr("YYYY-MM-DD")
        )
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.button = QToolButton()
        self.button.setIcon(icon("calendar"))
        if self.button.icon().isNull():
            self.button.setText(self.tr("Pick"))
        self.button.setToolTip(self.tr("Pick a date from the calendar"))
        self.button.setAccessibleName(self.tr("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def text(self) -> str:
        return self.line.text().strip()

    def set_text(self, value: str | None) -> None:
        self.line.setText((value or "").replace("T", " "))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def _sync_calendar(self) -> None:
        current = QDate.fromString(self.text()[:10], Qt.DateFormat.ISODate)
        self.calendar.setSelectedDate(current if current.isValid() else QDate.currentDate())

    def _picked(self, day: QDate) -> None:
        text = day.toString(Qt.DateFormat.ISODate)
        if self.with_time:
            time = self.text()[11:16] or "09:00"
            text = f"{text} {time}"
        self.line.setText(text)
        self.button.menu().hide()
        self.edited.emit()
