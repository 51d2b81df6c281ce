"""The row of filters above the documents: kind, case, tag, dates, and what to bring."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...core.entities import DOCUMENT_KINDS
from ...core.i18n import tr
from ..formatting import choice_label
from ..widgets.date_field import DateField
from ..widgets.flow_layout import FlowLayout
from .document_model import NO_CASE, DocumentFilter


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def _iso(field: DateField) -> str | None:
    text = field.text()
    return text if QDate.fromString(text, Qt.DateFormat.ISODate).isValid() else None


class FilterBar(QWidget):
    changed = Signal(object)  # DocumentFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = _combo("filterKind", tr("Kind of document"))
        self.kind.addItem(tr("Any kind"), None)
        for kind in DOCUMENT_KINDS:
            self.kind.addItem(choice_label("document", "kind", kind), kind)
        self.kind.currentIndexChanged.connect(self._emit)

        self.case = _combo("filterCase", tr("Case"))
        self.case.currentIndexChanged.connect(self._emit)
        self.tag = _combo("filterTag", tr("Tag"))
        self.tag.setMinimumContentsLength(8)
        self.tag.currentIndexChanged.connect(self._emit)

        self.date_from = DateField()
        self.date_from.setObjectName("filterFrom")
        self.date_from.setAccessibleName(tr("Dated from"))
        self.date_from.line.setPlaceholderText(tr("from"))
        self.date_from.edited.connect(self._emit)
        self.date_to = DateField()
        self.date_to.setObjectName("filterTo")
        self.date_to.setAccessibleName(tr("Dated until"))
        self.date_to.line.setPlaceholderText(tr("until"))
        self.date_to.edited.connect(self._emit)
        for field in (self.date_from, self.date_to):
            field.line.setMaximumWidth(
                field.line.fontMetrics().horizontalAdvance("0000-00-00") + 24
            )

        self.bring = QCheckBox(tr("Only what to bring"))
        self.bring.setObjectName("filterBring")
        self.bring.setToolTip(tr("Only documents to bring to the next consultation"))
        self.bring.toggled.connect(self._emit)
        self.clear_button = QPushButton(tr("Show all"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAccessibleName(tr("Show all documents"))
        self.clear_button.clicked.connect(self.clear)

        date_label = QLabel(tr("Dated"))
        date_label.setBuddy(self.date_from)
        dates = QWidget()  # the dates stay together on one line
        date_row = QHBoxLayout(dates)
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_from)
        date_row.addWidget(QLabel("–"))
        date_row.addWidget(self.date_to)
        # On more lines when the page is narrow (large text, a longer language).
        layout = FlowLayout(self)
        for part in (self.kind, self.case, self.tag, dates, self.bring, self.clear_button):
            layout.addWidget(part)
        self._quiet = False
        self.set_choices([], [])

    def set_choices(self, cases: Sequence[dict[str, Any]], tags: Sequence[str]) -> None:
        """Fill the case and tag lists, keeping what is chosen when it still exists."""
        self._quiet = True
        chosen_case = self.case.currentData()
        chosen_tag = self.tag.currentData()
        self.case.clear()
        self.case.addItem(tr("Any case"), None)
        self.case.addItem(tr("Not linked to a case"), NO_CASE)
        for case in cases:
            self.case.addItem(case["title"], case["id"])
            self.case.setItemData(self.case.count() - 1, case["title"], Qt.ItemDataRole.ToolTipRole)
        self.case.setCurrentIndex(max(0, self.case.findData(chosen_case)))
        self.tag.clear()
        self.tag.addItem(tr("Any tag"), None)
        for tag in tags:
            self.tag.addItem(tag, tag)
        self.tag.setCurrentIndex(max(0, self.tag.findData(chosen_tag)))
        self._quiet = False
        self._emit()

    def value(self) -> DocumentFilter:
        return DocumentFilter(
            kind=self.kind.currentData(),
            case_id=self.case.currentData(),
            date_from=_iso(self.date_from),
            date_to=_iso(self.date_to),
            tag=self.tag.currentData(),
            bring_only=self.bring.isChecked(),
        )

    def clear(self) -> None:
        self._quiet = True
        self.kind.setCurrentIndex(0)
        self.case.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        self.date_from.set_text(None)
        self.date_to.set_text(None)
        self.bring.setChecked(False)
        self._quiet = False
        self._emit()

    def _emit(self) -> None:
        if self._quiet:
            return
        value = self.value()
        self.clear_button.setEnabled(value.active)
        self.changed.emit(value)
