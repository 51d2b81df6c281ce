"""Names of linked records as lists and filters show them: a contact, an appointment."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject

from ...core import records
from ...core.clock import today
from ...core.errors import DossierError
from ...core.locale_format import day_month, medium_date
from ...core.records import Change
from ..formatting import day_text, time_text
from ..session import Session


def appointment_label(session: Session, appointment: dict[str, Any], *, short: bool = False) -> str:
    """'Thu 21 May 2026, 10:30 · Dr. Weiss' for filters; short: '21 May · Dr. Weiss'."""
    when = appointment["starts_at"]
    day = date.fromisoformat(when[:10])
    if short:
        text = day_month(day) if day.year == today().year else medium_date(day)
    else:
        text = day_text(day) + ", " + time_text(when[11:16])
    who = ""
    if appointment.get("contact_id") is not None:
        try:
            who = str(
                records.get(
                    session.dossier, "contact", appointment["contact_id"], include_deleted=True
                )["name"]
            )
        except DossierError:
            who = ""
    return f"{text} · {who}" if who else text


class ContactNames(QObject):
    """Names of contacts for the lists, read when they change, never while painting.

    Make it before the lists that show it: it then hears of a change first, and the
    names are fresh before the lists reload.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._names: dict[int, str] = {}
        self._read()
        session.changed.connect(self._read)
        session.reloaded.connect(self._read)

    def of(self, record: dict[str, Any]) -> str:
        """The name of the record's contact (``contact_id``), or "" (a column's text)."""
        contact_id = record.get("contact_id")
        return self._names.get(contact_id, "") if contact_id is not None else ""

    def _read(self, change: Change | None = None) -> None:
        if change is None or change.entity == "contact":
            everyone = records.list_records(self.session.dossier, "contact", include_deleted=True)
            self._names = {c["id"]: str(c["name"]) for c in everyone}
