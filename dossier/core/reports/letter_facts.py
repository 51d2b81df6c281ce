"""What a records-request letter says from the recorded request: to whom it goes (an
address block that names each line once), what was asked for, and by when."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import records
from ..clock import today
from ..i18n import tr
from ..storage import Dossier
from .common import lines, one_line
from .dates import DateFormatter, long_date, parse_day

DEFAULT_DAYS = 14  # "by when", when no request with a due date is recorded

# A request that says only this asks for everything: the letter gives the standard list.
_EVERYTHING = {
    "everything",
    "all",
    "all of it",
    "all records",
    "all my records",
    "all the records",
    "my records",
    "the records",
    "records",
    "full file",
    "the full file",
    "my full file",
    "whole file",
    "the whole file",
    "my whole file",
    "complete file",
    "the complete file",
    "my complete file",
    "complete records",
    "full records",
    "copy of everything",
    "a copy of everything",
}


@dataclass(frozen=True)
class LetterFacts:
    recipient: tuple[str, ...]  # the address block, each line once; empty: not known
    addressee: str  # the doctor's name for "Dear …,", else ""
    asked: tuple[str, ...]  # what the request asks for; empty: the standard list
    due: str

    @property
    def facility(self) -> str:
        return self.recipient[0] if self.recipient else ""


def letter_facts(
    dossier: Dossier,
    case_id: int,
    *,
    request_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> LetterFacts:
    """Where the letter goes, what it asks for and by when: from ``request_id``, else the
    case's latest open request, else (only for where it goes) its latest request."""
    day = printed or today()
    request: dict[str, Any] | None = None
    if request_id is not None:
        request = records.get(dossier, "records_request", request_id)
    else:
        requests = records.list_records(dossier, "records_request", case_id=case_id)
        open_ones = [r for r in requests if r["status"] == "requested"]
        if open_ones or requests:
            request = (open_ones or requests)[-1]
    due = dates(day + timedelta(days=DEFAULT_DAYS))
    if request is None:
        return LetterFacts((), "", (), due)
    current = request_id is not None or request["status"] == "requested"
    recorded = parse_day(request.get("due_on"))
    if current and recorded is not None and recorded >= day:
        due = dates(recorded)
    recipient, addressee = _recipient(dossier, request)
    asked = asked_for(request.get("what")) if current else ()
    return LetterFacts(recipient, addressee, asked, due)


def asked_for(what: str | None) -> tuple[str, ...]:
    """The things a request asks for, one a line; () when it says nothing particular
    ("everything", "the full file")."""
    items = lines(what)
    plain = re.sub(r"[^\w\s]", " ", " ".join(items).casefold())
    plain = " ".join(plain.split())
    if not plain or plain in _EVERYTHING or plain == tr("everything").casefold():
        return ()
    return items


def contact_recipient(dossier: Dossier, contact_id: int) -> tuple[tuple[str, ...], str]:
    """The address block of a letter to the contact ``contact_id`` (its name, institution
    and address, each line once) and, for a doctor, the name to greet ("" otherwise)."""
    return _recipient(dossier, {"contact_id": contact_id})


def _recipient(dossier: Dossier, request: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """The address block and, for a doctor, the name to greet."""
    facility = one_line(request.get("facility"))
    contact: dict[str, Any] = {}
    if request.get("contact_id"):
        try:
            contact = records.get(dossier, "contact", request["contact_id"])
        except records.NotFoundError:
            contact = {}
    name = one_line(contact.get("name"))
    institution = one_line(contact.get("institution"))
    block = [name, facility or institution, *lines(contact.get("address"))]
    kept: list[str] = []
    for line in block:
        folded = line.casefold()
        inside_another = any(
            folded in other.casefold() and folded != other.casefold() for other in block
        )
        if line and not inside_another and folded not in (k.casefold() for k in kept):
            kept.append(line)
    addressee = salutation(name) if contact.get("role") == "doctor" and name in kept else ""
    return tuple(kept), addressee


_TITLES = (
    *("dr.", "dr", "prof.", "prof", "professor", "doctor", "mr.", "mrs.", "ms."),
    *("д-р", "проф.", "ד״ר", 'ד"ר', "פרופ׳"),
)


# Words that belong to the family name that follows them ("Pieter de Vries", "Ludwig van
# der Berg", "Ana dos Santos"), written in lower case.
_PARTICLES = frozenset(
    ("de", "den", "der", "van", "von", "ten", "ter", "te", "op", "in", "'t", "da", "das")
)
_PARTICLES |= {"do", "dos", "di", "du", "del", "della", "la", "le", "al", "el", "bin", "ben"}


def salutation(name: str) -> str:
    """How a letter greets a doctor: the title and family name ("Dr. Samuel Okonkwo" is
    "Dr. Okonkwo", "Dr. Pieter de Vries" is "Dr. de Vries"); a name without a title known
    here, or of one word, as it is."""
    words = name.split()
    titles = []
    while words and words[0].casefold() in _TITLES:
        titles.append(words.pop(0))
    if not titles or len(words) < 2:
        return name
    family = [words.pop()]
    # A particle after a first name, or one written first with a capital ("Dr. De Vries").
    while words and words[-1].casefold() in _PARTICLES:
        if len(words) == 1 and not words[0][:1].isupper():
            break
        if len(words) > 1 and words[-1][:1].isupper():
            break
        family.insert(0, words.pop())
    return " ".join((*titles, *family))
