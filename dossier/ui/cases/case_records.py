"""A tab of the case shown listing one kind of its records (diagnoses, opinions) with a form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...core.entities import entity
from ...core.handover.told import is_decided
from ..models.record_table import Column
from ..pages.record_page import RecordPage
from ..session import Session


class CaseRecordPage(RecordPage):
    """A list and form of one kind of record belonging to the case shown; new ones join it."""

    def __init__(
        self,
        session: Session,
        entity_name: str,
        columns: list[Column],
        *,
        title: str,
        intro: str = "",
        leave_out: tuple[str, ...] = (),
        stretch: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            name
            for name in entity(entity_name).field_names
            if name != "case_id" and name not in leave_out
        ]
        super().__init__(
            session, entity_name, columns, title=title, intro=intro, fields=fields, parent=parent
        )
        self.case_id: int | None = None
        self.model.keep = lambda _record: self.case_id is not None
        heading = self.findChild(QLabel, "pageTitle")
        if heading is not None:  # the tab already says what this is
            heading.hide()
        # A tab is narrow: the list on top, the form below it.
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"case{entity_name.title().replace('_', '')}Splitter")
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.table.setMinimumHeight(120)
        self.columns.stretch(stretch)  # the room the columns leave over goes to this one
        self.table.setAccessibleName(title)
        self.set_case(None)

    def _first_split(self) -> None:
        """When first on screen, the list as tall as its rows (within 120 px and a third of
        the tab), the form below taking the rest: an opinion's form needs the room."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        rows = max(self.model.rowCount(), 2)
        wanted = self.table.horizontalHeader().height() + rows * self.table.rowHeight(0) + 8
        top = max(120, min(wanted, total // 3))
        self.splitter.setSizes([top, total - top])

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.model.set_case(case_id)
        self.filter.clear()
        self.new_record()
        self.new_button.setEnabled(case_id is not None)

    def new_defaults(self) -> dict[str, Any]:
        """A new record joins the case shown; a new opinion is numbered after the case's
        others (the second one is "Second opinion" without the person counting); a new
        hand-over of a case not yet decided is the records sent (telling of the decision
        comes after it)."""
        if self.case_id is None:
            return {}
        defaults: dict[str, Any] = {"case_id": self.case_id}
        if self.spec.name == "hand_over" and not is_decided(self.session.dossier, self.case_id):
            defaults["kind"] = "sent"
        if "ordinal" in self.form.editors:
            taken = [int(r.get("ordinal") or 0) for r in self.model.all_records()]
            defaults["ordinal"] = max(taken, default=0) + 1
        return defaults

    def count(self) -> int:
        return len(self.model.all_records())
