"""When a plan does not fit: why, in a sentence or two, and what can be done about the
dates. No medical advice: whether the deadline may move is for the doctors to say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..i18n import ntr, tr
from ..locale_format import medium_date
from .model import Choice, Plan, PlanStep


def with_advice(plan: Plan) -> Plan:
    """``plan`` with its problem and choices said, when it does not fit its deadline."""
    if plan.decided or plan.deadline is None:
        return plan
    if plan.deadline < plan.today:
        problem = tr(
            "The decision deadline, {day}, has passed and the decision is not written down.",
            day=medium_date(plan.deadline),
        )
        return replace(plan, problem=problem, choices=(_move_deadline(plan.today),))
    if plan.fits:
        return plan
    decision = plan.step("decision")
    assert decision.expected is not None  # not fitting means a day is expected
    problem = ntr(
        "The decision could come on {day} at the earliest: one day after your deadline, {deadline}.",
        "The decision could come on {day} at the earliest: {n} days after your deadline, "
        "{deadline}.",
        plan.days_over,
        day=medium_date(decision.expected),
        deadline=medium_date(plan.deadline),
    )
    cause = _cause(plan)
    if cause is not None:
        problem += " " + _why(cause)
    return replace(plan, problem=problem, choices=_choices(plan, decision.expected))


def _cause(plan: Plan) -> PlanStep | None:
    """The step most behind: the first of those furthest past their latest day."""
    behind = [s for s in plan.steps if s.key != "decision" and s.days_late > 0]
    return max(behind, key=lambda s: s.days_late) if behind else None


def _why(step: PlanStep) -> str:
    assert step.expected is not None and step.latest is not None
    values = {
        "day": medium_date(step.expected),
        "latest": medium_date(step.latest),
    }
    sentences = {
        "records_requested": ntr(
            "The records can only be asked for from {day}, one day after {latest}.",
            "The records can only be asked for from {day}, {n} days after {latest}.",
            step.days_late,
            **values,
        ),
        "records_received": ntr(
            "The records would arrive on {day}, one day after they are needed ({latest}).",
            "The records would arrive on {day}, {n} days after they are needed ({latest}).",
            step.days_late,
            **values,
        ),
        "doctor_chosen": ntr(
            "The second doctor should have been chosen by {latest}, one day ago.",
            "The second doctor should have been chosen by {latest}, {n} days ago.",
            step.days_late,
            **values,
        ),
        "insurer_approval": ntr(
            "The insurer's approval would come on {day}, one day after the consultation "
            "needs it ({latest}).",
            "The insurer's approval would come on {day}, {n} days after the consultation "
            "needs it ({latest}).",
            step.days_late,
            **values,
        ),
        "appointment_booked": ntr(
            "The appointment should have been booked by {latest}, one day ago.",
            "The appointment should have been booked by {latest}, {n} days ago.",
            step.days_late,
            **values,
        ),
        "consultation": ntr(
            "The consultation is on {day}, one day after the latest day that leaves time "
            "for the report ({latest}).",
            "The consultation is on {day}, {n} days after the latest day that leaves time "
            "for the report ({latest}).",
            step.days_late,
            **values,
        ),
        "report": ntr(
            "The written report would arrive on {day}, one day after {latest}.",
            "The written report would arrive on {day}, {n} days after {latest}.",
            step.days_late,
            **values,
        ),
    }
    return sentences[step.key]


def _move_deadline(day: date) -> Choice:
    return Choice(
        "move_deadline",
        tr(
            "Move the deadline to {day} or later. That can be fine when the doctor treating "
            "you agrees the treatment can wait that long; it may not be when a date for "
            "treatment is already set, or the illness should not wait. Ask before you move "
            "it.",
            day=medium_date(day),
        ),
    )


def _choices(plan: Plan, earliest: date) -> tuple[Choice, ...]:
    choices = [_move_deadline(earliest)]
    steps = {s.key: s for s in plan.steps}
    if not steps["consultation"].done:
        choices.append(
            Choice(
                "earlier_appointment",
                tr(
                    "Ask the second doctor's office for an earlier appointment, or to call "
                    "you when one is cancelled."
                ),
            )
        )
    if not steps["report"].done:
        choices.append(
            Choice(
                "faster_report",
                tr(
                    "Ask the second doctor to send the written report sooner, or to tell you "
                    "the outcome by phone first."
                ),
            )
        )
    if steps["records_received"].days_late > 0 or steps["records_requested"].days_late > 0:
        choices.append(
            Choice(
                "faster_records",
                tr("Ask for the records to be sent sooner, or collect them in person."),
            )
        )
    if steps["insurer_approval"].days_late > 0:
        choices.append(
            Choice(
                "faster_approval",
                tr("Ask the insurer whether it can decide sooner on an urgent request."),
            )
        )
    return tuple(choices)


__all__ = ["with_advice"]
