"""``dossier plan``: each open case's plan, worked back from its decision deadline.

``--task STEP`` makes a step into a task due on its latest day; ``--set NAME=DAYS`` changes
how long a step takes (the durations are the dossier's own, for every case);
``--working-week sun-thu`` counts the insurer's working days Sunday to Thursday.
"""

from __future__ import annotations

import argparse

from ..core.entities import PLAN_STEPS
from ..core.i18n import tr
from ..core.plan import Plan, case_plan, open_plans
from ..core.plan.durations import (
    LIMITS,
    checked_durations,
    read_durations,
    save_durations,
)
from ..core.plan.tasks import task_for_step
from ..core.plan.words import plan_lines
from ..core.plan.working_week import WEEKS, read_working_week, save_working_week
from ..core.storage import Dossier
from .args import record_id
from .common import OK, AddCommand, Commands, UsageError, print_value


def add_commands(command: AddCommand) -> None:
    p = command("plan", tr("each open case's plan, worked back from its decision deadline"))
    p.add_argument(
        "--case", type=record_id, metavar="ID", help=tr("only this case (default: every open one)")
    )
    p.add_argument(
        "--task",
        choices=PLAN_STEPS,
        metavar="STEP",
        help=tr(
            "make this step of the case's plan into a task due on its latest day: {steps}",
            steps=", ".join(PLAN_STEPS),
        ),
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=DAYS",
        help=tr(
            "change how long a step takes, for every case: {names}",
            names=", ".join(LIMITS),
        ),
    )
    p.add_argument(
        "--working-week",
        choices=tuple(WEEKS),
        help=tr(
            "the days the insurer's working days are counted on, for every case: mon-fri, "
            "or sun-thu as in Israel (default: sun-thu when the program speaks Hebrew)"
        ),
    )


def _writes(args: argparse.Namespace) -> bool:
    return bool(args.task or args.set or args.working_week)


def cmd_plan(args: argparse.Namespace, dossier: Dossier) -> int:
    if args.set:
        _set_durations(args, dossier)
    if args.working_week:
        save_working_week(dossier, args.working_week)
    if args.task:
        if args.case is None:
            raise UsageError(tr("--task needs --case: the case whose step it is."))
        change = task_for_step(dossier, case_plan(dossier, args.case), args.task)
        title = (change.after or {}).get("title", "")
        print(tr("Task {id} made: {title}", id=change.id, title=title))
    plans = [case_plan(dossier, args.case)] if args.case is not None else open_plans(dossier)
    if args.json:
        print_value(
            args,
            {
                "durations": read_durations(dossier).as_dict(),
                "working_week": read_working_week(dossier),
                "plans": [p.as_dict() for p in plans],
            },
        )
        return OK
    if not plans:
        print(tr("No open case needs a plan."))
    for index, plan in enumerate(plans):
        if index:
            print()
        _print_plan(plan)
    return OK


def _set_durations(args: argparse.Namespace, dossier: Dossier) -> None:
    values: dict[str, str] = {}
    for item in args.set:
        name, equals, days = str(item).partition("=")
        if not equals:
            raise UsageError(tr("--set takes NAME=DAYS, such as records=21."))
        values[name.strip()] = days
    save_durations(dossier, checked_durations(values, read_durations(dossier)))


def _print_plan(plan: Plan) -> None:
    for line in plan_lines(plan):
        print(line)


COMMANDS = Commands(add=add_commands, handlers={"plan": cmd_plan}, writes=_writes)
