"""A case's plan, worked back from its decision deadline and forward from today.

Backwards: the decision is due on the deadline; the written report ``decide`` days before;
the consultation ``report`` days before that; the appointment booked ``appointment`` days
before the consultation; the records and the insurer's approval in hand by the
consultation, the records asked for ``records`` days before they are needed; the second
doctor chosen in time to book and to ask the insurer. That gives each step its *latest*
day.

Forwards: each step not done can be done at the *earliest* from today, after the steps it
waits for, with the same durations; an appointment already booked is on its own day. A
step whose earliest day is after its latest is *late*; the plan fits when the decision
can come by the deadline. Working days are those of the dossier's working week (Monday
to Friday, or Sunday to Thursday: :mod:`.working_week`); public holidays are not known,
so a plan may be a day or two hopeful around them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from ..clock import today
from ..entities import PLAN_STEPS
from ..i18n import tr
from ..steps.facts import Facts
from .durations import Durations
from .known import Known, known_steps
from .model import SOON_DAYS, Plan, PlanStep, PlanTask, StepStatus


def step_titles() -> dict[str, str]:
    """Each step's name in the person's language, in the plan's order."""
    return {
        "records_requested": tr("Records requested"),
        "records_received": tr("Records received"),
        "doctor_chosen": tr("Second doctor chosen"),
        "insurer_approval": tr("Insurer's approval"),
        "appointment_booked": tr("Appointment booked"),
        "consultation": tr("Consultation"),
        "report": tr("Written report received"),
        "decision": tr("Decision"),
    }


MONDAY_TO_FRIDAY: Final = frozenset({0, 1, 2, 3, 4})  # date.weekday() numbers


