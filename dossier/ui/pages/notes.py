"""Notes: dated free text, on their own or about a case."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.clock import today
from ...core.i18n import tr
from ..models.record_table import Column
from ..session import Session
from .lookup import linked_name
from .record_page import RecordPage


class NotesPage(RecordPage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form.set_record(None, **self.new_defaults())  # the first note is dated too

    def new_defaults(self) -> dict[str, Any]:
        return {"written_on": today().isoformat()}


def notes_page(session: Session, parent: QWidget | None = None) -> RecordPage:
    columns = [
        Column("written_on", tr("Date")),
        Column(
            "title",
            tr("Title"),
            text=lambda r: r.get("title") or (r["text"].split("\n")[0][:80]),
        ),
        Column("case_id", tr("Case"), text=linked_name(session, "case_id", "case")),
    ]
    return NotesPage(session, "note", columns, title=tr("Notes"), parent=parent)
