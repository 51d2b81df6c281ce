"""The letter that tells the first (treating) doctor a second opinion is being sought, in
calm words that keep the relationship: thanks for the care; wanting to be sure about an
important decision is usual, and many guidelines encourage it; the question; the records
(asked for, received, or asked for here); the outcome will be shared. Optional; one page.

:func:`first_doctor_letter_text` gives the editable text; :func:`first_doctor_letter` lays
that text (edited or not) out as a report, with shorter tellings of the suggested wording
for a case whose question would not fit on one page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from .. import records
from ..bidi import isolate
from ..clock import today
from ..i18n import tr
from ..storage import Dossier
from .common import contact_name, one_line
from .cover_letter import second_doctor
from .dates import DateFormatter, format_day, long_date, parse_day
from .letter_facts import DEFAULT_DAYS
from .letter_layout import Telling, letter_report, patient, reach_me, recipient, sender, shortened
from .model import Report

MAX_PAGES: Final = 1
# Characters of the question (0: all) and whether the address blocks take fewer lines,
# fullest first.
_LEVELS: Final = ((0, False), (900, False), (500, True), (250, True))


def first_doctor(dossier: Dossier, case_id: int) -> int | None:
    """The doctor the letter goes to by default: the case's treating doctor, else the
    doctor of its first opinion; None when neither is recorded."""
    case = records.get(dossier, "case", case_id)
    if case.get("treating_id") is not None:
        return int(case["treating_id"])
    opinions = sorted(
        (
            o
            for o in records.list_records(dossier, "opinion", case_id=case_id)
            if o.get("contact_id") is not None
        ),
        key=lambda o: (o.get("ordinal") or 1, o.get("given_on") is None, o.get("given_on") or ""),
    )
    return int(opinions[0]["contact_id"]) if opinions else None


def subject(dossier: Dossier, case: dict[str, Any], dates: DateFormatter) -> str:
    """The subject (the case) and, below it, the patient."""
    about = tr("A second opinion: {title}", title=isolate(one_line(case.get("title"))))
    whose = tr("Patient: {who}", who=patient(dossier, dates))
    return f"{about}\n{whose}"


def _same_place(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return bool(a and b) and (a in b or b in a)


def _request(dossier: Dossier, case_id: int, contact: dict[str, Any]) -> dict[str, Any] | None:
    """The case's latest records request to this doctor or to the place they work."""
    if not contact:
        return None
    institution = one_line(contact.get("institution"))
    found = []
    for request in records.list_records(dossier, "records_request", case_id=case_id):
        places = [one_line(request.get("facility"))]
        if request.get("contact_id") is not None:
            places.append(contact_name(dossier, request["contact_id"]))
        if request.get("contact_id") == contact["id"] or any(
            _same_place(place, institution) for place in places
        ):
            found.append(request)
    return max(found, key=lambda r: (r.get("requested_on") or "", r["id"])) if found else None


def _records(
    dossier: Dossier,
    case_id: int,
    contact: dict[str, Any],
    due: date,
    dates: DateFormatter,
) -> str:
    request = _request(dossier, case_id, contact)
    if request is not None and request.get("status") in ("received", "forwarded"):
        return tr("I have received the copy of my records I asked for; thank you for that.")
    if request is not None:
        asked = format_day(request.get("requested_on"), dates)
        where = isolate(one_line(request.get("facility"))) or tr("your records office")
        if asked:
            return tr(
                "On {day} I asked {where} for a copy of my records for the second doctor. "
                "I would be grateful for your help in letting them reach me in time.",
                day=asked,
                where=where,
            )
        return tr(
            "I have asked {where} for a copy of my records for the second doctor. I would be "
            "grateful for your help in letting them reach me in time.",
            where=where,
        )
    return tr(
        "Could you please send me a copy of my records for the second doctor: the letters "
        "and reports, the imaging (the images themselves, not only the reports) and the "
        "pathology? I would be grateful to have them by {day}.",
        day=dates(due),
    )


