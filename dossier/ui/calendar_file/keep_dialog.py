"""Dossier → Keep a Calendar File Up to Date…: where the dossier's calendar file is kept up
to date, a folder to choose for it, and a way to stop.

The folder is this computer's setting (dossier.core.ical.feed). For a dossier protected
with a passphrase the dialog says, before and after a folder is chosen, that the calendar
file is not encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.bidi import left_to_right
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.ical import feed
from ...core.storage import Dossier
from ..protection.fit import keep_fitting
from ..widgets.labels import heading_label, text_label
from .places import documents_folder

WARNING_STYLE = (
    "QLabel#calendarFileWarning { background: #fff1cc; color: #5c3b00;"
    " border: 2px solid #c98a00; border-radius: 4px; padding: 8px; font-weight: bold; }"
)
PROBLEM_STYLE = "QLabel#calendarFileProblem { color: #a40000; font-weight: bold; }"


class KeepCalendarDialog(QDialog):
    """Where the calendar file of ``dossier`` is kept; ``problem``: why the last write
    failed, if it did. ``written``: the file written here (a folder chosen), or None."""

    def __init__(self, dossier: Dossier, problem: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("keepCalendarDialog")
        self.setWindowTitle(tr("Keep a Calendar File Up to Date"))
        self.dossier = dossier
        self.written: Path | None = None
        heading = heading_label(tr("A calendar file kept up to date"), "calendarFileHeading")
        about = text_label(
            tr(
                "The program can keep a calendar file in a folder you choose, and write it "
                "again after every change. Subscribe to that file in your calendar program "
                "(Thunderbird, Evolution, Apple Calendar) and your appointments, decision "
                "deadlines and tasks due appear there, with their reminders. Outlook and "
                "online calendars cannot subscribe to a file on your computer: export a file "
                "for them instead. The folder is a setting of this computer, not of the "
                "dossier."
            ),
            "calendarFileAbout",
        )
        self.status = text_label("", "calendarFileStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = text_label(problem or "", "calendarFileProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setVisible(bool(problem))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        for widget in (heading, about, self.status, self.problem):
            layout.addWidget(widget)
        warning = feed.unprotected_warning(dossier)
        self.warning = text_label(warning or "", "calendarFileWarning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(warning is not None)
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.choose = QPushButton(tr("Choose a Folder…"))
        self.choose.setObjectName("chooseCalendarFolder")
        self.choose.clicked.connect(self.choose_folder)
        self.stop = QPushButton(tr("Stop Keeping It Up to Date"))
        self.stop.setObjectName("stopCalendarFile")
        self.stop.clicked.connect(self.stop_keeping)
        row.addWidget(self.choose)
        row.addWidget(self.stop)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show()
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(max(560, 40 * em))
        keep_fitting(self)  # as tall as its wrapped lines need (a problem said, too)

    def _show(self) -> None:
        kept = feed.get_feed(self.dossier.path)
        self.status.setText(
            tr(
                "The calendar file is kept up to date here:\n{path}",
                path=left_to_right(str(kept.path)),
            )
            if kept is not None
            else tr("No calendar file is kept up to date for this dossier.")
        )
        self.stop.setEnabled(kept is not None)
        self.choose.setText(tr("Choose Another Folder…") if kept else tr("Choose a Folder…"))

    def _say(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    def choose_folder(self) -> None:
        """Ask for a folder; keep the calendar file there (written at once)."""
        from PySide6.QtWidgets import QFileDialog

        kept = feed.get_feed(self.dossier.path)
        start = kept.folder if kept is not None else documents_folder()
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Choose a folder for the calendar file"), str(start)
        )
        if not chosen:
            return
        try:
            self.written = feed.set_feed(self.dossier, Path(chosen))
        except DossierError as exc:
            self._say(exc.message)
            return
        self._say(None)
        self._show()

    def stop_keeping(self) -> None:
        """Stop keeping the file up to date; it is left where it is, and the dialog says so."""
        try:
            stopped = feed.clear_feed(self.dossier.path)
        except DossierError as exc:
            self._say(exc.message)
            return
        self._show()
        if stopped is not None:
            self.status.setText(
                tr(
                    "The calendar file is no longer kept up to date. It is left where it is:\n"
                    "{path}\nDelete it, or remove it from your calendar program, when you no "
                    "longer want it.",
                    path=left_to_right(str(stopped.path)),
                )
            )
        self._say(None)


__all__ = ["KeepCalendarDialog"]
