"""The progress of protecting a dossier or removing its protection: files done of all,
and Stop (which ends it before the dossier changes, leaving it as it was)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import ntr, tr


class ConversionProgress(QDialog):
    """Window-modal while the work runs; it cannot be closed but by the work's end."""

    stop_asked = Signal()

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversionProgress")
        self.setWindowTitle(heading)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.note = QLabel(
            tr("The dossier is closed until this is done. Please leave the computer on.")
        )
        self.note.setWordWrap(True)
        self.count = QLabel(tr("Preparing…"))
        self.count.setObjectName("conversionCount")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving until the first file is done
        self.bar.setTextVisible(False)
        self.buttons = QDialogButtonBox()
        self.stop_button = self.buttons.addButton(
            tr("Stop"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.stop_button.setObjectName("conversionStop")
        self.stop_button.clicked.connect(self._stop)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.count)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(36 * em)

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.count.setText(
            ntr("{done} of {n} file done", "{done} of {n} files done", total, done=done)
        )

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.count.setText(tr("Stopping…"))
        self.stop_asked.emit()

    def finish(self) -> None:
        """The work has ended: close for good."""
        super().done(QDialog.DialogCode.Accepted)

    def done(self, result: int) -> None:  # Escape and the close button: Stop instead
        if self.stop_button.isEnabled():
            self._stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.done(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.done(0)
            return
        super().keyPressEvent(event)
