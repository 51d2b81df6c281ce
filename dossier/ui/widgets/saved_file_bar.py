"""The calm bar that says a file was saved, and where: its name, its folder, with "Open"
(in the person's usual program for it) and "Show in folder", and a button to put it away.

As a well-made notes app does after an export: the window stays as it was, nothing to
click away, and the way to the file is one click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.i18n import tr
from ..system_files import open_with_system, show_in_folder
from .elided_label import ElidedLabel


class SavedFileBar(QFrame):
    """Hidden until :meth:`show_saved`; then "Saved: <name>", "In <folder>", Open and
    Show in folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedFileBar")
        self.setAccessibleName(tr("The file was saved"))
        self.path: Path | None = None
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = palette.color(QPalette.ColorRole.Highlight)
        palette.setColor(QPalette.ColorRole.Window, _mix(base, tint, 0.12))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        self.title = ElidedLabel()
        self.title.setObjectName("savedFileName")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.folder = ElidedLabel()
        self.folder.setObjectName("savedFileFolder")
        self.problem = QLabel()
        self.problem.setObjectName("savedFileProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.open_button = QPushButton(tr("Open"))
        self.open_button.setObjectName("savedFileOpen")
        self.open_button.setAutoDefault(False)
        self.folder_button = QPushButton(tr("Show in folder"))
        self.folder_button.setObjectName("savedFileShowFolder")
        self.folder_button.setAutoDefault(False)
        self.close_button = QPushButton(tr("Done"))
        self.close_button.setObjectName("savedFileDone")
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(tr("Put this message away"))

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.folder)
        words.addWidget(self.problem)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.setSpacing(8)
        row.addLayout(words, 1)
        for button in (self.open_button, self.folder_button, self.close_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_saved(self, path: Path) -> None:
        """Say that ``path`` was just saved, and offer to open it or its folder."""
        self.path = Path(path)
        name, folder = isolate(self.path.name), isolate(str(self.path.parent))
        self.title.set_full_text(tr("Saved: {name}", name=name))
        self.folder.set_full_text(tr("In {folder}", folder=folder))
        self.problem.hide()
        self.setAccessibleDescription(tr("{name} was saved in {folder}", name=name, folder=folder))
        self.show()

    def open_file(self) -> None:
        if self.path is None:
            return
        if not self.path.exists():
            self._say(tr("The file is no longer there: it was moved or deleted."))
        elif not open_with_system(self.path):
            self._say(
                tr("No program was found to open this file. It is saved in the folder above.")
            )

    def show_folder(self) -> None:
        if self.path is None:
            return
        if not self.path.parent.is_dir():
            self._say(tr("The folder is no longer there: it was moved or deleted."))
        elif not show_in_folder(self.path):
            self._say(tr("The folder could not be opened. Its place is shown above."))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
