"""A date (or date and time) typed as people write it, or picked from a calendar; may stay
empty.

What is typed is read by :func:`dossier.core.written_dates.read_date_time`: the region's
own numeric form ("14-03-1957" in the Netherlands, "3/14/1957" in the United States),
"14 March 1957", "14 maart 1957", ISO "1957-03-14". :meth:`DateField.text` gives the ISO
form the dossier stores; the field shows the date in the region's form, with the year in
full, once the person leaves it.
"""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...core.i18n import tr, trc
from ...core.locale_format import long_date
from ...core.written_dates import DateOrder, read_date_time
from ..icons import icon
from .calendar_region import follow_language


def edit_format(locale: QLocale | None = None) -> str:
    """The region's numeric date form with a four-digit year ("dd-MM-yyyy"); ISO where the
    region has none of its own (the C locale)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub("y+", "yyyy", pattern)


def date_order(pattern: str) -> DateOrder:
    """Which comes first in a date form: the day, the month or the year."""
    places = {part: pattern.find(part) for part in "dMy"}
    ordered = "".join(sorted(places, key=lambda part: places[part])).upper()
    return "MDY" if ordered == "MDY" else "YMD" if ordered.startswith("Y") else "DMY"


def placeholder(pattern: str) -> str:
    """``pattern`` ("dd-MM-yyyy") as a hint in the language's own letters: "DD-MM-YYYY" in
    English, "DD-MM-JJJJ" in Dutch, "ДД.ММ.ГГГГ" in Russian."""
    letters = {
        # Translators: the day in a date form shown as a hint, "DD-MM-YYYY" (two letters).
        "d": trc("date pattern", "DD"),
        # Translators: the month in a date form shown as a hint, "DD-MM-YYYY" (two letters).
        "M": trc("date pattern", "MM"),
        # Translators: the year in a date form shown as a hint, "DD-MM-YYYY" (four letters).
        "y": trc("date pattern", "YYYY"),
    }
    return re.sub("d+|M+|y+", lambda found: letters[found.group()[0]], pattern)


def shown_date(day: date, pattern: str) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


class DateField(QWidget):
    """A line edit with a calendar button. ``with_time``: a date and a time (HH:MM)."""

    edited = Signal()

    def __init__(self, *, with_time: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.pattern = edit_format()
        self.line = QLineEdit()
        shown = placeholder(self.pattern)
        # Translators: how a time is typed (hours and minutes), after the date's form.
        time_form = tr("HH:MM")
        self.line.setPlaceholderText(f"{shown} {time_form}" if with_time else shown)
        self.line.setToolTip(
            tr(
                "Type the date as you write it, for example {example}, or pick it.",
                example=self.example(),
            )
        )
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.line.editingFinished.connect(self._tidy)
        self.line.installEventFilter(self)
        self.button = QToolButton()
        self.button.setIcon(icon("calendar"))
        if self.button.icon().isNull():
            self.button.setText(trc("button", "Pick"))
        self.button.setToolTip(tr("Pick a date from the calendar"))
        self.button.setAccessibleName(tr("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Tab goes from field to field, not through a calendar button beside each date:
        # from the keyboard, Alt+Down (or F4) in the field opens the calendar.
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        follow_language(self.calendar)
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.button.showMenu()
                return True
        return super().eventFilter(watched, event)

    def example(self) -> str:
        """Two ways to write 14 March 2026 that the field reads: "14-03-2026 or 14 March 2026"."""
        day = date(2026, 3, 14)
        # Translators: two ways of writing the same date, such as "14-03-2026 or 14 March 2026".
        return tr(
            "{numeric} or {written}", numeric=shown_date(day, self.pattern), written=long_date(day)
        )

    def read(self) -> tuple[date, time | None] | None:
        """The date (and time) typed, or None when the text is not one."""
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return read_date_time(text, order=date_order(self.pattern))
        except ValueError:
            return None

    def text(self) -> str:
        """The ISO form of what is typed ("1957-03-14", "2026-03-14 09:30"); the text as
        typed when it is no date, so the form can say what is wrong."""
        found = self.read()
        if found is None:
            return self.line.text().strip()
        day, moment = found
        if self.with_time and moment is not None:
            return f"{day.isoformat()} {moment.strftime('%H:%M')}"
        return day.isoformat()

    def set_text(self, value: str | None) -> None:
        """Show a stored ISO date (or date and time) in the region's form."""
        text = (value or "").replace("T", " ")
        try:
            day, moment = read_date_time(text, order="YMD") if text else (None, None)
        except ValueError:
            day, moment = None, None
        self.line.setText(self._shown(day, moment) if day is not None else text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def select_time(self) -> None:
        """Select the time at the end, so typing replaces it."""
        text = self.line.text()
        if self.with_time and re.search(r"\d{2}:\d{2}$", text):
            self.line.setSelection(len(text) - 5, 5)

    def _shown(self, day: date, moment: time | None) -> str:
        text = shown_date(day, self.pattern)
        if self.with_time and moment is not None:
            text += f" {moment.strftime('%H:%M')}"
        return text

    def _tidy(self) -> None:
        """Once the person leaves the field, show how the date was read."""
        found = self.read()
        if found is not None:
            shown = self._shown(*found)
            if shown != self.line.text():
                self.line.setText(shown)

    def _sync_calendar(self) -> None:
        found = self.read()
        if found is not None:
            day = found[0]
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        else:
            self.calendar.setSelectedDate(QDate.currentDate())

    def _picked(self, day: QDate) -> None:
        found = self.read()
        moment = found[1] if found is not None else None
        if self.with_time and moment is None:
            moment = time(9, 0)
        self.line.setText(self._shown(date(day.year(), day.month(), day.day()), moment))
        self.button.menu().hide()
        self.edited.emit()
