"""The "Check the dossier" window: runs the check off the UI thread, shows what it found in
plain words, and offers Repair when something can be repaired.

The check and the repair each run as a task (:mod:`dossier.ui.tasks`) with their own
connection to the dossier; the window only shows their progress. Closing the window
stops a running check, and so does quitting.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.integrity.check import CheckCancelled, Progress, check_dossier
from ...core.integrity.findings import CheckReport
from ...core.integrity.quarantine import Moved
from ...core.integrity.repair import RepairResult, repair
from ...core.lock import acquire
from ...core.opening import open_dossier
from ...core.storage import Dossier
from .. import tasks
from ..tasks import Task
from ..widgets.common import progress_parts, task_layout
from .check_text import SHOW_ALL, findings_html, lines_html, swept_html

T = TypeVar("T")


def run_check(dossier: Dossier, task: Task) -> tuple[CheckReport, list[Moved], str | None]:
    """The check (worker thread): what it found, what opening the dossier swept aside,
    and why repair cannot change this dossier at all (a dossier on a CD), if so."""
    swept = dossier.swept.moved if dossier.swept else []
    report = check_dossier(dossier, progress=task.progress, cancelled=task.cancelled)
    cannot_repair = None
    if dossier.read_only is not None and dossier.read_only.cause == "medium":
        cannot_repair = dossier.read_only.refusal
    return report, swept, cannot_repair


def run_repair(path: Path, before: CheckReport, task: Task) -> RepairResult:
    """The repair, holding the dossier's lock (shared with this program's window)."""
    with acquire(path, "window"), open_dossier(path) as dossier:
        return repair(dossier, before, progress=task.progress, cancelled=task.cancelled)


class CheckDialog(QDialog):
    repaired = Signal()  # thumbnails or the search index were made again: views reload
    finished_work = Signal()  # a check or a repair has ended (its result is shown)

    def __init__(self, dossier_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(tr("Check the dossier"))
        self.dossier_path = Path(dossier_path)
        self.report: CheckReport | None = None
        self.repair_result: RepairResult | None = None
        self.task: Task | None = None  # the check or repair running now
        self._cannot_repair: str | None = None  # why repair cannot change this dossier

        self.heading, self.status, self.bar = progress_parts("check", tr("Progress of the check"))
        self.text = QTextBrowser()
        self.text.setObjectName("checkFindings")
        self.text.setAccessibleName(tr("What the check found"))
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._show_all)
        # What the text shows: the lines above the findings, the report, and the findings
        # whose every item is listed (see check_text.findings_html).
        self._above = ""
        self._shown: CheckReport | None = None
        self._can_repair = True
        self._whole: set[int] = set()
        self.repair_button = QPushButton(tr("Repair"))
        self.repair_button.setObjectName("repairButton")
        self.repair_button.setToolTip(
            tr(
                "Moves files that do not belong to quarantine and makes small pictures and "
                "the search index again. It never deletes a record or a file."
            )
        )
        self.repair_button.clicked.connect(self.start_repair)
        self.again_button = QPushButton(tr("Check again"))
        self.again_button.setObjectName("checkAgainButton")
        self.again_button.clicked.connect(self.start_check)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setObjectName("closeCheck")
        self.close_button.clicked.connect(self._stop_or_close)
        task_layout(
            self,
            (self.heading, self.status, self.bar),
            [(self.text, 1)],
            [self.repair_button, self.again_button],
            [self.close_button],
        )
        self.resize(680, 480)

    # Work ------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def start_check(self) -> None:
        if self.busy():
            return
        self.report, self.repair_result = None, None
        self._begin(
            tr("Checking your dossier…"),
            tr(
                "The check reads every file of the dossier once, so a large dossier takes a "
                "while. It changes nothing. You can keep working in the main window "
                "meanwhile, or stop the check."
            ),
        )
        self._run(tasks.with_dossier(self.dossier_path, run_check), self._checked, "check")

    def start_repair(self) -> None:
        if self.busy() or self.report is None:
            return
        before = self.report
        self._begin(
            tr("Repairing…"),
            tr(
                "Repair only moves and rebuilds: no record and no file is deleted. Files "
                "that do not belong go to the quarantine folder inside the dossier."
            ),
        )
        path = self.dossier_path
        self._run(lambda task: run_repair(path, before, task), self._repaired, "repair")

    def _run(self, work: Callable[[Task], T], done: Callable[[T], None], name: str) -> None:
        """Start ``work``; quitting stops it at once instead of waiting for it."""
        self.task = tasks.start(
            work,
            done=done,
            failed=self._failed,
            progress=self._show_progress,
            owner=self,
            name=name,
            at_quit="cancel",
        )

    def _begin(self, heading: str, explanation: str) -> None:
        self.heading.setText(heading)
        self.status.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.text.setPlainText(explanation)
        self.repair_button.hide()
        self.again_button.hide()
        self.close_button.setText(tr("Stop"))

    def _end(self) -> None:
        self.close_button.setEnabled(True)
        self.bar.hide()
        self.close_button.setText(tr("Close"))
        self.close_button.setDefault(True)
        self.again_button.show()

    def _show_progress(self, progress: Progress) -> None:
        self.status.setText(progress.stage)
        if progress.total:
            scale = max(1, progress.total // 1_000_000)  # keep within a progress bar's int
            self.bar.setRange(0, progress.total // scale)
            self.bar.setValue(progress.done // scale)
        else:
            self.bar.setRange(0, 0)

    # Results ---------------------------------------------------------------------------
    def _checked(self, outcome: tuple[CheckReport, list[Moved], str | None]) -> None:
        report, swept, self._cannot_repair = outcome
        self.report = report
        self._end()
        problems = report.problems
        if not report.findings:
            self.heading.setText(tr("Everything is in order."))
        elif not problems:
            self.heading.setText(tr("The check could not look at everything."))
        else:
            self.heading.setText(
                ntr("The check found one problem.", "The check found {n} problems.", len(problems))
            )
        self.status.setText(
            tr(
                "Looked at the database, the files of all {count} documents, their small "
                "pictures and the search index.",
                count=report.documents,
            )
        )
        intro = ""
        repairable = report.repairable and self._cannot_repair is None
        if report.repairable and not repairable:  # a dossier on a CD: say why, offer nothing
            intro = "<p>" + escape(self._cannot_repair or "") + "</p>"
        elif repairable:
            intro = (
                "<p>"
                + tr(
                    "Repair fixes what it can by moving and rebuilding only: it never deletes a "
                    "record or a file. Files that do not belong go to the quarantine folder "
                    "inside the dossier."
                )
                + "</p>"
            )
        self._show_findings(swept_html(swept) + intro, report, can_repair=repairable)
        self.repair_button.setVisible(repairable)
        if repairable:
            self.repair_button.setDefault(True)
            self.repair_button.setFocus()
        self.finished_work.emit()

    def _repaired(self, result: RepairResult) -> None:
        self.repair_result = result
        self.report = result.after
        self._end()
        after = result.after
        if after.ok:
            self.heading.setText(tr("Repaired. Everything is in order now."))
        else:
            self.heading.setText(tr("Repaired what could be repaired."))
        self.status.setText(tr("What was done:"))
        above = lines_html(result.summary())
        if after.findings:
            above += "<p><b>" + tr("What is left to do:") + "</b></p>"
        self._show_findings(above, after)
        self.repair_button.setVisible(after.repairable)
        self.repaired.emit()
        self.finished_work.emit()

    def _show_findings(self, above: str, report: CheckReport, *, can_repair: bool = True) -> None:
        self._above, self._shown, self._can_repair = above, report, can_repair
        self._whole = set()
        self._render()

    def _render(self) -> None:
        findings = (
            findings_html(self._shown, can_repair=self._can_repair, whole=self._whole)
            if self._shown is not None
            else ""
        )
        self.text.setHtml(self._above + findings)

    def _show_all(self, link: QUrl) -> None:
        """ "show all N" under a finding: list every one of its documents or files."""
        target = link.toString()
        if not target.startswith(SHOW_ALL) or not target[len(SHOW_ALL) :].isdigit():
            return
        scrolled = self.text.verticalScrollBar().value()
        self._whole.add(int(target[len(SHOW_ALL) :]))
        self._render()
        self.text.verticalScrollBar().setValue(scrolled)

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, CheckCancelled):
            self.heading.setText(tr("The check was stopped."))
            self.status.clear()
        elif isinstance(error, DossierError):
            self.heading.setText(tr("The check could not be done."))
            self.status.setText(error.message)
        else:
            self.heading.setText(tr("Something went wrong during the check."))
            self.status.setText(
                tr("Nothing was changed ({error}).", error=error.__class__.__name__)
            )
        self.finished_work.emit()

    # Closing ---------------------------------------------------------------------------
    def _stop_or_close(self) -> None:
        """The button says Stop while a check runs (the window stays), Close after."""
        if self.busy():
            self.stop()
            self.close_button.setEnabled(False)
            self.status.setText(tr("Stopping…"))
        else:
            self.close()

    def stop(self) -> None:
        """Stop a running check or repair (it ends at the next file it reads)."""
        if self.task is not None:
            self.task.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def done(self, code: int) -> None:  # Escape
        self.stop()
        super().done(code)
