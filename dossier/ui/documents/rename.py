"""Renaming a document from the grid or the list (F2, or "Rename…" in its menu): a small
dialog with its title, saved through the session so Undo takes it back. A blank title is
refused in the dialog itself, calmly; the dialog stays open to type one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.bidi import isolate
from ...core.errors import DossierError
from ...core.i18n import tr
from ..session import Session
from ..widgets.record_form import FIELD_ERROR_STYLE


class RenameDialog(QDialog):
    """Type a new title for ``record``; "Rename" saves it (one undoable step)."""

    def __init__(
        self, session: Session, record: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("renameDocument")
        self.setWindowTitle(tr("Rename document"))
        self.session = session
        self.record = record
        self.old_title = str(record.get("title") or "")

        label = QLabel(tr("&Title"))
        self.title = QLineEdit(self.old_title)
        self.title.setObjectName("renameTitle")
        self.title.setAccessibleName(tr("Title"))
        self.title.selectAll()
        label.setBuddy(self.title)
        original = str(record.get("original_name") or "")
        self.original = QLabel(
            tr("Original file: {name}", name=isolate(original)) if original else ""
        )
        self.original.setObjectName("renameOriginal")
        self.original.setWordWrap(True)
        self.original.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.original.setStyleSheet("color: palette(placeholder-text);")
        self.original.setVisible(bool(original))
        self.message = QLabel()
        self.message.setObjectName("renameMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(FIELD_ERROR_STYLE)
        self.message.hide()
        self.title.textEdited.connect(lambda _text: self.message.hide())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.rename_button = self.buttons.addButton(
            tr("Rename"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.rename_button.setObjectName("renameButton")
        self.rename_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter renames; it never throws the typing away
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.title)
        layout.addWidget(self.original)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(max(420, self.fontMetrics().horizontalAdvance("M") * 36))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.rename_button.setDefault(True)  # the button box picks its own default on show

    def save(self) -> None:
        """Save the typed title and close; a blank one (or one the dossier refuses) is said
        under the field, and the dialog stays."""
        new = " ".join(self.title.text().split())
        if not new:
            self._refuse(
                tr(
                    "A document needs a title. Type one, or choose Cancel to keep “{old}”.",
                    old=isolate(self.old_title),
                )
            )
            return
        if new == self.old_title:
            self.accept()
            return
        document_id = self.record["id"]
        change = self.session.apply(
            lambda d: records.update(d, "document", document_id, {"title": new}),
            lambda error: self._refuse(error.message),
        )
        if change is not None:
            self.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
        self.title.setFocus()


def start_rename(
    session: Session,
    record: dict[str, Any],
    parent: QWidget,
    notice: Callable[[str], object],
    done: Callable[[], object],
) -> RenameDialog | None:
    """Open the rename dialog for ``record`` (``done`` when it closes); on a dossier open for
    reading only, ``notice`` says why not instead."""
    try:
        session.dossier.require_writable()
    except DossierError as error:
        notice(error.message)
        return None
    dialog = RenameDialog(session, record, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: done())
    dialog.open()
    return dialog
