"""A one-line field holding more text than it can show shows its beginning, not its end
("ltation, Dr. Halvorsen" looked like damaged data); a label names dates as people write them."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.session import Session
from dossier.ui.widgets.record_form import RecordForm

LONG = "Second-opinion consultation at the Northfield Joint Clinic, Dr. Halvorsen, with imaging"


def test_a_long_value_shows_its_beginning(qtbot: QtBot, dossier: Dossier) -> None:
    made = records.create(dossier, "cost", {"description": LONG, "amount": 260}).id
    form = RecordForm(Session(dossier), "cost")
    qtbot.addWidget(form)
    form.resize(400, 600)
    form.show()
    form.set_record(records.get(dossier, "cost", made))
    line = form.editors["description"].widget
    assert isinstance(line, QLineEdit) and line.text() == LONG
    assert line.cursorPosition() == 0


def test_a_forms_heading_writes_dates_in_words(qtbot: QtBot, dossier: Dossier) -> None:
    made = records.create(
        dossier, "appointment", {"purpose": "Knee", "starts_at": "2026-06-02 14:00"}
    ).id
    form = RecordForm(Session(dossier), "appointment")
    qtbot.addWidget(form)
    form.set_record(records.get(dossier, "appointment", made))
    assert "2026-06-02" not in form.heading.text() and "2026" in form.heading.text()
