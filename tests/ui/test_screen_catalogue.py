"""The screen catalogue, run as `python -m dossier.ui.screens` runs it: every screen at
1366x768, a choice of them at 1920x1080 and with text half as large again, on the
example dossier's pinned day. Any finding (text cut, a widget outside its window, a form
or list that scrolls sideways, a button off the screen, a column heading cut) fails it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from dossier.ui.screens.runner import PINNED_DAY, SIZES, Size, describe, run_catalogue

# At the other sizes, the screens where room runs out first: wide lists, long forms,
# the comparison, the dialogs with forms, appointment mode.
CHOSEN = {
    "overview",
    "cases-details",
    "cases-comparison",
    "documents-open",
    "contacts",
    "costs",
    "records-requests",
    "questions",
    "calendar",
    "dialog-new-dossier",
    "dialog-print-questions",
    "dialog-import",
    "appointment-mode",
    "empty-overview",
}


# Findings in parts others are changing now (issue 13), each with where to fix it. The
# test fails on any other finding, and on one of these once it is gone (remove it then).
KNOWN = {
    # ui/documents/browser.py: the list beside an open document scrolls sideways.
    ("documents-open", "documentList (QTableView)", "scrolls_sideways"),
    # ui/documents/details_panel.py: with 1.5x text the details form is wider than its
    # pane, and its right-hand part is cut off.
    ("documents-open", "documentDetailsScroll (DocumentDetails)", "cut_sideways"),
    # ui/printing/print_dialog.py: "Questions of:" is cut. (With large text, "Case:" and
    # "Paper:" of dialog-print-index lose their lower pixels too: the command reports it,
    # this test does not capture that dialog at that size.)
    ("dialog-print-questions", "QLabel", "text_cut"),
    ("dialog-print-packet", "QLabel", "text_cut"),
    # ui/questions/question_list.py: with 1.5x text its columns' widths in ems add up to
    # more than the list has beside the form, which then scrolls sideways.
    ("questions", "list (QuestionList)", "scrolls_sideways"),
    # ui/widgets/fit_columns.py: with 1.5x text the headings of Costs and Records
    # requests are together wider than the list beside its form; rather than scroll,
    # they are cut. Wants headings on two lines, or the form narrower.
    ("costs", "list (QTableView)", "heading_cut"),
    ("records-requests", "list (QTableView)", "heading_cut"),
}


def known(finding: dict[str, str]) -> bool:
    return (finding["screen"], finding["widget"], finding["kind"]) in KNOWN


def chosen(size: Size, screen: str) -> bool:
    return size is SIZES[0] or screen in CHOSEN


def test_every_screen_is_captured_without_findings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", PINNED_DAY)  # the pictures of one day
    found = run_catalogue(tmp_path, SIZES, only=chosen, say=lambda _line: None)

    written = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert written == found
    full = {p.stem for p in (tmp_path / "1366x768").glob("*.png")}
    assert {"overview", "cases-comparison", "appointment-mode", "welcome"} <= full
    assert {"documents-grid", "documents-list", "search-results", "trash"} <= full
    assert {f"dialog-print-{kind}" for kind in ("brief", "packet")} <= full
    assert {"empty-overview", "empty-trash", "dialog-import", "dialog-restore"} <= full
    for size in SIZES[1:]:
        assert {p.stem for p in (tmp_path / size.name).glob("*.png")} == CHOSEN
    picture = QImage(str(tmp_path / "1920x1080" / "overview.png"))
    assert (picture.width(), picture.height()) == (1920, 1080)
    new = [f for f in found if not known(f)]
    assert not new, f"{len(new)} finding(s):\n{describe(new)}"
    seen = {(f["screen"], f["widget"], f["kind"]) for f in found}
    assert seen >= KNOWN, f"fixed, remove from KNOWN: {sorted(KNOWN - seen)}"
