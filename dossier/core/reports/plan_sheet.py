"""The plan of a case on one page, for the family: the deadline, whether it fits, each step
with the day it must be done by, and what to do next.

One sheet of paper (two in large print): when it needs more, it is printed without the
steps' notes, then without the list of what to do first, then with its title shortened;
the reason it does not fit and the choices are always there."""

from __future__ import annotations

import textwrap
from datetime import date

from ..i18n import tr
from ..locale_format import medium_date
from ..plan import Plan, PlanStep, case_plan
from ..plan.model import SOON_DAYS
from ..plan.tasks import task_title
from ..plan.words import status_words, task_words, when_words
from ..storage import Dossier
from .common import footer_for, one_line
from .dates import DateFormatter, long_date
from .model import BulletList, KeyValues, Paragraph, Report, Section, Sections, Table


def plan_sheet(
    dossier: Dossier,
    case_id: int,
    *,
    large_print: bool = False,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The plan of ``case_id`` on one page (ValidationError for an administrative case)."""
    plan = case_plan(dossier, case_id)
    footer = footer_for(dossier, dates, printed)
    title = one_line(plan.case["title"])

    def sheet(
        *, notes: bool, first: bool, brief: bool = False, shorter: tuple[Report, ...] = ()
    ) -> Report:
        return Report(
            kind="plan",
            title=tr("Plan for the second opinion"),
            subtitle=textwrap.shorten(title, 90, placeholder=" …") if brief else title,
            footer=footer,
            sections=_sections(plan, notes=notes, first=first),
            large_print=large_print,
            max_pages=1,
            max_pages_large=2,  # larger type: a second sheet rather than fewer words
            shorter=shorter,
        )

    briefer = (  # what gives way first: the notes, then what to do first; never the choices
        sheet(notes=False, first=True),
        sheet(notes=False, first=False),
        sheet(notes=False, first=False, brief=True),
    )
    return sheet(notes=True, first=True, shorter=briefer)


def _sections(plan: Plan, *, notes: bool, first: bool) -> tuple[Section, ...]:
    out = Sections()
    about = [
        (
            tr("Decision deadline"),
            medium_date(plan.deadline) if plan.deadline else tr("not set"),
        ),
        (tr("Worked out on"), medium_date(plan.today)),
    ]
    out.add(None, KeyValues(tuple(about)))
    if plan.problem:
        out.add(
            tr("The plan does not fit"),
            Paragraph(plan.problem),
            BulletList(tuple(c.text for c in plan.choices)),
        )
    elif plan.deadline is not None and not plan.decided:
        out.add(None, Paragraph(tr("The plan fits: every step can be done in time.")))
    words = status_words()
    if notes:
        rows = tuple(
            (step.title, words[step.status], when_words(step), _notes(step)) for step in plan.steps
        )
        table = Table((tr("Step"), tr("State"), tr("Dates"), tr("Notes")), rows, (3, 2, 4, 5))
    else:  # the briefer sheets: no column of notes
        short = tuple((step.title, words[step.status], when_words(step)) for step in plan.steps)
        table = Table((tr("Step"), tr("State"), tr("Dates")), short, (3, 2, 4))
    out.add(tr("Steps"), table)
    next_steps = sorted(
        (s for s in plan.steps if _first(s, plan)), key=lambda s: _by(s) or plan.today
    )
    if next_steps and first:
        out.add(tr("First to do"), BulletList(tuple(_action(s, plan) for s in next_steps)))
    return out.done()


def _by(step: PlanStep) -> date | None:
    """The day to do ``step`` by: its open task's due day, else its latest day."""
    task = step.task
    if task is not None and not task.done and task.due_on is not None:
        return task.due_on
    if step.fixed:  # the consultation: the day it is booked for
        return step.expected
    return step.latest


def _first(step: PlanStep, plan: Plan) -> bool:
    """Whether ``step`` is among the first to do: behind, or due within a week."""
    if step.done:
        return False
    by = _by(step)
    return step.status in ("overdue", "late") or (
        by is not None and (by - plan.today).days <= SOON_DAYS
    )


def _action(step: PlanStep, plan: Plan) -> str:
    """What to do for ``step``, and by when: its task's words, else the task it would make."""
    task = step.task if step.task is not None and not step.task.done else None
    what = task.title if task is not None else task_title(step, plan)
    by = _by(step)
    return tr("{what} (by {day})", what=what, day=medium_date(by)) if by else what


def _notes(step: PlanStep) -> str:
    return one_line(" ".join(part for part in (step.note, task_words(step)) if part))


__all__ = ["plan_sheet"]
