"""One aspect of the comparison ("recommended treatment") as a band of rows in its grid.

A heading with the verdict in a sign and a word; one cell per opinion with its words
(the changed ones marked) and its sources as links; beside them the verdict, a note and,
where the opinions differ, one click to make a question or a next step. What the person
does is handed to :class:`.actions.ComparisonActions`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QPalette, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core import comparison as cmp
from ...core.bidi import isolate
from ...core.comparison import verdict_marker, verdict_name
from ...core.entities import VERDICTS
from ...core.i18n import tr
from .cells import cell_html, origin_text

if TYPE_CHECKING:
    from .actions import ComparisonActions

VERDICT_WIDTH = 270  # the column with the verdict, the note and the follow-up buttons
CELL_MIN_WIDTH = 190
SUGGESTION = "suggestion"  # the verdict combo's last entry: back to core's proposal


def cell_min_width(columns: int) -> int:
    """Narrower opinion columns when three or four sit side by side, so 1280 px still fits."""
    return CELL_MIN_WIDTH if columns <= 2 else 140


def wrapped(text: str = "", *, name: str = "", rich: bool = False) -> QLabel:
    """A label whose text wraps (rich text if asked), named for tests and screen readers."""
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
        QToolTip.showText(QCursor.pos(), tr("Remove this source"), cell)
    else:
        QToolTip.hideText()


class AspectRow:
    """The widgets of one aspect: its heading, one cell per opinion, the verdict panel."""

    def __init__(self, actions: ComparisonActions, aspect: str, columns: int) -> None:
        self.aspect = aspect
        self.heading = wrapped(name=f"heading_{aspect}", rich=True)
        self.heading.setAutoFillBackground(True)
        self.heading.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.heading.setContentsMargins(8, 5, 8, 5)
        self.cells: list[QLabel] = []
        for n in range(columns):
            cell = wrapped(name=f"cell_{aspect}_{n}", rich=True)
            cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            cell.setMinimumWidth(cell_min_width(columns))
            cell.setContentsMargins(8, 4, 8, 8)
            cell.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            cell.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            cell.linkActivated.connect(lambda link, n=n: actions.cell_link(self.aspect, n, link))
            cell.linkHovered.connect(lambda link, cell=cell: _link_tip(cell, link))
            self.cells.append(cell)
        self.verdict = QComboBox()
        self.verdict.setObjectName(f"verdict_{aspect}")
        for verdict in VERDICTS:
            self.verdict.addItem(verdict_marker(verdict), verdict)
        self.verdict.insertSeparator(len(VERDICTS))
        self.verdict.addItem(tr("↺ Use the suggestion"), SUGGESTION)
        self.verdict.activated.connect(lambda index: actions.verdict_picked(self.aspect, index))
        self.source = wrapped(name=f"verdictSource_{aspect}")
        font = self.source.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.source.setFont(font)
        self.note = QLineEdit()
        self.note.setObjectName(f"note_{aspect}")
        self.note.setPlaceholderText(tr("Your note…"))
        self.note.setClearButtonEnabled(True)
        self.note.editingFinished.connect(lambda: actions.note_edited(self.aspect))
        self.ask = QPushButton(tr("Ask at next appointment…"))
        self.ask.setObjectName(f"ask_{aspect}")
        self.ask.clicked.connect(lambda: actions.ask_question(self.aspect))
        self.step = QPushButton(tr("Add a next step…"))
        self.step.setObjectName(f"step_{aspect}")
        self.step.clicked.connect(lambda: actions.add_next_step(self.aspect))
        self.origins = wrapped(name=f"origins_{aspect}")
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
        self.note_shown: str | None = None  # the stored note last put in the line

    def widgets(self) -> list[QWidget]:
        return [self.heading, *self.cells, self.panel]

    def update(self, table: cmp.ComparisonTable, row: cmp.Row) -> None:
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
                # Translators: an aspect, the doctor, and what the doctor's opinion says on it.
                tr(
                    "{aspect}, {doctor}: {words}",
                    aspect=label,
                    doctor=isolate(column.who),
                    words=cell.text or tr("says nothing about this"),
                )
            )
        self._update_verdict(table, row)
        note = row.note or ""
        fresh = not self.note.hasFocus() or note != self.note_shown
        if fresh and self.note.text() != note:
            self.note.setText(note)
            self.note.setCursorPosition(0)
        self.note.setToolTip(note)
        self.note_shown = note
        self.note.setAccessibleName(tr("Your note on the {aspect}", aspect=row.label))
        self.note.setEnabled(table.stored)
        follow = table.stored and row.can_follow_up
        self.ask.setVisible(follow)
        self.step.setVisible(follow)
        self.ask.setAccessibleName(
            tr("Ask about the {aspect} at the next appointment", aspect=row.label)
        )
        self.step.setAccessibleName(tr("Add a next step about the {aspect}", aspect=row.label))
        self.origins.setText("\n".join(origin_text(o) for o in row.origins))
        self.origins.setVisible(bool(row.origins))

    def _update_verdict(self, table: cmp.ComparisonTable, row: cmp.Row) -> None:
        """The verdict chosen, the suggestion marked, and where the verdict comes from."""
        for verdict_index, verdict in enumerate(VERDICTS):
            text = verdict_marker(verdict)
            if row.stored is None and verdict == row.proposed:
                text = tr("{verdict} (suggested)", verdict=text)
            self.verdict.setItemText(verdict_index, text)
        back = self.verdict.findData(SUGGESTION)
        self.verdict.setItemText(
            back,
            tr("↺ Use the suggestion ({verdict})", verdict=verdict_name(row.proposed).lower()),
        )
        model = self.verdict.model()
        if isinstance(model, QStandardItemModel):  # nothing to go back to without a verdict
            entry = model.item(back)
            if entry is not None:
                entry.setEnabled(row.stored is not None)
        self.verdict.setCurrentIndex(VERDICTS.index(row.verdict))
        self.verdict.setAccessibleName(tr("Verdict on the {aspect}", aspect=row.label))
        self.verdict.setEnabled(table.stored)
        if row.stored is None:
            self.source.setText(cmp.why_suggested(row))
        elif row.stored != row.proposed:
            self.source.setText(
                tr(
                    "Your verdict (the words alone suggested: {verdict}).",
                    verdict=verdict_name(row.proposed).lower(),
                )
            )
        else:
            self.source.setText(tr("Your verdict."))
