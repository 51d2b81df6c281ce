"""Render a report or the packet to a PDF file off the UI thread, as a task
(:mod:`dossier.ui.tasks`).

The content (database reads) is gathered on the UI thread into a :class:`RenderJob`;
the task only lays it out with Qt and writes the file into a new temporary folder. It
outlives the dialog that started it; quitting waits for it to end.

A protected dossier's reports and packets are rendered in memory instead
(:func:`start_render_to_memory`): nothing of them reaches the disk until the person saves
or prints them where they choose.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QObject

from ...core.i18n import language_scope
from ...core.reports.model import Report
from ...core.reports.packet_plan import PacketPlan
from .. import tasks
from ..tasks import Task

US_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
}


def default_paper(locale: QLocale | None = None) -> str:
    """Letter in the United States and Canada, A4 everywhere else."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in US_LETTER_TERRITORIES else "a4"


@dataclass(frozen=True)
class RenderJob:
    """What to render: one report, or the packet of ``plan``."""

    title: str  # for the preview window and the suggested file name
    paper: str
    report: Report | None = None
    plan: PacketPlan | None = None
    large_print: bool = False  # a report in large print (the packet's plan carries its own)
    language: str | None = None  # None: the language the content was made in

    def run(self, out: Path) -> int:
        """Write the PDF to ``out`` in the job's language (this may run on a worker thread:
        the language is set here, for this job only); its number of pages."""
        with language_scope(self.language):
            if self.plan is not None:
                from ...reports.packet_pdf import render_packet

                return render_packet(self.plan, out, self.paper, language=self.language).pages
            assert self.report is not None
            from ...reports.layout import write_report

            return write_report(self.report, out, self.paper, large_print=self.large_print,
                                language=self.language)  # fmt: skip

    def render(self) -> tuple[bytes, int]:
        """The PDF, made in memory only, and its number of pages (see :meth:`run`)."""
        with language_scope(self.language):
            if self.plan is not None:
                from ...reports.packet_pdf import render_packet_bytes

                data, result = render_packet_bytes(self.plan, self.paper, language=self.language)
                return data, result.pages
            assert self.report is not None
            from ...reports.layout import render_report

            return render_report(self.report, self.paper, large_print=self.large_print,
                                 language=self.language)  # fmt: skip


def start_render(
    job: RenderJob,
    *,
    done: Callable[[Path, int], object],
    failed: Callable[[str], object],
    owner: QObject,
) -> Task:
    """Render ``job``; ``done(path, pages)`` or ``failed(words)``. A render cancelled
    meanwhile (its dialog was closed) removes its file itself."""
    # Imported here, on the UI thread: the layout modules set up the PySide fix and the
    # application they need before any worker uses them.
    from ...reports import layout, packet_pdf  # noqa: F401

    def render(task: Task) -> tuple[Path, int]:
        folder = Path(tempfile.mkdtemp(prefix="dossier-print-"))
        out = folder / "report.pdf"
        try:
            pages = job.run(out)
        except BaseException:
            remove_folder(folder)
            raise
        if task.cancelled():
            remove_folder(folder)  # nobody is going to look at it
        return out, pages

    return tasks.start(
        render,
        done=lambda rendered: done(*rendered),
        failed=lambda error: failed(str(error) or type(error).__name__),
        owner=owner,
        name="print",
    )


def start_render_to_memory(
    job: RenderJob,
    *,
    done: Callable[[bytes, int], object],
    failed: Callable[[str], object],
    owner: QObject,
) -> Task:
    """Render ``job`` in memory only; ``done(pdf, pages)`` or ``failed(words)``."""
    from ...reports import layout, packet_pdf  # noqa: F401  (on the UI thread: see above)

    return tasks.start(
        lambda _task: job.render(),
        done=lambda rendered: done(*rendered),
        failed=lambda error: failed(str(error) or type(error).__name__),
        owner=owner,
        name="print",
    )


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
