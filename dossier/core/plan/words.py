"""A plan in words: each step's state and dates as the window, the paper and the command
line say them."""

from __future__ import annotations

from ..i18n import tr
from ..locale_format import medium_date
from .model import Plan, PlanStep, StepStatus


def status_words() -> dict[StepStatus, str]:
    """Each state of a step in a word or two, in the person's language."""
    return {
        "done": tr("done"),
        "not_needed": tr("not needed"),
        "overdue": tr("overdue"),
        "late": tr("will be late"),
        "soon": tr("due soon"),
        "on_track": tr("in time"),
    }


def deadline_words(plan: Plan) -> str:
    """ "Decision deadline: 9 Jun 2026", or that there is none."""
    if plan.deadline is None:
        return tr("No decision deadline: set one on the case to plan back from it.")
    return tr("Decision deadline: {day}", day=medium_date(plan.deadline))


def when_words(step: PlanStep) -> str:
    """The dates of a step: when it was done, or its latest and expected day."""
    if step.status == "done":
        return tr("done on {day}", day=medium_date(step.expected)) if step.expected else ""
    if step.status == "not_needed":
        return ""
    parts = []
    if step.latest is not None:
        parts.append(tr("by {day}", day=medium_date(step.latest)))
    if step.expected is not None and step.fixed:
        parts.append(tr("booked for {day}", day=medium_date(step.expected)))
    elif step.expected is not None and step.status == "late":
        parts.append(tr("at the earliest {day}", day=medium_date(step.expected)))
    return "; ".join(parts)


def task_words(step: PlanStep) -> str:
    """The task made for the step, if any: "Task: Book the appointment (due 3 Jun 2026)"."""
    task = step.task
    if task is None:
        return ""
    if task.done:
        return tr("Task done: {title}", title=task.title)
    if task.due_on is not None:
        return tr("Task: {title} (due {day})", title=task.title, day=medium_date(task.due_on))
    return tr("Task: {title}", title=task.title)


def plan_lines(plan: Plan) -> list[str]:
    """The plan as lines of text, for a terminal."""
    words = status_words()
    lines = [f"{plan.case['title']} (#{plan.case['id']})", deadline_words(plan)]
    if plan.problem:
        lines.append(tr("Does not fit: {problem}", problem=plan.problem))
        lines += [f"  - {choice.text}" for choice in plan.choices]
    for step in plan.steps:
        detail = "; ".join(part for part in (when_words(step), step.note) if part)
        lines.append(f"  [{words[step.status]}] {step.title}" + (f": {detail}" if detail else ""))
        if step.task is not None:
            lines.append(f"      {task_words(step)}")
    return lines


__all__ = ["deadline_words", "plan_lines", "status_words", "task_words", "when_words"]
