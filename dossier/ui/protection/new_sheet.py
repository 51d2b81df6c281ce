"""Dossier → Print a New Recovery Sheet…: a new recovery key, and its sheet to print.

The old sheet stops working as soon as the new key is written to the key file, so the
person is told before, and the new key is shown at once (it is never stored)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from ...core.crypto.unlock import new_recovery
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.storage import Dossier
from .recovery_key_dialog import show_recovery_key


def new_sheet_question(parent: QWidget) -> tuple[QMessageBox, QAbstractButton]:
    """The question asked before a new recovery key is made, and its button that makes
    it (not yet shown: the screen catalogue shows it too)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Print a new recovery sheet"),
        tr("A new recovery sheet gets a new recovery key. The sheet you have now stops working."),
        parent=parent,
    )
    box.setObjectName("newSheetQuestion")
    box.setInformativeText(
        tr(
            "Make a new one when the old sheet is lost, or when someone may have seen it. "
            "Destroy the old sheet once the new one is printed."
        )
    )
    make = box.addButton(tr("Make a new recovery sheet"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    return box, make


def print_new_sheet(parent: QWidget, dossier: Dossier) -> bool:
    """Ask, make a new recovery key for ``dossier`` and show it; True when made."""
    if dossier.key is None:
        return False
    box, make = new_sheet_question(parent)
    box.exec()
    if box.clickedButton() is not make:
        return False
    try:
        recovery = new_recovery(dossier.path, dossier.key)
    except (DossierError, OSError) as exc:
        text = exc.message if isinstance(exc, DossierError) else (exc.strerror or str(exc))
        QMessageBox.warning(
            parent,
            tr("Print a new recovery sheet"),
            tr(
                "No new recovery sheet could be made ({reason}). The old one still works.",
                reason=text,
            ),
        )
        return False
    show_recovery_key(parent, dossier, recovery, replacing=True)
    return True
