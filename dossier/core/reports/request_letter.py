"""A letter asking a hospital or practice for a copy of the records.

The wording is neutral (no law of one country is cited), so it can be sent in many
places. :func:`letter_text` gives the editable text; :func:`request_letter` lays that
text (edited or not) out as a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import records
from ..clock import today
from ..i18n import tr
from ..storage import Dossier
from .common import contact_name, footer_for, lines, one_line
from .dates import DateFormatter, format_day, long_date, parse_day
from .model import Paragraph, Report, Sections, SignatureLine

DEFAULT_DAYS = 14  # "by when", when no request with a due date is recorded


@dataclass(frozen=True)
class LetterFacts:
    facility: str
    facility_address: tuple[str, ...]
    due: str


def letter_facts(
    dossier: Dossier,
    case_id: int,
    *,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> LetterFacts:
    """Where the letter goes and by when, from a recorded records request when there is one."""
    requests = records.list_records(dossier, "records_request", case_id=case_id)
    request: dict[str, Any] | None = None
    if request_id is not None:
        request = records.get(dossier, "records_request", request_id)
    elif requests:
        open_ones = [r for r in requests if r["status"] == "requested"]
        request = (open_ones or requests)[-1]
    facility = ""
    address: tuple[str, ...] = ()
    due = (printed or today()) + timedelta(days=DEFAULT_DAYS)
    if request is not None:
        facility = one_line(request.get("facility")) or contact_name(
            dossier, request.get("contact_id")
        )
        if request.get("contact_id"):
            try:
                contact = records.get(dossier, "contact", request["contact_id"])
                address = lines(contact.get("address"))
            except records.NotFoundError:
                pass
        recorded = parse_day(request.get("due_on"))
        if (
            request["status"] == "requested"
            and recorded is not None
            and recorded >= (printed or today())
        ):
            return LetterFacts(facility, address, dates(recorded))
    return LetterFacts(facility, address, dates(due))


def letter_text(
    dossier: Dossier,
    case_id: int,
    *,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> str:
    """The letter as plain text the person may edit; paragraphs are separated by blank lines."""
    records.get(dossier, "case", case_id)  # NotFoundError for an unknown case
    person = records.get(dossier, "person", 1)
    facts = letter_facts(dossier, case_id, request_id=request_id, dates=dates, printed=printed)
    name = one_line(person["name"])
    born = format_day(person.get("born"), dates)
    who = tr("{name}, born {born}", name=name, born=born) if born else name
    to = [facts.facility or tr("To the medical records office"), *facts.facility_address]
    sender = [name, *lines(person.get("address"))]
    if person.get("phone"):
        sender.append(tr("Phone: {phone}", phone=one_line(person["phone"])))
    if person.get("email"):
        sender.append(tr("Email: {email}", email=one_line(person["email"])))
    paragraphs = [
        "\n".join(sender),
        "\n".join(to),
        dates(printed or today()),
        tr("Request for a copy of my medical records"),
        tr("Dear Sir or Madam,"),
        tr(
            "I am asking for a complete copy of my medical records, which I need for a second "
            "medical opinion. The records concern: {who}.",
            who=who,
        ),
        tr("Please include:"),
        "\n".join(
            "– " + item
            for item in (
                tr("the full file: letters, consultation notes, operation and discharge reports"),
                tr(
                    "all imaging as the images themselves (for example DICOM on a disc or a "
                    "download link), not only the written reports"
                ),
                tr(
                    "pathology: the reports, and the slides and tissue blocks on loan for review, "
                    "or tell me how they can be sent to another laboratory"
                ),
                tr("all laboratory results"),
            )
        ),
        tr(
            "I would be grateful to receive the records by {due}. If that is not possible, or if "
            "there is a fee, please let me know before then. You can reach me at the address above.",
            due=facts.due,
        ),
        tr("Thank you for your help."),
        tr("Yours faithfully,"),
    ]
    return "\n\n".join(paragraphs)


def request_letter(
    dossier: Dossier,
    case_id: int,
    *,
    text: str | None = None,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The letter as a report: ``text`` (edited by the person) or the default wording."""
    body = (
        text
        if text is not None
        else letter_text(dossier, case_id, request_id=request_id, dates=dates, printed=printed)
    )
    paragraphs = [p.strip("\n") for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    person = records.get(dossier, "person", 1)
    out = Sections()
    out.add(None, *(Paragraph(p) for p in paragraphs))
    out.add(None, SignatureLine(one_line(person["name"])))
    return Report(
        kind="request_letter",
        title="",
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
    )
