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
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ...core.archive.sealed import open_sealed
from ...core.bidi import isolate
from ...core.errors import DossierError
from ...core.i18n import tr
from ..protection.passphrase_field import PassphraseField
from ..widgets.common import cancel_and_ok
from ..widgets.labels import heading_label, text_label
from .passphrase_check import PassphraseCheckDialog


def check_passphrase(archive: Path, passphrase: str) -> None:
    """Raise :class:`~dossier.core.archive.sealed.WrongArchivePassphrase` unless ``passphrase`` opens ``archive`` (or
    :class:`~dossier.core.archive.ArchiveRejected` when its protection is damaged)."""
    with open_sealed(archive, passphrase):
        pass


class ArchivePassphrasePrompt(PassphraseCheckDialog):
    """Asks for ``archive``'s passphrase; ``unlocked(passphrase)`` once it is the right one."""

    unlocked = Signal(str)

    def __init__(self, archive: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archivePassphrasePrompt")
        self.setWindowTitle(tr("Open an archive file"))
        self.archive = archive
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
        self._check_parts("archivePromptProblem")
        self.busy.bar.setAccessibleName(tr("Checking the passphrase"))

        self.buttons, self.open_button = cancel_and_ok(
            self, tr("Open the archive"), "openProtectedArchive"
        )

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

    def accept(self) -> None:
        """Check the passphrase off the UI thread; the answer comes to :meth:`_opened`."""
        archive = self.archive
        self._check(
            lambda passphrase: check_passphrase(archive, passphrase),
            tr("Type the archive's passphrase first."),
            "archive-passphrase",
        )

    def _opened(self, passphrase: str, _result: object) -> None:
        super().accept()
        self.unlocked.emit(passphrase)

    def _refusal(self, error: BaseException) -> str:
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
        return text

    def show_problem(self, text: str) -> None:
        """Say ``text`` under the box; the window grows to show it whole."""
        super().show_problem(text)
        self.adjustSize()


__all__ = ["ArchivePassphrasePrompt", "check_passphrase"]
