"""The calm notice at the top of a dossier open for reading only, saying why, and the
message a change asked for anyway gets.

A dossier on a CD or a write-protected stick, or one whose database holds things this
program did not put there, is shown as usual (look, search, print, export) with this notice
above it: a headline in bold, the reason under it, and, when the check's repair can make
the dossier writable again, a button that opens the check. A change asked for anyway is
told the same reason in a message whose headline is one short sentence (see
:func:`show_refusal`), not a paragraph.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME
from ..core.i18n import tr
from ..core.read_only import ReadOnly, notice_lead, split_refusal


class ReadOnlyNotice(QWidget):
    """The notice for a dossier open for reading only; ``check_requested`` when its
    "Check the dossier…" button is pressed (a dossier with foreign things in it)."""

    check_requested = Signal()

    def __init__(self, read_only: ReadOnly, parent: QWidget | None = None) -> None:
        # Here, not at the top: the Qt namespace and QStyle cost 20 ms when first loaded,
        # and this module is loaded at every start (for show_refusal), the notice rarely.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout

        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setAccessibleName(tr("This dossier is open for reading only"))
        # Calm, not alarming: a soft tint of the window's own highlight, no red.
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = palette.color(QPalette.ColorRole.Highlight)
        palette.setColor(QPalette.ColorRole.Window, _mix(base, tint, 0.12))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) * 2
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            .pixmap(size, size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(notice_lead())
        self.title.setObjectName("readOnlyTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(window_reason(read_only))
        self.text.setObjectName("readOnlyNotice")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self.check_button: QPushButton | None = None
        if read_only.cause == "foreign":
            self.check_button = QPushButton(tr("Check the dossier…"))
            self.check_button.setObjectName("readOnlyCheck")
            self.check_button.setToolTip(
                tr("Look the dossier over; its Repair removes what was added")
            )
            self.check_button.clicked.connect(self.check_requested.emit)
            row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignVCenter)


def window_reason(read_only: ReadOnly) -> str:
    """Why, and what to do, in the window's words (the notice's button opens the check)."""
    if read_only.cause == "foreign":
        return (
            read_only.why
            + " "
            + tr(
                "The check's Repair removes them, after making a backup that keeps them.",
            )
        )
    return read_only.reason


def _mix(one: QColor, other: QColor, share: float) -> QColor:
    return QColor(
        round(one.red() * (1 - share) + other.red() * share),
        round(one.green() * (1 - share) + other.green() * share),
        round(one.blue() * (1 - share) + other.blue() * share),
    )


def show_refusal(parent: QWidget | None, message: str, read_only: ReadOnly | None = None) -> None:
    """Tell that a change was refused: the dossier's read-only headline in the message, the
    reason under it, in the window's words when ``read_only`` is given (any other core
    message as it is). Waits for OK."""
    lead, reason = split_refusal(message)
    if lead and read_only is not None:
        reason = window_reason(read_only)
    box = QMessageBox(parent)
    box.setObjectName("refusedChange")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(APP_NAME)
    box.setText(lead or reason)
    if lead and reason:
        box.setInformativeText(reason)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
    if shiboken6.isValid(box):  # gone with its window, if that closed meanwhile
        box.deleteLater()
