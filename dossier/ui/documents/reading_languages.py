"""Choosing the languages scanned pages are read in: for the whole dossier (Edit menu), or
for one document (its details' "Read the text again")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DossierError
from ...core.i18n import LANGUAGE_NAMES, tr
from ...core.ocr.languages import OCR_LANGUAGES

if TYPE_CHECKING:
    from ..session import Session


class LanguageChecks(QWidget):
    """A tick for each of the five languages, each named in its own language."""

    changed = Signal()

    def __init__(self, chosen: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for code in OCR_LANGUAGES:
            box = QCheckBox(LANGUAGE_NAMES[code])
            box.setObjectName(f"readIn_{code}")
            box.setChecked(code in chosen)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[code] = box
            column.addWidget(box)

    def chosen(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())


class DossierLanguagesDialog(QDialog):
    """The languages this dossier's scans and photos are read in."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...core.ocr.settings import dossier_languages

        self.session = session
        self.setObjectName("scanLanguagesDialog")
        self.setWindowTitle(tr("Languages of scanned pages"))
        self.setMinimumWidth(440)  # its explanation in a few lines, not a narrow column
        intro = QLabel(
            tr(
                "Scanned letters and photos of documents are read in these languages. A "
                "document written in another alphabet, such as Hebrew or Cyrillic, is noticed "
                "and read in it too; tick every language your papers are written in."
            )
        )
        intro.setWordWrap(True)
        self.checks = LanguageChecks(dossier_languages(session.dossier))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.checks.changed.connect(
            lambda: buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
                bool(self.checks.chosen())
            )
        )
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.checks)
        column.addWidget(buttons)

    def accept(self) -> None:
        from ...core.ocr.settings import set_dossier_languages

        try:
            set_dossier_languages(self.session.dossier, self.checks.chosen())
        except DossierError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        super().accept()


__all__ = ["DossierLanguagesDialog", "LanguageChecks"]
