"""Dates as people write them are read (dossier.core.written_dates); anything else is
refused, never guessed."""

from __future__ import annotations

from datetime import date, time

import pytest
from babel.dates import get_month_names

from dossier.core.written_dates import month_names, read_date, read_date_time

TODAY = date(2026, 12, 4)  # pinned: two-digit years are read against it
MARCH_14 = date(1957, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "1957-03-14", "14/03/1957", "14-3-1957", "14.3.1957", "14.03.1957.", " 14 - 03 - 1957 ",
        "14 March 1957", "14 march 1957", "March 14, 1957", "14th March 1957", "14 Mar 1957",
        "1957 March 14", "the 14th of March 1957", "14 maart 1957", "14 mrt. 1957",
        "14. März 1957", "14 mars 1957", "14 марта 1957", "14 марта 1957 г.", "14 березня 1957",
        "14 березня 1957 року", "14 במרץ 1957", "14 מרץ 1957", "14-3-57",
        "١٤/٠٣/١٩٥٧",  # Arabic-Indic digits are digits too
    ],
)  # fmt: skip
def test_the_common_written_forms_are_read(text: str) -> None:
    assert read_date(text, today=TODAY) == MARCH_14


def test_the_region_decides_only_what_the_numbers_leave_open() -> None:
    assert read_date("03/04/2026", order="DMY", today=TODAY) == date(2026, 4, 3)
    assert read_date("03/04/2026", order="MDY", today=TODAY) == date(2026, 3, 4)
    assert read_date("3/14/1957", order="DMY", today=TODAY) == MARCH_14  # no month 14
    assert read_date("14/3/1957", order="MDY", today=TODAY) == MARCH_14


def test_two_digit_years_are_the_nearest_not_more_than_ten_years_ahead() -> None:
    assert read_date("1-1-36", today=TODAY) == date(2036, 1, 1)
    assert read_date("1-1-37", today=TODAY) == date(1937, 1, 1)
    assert read_date("1-1-37", today=date(2027, 1, 1)) == date(2037, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "hello", "31 February 2026", "2026-02-30", "14/03", "March 1957", "14 1957",
        "14 Foo 1957", "32-01-2026", "14-13-2026-01", "1957-03-14-1", "1" * 200,
        "14 March 1957 and more", "2026-03-14; DROP TABLE"
    ],
)  # fmt: skip
def test_what_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_date(text, today=TODAY)


def test_a_time_may_follow() -> None:
    assert read_date_time("14-3-2026 9:30", today=TODAY) == (date(2026, 3, 14), time(9, 30))
    assert read_date_time("2026-03-14T09:30", today=TODAY) == (date(2026, 3, 14), time(9, 30))
    assert read_date_time("14 March 2026, 14.05", today=TODAY) == (date(2026, 3, 14), time(14, 5))
    assert read_date_time("14 March 2026", today=TODAY) == (date(2026, 3, 14), None)
    with pytest.raises(ValueError):
        read_date_time("14-3-2026 25:61", today=TODAY)


def test_every_month_has_names_in_each_language() -> None:
    for month in range(1, 13):
        names = [name for name, number in month_names().items() if number == month]
        scripts = {"latin" if name.isascii() or name[0] in "éfmd" else "other" for name in names}
        assert len(names) >= 8 and scripts == {"latin", "other"}, (month, names)


@pytest.mark.parametrize("locale", ["en_GB", "nl_NL", "he_IL", "uk_UA", "ru_RU"])
def test_every_cldr_month_name_of_each_language_is_read(locale: str) -> None:
    """Whole and shortened, in a date ("марта") and on its own ("март"), as CLDR has them,
    in lower, upper and title case."""
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for month, name in get_month_names(width, context, locale).items():
                for written in (name, name.upper(), name.title()):
                    text = f"14 {written} 2026"
                    assert read_date(text, today=TODAY) == date(2026, month, 14), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 MAART 2026", date(2026, 3, 14)), ("1 mei 2026", date(2026, 5, 1)),
        ("3 okt. 2026", date(2026, 10, 3)), ("14 Mrt 2026", date(2026, 3, 14)),
        ("14 березня 2026", date(2026, 3, 14)), ("березень 14 2026", date(2026, 3, 14)),
        ("5 ЛИСТОПАДА 2026 року", date(2026, 11, 5)), ("5 лист. 2026", date(2026, 11, 5)),
        ("14 марта 2026 г.", date(2026, 3, 14)), ("1 Мая 2026", date(2026, 5, 1)),
        ("2 нояб. 2026", date(2026, 11, 2)), ("2 сент 2026", date(2026, 9, 2)),
        ("14 במרץ 2026", date(2026, 3, 14)), ("14 ינו׳ 2026", date(2026, 1, 14)),
        ("14 בספט׳ 2026", date(2026, 9, 14)), ("14 Sept 2026", date(2026, 9, 14)),
    ],
)  # fmt: skip
def test_month_names_in_the_languages_the_program_speaks(text: str, expected: date) -> None:
    assert read_date(text, today=TODAY) == expected


def test_a_word_that_is_no_month_is_still_refused() -> None:
    for text in ("14 марток 2026", "14 maartje 2026", "14 ינוארי 2026"):
        with pytest.raises(ValueError):
            read_date(text, today=TODAY)
