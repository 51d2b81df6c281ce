"""A plan for each open case, worked back from its decision deadline (issue 19).

The steps of a second opinion (records asked for and received, a second doctor chosen, the
insurer's approval, an appointment booked, the consultation, the written report, the
decision) each get the latest day they may be done for the decision to meet the deadline,
and the earliest day they can be done from today, with durations the person can adjust
(:mod:`.durations`). When the decision cannot come by the deadline, the plan says why and
what can be done about the dates (:mod:`.advice`); a step can become a task with its due
date (:mod:`.tasks`). Nothing here is stored but the durations and the tasks: the plan is
worked out again from the records whenever it is asked for.
"""

from __future__ import annotations

from typing import Any

from .. import records
from ..errors import ValidationError
from ..i18n import tr
from ..steps.facts import load_facts
from ..storage import Dossier
from .advice import with_advice
from .durations import Durations, read_durations
from .model import Choice, Plan, PlanStep, PlanTask
from .schedule import plan_of
from .working_week import read_working_week, working_days


def plannable(case: dict[str, Any]) -> bool:
    """Whether a plan is made for ``case``: a medical one. An administrative case (an
    appeal, a claim) has no consultation nor report to plan."""
    return case.get("kind") != "administrative"


def case_plan(dossier: Dossier, case_id: int, durations: Durations | None = None) -> Plan:
    """The plan of one case (NotFoundError when there is no such case; ValidationError for
    an administrative one, which has no plan)."""
    case = records.get(dossier, "case", case_id)
    if not plannable(case):
        raise ValidationError(
            {
                "case": tr(
                    "“{case}” is an administrative case: a plan is made for the steps of a "
                    "medical second opinion (records, consultation, report), which it does "
                    "not have.",
                    case=case["title"],
                )
            }
        )
    used = read_durations(dossier) if durations is None else durations
    workdays = working_days(read_working_week(dossier))
    return with_advice(plan_of(case, load_facts(dossier, case_id), used, workdays))


def open_plans(dossier: Dossier) -> list[Plan]:
    """The plan of every open case not decided yet, loading the dossier once."""
    facts = load_facts(dossier, None)
    durations = read_durations(dossier)
    workdays = working_days(read_working_week(dossier))
    plans = [
        with_advice(plan_of(case, facts, durations, workdays))
        for case in records.list_records(dossier, "case")
        if case["status"] == "open" and plannable(case)
    ]
    return [p for p in plans if not p.decided]


__all__ = ["Choice", "Plan", "PlanStep", "PlanTask", "case_plan", "open_plans", "plannable"]
