"""Copying a disc for the second doctor: which folder (an empty one, or a USB stick's), and
for whom. A folder that is not empty is offered a new folder inside it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...core import records
from ...core.entities import ENTITIES
from ...core.i18n import tr
from ...core.imaging.preview import series_slices
from ..formatting import shown_date
from ..session import Session
from .dialog_size import tall_enough, wide_enough
from .reading_side import window_side
from .study_text import size_text, study_counts, study_line

_UNSAFE = re.compile(r"[^\w .,()-]+")


def folder_name(study: dict[str, Any]) -> str:
    """A folder's name for the copy: "CT THORAX MET CONTRAST 2026-03-12"."""
    words = " ".join(str(w) for w in (study.get("description"), study.get("study_date")) if w)
    plain = _UNSAFE.sub("-", words).strip(" .-")[:60].strip()
    return plain or tr("Imaging disc")


def new_folder_in(parent: Path, name: str) -> Path:
    """``parent/name``, or ``parent/name (2)``… when that is taken."""
    candidate = parent / name
    number = 2
    while candidate.exists():
        candidate = parent / f"{name} ({number})"
        number += 1
    return candidate


def ask_copy_folder(parent: QWidget | None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, tr("Choose an empty folder, or your USB stick"), str(Path.home())
    )
    return Path(folder) if folder else None


class CopyDisc(QDialog):
    """The copy's folder and the contact it is for; :attr:`target` once accepted."""

    def __init__(
        self,
        session: Session,
        study: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("copyDiscDialog")
        self.setWindowTitle(tr("Copy the disc for the second doctor"))
        self.session = session
        self.study = study
        self.target: Path | None = None
        heading = QLabel(tr("Copy the disc for the second doctor"))
        heading.setObjectName("copyHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        window_side(heading)
        what = QLabel(
            tr(
                "{study}: {counts}, {size}",
                study=study_line(study),
                counts=study_counts(study),
                size=size_text(_size(session, study)),
            )
        )
        what.setObjectName("copyWhat")
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        window_side(what)
        intro = QLabel(
            tr(
                "The copy holds the hospital's original files, unchanged, and a DICOMDIR: the "
                "list every DICOM viewer opens first. Choose an empty folder, on a USB stick or "
                "one to burn onto a CD."
            )
        )
        intro.setObjectName("copyIntro")
        intro.setWordWrap(True)
        window_side(intro)
        self.folder = QLineEdit()
        self.folder.setObjectName("copyFolder")
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(tr("No folder chosen yet"))
        self.folder.setAccessibleName(tr("Folder for the copy"))
        self.choose_button = QPushButton(tr("Choose…"))
        self.choose_button.setObjectName("chooseCopyFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        self.contact = QComboBox()
        self.contact.setObjectName("copyFor")
        self.contact.addItem(tr("(no one in particular)"), None)
        for contact in records.list_records(session.dossier, "contact"):
            label = records.label_of(ENTITIES["contact"], contact, shown_date)
            self.contact.addItem(label, contact["id"])
        self.contact.setAccessibleName(tr("Who the copy is for"))
        note = QLabel(tr("The list of slides, films and discs records where the copy went."))
        note.setObjectName("copyNote")
        note.setWordWrap(True)
        window_side(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Folder:"), row)
        form.addRow(tr("For:"), self.contact)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button = self.buttons.addButton(
            tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.copy_button.setObjectName("copyNow")
        self.copy_button.setDefault(True)
        self.copy_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        for widget in (heading, what, intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        wide_enough(self, 72)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough(self)

    def choose_folder(self) -> None:
        folder = ask_copy_folder(self)
        if folder is not None:
            self.use_folder(folder)

    def use_folder(self, folder: Path) -> None:
        """Copy into ``folder`` if it is empty; else offer a new folder inside it."""
        try:
            empty = folder.is_dir() and not any(folder.iterdir())
        except OSError:
            empty = False
        if not empty:
            inside = new_folder_in(folder, folder_name(self.study))
            answer = QMessageBox.question(
                self,
                APP_NAME,
                tr(
                    "The folder {folder} already holds files. Make a new folder “{name}” "
                    "inside it for the copy?",
                    folder=str(folder),
                    name=inside.name,
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            folder = inside
        self.target = folder
        self.folder.setText(str(folder))
        self.folder.setCursorPosition(0)
        self.copy_button.setEnabled(True)

    def sent_to(self) -> int | None:
        value = self.contact.currentData()
        return int(value) if value is not None else None


def _size(session: Session, study: dict[str, Any]) -> int:
    """The bytes of the study's files (a file of several frames counted once)."""
    files: dict[int, int] = {}
    for series in study.get("series") or []:
        for item in series_slices(session.dossier, int(series["id"])):
            files[item.file_id] = item.size
    return sum(files.values())


__all__ = ["CopyDisc", "ask_copy_folder", "folder_name", "new_folder_in"]
