"""Imaging: the studies of the dossier's discs, the series of the one chosen, and a viewer
that scrolls through the slices, as the viewers on hospitals' CDs do, without their
complexity. Adding a disc and copying it for the next doctor start here.

The page puts together its parts (:mod:`dossier.ui.imaging`). The image reader behind the
viewer starts when the page is first shown with something to draw, rests when the page has
been out of sight for a while, and stops when the dossier is left (:meth:`leave`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.records import Change
from ..imaging.disc_adding import DiscAdding
from ..imaging.disc_copying import DiscCopying
from ..imaging.empty_state import EmptyImaging
from ..imaging.reading_side import window_side
from ..imaging.slice_loader import SliceLoader
from ..imaging.study_edit import StudyEdit
from ..imaging.study_list import StudyList
from ..imaging.study_panel import StudyPanel
from ..session import Session
from ..widgets.common import page_title

REST_AFTER_MS = 5 * 60_000  # the reader's process goes when the page is out of sight this long


class ImagingPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        writable = session.dossier.read_only is None
        self.loader = SliceLoader(session.dossier, self)
        self.loader.set_active(False)  # the reader starts when the page is first on screen
        self.count_label = QLabel()
        self.count_label.setObjectName("studyCount")
        self.add_button = QPushButton(tr("Add Imaging Disc…"))
        self.add_button.setObjectName("addImagingDisc")
        self.add_button.setToolTip(
            tr("Read the CD, USB stick or .zip of scans the hospital gave you")
        )
        self.notice = QLabel()
        self.notice.setObjectName("imagingNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        window_side(self.notice)
        self.notice.hide()
        self.empty = EmptyImaging()
        self.studies = StudyList(session)
        self.panel = StudyPanel(session, self.loader)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("imagingSplitter")
        self.splitter.addWidget(self.studies)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.splitter)
        self.adding = DiscAdding(session, self, self.show_notice)
        self.copying = DiscCopying(session, self)
        self.edit_dialog: StudyEdit | None = None
        for button in (self.add_button, self.empty.button):
            button.setEnabled(writable)
            button.clicked.connect(self.adding.choose)
            if not writable:
                button.setToolTip(
                    tr("This dossier is open for reading only: the notice at the top says why.")
                )

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(page_title(tr("Imaging")))
        header.addSpacing(8)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        header.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.body, 1)

        self._study_id: int | None = None
        self._listed = -1  # studies listed when the list was last fitted
        self._shown_once = False
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_AFTER_MS)
        self._rest.timeout.connect(self.loader.rest)
        self.studies.study_chosen.connect(self._chosen)
        self.studies.model_.modelReset.connect(self._after_reset)
        self.panel.edit_asked.connect(self.edit_study)
        self.panel.copy_asked.connect(self.copy_study)
        self.panel.trash_asked.connect(self.trash_study)
        self.adding.added.connect(lambda result: self._show_new(result.study_ids))
        self.adding.already.connect(self.show_study)
        session.changed.connect(self._after_change)
        self._after_reset()

    # Showing ---------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def study_count(self) -> int:
        return self.studies.model_.rowCount()

    def show_study(self, study_id: int) -> bool:
        """Choose the study ``study_id`` (a search hit, a disc just added)."""
        return self.studies.choose(study_id)

    def current_study(self) -> dict[str, Any] | None:
        return self.panel.study

    def _show_new(self, study_ids: list[int]) -> None:
        if study_ids:
            self.show_study(study_ids[0])

    def _chosen(self, study_id: int | None) -> None:
        self._study_id = study_id
        study = None
        if study_id is not None:
            try:
                study = records.get(self.session.dossier, "study", study_id)
            except DossierError:
                study = None
        self.panel.setVisible(study is not None)
        self.panel.show_study(study, writable=self.session.dossier.read_only is None)

    def _fit_list(self) -> None:
        """The list of studies as tall as its rows (up to five); the rest for the study."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = min(self.studies.wanted_height(), total // 3)
        self.splitter.setSizes([wanted, total - wanted])

    def _after_reset(self) -> None:
        count = self.study_count()
        if count != self._listed:
            self._listed = count
            QTimer.singleShot(0, self, self._fit_list)
        self.count_label.setText(ntr("{n} study", "{n} studies", count))
        self.body.setCurrentWidget(self.splitter if count else self.empty)
        if self._study_id is not None and self.studies.choose(self._study_id):
            return
        if count:
            self.studies.choose_first()
        else:
            self._chosen(None)

    def _after_change(self, change: Change) -> None:
        if change.entity in ("case", "person") and self._study_id is not None:
            self._chosen(self._study_id)  # the heading and check say it as it is now

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._rest.stop()
        self.loader.set_active(True)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self._fit_list)
        if self.study_count() and self.studies.current_id() is None:
            self.studies.choose_first()  # its pictures start the reader: warm when needed

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.loader.set_active(False)
        if not self.loader.closed:
            self._rest.start()

    def leave(self) -> None:
        """The dossier is being left: a disc being read or added stops, a copy being
        written ends, and the image reader stops."""
        self._rest.stop()
        self.adding.leave()
        self.copying.leave()
        self.loader.close()

    # Actions ---------------------------------------------------------------------------
    def add_disc(self, source: Path | None = None) -> None:
        """Add a disc: ``source`` (its folder or a ``.zip``), or ask where it is."""
        if source is None:
            self.adding.choose()
        else:
            self.adding.read(source)

    def edit_study(self) -> None:
        study = self.panel.study
        if study is None:
            return
        self.edit_dialog = StudyEdit(self.session, study, self)
        self.edit_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.edit_dialog.finished.connect(self._edit_gone)
        self.edit_dialog.open()

    def _edit_gone(self) -> None:
        self.edit_dialog = None

    def copy_study(self) -> None:
        if self.panel.study is not None:
            self.copying.ask(self.panel.study)

    def trash_study(self) -> None:
        """Move the study to the trash (restorable from there, and undoable)."""
        study = self.panel.study
        if study is None:
            return
        study_id = int(study["id"])
        change = self.session.apply(
            lambda d: records.delete(d, "study", study_id),
            lambda error: self.show_notice(error.message),
        )
        if change is not None:
            self._study_id = None
            self.show_notice(
                tr("The study is in the trash. Undo, or restore it from the Trash page.")
            )


__all__ = ["ImagingPage"]
