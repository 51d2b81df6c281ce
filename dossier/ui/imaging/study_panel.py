"""One study: its name, whose files they are, its actions, its series (each with a picture)
and the viewer showing the chosen series."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.bidi import isolate
from ...core.i18n import tr
from ...core.imaging.preview import Slice, series_slices
from ..session import Session
from .reading_side import window_side
from .series_list import SeriesList
from .series_viewer import SeriesViewer
from .slice_loader import SliceLoader
from .study_text import counts_text, kept_text, study_line, whose

WARNING_STYLE = (
    "QLabel { background: #fff1cc; color: #5c3b00; border: 2px solid #c98a00;"
    " border-radius: 4px; padding: 6px; font-weight: bold; }"
)


class StudyPanel(QWidget):
    """The study chosen on the page (nothing chosen: the panel is hidden by the page)."""

    edit_asked = Signal()
    copy_asked = Signal()
    trash_asked = Signal()

    def __init__(
        self, session: Session, loader: SliceLoader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.study: dict[str, Any] | None = None
        self.slices: dict[int, list[Slice]] = {}
        self.title = QLabel()
        self.title.setObjectName("studyTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setObjectName("studyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.whose = QLabel()
        self.whose.setObjectName("studyWhose")
        self.whose.setWordWrap(True)
        self.whose.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button = QPushButton(tr("Edit…"))
        self.edit_button.setObjectName("editStudy")
        self.edit_button.setToolTip(
            tr("The study's case, description, notes, and whether to bring it")
        )
        self.copy_button = QPushButton(tr("Copy the disc for the second doctor…"))
        self.copy_button.setObjectName("copyDisc")
        self.trash_button = QPushButton(tr("Move to trash"))
        self.trash_button.setObjectName("trashStudy")
        self.edit_button.clicked.connect(self.edit_asked)
        self.copy_button.clicked.connect(self.copy_asked)
        self.trash_button.clicked.connect(self.trash_asked)

        self.series = SeriesList(loader)
        self.viewer = SeriesViewer(loader)
        self.series.series_chosen.connect(self.show_series)
        self.series.itemActivated.connect(lambda _item: self.viewer.view.setFocus())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("studySplitter")
        self.splitter.addWidget(self.series)
        self.splitter.addWidget(self.viewer)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.series.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.details)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.edit_button, self.copy_button, self.trash_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addLayout(words, 1)
        top.addLayout(buttons)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        for label in (self.title, self.details, self.whose):
            window_side(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(line)
        layout.addLayout(top)
        layout.addWidget(self.whose)
        layout.addWidget(self.splitter, 1)

    def show_study(self, study: dict[str, Any] | None, *, writable: bool = True) -> None:
        """Show ``study`` (as the core gives it, with its series); its first series in the
        viewer, unless the same study is shown again (then the series stays)."""
        same = study is not None and self.study is not None and study["id"] == self.study["id"]
        keep_series = self.series.current_series() if same else None
        keep_slice = self.viewer.index if same else -1
        self.study = study
        if study is None:
            self.slices = {}
            self.series.set_series([], {})
            self.viewer.show_series(None, [])
            return
        dossier = self.session.dossier
        self.title.setText(study_line(study))
        self.details.setText(self._details(study))
        checked = whose(dossier, study)
        mark = "⚠ " if checked.mismatch else "✓ " if checked.result == "match" else "? "
        self.whose.setText(mark + checked.message)
        self.whose.setStyleSheet(WARNING_STYLE if checked.mismatch else "")
        self.whose.setAccessibleName(tr("Whose files these are"))
        self.slices = {int(s["id"]): series_slices(dossier, int(s["id"])) for s in study["series"]}
        self.series.set_series(study["series"], self.slices)
        self.copy_button.setEnabled(writable and bool(study.get("kept")))
        self.copy_button.setToolTip(
            tr("Copy the original files, with a DICOMDIR, to a folder or a USB stick")
            if study.get("kept")
            else tr("Only the list of this disc is in the dossier: copy the disc itself.")
        )
        self.edit_button.setEnabled(writable)
        self.trash_button.setEnabled(writable)
        chosen = keep_series if keep_series in self.slices else None
        if chosen is None and study["series"]:
            chosen = int(study["series"][0]["id"])
        if chosen is None or not self.series.choose(chosen):
            self.viewer.show_series(None, [])
        elif chosen == keep_series and keep_slice >= 0:
            self.viewer.go_to(keep_slice)  # an edit of the study leaves the viewer where it was

    def _details(self, study: dict[str, Any]) -> str:
        """Series and images, where they are, the referring doctor and the accession number."""
        parts = [
            counts_text(len(study["series"]), int(study.get("image_count") or 0)),
            kept_text(self.session.dossier, study),
        ]
        if study.get("referring_physician"):
            parts.append(tr("asked for by {doctor}", doctor=isolate(study["referring_physician"])))
        if study.get("accession_number"):
            parts.append(tr("accession number {number}", number=isolate(study["accession_number"])))
        if study.get("bring"):
            parts.append(tr("to bring to the next consultation"))
        return " · ".join(parts)

    def show_series(self, series_id: int | None) -> None:
        if series_id is None:
            self.viewer.show_series(None, [])
            return
        self.viewer.show_series(series_id, self.slices.get(series_id, []))


__all__ = ["StudyPanel"]
