"""One event of an invitation, made into a proposed appointment (:class:`Proposal`).

Its start is moved into this computer's own time zone, as the dossier keeps every
appointment ("09:30 in Jerusalem" is 08:30 in Amsterdam in June). A whole day, with no time,
is put in the morning, and the purpose says so. The place, what it is for, who sent it and
what it says are kept, each shortened to what the appointment's fields hold; what could not
be kept is said in :attr:`Proposal.notes`. The title becomes the appointment's purpose;
the rest of what the invitation says (its end, its sender, its text: what to bring, where to
report) becomes its preparation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Component, Event

from ..calendar_items import MORNING
from ..clip import clip
from ..i18n import N_, tr
from ..locale_format import medium_date, short_time
from ..validation import TEXT_MAX, YEAR_MAX, YEAR_MIN, clean_text
from .invitation_file import InvitationError

DESCRIPTION_MAX = 5000  # what the invitation says beyond its title, kept in the purpose
ORGANISER_MAX = 200
_REPEATS = {
    "DAILY": N_("every day"),
    "WEEKLY": N_("every week"),
    "MONTHLY": N_("every month"),
    "YEARLY": N_("every year"),
}


@dataclass(frozen=True)
class Proposal:
    """An appointment as an invitation proposes it, before it is added."""

    starts_at: str  # "YYYY-MM-DDTHH:MM" in this computer's time, as appointments are kept
    whole_day: bool = False
    ends_at: str | None = None  # the same, or the last day ("YYYY-MM-DD") of a whole day
    location: str | None = None
    summary: str | None = None
    description: str | None = None
    organiser: str | None = None  # the sender's name, else their address
    organiser_email: str | None = None
    written_as: str | None = None  # "09:30 Asia/Jerusalem", when its zone is not this one's
    cancelled: bool = False
    notes: tuple[str, ...] = ()  # what was left out of this event, and why

    @property
    def start(self) -> datetime:
        return datetime.fromisoformat(self.starts_at)

    def until(self) -> str | None:
        """ "Until 10:30." (or a later day), for the purpose; None without an end."""
        if self.ends_at is None:
            return None
        if self.whole_day:
            return tr("Until {date}.", date=medium_date(date.fromisoformat(self.ends_at)))
        end = datetime.fromisoformat(self.ends_at)
        if end.date() == self.start.date():
            return tr("Until {time}.", time=short_time(end))
        # Translators: the end of an appointment on a later day: "Until 4 Jun 2026, 10:30."
        return tr("Until {date}, {time}.", date=medium_date(end.date()), time=short_time(end))

    def purpose(self) -> str:
        """What the appointment is for: the invitation's title (it names the appointment
        in lists, so it is kept short)."""
        return self.summary or tr("Appointment from an invitation")

    def details(self) -> str | None:
        """What else the invitation says, kept as the appointment's preparation: the whole
        day without a time, the end, who sent it, and its own text (what to bring…)."""
        facts = []
        if self.whole_day:
            facts.append(tr("The whole day: the invitation gives no time."))
        until = self.until()
        if until:
            facts.append(until)
        if self.organiser:
            facts.append(tr("Invitation from {name}.", name=self.organiser))
        parts = [" ".join(facts), self.description or ""]
        return "\n\n".join(part for part in parts if part) or None

    def values(self, case_id: int | None = None, contact_id: int | None = None) -> dict[str, Any]:
        """The appointment's fields, for :func:`dossier.core.records.create`."""
        return {
            "starts_at": self.starts_at,
            "location": self.location,
            "purpose": self.purpose(),
            "preparation": self.details(),
            "case_id": case_id,
            "contact_id": contact_id,
        }


def proposal_from(event: Event) -> Proposal:
    """The appointment ``event`` proposes; InvitationError when it has no usable start."""
    notes: list[str] = []
    start, written_as, zone_note = _start(event)
    if zone_note:
        notes.append(zone_note)
    whole_day = not isinstance(start, datetime)
    if isinstance(start, datetime):
        moment = start
    else:
        moment = datetime.combine(start, MORNING)
        notes.append(
            tr(
                "The invitation is for the whole day of {date}, without a time: the "
                "appointment is put at {time}. Change the time when you know it.",
                date=medium_date(start),
                time=short_time(moment),
            )
        )
    repeats = _repeats(event)
    if repeats:
        notes.append(repeats)
    location = _text(event, "LOCATION", TEXT_MAX, notes, tr("The place"))
    summary = _text(event, "SUMMARY", TEXT_MAX, notes, tr("The title"))
    description = _text(event, "DESCRIPTION", DESCRIPTION_MAX, notes, tr("The description"))
    organiser, email = _organiser(event)
    status = str(_first(event.get("STATUS")) or "").strip().upper()
    return Proposal(
        starts_at=moment.isoformat(timespec="minutes"),
        whole_day=whole_day,
        ends_at=_end(event, start),
        location=location,
        summary=summary,
        description=description,
        organiser=organiser,
        organiser_email=email,
        written_as=written_as,
        cancelled=status == "CANCELLED",
        notes=tuple(notes),
    )


