"""How stored values are shown: dates, amounts and choices in the user's language and plain
words.

Dates, times and numbers are written by :mod:`dossier.core.locale_format` (CLDR), the same
functions the printed reports use, so a date reads the same on screen and on paper; a
choice is shown through its translated label (:mod:`.choice_labels`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from ..core import locale_format
from ..core.clock import today
from ..core.entities import Field
from ..core.i18n import trc
from .choice_labels import choice_label

__all__ = [
    "choice_label",
    "date_text",
    "dates_in_text",
    "datetime_text",
    "day_text",
    "escape",
    "long_day_text",
    "money_text",
    "shown_date",
    "time_text",
    "value_text",
]


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def date_text(iso: str | None) -> str:
    """'2026-03-14' as '14 Mar 2026' ('14 mrt 2026' in Dutch); text that is no date as it is."""
    if not iso:
        return ""
    day = _day(iso)
    return locale_format.medium_date(day) if day is not None else iso


def datetime_text(iso: str | None) -> str:
    """'2026-03-14T08:15' as '14 Mar 2026, 08:15'."""
    if not iso:
        return ""
    try:
        moment = datetime.strptime(iso[:16], "%Y-%m-%dT%H:%M")
    except ValueError:
        return iso
    # Translators: a date and a time: "14 Mar 2026, 08:15".
    return trc(
        "date and time",
        "{date}, {time}",
        date=date_text(iso),
        time=locale_format.short_time(moment),
    )


_ISO_MOMENT = re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?\b")


def dates_in_text(
    text: str, spans: tuple[tuple[int, int], ...] = ()
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with its stored dates ("2026-12-16T08:15") as the user's locale writes them
    ("16 Dec 2026, 08:15"), and ``spans`` (marked stretches) moved to match: a span that
    touches a date marks the whole date."""
    out: list[str] = []
    moves: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
    last = 0
    for match in _ISO_MOMENT.finditer(text):
        day, moment = match.group(1), match.group(2)
        shown = datetime_text(f"{day}T{moment}") if moment else date_text(day)
        if shown == match.group(0) or _day(day) is None:
            continue
        out.append(text[last : match.start()])
        start = sum(len(piece) for piece in out)
        out.append(shown)
        moves.append((match.start(), match.end(), start, start + len(shown)))
        last = match.end()
    out.append(text[last:])

    def moved(position: int, *, end: bool) -> int:
        shift = 0
        for old_start, old_end, new_start, new_end in moves:
            before = position <= old_start if end else position < old_start
            if before:
                break
            inside = position <= old_end if end else position < old_end
            if inside:
                return new_end if end else new_start
            shift = new_end - old_end
        return position + shift

    return "".join(out), tuple(
        (moved(start, end=False), moved(end, end=True)) for start, end in spans
    )


def time_text(hhmm: str) -> str:
    """'14:30' as the user's language writes a time."""
    try:
        moment = time.fromisoformat(hhmm)
    except ValueError:
        return hhmm
    return locale_format.short_time(moment)


def day_text(day: date, *, short: bool = False) -> str:
    """'Thu 21 May 2026' in the user's language; short: without this year's number."""
    return locale_format.weekday_date(day, with_year=not (short and day.year == today().year))


def long_day_text(day: date) -> str:
    """'14 March 2026' ('14 maart 2026' in Dutch): the month in words, for headings."""
    return locale_format.long_date(day)


def money_text(amount: float | None, currency: str | None = None) -> str:
    """An amount with two decimals, and its currency as the language writes it: '€1,234.50'."""
    if amount is None:
        return ""
    code = (currency or "").strip()
    if len(code) == 3 and code.isalpha():  # an ISO code: written as the language does
        return locale_format.money(float(amount), code)
    number = locale_format.number(float(amount), decimals=2)
    # Translators: an amount with a currency that has no ISO code: "12.50 euro".
    return trc("money", "{amount} {currency}", amount=number, currency=code) if code else number


def value_text(field: Field, value: Any) -> str:
    """A stored value as one line of text for lists."""
    if value is None:
        return ""
    if field.kind == "bool":
        return trc("value", "Yes") if value else ""
    if field.kind == "date":
        return date_text(value)
    if field.kind == "datetime":
        return datetime_text(value)
    if field.kind == "choice":
        return choice_label(value)
    if field.kind == "money":
        return money_text(value)
    if field.kind == "percent":
        # Translators: a percentage: "12.5 %".
        return trc("value", "{number} %", number=locale_format.number(float(value)))
    text = str(value)
    first_line = text.split("\n", 1)[0]
    return first_line if len(first_line) <= 160 else first_line[:159] + "…"


def escape(text: str) -> str:
    """``text`` safe inside HTML, as ``html.escape`` makes it.

    The header uses this at start-up: importing the ``html`` module loads its table of
    every named character (``html.entities``), which the window's first paint can spare.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def shown_date(kind: str, value: str) -> str:
    """A stored date ("date") or date and time ("datetime") as the window writes it."""
    return datetime_text(value) if kind == "datetime" else date_text(value)
