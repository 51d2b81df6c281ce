"""Cases: what the person is unsure about, each with its diagnoses, treatments, opinions
and documents.

The list of cases (open ones first) sits beside the case shown, in tabs: its details,
its diagnoses, the treatments given or tried so far, its opinions (each with links to
its doctor and its documents) and the documents filed under it. A new case starts in
the details form; deleting a case moves it to the trash together with everything
recorded under it.

The page puts together its parts (:mod:`dossier.ui.cases`): the list on the left, the
case's header and tabs on the right. What follows here is which case is shown, and how
the page follows changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...core import records
from ...core.bidi import isolate
from ...core.clock import today
from ...core.errors import NotFoundError
from ...core.i18n import ntr, tr
from ...core.records import Change
from ..cases.case_header import CaseHeader
from ..cases.case_list import CaseList
from ..cases.case_tabs import CaseTabs
from ..handover.actions import send_button
from ..models.names import ContactNames
from ..session import Session


class CasesPage(QWidget):
    """The cases beside the case shown, with its details, diagnoses, opinions and documents."""

    open_record = Signal(str, int)  # entity name, record id (e.g. the doctor of an opinion)
    open_document = Signal(int)
    open_document_at = Signal(int, object)  # document id, page (from 1) or None
    case_shown = Signal(object)  # the case id, or None for a new case

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Made before the lists, so the names are fresh before they reload.
        self.contact_names = ContactNames(session, self)
        self.case_list = CaseList(session)
        self.case_list.chosen.connect(self._on_chosen)
        self.case_list.new_button.clicked.connect(self.new_case)
        self.case_list.delete_button.clicked.connect(self.delete_case)
        self.header = CaseHeader(session)
        self.message = QLabel()
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.tabs = CaseTabs(session, self.contact_names.of)
        self.tabs.opinion_header.open_record.connect(self.open_record)
        self.tabs.opinion_header.open_document.connect(self.open_document)
        self.tabs.documents.open_document.connect(self.open_document)
        self.tabs.comparison.open_document.connect(self.open_document_at)
        self.tabs.plan.print_plan.connect(self._print_plan)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.send_button = send_button(session, lambda: self.case_id, self)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(header_row)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("casesSplitter")
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        # The parts' widgets by the names the tests and the rest of the window use.
        self.model = self.case_list.model
        self.proxy = self.case_list.proxy
        self.filter = self.case_list.filter
        self.list = self.case_list.list
        self.new_button = self.case_list.new_button
        self.delete_button = self.case_list.delete_button
        self.title = self.header.title
        self.next_step = self.header.next_step
        self.details = self.tabs.details
        self.diagnoses = self.tabs.diagnoses
        self.treatments = self.tabs.treatments
        self.opinions = self.tabs.opinions
        self.documents = self.tabs.documents
        self.comparison = self.tabs.comparison
        self.plan = self.tabs.plan
        self.opinion_heading = self.tabs.opinion_header.heading
        self.opinion_links = self.tabs.opinion_header.links

        self.details.saved.connect(self._on_details_saved)
        session.changed.connect(self._after_change)
        session.reloaded.connect(self._after_reload)
        self._show_first()

    @property
    def case_id(self) -> int | None:
        """The case shown, or None while a new one is being written."""
        return self.tabs.case_id

    # Showing a case ----------------------------------------------------------------
    def show_case(self, case_id: int) -> bool:
        """Select the case ``case_id`` and show it; False when there is no such live case."""
        if not self.case_list.select(case_id):
            return False
        if self.case_id != case_id:  # the selection did not change: show it anyway
            self._show(case_id)
        return True

    def new_case(self) -> None:
        """An empty case form; the other tabs wait until the case is saved."""
        self.case_list.clear_selection()
        self.message.hide()
        self._set_case(None)
        self.details.set_record(None, opened_on=today().isoformat())
        self.tabs.setCurrentIndex(0)
        self.details.editors["title"].widget.setFocus()

    def show_plan(self, case_id: int) -> bool:
        """Show the case ``case_id`` on its Plan tab; False when there is no such case."""
        if not self.show_case(case_id):
            return False
        self.tabs.setCurrentWidget(self.tabs.plan)
        return True

    def _print_plan(self) -> None:
        menus = getattr(self.window(), "menus", None)  # the main window's print menu
        if menus is not None:
            menus.print_menu.open("plan")

    def delete_case(self) -> Change | None:
        """Move the case shown to the trash, with all its records; say how to get it back."""
        case_id = self.case_id
        if case_id is None:
            return None
        change = self.session.apply(
            lambda d: records.delete(d, "case", case_id), lambda error: self._say(error.message)
        )
        if change is None:
            return None
        title = str(change.before["title"]) if change.before else ""
        others = len(change.also)
        name = isolate(title)
        text = (
            tr("“{name}” is in the trash.", name=name)
            if others == 0
            else ntr(
                "“{name}” is in the trash, with {n} record that belonged to it.",
                "“{name}” is in the trash, with the {n} records that belonged to it.",
                others,
                name=name,
            )
        )
        self._say(
            text + " " + tr("To get it back, use Undo (Ctrl+Z) or restore it on the Trash page.")
        )
        return change

    def current_case(self) -> dict[str, Any] | None:
        if self.case_id is None:
            return None
        try:
            return records.get(self.session.dossier, "case", self.case_id)
        except NotFoundError:
            return None

    # Reactions ------------------------------------------------------------------------
    def _on_chosen(self, case_id: int) -> None:
        if case_id != self.case_id:
            self._show(case_id)

    def _show(self, case_id: int) -> None:
        try:
            record = records.get(self.session.dossier, "case", case_id)
        except NotFoundError:
            self._show_first()
            return
        self.message.hide()
        self._set_case(case_id)
        self.details.set_record(record)

    def _set_case(self, case_id: int | None) -> None:
        self.tabs.set_case(case_id)
        self.delete_button.setEnabled(case_id is not None)
        self.send_button.setEnabled(case_id is not None)
        self.tabs.opinion_header.show_opinion(None)
        self._refresh_header()
        self.case_shown.emit(case_id)

    def _show_first(self) -> None:
        first = self.case_list.first_case()
        if first is not None:
            self.show_case(first)
        else:
            self.new_case()

    def _on_details_saved(self, change: Change) -> None:
        if change.action == "created":
            self.show_case(change.id)

    def _after_change(self, change: Change) -> None:
        if change.entity == "case":
            live = change.after is not None and change.after.get("deleted_at") is None
            if live and (change.id == self.case_id or change.action in ("created", "restored")):
                self.show_case(change.id)
                if self.details.record is not None and self.details.record["id"] == change.id:
                    self.details.set_record(records.get(self.session.dossier, "case", change.id))
            elif not live and change.id == self.case_id:
                self._set_case(None)
                self._show_first()
            elif self.case_id is not None:
                self._reselect()
        self._refresh_header()

    def _after_reload(self) -> None:
        if self.case_id is not None and self.current_case() is not None:
            self.show_case(self.case_id)
            case = self.current_case()
            if case is not None:
                self.details.set_record(case)
        else:
            self._set_case(None)
            self._show_first()

    def _reselect(self) -> None:
        """Select the case shown again after the list was reloaded."""
        if self.case_id is not None and not self.case_list.has_current():
            self.show_case(self.case_id)

    def _refresh_header(self) -> None:
        self.tabs.show_counts()
        self.header.show_case(self.current_case())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


__all__ = ["CasesPage"]
