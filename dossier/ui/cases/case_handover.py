"""The Hand-over tab of a case: what was sent to whom, and who has been told of the decision.

At the top, once the case is decided (marked so, or a decision written in its latest
comparison), the checklist of its doctors and institutions, each ticked when told (the same
check boxes as on the Overview; while some are not, the heading says what a tick means),
with the way to print the hand-over letter; before that, a
line saying what will come here. Below, every hand-over of the case (records sent: to whom,
when, what; those told of the decision) in a list with its form, to add or correct one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core.errors import DossierError
from ...core.handover.told import is_decided, told_checklist
from ...core.i18n import tr
from ...core.records import Change
from ..formatting import escape
from ..models.record_table import Column
from ..session import Session
from .case_records import CaseRecordPage
from .told_checks import ToldChecks, handover_printable, print_link_html


class HandoverTab(QWidget):
    """The hand-overs of the case ``case_id`` (None: nothing shown)."""

    def __init__(
        self,
        session: Session,
        contact_name: Callable[[dict[str, Any]], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseHandover")
        self.session = session
        self.case_id: int | None = None
        self._stale = False  # changed while hidden: refreshed when shown
        self.told_box = QFrame()
        self.told_box.setObjectName("caseToldBox")
        self.told_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.told_box.setAutoFillBackground(True)
        self.told_box.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.heading = QLabel()
        self.heading.setObjectName("caseToldHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.state = QLabel()
        self.state.setObjectName("caseToldState")
        self.state.setWordWrap(True)
        self.checks = ToldChecks(session)
        self.checks.setObjectName("caseToldChecks")
        self.print_link = QLabel()
        self.print_link.setObjectName("caseToldPrint")
        self.print_link.setTextFormat(Qt.TextFormat.RichText)
        self.print_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.print_link.setText(print_link_html())
        self.print_link.linkActivated.connect(lambda _link: self._print())
        box = QVBoxLayout(self.told_box)
        box.setContentsMargins(12, 10, 12, 10)
        box.addWidget(self.heading)
        box.addWidget(self.state)
        box.addWidget(self.checks)
        box.addWidget(self.print_link)

        self.records = CaseRecordPage(
            session,
            "hand_over",
            [
                Column("kind", tr("Kind")),
                Column("contact_id", tr("To whom"), text=contact_name),
                Column("done_on", tr("Date")),
                Column("what", tr("What")),
            ],
            title=tr("Hand-overs"),
            stretch=3,
        )
        self.records.setObjectName("caseHandovers")
        about = tr(
            "What was sent to whom (the records for the second doctor), and who was told of "
            "the decision."
        )
        self.records.table.setToolTip(about)  # said, without a line of the tab's room
        self.records.table.setAccessibleDescription(about)
        # A few rows are enough (a case has a handful of hand-overs): with the checklist
        # above it, the tab still fits a small screen in large text.
        self.records.table.setMinimumHeight(80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.told_box)
        layout.addWidget(self.records, 1)
        session.changed.connect(self._after_change)
        session.reloaded.connect(self.refresh_told)
        self.told_box.hide()

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.records.set_case(case_id)
        self.refresh_told()

    def refresh_told(self) -> None:
        """The checklist as the case stands now: ticks while decided, else a word."""
        case_id = self.case_id
        if case_id is None:
            self.told_box.hide()
            return
        try:
            rows = told_checklist(self.session.dossier, case_id)
            decided = is_decided(self.session.dossier, case_id)
        except DossierError:  # the case went to the trash: the page shows another
            self.told_box.hide()
            return
        self.told_box.show()
        question = tr("Who has been told about the decision?")
        heading = f"<b>{escape(question)}</b>"
        if not decided:
            after = tr("After the decision")
            heading = f"<b>{escape(after)}</b>"
        elif rows and not all(row.told for row in rows):  # what a tick means, beside it
            tick = tr("Tick each one once they know what was decided and what happens next.")
            heading = f"{heading} {escape(tick)}"
        self.heading.setText(heading)
        self.checks.setVisible(decided and bool(rows))
        self.print_link.setVisible(decided and handover_printable())
        if decided:
            self.checks.set_rows(case_id, rows)
        if not decided:
            self.state.setText(
                tr(
                    "When the case is decided, tick here each doctor and institution once "
                    "they know what was decided; the Overview reminds you until everyone does."
                )
            )
        elif not rows:
            self.state.setText(
                tr(
                    "The case names no doctor or institution yet: add its treating doctor in "
                    "the details, or the doctor of an opinion."
                )
            )
        elif all(row.told for row in rows):
            self.state.setText(tr("Everyone has been told."))
        else:  # the boxes say it ("not told yet"): the line's room goes to the list below
            self.state.setText("")
        self.state.setVisible(bool(self.state.text()))

    def _after_change(self, change: Change) -> None:
        if self.case_id is not None and self.isVisible():
            self.refresh_told()
        elif self.case_id is not None:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh_told()

    def _print(self) -> None:
        if self.case_id is None:
            return
        menus = getattr(self.window(), "menus", None)
        print_menu = getattr(menus, "print_menu", None)
        if print_menu is not None:
            print_menu.open("handover", case_id=self.case_id)


__all__ = ["HandoverTab"]
