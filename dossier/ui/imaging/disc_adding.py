"""Adding an imaging disc, from choosing it to seeing its studies on the page.

Where is the disc (:mod:`.disc_source`); reading it in the background, with progress and
Stop; what was found and whose files they are, for the person to decide
(:mod:`.confirm_dialog`); adding it in the background; then the page shows the new study.
A disc already in the dossier says so instead of asking again. One disc at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...core import records
from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.imaging.adding import DiscAdded
from ...core.imaging.scan import DiscScan, FoundStudy
from .. import tasks
from ..read_only_notice import show_refusal
from ..session import Session
from ..tasks import Task
from .confirm_dialog import ConfirmDisc
from .disc_progress import DiscProgress
from .disc_reading import OpenedDisc, failure_text, start_adding, start_reading
from .disc_source import DiscSource
from .study_choice import found_title
from .study_text import size_text


def step_text(step: str, done: int, total: int) -> str:
    if step == "open":
        return tr("Opening the disc…")
    if step == "read":
        if total <= 0:
            return tr("Looking for the scans on the disc…")
        # Translators: progress while a disc is read: "Reading the disc: 120 of 412 files".
        return tr("Reading the disc: {done} of {total} files", done=done, total=total)
    # Translators: progress while a disc's images are copied into the dossier.
    return tr("Copying the images into the dossier: {done} of {total}", done=done, total=total)


class DiscAdding(QObject):
    """The page's way of adding discs; :attr:`added` gives the core's DiscAdded."""

    added = Signal(object)  # DiscAdded
    already = Signal(int)  # the id of a study the disc holds, already in the dossier

    def __init__(self, session: Session, page: QWidget, say: Callable[[str], object]) -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.say = say
        self.task: Task | None = None
        self.progress: DiscProgress | None = None
        self.confirm: ConfirmDisc | None = None
        self.source: DiscSource | None = None
        self.disc: OpenedDisc | None = None
        self.leaving = False  # the dossier is being left: outcomes are not shown

    def leave(self) -> None:
        """Stop reading or adding a disc (nothing half added), and wait for it to stop."""
        self.leaving = True
        task = self.task
        if task is not None:
            task.cancel()
            task.wait()
        for dialog in (self.confirm, self.source):
            if dialog is not None:
                dialog.reject()

    def busy(self) -> bool:
        return self.task is not None or self.confirm is not None

    def _refused(self) -> bool:
        read_only = self.session.dossier.read_only
        if read_only is not None:
            show_refusal(self.page, read_only.refusal, read_only)
        return read_only is not None

    # Choosing ------------------------------------------------------------------------
    def choose(self) -> None:
        """Ask where the disc is, then read it."""
        if self._refused() or self._still_busy():
            return
        self.source = DiscSource(self.page)
        self.source.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source.chosen.connect(self.read)
        self.source.finished.connect(self._source_gone)
        self.source.open()

    def _source_gone(self) -> None:
        self.source = None

    def _still_busy(self) -> bool:
        if not self.busy():
            return False
        self.say(tr("A disc is being added already; wait for it to finish first."))
        if self.progress is not None:
            self.progress.raise_()
        return True

    # Reading -------------------------------------------------------------------------
    def read(self, source: Path) -> None:
        """Read the disc at ``source`` (its folder or a ``.zip``) in the background."""
        if self._refused() or self._still_busy():
            return
        self.progress = DiscProgress(tr("Reading the disc"), self.page)
        self.task = start_reading(
            self.session.dossier.path,
            Path(source),
            progress=self._step,
            done=self._read,
            failed=self._failed,
            owner=self,
        )
        self.progress.stop_asked.connect(self.task.cancel)
        self.progress.show()

    def _step(self, step: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.show_step(step_text(step, done, total), done, total)

    def _end_progress(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _failed(self, error: BaseException) -> None:
        self._end_progress()
        if not self.leaving:
            self._message(failure_text(error), QMessageBox.Icon.Warning)

    def _read(self, disc: OpenedDisc | None) -> None:
        self._end_progress()
        if disc is not None and self.leaving:
            _let_go(disc)
            return
        if disc is None:
            self.say(tr("Reading the disc was stopped; nothing was added."))
            return
        scan = disc.scan
        if not scan.studies:
            _let_go(disc)
            self._message(_nothing_found(scan), QMessageBox.Icon.Information)
            return
        if all(_already(s) for s in scan.studies):
            _let_go(disc)
            self._already_there(scan.studies)
            return
        self.disc = disc
        self.confirm = ConfirmDisc(self.session, disc, self.page)
        self.confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm.accepted.connect(self._add)
        self.confirm.rejected.connect(self._not_added)
        self.confirm.open()

    def _already_there(self, studies: list[FoundStudy]) -> None:
        first = studies[0]
        assert first.existing_id is not None
        try:
            record = records.get(
                self.session.dossier, "study", first.existing_id, include_deleted=True
            )
        except DossierError:
            record = {}
        if record.get("deleted_at"):
            text = tr(
                "The studies on this disc are in the dossier's trash ({name}). Restore them "
                "from the Trash page.",
                name=found_title(first),
            )
        else:
            text = tr(
                "This disc is already in the dossier ({name}): there is nothing new to add.",
                name=found_title(first),
            )
            self.already.emit(first.existing_id)
        self.say(text)
        self._message(text, QMessageBox.Icon.Information)

    def _not_added(self) -> None:
        self.confirm = None
        disc, self.disc = self.disc, None
        if disc is not None:
            _let_go(disc)
        if not self.leaving:
            self.say(tr("The disc was not added."))

    # Adding --------------------------------------------------------------------------
    def _add(self) -> None:
        confirm, self.confirm = self.confirm, None
        disc, self.disc = self.disc, None
        if confirm is None or disc is None:
            return
        choice = confirm.choice()
        self.progress = DiscProgress(tr("Adding the disc"), self.page)
        self.task = start_adding(
            self.session.dossier.path,
            disc,
            choice,
            progress=self._step,
            done=self._added,
            failed=self._add_failed,
            owner=self,
        )
        self.progress.stop_asked.connect(self.task.cancel)
        self.progress.show()

    def _add_failed(self, error: BaseException) -> None:
        self._failed(error)
        self.session.notify_reloaded()

    def _added(self, result: DiscAdded) -> None:
        self._end_progress()
        self.session.notify_reloaded()
        self.say(_added_text(result))
        self.added.emit(result)

    def _message(self, text: str, icon: QMessageBox.Icon) -> None:
        box = QMessageBox(icon, APP_NAME, text, QMessageBox.StandardButton.Ok, self.page)
        box.setObjectName("discMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _already(study: FoundStudy) -> bool:
    return study.existing_id is not None and study.known_images >= study.image_count


def _let_go(disc: OpenedDisc) -> None:
    """The unpacked folder of a ``.zip`` goes, off the UI thread (it may be large)."""
    tasks.start(lambda _task: disc.close(), name="let go of disc")


def _nothing_found(scan: DiscScan) -> str:
    if scan.refused:
        return ntr(
            "No scan could be read on this disc: {n} file was refused ({reason}).",
            "No scan could be read on this disc: {n} files were refused (the first: {reason}).",
            len(scan.refused),
            reason=scan.refused[0][1],
        )
    return tr(
        "There are no scans (DICOM files) on this disc or in this folder. Choose the disc "
        "itself, or the folder the hospital's files were copied to."
    )


def _added_text(result: DiscAdded) -> str:
    studies = ntr("{n} study", "{n} studies", len(result.study_ids))
    if result.images_added == 0 and result.images_known:
        return tr("This disc was already in the dossier: nothing new was added.")
    if result.bytes_added:
        return tr(
            "The disc is added: {studies}, {images} kept in the dossier ({size}).",
            studies=studies,
            images=ntr("{n} image", "{n} images", result.images_added),
            size=size_text(result.bytes_added),
        )
    return tr(
        "The disc is listed: {studies}. The disc itself is recorded under Records and "
        "items, with the slides, films and discs.",
        studies=studies,
    )


__all__ = ["DiscAdding", "step_text"]
