"""A month calendar in the language's own region: its month and weekday names, and the
day its weeks start on (Monday in the Netherlands and Ukraine, Sunday in Israel)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget

from ...core.locale_format import babel_locale, locale_name

__all__ = ["first_day_of_week", "follow_language"]


def first_day_of_week() -> Qt.DayOfWeek:
    """The first day of the week in the current language's region (CLDR, through Babel)."""
    return Qt.DayOfWeek(babel_locale().first_week_day + 1)  # Babel counts Monday as 0


def follow_language(calendar: QCalendarWidget) -> None:
    """Name the months and weekdays of ``calendar`` as the current language does (its
    region's CLDR names, the same Babel gives), and start its weeks on the region's day."""
    calendar.setLocale(QLocale(locale_name()))
    calendar.setFirstDayOfWeek(first_day_of_week())
