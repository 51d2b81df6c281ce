"""The invitation dialog's picture: an invitation such as a hospital sends, to a repeating
appointment, made from the example dossier's own words (a place, a purpose, a doctor, a
preparation), so it reads in the example's language. Its time has no zone of its own, so
the picture is the same on every computer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core import records
from ...core.ical.invitation import read_invitation
from ..appointment.invitation_dialog import InvitationDialog
from .shots import Scene, shown


def _escaped(text: str) -> str:
    """``text`` as an iCalendar value: backslashes, commas, semicolons and line breaks."""
    for plain, written in (("\\", "\\\\"), (",", "\\,"), (";", "\\;"), ("\n", "\\n")):
        text = text.replace(plain, written)
    return text


def _first(rows: list[dict[str, Any]], field: str) -> str:
    return next((str(row[field]) for row in rows if row.get(field)), "")


def invitation_shot(scene: Scene) -> QWidget:
    assert scene.window.session is not None
    appointments = records.list_records(scene.dossier, "appointment")
    doctors = records.list_records(scene.dossier, "contact", equal={"role": "doctor"})
    doctor = _first(doctors, "name").replace('"', "")  # a quoted parameter holds no quote
    day = (date.fromisoformat(scene.today[:10]) + timedelta(days=36)).strftime("%Y%m%d")
    lines = (
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example Hospital//Appointments//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:screens-1@hospital.example",
        f"DTSTART:{day}T093000",
        f"DTEND:{day}T101500",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "SUMMARY:" + _escaped(_first(appointments, "purpose")),
        "LOCATION:" + _escaped(_first(appointments, "location")),
        f'ORGANIZER;CN="{doctor}":mailto:clinic@hospital.example',
        "DESCRIPTION:" + _escaped(_first(appointments, "preparation")),
        "END:VEVENT",
        "END:VCALENDAR",
    )
    invitation = read_invitation("".join(f"{line}\r\n" for line in lines).encode())
    dialog = InvitationDialog(scene.window.session, invitation, "appointment.ics", scene.window)
    return shown(scene, dialog)


__all__ = ["invitation_shot"]
