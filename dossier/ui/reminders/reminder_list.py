"""A calm panel of reminders: a heading, each reminder in a line with its Open button, and
"Got it" to put it away. Never a dialog: the window goes on working around it.

The Overview shows one for what fell due while the program was closed
(:mod:`.missed_panel`); a desktop without a system tray shows one at the top of the window
for each reminder as it falls due (:mod:`.controller`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import ntr, tr
from ...core.reminders import Reminder
from ..widgets.labels import text_label

MAX_ROWS = 8  # reminders listed; the rest are counted ("and 3 more, in the Calendar")


class ReminderPanel(QFrame):
    """``heading`` over the reminders given to :meth:`add`; ``open_item(entity, id)``
    when one's Open is pressed, ``dismissed`` when "Got it" is."""

    open_item = Signal(str, int)
    dismissed = Signal()

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(heading)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        palette = self.palette()  # calm: the cards' own background, no warning colour
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.reminders: list[Reminder] = []
        self.heading = text_label(heading, "reminderHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.more = text_label("", "reminderMore")
        self.more.hide()
        self.got_it = QPushButton(tr("Got it"))
        self.got_it.setObjectName("reminderGotIt")
        self.got_it.setAutoDefault(False)
        self.got_it.setToolTip(tr("Put these reminders away"))
        self.got_it.clicked.connect(self.dismiss)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.got_it, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(top)
        layout.addLayout(self.rows)
        layout.addWidget(self.more)

    def add(self, reminders: Sequence[Reminder]) -> None:
        """List ``reminders`` too (one already listed is not listed twice)."""
        listed = {r.key for r in self.reminders}
        for reminder in reminders:
            if reminder.key in listed:
                continue
            listed.add(reminder.key)
            self.reminders.append(reminder)
            if len(self.reminders) <= MAX_ROWS:
                self.rows.addWidget(self._row(reminder))
        hidden = len(self.reminders) - MAX_ROWS
        if hidden > 0:
            self.more.setText(
                ntr("And {n} more, in the Calendar.", "And {n} more, in the Calendar.", hidden)
            )
        self.more.setVisible(hidden > 0)

    def open_buttons(self) -> list[QPushButton]:
        """The Open button of each reminder listed, in order."""
        return self.findChildren(QPushButton, "reminderOpen")

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _row(self, reminder: Reminder) -> QWidget:
        row = QWidget()
        line = text_label(reminder.text, "reminderText")
        if reminder.details:
            line.setToolTip(reminder.details)
        button = QPushButton(tr("Open"))
        button.setObjectName("reminderOpen")
        button.setAutoDefault(False)
        button.setAccessibleName(tr("Open: {reminder}", reminder=reminder.text))
        button.clicked.connect(
            lambda _checked=False: self.open_item.emit(reminder.entity, reminder.record_id)
        )
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(line, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row


__all__ = ["MAX_ROWS", "ReminderPanel"]
