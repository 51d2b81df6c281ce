"""How long each step of a plan takes: the person's numbers, for every case of the dossier,
and the working week the insurer's working days are counted in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.plan.durations import DEFAULTS, LIMITS, Durations, read_durations, save_durations
from ...core.plan.working_week import WEEKS, read_working_week, save_working_week, week_label
from ..session import Session


class DurationsDialog(QDialog):
    """A number of days for each step; Save stores them and every plan is worked out again."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("planDurationsDialog")
        self.setWindowTitle(tr("How long the steps take"))
        self.setMinimumWidth(460)
        intro = QLabel(
            tr(
                "The plan counts back from the decision deadline with these numbers. Change "
                "them when you know better, for example when the hospital says the records "
                "take three weeks. They are used for every case."
            )
        )
        intro.setWordWrap(True)
        current = read_durations(session.dossier)
        self.boxes: dict[str, QSpinBox] = {}
        form = QFormLayout()
        # A number below its words when both do not fit (large text, a longer language).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, (label, most) in LIMITS.items():
            box = QSpinBox()
            box.setObjectName(f"duration-{name}")
            box.setRange(0, most)
            box.setValue(getattr(current, name))
            box.setAccessibleName(tr(label))
            self.boxes[name] = box
            form.addRow(tr(label), box)
        self.week = QComboBox()
        self.week.setObjectName("workingWeek")
        self.week.setAccessibleName(tr("Working days of the week"))
        for key in WEEKS:
            self.week.addItem(week_label(key), key)
        self.week.setCurrentIndex(self.week.findData(read_working_week(session.dossier)))
        self.week.setToolTip(
            tr(
                "The insurer's working days are counted on these days: in Israel, Sunday to Thursday."
            )
        )
        form.addRow(tr("Working days of the week"), self.week)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText(tr("&Usual numbers"))
        defaults.clicked.connect(self.restore_defaults)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(buttons)

    def durations(self) -> Durations:
        return Durations(**{name: box.value() for name, box in self.boxes.items()})

    def restore_defaults(self) -> None:
        for name, box in self.boxes.items():
            box.setValue(getattr(DEFAULTS, name))

    def accept(self) -> None:
        try:
            save_durations(self.session.dossier, self.durations())
            save_working_week(self.session.dossier, str(self.week.currentData()))
        except DossierError as exc:  # a dossier open for reading only
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        self.session.notify_reloaded()
        super().accept()


__all__ = ["DurationsDialog"]
