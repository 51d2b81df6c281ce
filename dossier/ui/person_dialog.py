"""The person's details (name, date of birth, insurer, allergies…) and their medicines, in a
dialog of two tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from ..core import records
from ..core.i18n import tr
from .person_medicines import MedicinesPanel
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
        self.medicines = MedicinesPanel(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")
        self.tabs.addTab(pane, tr("Details"))
        self.tabs.addTab(self.medicines, tr("Medicines"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() - 80), min(640, screen.height() - 80))

    def show_medicines(self) -> None:
        """Open on the Medicines tab."""
        self.tabs.setCurrentWidget(self.medicines)
