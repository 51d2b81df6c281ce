"""A sheet of questions, in order, with ruled space to write the answers during the visit."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import records
from ..appointment_questions import questions_for
from ..clock import today
from ..errors import DossierError
from ..i18n import tr
from ..storage import Dossier
from .common import contact_name, footer_for, one_line
from .dates import DateFormatter, format_moment, long_date, parse_day
from .model import KeyValues, Paragraph, Question, Report, Sections


def question_sheet(
    dossier: Dossier,
    *,
    case_id: int | None = None,
    appointment_id: int | None = None,
    large_print: bool = False,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The questions of an appointment (those assigned to it, then the case's other open
    ones: what appointment mode shows), or of a case (those not yet answered)."""
    if appointment_id is None and case_id is None:
        raise DossierError(tr("Say which case or appointment the questions are for."))
    appointment = records.get(dossier, "appointment", appointment_id) if appointment_id else None
    if appointment is not None:
        if case_id is not None and appointment.get("case_id") not in (None, case_id):
            raise DossierError(
                tr(
                    "Appointment {id} does not belong to case {case}.",
                    id=appointment_id,
                    case=case_id,
                )
            )
        case_id = appointment.get("case_id") or case_id
        questions = questions_for(dossier, appointment)
    else:
        assert case_id is not None
        questions = [
            q
            for q in records.list_records(dossier, "question", case_id=case_id)
            if not (q.get("answer") or "").strip()
        ]
    case = records.get(dossier, "case", case_id) if case_id is not None else None
    out = Sections()
    about: list[tuple[str, str]] = []  # the case's title is the subtitle, said once
    if appointment is not None:
        about.append((tr("Appointment"), format_moment(appointment["starts_at"], dates)))
        who = contact_name(dossier, appointment.get("contact_id"))
        if who:
            about.append((tr("With"), who))
        if appointment.get("location"):
            about.append((tr("Where"), one_line(appointment["location"])))
    out.add(None, KeyValues(tuple(about)) if about else None)
    lines = 5 if large_print else 4
    blocks = tuple(
        Question(number, one_line(q["text"]), _note(q), lines)
        for number, q in enumerate(questions, start=1)
    )
    out.add(
        tr("Questions"),
        *(blocks or (Paragraph(tr("There are no open questions yet.")),)),
    )
    out.add(
        tr("Other notes"),
        Question(None, tr("Anything else that was said or agreed:"), "", lines + 2),
    )
    return Report(
        kind="questions",
        title=tr("Questions for the consultation"),
        subtitle=one_line(case["title"]) if case else "",
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
        large_print=large_print,
    )


def _note(question: dict[str, Any]) -> str:
    parts = []
    if question.get("priority") == "high":
        parts.append(tr("important"))
    if question.get("category"):
        parts.append(one_line(question["category"]))
    return " · ".join(parts)


def next_appointment(
    dossier: Dossier, case_id: int, day: date | None = None, *, with_id: int | None = None
) -> int | None:
    """The case's first appointment from ``day`` on that has questions to ask, if any;
    with ``with_id``, the first with that contact."""
    day = day or today()
    for appointment in records.list_records(dossier, "appointment", case_id=case_id):
        if with_id is not None and appointment.get("contact_id") != with_id:
            continue
        when = parse_day(appointment["starts_at"])
        if when is not None and when >= day and questions_for(dossier, appointment):
            return int(appointment["id"])
    return None


__all__ = ["next_appointment", "question_sheet"]
