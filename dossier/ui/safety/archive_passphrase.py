"""Opening an archive protected with a passphrase of its own: ask for it (issue 18).

The passphrase is checked before anything else happens, off the UI thread (the archive's
Argon2id takes about half a second on purpose): a wrong one is said under the box and the
window stays open for another try; the right one lets the opening go on as for any other
archive. Nothing is decrypted here but the archive's check value.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...core.archive.sealed import open_sealed
from ...core.bidi import isolate
from ...core.errors import DossierError
from ...core.i18n import tr
from .. import tasks
from ..protection.passphrase_field import PassphraseField
from ..tasks import Task
from ..widgets.labels import heading_label, text_label
from ..widgets.record_form import FIELD_ERROR_STYLE


def check_passphrase(archive: Path, passphrase: str) -> None:
    """Raise :class:`~dossier.core.archive.sealed.WrongArchivePassphrase` unless ``passphrase`` opens ``archive`` (or
    :class:`~dossier.core.archive.ArchiveRejected` when its protection is damaged)."""
    with open_sealed(archive, passphrase):
        pass


class ArchivePassphrasePrompt(QDialog):
    """Asks for ``archive``'s passphrase; ``unlocked(passphrase)`` once it is the right one."""

    unlocked = Signal(str)

    def __init__(self, archive: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archivePassphrasePrompt")
        self.setWindowTitle(tr("Open an archive file"))
        self.archive = archive
        self.task: Task | None = None  # the check running now
        self._given_up = False
        heading = heading_label(
            tr("This archive is protected with a passphrase"), "archivePromptHeading"
        )
        name = text_label(isolate(archive.name), "archivePromptFile")
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = text_label(
            tr(
                "Type the passphrase chosen when the archive was saved. Whoever gave you the "
                "file can tell you; it is often not the passphrase of your own dossier."
            ),
            "archivePromptAbout",
        )
        self.field = PassphraseField(tr("The archive's passphrase"))
        self.field.line.setObjectName("archivePassphraseEntry")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(tr("Passphrase:"), self.field)
        self.problem = text_label("", "archivePromptProblem")
        self.problem.setStyleSheet(FIELD_ERROR_STYLE)
        self.problem.hide()
        self.busy = self._busy_line()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(
            tr("Open the archive"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("openProtectedArchive")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(name)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.open_button.setDefault(True)  # (once in the dialog: else Cancel is, and Enter cancels)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(max(520, 36 * em))
        self.setFocusProxy(self.field)

    def _busy_line(self) -> QWidget:
        line = QWidget()
        label = QLabel(tr("Checking the passphrase…"))
        bar = QProgressBar()
        bar.setRange(0, 0)  # the derivation's length is not known
        bar.setTextVisible(False)
        bar.setMaximumWidth(160)
        bar.setAccessibleName(tr("Checking the passphrase"))
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        row.addWidget(bar)
        policy = line.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the window does not jump as it comes and goes
        line.setSizePolicy(policy)
        line.hide()
        return line

    def checking(self) -> bool:
        return self.task is not None and self.task.running

    def accept(self) -> None:
        """Check the passphrase off the UI thread; the answer comes to :meth:`_checked`."""
        if self.checking():
            return
        passphrase = self.field.text()
        if not passphrase:
            self.show_problem(tr("Type the archive's passphrase first."))
            self.field.select_all()
            return
        self.problem.hide()
        self._set_checking(True)
        archive = self.archive
        self.task = tasks.start(
            lambda _task: check_passphrase(archive, passphrase),
            done=lambda _none: self._checked(passphrase),
            failed=self._refused,
            owner=self,
            name="archive-passphrase",
        )

    def reject(self) -> None:
        self._given_up = True  # a check still running ends without opening anything
        super().reject()

    def _set_checking(self, checking: bool) -> None:
        # Read-only, not disabled: a disabled box would hand the focus to Cancel, and the
        # next Enter would cancel. (Enter meanwhile is ignored: see :meth:`accept`.)
        self.busy.setVisible(checking)
        self.field.line.setReadOnly(checking)

    def _checked(self, passphrase: str) -> None:
        self._set_checking(False)
        if self._given_up:
            return
        super().accept()
        self.unlocked.emit(passphrase)

    def _refused(self, error: BaseException) -> None:
        self._set_checking(False)
        if isinstance(error, DossierError):  # a wrong passphrase, a damaged archive
            text = error.message
        elif isinstance(error, OSError):
            text = tr(
                "The archive file could not be read ({reason}). Nothing was changed.",
                reason=error.strerror or type(error).__name__,
            )
        else:  # a bug (its details are in the log): say it plainly here
            text = tr(
                "Something went wrong ({error}). Nothing was changed.", error=type(error).__name__
            )
        self.show_problem(text)
        self.field.select_all()

    def show_problem(self, text: str) -> None:
        """Say ``text`` under the box; the window grows to show it whole."""
        self.problem.setText(text)
        self.problem.show()
        self.adjustSize()


__all__ = ["ArchivePassphrasePrompt", "check_passphrase"]
