"""What is done to the open document from its details: bring it or not, open it in the
person's usual viewer, save a copy, move it to the trash.

A file is handed out only as a checked copy (:mod:`.external`), made off the UI thread;
one that is missing, replaced by a link or damaged is refused with a notice saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ... import APP_NAME
from ...core import records
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.vault_read import StoredFileRefused, stored_state
from .. import tasks
from ..session import Session
from ..system_files import open_with_system
from ..tasks import Task
from .details_panel import DocumentDetails
from .external import file_name, save_copy, stored, temporary_copy
from .notice_bar import NoticeBar


class DocumentActions(QObject):
    """The open document's actions, for the page ``page`` (their owner and dialogs' parent)."""

    def __init__(
        self,
        session: Session,
        page: QWidget,
        current_record: Callable[[], dict[str, Any] | None],
        details: DocumentDetails,
        notices: NoticeBar,
    ) -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.current_record = current_record
        self.details = details
        self.show_notice = notices.show_notice
        details.bring.clicked.connect(self._on_bring)
        details.open_button.clicked.connect(self.open_externally)
        details.save_copy_button.clicked.connect(self.save_a_copy)
        details.trash_button.clicked.connect(self.move_to_trash)

    # Editing -----------------------------------------------------------------------
    def _on_bring(self, checked: bool) -> None:
        record = self.current_record()
        if record is None:
            return
        document_id = record["id"]

        def refused(error: DossierError) -> None:
            self.details.bring.setChecked(not checked)
            self.show_notice(error.message)

        self.session.apply(
            lambda d: records.update(d, "document", document_id, {"bring": checked}), refused
        )

    def move_to_trash(self) -> None:
        record = self.current_record()
        if record is None:
            return
        document_id, title = record["id"], record.get("title") or ""
        deleted = self.session.apply(
            lambda d: records.delete(d, "document", document_id),
            lambda error: self.show_notice(error.message),
        )
        if deleted is None:
            return
        self.show_notice(
            tr(
                "“{title}” was moved to the trash. To take it back, use Undo (Ctrl+Z).",
                title=title,
            )
        )

    # Files -------------------------------------------------------------------------
    def _file_usable(self, record: dict[str, Any]) -> bool:
        """True when the document's file can be handed out; else a notice says why."""
        try:
            sha, size = stored(record)
            refused = stored_state(self.session.dossier.vault, sha, size)
        except StoredFileRefused as exc:
            refused = exc
        if refused is None:
            return True
        if refused.problem == "missing":
            self.show_notice(tr("This document's file is missing from the dossier folder."))
        elif refused.problem == "replaced":
            self.show_notice(
                tr(
                    "This document's file in the dossier folder has been replaced by a link "
                    "(or by something that is not an ordinary file), so it is not handed out. "
                    "Check the dossier to see what to do."
                )
            )
        else:
            self.show_notice(tr("This document's file is damaged: it is not what was stored."))
        return False

    def open_externally(self) -> None:
        """Open a checked copy of the current document in the program the system uses for its
        type (never the vault file itself, and nothing that is not what was stored). In a
        protected dossier the person is asked first: the copy is the document decrypted."""
        record = self.current_record()
        if record is None or not self._file_usable(record):
            return
        vault = self.session.dossier.vault
        if vault.cipher is not None and not self.agree_to_decrypted_copy():
            return
        self._copy(lambda _task: temporary_copy(vault, record), self._opened_copy)

    def agree_to_decrypted_copy(self) -> bool:
        """Asked before a protected dossier's document is handed to another program."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Open in my usual viewer"),
            tr("Open an unprotected copy of this document?"),
            QMessageBox.StandardButton.NoButton,
            self.page,
        )
        box.setObjectName("decryptedCopyQuestion")
        box.setInformativeText(
            tr(
                "Your dossier is protected with a passphrase, which the other program cannot "
                "use. A copy without the protection is put on this computer for it to read. "
                "The copy stays there while you may still be reading it, and is removed when "
                "you close {program}; anyone using this computer meanwhile could read it.",
                program=APP_NAME,
            )
        )
        accept = box.addButton(tr("Open a copy"), QMessageBox.ButtonRole.AcceptRole)
        refuse = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(refuse)
        box.setEscapeButton(refuse)
        box.exec()
        agreed = box.clickedButton() is accept
        box.deleteLater()
        return agreed

    def _opened_copy(self, path: Path) -> None:
        if not open_with_system(path):
            self.show_notice(
                tr("No program was found to open this file. Use “Save a copy…” instead.")
            )

    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.page, tr("Save a copy of the document"), str(suggested)
        )
        return Path(chosen) if chosen else None

    def save_a_copy(self) -> None:
        record = self.current_record()
        if record is None or not self._file_usable(record):
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        target = self.ask_save_path(Path(folder) / file_name(record))
        if target is None:
            return
        vault = self.session.dossier.vault
        self._copy(lambda _task: save_copy(vault, record, target), self._saved_copy)

    def _copy(self, work: Callable[[Task], Path], done: Callable[[Path], None]) -> None:
        """Copy the document's file off the UI thread (a large file takes a moment)."""
        tasks.start(work, done=done, failed=self._copy_failed, owner=self.page, name="copy")

    def _saved_copy(self, path: Path) -> None:
        self.show_notice(tr("A copy was saved as {path}", path=str(path)))

    def _copy_failed(self, error: BaseException) -> None:
        if isinstance(error, StoredFileRefused):
            self.show_notice(tr("No copy was made. {reason}", reason=error.message))
            return
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.show_notice(tr("The copy could not be made ({reason}).", reason=reason))
