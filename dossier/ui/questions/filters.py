"""The Questions page's filters: the case, the appointment, unanswered only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from ...core import records
from ...core.i18n import tr
from ..models.names import appointment_label
from ..models.questions import ALL, NONE
from ..session import Session
from ..widgets.flow_layout import FlowLayout, flowing


class QuestionFilters(QWidget):
    """Which questions the list shows. The appointments offered are those of the case chosen."""

    changed = Signal()  # the person chose another filter

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._quiet = False  # filling the choices in: not a choice of the person's
        self.case_filter = QComboBox()
        self.case_filter.setObjectName("caseFilter")
        self.case_filter.setAccessibleName(tr("Show the questions of this case"))
        self.case_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # Short minimums: the choices stretch when there is room, and with large text the
        # page still fits a 1366-pixel screen.
        self.case_filter.setMinimumContentsLength(10)
        self.appointment_filter = QComboBox()
        self.appointment_filter.setObjectName("appointmentFilter")
        self.appointment_filter.setAccessibleName(tr("Show the questions for this appointment"))
        self.appointment_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.appointment_filter.setMinimumContentsLength(14)
        self.unanswered = QCheckBox(tr("&Unanswered only"))
        self.unanswered.setObjectName("unansweredOnly")
        case_label = QLabel(tr("&Case:"))
        case_label.setBuddy(self.case_filter)
        appointment_label_widget = QLabel(tr("&Appointment:"))
        appointment_label_widget.setBuddy(self.appointment_filter)

        # Each choice with its label; on more lines when the page is narrow.
        layout = FlowLayout(self, spacing=12)
        layout.addWidget(flowing([case_label, self.case_filter]))
        layout.addWidget(flowing([appointment_label_widget, self.appointment_filter]))
        layout.addWidget(self.unanswered)

        self.refill()
        self.case_filter.currentIndexChanged.connect(self._on_case_chosen)
        for combo in (self.case_filter, self.appointment_filter):  # the whole name, if cut
            combo.currentTextChanged.connect(combo.setToolTip)
        self.appointment_filter.currentIndexChanged.connect(lambda _i: self._changed())
        self.unanswered.toggled.connect(lambda _on: self._changed())

    # What is chosen -------------------------------------------------------------------
    def case_id(self) -> int | None:
        """The case chosen, or None for all cases."""
        value = self.case_filter.currentData()
        return int(value) if value is not None else None

    def appointment(self) -> int | str:
        """The appointment chosen (its id), or ALL, or NONE (questions for no appointment)."""
        value = self.appointment_filter.currentData()
        return value if value is not None else ALL

    def unanswered_only(self) -> bool:
        return self.unanswered.isChecked()

    # Filling the choices in -------------------------------------------------------------
    def refill(self) -> None:
        """Read the cases and appointments again, keeping what is chosen where it still is."""
        case = self.case_filter.currentData()
        appointment = self.appointment_filter.currentData()
        self._quiet = True
        try:
            self.case_filter.clear()
            self.case_filter.addItem(tr("All cases"), None)
            for record in records.list_records(self.session.dossier, "case"):
                self.case_filter.addItem(record["title"], record["id"])
            self.case_filter.setCurrentIndex(max(0, self.case_filter.findData(case)))
            self._fill_appointments(appointment)
        finally:
            self._quiet = False

    def show_appointment(self, appointment_id: int) -> None:
        """Choose one appointment (and its case), without announcing it."""
        record = records.get(self.session.dossier, "appointment", appointment_id)
        self._quiet = True
        try:
            self.case_filter.setCurrentIndex(
                max(0, self.case_filter.findData(record.get("case_id")))
            )
            self._fill_appointments(appointment_id)
        finally:
            self._quiet = False

    def _fill_appointments(self, keep: int | str | None) -> None:
        case_id = self.case_filter.currentData()
        self.appointment_filter.clear()
        self.appointment_filter.addItem(tr("All appointments"), ALL)
        self.appointment_filter.addItem(tr("Not for an appointment yet"), NONE)
        for record in records.list_records(self.session.dossier, "appointment", case_id=case_id):
            self.appointment_filter.addItem(appointment_label(self.session, record), record["id"])
        found = self.appointment_filter.findData(keep if keep is not None else ALL)
        self.appointment_filter.setCurrentIndex(max(0, found))

    def _on_case_chosen(self) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self._fill_appointments(self.appointment_filter.currentData())
        finally:
            self._quiet = False
        self.changed.emit()

    def _changed(self) -> None:
        if not self._quiet:
            self.changed.emit()
