"""How stored values are shown: dates, amounts and choices in the user's locale and plain words."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from ..core.clock import today
from ..core.entities import Field


def choice_label(value: str) -> str:
    """'ruled_out' → 'Ruled out' (translated through the "choices" context)."""
    text = value.replace("_", " ")
    return QCoreApplication.translate("choices", text[:1].upper() + text[1:])


def date_text(iso: str | None) -> str:
    if not iso:
        return ""
    value = QDate.fromString(iso[:10], "yyyy-MM-dd")
    return QLocale().toString(value, "d MMM yyyy") if value.isValid() else iso


def datetime_text(iso: str | None) -> str:
    if not iso:
        return ""
    value = QDateTime.fromString(iso[:16], "yyyy-MM-ddTHH:mm")
    if not value.isValid():
        return iso
    time = QLocale().toString(value.time(), QLocale.FormatType.ShortFormat)
    return f"{date_text(iso)}, {time}"


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
        if shown == match.group(0) or QDate.fromString(day, "yyyy-MM-dd").isNull():
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
    """'14:30' as the user's locale writes a time ('2:30 PM' in some)."""
    value = QTime.fromString(hhmm, "HH:mm")
    return QLocale().toString(value, QLocale.FormatType.ShortFormat) if value.isValid() else hhmm


def day_text(day: date, *, short: bool = False) -> str:
    """'Thu 21 May 2026' in the user's locale; short: without this year's number."""
    pattern = "ddd d MMM" if short and day.year == today().year else "ddd d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def money_text(amount: float | None, currency: str | None = None) -> str:
    if amount is None:
        return ""
    text = QLocale().toString(float(amount), "f", 2)
    return f"{text} {currency}" if currency else text


def value_text(field: Field, value: Any) -> str:
    """A stored value as one line of text for lists."""
    if value is None:
        return ""
    if field.kind == "bool":
        return QCoreApplication.translate("values", "Yes") if value else ""
    if field.kind == "date":
        return date_text(value)
    if field.kind == "datetime":
        return datetime_text(value)
    if field.kind == "choice":
        return choice_label(value)
    if field.kind == "money":
        return money_text(value)
    if field.kind == "percent":
        return f"{QLocale().toString(float(value), 'g', 4)} %"
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
