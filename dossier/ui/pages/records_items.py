"""Records requests (what was asked of which facility, and by when) and physical items."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..models.record_table import Column
from ..session import Session
from .lookup import linked_name
from .record_page import RecordPage


class RecordsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = QCoreApplication.translate
        self.requests = RecordPage(
            session,
            "records_request",
            [
                Column(
                    "facility", t("records", "Facility"), text=lambda r: r.get("facility") or ""
                ),
                Column("what", t("records", "What was asked for")),
                Column("requested_on", t("records", "Requested")),
                Column("due_on", t("records", "Due")),
                Column("status", t("records", "Status")),
            ],
            title=t("records", "Records requests"),
            intro=t(
                "records",
                "Ask for your whole file: scans and slides as well as the written reports.",
            ),
        )
        self.items = RecordPage(
            session,
            "physical_item",
            [
                Column("description", t("records", "Item")),
                Column("kind", t("records", "Kind")),
                Column("location", t("records", "Where it is")),
                Column(
                    "sent_to_id",
                    t("records", "Sent to"),
                    text=linked_name(session, "sent_to_id", "contact"),
                ),
                Column("returned_on", t("records", "Returned")),
            ],
            title=t("records", "Slides, films and discs"),
            intro=t("records", "Originals that are not files: where each one is, and who has it."),
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordsTabs")
        self.tabs.addTab(self.requests, t("records", "Records requests"))
        self.tabs.addTab(self.items, t("records", "Slides, films and discs"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
