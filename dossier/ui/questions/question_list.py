"""The list of questions in the order to ask them: dragged to a new place, edited in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...core.i18n import tr
from ..models.questions import QuestionsModel
from ..models.record_table import ID_ROLE
from ..widgets.delegates import PriorityDelegate, RoomyDelegate
from ..widgets.fit_columns import fitted, heading_width

_STEP_ASIDE = (  # the first to step aside when there is no room (the form shows them)
    QuestionsModel.CATEGORY,
    QuestionsModel.STATUS,
    QuestionsModel.PRIORITY,
    QuestionsModel.APPOINTMENT,
)


class QuestionList(QTableView):
    """Rows are dragged to a new order; priority and category change by double-click or F2."""

    def __init__(self, model: QuestionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questions = model
        self.setObjectName("list")
        self.setAccessibleName(tr("Questions, in the order to ask them"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # a question is read whole
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setItemDelegate(RoomyDelegate(self))
        self.priority_delegate = PriorityDelegate(self)
        self.setItemDelegateForColumn(QuestionsModel.PRIORITY, self.priority_delegate)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QuestionsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self._fitted_for: tuple[bool, bool] | None = None  # fit_columns' last choices

    def fit_columns(self, *, all_cases: bool, one_appointment: bool) -> None:
        """Show the case column only for all cases, the appointment's only for several;
        the narrow columns as wide as their text, within reason (a case's name keeps whole
        words on a line; a category is not cut), the question taking the rest."""
        for column in _STEP_ASIDE:  # back from stepping aside, if there is room now
            self.setColumnHidden(column, False)
        self.setColumnHidden(QuestionsModel.CASE, not all_cases)
        self.setColumnHidden(QuestionsModel.APPOINTMENT, one_appointment)
        em = self.fontMetrics().horizontalAdvance("m")
        limits = {  # column: (at least, at most)
            QuestionsModel.ORDER: (3 * em, 4 * em),
            QuestionsModel.PRIORITY: (5 * em, 7 * em),
            QuestionsModel.CATEGORY: (6 * em, 10 * em),
            QuestionsModel.APPOINTMENT: (7 * em, 11 * em),
            QuestionsModel.STATUS: (5 * em, 7 * em),
            QuestionsModel.CASE: (9 * em, 12 * em),
        }
        # With large text or a narrow window they share what the question leaves them
        # (at least 12 letters wide), rather than make the list scroll sideways; the
        # category, the status, the priority, then the appointment step aside when even
        # their headings and least widths do not fit (the form beside the list shows them).
        room = self.viewport().width() - 12 * em
        header = self.horizontalHeader()
        for column in _STEP_ASIDE:
            shown = [c for c in limits if not self.isColumnHidden(c)]
            if sum(max(heading_width(header, c), limits[c][0]) for c in shown) <= room:
                break
            self.setColumnHidden(column, True)
        shown = [c for c in limits if not self.isColumnHidden(c)]
        natural, headings = [], []
        for column in shown:
            least, most = limits[column]
            self.resizeColumnToContents(column)
            heading = heading_width(header, column)
            # the heading whole when there is room, however long the language makes it
            natural.append(max(least, heading, min(self.columnWidth(column), most)))
            headings.append(heading)
        # (narrowed columns keep at least three letters: half the usual least)
        widths = fitted(natural, headings, room, max(1, em // 2)) if room > 0 else natural
        for column, width in zip(shown, widths, strict=True):
            self.setColumnWidth(column, width)
        self._fitted_for = (all_cases, one_appointment)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted_for is not None and event.size().width() != event.oldSize().width():
            all_cases, one_appointment = self._fitted_for
            self.fit_columns(all_cases=all_cases, one_appointment=one_appointment)

    def current_row(self) -> int:
        """The row chosen, or -1."""
        return self.currentIndex().row() if self.currentIndex().isValid() else -1

    def selected_id(self) -> int | None:
        index = self.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_question(self, question_id: int) -> bool:
        row = self.questions.row_of(question_id)
        if row is None:
            return False
        index = self.questions.index(row, QuestionsModel.TEXT)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True
