"""The question asked before leaving appointment mode with something not saved."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.i18n import tr


def confirm_leave(parent: QWidget, reasons: list[str]) -> bool:
    """Ask whether to leave although some typing could not be saved (``reasons`` say why).

    Staying is the default, also for Esc: the text is still there to copy. True to leave.
    """
    box = QMessageBox(parent)
    box.setObjectName("confirmLeave")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Not everything was saved"))
    box.setText(tr("Some of what you typed could not be saved."))
    box.setInformativeText(
        "\n".join(reasons)
        + "\n\n"
        + tr("If you leave now, it is lost. Stay to copy it somewhere else.")
    )
    stay = box.addButton(tr("Stay"), QMessageBox.ButtonRole.RejectRole)
    leave = box.addButton(tr("Leave without saving"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    left = box.clickedButton() is leave
    box.deleteLater()
    return left


__all__ = ["confirm_leave"]
