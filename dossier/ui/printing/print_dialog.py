"""One small dialog per printed report: the case, what else the report needs, the paper and
the language (:mod:`.print_options`), then "Preview". The report's content is read then
(:mod:`.report_job`); the preview is rendered on a worker thread while a busy bar runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.i18n import language_scope, tr
from ...core.reports.letters import suggested_text
from ..session import Session
from ..tasks import Task
from .letter_editor import LetterEditor
from .preview import PreviewWindow, safe_file_name
from .print_options import KINDS, LETTERS, PrintOptions, report_intro, report_title
from .report_job import render_job
from .runner import RenderJob, remove_folder, start_render, start_render_to_memory


class PrintDialog(QDialog):
    """Choose what to print for ``kind`` (one of :data:`KINDS`) and preview it."""

    preview_ready = Signal(object)  # the PreviewWindow

    def __init__(
        self,
        session: Session,
        kind: str,
        *,
        case_id: int | None = None,
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown report {kind!r}")
        self.setObjectName("printDialog")
        self.session = session
        self.kind = kind
        self.print_locale = locale or QLocale()  # for the paper size
        self.preview: PreviewWindow | None = None
        self.render_task: Task | None = None
        self._cancelled = False
        self._discarding = False
        self.setWindowTitle(report_title(kind))

        self.options = PrintOptions(
            session, kind, case_id=case_id, locale=self.print_locale, parent=self
        )
        self.case_combo = self.options.case_combo
        self.appointment_combo = self.options.appointment_combo
        self.large_print = self.options.large_print
        self.paper_combo = self.options.paper_combo
        self.language_combo = self.options.language_combo

        self.letter: LetterEditor | None = None
        if kind in LETTERS:
            self.letter = LetterEditor(self._suggested_letter, language=self.language)

        self.error_label = QLabel()
        self.error_label.setObjectName("printError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #a40000;")
        self.error_label.hide()
        self.busy_label = QLabel(tr("Preparing the preview…"))
        self.busy = QProgressBar()
        self.busy.setObjectName("printBusy")
        self.busy.setAccessibleName(tr("Preparing the preview"))
        self.busy.setRange(0, 0)  # an indicator without an end: it just runs
        self.busy.setTextVisible(False)
        self.busy_label.hide()
        self.busy.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton(tr("&Preview"))
        self.preview_button.setObjectName("printPreviewButton")
        self.preview_button.setAccessibleName(tr("Preview"))
        self.preview_button.setDefault(True)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.start_preview)
        self.buttons.rejected.connect(self.reject)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter previews; it never throws the choices away
        cancel.setAccessibleName(tr("Cancel"))

        intro = QLabel(report_intro(kind))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.options)
        if self.letter is not None:
            layout.addWidget(self.letter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

        self.case_combo.currentIndexChanged.connect(self._case_changed)
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        if self.options.recipient is not None:  # another doctor: the wording for them
            self.options.recipient.currentIndexChanged.connect(self._language_changed)
        self._case_changed()
        if self.letter is None:
            self.setMinimumWidth(460)

    # The choices -------------------------------------------------------------------
    def case_id(self) -> int | None:
        return self.options.case_id()

    def paper(self) -> str:
        return self.options.paper()

    def _case_changed(self, *_args: object) -> None:
        self.error_label.hide()
        if self.options.asks_appointment():
            self.options.fill_appointments()
        self.options.fill_recipients()
        if self.letter is not None:
            self.letter.refresh()

    def language(self) -> str:
        """The language the report is printed in."""
        return self.options.language()

    def _language_changed(self, *_args: object) -> None:
        if self.letter is not None:  # the suggested wording in the new language
            self.letter.refresh()

    def _suggested_letter(self) -> str:
        case_id = self.case_id()
        if case_id is None:
            return ""
        try:
            with language_scope(self.language()):
                return suggested_text(
                    self.session.dossier, self.kind, case_id, to_id=self.options.to_id()
                )
        except DossierError as exc:
            self.show_error(exc.message)
            return ""

    # Preview ------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def job(self) -> RenderJob:
        """The content of the report, read now; raises the core's DossierError. A letter
        left as suggested is made afresh (its shorter tellings kept for a long case); an
        edited one as the person wrote it."""
        edited = self.letter is not None and self.letter.is_edited()
        letter = self.letter.text() if self.letter is not None and edited else None
        return render_job(self.options, letter)

    def start_preview(self) -> None:
        if self.render_task is not None:
            return
        self.error_label.hide()
        try:
            job = self.job()
        except DossierError as exc:
            self.show_error(exc.message)
            return
        self._cancelled = False
        self._set_busy(True)
        if self.session.dossier.vault.cipher is not None:  # protected: in memory only
            self.render_task = start_render_to_memory(
                job,
                done=lambda pdf, pages: self._rendered(job, pdf, pages),
                failed=self._failed,
                owner=self,
            )
            return
        self.render_task = start_render(
            job,
            done=lambda path, pages: self._rendered(job, path, pages),
            failed=self._failed,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.preview_button.setEnabled(not busy)
        self.options.set_busy(busy)

    def _rendered(self, job: RenderJob, path: Path | bytes, _pages: int) -> None:
        self.render_task = None
        self._set_busy(False)
        if self._cancelled:
            if isinstance(path, Path):
                remove_folder(path.parent)
            return
        name = self.session_name()
        title = job.title
        preview = PreviewWindow(
            path,
            title,
            paper=job.paper,
            file_name=safe_file_name(f"{title} - {name}" if name else title),
            parent=self.parentWidget(),
        )
        self.preview = preview
        preview.show()
        preview.raise_()
        preview.activateWindow()
        self.preview_ready.emit(preview)
        self.accept()

    def _failed(self, reason: str) -> None:
        self.render_task = None  # its folder is removed already
        self._set_busy(False)
        if not self._cancelled:
            self.show_error(tr("The preview could not be made: {reason}", reason=reason))

    def session_name(self) -> str:
        try:
            return str(records.get(self.session.dossier, "person", 1).get("name") or "")
        except DossierError:
            return ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.preview_button.setDefault(True)  # the button box picks its own default on show
        # Tall enough for its wrapped lines at the width it got (with large text they wrap
        # onto more lines than the first estimate allowed, and the last rows would overlap).
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = max(layout.totalHeightForWidth(self.width()), self.height())
            # Within the screen, its frame too (a letter's editor then scrolls sooner).
            room = self.screen().availableGeometry().height() - 40
            height = max(min(needed, room), self.minimumSizeHint().height())
            if height != self.height():
                self.resize(self.width(), height)

    def reject(self) -> None:
        edited = self.letter is not None and self.letter.is_edited()
        if edited and self.isVisible() and not self._discarding:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                tr("Close without printing? Your changes to the letter will be lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        if self.render_task is not None:
            self._cancelled = True  # the file is thrown away when the render is done
            self.render_task.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        if self.isVisible():
            event.ignore()  # the person chose to keep the edited letter
        else:
            event.accept()

    def discard(self) -> None:
        """Close without asking (the dossier was closed)."""
        self._discarding = True
        self.reject()