def _visit(dossier: Dossier, case_id: int, to_id: int | None, day: date) -> tuple[str, date | None]:
    """Who gives the second opinion and on which day ("", None when not known)."""
    second = second_doctor(dossier, case_id, day)
    if second is None or second == to_id:
        return "", None
    visits = [
        a
        for a in records.list_records(dossier, "appointment", case_id=case_id)
        if a.get("contact_id") == second and (a.get("starts_at") or "")[:10] >= day.isoformat()
    ]
    first = min(visits, key=lambda a: a["starts_at"]) if visits else None
    return contact_name(dossier, second), parse_day(first["starts_at"]) if first else None


def _text(
    dossier: Dossier,
    case: dict[str, Any],
    to_id: int | None,
    dates: DateFormatter,
    printed: date | None,
    question_chars: int,
    compact: bool = False,
) -> str:
    day = printed or today()
    address, greeting, contact = recipient(
        dossier, to_id, tr("To the treating doctor"), compact=compact
    )
    who, when = _visit(dossier, case["id"], to_id, day)
    due = day + timedelta(days=DEFAULT_DAYS)
    if when is not None and when < due:
        due = max(day, when - timedelta(days=3))
    paragraphs = [
        sender(dossier, compact=compact),
        address,
        dates(day),
        subject(dossier, case, dates),
        greeting,
        tr(
            "Thank you for your care, and for the time you have taken to explain my situation "
            "and your advice."
        ),
    ]
    why = tr(
        "Before I decide, I would like to ask for a second opinion. This is not a sign of "
        "doubt in your care: with a decision as important as this one, wanting to be sure is "
        "usual, and many medical guidelines encourage patients to do so."
    )
    question = shortened(case.get("question"), question_chars)
    if question:
        asked = tr("The question I am asking is:")
        paragraphs += [f"{why} {asked}", question]
    else:
        paragraphs.append(why)
    if who and when is not None:
        paragraphs.append(
            tr("I have an appointment with {who} on {day}.", who=isolate(who), day=dates(when))
        )
    elif who:
        paragraphs.append(tr("The second opinion will be given by {who}.", who=isolate(who)))
    thanks = tr("Thank you for your understanding.")
    paragraphs += [
        _records(dossier, case["id"], contact, due, dates),
        tr("I will let you know the outcome, and I would value talking it over with you."),
        f"{reach_me(dossier)} {thanks}",
        tr("Yours sincerely,"),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def first_doctor_letter_text(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> str:
    """The letter as plain text the person may edit (paragraphs separated by blank lines),
    to the contact ``to_id`` (None: :func:`first_doctor`, else "Dear Doctor"). ``language``
    is taken for the same shape as the other letters; the letter is written in the current
    language. Raises NotFoundError for an unknown case or contact."""
    del language
    case = records.get(dossier, "case", case_id)
    if to_id is None:
        to_id = first_doctor(dossier, case_id)
    return _text(dossier, case, to_id, dates, printed, 0)


def first_doctor_letter(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    text: str | None = None,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The letter as a report: ``text`` (edited by the person) or the suggested wording,
    which keeps to one page (the question shortened, saying so, only when it must)."""
    del language
    case = records.get(dossier, "case", case_id)
    if to_id is None:
        to_id = first_doctor(dossier, case_id)
    elif text is not None:
        records.get(dossier, "contact", to_id)  # the same refusal as the suggested wording
    tellings = (
        [Telling(text)]
        if text is not None
        else [
            Telling(_text(dossier, case, to_id, dates, printed, n, compact), spaced=not compact)
            for n, compact in _LEVELS
        ]
    )
    question = shortened(case.get("question"), 0)
    return letter_report(
        dossier,
        tellings[0].text,
        kind="first_doctor_letter",
        subjects=(subject(dossier, case, dates),),
        bold=(question,) if question else (),
        dates=dates,
        printed=printed,
        shorter=tellings[1:],
        max_pages=MAX_PAGES,
    )


__all__ = ["first_doctor", "first_doctor_letter", "first_doctor_letter_text", "subject"]
