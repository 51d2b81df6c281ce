"""A letter asking a hospital, practice or office for a copy of the records.

The wording is neutral (no law of one country is cited), so it can be sent in many
places. It asks for what the recorded request says was asked for, and for the standard
list (the full file, images, slides, results) only where the request does not say.
:func:`letter_text` gives the editable text; :func:`request_letter` lays that text
(edited or not) out as a report.
"""

from __future__ import annotations

from datetime import date

from .. import records
from ..bidi import isolate
from ..clock import today
from ..i18n import tr
from ..storage import Dossier
from .common import lines, one_line
from .dates import DateFormatter, format_day, long_date
from .greeting import greeting
from .letter_facts import LetterFacts, letter_facts
from .letter_layout import LINE_BREAK, letter_report
from .model import Report


def letter_text(
    dossier: Dossier,
    case_id: int,
    *,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> str:
    """The letter as plain text the person may edit; paragraphs are separated by blank lines."""
    case = records.get(dossier, "case", case_id)  # NotFoundError for an unknown case
    person = records.get(dossier, "person", 1)
    facts = letter_facts(dossier, case_id, request_id=request_id, dates=dates, printed=printed)
    name = one_line(person["name"])
    born = format_day(person.get("born"), dates)
    who = tr("{name}, born {born}", name=isolate(name), born=born) if born else isolate(name)
    sender = [name, *lines(person.get("address"))]
    if person.get("phone"):
        sender.append(tr("Phone: {phone}", phone=one_line(person["phone"])))
    if person.get("email"):
        sender.append(tr("Email: {email}", email=one_line(person["email"])))
    file = case.get("kind") == "administrative"  # an office's file, not medical records
    if file:
        subject = subject_file()
        opening = tr(
            "I am asking for a copy of my file, which I need in order to review the decision "
            "made about me. It concerns: {who}.",
            who=who,
        )
    else:
        subject = subject_records()
        opening = tr(
            "I am asking for a copy of my medical records, which I need for a second medical "
            "opinion. The records concern: {who}.",
            who=who,
        )
    asked = facts.asked or (_standard_file() if file else _standard_records())
    paragraphs = [
        "\n".join(sender),
        "\n".join(facts.recipient or (tr("To the medical records office"),)),
        dates(printed or today()),
        subject,
        greeting(facts.addressee) if facts.addressee else tr("Dear Sir or Madam,"),
        opening,
        tr("Please send me:"),
        "\n".join("– " + item for item in asked),
        tr(
            "I would be grateful to receive them by {due}. If that is not possible, or if "
            "there is a fee, please let me know before then. You can reach me at the address "
            "above.",
            due=facts.due,
        ),
        tr("Thank you for your help."),
        tr("Yours faithfully,"),
    ]
    return "\n\n".join(paragraphs)


def subject_records() -> str:
    return tr("Request for a copy of my medical records")


def subject_file() -> str:
    return tr("Request for a copy of my file")


def _standard_records() -> tuple[str, ...]:
    return (
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


def _standard_file() -> tuple[str, ...]:
    return (
        tr("the whole file on which the decision was based"),
        tr("the assessment report, with any scores or points given, and the notes of any visit"),
        tr("the letters and documents received from others, such as doctors' reports"),
    )


def request_letter(
    dossier: Dossier,
    case_id: int,
    *,
    text: str | None = None,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The letter as a report: ``text`` (edited by the person) or the default wording.

    A paragraph's lines stay together (an address block, a list); the paragraphs before
    the subject line (sender, recipient, date) are set apart as in a printed letter
    (:func:`.letter_layout.letter_report`)."""
    body = (
        text
        if text is not None
        else letter_text(dossier, case_id, request_id=request_id, dates=dates, printed=printed)
    )
    return letter_report(
        dossier,
        body,
        kind="request_letter",
        subjects=(subject_records(), subject_file()),
        dates=dates,
        printed=printed,
    )


__all__ = ["LINE_BREAK", "LetterFacts", "letter_facts", "letter_text", "request_letter"]
