"""Before a disc is added: what was found on it, whose files they are, and how to keep it.

Each study with its tick (a study of another person unticked, its warning first), the
files refused with their reasons, how many other files were left aside, the case to link
the studies to, and the choice between keeping a copy of the images in the dossier and
only listing what is on the disc (then: where is the disc kept?).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.entities import ENTITIES
from ...core.i18n import ntr, tr
from ...core.imaging.scan import DiscScan
from ..formatting import shown_date
from ..session import Session
from .dialog_size import tall_enough
from .disc_reading import AddChoice, OpenedDisc
from .reading_side import window_side
from .study_choice import StudyChoice
from .study_text import size_text


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return window_side(label)


class ConfirmDisc(QDialog):
    """The person's decision on a disc read; :meth:`choice` once accepted."""

    def __init__(self, session: Session, disc: OpenedDisc, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scan = disc.scan
        self.setObjectName("confirmDisc")
        self.setWindowTitle(tr("Add an imaging disc"))
        self.scan = scan
        heading = _label(tr("What is on this disc"), "discHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        where = _label(str(scan.source), "discSource")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = _label(
            # Translators: what a disc holds: "1 study, 24 images (169 kB)".
            tr(
                "{studies}, {images} ({size})",
                studies=ntr("{n} study", "{n} studies", len(scan.studies)),
                images=ntr("{n} image", "{n} images", scan.image_count),
                size=size_text(sum(s.size for s in scan.studies)),
            ),
            "discSummary",
        )

        self.choices = [StudyChoice(study) for study in scan.studies]
        listed = QWidget()
        column = QVBoxLayout(listed)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        for choice in self.choices:
            column.addWidget(choice)
            choice.toggled.connect(self._update)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("discStudies")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(listed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(summary)
        layout.addWidget(scroll, 1)
        self.studies_area = scroll
        self._add_left_aside(layout, scan, disc.ignored)

        self.case = QComboBox()
        self.case.setObjectName("discCase")
        self.case.addItem(tr("(none)"), None)
        cases = records.list_records(session.dossier, "case")
        for case in cases:
            self.case.addItem(records.label_of(ENTITIES["case"], case, shown_date), case["id"])
        if len(cases) == 1:
            self.case.setCurrentIndex(1)
        self.keep = QRadioButton()
        self.keep.setObjectName("keepCopy")
        self.keep.setChecked(True)
        self.only_list = QRadioButton(tr("Only list what is on the disc"))
        self.only_list.setObjectName("onlyList")
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.only_list)
        self.location = QLineEdit()
        self.location.setObjectName("discLocation")
        self.location.setPlaceholderText(tr("For example: in the folder with the hospital letters"))
        self.location.setAccessibleName(tr("Where is the disc kept?"))
        keep_note = _label(
            tr(
                "A copy in the dossier can be viewed and copied for the next doctor without "
                "the disc. A list only takes no room, and the disc itself stays the original."
            ),
            "keepNote",
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Case:"), self.case)
        form.addRow(self.keep)
        form.addRow(self.only_list)
        form.addRow(tr("Where is the disc kept?"), self.location)
        layout.addLayout(form)
        layout.addWidget(keep_note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            tr("Add to the dossier"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setObjectName("addDisc")
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.only_list.toggled.connect(self._update)
        self._update()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        width = min(max(760, self.fontMetrics().averageCharWidth() * 96), screen.width() - 80)
        self.resize(width, min(self.sizeHint().height(), screen.height() - 80))
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        """Once laid out: the studies as tall as they are (a disc of many scrolls), no taller."""
        super().showEvent(event)
        if self._fitted:
            return
        self._fitted = True
        tall_enough(self)
        listed = self.studies_area.widget()
        layout = listed.layout() if listed is not None else None
        if layout is None:
            return
        room = self.studies_area.viewport().width()
        needed = layout.totalHeightForWidth(room) if layout.hasHeightForWidth() else -1
        needed = needed if needed > 0 else layout.totalSizeHint().height()
        spare = self.studies_area.viewport().height() - needed
        if spare > 0:
            self.resize(self.width(), self.height() - spare)

    def _add_left_aside(self, layout: QVBoxLayout, scan: DiscScan, ignored: int) -> None:
        """The files refused (with why), a note on the disc's list, the others ignored."""
        if scan.files.note:
            layout.addWidget(_label(scan.files.note, "discNote"))
        if scan.refused:
            layout.addWidget(
                _label(
                    ntr(
                        "{n} file could not be read and is left aside:",
                        "{n} files could not be read and are left aside:",
                        len(scan.refused),
                    ),
                    "discRefusedHeading",
                )
            )
            refused = QPlainTextEdit()
            refused.setObjectName("discRefused")
            refused.setReadOnly(True)
            refused.setPlainText(
                "\n".join(tr("{path}: {reason}", path=p, reason=r) for p, r in scan.refused)
            )
            lines = min(5, len(scan.refused))
            refused.setFixedHeight(refused.fontMetrics().lineSpacing() * (lines + 1) + 12)
            layout.addWidget(refused)
        if ignored:
            layout.addWidget(
                _label(
                    ntr(
                        "{n} other file on the disc (such as the hospital's viewer program) "
                        "is left aside: it is never opened or run.",
                        "{n} other files on the disc (such as the hospital's viewer program) "
                        "are left aside: they are never opened or run.",
                        ignored,
                    ),
                    "discIgnored",
                )
            )

    def _update(self) -> None:
        chosen = [c.study for c in self.choices if c.chosen()]
        size = sum(s.size for s in chosen)
        self.keep.setText(
            tr("Keep a copy of the images in the dossier ({size})", size=size_text(size))
            if chosen
            else tr("Keep a copy of the images in the dossier")
        )
        self.location.setEnabled(True)
        self.add_button.setEnabled(bool(chosen))

    def choice(self) -> AddChoice:
        chosen = [c.study for c in self.choices if c.chosen()]
        location = self.location.text().strip()
        return AddChoice(
            studies=frozenset(s.uid for s in chosen),
            keep=self.keep.isChecked(),
            case_id=self.case.currentData(),
            location=location or None,
            other_patient=any(s.check.mismatch for s in chosen),
        )


__all__ = ["ConfirmDisc"]
