"""At the top of the Overview: after a decision, who has been told about it.

For each decided case where a doctor or institution of the case has not been told yet
(:func:`dossier.core.handover.told.pending_handovers`, the earliest decision first), a calm
box asks "Who has been told about the decision on …?" with a check box per doctor and
institution (ticking one: told today; unticking: not told; Undo reverses either) and a link
to print the hand-over letter. The box stays until everyone is ticked, then goes; a line
says so once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.clip import clip_line
from ...core.errors import DossierError
from ...core.handover.told import PendingHandover, pending_handovers
from ...core.i18n import ntr, tr
from ...core.sql_driver import sqlite3
from ..cases.told_checks import ToldChecks, handover_printable, print_link_html
from ..formatting import date_text
from ..session import Session

SHOWN = 3  # boxes at most; the others are counted in a line below them


class ToldBox(QFrame):
    """The checklist of one decided case, with the way to print its hand-over letter."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toldBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.case_id: int | None = None
        self.title = ""  # the case's, as the heading names it
        self.heading = QLabel()
        self.heading.setObjectName("toldHeading")
        self.heading.setWordWrap(True)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.decision = QLabel()
        self.decision.setObjectName("toldDecision")
        self.decision.setWordWrap(True)
        self.checks = ToldChecks(session)
        self.print_link = QLabel()
        self.print_link.setObjectName("toldPrint")
        self.print_link.setTextFormat(Qt.TextFormat.RichText)
        self.print_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.print_link.setText(print_link_html())
        self.print_link.linkActivated.connect(lambda _link: self._print())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.decision)
        layout.addWidget(self.checks)
        layout.addWidget(self.print_link)

    def show_pending(self, pending: PendingHandover, printable: bool) -> None:
        self.case_id = pending.case_id
        self.title = isolate(clip_line(str(pending.case.get("title") or ""), 120))
        self.heading.setText(
            tr("Who has been told about the decision on “{case}”?", case=self.title)
        )
        if pending.decision and pending.decided_on:
            decided = tr(
                "Decided on {day}: {decision}",
                day=date_text(pending.decided_on),
                decision=clip_line(pending.decision, 300),
            )
        elif pending.decision:
            decided = tr("Decided: {decision}", decision=clip_line(pending.decision, 300))
        else:
            decided = tr("The case is marked as decided.")
        tick = tr("Tick each one once they know what was decided and what happens next.")
        self.decision.setText(f"{decided} {tick}")
        self.checks.set_rows(pending.case_id, pending.rows)
        self.print_link.setVisible(printable)

    def _print(self) -> None:
        if self.case_id is None:
            return
        menus = getattr(self.window(), "menus", None)
        print_menu = getattr(menus, "print_menu", None)
        if print_menu is not None:
            print_menu.open("handover", case_id=self.case_id)


class ToldPanel(QScrollArea):
    """The boxes of the decided cases still waiting to be handed back; hidden when none.
    As tall as the boxes, up to two fifths of the page (then it scrolls): the Overview
    below keeps its room however many doctors a case names."""

    def __init__(self, session: Session, page: QWidget) -> None:
        super().__init__(page)
        self.setObjectName("toldPanel")
        self.session = session
        self.page = page
        self.boxes: dict[int, ToldBox] = {}  # by case id, in the order shown
        self.done = QLabel()  # "Everyone has been told about …": once, after the last tick
        self.done.setObjectName("toldDone")
        self.done.setWordWrap(True)
        self.more = QLabel()
        self.more.setObjectName("toldMore")
        self.more.setWordWrap(True)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        inner = QWidget()
        inner.setAutoFillBackground(False)
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(20, 12, 20, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.done)
        self._layout.addWidget(self.more)
        self.setWidget(inner)
        inner.installEventFilter(self)  # its boxes laid out again: fit anew
        page.installEventFilter(self)  # the page's height bounds the panel's
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.page and event.type() == QEvent.Type.Resize) or (
            watched is self.widget() and event.type() == QEvent.Type.LayoutRequest
        ):
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(1, self.viewport().width())
        layout = self._layout
        wanted = (
            layout.heightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        height = max(0, min(wanted, max(160, self.page.height() * 2 // 5)))
        if height != self.height():
            self.setFixedHeight(height)

    def refresh(self) -> None:
        dossier = self.session.dossier
        try:
            pending = [] if dossier.db.closed else pending_handovers(dossier)
        except (DossierError, sqlite3.Error):  # unreadable now: the Overview says the rest
            pending = []
        shown = pending[:SHOWN]
        wanted = [p.case_id for p in shown]
        gone = [box for case_id, box in self.boxes.items() if case_id not in wanted]
        self._say_done(gone, {p.case_id for p in pending})
        for box in gone:
            self._layout.removeWidget(box)
            box.hide()
            box.deleteLater()  # its check box may be the one whose signal is running
        kept = {case_id: box for case_id, box in self.boxes.items() if case_id in wanted}
        if list(kept) != wanted:  # new boxes, or another order: laid out again in order
            for box in kept.values():
                self._layout.removeWidget(box)
            self.boxes = {}
            for index, case_id in enumerate(wanted):
                box = kept.get(case_id) or ToldBox(self.session)
                self._layout.insertWidget(index, box)
                self.boxes[case_id] = box
        else:
            self.boxes = kept
        printable = bool(shown) and handover_printable()
        for item in shown:
            self.boxes[item.case_id].show_pending(item, printable)
        others = len(pending) - len(shown)
        self.more.setText(
            ntr(
                "One more decided case is waiting to be handed back: its Hand-over tab on "
                "the Cases page has the list.",
                "{n} more decided cases are waiting to be handed back: their Hand-over tabs "
                "on the Cases page have the lists.",
                others,
            )
        )
        self.more.setVisible(others > 0)
        self.setVisible(bool(shown) or not self.done.isHidden())
        self._fit()

    def _say_done(self, gone: list[ToldBox], still_pending: set[int]) -> None:
        """After the last tick of a box: one line saying everyone knows (until the next
        change); a box gone for another reason (its case deleted) goes without a word."""
        titles = [
            box.title
            for box in gone
            if box.case_id not in still_pending
            and all(check.isChecked() for check in box.checks.boxes.values())
        ]
        if titles:
            self.done.setText(
                tr(
                    "Everyone has been told about the decision on “{case}”. Undo (Ctrl+Z) "
                    "takes the last tick back.",
                    case=titles[0],
                )
            )
        self.done.setVisible(bool(titles))


__all__ = ["ToldBox", "ToldPanel"]
