"""The person's calendar as an iCalendar file (RFC 5545), for their own calendar program.

What goes in, and when each thing is reminded of, is :mod:`dossier.core.calendar_items`'s
rule; this module only writes it, with the ``icalendar`` library (which escapes and folds):

* one ``VEVENT`` per item. Its ``UID`` is the item's key and the dossier's own random
  calendar identity (:func:`calendar_id`, kept in the dossier), so a calendar program that
  reads the file again updates the event instead of adding it twice, and two dossiers never
  share an event;
* ``DTSTAMP`` and ``LAST-MODIFIED`` are the record's last change (RFC 5545: without a
  ``METHOD``, ``DTSTAMP`` is when the information was last revised), and ``SEQUENCE`` grows
  with it. The same dossier gives the same bytes, so a file kept up to date is rewritten only
  when something in it changed;
* an appointment is in *floating* local time (``DTSTART:20260512T103000``, no time zone): the
  dossier keeps the time as the person typed it, the time where they live. Every calendar
  program shows a floating time as that time in its own zone (Thunderbird, Evolution,
  Outlook, Apple Calendar, Google Calendar), and needs no ``VTIMEZONE``: a time-zone block
  would have to be made from a zone database the program cannot learn reliably on every
  system (Windows has no IANA zone name), and a wrong one would move every appointment.
  It lasts :data:`~dossier.core.calendar_items.APPOINTMENT_LENGTH`;
* a deadline or a task is a whole day (``VALUE=DATE``), shown as free time;
* one ``VALARM`` (``ACTION:DISPLAY``) per alarm, its ``TRIGGER`` relative to the start:
  ``-P1D`` and ``-PT2H`` for an appointment; for a whole day, whose start is its midnight,
  the trigger reaches the same moment as the desktop reminder (the morning): ``-P2DT15H``
  is three days before, at 9:00; ``PT9H`` the day itself at 9:00.

The work is bounded: at most :data:`MAX_EVENTS` events (the coming ones first, then the most
recent past ones), and every text cut at a length no calendar shows more of.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ... import __version__
from .. import clock, records
from ..atomic_write import write_beside
from ..calendar_items import APPOINTMENT_LENGTH, CalendarItem, calendar_items
from ..clip import clip
from ..clock import now
from ..dossier_settings import get_setting
from ..errors import DossierError
from ..i18n import tr
from ..safe_files import UnsafePath
from ..storage import Dossier

if TYPE_CHECKING:
    from icalendar import Event

SETTING = "calendar_id"  # in dossier.core.columns.SETTINGS
PRODID = f"-//Second Opinion Dossier//Second Opinion Dossier {__version__}//EN"
UID_DOMAIN = "second-opinion-dossier"
MAX_EVENTS = 2_000
SUMMARY_MAX = 300
LOCATION_MAX = 300
DESCRIPTION_MAX = 6_000  # a preparation text of a few thousand characters stays whole
_ID = re.compile(r"[0-9a-f]{32}")
_SEQUENCE_FROM = datetime(2020, 1, 1, tzinfo=UTC)
_NO_STAMP = datetime(2020, 1, 1, tzinfo=UTC)


class CalendarFileError(DossierError):
    """The calendar file could not be written; the message says why, in plain words."""


def calendar_id(dossier: Dossier) -> str:
    """The dossier's calendar identity: 32 random hex digits, made by migration 0009 and kept
    in the dossier (so it travels with it in a backup). When it is missing or not sound (a
    database edited by hand), one is made from what the dossier holds (its person's first
    record and its folder), the same at every export: an export never writes."""
    stored = get_setting(dossier, SETTING)
    if stored is not None and _ID.fullmatch(stored):
        return stored
    person = records.get(dossier, "person", 1)
    seed = f"{person.get('created_at')}\0{Path(dossier.path).resolve()}"
    return hashlib.sha256(seed.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def calendar_name(dossier: Dossier, case_id: int | None = None) -> str:
    """What a calendar program calls the calendar: "Second opinion: Anna Jansen"."""
    name = " ".join(str(records.get(dossier, "person", 1).get("name") or "").split())
    if case_id is not None:
        case = " ".join(str(records.get(dossier, "case", case_id)["title"]).split())
        if name:
            return clip(tr("Second opinion: {name}, {case}", name=name, case=case), SUMMARY_MAX)
        return clip(tr("Second opinion: {case}", case=case), SUMMARY_MAX)
    if name:
        return clip(tr("Second opinion: {name}", name=name), SUMMARY_MAX)
    return tr("Second opinion")


@dataclass(frozen=True)
class CalendarContent:
    """What the calendar file says, read from the dossier: :func:`render` makes the file's
    bytes from it without the dossier (so the window can do that off its thread)."""

    name: str
    identity: str
    items: tuple[CalendarItem, ...]
    read_at: datetime | None = None  # alarms at or before it are left out (None: none)


def calendar_content(dossier: Dossier, case_id: int | None = None) -> CalendarContent:
    """The dossier's appointments, deadlines and tasks due (of one case, or all), bounded."""
    items = tuple(bounded(calendar_items(dossier, case_id)))
    name, identity = calendar_name(dossier, case_id), calendar_id(dossier)
    return CalendarContent(name, identity, items, now().replace(microsecond=0))


