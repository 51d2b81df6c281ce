"""Dates on paper. The core cannot use QLocale, so the UI passes its own formatter in;
without one, dates are written out in English ("14 March 2026") or as ISO dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..i18n import tr

DateFormatter = Callable[[date], str]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def iso_date(day: date) -> str:
    return day.isoformat()


def long_date(day: date) -> str:
    """``14 March 2026``, with the month name translated."""
    return f"{day.day} {tr(_MONTHS[day.month - 1])} {day.year}"


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
