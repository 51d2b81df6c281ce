"""The recovery key of a dossier, shown once, large, with Print… and Save as PDF… for its
sheet, and a tick "I have printed or saved it" before going on.

"Later" (or closing) is allowed after a warning: the dossier opens as usual, and a new
sheet can be printed at any time (Dossier → Print a New Recovery Sheet…). While this
dialog is open the window does not lock by itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.crypto.recovery import RecoveryKey
from ...core.i18n import tr
from ...core.storage import Dossier
from ..widgets.record_form import FIELD_ERROR_STYLE
from ..widgets.saved_file_bar import SavedFileBar
from .busy_line import BusyLine
from .fit import keep_fitting
from .recovery_entry import PER_ROW
from .sheet_printing import SheetPrinter

KEY_SCALE = 1.8


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class KeyDisplay(QFrame):
    """The 8 groups of the key in two rows of four, each under its number, as on the sheet."""

    def __init__(self, recovery: RecoveryKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKey")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Recovery key"))
        self.setAccessibleDescription(recovery.text)
        digits = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        digits.setPointSizeF(self.font().pointSizeF() * KEY_SCALE)
        digits.setBold(True)
        numbers = QFont(self.font())
        grid = QGridLayout(self)
        grid.setContentsMargins(20, 12, 20, 12)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(2)
        self.groups: list[QLabel] = []
        for index, group in enumerate(recovery.groups):
            number = QLabel(str(index + 1))
            number.setFont(numbers)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setStyleSheet("color: palette(placeholder-text);")
            shown = QLabel(group)
            shown.setObjectName(f"recoveryKeyGroup{index + 1}")
            shown.setFont(digits)
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row, column = divmod(index, PER_ROW)
            if row:  # room between the first row's digits and the second row's numbers
                number.setContentsMargins(0, 10, 0, 0)
            grid.addWidget(number, 2 * row, column)
            grid.addWidget(shown, 2 * row + 1, column)
            self.groups.append(shown)


class RecoveryKeyDialog(QDialog):
    """Shows ``recovery``, the recovery key just made for ``dossier`` (``replacing``: a new
    one for a dossier that had one)."""

    def __init__(
        self,
        dossier: Dossier,
        recovery: RecoveryKey,
        parent: QWidget | None = None,
        *,
        replacing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(tr("Recovery sheet"))
        heading = QLabel(
            tr("Your new recovery sheet") if replacing else tr("Print the recovery sheet now")
        )
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        heading.setWordWrap(True)
        intro = _words(
            tr(
                "If the passphrase is ever forgotten, this recovery key opens the dossier. It "
                "is shown only now: print the sheet, or save it as a PDF and print it later. "
                "Keep it with your important papers, not with the computer."
            )
        )
        self.old_note = _words(
            tr("The old recovery sheet no longer works: destroy it once this one is printed.")
        )
        self.old_note.setVisible(replacing)
        self.key = KeyDisplay(recovery)

        self.printer = SheetPrinter(dossier, recovery, self)
        self.print_button = QPushButton(tr("Print…"))
        self.print_button.setObjectName("printSheet")
        self.print_button.setMinimumHeight(36)
        self.print_button.clicked.connect(self.printer.preview)
        self.save_button = QPushButton(tr("Save as PDF…"))
        self.save_button.setObjectName("saveSheet")
        self.save_button.setMinimumHeight(36)
        self.save_button.clicked.connect(self.printer.save)
        for button in (self.print_button, self.save_button):
            button.setAutoDefault(False)
        self.busy = BusyLine()
        self.printer.busy_changed.connect(self._busy)
        self.problem = _words("")
        self.problem.setStyleSheet(FIELD_ERROR_STYLE)
        self.problem.hide()
        self.printer.failed.connect(self._failed)
        self.saved_bar = SavedFileBar()
        self.saved_note = _words(
            tr(
                "The saved file opens the dossier just as the paper does: print it, then keep "
                "the file as safely as the sheet (on a USB stick in a drawer), or delete it."
            )
        )
        self.saved_note.hide()
        self.printer.saved.connect(self._saved)

        self.done_box = QCheckBox(tr("I have printed the recovery sheet or saved it"))
        self.done_box.setObjectName("sheetDone")
        self.buttons = QDialogButtonBox()
        self.later_button = self.buttons.addButton(
            tr("Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setObjectName("sheetLater")
        self.continue_button = self.buttons.addButton(
            tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setObjectName("sheetContinue")
        self.continue_button.setEnabled(False)
        self.done_box.toggled.connect(self.continue_button.setEnabled)
        self.done_box.toggled.connect(self._ticked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.old_note)
        layout.addWidget(self.key, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(actions)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addWidget(self.saved_bar)
        layout.addWidget(self.saved_note)
        layout.addSpacing(8)
        layout.addWidget(self.done_box)
        layout.addWidget(self.buttons)
        keep_fitting(self)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(max(44 * em, self.key.sizeHint().width() + 48))
        self.print_button.setDefault(True)  # Enter prints; once ticked, Enter goes on
        self.print_button.setFocus()

    def _ticked(self, done: bool) -> None:
        (self.continue_button if done else self.print_button).setDefault(True)

    def _busy(self, busy: bool) -> None:
        if busy:
            self.problem.hide()
            self.busy.start(tr("Making the recovery sheet…"))
        else:
            self.busy.stop()
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _failed(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _saved(self, path: Path) -> None:
        self.saved_bar.show_saved(path)
        self.saved_note.show()
        self.done_box.setChecked(True)

    def done(self, result: int) -> None:
        """Close the previews of the sheet too: each removes its copy of the file."""
        from ..printing.preview import PreviewWindow

        for preview in self.findChildren(PreviewWindow):
            preview.close()
        super().done(result)

    def reject(self) -> None:
        """Later (or closing): allowed once the person has read what it means."""
        if self.done_box.isChecked() or self.confirm_later():
            super().reject()

    def confirm_later(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Recovery sheet"),
            tr(
                "Without the recovery sheet, a forgotten passphrase cannot be helped: nobody "
                "can open the dossier, not even us."
            ),
            parent=self,
        )
        box.setObjectName("sheetLaterWarning")
        box.setInformativeText(
            tr("You can print a new sheet at any time: Dossier → Print a New Recovery Sheet…")
        )
        later = box.addButton(tr("Print it later"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(tr("Back to the sheet"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is later


def show_recovery_key(
    parent: QWidget, dossier: Dossier, recovery: RecoveryKey, *, replacing: bool = False
) -> None:
    """Show the recovery key dialog until the person goes on."""
    dialog = RecoveryKeyDialog(dossier, recovery, parent, replacing=replacing)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
