"""Progress of an import: a bar, a stop button, and what happened to each file and why."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from ...core.i18n import tr
from ...core.importer.pipeline import ImportResult
from ..tasks import Task
from ..widgets.common import progress_parts, task_layout
from .import_results import ImportResultModel, status_text


class ImportDialog(QDialog):
    """Not modal: the window stays usable, and closing it while files are added only hides it."""

    show_document = Signal(int)  # "Show" a document just added

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Adding files"))
        self.setModal(False)
        self.task: Task | None = None
        self.total = 0
        self.done_count = 0
        self.cancelled_count = 0
        self.failure = ""
        self._batch_start = 0

        self.heading, self.status, self.bar = progress_parts(
            "import", tr("Progress of adding files")
        )
        self.bar.setTextVisible(True)
        self.model = ImportResultModel(self)
        self.table = QTableView()
        self.table.setObjectName("importResults")
        self.table.setAccessibleName(tr("What happened to each file"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Sizes are set per row as rows arrive: "resize to contents" on the headers would
        # measure every row again for each new one, and stall a large import (O(n²)).
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 12)  # room to breathe
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 240)
        widest = max(
            self.table.fontMetrics().horizontalAdvance(status_text(s))
            for s in ("imported", "duplicate", "rejected", "cancelled")
        )
        header.resizeSection(1, widest + 24)
        self.table.doubleClicked.connect(self._on_double_click)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)

        self.stop_button = QPushButton(tr("Stop adding files"))
        self.stop_button.setObjectName("stopImport")
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setObjectName("closeImport")
        self.close_button.clicked.connect(self.close)
        task_layout(
            self,
            (self.heading, self.status, self.bar),
            [(self.table, 1), (self.summary, 0)],
            [self.stop_button],
            [self.close_button],
        )
        self.resize(760, 460)

    # Driven by the page ------------------------------------------------------------
    def follow(self, task: Task, *, keep_results: bool = False) -> None:
        """Show the progress of the import ``task`` (a new batch keeps the earlier rows if
        asked); the page hands on its steps and outcome."""
        if not keep_results:
            self.model.clear()
            self.total = 0
            self.done_count = 0
            self.cancelled_count = 0
        self.failure = ""
        self._batch_start = self.model.rowCount()  # this batch's rows start here
        self.task = task
        self.heading.setText(tr("Adding files to the dossier…"))
        self.status.setText(tr("Looking at the files…"))
        self.summary.clear()
        self.summary.hide()
        self.bar.setRange(0, 0)  # busy until the files are counted
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.close_button.setText(tr("Hide"))
        self.close_button.setToolTip(tr("The files keep being added while this is hidden."))

    def running(self) -> bool:
        return self.task is not None

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.stop_button.setEnabled(False)
            self.status.setText(tr("Stopping… the files being read now are finished first."))

    # From the import ----------------------------------------------------------------
    def show_step(self, done: int, total: int, result: ImportResult | None) -> None:
        """One step: how many files there are (no result yet), or one file's result."""
        if result is None:
            self._on_found(total)
        else:
            self._on_progress(done, total, result)

    def show_failure(self, message: str) -> None:
        """The whole import could not run (its results follow, see :meth:`show_end`)."""
        self.failure = message

    def _on_found(self, count: int) -> None:
        self.total += count
        self.bar.setRange(0, max(1, self.total))
        self.bar.setValue(self.done_count)
        self._update_status()

    def _on_progress(self, _done: int, _total: int, result: ImportResult) -> None:
        self.done_count += 1
        self.model.add(result)
        if result.reason:  # only rows with a reason can need more than one line
            self.table.resizeRowToContents(self.model.rowCount() - 1)
        self.bar.setValue(self.done_count)
        self._update_status()
        if result.status != "imported":
            self.table.scrollToBottom()

    def show_end(self, results: list[ImportResult]) -> None:
        """The import has ended: the final word on each file, and a summary."""
        self.task = None
        if self.failure and results:  # stopped part way (a full disk): the final word per file
            earlier = self.model.results[: self._batch_start]
            self.model.clear()
            for result in [*earlier, *results]:
                self.model.add(result)
            self.table.resizeRowsToContents()
        self.cancelled_count += sum(1 for r in results if r.status == "cancelled")
        self.bar.setRange(0, max(1, self.total))
        self.bar.setValue(max(1, self.total) if self.total else 1)
        self.stop_button.hide()
        self.close_button.setText(tr("Close"))
        self.close_button.setToolTip("")
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self._summarise()

    # Words -------------------------------------------------------------------------
    def _update_status(self) -> None:
        self.status.setText(
            tr("Files looked at: {done} of {total}", done=self.done_count, total=self.total)
        )

    def _summarise(self) -> None:
        counts = self.model.counts()
        added, already, refused = counts["imported"], counts["duplicate"], counts["rejected"]
        if self.failure:
            heading = tr("The files could not be added")
        elif self.cancelled_count:
            heading = tr("Stopped. The files not yet read were not added.")
        elif refused:
            heading = tr("Done. Some files could not be added; the list says why.")
        elif self.total == 0:
            heading = tr("There were no files to add.")
        else:
            heading = tr("Done. Everything is in your dossier.")
        self.heading.setText(heading)
        parts = [
            tr("Added: {count}", count=added),
            tr("Already in the dossier: {count}", count=already),
            tr("Not added: {count}", count=refused + self.cancelled_count),
        ]
        self.status.setText(" · ".join(parts))
        if self.failure:
            self.summary.setText(self.failure)
            self.summary.show()
        elif added:
            self.summary.setText(
                tr("Double-click a file in the list to see it. You can close this window.")
            )
            self.summary.show()

    def summary_text(self) -> str:
        return " ".join(
            t for t in (self.heading.text(), self.status.text(), self.summary.text()) if t
        )

    def _on_double_click(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.model.results):
            document_id = self.model.results[row].document_id
            if document_id is not None:
                self.show_document.emit(document_id)
