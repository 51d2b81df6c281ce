"""Opinions side by side, aspect by aspect: verdicts, notes, sources, next steps, the decision.

The view shows the comparison of one case (:meth:`ComparisonView.set_case`). The
person picks two to four of the case's opinions; each becomes a column, each aspect
("recommended treatment") a band of rows: the opinions' words with the changed words
marked (bold and underlined, not colour alone), their sources as links, and beside
them the verdict, a note and, where the opinions differ, one click to make a question
or a next step. Above: what agrees and differs in plain words; the decision.

Everything is read from core (:mod:`dossier.core.comparison`) and written through the
session, so it can be undone; the view refreshes on every change.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QPalette, QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core import comparison as cmp
from ...core import records
from ...core.clock import today
from ...core.entities import VERDICTS
from ...core.errors import DossierError, NotFoundError
from ...core.records import Change
from ..formatting import date_text
from ..session import Session
from .cells import cell_html, column_html, origin_text, verdict_marker, verdict_name
from .dialogs import DecisionDialog, QuestionDialog, SourceDialog, StepDialog

VERDICT_WIDTH = 270  # the column with the verdict, the note and the follow-up buttons
CELL_MIN_WIDTH = 190


def cell_min_width(columns: int) -> int:
    """Narrower opinion columns when three or four sit side by side, so 1280 px still fits."""
    return CELL_MIN_WIDTH if columns <= 2 else 140


SUGGESTION = "suggestion"  # the verdict combo's last entry: back to core's proposal
_WATCHED = {"comparison", "opinion", "question", "task", "document", "case", "contact"}


def _wrapped(text: str = "", *, name: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setObjectName(name)
    return label


def _link_tip(cell: QLabel, link: str) -> None:
    """Say what a "remove" link does while the pointer is on it."""
    if link.startswith("remove:"):
        QToolTip.showText(QCursor.pos(), cell.tr("Remove this source"), cell)
    else:
        QToolTip.hideText()


class AspectRow:
    """The widgets of one aspect: its heading, one cell per opinion, the verdict panel."""

    def __init__(self, view: ComparisonView, aspect: str, columns: int) -> None:
        self.aspect = aspect
        tr = view.tr
        self.heading = _wrapped(name=f"heading_{aspect}", rich=True)
        self.heading.setAutoFillBackground(True)
        self.heading.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.heading.setContentsMargins(8, 5, 8, 5)
        self.cells: list[QLabel] = []
        for n in range(columns):
            cell = _wrapped(name=f"cell_{aspect}_{n}", rich=True)
            cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            cell.setMinimumWidth(cell_min_width(columns))
            cell.setContentsMargins(8, 4, 8, 8)
            cell.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            cell.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            cell.linkActivated.connect(lambda link, n=n: view._cell_link(self.aspect, n, link))
            cell.linkHovered.connect(lambda link, cell=cell: _link_tip(cell, link))
            self.cells.append(cell)
        self.verdict = QComboBox()
        self.verdict.setObjectName(f"verdict_{aspect}")
        for verdict in VERDICTS:
            self.verdict.addItem(verdict_marker(verdict), verdict)
        self.verdict.insertSeparator(len(VERDICTS))
        self.verdict.addItem(tr("↺ Use the suggestion"), SUGGESTION)
        self.verdict.activated.connect(lambda index: view._verdict_picked(self.aspect, index))
        self.source = _wrapped(name=f"verdictSource_{aspect}")
        font = self.source.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.source.setFont(font)
        self.note = QLineEdit()
        self.note.setObjectName(f"note_{aspect}")
        self.note.setPlaceholderText(tr("Your note…"))
        self.note.setClearButtonEnabled(True)
        self.note.editingFinished.connect(lambda: view._note_edited(self.aspect))
        self.ask = QPushButton(tr("Ask at next appointment…"))
        self.ask.setObjectName(f"ask_{aspect}")
        self.ask.clicked.connect(lambda: view.ask_question(self.aspect))
        self.step = QPushButton(tr("Add a next step…"))
        self.step.setObjectName(f"step_{aspect}")
        self.step.clicked.connect(lambda: view.add_next_step(self.aspect))
        self.origins = _wrapped(name=f"origins_{aspect}")
        self.origins.setFont(font)
        self.panel = QWidget()
        self.panel.setFixedWidth(VERDICT_WIDTH)
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(8, 4, 4, 8)
        panel.setSpacing(4)
        panel.addWidget(self.verdict)
        panel.addWidget(self.source)
        panel.addWidget(self.note)
        panel.addWidget(self.ask)
        panel.addWidget(self.step)
        panel.addWidget(self.origins)
        panel.addStretch(1)
        self._note_shown: str | None = None

    def widgets(self) -> list[QWidget]:
        return [self.heading, *self.cells, self.panel]

    def update(self, table: cmp.ComparisonTable, row: cmp.Row, tr: Any) -> None:
        label = row.label[:1].upper() + row.label[1:]
        marker = verdict_marker(row.verdict)
        whose = tr("suggested") if row.verdict_source == "proposed" else tr("your verdict")
        self.heading.setText(
            f"<span style='font-size:large'><b>{escape(label)}</b></span>"
            f"&nbsp;&nbsp;&nbsp;<b>{escape(marker)}</b> <small>({escape(whose)})</small>"
        )
        self.heading.setAccessibleName(f"{label}: {marker} ({whose})")
        # Against an opinion that says nothing, every word would be "changed": mark none.
        mark = all(cell.text is not None for cell in row.cells)
        for widget, cell, column in zip(self.cells, row.cells, table.columns, strict=True):
            widget.setText(cell_html(cell, mark=mark))
            widget.setAccessibleName(
                tr("%1, %2").replace("%1", label).replace("%2", column.who)
                + ": "
                + (cell.text or tr("says nothing about this"))
            )
        stored = table.stored
        for verdict_index, verdict in enumerate(VERDICTS):
            text = verdict_marker(verdict)
            if row.stored is None and verdict == row.proposed:
                text = tr("%1 (suggested)").replace("%1", text)
            self.verdict.setItemText(verdict_index, text)
        back = self.verdict.findData(SUGGESTION)
        self.verdict.setItemText(
            back,
            tr("↺ Use the suggestion (%1)").replace("%1", verdict_name(row.proposed).lower()),
        )
        model = self.verdict.model()
        if isinstance(model, QStandardItemModel):  # nothing to go back to without a verdict
            entry = model.item(back)
            if entry is not None:
                entry.setEnabled(row.stored is not None)
        self.verdict.setCurrentIndex(VERDICTS.index(row.verdict))
        self.verdict.setAccessibleName(tr("Verdict on the %1").replace("%1", row.label))
        self.verdict.setEnabled(stored)
        if row.stored is None:
            self.source.setText(
                tr("Suggested from the words alone: check it and pick your own verdict.")
            )
        elif row.stored != row.proposed:
            self.source.setText(
                tr("Your verdict (the words alone suggested: %1).").replace(
                    "%1", verdict_name(row.proposed).lower()
                )
            )
        else:
            self.source.setText(tr("Your verdict."))
        note = row.note or ""
        fresh = not self.note.hasFocus() or note != self._note_shown
        if fresh and self.note.text() != note:
            self.note.setText(note)
            self.note.setCursorPosition(0)
        self.note.setToolTip(note)
        self._note_shown = note
        self.note.setAccessibleName(tr("Your note on the %1").replace("%1", row.label))
        self.note.setEnabled(stored)
        follow = stored and row.can_follow_up
        self.ask.setVisible(follow)
        self.step.setVisible(follow)
        self.ask.setAccessibleName(
            tr("Ask about the %1 at the next appointment").replace("%1", row.label)
        )
        self.step.setAccessibleName(tr("Add a next step about the %1").replace("%1", row.label))
        self.origins.setText("\n".join(origin_text(o) for o in row.origins))
        self.origins.setVisible(bool(row.origins))


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
        self.dialog: QDialog | None = None  # the dialog open now, for tests and focus
        self._shape: tuple[Any, ...] | None = None
        self._dirty = False
        self._picked_by_hand = False
        self.rows: dict[str, AspectRow] = {}
        self.opinion_boxes: dict[int, QCheckBox] = {}

        # Which opinions -----------------------------------------------------------------
        self.pick_label = QLabel(self.tr("Compare:"))
        self.pick_row = QHBoxLayout()
        self.pick_row.setContentsMargins(0, 0, 0, 0)
        self.start_button = QPushButton(self.tr("Start comparing"))
        self.start_button.setObjectName("startComparing")
        self.start_button.setToolTip(
            self.tr("Keep this comparison, so your verdicts and notes are saved.")
        )
        self.start_button.clicked.connect(self.start)
        picker = QHBoxLayout()
        picker.addWidget(self.pick_label)
        picker.addLayout(self.pick_row)
        picker.addStretch(1)
        picker.addWidget(self.start_button)
        self.hint = _wrapped(name="comparisonHint")

        # Summary and decision --------------------------------------------------------
        self.summary_label = _wrapped(name="comparisonSummary", rich=True)
        self.summary_label.setAccessibleName(self.tr("Summary of the comparison"))
        self.advice = _wrapped(name="comparisonAdvice", rich=True)
        self.disclaimer = _wrapped(name="comparisonDisclaimer")
        small = self.disclaimer.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        small.setItalic(True)
        self.disclaimer.setFont(small)
        self.add_steps_button = QPushButton(self.tr("Add these as next steps"))
        self.add_steps_button.setObjectName("addSuggestedSteps")
        self.add_steps_button.clicked.connect(self.add_suggested_steps)
        self.decision_label = _wrapped(name="decisionText", rich=True)
        self.decision_label.setAccessibleName(self.tr("The decision"))
        self.decision_button = QPushButton(self.tr("Record the decision…"))
        self.decision_button.setObjectName("recordDecision")
        self.decision_button.clicked.connect(self.record_decision)
        self.message = _wrapped(name="comparisonMessage")
        self.message.hide()

        self.summary_box = QFrame()
        self.summary_box.setObjectName("summaryBox")
        self.summary_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary_toggle = QToolButton()
        self.summary_toggle.setObjectName("summaryToggle")
        self.summary_toggle.setCheckable(True)
        self.summary_toggle.setChecked(True)
        self.summary_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.summary_toggle.setAutoRaise(True)
        self.summary_toggle.toggled.connect(self._show_details)
        # What the guides advise and the disclaimer fold away; counts and decision stay.
        self.summary_details = QWidget()
        self.summary_details.setObjectName("summaryDetails")
        details = QVBoxLayout(self.summary_details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        advice_row = QHBoxLayout()
        advice_row.addWidget(self.advice, 1)
        advice_row.addWidget(self.add_steps_button, 0, Qt.AlignmentFlag.AlignBottom)
        details.addLayout(advice_row)
        details.addWidget(self.disclaimer)
        box = QVBoxLayout(self.summary_box)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(6)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.summary_label, 1)
        counts_row.addWidget(self.summary_toggle, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(counts_row)
        box.addWidget(self.summary_details)
        decision_row = QHBoxLayout()
        decision_row.addWidget(self.decision_label, 1)
        decision_row.addWidget(self.decision_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(decision_row)

        # The table: column heads fixed; the summary and the aspects scroll below them ----
        self.head = QWidget()
        self.head.setObjectName("comparisonHead")
        self.head_grid = QGridLayout(self.head)
        self.body = QWidget()
        self.body.setObjectName("comparisonBody")
        self.rows_host = QWidget()
        self.rows_host.setObjectName("comparisonRows")
        self.grid = QGridLayout(self.rows_host)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(9, 6, 9, 9)
        body.setSpacing(10)
        body.addWidget(self.summary_box)
        body.addWidget(self.rows_host, 1)
        for grid in (self.head_grid, self.grid):
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(0)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("comparisonScroll")
        self.scroller.setAccessibleName(self.tr("The aspects, opinion beside opinion"))
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setWidget(self.body)
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        self.head_grid.setContentsMargins(9, 0, 9 + bar, 0)
        self.grid.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.head)
        layout.addWidget(self.scroller, 1)

        self._show_details(True)
        session.changed.connect(self._on_change)
        session.reloaded.connect(lambda: self.set_case(self.case_id))
        self.set_case(None)

    # Showing ------------------------------------------------------------------------
    def _show_details(self, shown: bool) -> None:
        self.summary_details.setVisible(shown)
        self.summary_toggle.setArrowType(Qt.ArrowType.UpArrow if shown else Qt.ArrowType.DownArrow)
        self.summary_toggle.setText(self.tr("Hide advice") if shown else self.tr("Show advice"))
        self.summary_toggle.setAccessibleName(
            self.tr("Hide what the guides advise")
            if shown
            else self.tr("Show what the guides advise")
        )

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
        self._fill_picker(opinions)
        self.table = None
        if len(self.chosen) >= 2:
            try:
                self.table = cmp.for_case(dossier, self.case_id or 0, self.chosen)
            except DossierError as exc:
                self._say(exc.message)
        self._show_table()

    def _fill_picker(self, opinions: list[dict[str, Any]]) -> None:
        wanted = [int(o["id"]) for o in opinions]
        if list(self.opinion_boxes) != wanted:
            for box in self.opinion_boxes.values():
                self.pick_row.removeWidget(box)
                box.deleteLater()
            self.opinion_boxes = {}
            for opinion in opinions:
                box = QCheckBox()
                box.setObjectName(f"pickOpinion_{opinion['id']}")
                box.toggled.connect(self._picked)
                self.pick_row.addWidget(box)
                self.opinion_boxes[int(opinion["id"])] = box
        names = self._opinion_names(opinions)
        for opinion_id, box in self.opinion_boxes.items():
            box.blockSignals(True)
            box.setChecked(opinion_id in self.chosen)
            box.blockSignals(False)
            box.setText(names[opinion_id])
            box.setAccessibleName(self.tr("Compare %1").replace("%1", names[opinion_id]))
            box.setEnabled(opinion_id in self.chosen or len(self.chosen) < 4)
        several = len(opinions) > 2
        self.pick_label.setVisible(several)
        for box in self.opinion_boxes.values():
            box.setVisible(several)

    def _opinion_names(self, opinions: list[dict[str, Any]]) -> dict[int, str]:
        out = {}
        for opinion in opinions:
            label = cmp.ordinal_label(opinion.get("ordinal"))
            name = ""
            if opinion.get("contact_id") is not None:
                try:
                    contact = records.get(
                        self.session.dossier, "contact", opinion["contact_id"], include_deleted=True
                    )
                    name = str(contact["name"])
                except NotFoundError:
                    name = ""
            out[int(opinion["id"])] = f"{name} ({label})" if name else label
        return out

    def _picked(self) -> None:
        self.chosen = [i for i, box in self.opinion_boxes.items() if box.isChecked()]
        self._picked_by_hand = True
        self.refresh()

    def _show_table(self) -> None:
        table = self.table
        self.start_button.setVisible(table is not None and not table.stored)
        opinions = len(self.opinion_boxes)
        if self.case_id is None:
            hint = self.tr("Pick a case to compare its opinions.")
        elif opinions < 2:
            hint = self.tr(
                "A comparison needs at least two opinions on this case. Write them down on "
                "the Opinions tab: who gave them and what they said on each point."
            )
        elif table is None:
            hint = self.tr("Tick two to four opinions to lay them side by side.")
        elif not table.stored:
            hint = self.tr(
                "You are looking at the opinions side by side. Press “Start comparing” to "
                "keep this comparison: then you can give your own verdicts, write notes "
                "and turn differences into questions."
            )
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.summary_box.setVisible(table is not None)
        self.head.setVisible(table is not None)
        self.scroller.setVisible(table is not None)
        if table is None:
            return
        shape = (table.comparison_id, tuple(c.opinion_id for c in table.columns))
        if shape != self._shape:
            self._build_grid(table)
            self._shape = shape
        for n, column in enumerate(table.columns):
            head = self.head_grid.itemAtPosition(0, n)
            if head is not None and isinstance(head.widget(), QLabel):
                label = head.widget()
                assert isinstance(label, QLabel)
                label.setText(column_html(column))
        for row in table.rows:
            self.rows[row.aspect].update(table, row, self.tr)
        self._show_summary(table)

    def _build_grid(self, table: cmp.ComparisonTable) -> None:
        for grid in (self.head_grid, self.grid):
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        n = len(table.columns)
        for column in range(n + 1):
            stretch = 1 if column < n else 0
            self.head_grid.setColumnStretch(column, stretch)
            self.grid.setColumnStretch(column, stretch)
            self.head_grid.setColumnMinimumWidth(column, cell_min_width(n) if column < n else 0)
            self.grid.setColumnMinimumWidth(column, cell_min_width(n) if column < n else 0)
        for column in range(n, 6):
            self.head_grid.setColumnStretch(column + 1, 0)
            self.grid.setColumnStretch(column + 1, 0)
        for column in range(n):
            head = _wrapped(name=f"columnHead_{column}", rich=True)
            head.setContentsMargins(8, 4, 8, 6)
            head.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            head.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.head_grid.addWidget(head, 0, column)
            head.show()
        verdict_head = _wrapped(
            "<b>" + escape(self.tr("Your verdict and note")) + "</b>", rich=True
        )
        verdict_head.setFixedWidth(VERDICT_WIDTH)
        verdict_head.setContentsMargins(8, 4, 4, 6)
        verdict_head.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.head_grid.addWidget(verdict_head, 0, n)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        self.head_grid.addWidget(line, 1, 0, 1, n + 1)
        verdict_head.show()
        line.show()
        self.rows = {}
        for index, row in enumerate(table.rows):
            widgets = AspectRow(self, row.aspect, n)
            self.rows[row.aspect] = widgets
            top = index * 2
            self.grid.addWidget(widgets.heading, top, 0, 1, n + 1)
            for column, cell in enumerate(widgets.cells):
                self.grid.addWidget(cell, top + 1, column, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(widgets.panel, top + 1, n, Qt.AlignmentFlag.AlignTop)
            for widget in widgets.widgets():
                widget.show()  # now, not when the layout gets to it
        self.grid.setRowStretch(len(table.rows) * 2, 1)

    def _show_summary(self, table: cmp.ComparisonTable) -> None:
        if table.stored and table.comparison_id is not None:
            summary = cmp.summary_of(self.session.dossier, table.comparison_id)
        else:
            summary = cmp.summary(table)
        self.summary = summary
        counts = self.tr(
            "Of the %1 points compared, the opinions say the same on %2, differ wholly or "
            "partly on %3, and %4 are not addressed by every opinion."
        )
        total = summary.agree + summary.differ + summary.not_addressed
        counts = (
            counts.replace("%1", str(total))
            .replace("%2", str(summary.agree))
            .replace("%3", str(summary.differ))
            .replace("%4", str(summary.not_addressed))
        )
        self.summary_label.setText(f"<b>{escape(counts)}</b>")
        if summary.advice:
            steps = "".join(
                f"<li>{escape(s.title)}"
                + (f" <i>({escape(self.tr('added'))})</i>" if s.added else "")
                + "</li>"
                for s in summary.suggested
            )
            self.advice.setText(
                f"{escape(summary.advice)}<ul style='margin-top:4px; margin-bottom:0'>{steps}</ul>"
            )
        self.advice.setVisible(bool(summary.advice))
        pending = [s for s in summary.suggested if not s.added]
        self.add_steps_button.setVisible(bool(summary.suggested))
        self.add_steps_button.setEnabled(table.stored and bool(pending))
        self.add_steps_button.setText(
            self.tr("Add these as next steps") if pending else self.tr("Added as next steps")
        )
        self.disclaimer.setText(summary.disclaimer)
        self.decision_label.setText(self._decision_html(table))
        self.decision_button.setEnabled(table.stored)
        self.decision_button.setText(
            self.tr("Change the decision…")
            if table.decision.made
            else self.tr("Record the decision…")
        )

    def _decision_html(self, table: cmp.ComparisonTable) -> str:
        decision = table.decision
        deadline = date_text(decision.deadline)
        if not decision.made:
            text = self.tr("No decision is written down yet.")
            if deadline:
                text += " " + self.tr("You wanted to decide by %1.").replace("%1", deadline)
            return escape(text)
        parts = [f"<b>{escape(self.tr('Decision:'))}</b> {escape(decision.text or '')}"]
        when = date_text(decision.decided_on)
        if decision.within_deadline is True:
            timing = self.tr("Decided on %1, within the decision deadline (%2).")
        elif decision.within_deadline is False:
            timing = self.tr("Decided on %1, after the decision deadline (%2).")
        elif when:
            timing = self.tr("Decided on %1.")
        else:
            timing = ""
        if timing:
            parts.append(escape(timing.replace("%1", when).replace("%2", deadline)))
        if decision.reason:
            parts.append(f"{escape(self.tr('Why:'))} {escape(decision.reason)}")
        if decision.participants:
            parts.append(f"{escape(self.tr('Who took part:'))} {escape(decision.participants)}")
        return "<br>".join(parts)

    def _say(self, text: str) -> None:
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

    def _apply(self, operation: Any) -> Change | None:
        try:
            change = self.session.apply(operation)
        except DossierError as exc:
            self._say(exc.message)
            return None
        self.message.hide()
        return change

    # What a person does -----------------------------------------------------------------
    def start(self) -> None:
        """Keep the comparison of the opinions ticked."""
        if self.case_id is None or self.table is None or self.table.stored:
            return
        case_id, ids = self.case_id, list(self.chosen)
        self._apply(lambda d: cmp.start(d, case_id, ids))

    def _comparison_id(self) -> int | None:
        return self.table.comparison_id if self.table is not None else None

    def _verdict_picked(self, aspect: str, index: int) -> None:
        comparison_id = self._comparison_id()
        row = self.rows.get(aspect)
        if comparison_id is None or row is None:
            return
        verdict = row.verdict.itemData(index)
        if verdict == SUGGESTION:
            verdict = None
        elif verdict not in VERDICTS:
            return
        self._apply(lambda d: cmp.set_verdict(d, comparison_id, aspect, verdict))

    def set_verdict(self, aspect: str, verdict: str | None) -> None:
        comparison_id = self._comparison_id()
        if comparison_id is not None:
            self._apply(lambda d: cmp.set_verdict(d, comparison_id, aspect, verdict))

    def _note_edited(self, aspect: str) -> None:
        comparison_id = self._comparison_id()
        widgets = self.rows.get(aspect)
        if comparison_id is None or widgets is None or self.table is None:
            return
        text = widgets.note.text().strip()
        if text == (self.table.row(aspect).note or ""):
            return
        widgets._note_shown = text
        self._apply(lambda d: cmp.set_note(d, comparison_id, aspect, text or None))

    def _cell_link(self, aspect: str, column: int, link: str) -> None:
        if link == "add":
            self.add_source(aspect, column)
            return
        if link.startswith("remove:") and link[7:].isdigit():
            self.remove_source(aspect, column, int(link[7:]))
            return
        kind, _, rest = link.partition(":")
        document, _, page = rest.partition(":")
        if kind == "doc" and document.isdigit():
            self.open_document.emit(
                int(document), int(page) if page.isdigit() and int(page) else None
            )

    def _show_dialog(self, dialog: QDialog, done: Any) -> QDialog:
        """Open ``dialog`` (window-modal, not blocking); ``done()`` runs when it is accepted."""
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_source(self, aspect: str, column: int) -> QDialog | None:
        """Ask which document (and page) backs what one opinion says on ``aspect``."""
        table = self.table
        if table is None or self.case_id is None:
            return None
        col = table.columns[column]
        cell = table.row(aspect).cells[column]
        documents = records.list_records(self.session.dossier, "document", case_id=self.case_id)
        what = (
            self.tr("Which document shows what %1 says on the %2?")
            .replace("%1", col.who)
            .replace("%2", table.row(aspect).label)
        )
        dialog = SourceDialog(what, documents, col.report_document_id, self)

        def done() -> None:
            cited = [{"document_id": c.document_id, "page": c.page} for c in cell.citations]
            cited.append(dialog.citation())
            opinion_id = col.opinion_id
            self._apply(lambda d: cmp.set_citations(d, opinion_id, aspect, cited))

        return self._show_dialog(dialog, done)

    def remove_source(self, aspect: str, column: int, index: int) -> None:
        """Take the ``index``-th source away from what one opinion says on ``aspect``."""
        table = self.table
        if table is None or not 0 <= column < len(table.columns):
            return
        citations = table.row(aspect).cells[column].citations
        if not 0 <= index < len(citations):
            return
        rest = [
            {"document_id": c.document_id, "page": c.page}
            for n, c in enumerate(citations)
            if n != index
        ]
        opinion_id = table.columns[column].opinion_id
        self._apply(lambda d: cmp.set_citations(d, opinion_id, aspect, rest))

    def ask_question(self, aspect: str) -> QDialog | None:
        """Offer the question made from ``aspect`` for editing, then add it."""
        table, comparison_id = self.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        dialog = QuestionDialog(
            cmp.question_text(table, table.row(aspect)), self._appointments(), self
        )

        def done() -> None:
            text, appointment = dialog.question(), dialog.appointment_id()
            self._apply(
                lambda d: cmp.aspect_to_question(
                    d, comparison_id, aspect, text=text, appointment_id=appointment
                )
            )

        return self._show_dialog(dialog, done)

    def add_next_step(self, aspect: str) -> QDialog | None:
        """Offer the next step made from ``aspect`` with a due date, then add it."""
        table, comparison_id = self.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        dialog = StepDialog(cmp.step_title(table, table.row(aspect)), self._default_due(), self)

        def done() -> None:
            title, due = dialog.step_title(), dialog.due_on()
            self._apply(
                lambda d: cmp.aspect_to_next_step(d, comparison_id, aspect, due_on=due, title=title)
            )

        return self._show_dialog(dialog, done)

    def add_suggested_steps(self) -> None:
        comparison_id = self._comparison_id()
        if comparison_id is not None:
            self._apply(lambda d: cmp.add_suggested_steps(d, comparison_id))

    def record_decision(self) -> QDialog | None:
        """Ask what was decided, why, when and with whom; write it down."""
        table, comparison_id = self.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        decision = table.decision
        dialog = DecisionDialog(
            {
                "text": decision.text,
                "reason": decision.reason,
                "decided_on": decision.decided_on,
                "participants": decision.participants,
            },
            decision.deadline,
            today().isoformat(),
            self,
        )

        def done() -> None:
            values = dialog.values()
            self._apply(lambda d: cmp.record_decision(d, comparison_id, **values))

        return self._show_dialog(dialog, done)

    def _appointments(self) -> list[tuple[int, str]]:
        from ..pages.questions import appointment_label

        now = today().isoformat()
        found = [
            a
            for a in records.list_records(self.session.dossier, "appointment")
            if a.get("starts_at", "") >= now and (a.get("case_id") in (None, self.case_id))
        ]
        found.sort(key=lambda a: a["starts_at"])
        return [(int(a["id"]), appointment_label(self.session, a)) for a in found]

    def _default_due(self) -> str:
        """A week from today, or the decision deadline if that comes sooner."""
        due = today() + timedelta(days=7)
        case: dict[str, Any] = {}
        if self.case_id is not None:
            case = records.get(self.session.dossier, "case", self.case_id)
        deadline = case.get("decision_deadline")
        if deadline:
            limit = date.fromisoformat(deadline[:10])
            if today() <= limit < due:
                due = limit
        return due.isoformat()


__all__ = ["AspectRow", "ComparisonView"]
