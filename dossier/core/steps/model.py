"""What the steps of a case are made of: each step, the records that prove it, a case's six."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STEP_KEYS = ("records", "doctor", "insurer", "questions", "opinions", "decision")


@dataclass(frozen=True)
class Proof:
    """A record that shows a step is done (or under way)."""

    entity: str
    record_id: int
    label: str


@dataclass(frozen=True)
class Step:
    key: str  # one of STEP_KEYS, or "identify"
    number: int  # 1 to 6; 0 for "identify", which comes before the six
    title: str  # "Records requested"
    done: bool
    started: bool  # something is under way, e.g. a request that has not arrived yet
    status: str  # where the step stands, in plain words
    hint: str  # what to do next for this step; may be advice even when done, or ""
    rule: str  # when the step counts as done, in one sentence
    proof: tuple[Proof, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["proof"] = [p.__dict__.copy() for p in self.proof]
        return data


@dataclass(frozen=True)
class CaseSteps:
    case: dict[str, Any]
    identify: Step
    steps: tuple[Step, ...]  # the six, in order
    days_left: int | None  # until the decision deadline; negative when it has passed
    decision: dict[str, Any] | None = None  # the comparison in which a decision is written

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def decided(self) -> bool:
        return self.step("decision").done

    def step(self, key: str) -> Step:
        for item in (self.identify, *self.steps):
            if item.key == key:
                return item
        raise KeyError(key)

    def next_step(self) -> Step | None:
        """The first step not yet done; None once the decision is made or the case closed."""
        if self.decided or self.case.get("status") == "closed":
            return None
        return next((s for s in (self.identify, *self.steps) if not s.done), None)


__all__ = ["STEP_KEYS", "CaseSteps", "Proof", "Step"]
