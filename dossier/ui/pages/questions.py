"""Questions to ask, per case and per appointment, put in order by dragging them.

A new order is written through the session as one step (``core.questions.reorder``),
so one Ctrl+Z puts the old order back. Move up and Move down (Alt+Up, Alt+Down) do
the same from the keyboard. Priority and category can be changed in the list
itself (double-click or F2) or in the form beside it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import questions, records
from ...core.clock import today
from ...core.entities import PRIORITIES
from ...core.errors import DossierError
from ...core.history import ChangeGroup
from ...core.records import Change
from ..formatting import choice_label
from ..models.record_table import ID_ROLE, Column, RecordTableModel
from ..session import Session
from ..widgets.common import page_title, push_button
from ..widgets.record_form import RecordForm
from .calendar import RoomyDelegate, day_text, fit_form, time_text

MIME_TYPE = "application/x-dossier-question-ids"
ALL = "all"  # the appointment filter: every question
NONE = "none"  # the appointment filter: questions for no appointment in particular
FORM_FIELDS = (
    "text",
    "case_id",
    "appointment_id",
    "priority",
    "category",
    "asked",
    "answer",
    "answered_by_id",
)
_Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("questions", text)


def appointment_label(session: Session, appointment: dict[str, Any], *, short: bool = False) -> str:
    """'Thu 21 May 2026, 10:30 · Dr. Weiss' for filters; short: '21 May · Dr. Weiss'."""
    when = appointment["starts_at"]
    day = date.fromisoformat(when[:10])
    if short:
        pattern = "d MMM" if day.year == today().year else "d MMM yyyy"
        text = QLocale().toString(QDate(day.year, day.month, day.day), pattern)
    else:
        text = day_text(day) + ", " + time_text(when[11:16])
    who = ""
    if appointment.get("contact_id") is not None:
        try:
            who = str(
                records.get(
                    session.dossier, "contact", appointment["contact_id"], include_deleted=True
                )["name"]
            )
        except DossierError:
            who = ""
    return f"{text} · {who}" if who else text


def status_text(record: dict[str, Any]) -> str:
    if (record.get("answer") or "").strip():
        return _t("Answered")
    if record.get("asked"):
        return _t("Asked")
    return _t("To ask")


class QuestionsModel(RecordTableModel):
    """The questions in their order; rows can be dragged to a new place."""

    appointment_filter: int | str = ALL
    unanswered_only: bool = False
    CASE, ORDER, TEXT, PRIORITY, CATEGORY, APPOINTMENT, STATUS = range(7)
    EDITABLE = ("priority", "category")

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        self._appointments: dict[int, str] = {}
        self._cases: dict[int, str] = {}
        columns = [
            Column("case_id", _t("Case"), text=self._case_text),
            Column("order", _t("No.")),
            Column("text", _t("Question")),
            Column("priority", _t("Priority")),
            Column("category", _t("Category")),
            Column("appointment_id", _t("Appointment"), text=self._appointment_text),
            Column("status", _t("Status"), text=status_text),
        ]
        super().__init__(session, "question", columns, keep=self._keep, parent=parent)

    # Filtering ------------------------------------------------------------------------
    def set_filters(
        self, *, case_id: int | None, appointment: int | str, unanswered_only: bool
    ) -> None:
        self.case_id = case_id
        self.appointment_filter = appointment
        self.unanswered_only = unanswered_only
        self.reload()

    def _keep(self, record: dict[str, Any]) -> bool:
        wanted = self.appointment_filter
        if wanted == NONE and record.get("appointment_id") is not None:
            return False
        if isinstance(wanted, int) and record.get("appointment_id") != wanted:
            return False
        return not (self.unanswered_only and (record.get("answer") or "").strip())

    def reload(self) -> None:
        """Read the questions again: in their order, grouped by case when all cases show."""
        dossier = self.session.dossier
        self._appointments = {
            a["id"]: appointment_label(self.session, a, short=True)
            for a in records.list_records(dossier, "appointment")
        }
        cases = records.list_records(dossier, "case")
        self._cases = {c["id"]: c["title"] for c in cases}
        group = {c["id"]: number for number, c in enumerate(cases)}
        rows = [
            r
            for r in records.list_records(dossier, "question", case_id=self.case_id)
            if self._keep(r)
        ]
        rows.sort(key=lambda r: group.get(r.get("case_id") or 0, len(group)))  # stable
        self.beginResetModel()
        self._rows = rows
        self._shown = min(self.CHUNK, len(rows))
        self.endResetModel()

    def _case_text(self, record: dict[str, Any]) -> str:
        case_id = record.get("case_id")
        return self._cases.get(case_id, "") if case_id is not None else ""

    def _appointment_text(self, record: dict[str, Any]) -> str:
        appointment_id = record.get("appointment_id")
        if appointment_id is None:
            return ""
        return self._appointments.get(appointment_id, _t("(in the trash)"))

    def _on_change(self, change: Change) -> None:
        """An edit of one question that keeps it in the list repaints its row only."""
        if (
            change.entity == "question"
            and change.action == "updated"
            and not isinstance(change, ChangeGroup)
            and change.before is not None
            and change.after is not None
            and change.before.get("position") == change.after.get("position")
            and change.before.get("case_id") == change.after.get("case_id")
            and self._keep(change.after)
        ):
            row = next((i for i, r in enumerate(self._rows) if r["id"] == change.id), None)
            if row is not None:
                self._rows[row] = change.after
                if row < self._shown:
                    self.dataChanged.emit(
                        self.index(row, 0), self.index(row, self.columnCount() - 1)
                    )
                return
        if change.entity in ("appointment", "contact"):
            self.reload()
            return
        super()._on_change(change)

    # Reading and editing ------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()].key
        if key == "order" and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return str(index.row() + 1)
        if key == "case_id" and role == Qt.ItemDataRole.DisplayRole and index.row() > 0:
            previous = self._rows[index.row() - 1].get("case_id")
            if previous == record.get("case_id"):
                return ""  # the case is named once, above its questions
        if role == Qt.ItemDataRole.EditRole and key in self.EDITABLE:
            return record.get(key) or ""
        if role == Qt.ItemDataRole.FontRole and (
            key == "case_id" or (key == "priority" and record["priority"] == "high")
        ):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "text":
            return record["text"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "order":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.columns[index.column()].key in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.columns[index.column()].key
        if key not in self.EDITABLE:
            return False
        record = self._rows[index.row()]
        text = (str(value) if value is not None else "").strip()
        if (record.get(key) or "") == text:
            return False
        record_id = record["id"]
        data = {key: text or None}
        try:
            self.session.apply(lambda d: records.update(d, "question", record_id, data))
        except DossierError:
            return False
        return True

    # Dragging ---------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[row]["id"] for row in rows]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            return False
        if parent.isValid():
            row = parent.row()
        return self.move_ids(ids, row)

    def moveRows(
        self,
        sourceParent: _Index,
        sourceRow: int,
        count: int,
        destinationParent: _Index,
        destinationChild: int,
    ) -> bool:
        if sourceParent.isValid() or destinationParent.isValid() or count < 1:
            return False
        if sourceRow < 0 or sourceRow + count > len(self._rows):
            return False
        ids = [r["id"] for r in self._rows[sourceRow : sourceRow + count]]
        return self.move_ids(ids, destinationChild)

    def move_ids(self, ids: list[int], row: int) -> bool:
        """Put the questions ``ids`` before the row ``row`` (-1: at the end); one undo step."""
        current = [r["id"] for r in self._rows]
        moving = [i for i in current if i in ids]
        if not moving:
            return False
        if row < 0 or row > len(current):
            row = len(current)
        place = sum(1 for i in current[:row] if i not in ids)
        rest = [i for i in current if i not in ids]
        order = rest[:place] + moving + rest[place:]
        # Places are kept per case: only the moved questions' case is put in the new order.
        case_of = {r["id"]: r.get("case_id") for r in self._rows}
        cases = {case_of[i] for i in moving}
        order = [i for i in order if case_of[i] in cases]
        if order == [i for i in current if case_of[i] in cases]:
            return False
        try:
            self.session.apply(lambda d: questions.reorder(d, order))
        except DossierError:
            return False
        return True


class PriorityDelegate(RoomyDelegate):
    """Priority chosen from the list of priorities, in plain words."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_t("Priority"))
        for value in PRIORITIES:
            combo.addItem(choice_label(value), value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class QuestionsPage(QWidget):
    """The questions list with its filters and form, and the way into appointment mode."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._quiet = False

        heading = page_title(self.tr("Questions"))
        intro = QLabel(
            self.tr(
                "Write down what you want to ask, most important first. Drag a question "
                "to change the order (or use Move up and Move down)."
            )
        )
        intro.setWordWrap(True)

        self.case_filter = QComboBox()
        self.case_filter.setObjectName("caseFilter")
        self.case_filter.setAccessibleName(self.tr("Show the questions of this case"))
        self.case_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.case_filter.setMinimumContentsLength(16)
        self.appointment_filter = QComboBox()
        self.appointment_filter.setObjectName("appointmentFilter")
        self.appointment_filter.setAccessibleName(
            self.tr("Show the questions for this appointment")
        )
        self.appointment_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.appointment_filter.setMinimumContentsLength(28)
        self.unanswered = QCheckBox(self.tr("&Unanswered only"))
        self.unanswered.setObjectName("unansweredOnly")
        case_label = QLabel(self.tr("&Case:"))
        case_label.setBuddy(self.case_filter)
        appointment_label_widget = QLabel(self.tr("&Appointment:"))
        appointment_label_widget.setBuddy(self.appointment_filter)

        self.new_button = push_button("new", self.tr("New question"), self._new_clicked)
        self.up_button = push_button("up", self.tr("Move up"), lambda: self.move_current(-1))
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.setToolTip(self.tr("Move the question up (Alt+Up)"))
        self.down_button = push_button("down", self.tr("Move down"), lambda: self.move_current(1))
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.setToolTip(self.tr("Move the question down (Alt+Down)"))
        self.delete_button = push_button("delete", self.tr("Move to trash"), self.delete_current)
        self.mode_button = push_button(
            "appointmentMode", self.tr("Start appointment mode"), self.start_appointment_mode
        )

        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.model = QuestionsModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("list")
        self.table.setAccessibleName(self.tr("Questions, in the order to ask them"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a question is read whole
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        self.priority_delegate = PriorityDelegate(self.table)
        self.table.setItemDelegateForColumn(QuestionsModel.PRIORITY, self.priority_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QuestionsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.form = RecordForm(session, "question", fields=FORM_FIELDS)
        self.form.setObjectName("questionForm")
        self.form.saved.connect(self._on_saved)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form)
        fit_form(self.form, form_scroll)

        self.splitter = QSplitter()
        self.splitter.setObjectName("questionsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(form_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 360])

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (self.new_button, self.delete_button, self.mode_button):
            top.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(case_label)
        filters.addWidget(self.case_filter, 2)
        filters.addSpacing(12)
        filters.addWidget(appointment_label_widget)
        filters.addWidget(self.appointment_filter, 3)
        filters.addSpacing(12)
        filters.addWidget(self.unanswered)
        filters.addStretch(0)
        filters.addWidget(self.up_button)
        filters.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.splitter, 1)

        self._fill_filters()
        self.case_filter.currentIndexChanged.connect(self._on_case_chosen)
        for combo in (self.case_filter, self.appointment_filter):  # the whole name, if cut
            combo.currentTextChanged.connect(combo.setToolTip)
        self.appointment_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.unanswered.toggled.connect(lambda _on: self.apply_filters())
        session.changed.connect(self._on_change)
        session.reloaded.connect(self._on_reloaded)
        self.apply_filters()
        self.new_question()

    # Filters --------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        case = self.case_filter.currentData()
        appointment = self.appointment_filter.currentData()
        self._quiet = True
        try:
            self.case_filter.clear()
            self.case_filter.addItem(self.tr("All cases"), None)
            for record in records.list_records(self.session.dossier, "case"):
                self.case_filter.addItem(record["title"], record["id"])
            self.case_filter.setCurrentIndex(max(0, self.case_filter.findData(case)))
            self._fill_appointments(appointment)
        finally:
            self._quiet = False

    def _fill_appointments(self, keep: int | str | None) -> None:
        case_id = self.case_filter.currentData()
        self.appointment_filter.clear()
        self.appointment_filter.addItem(self.tr("All appointments"), ALL)
        self.appointment_filter.addItem(self.tr("Not for an appointment yet"), NONE)
        for record in records.list_records(self.session.dossier, "appointment", case_id=case_id):
            self.appointment_filter.addItem(appointment_label(self.session, record), record["id"])
        found = self.appointment_filter.findData(keep if keep is not None else ALL)
        self.appointment_filter.setCurrentIndex(max(0, found))

    def _on_case_chosen(self) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self._fill_appointments(self.appointment_filter.currentData())
        finally:
            self._quiet = False
        self.apply_filters()

    def apply_filters(self) -> None:
        if self._quiet:
            return
        keep = self.selected_id()
        appointment = self.appointment_filter.currentData()
        self.model.set_filters(
            case_id=self.case_filter.currentData(),
            appointment=appointment if appointment is not None else ALL,
            unanswered_only=self.unanswered.isChecked(),
        )
        self._resize_columns()
        shown = self.form.record["id"] if self.form.record is not None else keep
        if shown is not None and not self.select_question(shown):
            self.new_question()  # the question in the form is no longer in the list
        self._update_buttons()

    def set_appointment(self, appointment_id: int) -> None:
        """Show the questions for one appointment (its case chosen too)."""
        record = records.get(self.session.dossier, "appointment", appointment_id)
        self._quiet = True
        try:
            self.case_filter.setCurrentIndex(
                max(0, self.case_filter.findData(record.get("case_id")))
            )
            self._fill_appointments(appointment_id)
        finally:
            self._quiet = False
        self.apply_filters()

    def _resize_columns(self) -> None:
        all_cases = self.case_filter.currentData() is None
        self.table.setColumnHidden(QuestionsModel.CASE, not all_cases)
        one_appointment = isinstance(self.appointment_filter.currentData(), int)
        self.table.setColumnHidden(QuestionsModel.APPOINTMENT, one_appointment)
        em = self.table.fontMetrics().horizontalAdvance("m")
        caps = {
            QuestionsModel.ORDER: 6 * em,
            QuestionsModel.PRIORITY: 8 * em,
            QuestionsModel.CATEGORY: 9 * em,
            QuestionsModel.APPOINTMENT: 11 * em,
            QuestionsModel.STATUS: 9 * em,
            QuestionsModel.CASE: 10 * em,
        }
        for column, cap in caps.items():
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        empty = self.model.rowCount() == 0
        self.empty_hint.setVisible(empty)
        if empty:
            self.empty_hint.setText(
                self.tr("No unanswered questions here.")
                if self.unanswered.isChecked()
                else self.tr("No questions here yet. Add one with New question.")
            )

    # Selection ----------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_question(self, question_id: int) -> bool:
        row = self.model.row_of(question_id)
        if row is None:
            return False
        index = self.model.index(row, QuestionsModel.TEXT)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            record = self.model.record(current.row())
            if self.form.record is None or self.form.record["id"] != record["id"]:
                self.form.set_record(record)
        self._update_buttons()

    def _on_saved(self, change: Change) -> None:
        self.select_question(change.id)

    def _on_change(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if touched & {"case", "appointment", "contact"}:
            self._fill_filters()
            self.apply_filters()
        if "question" not in touched:
            self._update_buttons()
            return
        shown = self.form.record["id"] if self.form.record is not None else None
        if shown is not None and (change.id == shown or ("question", shown) in change.also):
            try:
                fresh = records.get(self.session.dossier, "question", shown)
            except DossierError:  # to the trash, or its adding undone
                self.new_question()
                return
            self._refresh_form(fresh)
        if shown is not None and self.selected_id() != shown:
            self.select_question(shown)
        self._update_buttons()

    def _refresh_form(self, fresh: dict[str, Any]) -> None:
        """Show the stored question again, keeping what is being typed in other fields."""
        form = self.form
        if not form.revert_button.isEnabled():  # nothing typed: show it as stored
            form.set_record(fresh)
            return
        old = form.record or {}
        for name, editor in form.editors.items():
            if old.get(name) != fresh.get(name):
                editor.set_value(fresh.get(name))
        form.record = fresh

    def _on_reloaded(self) -> None:
        self._fill_filters()
        self.apply_filters()

    def chosen_appointment(self) -> int | None:
        """The appointment for appointment mode: the one filtered on, else the question's."""
        value = self.appointment_filter.currentData()
        if isinstance(value, int):
            return value
        record = self.form.record
        if record is not None and record.get("appointment_id") is not None:
            return int(record["appointment_id"])
        return None

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        self.delete_button.setEnabled(self.form.record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.model.all_records()) - 1)
        has_appointment = self.chosen_appointment() is not None
        self.mode_button.setEnabled(has_appointment)
        self.mode_button.setToolTip(
            self.tr("Large text for the consultation: tick questions and write the answers")
            if has_appointment
            else self.tr("Choose an appointment above, or a question for an appointment, first")
        )

    # Actions ------------------------------------------------------------------------------
    def new_question(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        defaults: dict[str, Any] = {}
        appointment = self.appointment_filter.currentData()
        case_id = self.case_filter.currentData()
        if isinstance(appointment, int):
            defaults["appointment_id"] = appointment
            if case_id is None:
                try:
                    case_id = records.get(self.session.dossier, "appointment", appointment).get(
                        "case_id"
                    )
                except DossierError:
                    case_id = None
        if case_id is not None:
            defaults["case_id"] = case_id
        self.form.set_record(None, **defaults)
        self._update_buttons()

    def _new_clicked(self) -> None:
        self.new_question()
        self.form.editors["text"].widget.setFocus()

    def move_current(self, step: int) -> bool:
        question_id = self.selected_id()
        if question_id is None:
            return False
        row = self.table.currentIndex().row()
        target = row + step if step < 0 else row + step + 1
        if not 0 <= target <= len(self.model.all_records()):
            return False
        moved = self.model.move_ids([question_id], target)
        self.select_question(question_id)
        self.table.setFocus()
        return moved

    def delete_current(self) -> Change | None:
        record = self.form.record
        if record is None:
            return None
        record_id = record["id"]
        try:
            change = self.session.apply(lambda d: records.delete(d, "question", record_id))
        except DossierError as exc:
            self.form.show_message(exc.message)
            return None
        self.new_question()
        return change

    def start_appointment_mode(self) -> QWidget | None:
        appointment_id = self.chosen_appointment()
        if appointment_id is None:
            return None
        from ..appointment_mode import AppointmentMode, open_appointment_mode

        mode: AppointmentMode = open_appointment_mode(self.session, appointment_id, self.window())
        return mode


__all__ = ["MIME_TYPE", "PriorityDelegate", "QuestionsModel", "QuestionsPage"]
