"""A step of the plan made into a task, due on the step's latest day.

The task remembers its step (``task.plan_step``): done, it marks the step done on its day,
and the plan shows it beside the step.
"""

from __future__ import annotations

from .. import records
from ..errors import ValidationError
from ..i18n import tr
from ..records import Change
from ..storage import Dossier
from .model import Plan, PlanStep

# The kind of task each step makes (entities.TASK_KINDS).
_KINDS = {
    "records_requested": "records",
    "records_received": "records",
    "insurer_approval": "insurer_approval",
    "decision": "decision",
}


def task_title(step: PlanStep, plan: Plan) -> str:
    """What the task for ``step`` says to do, in the person's language."""
    titles = {
        "records_requested": tr(
            "Ask for the whole file: the scans and slides as well as the reports"
        ),
        "records_received": tr("Make sure the records have arrived"),
        "doctor_chosen": tr("Choose the doctor for the second opinion"),
        "insurer_approval": tr("Ask the insurer to approve the second opinion"),
        "appointment_booked": tr("Book the appointment with the second doctor"),
        "consultation": tr("Go to the consultation with the second doctor"),
        "report": tr("Get the second doctor's written report"),
        "decision": tr("Decide: {case}", case=plan.case["title"]),
    }
    return titles[step.key]


def task_for_step(dossier: Dossier, plan: Plan, key: str) -> Change:
    """Make a task for the step ``key`` of ``plan``, due on its latest day (undoable).

    Refused (ValidationError, nothing made) for a step done or not needed, or one that
    already has a task not done."""
    step = plan.step(key)
    if step.done:
        raise ValidationError({"plan_step": tr("This step is done: it needs no task.")})
    if step.task is not None and not step.task.done:
        raise ValidationError(
            {"plan_step": tr("This step has a task already: {task}.", task=step.task.title)}
        )
    data = {
        "case_id": plan.case["id"],
        "title": task_title(step, plan),
        "kind": _KINDS.get(key, "other"),
        "due_on": max(step.latest, plan.today).isoformat() if step.latest else None,
        "plan_step": key,
        "notes": step.note or None,
    }
    return records.create(dossier, "task", data)


__all__ = ["task_for_step", "task_title"]
