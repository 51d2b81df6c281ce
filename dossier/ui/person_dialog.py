"""The person's details (name, date of birth, insurer, medications, allergies) in a dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ..core import records
from ..core.i18n import tr
from .session import Session
from .widgets.form_pane import FormPane
from .widgets.record_form import RecordForm


class PersonDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Person's details"))
        self.form = RecordForm(session, "person")
        self.form.set_record(records.get(session.dossier, "person", 1))
        self.form.saved.connect(lambda _change: self.accept())
        # The fields scroll, Save stays in sight: with large text the form is taller
        # than a small screen.
        pane = FormPane(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(pane, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(560, min(640, screen.height() - 80))
