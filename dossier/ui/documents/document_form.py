"""The details of one document: the plain fields, plus its tags and the cases it belongs to.

Built on :class:`RecordForm`, so saving goes through the session (undoable) and
errors appear beside the fields; tags and case links are saved in the same step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ...core import records
from ...core.i18n import tr
from ..session import Session
from ..widgets.record_form import RecordForm

FORM_FIELDS = ("title", "kind", "document_date", "source", "notes")


def split_tags(text: str) -> list[str]:
    """ "MRI, key result" → ["MRI", "key result"] (empty pieces and repeats dropped)."""
    found: dict[str, str] = {}
    for piece in text.split(","):
        tag = " ".join(piece.split())
        if tag:
            found.setdefault(tag.casefold(), tag)
    return list(found.values())


class DocumentForm(RecordForm):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._ready = False
        super().__init__(session, "document", fields=FORM_FIELDS, parent=parent)
        self.tags = QLineEdit()
        self.tags.setObjectName("field_tags")
        self.tags.setAccessibleName(tr("Tags"))
        self.tags.setPlaceholderText(tr("Words to find it by, separated by commas"))
        self.tags.setToolTip(tr("For example: MRI, key result"))
        self.tags.textEdited.connect(lambda _text: self._on_edited())
        self.cases = QListWidget()
        self.cases.setObjectName("field_case_ids")
        self.cases.setAccessibleName(tr("Cases this document belongs to"))
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cases.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.cases.itemChanged.connect(lambda _item: self._on_edited())
        self.no_cases = QLabel(tr("There are no cases yet."))
        self.no_cases.setWordWrap(True)

        notes = self.editors["notes"].widget
        notes.setMaximumHeight(notes.fontMetrics().lineSpacing() * 3 + 12)  # Save stays in view
        form = self.findChild(QFormLayout)
        assert form is not None
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # a narrow side panel
        tags_label = QLabel(tr("Tags"))
        tags_label.setBuddy(self.tags)
        form.addRow(tags_label, self.tags)
        cases_label = QLabel(tr("Belongs to"))
        cases_label.setBuddy(self.cases)
        form.addRow(cases_label, self.cases)
        form.addRow("", self.no_cases)
        self._ready = True
        self.set_record(None)

    # Loading ---------------------------------------------------------------------
    def set_record(self, record: Mapping[str, Any] | None, **defaults: Any) -> None:
        super().set_record(record, **defaults)
        for editor in self.editors.values():
            if isinstance(editor.widget, QLineEdit):
                editor.widget.setCursorPosition(0)  # show the start of a long title
        if not self._ready:
            return
        source: Mapping[str, Any] = record if record is not None else defaults
        self.tags.setText(", ".join(source.get("tags") or []))
        linked = set(source.get("case_ids") or [])
        self.cases.blockSignals(True)
        self.cases.clear()
        for case in records.list_records(self.session.dossier, "case"):
            item = QListWidgetItem(case["title"])
            item.setData(Qt.ItemDataRole.UserRole, case["id"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if case["id"] in linked else Qt.CheckState.Unchecked
            )
            self.cases.addItem(item)
        self.cases.blockSignals(False)
        self._fit_cases()
        self.cases.setVisible(self.cases.count() > 0)
        self.no_cases.setVisible(self.cases.count() == 0)
        self._set_dirty(False)

    def _fit_cases(self) -> None:
        """As tall as its cases (up to five, then it scrolls): no empty rows taking room."""
        shown = max(1, min(self.cases.count(), 5))
        rows = sum(self.cases.sizeHintForRow(r) for r in range(shown)) if self.cases.count() else 0
        height = max(rows, self.cases.fontMetrics().lineSpacing() + 4)
        self.cases.setFixedHeight(height + 2 * self.cases.frameWidth() + 2)

    def checked_cases(self) -> list[int]:
        found = []
        for row in range(self.cases.count()):
            item = self.cases.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def set_case_checked(self, case_id: int, checked: bool) -> None:
        for row in range(self.cases.count()):
            item = self.cases.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == case_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # Saving ----------------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        values = super().data()
        if self._ready:
            values["tags"] = split_tags(self.tags.text())
            values["case_ids"] = self.checked_cases()
        return values

    def changed_data(self) -> dict[str, Any]:
        data = super().changed_data()
        if self.record is None or not self._ready:
            return data
        if sorted(data.get("tags", [])) == sorted(self.record.get("tags") or []):
            data.pop("tags", None)
        stored_cases = sorted(self.record.get("case_ids") or [])
        if sorted(data.get("case_ids", [])) == stored_cases:
            data.pop("case_ids", None)
        return data

    def is_dirty(self) -> bool:
        return self.record is not None and bool(self.changed_data())