def _start(event: Component) -> tuple[date, str | None, str | None]:
    """The start in this computer's time (a date for a whole day); how the invitation
    wrote it when its zone is another; a note when its zone is unknown here."""
    if "DTSTART" not in event:
        raise InvitationError(
            tr("The invitation does not say when the appointment is: it has no start.")
        )
    prop = _first(event.get("DTSTART"))
    value = _first(_decoded(event, "DTSTART"))
    if not isinstance(value, date):
        raise InvitationError(
            tr(
                "The start of the appointment cannot be read: “{value}”.",
                value=clean_text(str(value or prop), multiline=False)[:40],
            )
        )
    _in_range(value)
    zone = str(getattr(prop, "params", {}).get("TZID") or "")
    if not isinstance(value, datetime):
        return value, None, None
    if value.tzinfo is None:
        note = None
        if zone:
            note = tr(
                "The invitation gives its time in a time zone this computer does not know "
                "(“{zone}”): the time is taken as it is written.",
                zone=clean_text(zone, multiline=False)[:60],
            )
        return value.replace(second=0, microsecond=0), None, note
    try:
        local = value.astimezone()
    except (OverflowError, ValueError, OSError):
        raise InvitationError(_out_of_range(value.year)) from None
    written_as = None
    if local.utcoffset() != value.utcoffset():
        name = zone or value.tzname() or "UTC"
        written_as = f"{short_time(value)} {clean_text(name, multiline=False)[:60]}"
    naive = local.replace(tzinfo=None, second=0, microsecond=0)
    _in_range(naive)
    return naive, written_as, None


def _end(event: Event, start: date) -> str | None:
    """The end in this computer's time (the last day of a whole day), when after the start."""
    try:
        end = event.end
    except Exception:  # no end, or one the library cannot read: the end is only a detail
        return None
    if isinstance(start, datetime):
        if not isinstance(end, datetime):
            return None
        if end.tzinfo is not None:
            try:
                end = end.astimezone().replace(tzinfo=None)
            except (OverflowError, ValueError, OSError):
                return None
        if end <= start or not YEAR_MIN <= end.year <= YEAR_MAX:
            return None
        return end.replace(second=0, microsecond=0).isoformat(timespec="minutes")
    if isinstance(end, datetime) or not isinstance(end, date):
        return None
    last = end - timedelta(days=1)  # a whole day's end is the next day, not part of it
    if last <= start or last.year > YEAR_MAX:
        return None
    return last.isoformat()


def _repeats(event: Component) -> str | None:
    if "RRULE" not in event and "RDATE" not in event:
        return None
    rule = _first(event.get("RRULE"))
    freq = None
    if rule is not None and hasattr(rule, "get"):
        freq = _first(rule.get("FREQ"))
    how = _REPEATS.get(str(freq or "").upper())
    if how:
        return tr(
            "The invitation repeats ({how}): only the first time is added. Add the others "
            "yourself when they are confirmed.",
            how=tr(how),
        )
    return tr(
        "The invitation is for several dates: only the first is added. Add the others "
        "yourself when they are confirmed."
    )


def _text(event: Component, name: str, limit: int, notes: list[str], what: str) -> str | None:
    raw = _first(event.get(name))
    if raw is None:
        return None
    text = clean_text(str(raw), multiline=name == "DESCRIPTION")
    if len(text) > limit:
        text = clip(text, limit)
        notes.append(
            tr("{what} was too long: it was shortened to {n} characters.", what=what, n=limit)
        )
    return text or None


def _organiser(event: Component) -> tuple[str | None, str | None]:
    prop = _first(event.get("ORGANIZER"))
    if prop is None:
        return None, None
    address = clean_text(str(prop), multiline=False)
    email = address[7:] if address.lower().startswith("mailto:") else None
    params = getattr(prop, "params", {})
    name = clean_text(str(_first(params.get("CN")) or ""), multiline=False).strip('"')
    shown = (name or email or address)[:ORGANISER_MAX] or None
    return shown, email[:ORGANISER_MAX] if email else None


def _decoded(event: Component, name: str) -> Any:
    try:
        return event.decoded(name)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None


def _first(value: Any) -> Any:
    """A property given several times counts once: the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _in_range(value: date) -> None:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise InvitationError(_out_of_range(value.year))


def _out_of_range(year: int) -> str:
    return tr(
        "The appointment's year, {year}, is not one the dossier takes (from {low} to {high}).",
        year=year,
        low=YEAR_MIN,
        high=YEAR_MAX,
    )


__all__ = ["DESCRIPTION_MAX", "Proposal", "proposal_from"]
