"""The papers of a bundle for the second doctor, printed to PDF files with Qt.

The core writes the bundle (:mod:`dossier.core.handover.bundle`) but never imports Qt: it
is given :func:`pdf_renderer`'s function, which prints a report or the packet's plan to
the file it is told, each in the language it was made in, footer included.
"""

from __future__ import annotations

from pathlib import Path

from ..core.handover.bundle_write import Render, Rendered
from ..core.reports.model import Report
from ..core.reports.packet_plan import PacketPlan


def pdf_renderer(paper: str = "a4") -> Render:
    """A function printing a report or a packet's plan to a PDF file on ``paper`` ("a4" or
    "letter"); it may run on a worker thread."""
    from . import layout, packet_pdf  # made ready here: on the UI thread when the UI asks

    def render(content: Report | PacketPlan, out: Path) -> Rendered:
        if isinstance(content, PacketPlan):
            done = packet_pdf.render_packet(content, out, paper, language=content.language)
            return Rendered(done.pages, tuple(done.not_included))
        pages = layout.write_report(
            content, out, paper, large_print=content.large_print, language=content.language
        )
        return Rendered(pages)

    return render


__all__ = ["pdf_renderer"]
