"""Before an invitation's appointment is added: what it will add, and to which case.

Each appointment the invitation proposes: its day and time (in this computer's time, and
as the invitation wrote it when its zone is another), its place, its purpose, who sent it
and what else it says; one already in the dossier is named and not added again. Then
what was left out and why, the case and the doctor to link it to, and "Add appointment",
which adds it through the session (so Undo takes it back). Cancel adds nothing. A
cancellation is shown as one, with nothing to add.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.entities import ENTITIES
from ...core.errors import DossierError
from ...core.history import ChangeGroup
from ...core.i18n import ntr, tr
from ...core.ical.invitation import (
    Invitation,
    Proposal,
    add_invitation,
    already_there,
    cancellation_text,
    suggested_contact,
    when,
)
from ...core.records import Change
from ..formatting import shown_date
from ..session import Session
from ..widgets.labels import heading_label, text_label


class InvitationDialog(QDialog):
    """Shows ``invitation`` (read from the file named ``name``); adds it when accepted."""

    def __init__(
        self, session: Session, invitation: Invitation, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invitationDialog")
        self.setWindowTitle(tr("Add an Appointment from an Invitation"))
        self.session = session
        self.invitation = invitation
        self.change: Change | None = None  # what was added, once accepted
        dossier = session.dossier
        self.there = already_there(dossier, invitation)
        new = len(invitation.proposals) - len(self.there)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        if invitation.cancellation:
            layout.addWidget(heading_label(tr("A cancellation"), "invitationHeading"))
            message = cancellation_text(dossier, invitation)
        else:
            layout.addWidget(
                heading_label(
                    ntr(
                        "This invitation adds an appointment",
                        "This invitation adds {n} appointments",
                        max(new, 1),
                    ),
                    "invitationHeading",
                )
            )
            message = ""
        source = text_label(name, "invitationFile")
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source)
        if message:
            layout.addWidget(text_label(message, "cancellationText"))
        else:
            layout.addWidget(self._proposals(), 1)
        notes = invitation.notes()
        if notes:
            layout.addWidget(text_label(tr("Left out:"), "leftOutHeading"))
            self.left_out = text_label("\n".join(f"• {note}" for note in notes), "leftOut")
            layout.addWidget(self.left_out)

        self.case = QComboBox()
        self.case.setObjectName("invitationCase")
        self.case.addItem(tr("(none)"), None)
        cases = records.list_records(dossier, "case")
        for case in cases:
            self.case.addItem(records.label_of(ENTITIES["case"], case, shown_date), case["id"])
        open_cases = [c for c in cases if c.get("status") == "open"]
        if len(open_cases) == 1:
            self.case.setCurrentIndex(self.case.findData(open_cases[0]["id"]))
        self.contact = QComboBox()
        self.contact.setObjectName("invitationContact")
        self.contact.addItem(tr("(none)"), None)
        for contact in records.list_records(dossier, "contact"):
            self.contact.addItem(records.label_of(ENTITIES["contact"], contact), contact["id"])
        suggested = suggested_contact(dossier, invitation)
        if suggested is not None:
            self.contact.setCurrentIndex(self.contact.findData(suggested))
        if not invitation.cancellation:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.addRow(tr("Case:"), self.case)
            form.addRow(tr("With whom:"), self.contact)
            layout.addLayout(form)

        self.message = text_label("", "invitationMessage")
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            ntr("Add appointment", "Add {n} appointments", max(new, 1)),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.add_button.setObjectName("addAppointment")
        self.add_button.setEnabled(new > 0 and not invitation.cancellation)
        self.add_button.setVisible(not invitation.cancellation)
        if invitation.cancellation or new == 0:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Close"))
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.add_button.setDefault(True)  # once in the dialog, else Enter may press Cancel
        self.resize(max(620, self.fontMetrics().averageCharWidth() * 80), self.sizeHint().height())

    def _proposals(self) -> QWidget:
        listed = QWidget()
        column = QVBoxLayout(listed)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        for index, proposal in enumerate(self.invitation.proposals):
            column.addWidget(self._proposal(proposal, self.there.get(index)))
        column.addStretch(1)
        if len(self.invitation.proposals) == 1:
            return listed
        scroll = QScrollArea()
        scroll.setObjectName("invitationAppointments")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(listed)
        return scroll

    def _proposal(self, proposal: Proposal, existing: int | None) -> QWidget:
        box = QFrame()
        box.setObjectName("invitationAppointment")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        moment = when(proposal)
        if proposal.written_as:
            # Translators: the time here, then as the invitation wrote it in its own zone.
            moment = tr(
                "{when} (in the invitation: {written})", when=moment, written=proposal.written_as
            )
        form.addRow(tr("When:"), text_label(moment, "invitationWhen"))
        form.addRow(
            tr("Where:"), text_label(proposal.location or tr("(not said)"), "invitationWhere")
        )
        form.addRow(tr("Purpose:"), text_label(proposal.purpose(), "invitationPurpose"))
        if proposal.organiser:
            form.addRow(tr("From:"), text_label(proposal.organiser, "invitationFrom"))
        details = proposal.details()
        if details:
            text = QPlainTextEdit(details)
            text.setObjectName("invitationDetails")
            text.setReadOnly(True)
            text.setAccessibleName(tr("Preparation"))
            text.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
            form.addRow(tr("Preparation:"), text)
        if existing is not None:
            form.addRow(
                text_label(
                    tr(
                        "Already in the dossier as appointment {id}: it is not added again.",
                        id=existing,
                    ),
                    "invitationAlreadyThere",
                )
            )
        return box

    def add(self) -> None:
        """Add the appointments (one step to undo); on a refusal say why and stay open."""
        case_id, contact_id = self.case.currentData(), self.contact.currentData()
        change = self.session.apply(
            lambda d: add_invitation(d, self.invitation, case_id, contact_id), self._refused
        )
        if change is not None:
            self.change = change
            self.accept()

    def _refused(self, error: DossierError) -> None:
        self.message.setText(error.message)
        self.message.show()

    def added_ids(self) -> list[int]:
        """The numbers of the appointments added (none before the dialog was accepted)."""
        if self.change is None:
            return []
        parts = self.change.parts if isinstance(self.change, ChangeGroup) else [self.change]
        return [part.id for part in parts]


__all__ = ["InvitationDialog"]
