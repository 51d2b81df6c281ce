"""What the print dialog previews: the report chosen, its content read from the dossier now
(on the UI thread) into a :class:`~.runner.RenderJob` that a task then lays out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ...core.errors import DossierError
from ...core.reports.brief import consultation_brief
from ...core.reports.comparison import comparison_report
from ...core.reports.dates import DateFormatter
from ...core.reports.document_index import document_index
from ...core.reports.packet_plan import packet_plan
from ...core.reports.question_sheet import question_sheet
from ...core.reports.request_letter import request_letter
from .print_options import PrintOptions, report_title
from .runner import RenderJob


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintDialog", text)


def render_job(options: PrintOptions, dates: DateFormatter, letter: str | None = None) -> RenderJob:
    """The report ``options`` ask for (``letter`` the text of a request letter); raises the
    core's DossierError."""
    dossier = options.session.dossier
    kind = options.kind
    case_id = options.case_id()
    paper = options.paper()
    if case_id is None and kind != "index":
        raise DossierError(_tr("Choose a case first: this dossier has none yet."))
    title = report_title(kind)
    if kind == "packet":
        assert case_id is not None
        plan = packet_plan(
            dossier,
            case_id,
            appointment_id=options.appointment_id(),
            large_print=options.large_print.isChecked(),
            translations=options.translations_into(),
            dates=dates,
        )
        return RenderJob(_tr("Consultation packet"), paper, plan=plan, dates=dates)
    report: Any
    if kind == "brief":
        assert case_id is not None
        report = consultation_brief(dossier, case_id, dates=dates)
    elif kind == "questions":
        report = question_sheet(
            dossier,
            case_id=case_id,
            appointment_id=options.appointment_id(),
            large_print=options.large_print.isChecked(),
            dates=dates,
        )
    elif kind == "comparison":
        assert case_id is not None
        report = comparison_report(dossier, case_id, dates=dates)
    elif kind == "request-letter":
        assert case_id is not None and letter is not None
        if not letter.strip():
            raise DossierError(
                _tr("The letter is empty. Write it, or restore the suggested wording.")
            )
        report = request_letter(dossier, case_id, text=letter, dates=dates)
        title = _tr("Records request letter")
    else:
        report = document_index(dossier, case_id, dates=dates)
    return RenderJob(
        report.title or title, paper, report=report, large_print=options.large_print.isChecked()
    )