def render(content: CalendarContent) -> bytes:
    """The iCalendar file of ``content``, its events with their reminders."""
    from icalendar import Calendar  # here: the window's start does without it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", content.name)
    for item in content.items:
        calendar.add_component(_event(item, content.identity, content.read_at))
    return bytes(calendar.to_ical())


def calendar_bytes(dossier: Dossier, case_id: int | None = None) -> bytes:
    """The iCalendar file of the dossier's appointments, deadlines and tasks due (of one
    case, or all), with their reminders."""
    return render(calendar_content(dossier, case_id))


def write_calendar(dossier: Dossier, path: Path, case_id: int | None = None) -> Path:
    """Write the calendar file to ``path`` as a whole (a file already there stays as it was
    until then; a link there is refused, never written through); the path written. A
    place inside the dossier's own folder is refused."""
    path = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path.parent)) / path.name
    if real.is_relative_to(os.path.realpath(dossier.path)):
        raise CalendarFileError(
            tr(
                "Choose a place outside the dossier's folder {dossier}: the program keeps "
                "the dossier's own files there.",
                dossier=Path(dossier.path).absolute(),
            )
        )
    data = calendar_bytes(dossier, case_id)
    return written(path, lambda: write_beside(path, data))


def written(path: Path, write: Callable[[], Path]) -> Path:
    """``write()`` (which writes ``path``), its OSError said in plain words."""
    try:
        return write()
    except UnsafePath as exc:
        raise CalendarFileError(
            tr("{path} could not be written: {reason}", path=path, reason=str(exc))
        ) from None
    except FileNotFoundError:
        raise CalendarFileError(
            tr(
                "{path} could not be written: the folder {folder} is not there.",
                path=path,
                folder=path.parent,
            )
        ) from None
    except PermissionError:
        raise CalendarFileError(
            tr(
                "{path} could not be written: the folder {folder} cannot be written to.",
                path=path,
                folder=path.parent,
            )
        ) from None
    except OSError as exc:
        full = exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
        reason = tr("the disk is full") if full else (exc.strerror or tr("it cannot be written"))
        raise CalendarFileError(
            tr("{path} could not be written: {reason}.", path=path, reason=reason)
        ) from None


def bounded(items: list[CalendarItem]) -> list[CalendarItem]:
    """At most :data:`MAX_EVENTS` items: the coming ones first (the nearest), then the most
    recent past ones; in the order given."""
    if len(items) <= MAX_EVENTS:
        return items
    today = clock.today()
    coming = [i for i in items if _day(i) >= today][:MAX_EVENTS]
    room = MAX_EVENTS - len(coming)
    past = [i for i in items if _day(i) < today][-room:] if room else []
    kept = {id(i) for i in (*past, *coming)}
    return [i for i in items if id(i) in kept]


def uid(item: CalendarItem, identity: str) -> str:
    """The event's identifier: ``appointment-4.<calendar id>@second-opinion-dossier``."""
    return f"{item.key}.{identity}@{UID_DOMAIN}"


def _day(item: CalendarItem) -> date:
    return item.starts.date() if isinstance(item.starts, datetime) else item.starts


def _event(item: CalendarItem, identity: str, read_at: datetime | None = None) -> Event:
    """The event of ``item``; its alarms after ``read_at`` only (a calendar given a file
    with alarms already past may show them all at once, a pile of stale reminders)."""
    from icalendar import Alarm, Event

    changed = _utc(item.changed)
    event = Event()
    event.add("uid", uid(item, identity))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", max(0, int((changed - _SEQUENCE_FROM).total_seconds()) // 60))
    start = item.starts
    if isinstance(start, datetime):
        event.add("dtstart", start)  # naive: floating local time
        event.add("dtend", start + APPOINTMENT_LENGTH)
        origin = start  # what a trigger counts from
    else:
        event.add("dtstart", start)  # a date: VALUE=DATE
        event.add("dtend", start + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a day to remember, not time taken
        origin = datetime.combine(start, time(0))
    event.add("summary", clip(item.title, SUMMARY_MAX))
    if item.location.strip():
        event.add("location", clip(item.location, LOCATION_MAX))
    if item.details.strip():
        event.add("description", clip(item.details, DESCRIPTION_MAX))
    for moment in item.alarms:
        if read_at is not None and moment.at <= read_at:
            continue
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", clip(item.title, SUMMARY_MAX))
        alarm.add("trigger", moment.at - origin)
        event.add_component(alarm)
    return event


def _utc(stamp: str) -> datetime:
    """A stored time stamp (local time, ISO 8601) in UTC; a fixed one if it is not one."""
    try:
        moment = datetime.fromisoformat(stamp)
        return moment.astimezone(UTC).replace(microsecond=0)
    except (ValueError, OSError, OverflowError):
        return _NO_STAMP


__all__ = [
    "MAX_EVENTS",
    "CalendarContent",
    "CalendarFileError",
    "bounded",
    "calendar_bytes",
    "calendar_content",
    "calendar_id",
    "calendar_name",
    "render",
    "uid",
    "write_calendar",
    "written",
]
