"""A reminder in plain words, in the person's language, said from the moment it is read.

"Tomorrow at 14:00: appointment with Dr Cohen at Rabin Medical Center",
"In 3 days, on Fri 29 May: decision deadline for Knee replacement",
"Overdue since Sat 9 May: Phone the insurer". Dates and times are written by
:mod:`dossier.core.locale_format`, so they read as the rest of the window does; names
are isolated (:func:`dossier.core.bidi.isolate`), so a Latin name keeps its order in a
Hebrew sentence and the other way round.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .bidi import isolate
from .calendar_items import CalendarItem
from .clip import clip, clip_line
from .i18n import ntr, tr
from .locale_format import short_time, weekday_date

MAX_NAME = 120  # characters of a title, name or place in a reminder's sentence
MAX_DETAILS = 300  # characters of the lines under the sentence
MAX_DETAIL_LINES = 3


def short(text: object, limit: int = MAX_NAME) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" (a hostile title may be
    a page long, or hold line breaks)."""
    return clip_line(str(text or ""), limit)


def day_text(day: date, today: date) -> str:
    """'Sat 9 May' this year, 'Sat 9 May 2027' another."""
    return weekday_date(day, with_year=day.year != today.year)


def appointment_when(starts: datetime, now: datetime) -> str:
    """'Tomorrow at 14:00', 'Today at 09:30', 'On Fri 15 May at 10:30'…"""
    time = short_time(starts)
    days = (starts.date() - now.date()).days
    if days == 0:
        if starts >= now:
            return tr("Today at {time}", time=time)
        return tr("Earlier today at {time}", time=time)
    if days == 1:
        return tr("Tomorrow at {time}", time=time)
    if days == -1:
        return tr("Yesterday at {time}", time=time)
    on = day_text(starts.date(), now.date())
    if days > 0:
        return tr("On {date} at {time}", date=on, time=time)
    return tr("On {date} at {time} (past)", date=on, time=time)


def appointment_what(who: str, place: str, purpose: str) -> str:
    """'appointment with Dr Cohen at Rabin Medical Center' (as much of it as is known)."""
    if who and place:
        return tr("appointment with {who} at {place}", who=isolate(who), place=isolate(place))
    if who:
        return tr("appointment with {who}", who=isolate(who))
    if place:
        return tr("appointment at {place}", place=isolate(place))
    if purpose:
        return tr("appointment: {purpose}", purpose=isolate(purpose))
    return tr("appointment")


def deadline_when(day: date, today: date) -> str:
    """'Today', 'Tomorrow', 'In 3 days, on Fri 29 May', 'Overdue since Sat 9 May'."""
    days = (day - today).days
    if days == 0:
        return tr("Today")
    if days == 1:
        return tr("Tomorrow")
    on = day_text(day, today)
    if days > 1:
        return ntr("In {n} day, on {date}", "In {n} days, on {date}", days, date=on)
    return tr("Overdue since {date}", date=on)


def task_when(day: date, today: date) -> str:
    """'Due today', 'Due tomorrow', 'Due on Fri 29 May', 'Overdue since Sat 9 May'."""
    days = (day - today).days
    if days == 0:
        return tr("Due today")
    if days == 1:
        return tr("Due tomorrow")
    on = day_text(day, today)
    if days > 1:
        return tr("Due on {date}", date=on)
    return tr("Overdue since {date}", date=on)


def sentence(when: str, what: str) -> str:
    # Translators: a reminder: when, then what. "Tomorrow at 14:00: appointment with Dr
    # Cohen at Rabin Medical Center", "Overdue since Sat 9 May: Phone the insurer".
    return tr("{when}: {what}", when=when, what=what)


def item_text(item: CalendarItem, record: dict[str, Any], who: str, now: datetime) -> str:
    """The reminder's sentence for ``item`` (its ``record``: the appointment, the case of a
    deadline or the task; ``who``: an appointment's contact), read at ``now``."""
    if item.kind == "appointment":
        assert isinstance(item.starts, datetime)
        what = appointment_what(short(who), short(item.location), short(record.get("purpose")))
        return sentence(appointment_when(item.starts, now), what)
    day = item.starts.date() if isinstance(item.starts, datetime) else item.starts
    if item.kind == "deadline":
        what = tr("decision deadline for {case}", case=isolate(short(record.get("title"))))
        return sentence(deadline_when(day, now.date()), what)
    return sentence(task_when(day, now.date()), isolate(short(record.get("title"))))


def item_details(item: CalendarItem, record: dict[str, Any], who: str) -> str:
    """What else is worth saying under the sentence: an appointment's purpose (unless the
    sentence says it already), the case, what to prepare (a few short lines)."""
    lines = []
    if item.kind == "appointment" and record.get("purpose") and (who or item.location):
        lines.append(short(record["purpose"]))
    lines += [short(line) for line in item.details.splitlines() if line.strip()]
    text = "\n".join(lines[:MAX_DETAIL_LINES])
    return clip(text, MAX_DETAILS)


__all__ = [
    "appointment_what",
    "appointment_when",
    "deadline_when",
    "item_details",
    "item_text",
    "short",
    "task_when",
]
