"""The small window shown while a disc is read, added or copied: what is happening, how far
it is ("Reading the disc: 120 of 412 files"), and Stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from ...core.i18n import tr
from ..widgets.common import progress_parts, task_layout
from .dialog_size import wide_enough


class DiscProgress(QDialog):
    """Progress of one step of a disc's journey; :attr:`stop_asked` when Stop is pressed."""

    stop_asked = Signal()

    def __init__(
        self, title: str, parent: QWidget | None = None, *, stoppable: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("discProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.heading, self.status, self.bar = progress_parts("disc", tr("Progress"))
        self.heading.setText(title)
        self.stop_button = QPushButton(tr("Stop"))
        self.stop_button.setObjectName("stopDisc")
        self.stop_button.clicked.connect(self._stop)
        self.stop_button.setVisible(stoppable)
        self.stop_button.setEnabled(stoppable)
        task_layout(self, (self.heading, self.status, self.bar), [], right=[self.stop_button])
        wide_enough(self, 60)
        self.bar.setRange(0, 0)  # busy until the first count

    def show_step(self, text: str, done: int, total: int) -> None:
        self.status.setText(text)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.status.setText(tr("Stopping…"))
        self.stop_asked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is Stop (it closes itself once the work has stopped)."""
        if self.stop_button.isEnabled():
            self._stop()
        event.ignore()

    def reject(self) -> None:  # Escape
        if self.stop_button.isEnabled():
            self._stop()

    def finish(self) -> None:
        """The work has ended: the window goes."""
        self.hide()
        self.deleteLater()


__all__ = ["DiscProgress"]
