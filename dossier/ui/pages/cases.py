"""Cases: what the person is unsure about, each with its diagnoses, opinions and documents.

The list of cases (open ones first) sits beside the case shown, in tabs: its details,
its diagnoses, its opinions (each with links to its doctor and its documents) and the
documents filed under it. A new case starts in the details form; deleting a case moves
it to the trash together with everything recorded under it.
"""

from __future__ import annotations

from contextlib import suppress
from html import escape
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.clock import today
from ...core.entities import ENTITIES, entity
from ...core.errors import DossierError, NotFoundError
from ...core.records import Change
from ...core.steps import case_steps
from ..comparison import ComparisonView
from ..models.record_table import ID_ROLE, SORT_ROLE, Column, RecordTableModel
from ..session import Session
from ..widgets.common import page_title, record_table, select_source_index
from ..widgets.record_form import RecordForm
from .record_page import RecordPage

_STATUS_ORDER = {"open": 0, "decided": 1, "closed": 2}


def _t(text: str) -> str:
    return QCoreApplication.translate("cases", text)


def _plural(n: int, one: str, many: str) -> str:
    """Whole sentences for one and for many, so each can be translated."""
    return _t(one) if n == 1 else _t(many).replace("%n", str(n))


def ordinal_text(record: dict[str, Any]) -> str:
    """'First opinion', 'Second opinion'… in plain words."""
    n = int(record.get("ordinal") or 1)
    words = {
        1: _t("First opinion"),
        2: _t("Second opinion"),
        3: _t("Third opinion"),
        4: _t("Fourth opinion"),
    }
    return words.get(n, _t("Opinion number %1").replace("%1", str(n)))


def case_title(record: dict[str, Any]) -> str:
    """The case's title, saying so when it is no longer open."""
    title = str(record["title"])
    if record["status"] == "decided":
        return _t("%1 (decided)").replace("%1", title)
    if record["status"] == "closed":
        return _t("%1 (closed)").replace("%1", title)
    return title


def _case_order(record: dict[str, Any]) -> tuple[int, bool, str, str]:
    """Open cases first, then decided, then closed; within each, the nearest deadline first."""
    deadline = record.get("decision_deadline") or ""
    return (
        _STATUS_ORDER.get(record["status"], 3),
        not deadline,
        deadline,
        str(record["title"]).casefold(),
    )


def _case_sort_key(record: dict[str, Any]) -> str:
    """The same order as one string, which the sorting proxy can compare."""
    rank, no_deadline, deadline, title = _case_order(record)
    return f"{rank}{int(no_deadline)}{deadline:10}{title}"


class CaseListModel(RecordTableModel):
    """The cases, open ones first (a header click sorts by a column instead)."""

    def reload(self) -> None:
        self.beginResetModel()
        rows = records.list_records(self.session.dossier, "case")
        self._rows = sorted(rows, key=_case_order)
        self._shown = min(self.CHUNK, len(self._rows))
        self.endResetModel()


class CaseOnlyModel(RecordTableModel):
    """The records of one case; nothing at all (and nothing loaded) while no case is shown."""

    def reload(self) -> None:
        if self.case_id is not None:
            super().reload()
            return
        self.beginResetModel()
        self._rows = []
        self._shown = 0
        self.endResetModel()


class CaseRecordPage(RecordPage):
    """A list and form of one kind of record belonging to the case shown; new ones join it."""

    def __init__(
        self,
        session: Session,
        entity_name: str,
        columns: list[Column],
        *,
        title: str,
        intro: str = "",
        stretch: int = 0,
        leave_out: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            name
            for name in entity(entity_name).field_names
            if name != "case_id" and name not in leave_out
        ]
        super().__init__(
            session, entity_name, columns, title=title, intro=intro, fields=fields, parent=parent
        )
        self.case_id: int | None = None
        self.model.keep = lambda _record: self.case_id is not None
        heading = self.findChild(QLabel, "pageTitle")
        if heading is not None:  # the tab already says what this is
            heading.hide()
        # A tab is narrow: the list on top, the form below it.
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"case{entity_name.title().replace('_', '')}Splitter")
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.table.setMinimumHeight(120)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(title)
        self.set_case(None)

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.model.set_case(case_id)
        self.filter.clear()
        self.new_record()
        self.new_button.setEnabled(case_id is not None)

    def new_defaults(self) -> dict[str, Any]:
        return {"case_id": self.case_id} if self.case_id is not None else {}

    def count(self) -> int:
        return len(self.model.all_records())


