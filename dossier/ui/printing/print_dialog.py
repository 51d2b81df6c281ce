"""One small dialog per printed report: the case, what else the report needs, the paper,
then "Preview". The preview is rendered on a worker thread while a busy bar runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.reports.brief import consultation_brief
from ...core.reports.comparison import comparison_report
from ...core.reports.document_index import document_index
from ...core.reports.packet_plan import packet_plan
from ...core.reports.question_sheet import next_appointment, question_sheet
from ...core.reports.request_letter import letter_text, request_letter
from ..formatting import datetime_text
from ..session import Session
from ..tasks import Task
from .letter_editor import LetterEditor
from .preview import PreviewWindow, safe_file_name
from .runner import RenderJob, default_paper, locale_dates, remove_folder, start_render

KINDS = ("brief", "questions", "comparison", "request-letter", "index", "packet")
WHOLE_DOSSIER = -1  # the document index of every document, not of one case


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
        self.print_locale = locale or QLocale()
        self.dates = locale_dates(self.print_locale)
        self.preview: PreviewWindow | None = None
        self.render_task: Task | None = None
        self._cancelled = False
        self._discarding = False
        self.setWindowTitle(self._title())

        self.case_combo = QComboBox()
        self.case_combo.setObjectName("printCase")
        self.case_combo.setAccessibleName(self.tr("Case"))
        self.appointment_combo = QComboBox()
        self.appointment_combo.setObjectName("printAppointment")
        self.appointment_combo.setAccessibleName(self.tr("Appointment"))
        self.large_print = QCheckBox(self.tr("&Large print"))
        self.large_print.setObjectName("printLargePrint")
        self.large_print.setAccessibleName(self.tr("Large print"))
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("printPaper")
        self.paper_combo.setAccessibleName(self.tr("Paper size"))
        self.paper_combo.addItem(self.tr("A4 (210 × 297 mm)"), "a4")
        self.paper_combo.addItem(self.tr("Letter (8.5 × 11 in)"), "letter")
        self.paper_combo.setCurrentIndex(
            self.paper_combo.findData(default_paper(self.print_locale))
        )

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Case:"), self.case_combo), self.case_combo)
        if kind in ("questions", "packet"):
            form.addRow(
                self._label(self.tr("&Questions of:"), self.appointment_combo),
                self.appointment_combo,
            )
            form.addRow("", self.large_print)
        form.addRow(self._label(self.tr("&Paper:"), self.paper_combo), self.paper_combo)

        self.letter: LetterEditor | None = None
        if kind == "request-letter":
            self.letter = LetterEditor(self._suggested_letter)

        self.error_label = QLabel()
        self.error_label.setObjectName("printError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #a40000;")
        self.error_label.hide()
        self.busy_label = QLabel(self.tr("Preparing the preview…"))
        self.busy = QProgressBar()
        self.busy.setObjectName("printBusy")
        self.busy.setAccessibleName(self.tr("Preparing the preview"))
        self.busy.setRange(0, 0)  # an indicator without an end: it just runs
        self.busy.setTextVisible(False)
        self.busy_label.hide()
        self.busy.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("printPreviewButton")
        self.preview_button.setAccessibleName(self.tr("Preview"))
        self.preview_button.setDefault(True)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.start_preview)
        self.buttons.rejected.connect(self.reject)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter previews; it never throws the choices away
        cancel.setAccessibleName(self.tr("Cancel"))

        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if self.letter is not None:
            layout.addWidget(self.letter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

        self._fill_cases(case_id)
        self.case_combo.currentIndexChanged.connect(self._case_changed)
        self._case_changed()
        if self.letter is None:
            self.setMinimumWidth(460)

    # Building the form ------------------------------------------------------------
    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _title(self) -> str:
        return {
            "brief": self.tr("Print the consultation brief"),
            "questions": self.tr("Print the question sheet"),
            "comparison": self.tr("Print the comparison of opinions"),
            "request-letter": self.tr("Print a records request letter"),
            "index": self.tr("Print the document index"),
            "packet": self.tr("Print the consultation packet"),
        }[self.kind]

    def _intro(self) -> str:
        return {
            "brief": self.tr(
                "One or two pages for the consulting doctor: who you are, your question, "
                "the history so far, treatment, medications and the enclosed documents."
            ),
            "questions": self.tr(
                "Your questions in order, with room to write the answers during the appointment."
            ),
            "request-letter": self.tr(
                "A letter asking a hospital or practice for a complete copy of your records."
            ),
            "comparison": self.tr(
                "The opinions side by side on landscape pages: what each says on every "
                "aspect, your verdicts and notes, the sources, the summary and the decision."
            ),
            "index": self.tr("Every document with its date, kind, source and number of pages."),
            "packet": self.tr(
                "The brief, the question sheet and every document marked to bring, "
                "in one PDF with page numbers."
            ),
        }[self.kind]

    def _fill_cases(self, case_id: int | None) -> None:
        cases = records.list_records(self.session.dossier, "case")
        for case in cases:
            title = case.get("title") or self.tr("Case {id}").format(id=case["id"])
            if case.get("status") == "closed":
                title = self.tr("{title} (closed)").format(title=title)
            self.case_combo.addItem(title, case["id"])
        if self.kind == "index":
            self.case_combo.addItem(self.tr("All documents in the dossier"), WHOLE_DOSSIER)
        wanted = case_id
        if wanted is None or self.case_combo.findData(wanted) < 0:
            open_ones = [c["id"] for c in cases if c.get("status") != "closed"]
            wanted = (open_ones or [c["id"] for c in cases] or [WHOLE_DOSSIER])[0]
        self.case_combo.setCurrentIndex(max(0, self.case_combo.findData(wanted)))

    def case_id(self) -> int | None:
        value = self.case_combo.currentData()
        return None if value in (None, WHOLE_DOSSIER) else int(value)

    def _case_changed(self, *_args: object) -> None:
        self.error_label.hide()
        if self.kind in ("questions", "packet"):
            self._fill_appointments()
        if self.letter is not None:
            self.letter.refresh()

    def _fill_appointments(self) -> None:
        combo = self.appointment_combo
        combo.clear()
        case_id = self.case_id()
        if self.kind == "packet":
            combo.addItem(self.tr("The next appointment (or the case's open questions)"), None)
        else:
            combo.addItem(self.tr("The whole case (questions not yet answered)"), None)
        if case_id is None:
            return
        for appointment in records.list_records(
            self.session.dossier, "appointment", case_id=case_id
        ):
            when = datetime_text(appointment.get("starts_at"))
            purpose = (appointment.get("purpose") or "").strip()
            combo.addItem(f"{when} · {purpose}" if purpose else when, appointment["id"])
        if self.kind == "questions":
            upcoming = next_appointment(self.session.dossier, case_id)
            index = combo.findData(upcoming) if upcoming is not None else -1
            combo.setCurrentIndex(max(0, index))

    def _suggested_letter(self) -> str:
        case_id = self.case_id()
        if case_id is None:
            return ""
        try:
            return letter_text(self.session.dossier, case_id, dates=self.dates)
        except DossierError as exc:
            self.show_error(exc.message)
            return ""

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    # Preview ------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def job(self) -> RenderJob:
        """The content of the report, read now; raises the core's DossierError."""
        dossier = self.session.dossier
        case_id = self.case_id()
        paper = self.paper()
        if case_id is None and self.kind != "index":
            raise DossierError(self.tr("Choose a case first: this dossier has none yet."))
        title = self._title()
        if self.kind == "packet":
            assert case_id is not None
            plan = packet_plan(
                dossier,
                case_id,
                appointment_id=self.appointment_combo.currentData(),
                large_print=self.large_print.isChecked(),
                dates=self.dates,
            )
            return RenderJob(self.tr("Consultation packet"), paper, plan=plan, dates=self.dates)
        report: Any
        if self.kind == "brief":
            assert case_id is not None
            report = consultation_brief(dossier, case_id, dates=self.dates)
        elif self.kind == "questions":
            report = question_sheet(
                dossier,
                case_id=case_id,
                appointment_id=self.appointment_combo.currentData(),
                large_print=self.large_print.isChecked(),
                dates=self.dates,
            )
        elif self.kind == "comparison":
            assert case_id is not None
            report = comparison_report(dossier, case_id, dates=self.dates)
        elif self.kind == "request-letter":
            assert case_id is not None and self.letter is not None
            text = self.letter.text()
            if not text.strip():
                raise DossierError(
                    self.tr("The letter is empty. Write it, or restore the suggested wording.")
                )
            report = request_letter(dossier, case_id, text=text, dates=self.dates)
            title = self.tr("Records request letter")
        else:
            report = document_index(dossier, case_id, dates=self.dates)
        return RenderJob(report.title or title, paper, report=report)

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
        for widget in (self.case_combo, self.appointment_combo, self.paper_combo):
            widget.setEnabled(not busy)

    def _rendered(self, job: RenderJob, path: Path, _pages: int) -> None:
        self.render_task = None
        self._set_busy(False)
        if self._cancelled:
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
            self.show_error(
                self.tr("The preview could not be made: {reason}").format(reason=reason)
            )

    def session_name(self) -> str:
        try:
            return str(records.get(self.session.dossier, "person", 1).get("name") or "")
        except DossierError:
            return ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.preview_button.setDefault(True)  # the button box picks its own default on show

    def reject(self) -> None:
        edited = self.letter is not None and self.letter.is_edited()
        if edited and self.isVisible() and not self._discarding:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Close without printing? Your changes to the letter will be lost."),
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
