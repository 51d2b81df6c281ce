"""The tabs of the case shown: its details, diagnoses, treatments so far, opinions,
documents, comparison, plan and hand-overs.

Only the tab in view is filled with the case shown; the hidden ones wait until they are
shown. Switching cases then rebuilds one list and form instead of three, which keeps it
quick (and spares the many widget calls of forms nobody is looking at).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

from ...core import records
from ...core.i18n import tr
from ..comparison import ComparisonView
from ..models.record_table import Column
from ..plan.plan_view import PlanView
from ..session import Session
from ..widgets.doctor_place import fill_place_from_doctor
from ..widgets.editors import RefEditor
from ..widgets.form_pane import FormPane
from ..widgets.record_form import RecordForm, fit_form
from ..widgets.shown_page_size import ShownPageSize
from .case_documents import CaseDocuments
from .case_fields import DETAILS, explain_case_fields
from .case_handover import HandoverTab
from .case_records import CaseRecordPage
from .labels import ordinal_text
from .opinion_header import OpinionHeader


class CaseTabs(QTabWidget):
    """The parts of the case ``case_id``; every tab but the details waits for a saved case."""

    def __init__(
        self,
        session: Session,
        contact_name: Callable[[dict[str, Any]], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        self.details = RecordForm(session, "case", fields=DETAILS)
        self.details.setObjectName("caseDetails")
        self.details.heading.hide()  # the case's title is already above the tabs
        details_pane = FormPane(self.details)
        fit_form(self.details, details_pane.scroll_area)  # narrows with its tab, never cut
        self.diagnoses = CaseRecordPage(
            session,
            "diagnosis",
            [
                Column("name", tr("Diagnosis")),
                Column("icd10", tr("ICD-10")),
                Column("status", tr("Status")),
                Column("diagnosed_on", tr("Date")),
                Column("contact_id", tr("Diagnosed by"), text=contact_name),
            ],
            title=tr("Diagnoses"),
        )
        self.diagnoses.setObjectName("caseDiagnoses")
        self.treatments = CaseRecordPage(
            session,
            "treatment",
            [
                Column("name", tr("Treatment")),
                Column("kind", tr("Kind")),
                Column("started_on", tr("Started")),
                Column("ended_on", tr("Ended")),
                Column("contact_id", tr("Given by"), text=contact_name),
            ],
            title=tr("Treatments"),
            intro=tr(
                "What has been given or tried so far. A treatment a doctor advises for "
                "later is kept with the opinions."
            ),
        )
        self.treatments.setObjectName("caseTreatments")
        self.opinions = CaseRecordPage(
            session,
            "opinion",
            [
                Column("ordinal", tr("Which"), text=ordinal_text),
                Column("contact_id", tr("Doctor"), text=contact_name),
                Column("institution", tr("Institution")),
                Column("given_on", tr("Date")),
            ],
            title=tr("Opinions"),
            stretch=2,
        )
        self.opinions.setObjectName("caseOpinions")
        # The written report is chosen among the documents filed under the case: a list
        # of every document in the dossier would make this form slow in one of thousands.
        report = self.opinions.form.editors["report_document_id"]
        assert isinstance(report, RefEditor)
        report.only = lambda: {"case_id": self.case_id} if self.case_id is not None else None
        fill_place_from_doctor(self.opinions.form, "institution")
        explain_case_fields(self.details, lambda: self.case_id)
        self.opinion_header = OpinionHeader(session, self.opinions, self)
        self.documents = CaseDocuments(session)
        self.documents.setObjectName("caseDocumentsTab")
        self.comparison = ComparisonView(session)
        self.comparison.setObjectName("caseComparison")
        self.plan = PlanView(session)
        self.handover = HandoverTab(session, contact_name)

        self.setObjectName("caseTabs")
        self.setAccessibleName(tr("Parts of the case"))
        self.addTab(details_pane, tr("Details"))
        self.addTab(self.diagnoses, tr("Diagnoses"))
        self.addTab(self.treatments, tr("Treatments"))
        self.addTab(self.opinions, tr("Opinions"))
        self.addTab(self.documents, tr("Documents"))
        self.addTab(self.comparison, tr("Comparison"))
        self.addTab(self.plan, tr("Plan"))
        self.addTab(self.handover, tr("Hand-over"))
        self.currentChanged.connect(lambda _index: self.load_shown())
        ShownPageSize(self)  # as wide as the tab shown needs, not the widest tab

        for form in (self.details, self.diagnoses.form, self.treatments.form, self.opinions.form):
            for combo in form.findChildren(QComboBox):
                # Long names (a document's title) must not make the form wider than the tab.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(12)
                combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("X") * 12)

    def set_case(self, case_id: int | None) -> None:
        """Show the parts of ``case_id``; None: a new case, its details only."""
        self.case_id = case_id
        self.load_shown()
        for tab in range(1, self.count()):
            self.setTabEnabled(tab, case_id is not None)
        if case_id is None:
            self.setCurrentIndex(0)

    def load_shown(self) -> None:
        """Fill the tab in view with the case shown, unless it shows it already."""
        page = self.currentWidget()
        if (
            isinstance(
                page, CaseRecordPage | CaseDocuments | ComparisonView | PlanView | HandoverTab
            )
            and page.case_id != self.case_id
        ):
            page.set_case(self.case_id)

    def show_counts(self) -> None:
        """How many diagnoses, treatments, opinions and documents the case has, in the
        tabs' titles."""
        for page, name, kind in (
            (self.diagnoses, tr("Diagnoses"), "diagnosis"),
            (self.treatments, tr("Treatments"), "treatment"),
            (self.opinions, tr("Opinions"), "opinion"),
            (self.documents, tr("Documents"), "document"),
        ):
            tab = self.indexOf(page)
            if self.case_id is None:
                self.setTabText(tab, name)
                continue
            n = len(records.list_records(self.session.dossier, kind, case_id=self.case_id))
            self.setTabText(tab, f"{name} ({n})")
