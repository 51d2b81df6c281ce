"""Large print enlarges everything, for every kind of report: the text and the footer, from
the layout, from ``dossier print --large-print`` and from the print dialog's Large print
box (offered for every report). Sizes are read back from the rendered PDF."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.comparison import comparison_report
from dossier.core.reports.document_index import document_index
from dossier.core.reports.model import Report
from dossier.core.reports.question_sheet import question_sheet
from dossier.core.reports.request_letter import request_letter
from dossier.core.storage import Dossier
from dossier.reports.layout import write_report
from dossier.ui.main_window import MainWindow
from dossier.ui.printing.print_dialog import PrintDialog
from tests.cli.runner import run
from tests.reports.pdf_reading import chars, page_count, where

PRINTED = date(2026, 11, 22)
KINDS: dict[str, Callable[[Dossier, int], Report]] = {
    "brief": lambda d, c: consultation_brief(d, c, printed=PRINTED),
    "questions": lambda d, c: question_sheet(d, case_id=c, printed=PRINTED),
    "comparison": lambda d, c: comparison_report(d, c, printed=PRINTED),
    "request-letter": lambda d, c: request_letter(d, c, printed=PRINTED),
    "index": lambda d, c: document_index(d, c, printed=PRINTED),
}


def body_size(path: Path) -> float:
    """The usual height of a lower-case letter with an ascender (points), on every page."""
    heights = [
        c.top - c.bottom
        for page in range(page_count(path))
        for c in chars(path, page)
        if c.text in "bdhkl"
    ]
    return statistics.median(heights)


def footer_size(path: Path) -> float:
    found = where(chars(path, 0), "printed")
    return found.top - found.bottom


def _case(demo: Dossier) -> int:
    return next(c["id"] for c in records.list_records(demo, "case") if c["kind"] == "treatment")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_larger_text_and_footer(demo: Dossier, tmp_path: Path, kind: str) -> None:
    report = KINDS[kind](demo, _case(demo))
    plain, large = tmp_path / "plain.pdf", tmp_path / "large.pdf"
    pages = write_report(report, plain)
    large_pages = write_report(report, large, large_print=True)
    assert large_pages >= pages
    assert body_size(large) >= 1.35 * body_size(plain)
    assert footer_size(large) >= 1.4 * footer_size(plain)


def test_the_command_line_prints_any_report_large(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    run("demo", str(folder))
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    d = ("--dossier", str(folder))
    run("print", "brief", "--case", "1", "--out", str(small), *d)
    run("print", "brief", "--case", "1", "--out", str(large), "--large-print", *d)
    assert body_size(large) >= 1.35 * body_size(small)
    assert footer_size(large) >= 1.4 * footer_size(small)
    assert "any report" in run("print", "--help").stdout


@pytest.mark.parametrize("kind", ["brief", "index"])
def test_the_print_dialog_offers_large_print_for_every_report(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, kind: str
) -> None:
    from dossier.core.opening import open_dossier

    dossier = open_dossier(demo_copy)
    try:
        window = MainWindow(dossier)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.print_menu.actions[kind].trigger()
        dialog = window.print_menu.dialog
        assert isinstance(dialog, PrintDialog)
        qtbot.waitExposed(dialog)
        assert dialog.large_print.isVisible()
        dialog.large_print.setChecked(True)
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
        preview = dialog.preview
        assert preview is not None
        out = preview.save_to(tmp_path / "large.pdf")
        assert footer_size(out) >= 1.4 * 6.0  # the plain footer's "p" is under 6 points high
        folder = preview.path.parent
        preview.close()
        qtbot.waitUntil(lambda: not folder.exists())
        window.close()
    finally:
        dossier.close()
