"""A case's checklist of who has been told about its decision: one check box per doctor and
institution, each saying in words whether (and when) they were told.

Ticking one records them as told today, unticking takes that back (to the trash); both go
through the session, so Undo (Ctrl+Z) reverses them. Used on the Overview (each decided case
still waiting for it) and on the case's Hand-over tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.handover.told import ToldRow, tell, untell
from ...core.i18n import is_right_to_left, tr
from ..formatting import date_text, escape
from ..session import Session
from ..widgets.check_label import CheckLabel, wrapped_check


def handover_printable() -> bool:
    """Whether the print dialog has the hand-over letter (imported only when asked)."""
    from ..printing.report_kinds import KINDS

    return "handover" in KINDS


def print_link_html() -> str:
    """ "Print the hand-over letter…" as a link, starting where the window's text starts."""
    direction = "rtl" if is_right_to_left() else "ltr"
    words = escape(tr("Print the hand-over letter…"))
    return f"<div dir='{direction}'><a href='print'>{words}</a></div>"


def why_words(row: ToldRow) -> str:
    """Why ``row``'s contact is on the list, in a few words ("" when told before only)."""
    for reason in row.why:
        if reason == "referred_by_id":
            return tr("referring doctor")
        if reason == "treating_id":
            return tr("treating doctor")
        if reason == "opinion":
            return tr("gave an opinion")
        if reason == "diagnosis":
            return tr("made a diagnosis")
        if reason == "treatment":
            return tr("gave a treatment")
        if reason == "appointment":
            return tr("had an appointment")
        if reason == "records_request":
            return tr("holds records")
    return ""


def row_text(row: ToldRow) -> str:
    """ "Dr. A (referring doctor): told on 30 Apr 2026", in words, not by the tick alone."""
    why = why_words(row)
    name = isolate(row.name)  # a Hebrew name keeps an English line in order, and the reverse
    who = tr("{name} ({why})", name=name, why=why) if why else name
    if row.told_on is None:
        return tr("{who}: not told yet", who=who)
    day = date_text(row.told_on)
    if row.how:
        return tr("{who}: told on {day} ({how})", who=who, day=day, how=isolate(row.how))
    return tr("{who}: told on {day}", who=who, day=day)


class ToldChecks(QScrollArea):
    """The check boxes of case ``case_id``'s checklist, kept as they are between refreshes
    (so the keyboard focus stays on the box just ticked). As tall as its rows, up to
    :attr:`MOST` pixels: a case naming dozens of doctors scrolls instead of pushing the rest
    of the page away."""

    MOST = 240

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toldChecks")
        self.session = session
        self.case_id: int | None = None
        self.boxes: dict[int, QCheckBox] = {}  # by contact id
        self._labels: dict[int, CheckLabel] = {}
        self._rows: dict[int, QWidget] = {}
        self.setWidgetResizable(True)
        # As tall as its rows, never more: the page below keeps the room left.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # the box's own background shows
        inner = QWidget()
        inner.setAutoFillBackground(False)
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.setWidget(inner)
        inner.installEventFilter(self)  # its rows laid out again (a font, a text): fit anew

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as the rows at this width (wrapped lines too), at most MOST."""
        width = max(1, self.viewport().width())
        layout = self._layout
        wanted = (
            layout.heightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        height = min(max(wanted, 0), self.MOST)
        if height != self.height():
            self.setFixedHeight(height)

    def set_rows(self, case_id: int, rows: Sequence[ToldRow]) -> None:
        """Show ``rows``: the same people update their boxes, others are added or removed."""
        if case_id != self.case_id or [r.contact_id for r in rows] != list(self.boxes):
            self._clear()
        self.case_id = case_id
        for row in rows:
            text = row_text(row)
            box = self.boxes.get(row.contact_id)
            if box is None:
                box = QCheckBox()
                box.setObjectName(f"told-{row.contact_id}")
                line = wrapped_check(box, text)
                self._labels[row.contact_id] = line.findChild(CheckLabel)  # type: ignore[assignment]
                box.toggled.connect(
                    lambda checked, contact=row.contact_id: self._toggled(contact, checked)
                )
                self.boxes[row.contact_id] = box
                self._rows[row.contact_id] = line
                self._layout.addWidget(line)
                line.show()  # at once, not after the next turn of the event loop
            box.blockSignals(True)
            box.setChecked(row.told)
            box.blockSignals(False)
            self._labels[row.contact_id].setText(text)
            box.setAccessibleName(text)
            about = ", ".join(
                str(part)
                for part in (row.contact.get("specialty"), row.contact.get("institution"))
                if part
            )
            box.setToolTip(about)
            self._labels[row.contact_id].setToolTip(about)
        self._fit()

    def _clear(self) -> None:
        for line in self._rows.values():
            self._layout.removeWidget(line)
            line.hide()
            line.deleteLater()  # its box may be the one whose signal is running
        self.boxes.clear()
        self._labels.clear()
        self._rows.clear()

    def _toggled(self, contact_id: int, checked: bool) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        if checked:
            change = self.session.apply(lambda d: tell(d, case_id, contact_id))
        else:
            change = self.session.apply(lambda d: untell(d, case_id, contact_id))
        box = self.boxes.get(contact_id)
        if change is None and box is not None:  # refused (said already): as it was
            box.blockSignals(True)
            box.setChecked(not checked)
            box.blockSignals(False)


__all__ = ["ToldChecks", "handover_printable", "print_link_html", "row_text", "why_words"]
