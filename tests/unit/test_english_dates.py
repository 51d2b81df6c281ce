"""English dates and counts are written without Babel (for the first paint's sake), and
read exactly as Babel's en_GB would write them: every day of a leap year (every month,
every weekday, the 29th of February) in every form, and times and counts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

from dossier.core import english_dates, locale_format
from dossier.core.i18n import language_scope

PATTERNS = ("d MMM y", "EEE d MMM y", "EEE d MMM", "d MMM", "long", "full", "LLLL y")


def _days() -> list[date]:
    first = date(2028, 1, 1)
    return [first + timedelta(days=n) for n in range(366)] + [date(1, 1, 1), date(9999, 12, 31)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_form_of_every_day_is_babels(pattern: str) -> None:
    for day in _days():
        assert english_dates.formatted(day, pattern) == format_date(day, pattern, locale="en_GB")


def test_another_pattern_is_left_to_babel() -> None:
    assert english_dates.formatted(date(2027, 3, 14), "dd/MM/yyyy") is None


@pytest.mark.parametrize(
    "moment",
    [time(0, 0), time(9, 5), time(23, 59, 59), datetime(2027, 3, 14, 14, 30),
     datetime(2027, 3, 14, 7, 1, tzinfo=timezone(timedelta(hours=2)))],
)  # fmt: skip
def test_short_times_are_babels(moment: time | datetime) -> None:
    assert english_dates.short_time(moment) == format_time(moment, "short", locale="en_GB")


def test_the_programs_english_functions_agree_with_babel() -> None:
    day = date(2028, 2, 29)
    with language_scope("en"):
        assert locale_format.medium_date(day) == format_date(day, "d MMM y", locale="en_GB")
        assert locale_format.weekday_date(day, with_year=False) == "Tue 29 Feb"
        assert locale_format.long_date(day) == "29 February 2028"
        assert locale_format.full_date(day) == "Tuesday, 29 February 2028"
        assert locale_format.month_year(day) == "February 2028"
        for count in (0, 7, 1234, 1234567, -4500):
            assert locale_format.number(count) == format_decimal(count, locale="en_GB")
        assert locale_format.number(1234.5) == "1,234.5"  # not a count: Babel writes it
    with language_scope("nl"):
        assert locale_format.medium_date(day) == format_skeleton("yMMMd", day, locale="nl_NL")
        assert locale_format.number(1234) == "1.234"
