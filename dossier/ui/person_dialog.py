"""The person's details (name, date of birth, insurer, medications, allergies) in a dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ..core import records
from .session import Session
from .widgets.record_form import RecordForm


class PersonDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Person's details"))
        self.form = RecordForm(session, "person")
        self.form.set_record(records.get(session.dossier, "person", 1))
        self.form.saved.connect(lambda _change: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(560, 640)
