"""A study's own details to edit: its case, its description, notes, and whether to bring it
to the next consultation. The rest comes from the disc and stays as the hospital wrote it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ...core.i18n import tr
from ..session import Session
from ..widgets.form_pane import FormPane
from ..widgets.record_form import RecordForm

FIELDS = ("case_id", "description", "notes", "bring")


class StudyEdit(QDialog):
    """The study's form; saving (through the session, so it can be undone) closes it."""

    def __init__(
        self, session: Session, study: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("studyEdit")
        self.setWindowTitle(tr("Edit the imaging study"))
        self.form = RecordForm(session, "study", fields=FIELDS)
        self.form.set_record(study)
        self.form.saved.connect(lambda _change: self.accept())
        pane = FormPane(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(pane, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(560, min(400, screen.height() - 80))


__all__ = ["FIELDS", "StudyEdit"]
