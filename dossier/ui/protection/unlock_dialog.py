"""The dialog that asks for the passphrase of a protected dossier as the window opens it.

The person's name is inside the encrypted database, so the dialog names the dossier by
its folder. A wrong passphrase is said in the dialog, which stays open; only a damaged
dossier is ever offered a backup (that is the window's other path, not this one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.crypto.unlock import lock
from ...core.i18n import tr
from ..widgets.common import cancel_and_ok
from .fit import fit_height, keep_fitting
from .unlock_panel import NEW, PASSPHRASE, RECOVERY, UnlockPanel


class UnlockDialog(QDialog):
    """Accepted once the dossier in ``folder`` is unlocked (its key kept for opening it)."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(tr("Open a protected dossier"))
        self.folder = Path(folder).absolute()
        self._cancelled = False
        self.heading = QLabel(
            tr(
                "The dossier “{name}” is protected with a passphrase.",
                name=isolate(self.folder.name),
            )
        )
        self.heading.setObjectName("unlockHeading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setToolTip(str(self.folder))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.panel = UnlockPanel(self.folder)
        self.panel.unlocked.connect(self._unlocked)
        self.buttons, self.ok = cancel_and_ok(self, tr("Open"), "unlockOk")
        self.panel.step_changed.connect(self._step_changed)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)  # once in the dialog: before, the dialog would not know
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(40 * em)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squashed
        keep_fitting(self)
        self._step_changed(self.panel.step)

    def _step_changed(self, step: str) -> None:
        self.intro.setText(tr("Type its passphrase to open it."))
        self.intro.setVisible(step == PASSPHRASE)  # the other steps say what to do
        self.ok.setText(
            {
                PASSPHRASE: tr("Open"),
                RECOVERY: tr("Check the recovery key"),
                NEW: tr("Set the passphrase and open"),
            }[step]
        )
        QTimer.singleShot(0, self, self._fit)  # to the step's own size, once laid out

    def _fit(self) -> None:
        self.adjustSize()
        fit_height(self)

    def accept(self) -> None:
        self.panel.submit()  # the dialog closes once the panel says it is unlocked

    def _unlocked(self) -> None:
        if self._cancelled:
            lock(self.folder)
            return
        super().accept()

    def reject(self) -> None:
        """Cancel: the dossier stays locked, also when a check was still running (its key
        is forgotten as soon as it ends)."""
        self._cancelled = True
        if self.panel.task is not None:
            folder = self.folder
            self.panel.task.ended.connect(lambda: lock(folder))
        elif self.panel.key is not None:  # opened by the recovery key, no new passphrase
            lock(self.folder)
        super().reject()


def ask_to_unlock(parent: QWidget | None, folder: Path) -> bool:
    """Ask for the passphrase of the protected dossier in ``folder``; True once unlocked."""
    dialog = UnlockDialog(folder, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