def add_working_days(day: date, count: int, workdays: frozenset[int] = MONDAY_TO_FRIDAY) -> date:
    """``count`` working days (on the weekdays ``workdays``) after ``day``."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() in workdays:
            count -= 1
    return day


def less_working_days(day: date, count: int, workdays: frozenset[int] = MONDAY_TO_FRIDAY) -> date:
    """``count`` working days (on the weekdays ``workdays``) before ``day``."""
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() in workdays:
            count -= 1
    return day


def latest_days(
    deadline: date,
    durations: Durations,
    approval: bool,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
) -> dict[str, date]:
    """The last day each step may be done for the decision to come by ``deadline``."""
    decision = deadline
    report = decision - timedelta(days=durations.decide)
    consultation = report - timedelta(days=durations.report)
    booked = consultation - timedelta(days=durations.appointment)
    ask_insurer = less_working_days(consultation, durations.insurer, workdays)
    received = consultation
    return {
        "records_requested": received - timedelta(days=durations.records),
        "records_received": received,
        "doctor_chosen": min(booked, ask_insurer) if approval else booked,
        "insurer_approval": consultation,
        "appointment_booked": booked,
        "consultation": consultation,
        "report": report,
        "decision": decision,
    }


def expected_days(
    known: dict[str, Known],
    durations: Durations,
    now: date,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
) -> dict[str, date | None]:
    """The earliest day each step can be done, seen from ``now`` (a step done: its day)."""

    def done_or(key: str, earliest: date) -> date | None:
        step = known[key]
        return step.on if step.done else earliest

    requested = done_or("records_requested", now)
    waiting = known["records_received"]
    if waiting.waiting_until is not None:
        arrives = max(now, waiting.waiting_until)
    elif known["records_requested"].done:
        asked = known["records_requested"].on or now
        arrives = max(now, asked + timedelta(days=durations.records))
    else:
        arrives = now + timedelta(days=durations.records)
    received = done_or("records_received", arrives)
    doctor = done_or("doctor_chosen", now)
    start = now if known["doctor_chosen"].done else (doctor or now)
    approval = (
        None
        if known["insurer_approval"].not_needed
        else done_or("insurer_approval", add_working_days(start, durations.insurer, workdays))
    )
    booked = done_or("appointment_booked", start)
    fixed = known["consultation"].fixed or known["appointment_booked"].fixed
    if fixed is not None:
        meets = fixed
    else:
        meets = max(
            (booked or now) + timedelta(days=durations.appointment),
            approval if approval and not known["insurer_approval"].done else now,
            received if received and not known["records_received"].done else now,
        )
    consultation = done_or("consultation", meets)
    held = consultation or now
    report = done_or("report", max(now, held + timedelta(days=durations.report)))
    decision = done_or("decision", max(now, (report or now) + timedelta(days=durations.decide)))
    return {
        "records_requested": requested,
        "records_received": received,
        "doctor_chosen": doctor,
        "insurer_approval": approval,
        "appointment_booked": booked,
        "consultation": consultation,
        "report": report,
        "decision": decision,
    }


def plan_of(
    case: dict[str, Any],
    facts: Facts,
    durations: Durations,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
) -> Plan:
    """The plan of ``case`` (the facts loaded for it), its problem and choices left empty:
    :func:`.advice.with_advice` adds them. The insurer's days are counted on ``workdays``."""
    now = facts.today or today()
    known = known_steps(case, facts)
    decided = known["decision"].done
    deadline = _deadline(case)
    approval = not known["insurer_approval"].not_needed
    latest = latest_days(deadline, durations, approval, workdays) if deadline else {}
    booked_day = known["consultation"].fixed
    if booked_day is not None and "insurer_approval" in latest:
        latest["insurer_approval"] = booked_day  # needed by the day it is booked for
    expected = expected_days(known, durations, now, workdays)
    tasks = _plan_tasks(case, facts)
    titles = step_titles()
    steps = []
    held = known["consultation"].done  # what should have come before it is overdue now
    for index, key in enumerate(PLAN_STEPS):
        step = known[key]
        behind = held and index < _CONSULTATION and not step.done and not step.not_needed
        status = _status(step, latest.get(key), expected[key], now, decided)
        if behind and not decided:
            status = "overdue"
        fixed = key == "consultation" and step.fixed is not None and not step.done
        note = step.note
        if behind and key == "insurer_approval":
            note = tr(
                "Too late to ask before the consultation: ask the insurer whether it will "
                "still pay for it."
            )
        steps.append(
            PlanStep(
                key,
                titles[key],
                status,
                None if status in ("done", "not_needed") or behind else latest.get(key),
                None if behind else expected[key],  # never the reason the plan does not fit
                note,
                fixed,
                tasks.get(key),
            )
        )
    return Plan(case, deadline, now, tuple(steps), decided)


_CONSULTATION = PLAN_STEPS.index("consultation")


def _deadline(case: dict[str, Any]) -> date | None:
    try:
        text = case.get("decision_deadline")
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _status(
    step: Known, latest: date | None, expected: date | None, now: date, decided: bool
) -> StepStatus:
    if step.done:
        return "done"
    if step.not_needed or decided:
        return "not_needed"
    if latest is None:
        return "on_track"
    if latest < now:
        return "overdue"
    if expected is not None and expected > latest:
        return "late"
    if (latest - now).days <= SOON_DAYS:
        return "soon"
    return "on_track"


def _plan_tasks(case: dict[str, Any], facts: Facts) -> dict[str, PlanTask]:
    """The task made for each step: an open one before one done, the newest first."""
    found: dict[str, PlanTask] = {}
    ordered = sorted(
        facts.of("task", case["id"]), key=lambda t: (not t.get("done"), t["id"]), reverse=True
    )
    for task in ordered:
        key = task.get("plan_step")
        if key in PLAN_STEPS and key not in found:
            due = task.get("due_on")
            found[key] = PlanTask(
                int(task["id"]),
                str(task["title"]),
                date.fromisoformat(due) if due else None,
                bool(task.get("done")),
            )
    return found


__all__ = [
    "MONDAY_TO_FRIDAY",
    "add_working_days",
    "expected_days",
    "latest_days",
    "less_working_days",
    "plan_of",
    "step_titles",
]
