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


# Findings waiting for a fix, each with where to fix it: none now. The test fails on any
# other finding, and on one of these once it is gone (remove it then).
KNOWN: set[tuple[str, str, str]] = set()


def known(finding: dict[str, str]) -> bool:
    return (finding["screen"], finding["widget"], finding["kind"]) in KNOWN


def chosen(size: Size, screen: str) -> bool:
    return size is SIZES[0] or screen in CHOSEN


def test_every_screen_is_captured_without_findings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", PINNED_DAY)  # the pictures of one day
    before = qapp.font().pointSizeF()
    found = run_catalogue(tmp_path, SIZES, only=chosen, say=lambda _line: None)
    assert qapp.font().pointSizeF() == before  # the larger text is put back

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
