"""How far each case has come along the six steps, worked out from its records."""

from __future__ import annotations

from .. import records
from ..storage import Dossier
from .facts import load_facts
from .model import CaseSteps, Step
from .rules import steps_of


def case_steps(dossier: Dossier, case_id: int) -> CaseSteps:
    """Where one case stands along the six steps (NotFoundError if there is no such case)."""
    case = records.get(dossier, "case", case_id)
    return steps_of(case, load_facts(dossier, case_id))


def all_case_steps(dossier: Dossier, *, include_closed: bool = False) -> list[CaseSteps]:
    """The steps of every case (closed ones only if asked), loading the dossier once."""
    facts = load_facts(dossier, None)
    return [
        steps_of(case, facts)
        for case in records.list_records(dossier, "case")
        if include_closed or case["status"] != "closed"
    ]


def next_step(dossier: Dossier, case_id: int) -> Step | None:
    """What to do next for a case: its first step not yet done (None when decided)."""
    return case_steps(dossier, case_id).next_step()


__all__ = ["all_case_steps", "case_steps", "next_step"]
