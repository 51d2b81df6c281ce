"""The Calendar page's month view: days holding appointments and deadlines are marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.agenda import Entry
from ...core.clock import today
from ...core.i18n import tr
from ..formatting import day_text
from ..widgets.calendar_region import follow_language


def as_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def as_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def month_side(go_to_today: Callable[[], None]) -> QVBoxLayout:
    """Beside the month view: the Go to today button and the legend of its marks."""
    legend = QLabel(
        tr(
            "● appointment\n□ deadline\n! overdue\n\n"
            "Days that hold something are bold and underlined: point at one to see "
            "what. Today has a frame."
        )
    )
    legend.setObjectName("legend")
    legend.setWordWrap(True)
    legend.setAccessibleName(tr("How the month view marks days"))
    today_button = QPushButton(tr("Go to today"))
    today_button.setObjectName("today")
    today_button.clicked.connect(go_to_today)
    side = QVBoxLayout()
    side.addWidget(today_button, 0, Qt.AlignmentFlag.AlignLeft)
    side.addWidget(legend)
    side.addStretch(1)
    return side


@dataclass
class DayMarks:
    appointments: int = 0
    deadlines: int = 0
    overdue: int = 0


class MonthView(QCalendarWidget):
    """A month calendar that marks the days holding appointments and deadlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: dict[date, DayMarks] = {}
        self.setObjectName("monthView")
        self.setAccessibleName(tr("Month view"))
        self.setAccessibleDescription(
            tr("Days with appointments or deadlines are bold and underlined.")
        )
        self.setSelectedDate(as_qdate(today()))
        self.setMinimumSize(320, 250)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        follow_language(self)
        for name, text in (  # Qt's own parts, named for screen readers
            ("qt_calendar_calendarview", tr("Days of the month")),
            ("qt_calendar_prevmonth", tr("Previous month")),
            ("qt_calendar_nextmonth", tr("Next month")),
            ("qt_calendar_monthbutton", tr("Choose the month")),
            ("qt_calendar_yearbutton", tr("Choose the year")),
            ("qt_calendar_yearedit", tr("Year")),
        ):
            part = self.findChild(QWidget, name)
            if part is not None:
                part.setAccessibleName(text)
                if isinstance(part, QToolButton) and not part.toolTip():
                    part.setToolTip(text)

    def set_marks(self, entries: list[Entry], describe: Callable[[Entry], str]) -> None:
        self.marks = {}
        lines: dict[date, list[str]] = {}
        for entry in entries:
            if entry.day is None:
                continue
            mark = self.marks.setdefault(entry.day, DayMarks())
            if entry.kind == "appointment":
                mark.appointments += 1
            else:
                mark.deadlines += 1
            if entry.status == "overdue":
                mark.overdue += 1
            lines.setdefault(entry.day, []).append(describe(entry))
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the old marks
        for day, texts in lines.items():
            style = QTextCharFormat()
            style.setFontWeight(QFont.Weight.Bold)
            style.setFontUnderline(True)
            style.setToolTip("\n".join([day_text(day), *texts]))
            self.setDateTextFormat(as_qdate(day), style)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        day = as_date(qdate)
        mark = self.marks.get(day)
        is_today = day == today()
        if mark is None and not is_today:
            return
        painter.save()
        selected = as_qdate(day) == self.selectedDate()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = self.palette().color(role)
        painter.setPen(color)
        if is_today:  # a frame, so today is found without colour
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        if mark is not None:
            size = max(5.0, rect.height() / 5)
            y = rect.bottom() - size - 2
            x = rect.left() + 3.0
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if mark.appointments:
                painter.setBrush(color)
                painter.drawEllipse(QRectF(x, y, size, size))
                x += size + 2
            if mark.deadlines:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(x, y, size, size))
            if mark.overdue:
                font = QFont(painter.font())
                font.setBold(True)
                painter.setFont(font)
                painter.drawText(
                    QRectF(rect).adjusted(0, 1, -4, 0),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    "!",
                )
        painter.restore()
