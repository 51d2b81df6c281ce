"""The plan of a case on one page, for the family: the deadline, whether it fits, each step
with the day it must be done by, and what to do next.

One sheet of paper: when the steps' notes make it longer, it is printed without them
(and, in large print, without the choices' explanations)."""

from __future__ import annotations

from datetime import date

from ..i18n import tr
from ..locale_format import medium_date
from ..plan import Plan, case_plan
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

    def sheet(*, notes: bool, shorter: tuple[Report, ...] = ()) -> Report:
        return Report(
            kind="plan",
            title=tr("Plan for the second opinion"),
            subtitle=one_line(plan.case["title"]),
            footer=footer,
            sections=_sections(plan, notes=notes),
            large_print=large_print,
            max_pages=1,
            max_pages_large=1,
            shorter=shorter,
        )

    return sheet(notes=True, shorter=(sheet(notes=False),))


def _sections(plan: Plan, *, notes: bool) -> tuple[Section, ...]:
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
            BulletList(tuple(c.text for c in plan.choices)) if notes else None,
        )
    elif plan.deadline is not None and not plan.decided:
        out.add(None, Paragraph(tr("The plan fits: every step can be done in time.")))
    words = status_words()
    rows = []
    for step in plan.steps:
        detail = [step.note] if notes and step.note else []
        if step.task is not None:
            detail.append(task_words(step))
        rows.append(
            (
                step.title,
                words[step.status],
                when_words(step),
                one_line(" ".join(detail)),
            )
        )
    out.add(
        tr("Steps"),
        Table(
            (tr("Step"), tr("State"), tr("Dates"), tr("Notes")),
            tuple(rows),
            widths=(3, 2, 4, 5),
        ),
    )
    next_steps = [s for s in plan.steps if not s.done and s.status in ("overdue", "late", "soon")]
    if next_steps:
        out.add(
            tr("First to do"),
            BulletList(
                tuple(tr("{step}: {when}", step=s.title, when=when_words(s)) for s in next_steps)
            ),
        )
    return out.done()


__all__ = ["plan_sheet"]
