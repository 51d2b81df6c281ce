"""Opinions side by side, aspect by aspect: verdicts, notes, sources, next steps, the decision.

The view shows the comparison of one case (:meth:`ComparisonView.set_case`). The
person picks two to four of the case's opinions; each becomes a column, each aspect
("recommended treatment") a band of rows: the opinions' words with the changed words
marked (bold and underlined, not colour alone), their sources as links, and beside
them the verdict, a note and, where the opinions differ, one click to make a question
or a next step. Above: what agrees and differs in plain words; the decision.

Everything is read from core (:mod:`dossier.core.comparison`) and written through the
session, so it can be undone; the view refreshes on every change. Its parts: the
opinions to compare (:mod:`.opinion_picker`), the summary (:mod:`.summary_box`), the
grid of aspects (:mod:`.aspect_grid`, :mod:`.aspect_row`) and what the person does
(:mod:`.actions`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ...core import comparison as cmp
from ...core import records
from ...core.errors import DossierError, NotFoundError
from ...core.i18n import tr
from ...core.records import Change
from ..session import Session
from .actions import ComparisonActions
from .aspect_grid import AspectGrid
from .aspect_row import AspectRow, wrapped
from .opinion_picker import OpinionPicker
from .summary_box import SummaryBox

_WATCHED = {"comparison", "opinion", "question", "task", "document", "case", "contact"}


class ComparisonView(QWidget):
    """The comparison of one case's opinions, with everything a person does with it."""

    open_document = Signal(int, object)  # document id, page (from 1) or None

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        self.table: cmp.ComparisonTable | None = None
        self.summary: cmp.Summary | None = None
        self.chosen: list[int] = []
        self._dirty = False
        self._picked_by_hand = False
        self.controller = ComparisonActions(self)

        self.picker = OpinionPicker(session, self)
        self.picker.picked.connect(self._picked)
        self.start_button = self.picker.start_button
        self.start_button.clicked.connect(self.controller.start)
        self.hint = wrapped(name="comparisonHint")
        self.summary_box = SummaryBox()
        self.summary_box.add_steps_button.clicked.connect(self.controller.add_suggested_steps)
        self.summary_box.decision_button.clicked.connect(self.controller.record_decision)
        self.message = wrapped(name="comparisonMessage")
        self.message.hide()
        self.grid = AspectGrid(self.summary_box, self.controller, self)

        layout = QVBoxLayout(self)
        layout.addLayout(self.picker.row)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.grid.head)
        layout.addWidget(self.grid.scroller, 1)

        # The parts' widgets by the names the tests and the rest of the window use.
        self.summary_label = self.summary_box.summary_label
        self.advice = self.summary_box.advice
        self.disclaimer = self.summary_box.disclaimer
        self.add_steps_button = self.summary_box.add_steps_button
        self.decision_label = self.summary_box.decision_label
        self.decision_button = self.summary_box.decision_button
        self.summary_toggle = self.summary_box.toggle
        self.summary_details = self.summary_box.details
        self.head = self.grid.head
        self.head_grid = self.grid.head_grid
        self.body = self.grid.body

        session.changed.connect(self._on_change)
        session.reloaded.connect(lambda: self.set_case(self.case_id))
        self.set_case(None)

    @property
    def rows(self) -> dict[str, AspectRow]:
        """The widgets of each aspect shown, by aspect."""
        return self.grid.rows

    @property
    def opinion_boxes(self) -> dict[int, Any]:
        """The tick box of each of the case's opinions, by opinion id."""
        return self.picker.boxes

    @property
    def dialog(self) -> QDialog | None:
        """The dialog open now (for tests and focus)."""
        return self.controller.dialog

    # Showing ------------------------------------------------------------------------
    def set_case(self, case_id: int | None) -> None:
        """Show the comparison of ``case_id``: the stored one, else its first four opinions."""
        self.case_id = case_id
        self.chosen = []
        self._picked_by_hand = False
        self.message.hide()
        if case_id is not None:
            stored = cmp.find(self.session.dossier, case_id)
            if stored is not None:
                table = cmp.load(self.session.dossier, stored)
                self.chosen = [c.opinion_id for c in table.columns]
        self.refresh()

    def refresh(self) -> None:
        """Read the comparison again and show it."""
        self._dirty = False
        dossier = self.session.dossier
        opinions: list[dict[str, Any]] = []
        if self.case_id is not None:
            try:
                records.get(dossier, "case", self.case_id)
                opinions = records.list_records(dossier, "opinion", case_id=self.case_id)
            except NotFoundError:
                self.case_id = None
        ids = [int(o["id"]) for o in opinions]
        self.chosen = [i for i in self.chosen if i in ids]
        if not self.chosen and not self._picked_by_hand:
            self.chosen = ids[:4]
        self.picker.fill(opinions, self.chosen)
        self.table = None
        if len(self.chosen) >= 2:
            try:
                self.table = cmp.for_case(dossier, self.case_id or 0, self.chosen)
            except DossierError as exc:
                self.say(exc.message)
        self._show_table()

    def _picked(self, chosen: list[int]) -> None:
        self.chosen = chosen
        self._picked_by_hand = True
        self.refresh()

    def _show_table(self) -> None:
        table = self.table
        self.start_button.setVisible(table is not None and not table.stored)
        opinions = len(self.picker.boxes)
        if self.case_id is None:
            hint = tr("Pick a case to compare its opinions.")
        elif opinions < 2:
            hint = tr(
                "A comparison needs at least two opinions on this case. Write them down on "
                "the Opinions tab: who gave them and what they said on each point."
            )
        elif table is None:
            hint = tr("Tick two to four opinions to lay them side by side.")
        elif not table.stored:
            hint = tr(
                "You are looking at the opinions side by side. Press “Start comparing” to "
                "keep this comparison: then you can give your own verdicts, write notes "
                "and turn differences into questions."
            )
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.summary_box.setVisible(table is not None)
        self.grid.set_visible(table is not None)
        if table is None:
            return
        self.grid.show_table(table)
        if table.stored and table.comparison_id is not None:
            self.summary = cmp.summary_of(self.session.dossier, table.comparison_id)
        else:
            self.summary = cmp.summary(table)
        self.summary_box.show_summary(self.summary, table)

    def say(self, text: str) -> None:
        """Show ``text`` above the comparison (what went wrong); empty hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # Reacting to changes ----------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if self.case_id is None or change.entity not in _WATCHED:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()


__all__ = ["AspectRow", "ComparisonView"]
