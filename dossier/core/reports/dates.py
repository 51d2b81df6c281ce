"""Dates on paper, written as the report's language writes them ("14 March 2026",
"14 maart 2026"): see :mod:`dossier.core.locale_format`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .. import locale_format

DateFormatter = Callable[[date], str]


def iso_date(day: date) -> str:
    return day.isoformat()


def long_date(day: date) -> str:
    """``14 March 2026`` in the current language."""
    return locale_format.long_date(day)


def parse_day(value: str | date | None) -> date | None:
    """A date from a stored value (``YYYY-MM-DD`` or a datetime); None when empty or invalid."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def format_day(value: str | date | None, formatter: DateFormatter) -> str:
    """A stored date for print; the raw text when it is not a date; empty when missing."""
    day = parse_day(value)
    if day is not None:
        return formatter(day)
    return value.strip() if isinstance(value, str) else ""


def format_moment(value: str | None, formatter: DateFormatter) -> str:
    """A stored ``YYYY-MM-DD HH:MM`` for print: the date, then the time when there is one."""
    if not value:
        return ""
    day = format_day(value, formatter)
    time = value[11:16] if len(value) >= 16 else ""
    return f"{day}, {time}" if time else day
