"""Records requests (what was asked of which facility, and by when) and physical items."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...core.i18n import tr
from ..models.record_table import Column
from ..session import Session
from ..widgets.shown_page_size import ShownPageSize
from .lookup import linked_name
from .record_page import RecordPage


class RecordsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requests = RecordPage(
            session,
            "records_request",
            [
                Column("facility", tr("Facility"), text=lambda r: r.get("facility") or ""),
                Column("what", tr("What was asked for")),
                Column("requested_on", tr("Requested")),
                Column("due_on", tr("Due")),
                Column("status", tr("Status")),
            ],
            title=tr("Records requests"),
            intro=tr(
                "Ask for your whole file: scans and slides as well as the written reports.",
            ),
        )
        self.items = RecordPage(
            session,
            "physical_item",
            [
                Column("description", tr("Item")),
                Column("kind", tr("Kind")),
                Column("location", tr("Where it is")),
                Column(
                    "sent_to_id",
                    tr("Sent to"),
                    text=linked_name(session, "sent_to_id", "contact"),
                ),
                Column("returned_on", tr("Returned")),
            ],
            title=tr("Slides, films and discs"),
            intro=tr("Originals that are not files: where each one is, and who has it."),
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordsTabs")
        self.tabs.addTab(self.requests, tr("Records requests"))
        self.tabs.addTab(self.items, tr("Slides, films and discs"))
        ShownPageSize(self.tabs)  # as wide as the tab shown needs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
