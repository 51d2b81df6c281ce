"""Whom a letter goes to, in its print dialog: the contact the letter suggests for the
case (the second doctor, the first doctor, the family doctor), or any other contact."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...core import records
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.reports.common import contact_name
from ...core.reports.letters import suggested_recipient
from ...core.storage import Dossier


def _label(dossier: Dossier, contact_id: int) -> str:
    return contact_name(dossier, contact_id) or tr("Contact {id}", id=contact_id)


class RecipientChoice(QComboBox):
    """The suggested contact first (or "Dear Doctor" when the case suggests none), then
    every contact by name; :meth:`contact_id` is None for the suggestion."""

    def __init__(self, dossier: Dossier, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printRecipient")
        self.setAccessibleName(tr("To whom"))
        self.dossier = dossier
        self.kind = kind

    def fill(self, case_id: int | None) -> None:
        """The suggestion for ``case_id`` first, chosen; then every contact."""
        self.blockSignals(True)
        try:
            self.clear()
            suggested = None
            if case_id is not None:
                try:
                    suggested = suggested_recipient(self.dossier, self.kind, case_id)
                except DossierError:
                    suggested = None
            if suggested is not None:
                self.addItem(tr("{name} (suggested)", name=_label(self.dossier, suggested)), None)
            else:
                self.addItem(tr("No one in particular (“Dear Doctor”)"), None)
            contacts = sorted(
                records.list_records(self.dossier, "contact"),
                key=lambda c: ((c.get("name") or "").casefold(), c["id"]),
            )
            for contact in contacts:
                if contact["id"] != suggested:
                    self.addItem(_label(self.dossier, contact["id"]), contact["id"])
            self.setCurrentIndex(0)
        finally:
            self.blockSignals(False)

    def contact_id(self) -> int | None:
        """The contact chosen; None for the suggestion."""
        value = self.currentData()
        return None if value is None else int(value)
