"""A month calendar in the language's own region: its month and weekday names, the day its
weeks start on (Monday in the Netherlands and Ukraine, Sunday in Israel) and its weekend
(Saturday and Sunday there, Friday and Saturday in Israel)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget

from ...core.locale_format import babel_locale, locale_name

__all__ = ["first_day_of_week", "follow_language", "weekend_days"]


def first_day_of_week() -> Qt.DayOfWeek:
    """The first day of the week in the current language's region (CLDR, through Babel)."""
    return Qt.DayOfWeek(babel_locale().first_week_day + 1)  # Babel counts Monday as 0


def weekend_days() -> tuple[Qt.DayOfWeek, ...]:
    """The weekend of the current language's region (CLDR, through Babel), in order."""
    region = babel_locale()
    start, end = region.weekend_start, region.weekend_end
    length = (end - start) % 7 + 1  # a weekend may run over Sunday into Monday's count
    return tuple(Qt.DayOfWeek((start + step) % 7 + 1) for step in range(length))


def follow_language(calendar: QCalendarWidget) -> None:
    """Name the months and weekdays of ``calendar`` as the current language does (its
    region's CLDR names, the same Babel gives), start its weeks on the region's day and
    mark the region's weekend days (Qt marks Saturday and Sunday wherever it is)."""
    calendar.setLocale(QLocale(locale_name()))
    calendar.setFirstDayOfWeek(first_day_of_week())
    weekend = weekend_days()
    for day in Qt.DayOfWeek:
        style = QTextCharFormat()
        if day in weekend:
            style.setForeground(Qt.GlobalColor.red)  # Qt's own weekend colour
        calendar.setWeekdayTextFormat(day, style)