class CaseDocuments(QWidget):
    """The documents filed under the case shown: a read-only list; Enter opens one."""

    open_document = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        columns = [
            Column("title", self.tr("Title")),
            Column("kind", self.tr("Kind")),
            Column("document_date", self.tr("Date")),
            Column("bring", self.tr("Bring to next consultation")),
        ]
        self.model = CaseOnlyModel(session, "document", columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("caseDocuments")
        self.table.setAccessibleName(self.tr("Documents of this case"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        record_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.open_button = QPushButton(self.tr("Open document"))
        self.open_button.setObjectName("openDocument")
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        intro = QLabel(
            self.tr(
                "The documents filed under this case. Import documents and change their "
                "details on the Documents page; press Enter or double-click to open one."
            )
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("No documents are filed under this case yet."))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._update)
        self.set_case(None)

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.model.set_case(case_id)

    def count(self) -> int:
        return len(self.model.all_records())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_document.emit(int(index.data(ID_ROLE)))

    def _update(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        self.open_button.setEnabled(self.table.currentIndex().isValid())


class CasesPage(QWidget):
    """The cases beside the case shown, with its details, diagnoses, opinions and documents."""

    open_record = Signal(str, int)  # entity name, record id (e.g. the doctor of an opinion)
    open_document = Signal(int)
    open_document_at = Signal(int, object)  # document id, page (from 1) or None
    case_shown = Signal(object)  # the case id, or None for a new case

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        # Connected before the lists are made, so the names are fresh before they reload.
        self._contacts: dict[int, str] = {}
        self._read_contacts()
        session.changed.connect(self._read_contacts)
        session.reloaded.connect(self._read_contacts)

        # The list of cases ------------------------------------------------------------
        heading = page_title(self.tr("Cases"))
        columns = [
            Column("title", self.tr("Case"), text=case_title, sort=_case_sort_key),
            Column(
                "decision_deadline",
                self.tr("Decide by"),
                sort=lambda r: r.get("decision_deadline") or "9999",
            ),
        ]
        self.model = CaseListModel(session, "case", columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setObjectName("caseFilter")
        self.filter.setPlaceholderText(self.tr("Filter the cases…"))
        self.filter.setAccessibleName(self.tr("Filter the cases"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QTableView()
        self.list.setObjectName("caseList")
        self.list.setAccessibleName(self.tr("Cases"))
        self.list.setModel(self.proxy)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # open cases first
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.selectionModel().currentRowChanged.connect(self._on_current)
        self.new_button = QPushButton(self.tr("New case"))
        self.new_button.setObjectName("newCase")
        self.new_button.clicked.connect(self.new_case)
        self.delete_button = QPushButton(self.tr("Move case to trash"))
        self.delete_button.setObjectName("deleteCase")
        self.delete_button.setToolTip(
            self.tr("The case goes to the trash with everything recorded under it.")
        )
        self.delete_button.clicked.connect(self.delete_case)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)

        # The case shown ---------------------------------------------------------------
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.next_step = QLabel()
        self.next_step.setObjectName("caseNextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.RichText)
        self.next_step.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_step.setContentsMargins(8, 6, 8, 6)
        self.message = QLabel()
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.details = RecordForm(session, "case")
        self.details.setObjectName("caseDetails")
        self.details.heading.hide()  # the case's title is already above the tabs
        details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setWidget(self.details)
        self.diagnoses = CaseRecordPage(
            session,
            "diagnosis",
            [
                Column("name", self.tr("Diagnosis")),
                Column("icd10", self.tr("ICD-10")),
                Column("status", self.tr("Status")),
                Column("diagnosed_on", self.tr("Date")),
                Column("contact_id", self.tr("Diagnosed by"), text=self._contact_name),
            ],
            title=self.tr("Diagnoses"),
        )
        self.diagnoses.setObjectName("caseDiagnoses")
        self.opinions = CaseRecordPage(
            session,
            "opinion",
            [
                Column("ordinal", self.tr("Which"), text=ordinal_text),
                Column("contact_id", self.tr("Doctor"), text=self._contact_name),
                Column("institution", self.tr("Institution")),
                Column("given_on", self.tr("Date")),
            ],
            title=self.tr("Opinions"),
            stretch=2,
            # The written report is shown as a link above the form (it is linked to the
            # opinion on the Documents page): a list of every document in the dossier
            # would make this form slow to fill in a dossier of thousands.
            leave_out=("report_document_id",),
        )
        self.opinions.setObjectName("caseOpinions")
        self.opinion_links = QLabel()
        self.opinion_links.setObjectName("opinionLinks")
        self.opinion_links.setAccessibleName(self.tr("The doctor and documents of this opinion"))
        self.opinion_links.setWordWrap(True)
        self.opinion_links.setTextFormat(Qt.TextFormat.RichText)
        self.opinion_links.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.opinion_links.linkActivated.connect(self._follow_link)
        opinion_form = self.opinions.form.layout()
        assert isinstance(opinion_form, QVBoxLayout)
        opinion_form.insertWidget(2, self.opinion_links)
        # "Second opinion from Dr. …" instead of the form's own heading (institution · date).
        self.opinion_heading = QLabel()
        self.opinion_heading.setObjectName("opinionHeading")
        self.opinion_heading.setWordWrap(True)
        self.opinion_heading.setFont(self.opinions.form.heading.font())
        self.opinion_heading.hide()
        opinion_form.insertWidget(1, self.opinion_heading)
        self.opinions.selected.connect(self._show_opinion_links)
        self.documents = CaseDocuments(session)
        self.documents.setObjectName("caseDocumentsTab")
        self.documents.open_document.connect(self.open_document)
        self.comparison = ComparisonView(session)
        self.comparison.setObjectName("caseComparison")
        self.comparison.open_document.connect(self.open_document_at)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.setAccessibleName(self.tr("Parts of the case"))
        self.tabs.addTab(details_scroll, self.tr("Details"))
        self.tabs.addTab(self.diagnoses, self.tr("Diagnoses"))
        self.tabs.addTab(self.opinions, self.tr("Opinions"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.addTab(self.comparison, self.tr("Comparison"))
        self.tabs.currentChanged.connect(lambda _index: self._load_tab())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.next_step)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("casesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        for form in (self.details, self.diagnoses.form, self.opinions.form):
            for combo in form.findChildren(QComboBox):
                # Long names (a document's title) must not make the form wider than the tab.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(12)
                combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("X") * 12)
        self.details.saved.connect(self._on_details_saved)
        session.changed.connect(self._after_change)
        session.reloaded.connect(self._after_reload)
        self._show_first()

    # Showing a case ----------------------------------------------------------------
    def show_case(self, case_id: int) -> bool:
        """Select the case ``case_id`` and show it; False when there is no such live case."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        select_source_index(self.list, self.proxy, self.model.index(row, 0), self.filter)
        if self.case_id != case_id:  # the selection did not change: show it anyway
            self._show(case_id)
        return True

    def new_case(self) -> None:
        """An empty case form; the other tabs wait until the case is saved."""
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.message.hide()
        self._set_case(None)
        self.details.set_record(None, opened_on=today().isoformat())
        self.tabs.setCurrentIndex(0)
        self.details.editors["title"].widget.setFocus()

    def delete_case(self) -> Change | None:
        """Move the case shown to the trash, with all its records; say how to get it back."""
        case_id = self.case_id
        if case_id is None:
            return None
        try:
            change = self.session.apply(lambda d: records.delete(d, "case", case_id))
        except DossierError as exc:
            self._say(exc.message)
            return None
        title = str(change.before["title"]) if change.before else ""
        others = len(change.also)
        text = (
            _t("“%1” is in the trash.")
            if others == 0
            else _plural(
                others,
                "“%1” is in the trash, with one record that belonged to it.",
                "“%1” is in the trash, with the %n records that belonged to it.",
            )
        )
        self._say(
            text.replace("%1", title)
            + " "
            + self.tr("To get it back, use Undo (Ctrl+Z) or restore it on the Trash page.")
        )
        return change

    def _contact_name(self, record: dict[str, Any]) -> str:
        contact_id = record.get("contact_id")
        return self._contacts.get(contact_id, "") if contact_id is not None else ""

    def _read_contacts(self, change: Change | None = None) -> None:
        """Names of contacts for the lists, read when they change, never while painting."""
        if change is None or change.entity == "contact":
            everyone = records.list_records(self.session.dossier, "contact", include_deleted=True)
            self._contacts = {c["id"]: str(c["name"]) for c in everyone}

    def current_case(self) -> dict[str, Any] | None:
        if self.case_id is None:
            return None
        try:
            return records.get(self.session.dossier, "case", self.case_id)
        except NotFoundError:
            return None

    # Reactions ------------------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            case_id = int(current.data(ID_ROLE))
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
        self.case_id = case_id
        self._load_tab()
        for tab in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(tab, case_id is not None)
        if case_id is None:
            self.tabs.setCurrentIndex(0)
        self.delete_button.setEnabled(case_id is not None)
        self._show_opinion_links(None)
        self._refresh_header()
        self.case_shown.emit(case_id)

    def _load_tab(self) -> None:
        """Fill the tab in view with the case shown; the hidden ones wait until they are shown.

        Switching cases then rebuilds one list and form instead of three, which keeps it
        quick (and spares the many widget calls of forms nobody is looking at).
        """
        page = self.tabs.currentWidget()
        if (
            isinstance(page, CaseRecordPage | CaseDocuments | ComparisonView)
            and page.case_id != self.case_id
        ):
            page.set_case(self.case_id)

    def _show_first(self) -> None:
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.show_case(int(first.data(ID_ROLE)))
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
        if self.case_id is not None and not self.list.currentIndex().isValid():
            self.show_case(self.case_id)

    def _refresh_header(self) -> None:
        for tab, name, kind in (
            (1, self.tr("Diagnoses"), "diagnosis"),
            (2, self.tr("Opinions"), "opinion"),
            (3, self.tr("Documents"), "document"),
        ):
            if self.case_id is None:
                self.tabs.setTabText(tab, name)
                continue
            n = len(records.list_records(self.session.dossier, kind, case_id=self.case_id))
            self.tabs.setTabText(tab, f"{name} ({n})")
        case = self.current_case()
        if case is None:
            self.title.setText(self.tr("New case"))
            self.next_step.setText(
                escape(
                    self.tr(
                        "A case is one thing you are unsure about: a diagnosis, a treatment "
                        "plan, an operation, or a decision by an insurer or an agency. Give "
                        "it a short title and write down the question you want answered."
                    )
                )
            )
            return
        self.title.setText(str(case["title"]))
        progress = case_steps(self.session.dossier, case["id"])
        step = progress.next_step()
        done = self.tr("Steps done: %1 of 6.").replace("%1", str(progress.done_count))
        if step is None:
            decided = progress.step("decision").status
            self.next_step.setText(f"{escape(done)} {escape(decided)}")
            return
        label = (
            self.tr("Next step")
            if step.number == 0
            else self.tr("Next: step %1, %2")
            .replace("%1", str(step.number))
            .replace("%2", step.title)
        )
        what = step.hint or step.status
        self.next_step.setText(f"<b>{escape(label)}</b> — {escape(what)}<br>{escape(done)}")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # Opinion links ----------------------------------------------------------------------
    def _show_opinion_links(self, opinion: dict[str, Any] | None) -> None:
        if opinion is None:
            self.opinion_links.clear()
            self.opinion_links.hide()
            self.opinion_heading.hide()
            self.opinions.form.heading.show()
            return
        dossier = self.session.dossier
        parts: list[str] = []
        contact_id = opinion.get("contact_id")
        heading = ordinal_text(opinion)
        if contact_id is not None:
            try:
                doctor = records.get(dossier, "contact", contact_id, include_deleted=True)
                heading = self.tr("%1 from %2").replace("%1", heading).replace("%2", doctor["name"])
                parts.append(
                    f"{escape(self.tr('Doctor:'))} "
                    f"<a href='contact:{contact_id}'>{escape(str(doctor['name']))}</a>"
                )
            except NotFoundError:
                pass
        documents = self._documents_of(opinion)
        if documents:
            links = ", ".join(
                f"<a href='document:{d['id']}'>{escape(str(d['title']))}</a>" for d in documents
            )
            parts.append(f"{escape(self.tr('Documents:'))} {links}")
        else:
            parts.append(
                escape(
                    self.tr(
                        "No written report is linked to this opinion yet. Link it on the "
                        "Documents page, or ask the doctor for one."
                    )
                )
            )
        self.opinion_heading.setText(heading)
        self.opinion_heading.show()
        self.opinions.form.heading.hide()
        self.opinion_links.setText("<br>".join(parts))
        self.opinion_links.show()

    def _documents_of(self, opinion: dict[str, Any]) -> list[dict[str, Any]]:
        dossier = self.session.dossier
        found: dict[int, dict[str, Any]] = {}
        report = opinion.get("report_document_id")
        if report is not None:
            with suppress(NotFoundError):
                found[report] = records.get(dossier, "document", report)
        for document in records.list_records(dossier, "document", case_id=opinion["case_id"]):
            if opinion["id"] in document.get("opinion_ids", []):
                found.setdefault(document["id"], document)
        return list(found.values())

    def _follow_link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if not number.isdigit():
            return
        if kind == "document":
            self.open_document.emit(int(number))
        elif kind in ENTITIES:
            self.open_record.emit(kind, int(number))


__all__ = ["CaseDocuments", "CaseListModel", "CaseRecordPage", "CasesPage"]
