"""Reminders on the desktop: which of the calendar's alarms are due, each given once.

The alarms are the calendar's (:mod:`dossier.core.calendar_items`): a reminder comes at
the moment the person's own calendar program reminds of the same thing (an appointment
the day before and two hours before, a decision deadline three days before, a task on
its day), and opens the item it is about (:attr:`Reminder.entity`, :attr:`Reminder.record_id`).

**Once each.** A reminder given is written to the dossier (table ``reminder_shown``: the
alarm's key and when it was given), so it travels with the dossier and is given once on
whichever computer the dossier is open. An alarm counts as given when it was given at or
after its time: an appointment moved to a later day is reminded of again, at its new
time. A dossier open for reading only cannot record it; there, and when writing fails
(a full disk), what was given is also remembered in memory while the dossier is open,
so it is given once per opening.

**Look-back.** An alarm more than :data:`LOOK_BACK` (14 days) old is never given: a
notification about an appointment two weeks past is noise, not help. What is overdue
still shows on the Overview and in the Calendar.

**While the program was closed.** :func:`missed_reminders` are the alarms that fell due,
within the look-back, and were not given: the Overview shows them once at opening.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import records
from .calendar_items import Alarm, CalendarItem, ItemKind, alarms_between, calendar_items
from .clock import now as clock_now
from .errors import DossierError, ValidationError
from .i18n import tr
from .reminder_texts import item_details, item_text
from .sql_driver import sqlite3
from .storage import Dossier

LOOK_BACK = timedelta(days=14)  # an older alarm is not given any more
# Rows of reminder_shown older than this are let go: an alarm given before it is older
# than the look-back, so it is never due again (the margin allows for another computer's
# clock).
KEEP_SHOWN = LOOK_BACK + timedelta(days=90)
MAX_REMINDERS = 200  # due at once, at most (the latest); a hostile dossier may have more
MAX_KEYS = 10_000  # keys marked at once, at most
KEY_PATTERN = re.compile(r"(appointment|deadline|task)-[0-9]{1,18}@[a-z0-9]{1,8}")
_BATCH = 500  # keys looked up in one query (SQLite's limit of parameters is far above)

# What was given while a dossier is open, in memory: the dossier open for reading only
# cannot record it, and a write may fail. Let go with the dossier.
_given: weakref.WeakKeyDictionary[Dossier, dict[str, datetime]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Reminder:
    key: str  # the alarm's: "appointment-4@1d"
    at: datetime  # when it was due (the calendar's alarm)
    keys: tuple[str, ...]  # every alarm of the item it stands for, to mark given
    kind: ItemKind  # "appointment", "deadline" or "task"
    entity: str  # the kind of record it opens: "appointment", "case" (a deadline), "task"
    record_id: int
    text: str  # "Tomorrow at 14:00: appointment with Dr Cohen at Rabin Medical Center"
    details: str  # a few short lines more (the purpose, the case, what to prepare)


def due_reminders(
    dossier: Dossier,
    now: datetime,
    *,
    since: datetime | None = None,
    limit: int = MAX_REMINDERS,
) -> list[Reminder]:
    """The reminders due at ``now`` and not given yet, the earliest first.

    Due: the alarm's time is at or before ``now``, after ``since`` (when given), and not
    more than :data:`LOOK_BACK` ago (older ones are not worth a notification). At most
    ``limit``, the latest. An item with several alarms due (the day before and two hours
    before an appointment, both missed) is one reminder, said as its latest alarm, which
    stands for them all (:attr:`Reminder.keys`). Its words are said as read at ``now``.
    """
    after = now - LOOK_BACK if since is None else max(since, now - LOOK_BACK)
    pairs = alarms_between(calendar_items(dossier), after, now)
    given = given_times(dossier, [alarm.key for alarm, _item in pairs])
    latest: dict[str, tuple[Alarm, CalendarItem, list[str]]] = {}
    for alarm, item in pairs:  # the earliest first: an item's latest alarm stays
        if not _was_given(alarm, given):
            keys = latest[item.key][2] if item.key in latest else []
            latest[item.key] = (alarm, item, [*keys, alarm.key])
    chosen = sorted(latest.values(), key=lambda found: (found[0].at, found[0].key))
    made = [_reminder(dossier, *found, now) for found in chosen[-max(0, limit) :]]
    return [reminder for reminder in made if reminder is not None]


def missed_reminders(dossier: Dossier, now: datetime) -> list[Reminder]:
    """What fell due while the program was closed: every reminder due at ``now`` within
    the look-back and not given (the Overview shows them once at opening)."""
    return due_reminders(dossier, now)


def next_alarm_at(dossier: Dossier, now: datetime) -> datetime | None:
    """When the next alarm after ``now`` falls (to set a timer); None when there is none."""
    later = [a.at for item in calendar_items(dossier) for a in item.alarms if a.at > now]
    return min(later, default=None)


def mark_shown(dossier: Dossier, keys: Iterable[str], at: datetime | None = None) -> bool:
    """Record the reminders ``keys`` as given ``at`` (default: now), so they are not given
    again. True when the dossier recorded them; False when it could not (open for reading
    only, closed, or the write failed): they are then remembered while it is open, and this
    never fails the window.

    Keys not of the calendar's form ("appointment-4@1d"), or too many at once, are refused
    with a ValidationError, and nothing is recorded.
    """
    wanted = list(dict.fromkeys(keys))
    if len(wanted) > MAX_KEYS or any(not KEY_PATTERN.fullmatch(key) for key in wanted):
        raise ValidationError({"key": tr("This is not a reminder of the calendar.")})
    moment = (at or clock_now()).replace(microsecond=0)
    remembered = _given.setdefault(dossier, {})
    for key in wanted:
        remembered[key] = max(moment, remembered.get(key, moment))
    if not wanted or dossier.read_only is not None or dossier.db.closed:
        return False
    stamp = moment.isoformat()
    try:
        with dossier.db.atomic() as db:
            db.conn.executemany(
                "INSERT INTO reminder_shown (key, shown_at) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET shown_at = excluded.shown_at",
                [(key, stamp) for key in wanted],
            )
            db.execute(
                "DELETE FROM reminder_shown WHERE shown_at < ?",
                [(moment - KEEP_SHOWN).isoformat()],
            )
    except (sqlite3.Error, DossierError):
        return False
    return True


def mark_reminders_shown(
    dossier: Dossier, reminders: Iterable[Reminder], at: datetime | None = None
) -> bool:
    """:func:`mark_shown` for every alarm ``reminders`` stand for."""
    return mark_shown(dossier, [key for reminder in reminders for key in reminder.keys], at)


def given_times(dossier: Dossier, keys: Sequence[str]) -> dict[str, datetime]:
    """When each of ``keys`` was last given, as far as the dossier and this opening know."""
    found = dict(_given.get(dossier, {}))
    found = {key: found[key] for key in keys if key in found}
    for start in range(0, len(keys), _BATCH):
        batch = list(keys[start : start + _BATCH])
        marks = ", ".join("?" * len(batch))
        rows = dossier.db.execute(
            f"SELECT key, shown_at FROM reminder_shown WHERE key IN ({marks})", batch
        ).fetchall()
        for key, shown_at in rows:
            try:
                moment = datetime.fromisoformat(str(shown_at))
            except ValueError:  # not a time: as if never given
                continue
            if moment.tzinfo is not None:  # written elsewhere with a zone: its local time
                moment = moment.replace(tzinfo=None)
            found[str(key)] = max(moment, found.get(str(key), moment))
    return found


def _was_given(alarm: Alarm, given: dict[str, datetime]) -> bool:
    moment = given.get(alarm.key)
    return moment is not None and moment >= alarm.at


def _reminder(
    dossier: Dossier, alarm: Alarm, item: CalendarItem, keys: list[str], now: datetime
) -> Reminder | None:
    try:
        record = records.get(dossier, item.entity, item.record_id)
    except DossierError:  # gone meanwhile
        return None
    who = ""
    if item.kind == "appointment" and record.get("contact_id"):
        try:
            who = str(records.get(dossier, "contact", int(record["contact_id"]))["name"])
        except DossierError:  # the contact is in the trash
            who = ""
    return Reminder(
        key=alarm.key,
        at=alarm.at,
        keys=tuple(keys),
        kind=item.kind,
        entity=item.entity,
        record_id=item.record_id,
        text=item_text(item, record, who, now),
        details=item_details(item, record, who),
    )


__all__ = [
    "LOOK_BACK",
    "Reminder",
    "due_reminders",
    "given_times",
    "mark_reminders_shown",
    "mark_shown",
    "missed_reminders",
    "next_alarm_at",
]
