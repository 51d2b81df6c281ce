"""The plan of a case on one page, for the family: the deadline, whether it fits, each step
with the day it must be done by, and what to do next.

One sheet of paper: when it needs more, it is printed without the list of what to do
first, then without the steps' notes, then without the choices (and its title shortened)."""

from __future__ import annotations

import textwrap
from datetime import date

from ..i18n import tr
from ..locale_format import medium_date
from ..plan import Plan, PlanStep, case_plan
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
        *, notes: bool, choices: bool, first: bool, shorter: tuple[Report, ...] = ()
    ) -> Report:
        brief = not (notes or choices or first)
        return Report(
            kind="plan",
            title=tr("Plan for the second opinion"),
            subtitle=textwrap.shorten(title, 90, placeholder=" …") if brief else title,
            footer=footer,
            sections=_sections(plan, notes=notes, choices=choices, first=first),
            large_print=large_print,
            max_pages=1,
            max_pages_large=1,
            shorter=shorter,
        )

    briefer = (  # what goes first: the list of what to do first, then the notes, the choices
        sheet(notes=True, choices=True, first=False),
        sheet(notes=False, choices=True, first=False),
        sheet(notes=False, choices=False, first=False),
    )
    return sheet(notes=True, choices=True, first=True, shorter=briefer)


def _sections(plan: Plan, *, notes: bool, choices: bool, first: bool) -> tuple[Section, ...]:
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
            BulletList(tuple(c.text for c in plan.choices)) if choices else None,
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
    next_steps = [s for s in plan.steps if not s.done and s.status in ("overdue", "late", "soon")]
    if next_steps and first:
        out.add(
            tr("First to do"),
            BulletList(
                tuple(tr("{step}: {when}", step=s.title, when=when_words(s)) for s in next_steps)
            ),
        )
    return out.done()


def _notes(step: PlanStep) -> str:
    return one_line(" ".join(part for part in (step.note, task_words(step)) if part))


__all__ = ["plan_sheet"]
