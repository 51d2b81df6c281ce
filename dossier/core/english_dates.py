"""Dates and times as British English writes them, without Babel.

The window's first paint writes a dozen dates; loading Babel and its calendar data for
them costs about 30 ms of a start that should take little more than Qt's own. English
needs no CLDR lookups: these tables are CLDR's ``en_GB`` names (September shortened to
"Sept", as CLDR does), and the test suite checks every form against Babel day by day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Final

MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_SHORT: Final = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
WEEKDAYS: Final = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_SHORT: Final = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def formatted(day: date, pattern: str) -> str | None:
    """``day`` in one of the patterns the program writes English dates in ("d MMM y",
    "EEE d MMM y", "EEE d MMM", "d MMM", "long", "full", "LLLL y"); None for another."""
    month, short = MONTHS[day.month - 1], MONTHS_SHORT[day.month - 1]
    weekday, weekday_short = WEEKDAYS[day.weekday()], WEEKDAYS_SHORT[day.weekday()]
    forms = {
        "d MMM y": f"{day.day} {short} {day.year}",
        "EEE d MMM y": f"{weekday_short} {day.day} {short} {day.year}",
        "EEE d MMM": f"{weekday_short} {day.day} {short}",
        "d MMM": f"{day.day} {short}",
        "long": f"{day.day} {month} {day.year}",
        "full": f"{weekday}, {day.day} {month} {day.year}",
        "LLLL y": f"{month} {day.year}",
    }
    return forms.get(pattern)


def short_time(moment: time | datetime) -> str:
    """'09:05': the 24-hour clock, as en_GB's short time."""
    return f"{moment.hour:02d}:{moment.minute:02d}"
