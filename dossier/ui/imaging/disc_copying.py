"""Copying a study's disc for the next doctor, in the background: the folder chosen
(:mod:`.copy_dialog`), the files written with their DICOMDIR (core ``export_disc``), then
where the copy went, said plainly; the physical-items list records it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...core import records
from ...core.bidi import isolate
from ...core.entities import ENTITIES
from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.imaging.export import ExportedDisc, export_disc
from ...core.storage import Dossier
from .. import tasks
from ..formatting import shown_date
from ..session import Session
from ..tasks import Task
from .copy_dialog import CopyDisc
from .disc_progress import DiscProgress
from .disc_reading import failure_text


class DiscCopying(QObject):
    """Copies of the page's studies; :attr:`copied` gives the core's ExportedDisc."""

    copied = Signal(object)

    def __init__(self, session: Session, page: QWidget) -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.dialog: CopyDisc | None = None
        self.progress: DiscProgress | None = None
        self.task: Task | None = None
        self.message: QMessageBox | None = None
        self.leaving = False

    def leave(self) -> None:
        """The dossier is being left: a copy being written is finished first (it is never
        cut half way), then nothing more is said."""
        self.leaving = True
        if self.task is not None:
            self.task.wait()
        if self.dialog is not None:
            self.dialog.reject()

    def ask(self, study: dict[str, Any]) -> CopyDisc:
        """Open the copy dialog for ``study``; the copy starts when it is accepted."""
        dialog = CopyDisc(self.session, study, self.page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start(study, dialog))
        dialog.finished.connect(self._dialog_gone)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_gone(self) -> None:
        self.dialog = None

    def _start(self, study: dict[str, Any], dialog: CopyDisc) -> None:
        target, sent_to = dialog.target, dialog.sent_to()
        if target is None:
            return
        study_id = int(study["id"])
        self.progress = DiscProgress(tr("Copying the disc"), self.page, stoppable=False)

        def copy(dossier: Dossier, task: Task) -> ExportedDisc:
            return export_disc(
                dossier,
                [study_id],
                target,
                sent_to_id=sent_to,
                progress=lambda done, total: task.progress(done, total),
            )

        self.task = tasks.start(
            tasks.with_dossier(self.session.dossier.path, copy),
            done=lambda done: self._copied(done, sent_to),
            failed=self._failed,
            progress=self._step,
            owner=self,
            name="copy disc",
        )
        self.progress.show()

    def _step(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.show_step(
                # Translators: progress while a disc is copied: "Copying the images: 5 of 24".
                tr("Copying the images: {done} of {total}", done=done, total=total),
                done,
                total,
            )

    def _ended(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _failed(self, error: BaseException) -> None:
        self._ended()
        self._say(failure_text(error), QMessageBox.Icon.Warning)

    def _copied(self, done: ExportedDisc, sent_to: int | None) -> None:
        self._ended()
        self.session.notify_reloaded()
        images = ntr("{n} image", "{n} images", done.images)
        if sent_to is not None:
            text = tr(
                "The disc is copied to {folder}: {images} with a DICOMDIR, which any DICOM "
                "viewer opens. The list of slides, films and discs records the copy, sent to "
                "{contact}.",
                folder=isolate(str(done.folder)),
                images=images,
                contact=isolate(_contact_name(self.session, sent_to)),
            )
        else:
            text = tr(
                "The disc is copied to {folder}: {images} with a DICOMDIR, which any DICOM "
                "viewer opens. The list of slides, films and discs records where the copy is.",
                folder=isolate(str(done.folder)),
                images=images,
            )
        self._say(text, QMessageBox.Icon.Information)
        self.copied.emit(done)

    def _say(self, text: str, icon: QMessageBox.Icon) -> None:
        if self.leaving:
            return
        box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, self.page)
        box.setObjectName("copyMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = box
        box.finished.connect(self._message_gone)
        box.open()

    def _message_gone(self) -> None:
        self.message = None


def _contact_name(session: Session, contact_id: int) -> str:
    try:
        contact = records.get(session.dossier, "contact", contact_id)
    except DossierError:
        return ""
    return records.label_of(ENTITIES["contact"], contact, shown_date)


__all__ = ["DiscCopying"]
