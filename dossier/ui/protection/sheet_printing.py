"""The recovery sheet on paper: rendered off the UI thread (as every report is, see
:mod:`..printing.runner`) in large print, then shown in the print preview (with Print and
Save as PDF) or saved straight to a PDF file the person names.

The rendered sheet holds the recovery key: it is rendered in memory only (never a
temporary file) and shown from there, and a PDF saved here is readable by its owner only
(0600)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core import records
from ...core.atomic_write import write_beside
from ...core.crypto.recovery import RecoveryKey
from ...core.i18n import tr
from ...core.reports.common import one_line
from ...core.reports.recovery_sheet import recovery_sheet
from ...core.storage import Dossier
from ..printing.runner import RenderJob, default_paper, start_render_to_memory


def _file_name(dossier: Dossier) -> str:
    from ..printing.preview import safe_file_name

    name = one_line(records.get(dossier, "person", 1).get("name"))
    # Translators: the suggested file name of a saved recovery sheet (without ".pdf").
    return safe_file_name(tr("Recovery sheet of {name}", name=name))


class SheetPrinter(QObject):
    """Prints or saves the sheet of ``recovery`` for ``dossier``; the windows it opens
    belong to ``parent``."""

    busy_changed = Signal(bool)
    saved = Signal(Path)
    failed = Signal(str)

    def __init__(self, dossier: Dossier, recovery: RecoveryKey, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        report = recovery_sheet(dossier, recovery)  # the person's name, read here
        self.job = RenderJob(tr("Recovery sheet"), default_paper(), report=report, large_print=True)
        self.file_name = _file_name(dossier)
        self.busy = False

    def preview(self) -> None:
        """Show the sheet in the print preview, whose Print button prints it."""
        self._render(self._show_preview)

    def save(self) -> None:
        """Ask where, then save the sheet there as a PDF."""
        name, _filter = QFileDialog.getSaveFileName(
            self.parent_widget,
            tr("Save the recovery sheet as PDF"),
            str(Path.home() / self.file_name),
            tr("PDF files (*.pdf)"),
        )
        if name:
            target = Path(name)
            self._render(lambda pdf, _pages: self._save_to(pdf, target))

    def _render(self, then: Callable[[bytes, int], None]) -> None:
        if self.busy:
            return
        self._set_busy(True)

        def done(pdf: bytes, pages: int) -> None:
            self._set_busy(False)
            then(pdf, pages)

        def failed(words: str) -> None:
            self._set_busy(False)
            self.failed.emit(tr("The recovery sheet could not be made: {reason}", reason=words))

        start_render_to_memory(self.job, done=done, failed=failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _show_preview(self, pdf: bytes, _pages: int) -> None:
        from ..printing.preview import PreviewWindow

        preview = PreviewWindow(
            pdf,
            self.job.title,
            paper=self.job.paper,
            file_name=self.file_name,
            parent=self.parent_widget,
        )
        preview.show()
        preview.raise_()
        preview.activateWindow()

    def _save_to(self, pdf: bytes, target: Path) -> None:
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_beside(target, pdf, mode=0o600)
        except OSError as exc:
            self.failed.emit(
                tr(
                    "The PDF could not be saved to {path}: {reason}",
                    path=target,
                    reason=exc.strerror or str(exc),
                )
            )
            return
        self.saved.emit(target)
