"""An invitation to an appointment (the .ics file a hospital sends by email): read, shown
before anything is added, then added as appointments in one step that can be undone.

:func:`read_invitation` reads the file (bounded and checked first, see
:mod:`.invitation_file`) into an :class:`Invitation`: the appointments it proposes, each in
this computer's own time (:mod:`.invitation_event`), and what was left out and why (the
later dates of a repeating appointment, an event without a start, a text too long). A
cancellation is recognised and adds nothing. :func:`add_invitation` adds the appointments
not yet in the dossier, refusing them all when each is already there.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from icalendar import Calendar, Event
from icalendar.timezone import tzp

from .. import records
from ..history import ChangeGroup
from ..i18n import ntr, tr, trc
from ..locale_format import medium_date, short_time
from ..records import Change
from ..storage import Dossier
from .invitation_event import Proposal, proposal_from
from .invitation_file import (
    InvitationError,
    check_shape,
    decoded,
    read_bytes,
    unfolded_lines,
)

_ANSWERS = ("REPLY", "REFRESH", "COUNTER", "DECLINECOUNTER")  # not invitations


@dataclass(frozen=True)
class Invitation:
    """What an invitation proposes; nothing is added yet."""

    proposals: tuple[Proposal, ...]
    left_out: tuple[str, ...] = ()  # what the file held that was not taken, and why
    cancellation: bool = False  # it calls appointments off (they are the proposals)

    def notes(self) -> list[str]:
        """Everything left out, of the file and of each appointment, in plain words."""
        found = list(self.left_out)
        several = len(self.proposals) > 1
        for proposal in self.proposals:
            for note in proposal.notes:
                found.append(f"{when(proposal)}: {note}" if several else note)
        return found


class AlreadyThere(InvitationError):
    """Every appointment of the invitation is in the dossier already (``appointment_ids``)."""

    def __init__(self, message: str, appointment_ids: list[int]) -> None:
        super().__init__(message)
        self.appointment_ids = appointment_ids


def read_invitation(source: Path | str | bytes) -> Invitation:
    """The invitation in ``source`` (a file's path, or its bytes); InvitationError, in plain
    words, for a file that is not one or that proposes no appointment that can be added."""
    text = decoded(read_bytes(source))
    if check_shape(unfolded_lines(text)) == 0:
        raise InvitationError(tr("This calendar file holds no appointment."))
    try:
        with warnings.catch_warnings():  # a guessed zone is said by its own note, if need be
            warnings.simplefilter("ignore")
            # The library keeps the zones a file describes, first come first kept, for every
            # file read after it: this file's own zones are read afresh.
            tzp.use_default()
            calendar = Calendar.from_ical(text)
    except Exception:  # a parser of hostile input fails in many ways; each means the same
        raise InvitationError(
            tr("This calendar file is damaged: its lines cannot be read as a calendar.")
        ) from None
    method = str(calendar.get("METHOD") or "").strip().upper()
    if method in _ANSWERS:
        raise InvitationError(
            tr("This is an answer to an invitation, not an invitation: it adds no appointment.")
        )
    events = [part for part in calendar.subcomponents if isinstance(part, Event)]
    series = {_uid(event) for event in events if "RECURRENCE-ID" not in event} - {""}
    proposals: list[Proposal] = []
    left_out: list[str] = []
    problems: list[str] = []
    for event in events:
        if "RECURRENCE-ID" in event and _uid(event) in series:
            left_out.append(
                tr("A change to one of the later times of a repeating appointment was left out.")
            )
            continue
        try:
            proposals.append(proposal_from(event))
        except InvitationError as problem:
            problems.append(problem.message)
    cancellation = method == "CANCEL" or bool(proposals and all(p.cancelled for p in proposals))
    if not cancellation:
        for proposal in [p for p in proposals if p.cancelled]:
            proposals.remove(proposal)
            left_out.append(
                tr(
                    "The appointment of {when} is marked as cancelled: it is not added.",
                    when=when(proposal),
                )
            )
    if not proposals and not cancellation:
        raise InvitationError(problems[0] if problems else tr("This invitation adds nothing."))
    if len(events) > 1:
        left_out += [tr("One appointment was left out: {why}", why=why) for why in problems]
    kept = _once_each(proposals, left_out)
    return Invitation(tuple(kept), tuple(left_out), cancellation)


def already_there(dossier: Dossier, invitation: Invitation) -> dict[int, int]:
    """For each proposal the dossier holds already (a live appointment at the same start,
    at the same place or one not said), its position and the appointment's number."""
    found: dict[int, int] = {}
    for index, proposal in enumerate(invitation.proposals):
        for row in records.list_records(
            dossier, "appointment", equal={"starts_at": proposal.starts_at}
        ):
            if _same_place(row.get("location"), proposal.location):
                found[index] = int(row["id"])
                break
    return found


def add_invitation(
    dossier: Dossier,
    invitation: Invitation,
    case_id: int | None = None,
    contact_id: int | None = None,
) -> Change:
    """Add the invitation's appointments (to the case, with the contact, when given) that
    the dossier does not hold yet, in one transaction and one step to undo."""
    dossier.require_writable()
    if invitation.cancellation:
        raise InvitationError(cancellation_text(dossier, invitation))
    with dossier.db.atomic():
        there = already_there(dossier, invitation)
        new = [p for i, p in enumerate(invitation.proposals) if i not in there]
        if not new:
            ids = sorted(set(there.values()))
            raise AlreadyThere(_already_text(dossier, ids), ids)
        parts = [
            records.create(dossier, "appointment", proposal.values(case_id, contact_id))
            for proposal in new
        ]
    if len(parts) == 1:
        return parts[0]
    summary = ntr(
        "adding {n} appointment from an invitation",
        "adding {n} appointments from an invitation",
        len(parts),
    )
    return ChangeGroup.of(parts, entity="appointment", summary=summary)


def cancellation_text(dossier: Dossier, invitation: Invitation) -> str:
    """What a cancellation says, and the appointment of the dossier it seems to call off."""
    called_off = "; ".join(where_and_when(p) for p in invitation.proposals)
    if called_off:
        text = tr(
            "This is a cancellation, not an invitation: it calls off the appointment of "
            "{what}. Nothing is added.",
            what=called_off,
        )
    else:
        text = tr("This is a cancellation, not an invitation. Nothing is added.")
    ids = sorted(set(already_there(dossier, invitation).values()))
    if ids:
        also = ntr(
            "The dossier holds it as appointment {numbers}: delete that one if it no longer "
            "takes place.",
            "The dossier holds them as appointments {numbers}: delete those if they no longer "
            "take place.",
            len(ids),
            numbers=", ".join(str(i) for i in ids),
        )
        text = f"{text} {also}"
    return text


def suggested_contact(dossier: Dossier, invitation: Invitation) -> int | None:
    """The contact who sent the invitation, when the dossier knows them (by address or
    by name, one of them only); else None."""
    senders = {(p.organiser_email or "").casefold() for p in invitation.proposals}
    names = {(p.organiser or "").casefold() for p in invitation.proposals}
    senders.discard("")
    names.discard("")
    matches = {
        int(contact["id"])
        for contact in records.list_records(dossier, "contact")
        if (contact.get("email") or "").strip().casefold() in senders
        or (contact.get("name") or "").strip().casefold() in names
    }
    return matches.pop() if len(matches) == 1 else None


def when(proposal: Proposal) -> str:
    """ "3 Jun 2026, 09:30" (the day alone for a whole day)."""
    moment = datetime.fromisoformat(proposal.starts_at)
    if proposal.whole_day:
        return medium_date(moment.date())
    # Translators: a date and a time: "14 Mar 2026, 08:15".
    return trc(
        "date and time", "{date}, {time}", date=medium_date(moment.date()), time=short_time(moment)
    )


def where_and_when(proposal: Proposal) -> str:
    if proposal.location:
        # Translators: when and where an appointment is: "3 Jun 2026, 09:30 at Building 2".
        return tr("{when} at {place}", when=when(proposal), place=proposal.location)
    return when(proposal)


def _already_text(dossier: Dossier, ids: list[int]) -> str:
    shown = []
    for appointment_id in ids:
        row = records.get(dossier, "appointment", appointment_id)
        moment = datetime.fromisoformat(str(row["starts_at"]))
        shown.append(
            tr(
                "number {id} ({date}, {time})",
                id=appointment_id,
                date=medium_date(moment.date()),
                time=short_time(moment),
            )
        )
    return ntr(
        "This appointment is already in the dossier: appointment {which}. Nothing was added.",
        "These appointments are already in the dossier: appointments {which}. Nothing was added.",
        len(ids),
        which="; ".join(shown),
    )


def _once_each(proposals: list[Proposal], left_out: list[str]) -> list[Proposal]:
    """The proposals without repeats (the same start at the same place)."""
    kept: list[Proposal] = []
    for proposal in proposals:
        if any(
            p.starts_at == proposal.starts_at and _same_place(p.location, proposal.location)
            for p in kept
        ):
            left_out.append(
                tr(
                    "The appointment of {when} is named twice: it is added once.",
                    when=when(proposal),
                )
            )
            continue
        kept.append(proposal)
    return kept


def _same_place(a: object, b: object) -> bool:
    """The same place, in other capitals or spacing; a place not said matches any."""
    first, second = (" ".join(str(x or "").split()).casefold() for x in (a, b))
    return not first or not second or first == second


def _uid(event: object) -> str:
    get = getattr(event, "get", None)
    value = get("UID") if get else None
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value or "")


__all__ = [
    "AlreadyThere",
    "Invitation",
    "InvitationError",
    "Proposal",
    "add_invitation",
    "already_there",
    "cancellation_text",
    "read_invitation",
    "suggested_contact",
    "when",
    "where_and_when",
]
