"""What the first screen answers: what to do next, and by when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import records
from .agenda import agenda
from .clock import today
from .storage import Dossier


@dataclass
class CaseSummary:
    case: dict[str, Any]
    days_left: int | None  # until the decision deadline; negative when past
    opinions: int
    unanswered_questions: int


@dataclass
class Overview:
    person: dict[str, Any]
    cases: list[CaseSummary] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)  # the coming weeks
    tasks: list[dict[str, Any]] = field(default_factory=list)  # open, with "overdue" set
    to_bring: list[dict[str, Any]] = field(default_factory=list)  # documents flagged


def overview(dossier: Dossier, *, weeks: int = 6) -> Overview:
    """The open cases, the coming appointments, open tasks and documents to bring."""
    now = today()
    horizon = now + timedelta(weeks=weeks)
    result = Overview(person=records.get(dossier, "person", 1))
    questions = records.list_records(dossier, "question")
    opinions = records.list_records(dossier, "opinion")
    for case in records.list_records(dossier, "case"):
        if case["status"] == "closed":
            continue
        deadline = case.get("decision_deadline")
        days = (date.fromisoformat(deadline) - now).days if deadline else None
        result.cases.append(
            CaseSummary(
                case,
                days,
                sum(o["case_id"] == case["id"] for o in opinions),
                sum(q["case_id"] == case["id"] and not q["answer"] for q in questions),
            )
        )
    for entry in agenda(dossier, now):  # in the calendar's order: overdue first
        if entry.kind == "appointment":
            if entry.status in ("today", "upcoming") and entry.day and entry.day <= horizon:
                result.appointments.append(entry.record)
        elif not entry.done:
            entry.record["overdue"] = entry.status == "overdue"
            result.tasks.append(entry.record)
    result.to_bring = records.list_records(dossier, "document", equal={"bring": True})
    return result
