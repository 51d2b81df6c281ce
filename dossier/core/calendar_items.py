"""What belongs in the person's own calendar, and when each thing is to be reminded of.

One rule, shared by the calendar file (dossier.core.ical) and the reminders on the
desktop (dossier.ui.reminders), so both remind at the same moments:

- an **appointment** (every live one, past ones too, so a calendar keeps the history):
  the day before and two hours before it starts;
- a **decision deadline** of a case still open: three days before, in the morning;
- a **task** not done with a due date: on its day, in the morning.

Each item and each alarm has a stable key ("appointment-4", "appointment-4@1d"): the
calendar file's identifiers are made from it, so a calendar program updates an event
instead of adding it twice, and a reminder is shown once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from . import records
from .i18n import tr
from .storage import Dossier

ItemKind = Literal["appointment", "deadline", "task"]

MORNING = time(9, 0)  # when a reminder for a whole day (a deadline, a task) is given
APPOINTMENT_LENGTH = timedelta(hours=1)  # an appointment has no end time of its own
# (alarm code, how long before the start). A whole-day item starts at MORNING for this.
_ALARMS: dict[ItemKind, tuple[tuple[str, timedelta], ...]] = {
    "appointment": (("1d", timedelta(days=1)), ("2h", timedelta(hours=2))),
    "deadline": (("3d", timedelta(days=3)),),
    "task": (("due", timedelta(0)),),
}


@dataclass(frozen=True)
class Alarm:
    key: str  # "appointment-4@1d": stable, unique in the dossier
    at: datetime  # local time, without a time zone
    before: timedelta  # how long before the item's start (its MORNING for a whole day)


@dataclass(frozen=True)
class CalendarItem:
    kind: ItemKind
    record_id: int  # the appointment's, the case's (a deadline) or the task's number
    case_id: int | None
    title: str  # in the person's language: "Decision deadline: Thyroid nodule"
    starts: datetime | date  # a datetime for an appointment, a whole day otherwise
    location: str
    details: str  # what else a calendar event should say (the case, the purpose…)
    changed: str  # when the record was last changed (ISO 8601), for the calendar
    alarms: tuple[Alarm, ...]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.record_id}"

    @property
    def entity(self) -> str:
        """The kind of record the item opens: a deadline opens its case."""
        return "case" if self.kind == "deadline" else self.kind

    @property
    def start_moment(self) -> datetime:
        """When it starts; a whole day in the MORNING."""
        if isinstance(self.starts, datetime):
            return self.starts
        return datetime.combine(self.starts, MORNING)


def calendar_items(dossier: Dossier, case_id: int | None = None) -> list[CalendarItem]:
    """Every appointment, open deadline and task due, of one case or all, by start."""
    cases = {c["id"]: c for c in records.list_records(dossier, "case")}
    contacts = {c["id"]: c for c in records.list_records(dossier, "contact")}
    found: list[CalendarItem] = []
    for appointment in records.list_records(dossier, "appointment", case_id=case_id):
        found.append(_appointment(appointment, cases, contacts))
    for case in cases.values():
        if case_id not in (None, case["id"]) or case["status"] != "open":  # decided: done
            continue
        if case.get("decision_deadline"):
            found.append(_deadline(case))
    for task in records.list_records(dossier, "task", case_id=case_id):
        if task.get("due_on") and not task.get("done"):
            found.append(_task(task, cases))
    return sorted(found, key=lambda item: (item.start_moment, item.kind, item.record_id))


def alarms_between(
    items: list[CalendarItem], after: datetime, until: datetime
) -> list[tuple[Alarm, CalendarItem]]:
    """The alarms that fall after ``after`` and at or before ``until``, the earliest first."""
    due = [(a, item) for item in items for a in item.alarms if after < a.at <= until]
    return sorted(due, key=lambda pair: (pair[0].at, pair[0].key))


def _with_alarms(kind: ItemKind, record_id: int, starts: datetime | date) -> tuple[Alarm, ...]:
    start = starts if isinstance(starts, datetime) else datetime.combine(starts, MORNING)
    return tuple(
        Alarm(f"{kind}-{record_id}@{code}", start - before, before)
        for code, before in _ALARMS[kind]
    )


def _case_title(case_id: int | None, cases: dict[int, dict[str, Any]]) -> str:
    case = cases.get(case_id) if case_id is not None else None
    return str(case["title"]) if case else ""


def _appointment(
    record: dict[str, Any], cases: dict[int, dict[str, Any]], contacts: dict[int, dict[str, Any]]
) -> CalendarItem:
    starts = datetime.fromisoformat(str(record["starts_at"]))
    contact = contacts.get(record.get("contact_id") or 0)
    purpose = " ".join((record.get("purpose") or "").split()).rstrip(".")
    who = str(contact["name"]) if contact else ""
    if purpose and who:
        title = tr("{who}: {purpose}", who=who, purpose=purpose)
    elif who:
        title = tr("Appointment with {who}", who=who)
    else:
        title = purpose or tr("Appointment")
    case = _case_title(record.get("case_id"), cases)
    lines = [tr("Case: {case}", case=case)] if case else []
    if record.get("preparation"):
        lines.append(tr("To prepare: {what}", what=record["preparation"]))
    if record.get("companion"):
        lines.append(tr("Going with: {who}", who=record["companion"]))
    return CalendarItem(
        "appointment",
        int(record["id"]),
        record.get("case_id"),
        title,
        starts,
        record.get("location") or (contact.get("institution") if contact else None) or "",
        "\n".join(lines),
        str(record["updated_at"]),
        _with_alarms("appointment", int(record["id"]), starts),
    )


def _deadline(case: dict[str, Any]) -> CalendarItem:
    day = date.fromisoformat(str(case["decision_deadline"]))
    question = " ".join((case.get("question") or "").split())
    return CalendarItem(
        "deadline",
        int(case["id"]),
        int(case["id"]),
        tr("Decision deadline: {case}", case=case["title"]),
        day,
        "",
        tr("The question: {question}", question=question) if question else "",
        str(case["updated_at"]),
        _with_alarms("deadline", int(case["id"]), day),
    )


def _task(record: dict[str, Any], cases: dict[int, dict[str, Any]]) -> CalendarItem:
    day = date.fromisoformat(str(record["due_on"]))
    case = _case_title(record.get("case_id"), cases)
    lines = [tr("Case: {case}", case=case)] if case else []
    if record.get("notes"):
        lines.append(str(record["notes"]))
    return CalendarItem(
        "task",
        int(record["id"]),
        record.get("case_id"),
        tr("Due: {task}", task=record["title"]),
        day,
        "",
        "\n".join(lines),
        str(record["updated_at"]),
        _with_alarms("task", int(record["id"]), day),
    )


__all__ = [
    "APPOINTMENT_LENGTH",
    "MORNING",
    "Alarm",
    "CalendarItem",
    "ItemKind",
    "alarms_between",
    "calendar_items",
]
