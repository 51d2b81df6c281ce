"""Dates, times, numbers and money as the current language writes them (CLDR, through Babel).

The window and paper use these same functions, so a date reads the same on screen and in
the brief: "14 March 2026", "14 maart 2026", "14 במרץ 2026", "14 березня 2026 р.".
English follows British usage (day before month, 24-hour clock), as the guides do.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from . import english_dates
from .i18n import PSEUDO, current_language

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported by the functions that use it, not with this module: its import and
# first locale cost about 50 ms, which the window's first paint does without.

#: The region each language's dates and numbers follow.
REGIONS: Final[dict[str, str]] = {
    "en": "en_GB",
    "nl": "nl_NL",
    "he": "he_IL",
    "uk": "uk_UA",
    "ru": "ru_RU",
    PSEUDO: "en_GB",
}


def locale_name(language: str | None = None) -> str:
    """The CLDR locale of ``language`` (default: the current language), such as 'nl_NL'."""
    return REGIONS.get(language or current_language(), "en_GB")


def babel_locale(language: str | None = None) -> Locale:
    from babel import Locale

    return Locale.parse(locale_name(language))


def warm_up() -> None:
    """Load Babel and the current language's calendar data in a thread of their own, while
    the window is being made: the Overview writes dates as soon as it is made, and the first
    date written otherwise costs about 30 ms there. Nothing is shared but Babel's caches,
    which are guarded by its own lock. English needs no warming: its dates are written
    without Babel."""
    import threading

    if locale_name() == REGIONS["en"]:
        return
    threading.Thread(target=_warm_up, name="babel-warm-up", daemon=True).start()


def _warm_up() -> None:
    try:
        from babel.dates import format_date
        from babel.numbers import format_decimal

        name = locale_name()  # the window's language, set meanwhile (English before that)
        format_date(date(2000, 1, 1), "full", locale=name)
        format_decimal(1, locale=name)
    except Exception:  # a warm-up only: the page loads what it needs itself
        pass


def _date(day: date, pattern: str) -> str:
    """``day`` in a Babel ``pattern``; English without loading Babel (see english_dates)."""
    name = locale_name()
    if name == REGIONS["en"] and (english := english_dates.formatted(day, pattern)):
        return english
    from babel.dates import format_date

    return format_date(day, pattern, locale=name)


def long_date(day: date) -> str:
    """'14 March 2026': the month in words, for paper and headings."""
    return _date(day, "long")


def medium_date(day: date) -> str:
    """'14 Mar 2026': the month shortened, for lists and tables ('14 במרץ 2026')."""
    return _skeleton(day, "yMMMd", "d MMM y")


def weekday_date(day: date, *, with_year: bool = True) -> str:
    """'Sat 14 Mar 2026' ('Sat 14 Mar' without the year), for calendars and agendas."""
    if with_year:
        return _skeleton(day, "yMMMEd", "EEE d MMM y")
    return _skeleton(day, "MMMEd", "EEE d MMM")


def day_month(day: date) -> str:
    """'14 Mar': a date of this year, in lists."""
    return _skeleton(day, "MMMd", "d MMM")


def _skeleton(day: date, skeleton: str, english: str) -> str:
    """``day`` as the language writes the fields of ``skeleton`` (CLDR: Hebrew says
    'ב' before the month, Ukrainian ends a year with 'р.'); English keeps ``english``, the
    program's own order without commas."""
    name = locale_name()
    if name == REGIONS["en"]:
        return _date(day, english)
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, day, locale=name)


def full_date(day: date) -> str:
    """'Saturday, 14 March 2026': today's date written out."""
    return _date(day, "full")


def month_year(day: date) -> str:
    """'March 2026', as a calendar's heading."""
    return _date(day, "LLLL y")


def short_time(moment: time | datetime) -> str:
    """'14:30'."""
    name = locale_name()
    if name == REGIONS["en"]:
        return english_dates.short_time(moment)
    from babel.dates import format_time

    return format_time(moment, "short", locale=name)


def number(value: float | int | Decimal, *, decimals: int | None = None) -> str:
    """'1,234.5' / '1.234,5' / '1 234,5'; ``decimals`` fixes the digits after the point."""
    if type(value) is int and not decimals and locale_name() == REGIONS["en"]:
        return f"{value:,}"  # a count in English: as Babel writes it, without loading it
    from babel.numbers import format_decimal

    pattern = None if decimals is None else f"#,##0.{'0' * decimals}" if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=locale_name())


def money(amount: float | Decimal, currency: str | None = None) -> str:
    """'€1,234.50' / '€ 1.234,50'; without a currency, the amount with two decimals."""
    from babel.numbers import format_currency

    if not currency:
        return number(amount, decimals=2)
    return format_currency(amount, currency.upper(), locale=locale_name())


def file_size(size: int) -> str:
    """``size`` bytes as people read them at a glance: "830 kB", "1.2 GB", "12 bytes"
    (CLDR's units, so "1,2 ГБ" in Russian)."""
    from babel.units import format_unit

    value = float(size)
    for unit in ("byte", "kilobyte", "megabyte", "gigabyte"):
        if value < 1000 or unit == "gigabyte":
            break
        value /= 1000
    if unit == "byte":
        return format_unit(int(value), "digital-byte", "long", locale=locale_name())
    pattern = "#,##0.0" if value < 10 else "#,##0"
    return format_unit(value, f"digital-{unit}", "short", locale=locale_name(), format=pattern)
