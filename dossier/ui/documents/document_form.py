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
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.document_language import language_name
from ...core.i18n import tr
from ..session import Session
from ..widgets.record_form import RecordForm

FORM_FIELDS = (
    "title",
    "kind",
    "document_date",
    "source",
    "language",
    "translation_of_id",
    "translation_certified",
    "translated_by",
    "notes",
)
# Fields shown side by side, each pair in one row.
SIDE_BY_SIDE = (
    ("kind", "document_date"),
    ("language", "translation_of_id"),
    ("translation_certified", "translated_by"),
)
# Shown only for a document that is the translation of another.
TRANSLATION_DETAILS = ("translation_certified", "translated_by")


def _row_of(form: QFormLayout, label: QWidget) -> int:
    """The row of ``form`` that ``label`` labels."""
    position: Any = form.getWidgetPosition(label)  # (row, role); typed as object
    return int(position[0])


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
        self._pairs: list[tuple[QBoxLayout, tuple[QWidget, ...]]] = []
        self._sides: dict[str, QWidget] = {}  # the box of each field shown beside another
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

        self._name_languages()
        self.editors["translation_of_id"].edited.connect(self._show_translation_details)
        for name in ("kind", "language", "translation_of_id"):  # narrow enough to pair
            combo = self.editors[name].widget
            assert isinstance(combo, QComboBox)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)

        notes = self.editors["notes"].widget
        notes.setMaximumHeight(notes.fontMetrics().lineSpacing() * 3 + 12)  # Save stays in view
        form = self.findChild(QFormLayout)
        assert form is not None
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # a narrow side panel
        for pair in SIDE_BY_SIDE:  # short fields in pairs: all of it in sight at 1366x768
            self._side_by_side(form, *pair)
        tags_label = QLabel(tr("Tags"))
        tags_label.setBuddy(self.tags)
        form.addRow(tags_label, self.tags)
        cases_label = QLabel(tr("Belongs to"))
        cases_label.setBuddy(self.cases)
        form.addRow(cases_label, self.cases)
        form.addRow("", self.no_cases)
        self._ready = True
        self.set_record(None)

    def _side_by_side(self, form: QFormLayout, first: str, second: str) -> None:
        """The rows of the fields ``first`` and ``second`` as one row of two, each with its
        label above it; one above the other when the panel is too narrow (:meth:`fit_width`)."""
        pair = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        pair.setContentsMargins(0, 0, 0, 0)
        at = _row_of(form, self._rows[first][0])
        for name in (first, second):
            label, box = self._rows[name]
            form.takeRow(_row_of(form, label))
            side = QWidget()
            side.setObjectName(f"side_{name}")
            column = QVBoxLayout(side)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(label)
            column.addLayout(box)
            pair.addWidget(side, 1, Qt.AlignmentFlag.AlignTop)
            self._sides[name] = side
        form.insertRow(at, pair)
        self._pairs.append((pair, (self._sides[first], self._sides[second])))

    def fit_width(self, room: int) -> None:
        """Each pair of fields side by side when both fit in ``room`` pixels, else one
        above the other: the details never scroll sideways, so a row too wide would be cut."""
        for pair, sides in self._pairs:
            needed = sum(side.minimumSizeHint().width() for side in sides) + pair.spacing()
            pair.setDirection(
                QBoxLayout.Direction.LeftToRight
                if room >= needed
                else QBoxLayout.Direction.TopToBottom
            )

    def set_field_visible(self, name: str, visible: bool) -> None:
        super().set_field_visible(name, visible)
        side = self._sides.get(name)
        if side is not None:
            side.setVisible(visible)

    def _name_languages(self) -> None:
        """Each language by its name in the window's language ("Dutch", "Nederlands"…),
        not by its code; an unknown one as not known."""
        combo = self.language_combo
        for row in range(combo.count()):
            code = combo.itemData(row)
            combo.setItemText(row, language_name(code) if code else tr("Not known"))

    @property
    def language_combo(self) -> QComboBox:
        combo = self.editors["language"].widget
        assert isinstance(combo, QComboBox)
        return combo

    @property
    def original_combo(self) -> QComboBox:
        """The choice of the document this one is a translation of."""
        combo = self.editors["translation_of_id"].widget
        assert isinstance(combo, QComboBox)
        return combo

    def _leave_out_itself(self) -> None:
        """A document is not offered as the original of itself."""
        if self.record is None:
            return
        index = self.original_combo.findData(self.record["id"])
        if index > 0 and index != self.original_combo.currentIndex():
            self.original_combo.removeItem(index)

    def _show_translation_details(self) -> None:
        """Whether it is certified, and by whom it was translated: only for a translation."""
        translation = self.original_combo.currentData() is not None
        for name in TRANSLATION_DETAILS:
            self.set_field_visible(name, translation)

    # Loading ---------------------------------------------------------------------
    def set_record(self, record: Mapping[str, Any] | None, **defaults: Any) -> None:
        super().set_record(record, **defaults)
        if "translation_of_id" in self.editors:
            self._leave_out_itself()
            self._show_translation_details()
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
