"""The generic record form marks a deadline done with today's date, as the calendar does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.session import Session
from dossier.ui.widgets.record_form import RecordForm

TODAY = "2026-06-15"


def test_ticking_done_in_the_form_and_saving_dates_the_task(
    qtbot: QtBot, dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", TODAY)
    session = Session(dossier)
    task = records.create(dossier, "task", {"title": "Send the objection"}).id
    form = RecordForm(session, "task")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.set_record(records.get(dossier, "task", task))
    done = form.editors["done"].widget
    assert isinstance(done, QCheckBox)
    done.setFocus()

    qtbot.keyClick(done, Qt.Key.Key_Space)  # the tick, as a person gives it from the keyboard
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert records.get(dossier, "task", task)["done_on"] == TODAY
    assert form.editors["done_on"].value() == TODAY  # the form shows the date stored

    qtbot.keyClick(done, Qt.Key.Key_Space)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = records.get(dossier, "task", task)
    assert not stored["done"] and stored["done_on"] is None

    session.undo()  # undoing the second save brings the date back
    assert records.get(dossier, "task", task)["done_on"] == TODAY
