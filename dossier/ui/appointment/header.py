"""The top of appointment mode: who and when, where and why, the saving status (with
"Put it back" after a question was taken off the list), full screen, leaving."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import records
from ...core.bidi import isolate
from ...core.errors import DossierError
from ...core.i18n import is_right_to_left, tr
from ...core.storage import Dossier
from ..formatting import datetime_text

RIGHT_TO_LEFT_MARK = "\u200f"  # a line's direction where its first letter is Latin


class AppointmentHeader(QWidget):
    """The appointment's heading and details, a status line that says what was saved,
    the keys to use, and the button that leaves."""

    def __init__(
        self,
        dossier: Dossier,
        appointment: dict[str, Any],
        heading_font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        heading = QLabel(self._heading(dossier, appointment))
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        heading.setFont(heading_font)
        about = QLabel(self._about(appointment))
        about.setObjectName("about")
        about.setWordWrap(True)
        about.setVisible(bool(about.text()))
        self.status = QLabel(tr("Everything you type is saved at once."))
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Saving"))
        self.put_back_button = QPushButton(tr("Put it back"))
        self.put_back_button.setObjectName("putBack")
        self.put_back_button.setAutoDefault(False)
        self.put_back_button.hide()
        self.leave_button = QPushButton(tr("Leave appointment mode"))
        self.leave_button.setObjectName("leave")
        self.leave_button.setAutoDefault(False)
        self.full_screen_button = QPushButton(tr("Full screen"))
        self.full_screen_button.setObjectName("fullScreen")
        self.full_screen_button.setAutoDefault(False)
        self.full_screen_button.setToolTip(tr("Fill the whole screen (F11)"))
        keys = tr(
            "Enter: next question · Shift+Enter: new line · Tab: next box · "
            "F11: full screen · Esc: leave (everything is saved)"
        )
        # It starts with a key's name: without the mark, Hebrew would read it left to right.
        hint = QLabel(RIGHT_TO_LEFT_MARK + keys if is_right_to_left() else keys)
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.full_screen_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        status_line = QHBoxLayout()
        status_line.addWidget(self.status, 1)
        status_line.addWidget(self.put_back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 4)
        layout.addLayout(top)
        layout.addWidget(about)
        layout.addLayout(status_line)
        layout.addWidget(hint)

    def _heading(self, dossier: Dossier, appointment: dict[str, Any]) -> str:
        who = ""
        if appointment.get("contact_id") is not None:
            try:
                contact = records.get(
                    dossier, "contact", appointment["contact_id"], include_deleted=True
                )
                who = str(contact["name"])
            except DossierError:
                who = ""
        when = datetime_text(appointment["starts_at"])
        return (
            tr("Appointment with {who}, {when}", who=isolate(who), when=when)
            if who
            else tr("Appointment, {when}", when=when)
        )

    def _about(self, appointment: dict[str, Any]) -> str:
        lines = []
        if appointment.get("location"):
            lines.append(tr("Where: {place}", place=isolate(appointment["location"])))
        if appointment.get("purpose"):
            lines.append(tr("Why: {purpose}", purpose=isolate(appointment["purpose"])))
        return "\n".join(lines)


__all__ = ["AppointmentHeader"]
