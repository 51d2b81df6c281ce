"""Which of a case's opinions are compared: a tick box for each (two to four), shown when
there are more than two, and the button that keeps the comparison."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton

from ...core import comparison as cmp
from ...core import records
from ...core.bidi import isolate
from ...core.errors import NotFoundError
from ...core.i18n import tr
from ..session import Session


class OpinionPicker(QObject):
    """The row above the comparison (``row``, a layout the view places): "Compare:", the
    opinions' tick boxes, "Start comparing". With nothing to show, the row takes no room."""

    picked = Signal(list)  # the ids of the opinions ticked, after the person ticked one

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.boxes: dict[int, QCheckBox] = {}
        self.label = QLabel(tr("Compare:"))
        self.box_row = QHBoxLayout()
        self.box_row.setContentsMargins(0, 0, 0, 0)
        self.start_button = QPushButton(tr("Start comparing"))
        self.start_button.setObjectName("startComparing")
        self.start_button.setToolTip(
            tr("Keep this comparison, so your verdicts and notes are saved.")
        )
        self.row = QHBoxLayout()
        self.row.addWidget(self.label)
        self.row.addLayout(self.box_row)
        self.row.addStretch(1)
        self.row.addWidget(self.start_button)

    def fill(self, opinions: list[dict[str, Any]], chosen: list[int]) -> None:
        """A box for each of ``opinions``, ticked for those ``chosen`` (at most four)."""
        wanted = [int(o["id"]) for o in opinions]
        if list(self.boxes) != wanted:
            for box in self.boxes.values():
                self.box_row.removeWidget(box)
                box.deleteLater()
            self.boxes = {}
            for opinion in opinions:
                box = QCheckBox()
                box.setObjectName(f"pickOpinion_{opinion['id']}")
                box.toggled.connect(self._picked)
                self.box_row.addWidget(box)
                self.boxes[int(opinion["id"])] = box
        names = self._opinion_names(opinions)
        for opinion_id, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(opinion_id in chosen)
            box.blockSignals(False)
            box.setText(names[opinion_id])
            box.setAccessibleName(tr("Compare {opinion}", opinion=isolate(names[opinion_id])))
            box.setEnabled(opinion_id in chosen or len(chosen) < 4)
        several = len(opinions) > 2
        self.label.setVisible(several)
        for box in self.boxes.values():
            box.setVisible(several)

    def _opinion_names(self, opinions: list[dict[str, Any]]) -> dict[int, str]:
        out = {}
        for opinion in opinions:
            label = cmp.ordinal_label(opinion.get("ordinal"))
            name = ""
            if opinion.get("contact_id") is not None:
                try:
                    contact = records.get(
                        self.session.dossier, "contact", opinion["contact_id"], include_deleted=True
                    )
                    name = str(contact["name"])
                except NotFoundError:
                    name = ""
            out[int(opinion["id"])] = f"{name} ({label})" if name else label
        return out

    def _picked(self) -> None:
        self.picked.emit([i for i, box in self.boxes.items() if box.isChecked()])
