"""Render a report or the packet to a PDF file on a worker thread.

The content (database reads) is gathered on the UI thread into a :class:`RenderJob`;
the thread only lays it out with Qt and writes the file. A running thread is kept in a
module-level set until it has finished, so it is never destroyed while it runs.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QThread, Signal

from ...core.reports.dates import DateFormatter
from ...core.reports.model import Report
from ...core.reports.packet import PacketPlan

log = logging.getLogger(__name__)
_RUNNING: set[RenderThread] = set()
US_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
}


def default_paper(locale: QLocale | None = None) -> str:
    """Letter in the United States and Canada, A4 everywhere else."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in US_LETTER_TERRITORIES else "a4"


def locale_dates(locale: QLocale | None = None) -> DateFormatter:
    """Dates for paper in the user's locale: the long format without the weekday."""
    loc = QLocale(locale) if locale is not None else QLocale()
    pattern = loc.dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4}[,.،\s]*", "", pattern).strip(" ,") or "d MMMM yyyy"

    def formatter(day: date) -> str:
        return loc.toString(QDate(day.year, day.month, day.day), pattern)

    return formatter


@dataclass(frozen=True)
class RenderJob:
    """What to render: one report, or the packet of ``plan``."""

    title: str  # for the preview window and the suggested file name
    paper: str
    report: Report | None = None
    plan: PacketPlan | None = None
    dates: DateFormatter | None = None

    def run(self, out: Path) -> int:
        """Write the PDF to ``out``; its number of pages."""
        if self.plan is not None:
            from ...reports.packet import render_packet

            if self.dates is not None:
                return render_packet(self.plan, out, self.paper, dates=self.dates).pages
            return render_packet(self.plan, out, self.paper).pages
        assert self.report is not None
        from ...reports.layout import write_report

        return write_report(self.report, out, self.paper)


class RenderThread(QThread):
    """Runs ``job`` into a new temporary folder; ``done(path, pages)`` or ``failed(words)``."""

    done = Signal(str, int)
    failed = Signal(str)

    def __init__(self, job: RenderJob, runner: Callable[[Path], int] | None = None) -> None:
        super().__init__(QCoreApplication.instance())  # outlives the dialog that started it
        self.job = job
        self._runner = runner or job.run
        self.folder = Path(tempfile.mkdtemp(prefix="dossier-print-"))
        self.out = self.folder / "report.pdf"
        self.finished.connect(self._forget)

    def start_render(self) -> None:
        # Imported here, on the UI thread: the layout modules set up the PySide fix and
        # the application they need before any worker uses them.
        from ...reports import layout, packet  # noqa: F401

        _RUNNING.add(self)
        self.start()

    def run(self) -> None:
        try:
            pages = self._runner(self.out)
        except Exception as exc:  # shown to the person in plain words
            log.exception("rendering %s failed", self.job.title)
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.done.emit(str(self.out), pages)

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def wait_all(timeout_ms: int = 30000) -> None:
    """Wait for every running render (used when the application quits)."""
    for thread in list(_RUNNING):
        thread.wait(timeout_ms)
