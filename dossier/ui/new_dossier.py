"""Asks who a new dossier is for and where to keep it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import paths
from ..core.errors import DossierError, ValidationError
from ..core.i18n import tr, trc
from ..core.opening import create_dossier
from ..core.storage import Dossier
from .widgets.date_field import DateField


class NewDossierDialog(QDialog):
    """On accept, :attr:`dossier` holds the new, open dossier."""

    def __init__(self, *, for_self: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New dossier"))
        self.dossier: Dossier | None = None
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setAccessibleName(tr("Name"))
        self.name.setPlaceholderText(tr("Your name") if for_self else tr("Their name"))
        self.born = DateField()
        self.born.setObjectName("born")
        self.born.setAccessibleName(tr("Date of birth"))
        self.folder = QLineEdit()
        self.folder.setObjectName("folder")
        self.folder.setAccessibleName(tr("Folder"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("Name *"), self.name)
        form.addRow(tr("Date of birth"), self.born)
        form.addRow(tr("Keep it in"), folder_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            tr("Who is this dossier about?")
            if for_self
            else tr(
                "Who are you helping? Their dossier is kept apart from yours; you can switch "
                "between dossiers at any time."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # Room for a whole name and a whole folder path, and the dialog grows (never
        # squashes its fields) when a message appears.
        em = self.fontMetrics().horizontalAdvance("m")
        self.name.setMinimumWidth(24 * em)
        self.folder.setMinimumWidth(30 * em)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(44 * em)
        self.folder.textChanged.connect(self.folder.setToolTip)
        # Left empty, the folder is named after the person: the grey text says which.
        self.name.textChanged.connect(self._suggest_folder)
        self._suggest_folder()

    def _suggest_folder(self) -> None:
        self.folder.setPlaceholderText(str(self._default_folder()))

    def target_folder(self) -> Path:
        typed = self.folder.text().strip()
        return Path(typed) if typed else self._default_folder()

    def _default_folder(self) -> Path:
        """A new folder named after the person, in the program's data folder."""
        # Translators: the folder name of a new dossier when no name is given.
        safe = re.sub(r"[^\w\- ]+", "", self.name.text()).strip() or trc("file name", "Dossier")
        folder = paths.data_dir() / safe
        number = 2
        while folder.exists():
            folder = paths.data_dir() / f"{safe} {number}"
            number += 1
        return folder

    def accept(self) -> None:
        if self.born.text() and self.born.read() is None:
            self._show(
                tr(
                    "The date of birth is not a date: write it as {example}.",
                    example=self.born.example(),
                )
            )
            return
        try:
            self.dossier = create_dossier(
                self.target_folder(), name=self.name.text(), born=self.born.text() or None
            )
        except ValidationError as exc:
            self._show(" ".join(exc.errors.values()))
            return
        except (DossierError, OSError) as exc:
            self._show(exc.message if isinstance(exc, DossierError) else str(exc))
            return
        super().accept()

    def _show(self, text: str) -> None:
        """Say what is wrong under the fields; the dialog grows to hold the message."""
        self.error.setText(text)
        self.error.show()
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < needed:
            self.resize(self.width(), needed)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Where to keep the dossier"))
        if folder:
            self.folder.setText(folder)
