"""A new passphrase, typed twice: at least :data:`MIN_LENGTH` characters, both the same."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...core.i18n import tr
from ..widgets.record_form import FIELD_ERROR_STYLE
from .passphrase_field import PassphraseField

MIN_LENGTH = 8  # as the command line asks


def passphrase_problem(first: str, second: str, *, second_needed: bool = False) -> str | None:
    """What keeps ``first`` (typed again as ``second``) from being a new passphrase, in
    words; None when it can be. ``second_needed``: an empty second box is said as such."""
    if len(first) < MIN_LENGTH:
        return tr("Choose a passphrase of at least {n} characters.", n=MIN_LENGTH)
    if second_needed and not second:
        return tr("Type the same passphrase again in the second box, to be sure of it.")
    if first != second:
        return tr("The two passphrases are not the same. Type the second one again.")
    return None


def typed_mismatch(first: str, second: str) -> str | None:
    """While typing: the mismatch, in words, once the second box is as long as the first."""
    if second and len(second) >= len(first) and first != second:
        return tr("The two passphrases are not the same. Type the second one again.")
    return None


class NewPassphrase(QWidget):
    """Two passphrase boxes and a line under them saying what is wrong, in words."""

    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = PassphraseField(tr("New passphrase"))
        self.first.line.setObjectName("newPassphrase")
        self.second = PassphraseField(tr("The new passphrase again"))
        self.second.line.setObjectName("newPassphraseAgain")
        self.hint = QLabel(
            tr(
                "At least {n} characters. A short sentence you will remember is good, for "
                "example three or four words.",
                n=MIN_LENGTH,
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.message = QLabel()
        self.message.setObjectName("passphraseProblem")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(FIELD_ERROR_STYLE)
        self.message.hide()
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(tr("New passphrase"), self.first)
        form.addRow(tr("The same again"), self.second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self.first.line.textEdited.connect(self._edited)
        self.second.line.textEdited.connect(self._edited)
        self.first.returnPressed.connect(self.second.setFocus)
        self.second.returnPressed.connect(self.returnPressed)
        self.setFocusProxy(self.first)

    def problem(self) -> str | None:
        """What keeps the passphrase from being set, in words; None when it can be."""
        return passphrase_problem(self.first.text(), self.second.text())

    def check(self) -> str | None:
        """The passphrase when it can be set; else None, with the reason shown."""
        problem = self.problem()
        if problem is None:
            self.message.hide()
            return self.first.text()
        self.show_problem(problem)
        if len(self.first.text()) < MIN_LENGTH:
            self.first.select_all()
        else:
            self.second.select_all()
        return None

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _edited(self, _text: str) -> None:
        """The mismatch is said as soon as the second box is as long as the first."""
        mismatch = typed_mismatch(self.first.text(), self.second.text())
        if mismatch is not None:
            self.show_problem(mismatch)
        else:
            self.message.hide()

    def set_enabled(self, enabled: bool) -> None:
        self.first.setEnabled(enabled)
        self.second.setEnabled(enabled)
