"""What a case's records say of each step of the plan: done or not, and on which day.

Only the records are read (through the steps' :class:`~..steps.facts.Facts`); a task made
for a step (``task.plan_step``) counts too: done, it marks its step done on its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import tr
from ..locale_format import medium_date
from ..steps.facts import Facts, contact_name, facility, join_words, second_doctor_meetings


@dataclass(frozen=True)
class Known:
    done: bool
    on: date | None = None  # the day it was done, when the records say
    note: str = ""
    waiting_until: date | None = None  # records asked for: the day they are due
    fixed: date | None = None  # the consultation: the day it is booked for
    not_needed: bool = False


def known_steps(case: dict[str, Any], facts: Facts) -> dict[str, Known]:
    """Each plan step's :class:`Known`, by key."""
    found = {
        "records_requested": _requested(case, facts),
        "records_received": _received(case, facts),
        "doctor_chosen": _doctor(case, facts),
        "insurer_approval": _approval(case, facts),
        "appointment_booked": _booked(case, facts),
        "consultation": _consultation(case, facts),
        "report": _report(case, facts),
        "decision": _decision(case, facts),
    }
    for task in facts.of("task", case["id"]):
        key = task.get("plan_step")
        if key in found and task.get("done") and not found[key].done:
            on = _day(task.get("done_on"))
            found[key] = Known(True, on, tr("Done: {task}.", task=task["title"]))
    return found


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _requested(case: dict[str, Any], facts: Facts) -> Known:
    asked = facts.of("records_request", case["id"])
    if not asked:
        return Known(False)
    days = [d for d in (_day(r.get("requested_on")) for r in asked) if d]
    places = join_words(dict.fromkeys(facility(r, facts) for r in asked))
    return Known(True, min(days) if days else None, tr("Asked {where}.", where=places))


def _received(case: dict[str, Any], facts: Facts) -> Known:
    asked = facts.of("records_request", case["id"])
    waiting = [r for r in asked if r["status"] == "requested"]
    if asked and not waiting:
        places = join_words(dict.fromkeys(facility(r, facts) for r in asked))
        return Known(True, None, tr("From {where}.", where=places))
    if not waiting:
        return Known(False)
    due = [d for d in (_day(r.get("due_on")) for r in waiting) if d]
    requested = [d for d in (_day(r.get("requested_on")) for r in waiting) if d]
    places = join_words(dict.fromkeys(facility(r, facts) for r in waiting))
    until = max(due) if len(due) == len(waiting) else None
    note = (
        tr("Waiting for {where}; due {day}.", where=places, day=medium_date(until))
        if until
        else tr("Waiting for {where}.", where=places)
    )
    first = min(requested) if requested else None
    return Known(False, first, note, waiting_until=until)


def _doctor(case: dict[str, Any], facts: Facts) -> Known:
    later = [o for o in facts.of("opinion", case["id"]) if (o.get("ordinal") or 1) >= 2]
    meetings = second_doctor_meetings(case, facts)
    ids = [o.get("contact_id") for o in later] + [a["contact_id"] for a in meetings]
    named = [contact_name(i, facts) for i in dict.fromkeys(i for i in ids if i)]
    if named:
        return Known(True, None, join_words(named))
    if later:
        return Known(True, None, "")
    return Known(False)


def _approval(case: dict[str, Any], facts: Facts) -> Known:
    tasks = [t for t in facts.of("task", case["id"]) if t["kind"] == "insurer_approval"]
    done = [t for t in tasks if t.get("done")]
    if done:
        on = max((d for d in (_day(t.get("done_on")) for t in done) if d), default=None)
        return Known(True, on, tr("Done: {task}.", task=done[0]["title"]))
    approved = [
        c
        for c in facts.of("cost", case["id"])
        if c.get("is_consultation") and c.get("prior_approval_obtained")
    ]
    if approved:
        return Known(True, None, tr("Approved: {what}.", what=approved[0]["description"]))
    insurer = facts.contacts.get(facts.person.get("insurer_id") or 0, {})
    if tasks or insurer.get("prior_approval_required"):
        name = insurer.get("name") or tr("the insurer")
        return Known(False, note=tr("Approval needed from {name}.", name=name))
    if insurer:
        note = tr("{name} does not ask for approval first.", name=insurer["name"])
    else:
        note = tr("No insurer written down; add yours if it asks for approval first.")
    return Known(False, note=note, not_needed=True)


def _first_meeting(case: dict[str, Any], facts: Facts) -> dict[str, Any] | None:
    meetings = sorted(second_doctor_meetings(case, facts), key=lambda a: str(a["starts_at"]))
    return meetings[0] if meetings else None


def _booked(case: dict[str, Any], facts: Facts) -> Known:
    meeting = _first_meeting(case, facts)
    if meeting is None:
        if any((o.get("ordinal") or 1) >= 2 for o in facts.of("opinion", case["id"])):
            return Known(True)
        return Known(False)
    day = _day(meeting["starts_at"])
    who = contact_name(meeting["contact_id"], facts)
    note = tr("For {day} with {who}.", day=medium_date(day), who=who) if day else who
    return Known(True, None, note, fixed=day)


def _consultation(case: dict[str, Any], facts: Facts) -> Known:
    later = [o for o in facts.of("opinion", case["id"]) if (o.get("ordinal") or 1) >= 2]
    meeting = _first_meeting(case, facts)
    day = _day(meeting["starts_at"]) if meeting else None
    if later:
        given = [d for d in (_day(o.get("given_on")) for o in later) if d]
        return Known(True, min(given) if given else day)
    if day is not None and day < facts.today and meeting is not None:
        note = tr(
            "The appointment with {who} was on {day}. When you have seen the doctor, add the "
            "second opinion.",
            who=contact_name(meeting["contact_id"], facts),
            day=medium_date(day),
        )
        return Known(True, day, note)
    if day is not None and meeting is not None:
        who = contact_name(meeting["contact_id"], facts)
        return Known(False, None, tr("Booked with {who}.", who=who), fixed=day)
    return Known(False)


def _report(case: dict[str, Any], facts: Facts) -> Known:
    later = [o for o in facts.of("opinion", case["id"]) if (o.get("ordinal") or 1) >= 2]
    written = [
        o for o in later if o.get("report_document_id") or o["id"] in facts.documented_opinions
    ]
    if written:
        days = [d for d in (_day(o.get("given_on")) for o in written) if d]
        return Known(True, min(days) if days else None)
    return Known(False)


def _decision(case: dict[str, Any], facts: Facts) -> Known:
    decided = [c for c in facts.of("comparison", case["id"]) if (c.get("decision") or "").strip()]
    if decided:
        days = [d for d in (_day(c.get("decided_on")) for c in decided) if d]
        return Known(True, max(days) if days else None)
    if case.get("status") in ("decided", "closed"):
        return Known(True)
    return Known(False)


__all__ = ["Known", "known_steps"]
