"""The Plan tab of a case: each step with the day it must be done by, whether the whole fits
before the decision deadline, and what can be done when it does not.

A step not done can be made into a task due on its latest day (one click); the plan is
worked out again after every change, so it follows the tasks as they are done. The state
of each step is said in words, never by colour alone.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.plan import Plan, PlanStep, case_plan
from ...core.plan.tasks import task_for_step
from ...core.plan.words import deadline_words, status_words, task_words, when_words
from ..session import Session
from ..widgets.flow_layout import FlowLayout
from ..widgets.scrolled_label import ScrolledLabel

_URGENT = ("overdue", "late")


class PlanView(QWidget):
    """The plan of the case ``case_id`` (None: nothing shown)."""

    print_plan = Signal()  # "Print the Plan…": the window's print dialog, for the case shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        self.plan: Plan | None = None
        self.setObjectName("casePlan")
        self.deadline = QLabel()
        self.deadline.setObjectName("planDeadline")
        bold = QFont(self.deadline.font())
        bold.setBold(True)
        self.deadline.setFont(bold)
        self.deadline.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("planProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.problem.setFrameShape(QFrame.Shape.StyledPanel)
        self.problem.setMargin(10)
        self.problem.setStyleSheet("QLabel#planProblem { background: #fff4e5; color: #3d2600; }")
        self.problem_area = ScrolledLabel(self.problem)  # scrolls, not cut, when room is short
        self.problem_area.hide()
        self.steps = QTableWidget(0, 4)
        self.steps.setObjectName("planSteps")
        self.steps.setAccessibleName(tr("Steps of the plan"))
        self.steps.setWordWrap(True)  # long notes wrap; the rows grow to hold them
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.verticalHeader().hide()
        self.steps.setShowGrid(False)
        self.steps.setHorizontalHeaderLabels([tr("Step"), tr("State"), tr("Dates"), tr("Notes")])
        header = self.steps.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        # The columns share the width and their text wraps: never a sideways scroll, in
        # any language; the state (a word or two) as wide as it needs.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.sectionResized.connect(lambda *_args: self.steps.resizeRowsToContents())
        self.steps.itemSelectionChanged.connect(self._update_buttons)
        self.task_button = QPushButton(tr("Make a &Task of This Step"))
        self.task_button.setObjectName("planMakeTask")
        self.task_button.clicked.connect(self.make_task)
        self.durations_button = QPushButton(tr("How Long the Steps &Take…"))
        self.durations_button.setObjectName("planDurations")
        self.durations_button.clicked.connect(self.edit_durations)
        self.print_button = QPushButton(tr("&Print the Plan…"))
        self.print_button.setObjectName("planPrint")
        self.print_button.clicked.connect(self.print_plan)
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        buttons = FlowLayout()  # on more lines when the tab is narrow
        buttons.addWidget(self.task_button)
        buttons.addWidget(self.durations_button)
        buttons.addWidget(self.print_button)
        page = QVBoxLayout(self)
        page.addWidget(self.deadline)
        page.addWidget(self.problem_area)
        page.addWidget(self.steps, 1)
        page.addWidget(self.message)
        page.addLayout(buttons)
        session.changed.connect(lambda _change: self._refresh_if_shown())
        session.reloaded.connect(self._refresh_if_shown)

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.message.clear()
        self.refresh()

    def _refresh_if_shown(self) -> None:
        if self.case_id is not None and self.isVisible():
            self.refresh()
        else:
            self.case_id = None  # worked out again when shown (CaseTabs.load_shown)

    def refresh(self) -> None:
        self.plan = None
        self.steps.setRowCount(0)
        self.problem_area.hide()
        if self.case_id is None:
            self.deadline.clear()
            self._update_buttons()
            return
        try:
            self.plan = case_plan(self.session.dossier, self.case_id)
        except DossierError as exc:  # an administrative case, or one just deleted
            self.deadline.setText(exc.message)
            self.steps.hide()
            self._update_buttons()
            return
        self.steps.show()
        plan = self.plan
        self.deadline.setText(deadline_words(plan))
        if plan.problem:
            choices = "".join(f"<li>{escape(c.text)}</li>" for c in plan.choices)
            heading = escape(tr("The plan does not fit."))
            can_do = escape(tr("What you can do:"))
            self.problem.setText(
                f"<b>{heading}</b> {escape(plan.problem)}<p>{can_do}</p><ul>{choices}</ul>"
            )
            self.problem_area.show()
            self.problem_area.refit()
        words = status_words()
        self.steps.setRowCount(len(plan.steps))
        for row, step in enumerate(plan.steps):
            self._fill_row(row, step, words[step.status])
        self.steps.resizeRowsToContents()
        self._update_buttons()

    def _fill_row(self, row: int, step: PlanStep, state: str) -> None:
        notes = " ".join(part for part in (step.note, task_words(step)) if part)
        font = QFont(self.steps.font())
        font.setBold(step.status in _URGENT)
        for column, text in enumerate((step.title, state, when_words(step), notes)):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step.key)
            item.setFont(font)
            self.steps.setItem(row, column, item)

    def row_texts(self, row: int) -> list[str]:
        """What the row ``row`` says, column by column."""
        return [
            item.text() if (item := self.steps.item(row, column)) is not None else ""
            for column in range(self.steps.columnCount())
        ]

    def selected_step(self) -> PlanStep | None:
        items = self.steps.selectedItems()
        if not items or self.plan is None:
            return None
        return self.plan.step(str(items[0].data(Qt.ItemDataRole.UserRole)))

    def select_step(self, key: str) -> None:
        for row in range(self.steps.rowCount()):
            item = self.steps.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                self.steps.selectRow(row)

    def _update_buttons(self) -> None:
        step = self.selected_step()
        can = step is not None and not step.done and (step.task is None or step.task.done)
        self.task_button.setEnabled(can and self.session.dossier.read_only is None)
        self.print_button.setEnabled(self.plan is not None)
        self.durations_button.setEnabled(self.session.dossier.read_only is None)

    def make_task(self) -> None:
        step = self.selected_step()
        plan = self.plan
        if step is None or plan is None:
            return
        change = self.session.apply(
            lambda dossier: task_for_step(dossier, plan, step.key),
            refused=lambda error: self.message.setText(error.message),
        )
        if change is not None:
            self.message.setText(
                tr(
                    "Task made: {title}. It is on the Calendar page and on the Overview.",
                    title=(change.after or {}).get("title", ""),
                )
            )
            self.select_step(step.key)

    def edit_durations(self) -> None:
        from .durations_dialog import DurationsDialog

        DurationsDialog(self.session, self).exec()


__all__ = ["PlanView"]
