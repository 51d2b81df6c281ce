"""Dates as people write them: "14/03/1957", "14-3-1957", "14 March 1957", "14 maart
1957", "14 марта 1957", "March 14, 1957", as well as "1957-03-14".

The window reads what a person types with :func:`read_date` and stores the ISO form; the
command line keeps ISO only. When a date written in numbers could be read two ways
("03/04/2026"), ``order`` decides, which is the order of the person's own region ("DMY" in
most of Europe and Israel, "MDY" in the United States); a number over 12 settles it either
way. A two-digit year is taken as the nearest year not more than ten years ahead.

Month names are read in every language the program speaks, as CLDR writes them (through
Babel: whole and shortened, in a date and on their own, so Russian and Ukrainian both
"март" and "марта", "березень" and "березня"; Hebrew "מרץ", also "במרץ"), in any case
("MAART", "Mrt."), and in German and French and a few informal short forms besides
("März", "sept", "мрс").
"""

from __future__ import annotations

import re
from datetime import date, time
from functools import cache
from typing import Final, Literal

from babel.dates import get_month_names

from . import clock
from .locale_format import REGIONS

__all__ = ["DateOrder", "month_names", "read_date", "read_date_time"]

DateOrder = Literal["DMY", "MDY", "YMD"]

# Names read besides CLDR's: German, French, and short forms people write.
_NAMES: Final[dict[int, str]] = {
    1: "january jan januari januar janvier janv январь января янв січень січня січ ינואר",
    2: "february feb februari februar février févr февраль февраля фев февр лютий лютого лют "
    "פברואר",
    3: "march mar maart mrt märz mär mars март марта мар березень березня бер מרץ מרס",
    4: "april apr avril avr апрель апреля апр квітень квітня квіт אפריל",
    5: "may mei mai май мая травень травня трав מאי",
    6: "june jun juni juin июнь июня июн червень червня черв יוני",
    7: "july jul juli juillet juil июль июля июл липень липня лип יולי",
    8: "august aug augustus août aout август августа авг серпень серпня серп אוגוסט",
    9: "september sep sept septembre сентябрь сентября сен сент вересень вересня вер ספטמבר",
    10: "october oct oktober okt octobre октябрь октября жовтень жовтня жовт אוקטובר",
    11: "november nov novembre ноябрь ноября нояб листопад листопада лист נובמבר",
    12: "december dec dezember dez décembre déc декабрь декабря дек грудень грудня груд דצמבר",
}
# The CLDR locales whose month names are read: those of the program's languages, and the
# United States' English besides ("Sep" as well as "Sept").
_LOCALES: Final = (*sorted(set(REGIONS.values())), "en_US")
_WIDTHS: Final = ("wide", "abbreviated")
_CONTEXTS: Final = ("format", "stand-alone")
_MARKS: Final = ".\u05f3'"  # a full stop, a Hebrew geresh ("ינו׳"), an apostrophe


def _key(word: str) -> str:
    return word.casefold().rstrip(_MARKS)


@cache
def month_names() -> dict[str, int]:
    """Every month name and short form read (case folded, without a final full stop), with
    its number. Read from CLDR the first time a date is read, not at start-up."""
    names = {name: month for month, words in _NAMES.items() for name in words.split()}
    for locale in _LOCALES:
        for width in _WIDTHS:
            for context in _CONTEXTS:
                for month, name in get_month_names(width, context, locale).items():
                    key = _key(name)
                    if key and " " not in key:
                        names.setdefault(key, month)
    return names


_HEBREW_PREFIXES: Final = ("ב", "ל", "מ")  # "במרץ": in March
_TIME: Final = re.compile(r"(?:^|\s|,|T)(\d{1,2})[:.h](\d{2})\s*$", re.IGNORECASE)
_PARTS: Final = re.compile(r"\d+|[^\W\d_]+\.?", re.UNICODE)
_NUMERIC: Final = re.compile(r"\s*(\d{1,4})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,4})\s*\.?\s*")
_FILLER: Final = frozenset({"of", "de", "the", "den", "der", "le", "г", "г.", "року", "года"})


def _month(word: str) -> int | None:
    word = _key(word)
    names = month_names()
    if word in names:
        return names[word]
    if word[:1] in _HEBREW_PREFIXES and word[1:] in names:
        return names[word[1:]]
    return None


def _year(digits: str, today: date) -> int:
    value = int(digits)
    if len(digits) > 2:
        return value
    century = 2000 if 2000 + value <= today.year + 10 else 1900
    return century + value


def _numeric(text: str, order: DateOrder, today: date) -> date:
    match = _NUMERIC.fullmatch(text)
    if not match:
        raise ValueError("not a date")
    a, b, c = match.groups()
    if len(a) > 2:  # 1957-03-14, 1957/3/14
        if len(c) > 2:
            raise ValueError("two years")
        return date(int(a), int(b), int(c))
    if len(c) not in (2, 4):
        raise ValueError("no year")
    first, second, year = int(a), int(b), _year(c, today)
    if first > 12 or (order != "MDY" and second <= 12):
        return date(year, second, first)
    return date(year, first, second)


def _worded(text: str, today: date) -> date:
    month: int | None = None
    numbers: list[str] = []
    for part in _PARTS.findall(text):
        if part[0].isdigit():
            numbers.append(part)
            continue
        found = _month(part)
        if found is not None and month is None:
            month = found
        elif part.casefold().rstrip(".") not in _FILLER:
            raise ValueError(f"unknown word {part!r}")
    if month is None or len(numbers) != 2:
        raise ValueError("not a written date")
    day_text, year_text = numbers if len(numbers[1]) in (2, 4) else numbers[::-1]
    if len(day_text) > 2:  # "1957 March 14"
        day_text, year_text = year_text, day_text
    return date(_year(year_text, today), month, int(day_text))


def read_date(text: str, *, order: DateOrder = "DMY", today: date | None = None) -> date:
    """The date ``text`` writes; ValueError when it is not one (or not a real day).

    ``today`` (for two-digit years) defaults to the program's today.
    """
    if today is None:
        today = clock.today()
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.IGNORECASE)
    cleaned = cleaned.replace(",", " ").strip()
    if not cleaned or len(cleaned) > 60:
        raise ValueError("not a date")
    if re.fullmatch(r"[\d\s./-]+", cleaned):
        return _numeric(cleaned, order, today)
    return _worded(cleaned, today)


def read_date_time(
    text: str, *, order: DateOrder = "DMY", today: date | None = None
) -> tuple[date, time | None]:
    """A date with an optional time at its end ("14-3-2026 9:30", "2026-03-14T09:30")."""
    stripped = text.strip()
    match = _TIME.search(stripped)
    moment: time | None = None
    if match:
        moment = time(int(match.group(1)), int(match.group(2)))
        stripped = stripped[: match.start()].strip()
    return read_date(stripped, order=order, today=today), moment
