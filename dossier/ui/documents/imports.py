"""Adding files to the dossier from the Documents page: one import at a time, off the UI
thread, with files asked for meanwhile following it.

A quick import that goes well needs no window: the import dialog shows itself only after
a moment, or at the end when something was not added. The notice bar says how far it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.i18n import tr
from ...core.importer.pipeline import ImportResult
from ..read_only_notice import show_refusal
from ..session import Session
from ..tasks import Task
from .disc_check import sort_paths
from .disc_offer import offer_disc
from .document_model import DocumentModel
from .import_dialog import ImportDialog
from .import_worker import start_import
from .notice_bar import NoticeBar

FILE_TYPES = (
    "*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG *.tif *.tiff *.TIF *.TIFF *.txt"
    " *.ics *.ICS"  # an invitation is offered as an appointment
)
SHOW_DIALOG_AFTER_MS = 800  # a quick import that goes well needs no window at all
RELOAD_DURING_IMPORT_MS = 1000


class DocumentImports(QObject):
    """The imports of the page ``page`` (their owner, and the parent of their windows)."""

    finished = Signal(object)  # list[ImportResult] of everything just imported
    show_document = Signal(int)  # "Show" in the import list
    disc_offered = Signal(object)  # an imaging disc's folder or .zip (None: ask for it)
    invitations_offered = Signal(object)  # list[Path]: calendar invitations, not documents

    def __init__(
        self, session: Session, page: QWidget, model: DocumentModel, notices: NoticeBar
    ) -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.show_notice = notices.show_notice
        self.job: Task | None = None  # the import running now
        self.dialog: ImportDialog | None = None
        self.scans_box: QMessageBox | None = None  # scans pointed to Add Imaging Disc
        self._pending: list[Path] = []
        self._results: list[ImportResult] = []
        notices.show_progress_button.clicked.connect(self.show_dialog)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DURING_IMPORT_MS)
        self._reload_timer.timeout.connect(self._show_added)
        self._added: list[int] = []  # documents imported and not yet shown in the list
        self.model = model
        self.dialog_delay = QTimer(self)  # tests lengthen it
        self.dialog_delay.setSingleShot(True)
        self.dialog_delay.setInterval(SHOW_DIALOG_AFTER_MS)
        self.dialog_delay.timeout.connect(self._show_dialog_if_running)

    # Choosing ----------------------------------------------------------------------
    def ask_files(self) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self.page,
            tr("Choose the files to add"),
            str(Path.home()),
            tr("Documents ({patterns});;All files (*)", patterns=FILE_TYPES),
        )
        return [Path(n) for n in names]

    def ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(
            self.page, tr("Choose a folder to add"), str(Path.home())
        )
        return Path(folder) if folder else None

    def choose_files(self) -> None:
        if not self._refused():
            self.import_files(self.ask_files())

    def choose_folder(self) -> None:
        folder = None if self._refused() else self.ask_folder()
        if folder is not None:
            self.import_files([folder])

    def _refused(self) -> bool:
        """On a dossier open for reading only, say why (before any file is chosen)."""
        read_only = self.session.dossier.read_only
        if read_only is not None:
            show_refusal(self.page, read_only.refusal, read_only)
        return read_only is not None

    # Running -----------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        """Add files (and the files in folders) to the dossier, off the UI thread."""
        paths = [Path(p) for p in paths]
        if not paths or self._refused():
            return
        paths = self._set_aside_invitations(paths)
        paths = self._set_aside_scans(paths) if paths else paths
        if not paths:
            return
        if self.job is not None:  # one import at a time: these follow the current one
            self._pending.extend(paths)
            self.show_dialog()
            return
        self._results = []
        self._start(paths, keep_results=False)

    def _set_aside_invitations(self, paths: list[Path]) -> list[Path]:
        """Calendar invitations (by their content) are offered as appointments; the rest
        remains. An invitation inside a chosen folder is refused by the import, saying so."""
        from ..appointment.invitation_flow import is_invitation

        invitations = [path for path in paths if is_invitation(path)]
        if invitations:
            self.invitations_offered.emit(invitations)
        return [path for path in paths if path not in invitations]

    def _set_aside_scans(self, paths: list[Path]) -> list[Path]:
        """Discs go to the Imaging page; single scans are pointed there. The rest remains."""
        found = sort_paths(paths)
        if found.discs:
            self.disc_offered.emit(found.discs[0])
        if len(found.discs) > 1 or found.scans:
            self.scans_box = offer_disc(self.page, found, lambda: self.disc_offered.emit(None))
        return found.documents

    def importing(self) -> bool:
        return self.job is not None

    def _start(self, paths: list[Path], *, keep_results: bool) -> None:
        dialog = self._ensure_dialog()
        job = start_import(
            self.session.dossier.path,
            paths,
            step=self._on_import_step,
            done=self._on_import_done,
            failed=self._on_import_failed,
            owner=self.page,
        )
        dialog.follow(job, keep_results=keep_results)
        self.job = job
        self.show_notice(tr("Adding files to the dossier…"), button=tr("Show progress"))
        if dialog.isVisible():
            dialog.raise_()
        else:
            self.dialog_delay.start()

    def _ensure_dialog(self) -> ImportDialog:
        if self.dialog is None:
            self.dialog = ImportDialog(self.page)
            self.dialog.show_document.connect(self.show_document)
        return self.dialog

    def _show_dialog_if_running(self) -> None:
        if self.job is not None:
            self.show_dialog()

    def show_dialog(self) -> None:
        dialog = self._ensure_dialog()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _on_import_step(self, done: int, total: int, result: ImportResult | None) -> None:
        self._ensure_dialog().show_step(done, total, result)
        if result is None:  # the files are counted: the dialog says how many
            return
        self.show_notice(
            tr("Adding files to the dossier: {done} of {total}", done=done, total=total),
            button=tr("Show progress"),
        )
        if result.status == "imported" and result.document_id is not None:
            self._added.append(result.document_id)
            if not self._reload_timer.isActive():
                self._reload_timer.start()

    def _show_added(self) -> None:
        added, self._added = self._added, []
        self.model.add_documents(added)

    def _on_import_failed(self, message: str, results: list[ImportResult]) -> None:
        self._ensure_dialog().show_failure(message)
        self._on_import_done(results)

    def _on_import_done(self, results: list[ImportResult]) -> None:
        self._ensure_dialog().show_end(results)
        self.job = None
        self._results.extend(results)
        self._reload_timer.stop()
        self._added = []  # the reload below reads them all
        if self._pending:
            paths, self._pending = self._pending, []
            self._start(paths, keep_results=True)
            return
        self.dialog_delay.stop()
        self.session.notify_reloaded()
        troubled = any(r.status != "imported" for r in self._results)
        dialog = self._ensure_dialog()
        if troubled or dialog.failure:
            self.show_dialog()
        self.show_notice(
            tr("Finished adding files. {counts}", counts=dialog.status.text())
            if self._results
            else dialog.heading.text(),
            button=tr("Show the list") if troubled or dialog.failure else "",
        )
        results_now, self._results = self._results, []
        self.finished.emit(results_now)
