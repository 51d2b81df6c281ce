"""Send to the Second Doctor: one bundle for a case, complete or nothing.

Three steps in one window: the choices (:class:`.send_form.SendForm`, with what will go in),
the writing (off the window's thread, as a task with its own connection to the dossier,
with progress and Stop), and how it went, in plain words, with "Show in Folder". The
core writes the bundle (:func:`dossier.core.handover.bundle.make_bundle`); the papers are
printed by :func:`dossier.reports.bundle_render.pdf_renderer`. Once the bundle is
complete, the hand-over to the doctor chosen is recorded through the session, so the
case shows it at once and Undo takes it back. A place that cannot be used is said before
anything is written; Stop, a full disk or a pulled USB stick leave nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.handover.bundle import BundleCancelled, BundleResult, make_bundle, record_hand_over
from ...core.handover.bundle_write import check_room, check_target
from ...core.i18n import tr
from ...core.storage import Dossier
from .. import tasks
from ..printing.runner import default_paper
from ..session import Session
from ..system_files import show_in_folder
from ..tasks import Task
from .send_form import SendForm
from .send_words import done_words


def _heading(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _words(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SendDialog(QDialog):
    """Choose, write, and see how it went; :attr:`bundle` once the bundle is complete."""

    def __init__(self, session: Session, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setWindowTitle(tr("Send to the Second Doctor"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.session, self.case_id = session, case_id
        self.bundle: BundleResult | None = None
        self.error = ""
        self.task: Task | None = None
        self._close_when_done = False
        case = records.get(session.dossier, "case", case_id)
        self.pages = QStackedWidget()
        self.form = SendForm(session, case_id)
        self.pages.addWidget(self._choosing(str(case.get("title") or "")))
        self.pages.addWidget(self._writing())
        self.pages.addWidget(self._ended())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(self.pages)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)
        self.pages.currentChanged.connect(lambda _index: self._fit())
        self.form.changed.connect(self._fit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as the page shown needs at the dialog's width, within the screen: each
        wrapped line of text is given the height it asks for at its width (known only
        once laid out), so no layout squeezes it."""
        page = self.pages.currentWidget()
        if page is None or not self.isVisible():
            return
        for label in page.findChildren(QLabel):
            if label.wordWrap() and not label.isHidden():
                label.setMinimumHeight(label.heightForWidth(max(label.width(), 1)))
        outer = self.layout()
        if outer is not None:
            outer.invalidate()
            outer.activate()
        needed = self.minimumSizeHint().height()
        if outer is not None and outer.hasHeightForWidth():
            needed = max(needed, outer.totalHeightForWidth(self.width()))
        screen = self.screen().availableGeometry().height() - 40
        if needed > self.height():
            self.resize(self.width(), min(needed, screen))

    # The three pages ------------------------------------------------------------------
    def _choosing(self, title: str) -> QWidget:
        page = QWidget()
        intro = _words("sendIntro")
        intro.setText(
            tr(
                "Everything the second doctor needs for the case \u201c{case}\u201d, in one "
                "folder or zip file: the cover letter, the consultation brief and the packet, "
                "the documents as they came, their translations, copies of the imaging discs, "
                "and a list of contents. Put it on a USB stick, or send it.",
                case=" ".join(title.split()),
            )
        )
        warning = _words("sendUnprotected")
        if self.session.dossier.key is not None:
            warning.setText(
                tr(
                    "This dossier is protected with a passphrase, but the bundle is not: "
                    "anyone who has the stick or the file can read it."
                )
            )
        else:
            warning.hide()
        self.write_button = QPushButton(tr("&Write the Bundle"))
        self.write_button.setObjectName("sendWrite")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        cancel = QPushButton(tr("Cancel"))
        cancel.setObjectName("sendCancel")
        cancel.clicked.connect(self.reject)
        self.form.changed.connect(self._can_write)
        self._can_write()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(tr("Send to the second doctor"), "sendHeading"))
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(warning)
        layout.addStretch(1)
        layout.addLayout(_row(cancel, self.write_button))
        return page

    def _writing(self) -> QWidget:
        page = QWidget()
        self.status = _words("sendStatus")
        self.bar = QProgressBar()
        self.bar.setObjectName("sendProgress")
        self.bar.setAccessibleName(tr("Progress"))
        self.stop_button = QPushButton(tr("Stop"))
        self.stop_button.setObjectName("sendStop")
        self.stop_button.clicked.connect(self.stop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading(tr("Writing the bundle…"), "sendWritingHeading"))
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(_row(self.stop_button))
        return page

    def _ended(self) -> QWidget:
        page = QWidget()
        self.end_heading = _heading("", "sendEndHeading")
        self.summary = _words("sendSummary")
        self.show_button = QPushButton(tr("Show in &Folder"))
        self.show_button.setObjectName("sendShowFolder")
        self.show_button.clicked.connect(self.show_bundle)
        self.back_button = QPushButton(tr("&Back"))
        self.back_button.setObjectName("sendBack")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setObjectName("sendClose")
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.end_heading)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addLayout(_row(self.back_button, self.show_button, self.close_button))
        return page

    # Writing ----------------------------------------------------------------------
    def _can_write(self) -> None:
        self.write_button.setEnabled(self.form.target() is not None)

    def write(self) -> Task | None:
        """Check the place now, then write the bundle off the window's thread."""
        target = self.form.target()
        if target is None:
            return None
        dossier = self.session.dossier
        language, to_id, zipped = self.form.chosen_language(), self.form.to_id(), self.form.zipped()
        try:
            check_target(dossier, target, as_zip=zipped)
            check_room(target, 0)
        except DossierError as exc:
            self.form.say_problem(exc.message)
            return None
        from ...reports.bundle_render import pdf_renderer

        render = pdf_renderer(default_paper())  # Qt's printing made ready on this thread

        def work(opened: Dossier, task: Task) -> BundleResult:
            return make_bundle(
                opened, self.case_id, target, language=language, render=render, to_id=to_id,
                as_zip=zipped, record=False, progress=task.progress, cancelled=task.cancelled,
            )  # fmt: skip

        from ..safety.unfinished_cleanup import clean_up_in_background

        window = self.parentWidget()
        window = window.window() if window is not None else None
        if isinstance(window, QMainWindow):
            clean_up_in_background(window, "bundle")  # what a killed bundle left
        self.status.setText(tr("Getting ready…"))
        self.bar.setRange(0, 0)
        self.stop_button.setEnabled(True)
        self.pages.setCurrentIndex(1)
        self.task = tasks.start(
            tasks.with_dossier(Path(dossier.path), work),
            done=self._written,
            failed=self._failed,
            progress=self._step,
            owner=self,
            name="bundle",
            at_quit="cancel",
        )
        return self.task

    def _step(self, what: str, done: int, total: int) -> None:
        self.status.setText(what + "…")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def stop(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(tr("Stopping…"))

    def _written(self, result: BundleResult) -> None:
        self.task = None
        self.bundle = result
        recorded = False
        if result.plan.contents.to_id is not None:
            change = self.session.apply(
                lambda d: record_hand_over(d, result),
                lambda error: setattr(self, "error", error.message),
            )
            recorded = change is not None
            if not recorded:
                from dataclasses import replace

                result = replace(result, hand_over_problem=self.error)
        self._show_end(tr("The bundle is ready."), done_words(result, recorded), done=True)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        heading = tr("The bundle was not written.")
        if isinstance(error, BundleCancelled):  # not "Stopped." twice
            heading = tr("Stopped.")
            self.error = tr("No bundle was made, and nothing was left behind.")
        elif isinstance(error, DossierError):
            self.error = error.message
        else:  # a bug: its details are in the log
            self.error = tr(
                "Something went wrong ({error}). Nothing was left at the place chosen.",
                error=type(error).__name__,
            )
        self._show_end(heading, self.error, done=False)

    def _show_end(self, heading: str, words: str, *, done: bool) -> None:
        self.end_heading.setText(heading)
        self.summary.setText(words)
        self.show_button.setVisible(done)
        self.back_button.setVisible(not done)
        self.pages.setCurrentIndex(2)
        (self.show_button if done else self.close_button).setDefault(True)
        if self._close_when_done:
            self.accept()

    def show_bundle(self) -> None:
        if self.bundle is not None:
            show_in_folder(self.bundle.path)

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing while it writes stops the bundle (nothing is left); the window goes
        once the writing has ended."""
        if self.busy():
            self._close_when_done = True
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.busy():
            self._close_when_done = True
            self.stop()
            return
        super().reject()


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


__all__ = ["SendDialog"]
