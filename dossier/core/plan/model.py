"""What a case's plan is made of: its steps, each with the latest date it may be done by
and the earliest date it can be done, and whether the whole fits before the deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

# done: done (on ``done_on`` when known); not_needed: nothing to do (no insurer approval
# asked for); overdue: its latest date has passed; late: it cannot be done by its latest
# date; soon: its latest date is within a week; on_track: there is time.
StepStatus = Literal["done", "not_needed", "overdue", "late", "soon", "on_track"]
SOON_DAYS = 7


@dataclass(frozen=True)
class PlanTask:
    """The task made for a step (see :func:`.tasks.task_for_step`)."""

    id: int
    title: str
    due_on: date | None
    done: bool


@dataclass(frozen=True)
class PlanStep:
    key: str  # one of entities.PLAN_STEPS
    title: str  # "Records received", in the person's language
    status: StepStatus
    latest: date | None  # the last day it may be done for the decision to meet the deadline
    expected: date | None  # the earliest it can be done, seen from today (done: when)
    note: str  # what the step stands on, in plain words ("Booked for 14 June with …")
    fixed: bool = False  # ``expected`` is a date already set (an appointment), not a guess
    task: PlanTask | None = None

    @property
    def done(self) -> bool:
        return self.status in ("done", "not_needed")

    @property
    def days_late(self) -> int:
        """How many days after its latest date it can be done at the earliest (0: in time)."""
        if self.done or self.latest is None or self.expected is None:
            return 0
        return max(0, (self.expected - self.latest).days)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "status": self.status,
            "latest": _iso(self.latest),
            "expected": _iso(self.expected),
            "fixed": self.fixed,
            "note": self.note,
            "days_late": self.days_late,
            "task": None
            if self.task is None
            else {
                "id": self.task.id,
                "title": self.task.title,
                "due_on": _iso(self.task.due_on),
                "done": self.task.done,
            },
        }


@dataclass(frozen=True)
class Choice:
    """One thing the person can do when the plan does not fit; only dates, no advice."""

    key: str  # "move_deadline", "earlier_appointment", "faster_report", …
    text: str


@dataclass(frozen=True)
class Plan:
    case: dict[str, Any]
    deadline: date | None
    today: date
    steps: tuple[PlanStep, ...]
    decided: bool
    problem: str = ""  # why it does not fit, in one or two sentences ("" when it fits)
    choices: tuple[Choice, ...] = field(default_factory=tuple)

    @property
    def days_over(self) -> int:
        """How many days after the deadline the decision would come at the earliest."""
        decision = self.step("decision")
        if self.decided or self.deadline is None or decision.expected is None:
            return 0
        return max(0, (decision.expected - self.deadline).days)

    @property
    def fits(self) -> bool:
        return self.days_over == 0

    def step(self, key: str) -> PlanStep:
        return next(s for s in self.steps if s.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": {"id": self.case["id"], "title": self.case["title"]},
            "deadline": _iso(self.deadline),
            "today": self.today.isoformat(),
            "decided": self.decided,
            "fits": self.fits,
            "days_over": self.days_over,
            "problem": self.problem,
            "choices": [{"key": c.key, "text": c.text} for c in self.choices],
            "steps": [s.as_dict() for s in self.steps],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = ["SOON_DAYS", "Choice", "Plan", "PlanStep", "PlanTask", "StepStatus"]
