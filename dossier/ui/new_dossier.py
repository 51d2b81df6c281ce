"""Asks who a new dossier is for, where to keep it, and whether to protect it with a
passphrase (its key is then made on a worker thread: the passphrase is stretched for about
half a second on purpose)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

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
from ..core.person import validate_new
from ..core.storage import Dossier, require_new_folder
from . import tasks
from .protection.busy_line import BusyLine, failure_text
from .protection.fit import keep_fitting
from .protection.protection_choice import ProtectionChoice
from .widgets.date_field import DateField

if TYPE_CHECKING:
    from ..core.crypto.recovery import RecoveryKey
    from ..core.crypto.unlock import Protection


class NewDossierDialog(QDialog):
    """On accept, :attr:`dossier` holds the new, open dossier, and :attr:`recovery` the
    recovery key for its sheet when it is protected."""

    def __init__(self, *, for_self: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New dossier"))
        self.dossier: Dossier | None = None
        self.recovery: RecoveryKey | None = None
        self.task: tasks.Task | None = None
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
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Create"))
        buttons.accepted.connect(self.accept)
        self.protection = ProtectionChoice()
        self.busy = BusyLine()
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
        layout.addSpacing(8)
        layout.addWidget(self.protection)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        # Room for a whole name and a whole folder path, and the dialog grows (never
        # squashes its fields) when a message appears.
        em = self.fontMetrics().horizontalAdvance("m")
        self.name.setMinimumWidth(24 * em)
        self.folder.setMinimumWidth(30 * em)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(44 * em)
        keep_fitting(self)  # the passphrase boxes and messages come and go
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
        if self.task is not None:
            return
        if self.born.text() and self.born.read() is None:
            self._show(
                tr(
                    "The date of birth is not a date: write it as {example}.",
                    example=self.born.example(),
                )
            )
            return
        name, born, folder = self.name.text(), self.born.text() or None, self.target_folder()
        if not self.protection.chosen():
            self._create(folder, name, born, None)
            return
        try:  # what would refuse the dossier, before the passphrase is stretched
            validate_new(name=name, born=born)
            require_new_folder(folder)
        except DossierError as exc:
            self._refused(exc)
            return
        passphrase = self.protection.check()
        if passphrase is None:
            return
        self.error.hide()
        self._busy(True)
        self.task = tasks.start(
            lambda _task: _new_protection(passphrase),
            done=lambda made: self._create(folder, name, born, made),
            failed=self._not_protected,
            owner=self,
            name="protect",
        )

    def _create(
        self, folder: Path, name: str, born: str | None, protection: Protection | None
    ) -> None:
        self._busy(False)
        try:
            self.dossier = create_dossier(folder, name=name, born=born, protection=protection)
        except (DossierError, OSError) as exc:
            self._refused(exc)
            return
        self.recovery = protection.recovery if protection is not None else None
        super().accept()

    def show_recovery_key(self, parent: QWidget) -> None:
        """For a protected dossier just made, its recovery key and sheet (see
        :mod:`.protection.recovery_key_dialog`); nothing for another."""
        if self.dossier is not None and self.recovery is not None:
            from .protection.recovery_key_dialog import show_recovery_key

            show_recovery_key(parent, self.dossier, self.recovery)

    def _refused(self, exc: DossierError | OSError) -> None:
        if isinstance(exc, ValidationError):
            self._show(" ".join(exc.errors.values()))
        else:
            self._show(exc.message if isinstance(exc, DossierError) else str(exc))

    def _not_protected(self, error: BaseException) -> None:
        self._busy(False)
        self._show(failure_text(error))

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(tr("Making the key of the dossier…"))
        else:
            self.task = None
            self.busy.stop()
        for part in (self.name, self.born, self.folder, self.ok):
            part.setEnabled(not busy)
        self.protection.set_enabled(not busy)

    def reject(self) -> None:
        if self.task is None:  # the key being made is waited for (under a second)
            super().reject()

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


def _new_protection(passphrase: str) -> Protection:
    from ..core.crypto.unlock import new_protection  # the ciphers, only when protecting

    return new_protection(passphrase)
