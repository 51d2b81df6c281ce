"""The first window, driven for real (offscreen)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.clock import today
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow


def test_overview_answers_what_next_and_by_when(qtbot: QtBot, dossier: Dossier) -> None:
    deadline = (today() + timedelta(days=10)).isoformat()
    case = records.create(
        dossier, "case", {"title": "Hip: replace now or wait?", "decision_deadline": deadline}
    )
    records.create(
        dossier,
        "task",
        {"case_id": case.id, "title": "Ask for the X-ray images", "due_on": "2020-01-01"},
    )
    records.create(
        dossier,
        "appointment",
        {
            "case_id": case.id,
            "starts_at": f"{(today() + timedelta(days=3)).isoformat()} 09:30",
            "purpose": "Second opinion, orthopaedics",
        },
    )
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    text = window.summary.text()
    assert "Test Person" in window.windowTitle()
    assert "Hip: replace now or wait?" in text
    assert "Days left to decide: 10" in text
    assert "Overdue:" in text and "Ask for the X-ray images" in text
    assert "Second opinion, orthopaedics" in text
    assert window.summary.accessibleName() == "Overview"
