"""Before an archive is saved: does it get a passphrase of its own? (issue 18)

An archive travels, to a doctor, to another computer, to another program, so it is never
protected with the dossier's own passphrase. Protected, it opens only with the passphrase
chosen here, which the person gives the receiver another way than the file. Without one,
anyone who gets the file can read it: said plainly, and as a warning when the dossier
itself is protected. The passphrase is only checked here; it is made into a key (Argon2id,
about half a second) by the export, off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..protection.fit import keep_fitting
from ..protection.new_passphrase import MIN_LENGTH, passphrase_problem, typed_mismatch
from ..protection.passphrase_field import PassphraseField
from ..widgets.common import cancel_and_ok
from ..widgets.labels import heading_label, text_label
from ..widgets.record_form import FIELD_ERROR_STYLE

WARNING_STYLE = (
    "QLabel#readableWarning { background: #fff1cc; color: #5c3b00; border: 2px solid #c98a00;"
    " border-radius: 4px; padding: 8px; font-weight: bold; }"
)


class ArchiveProtection(QDialog):
    """The question; ``chosen(passphrase or None)`` once answered (None: no passphrase)."""

    chosen = Signal(object)

    def __init__(self, dossier_protected: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveProtection")
        self.setWindowTitle(tr("Export to an archive file"))
        self.dossier_protected = dossier_protected
        heading = heading_label(tr("Who will be able to open the archive?"), "protectionHeading")
        about = text_label(
            tr(
                "The archive holds the whole dossier, every record and every document, in "
                "one file: for a doctor, for another computer or program, or to keep elsewhere."
            ),
            "protectionAbout",
        )
        self.protect = QCheckBox(tr("Protect the archive with a passphrase of its own"))
        self.protect.setObjectName("protectArchive")
        font = self.protect.font()
        font.setBold(True)
        self.protect.setFont(font)
        self.protect.setChecked(dossier_protected)
        recommended = text_label(
            tr("Recommended: the archive holds private medical information."),
            "protectionRecommended",
        )

        self.stack = QStackedWidget()
        self.stack.addWidget(self._passphrase_page())
        self.stack.addWidget(self._readable_page())

        self.buttons, self.save_button = cancel_and_ok(
            self, tr("Choose where to save…"), "chooseWhereToSave"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addSpacing(4)
        layout.addWidget(self.protect)
        layout.addWidget(recommended)
        layout.addWidget(self.stack)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # (once in the dialog: else Cancel is, and Enter cancels)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(max(560, 40 * em))
        keep_fitting(self)  # as tall as its wrapped lines need (the passphrase page's too)
        self.protect.toggled.connect(self._protect_toggled)
        self._protect_toggled(self.protect.isChecked())

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        self.first = PassphraseField(tr("Passphrase for the archive"))
        self.first.line.setObjectName("archivePassphrase")
        self.second = PassphraseField(tr("The archive's passphrase again"))
        self.second.line.setObjectName("archivePassphraseAgain")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(tr("Passphrase for the archive:"), self.first)
        form.addRow(tr("The same again:"), self.second)
        self.problem = text_label("", "archivePassphraseProblem")
        self.problem.setStyleSheet(FIELD_ERROR_STYLE)
        self.problem.hide()
        hint = text_label(
            tr(
                "At least {n} characters. Choose a new one, not the passphrase of your "
                "dossier: this one will be given to someone else.",
                n=MIN_LENGTH,
            ),
            "archivePassphraseHint",
        )
        self.share = text_label(
            tr(
                "Whoever receives the archive needs this passphrase to open it. Give it to "
                "them another way than the file: by phone or in person, not in the same "
                "e-mail or on the same stick."
            ),
            "sharePassphrase",
        )
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        layout.addWidget(self.share)
        layout.addStretch(1)
        self.first.line.textEdited.connect(self._edited)
        self.second.line.textEdited.connect(self._edited)
        return page

    def _readable_page(self) -> QWidget:
        page = QWidget()
        if self.dossier_protected:
            text = tr(
                "⚠ Without a passphrase, the archive will be readable by anyone who gets the "
                "file. Your dossier is protected, but this copy of it will not be: every "
                "record and every document in it can be read."
            )
        else:
            text = tr(
                "Without a passphrase, the archive will be readable by anyone who gets the "
                "file. Keep it somewhere safe, and give it only to people you trust."
            )
        self.readable = text_label(text, "readableWarning")
        if self.dossier_protected:
            self.readable.setStyleSheet(WARNING_STYLE)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.readable)
        layout.addStretch(1)
        return page

    def _protect_toggled(self, protect: bool) -> None:
        self.stack.setCurrentIndex(0 if protect else 1)
        if protect:
            self.first.setFocus()
        else:
            self.problem.hide()

    def problem_text(self) -> str | None:
        """What keeps the passphrase from being used, in words; None when it can be."""
        return passphrase_problem(self.first.text(), self.second.text(), second_needed=True)

    def _edited(self, _text: str) -> None:
        """A mismatch is said as soon as the second box is as long as the first."""
        mismatch = typed_mismatch(self.first.text(), self.second.text())
        if mismatch is not None:
            self.show_problem(mismatch)
        else:
            self.problem.hide()

    def show_problem(self, text: str) -> None:
        """Say ``text`` under the boxes; the window grows to show it whole."""
        self.problem.setText(text)
        self.problem.show()
        self.adjustSize()

    def passphrase(self) -> str | None:
        """The archive's passphrase when one is asked for, else None."""
        return self.first.text() if self.protect.isChecked() else None

    def accept(self) -> None:
        if self.protect.isChecked():
            problem = self.problem_text()
            if problem is not None:  # said under the boxes; the dialog stays open
                self.show_problem(problem)
                box = self.first if len(self.first.text()) < MIN_LENGTH else self.second
                box.select_all()
                return
        super().accept()
        self.chosen.emit(self.passphrase())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.protect.isChecked():
            self.first.setFocus()
        else:
            self.save_button.setFocus()


__all__ = ["MIN_LENGTH", "ArchiveProtection"]
