"""The medicines in the Person's details dialog: added by typing into the real form,
stopped (they move to the past list), edited, moved to the trash and brought back by undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.person_dialog import PersonDialog
from dossier.ui.person_medicines import UNTIL, MedicineEdit, MedicinesPanel
from dossier.ui.session import Session
from tests.pinned_day import PinDay
from tests.ui.dialog_hand import DialogHand

DAY = "2026-05-12"


def click(qtbot: QtBot, button: QWidget) -> None:
    assert isinstance(button, QPushButton) and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in(qtbot: QtBot, form: Any, name: str, text: str) -> None:
    widget = form.editors[name].widget
    line = widget if isinstance(widget, QLineEdit | QPlainTextEdit) else None
    line = line or widget.findChild(QLineEdit)
    assert isinstance(line, QLineEdit | QPlainTextEdit), name
    line.setFocus()
    if isinstance(line, QLineEdit):
        line.selectAll()
    qtbot.keyClicks(line, text)


def pick(qtbot: QtBot, form: Any, name: str, typed: str) -> None:
    combo = form.editors[name].widget
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClicks(combo, typed)


def names(panel: MedicinesPanel, which: str) -> list[str]:
    table = panel.current if which == "current" else panel.past
    return [str(m["name"]) for m in panel.records_in(table)]


def opened(qtbot: QtBot, dossier: Dossier) -> tuple[PersonDialog, Session]:
    """The dialog on its Medicines tab, on 12 May 2026 (the day each test pins)."""
    session = Session(dossier)
    dialog = PersonDialog(session)
    qtbot.addWidget(dialog)
    dialog.show_medicines()
    dialog.show()
    return dialog, session


def test_a_medicine_typed_into_the_form_is_listed_then_stopped(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today(DAY)
    doctor = records.create(dossier, "contact", {"name": "Weiß"}).id
    records.create(dossier, "medication", {"name": "Amlodipine", "strength": "5 mg"})
    dialog, session = opened(qtbot, dossier)
    panel = dialog.medicines
    assert dialog.tabs.currentWidget() is panel
    assert names(panel, "current") == ["Amlodipine"]
    assert not panel.show_past.isVisible() and not panel.past.isVisible()
    assert not panel.stop_button.isEnabled()  # nothing chosen yet

    def fill(edit: MedicineEdit) -> None:
        form = edit.form
        type_in(qtbot, form, "name", "Tamoxifen")
        type_in(qtbot, form, "strength", "20 mg")
        type_in(qtbot, form, "dose", "1 tablet each morning")
        type_in(qtbot, form, "started_on", "2026-02-03")
        pick(qtbot, form, "prescribed_by_id", "W")
        type_in(qtbot, form, "reason", "hormone therapy after the operation")
        click(qtbot, form.save_button)

    hand = DialogHand(MedicineEdit, fill)
    click(qtbot, panel.add_button)
    hand.check()
    (tamoxifen,) = records.list_records(dossier, "medication", equal={"name": "Tamoxifen"})
    assert tamoxifen["strength"] == "20 mg" and tamoxifen["dose"] == "1 tablet each morning"
    assert tamoxifen["started_on"] == "2026-02-03" and tamoxifen["prescribed_by_id"] == doctor
    assert tamoxifen["reason"] == "hormone therapy after the operation"
    assert names(panel, "current") == ["Amlodipine", "Tamoxifen"]
    assert panel.selected() is not None and panel.selected()["id"] == tamoxifen["id"]
    assert panel.current.isColumnHidden(UNTIL)  # no medicine taken now has a last day

    def stopped_yesterday(edit: MedicineEdit) -> None:
        assert list(edit.form.editors) == ["ended_on"]
        assert edit.form.editors["ended_on"].value() == "2026-05-12"  # today, unless changed
        type_in(qtbot, edit.form, "ended_on", "2026-05-11")
        click(qtbot, edit.form.save_button)

    hand = DialogHand(MedicineEdit, stopped_yesterday)
    click(qtbot, panel.stop_button)
    hand.check()
    assert records.get(dossier, "medication", tamoxifen["id"])["ended_on"] == "2026-05-11"
    assert names(panel, "current") == ["Amlodipine"]
    assert names(panel, "past") == ["Tamoxifen"]
    assert panel.show_past.isVisible() and panel.show_past.isChecked()  # shown where it went
    assert panel.past.isVisible()
    assert panel.show_past.text() == "Show the stopped medicine (1)"

    session.undo()  # the stop undone: taken again
    assert names(panel, "current") == ["Amlodipine", "Tamoxifen"]
    assert names(panel, "past") == []
    assert not panel.show_past.isVisible()


def test_stopped_today_by_default_and_refused_before_it_started(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today(DAY)
    records.create(dossier, "medication", {"name": "Ibuprofen", "started_on": "2026-05-01"})
    dialog, _session = opened(qtbot, dossier)
    panel = dialog.medicines
    panel.select(int(records.list_records(dossier, "medication")[0]["id"]))

    def too_early(edit: MedicineEdit) -> None:
        type_in(qtbot, edit.form, "ended_on", "2026-04-30")
        click(qtbot, edit.form.save_button)
        error = edit.form.errors["ended_on"]
        assert error.isVisible() and "cannot be stopped before it was started" in error.text()
        assert edit.isVisible()  # the dialog stays, with what was typed
        type_in(qtbot, edit.form, "ended_on", "2026-05-12")  # today, as offered
        click(qtbot, edit.form.save_button)

    hand = DialogHand(MedicineEdit, too_early)
    click(qtbot, panel.stop_button)
    hand.check()
    # Stopped today: still taken today, so still in the list of those taken now.
    assert records.list_records(dossier, "medication")[0]["ended_on"] == "2026-05-12"
    assert names(panel, "current") == ["Ibuprofen"]
    assert not panel.current.isColumnHidden(UNTIL)  # its last day is shown


def test_edit_and_move_to_the_trash_and_back(qtbot: QtBot, dossier: Dossier, today: PinDay) -> None:
    today(DAY)
    first = records.create(dossier, "medication", {"name": "Omeprazole"}).id
    records.create(
        dossier,
        "medication",
        {"name": "Zolpidem", "started_on": "2025-01-01", "ended_on": "2025-03-01"},
    )
    records.create(
        dossier,
        "medication",
        {"name": "Codeine", "started_on": "2026-04-01", "ended_on": "2026-04-20"},
    )
    dialog, session = opened(qtbot, dossier)
    panel = dialog.medicines
    assert names(panel, "past") == ["Codeine", "Zolpidem"]  # the latest stopped first
    assert panel.show_past.text() == "Show the stopped medicines (2)"
    assert not panel.past.isVisible()
    panel.show_past.setChecked(True)
    assert panel.past.isVisible()

    panel.select(first)

    def renamed(edit: MedicineEdit) -> None:
        assert edit.form.editors["name"].value() == "Omeprazole"
        type_in(qtbot, edit.form, "dose", "before breakfast")
        click(qtbot, edit.form.save_button)

    hand = DialogHand(MedicineEdit, renamed)
    click(qtbot, panel.edit_button)
    hand.check()
    assert records.get(dossier, "medication", first)["dose"] == "before breakfast"

    click(qtbot, panel.trash_button)
    assert names(panel, "current") == []
    assert panel.empty.isHidden() and not panel.current.isVisible()
    assert records.get(dossier, "medication", first, include_deleted=True)["deleted_at"]
    session.undo()
    assert names(panel, "current") == ["Omeprazole"]
    assert panel.current.isVisible()


def test_an_empty_list_says_how_to_begin(qtbot: QtBot, dossier: Dossier) -> None:
    dialog, _session = opened(qtbot, dossier)
    panel = dialog.medicines
    assert panel.empty.isVisible() and "Add…" in panel.empty.text()
    assert not panel.current.isVisible() and not panel.show_past.isVisible()
    assert not panel.edit_button.isEnabled() and not panel.trash_button.isEnabled()


def test_an_empty_list_keeps_its_words_at_the_top(qtbot: QtBot, dossier: Dossier) -> None:
    dialog, _session = opened(qtbot, dossier)
    dialog.resize(720, 640)
    qtbot.waitExposed(dialog)
    panel = dialog.medicines
    assert panel.empty.geometry().bottom() < panel.height() // 3  # not spread down the tab
    assert panel.stop_button.text() == "Mark as stopped…"


def test_the_form_gives_an_example_of_strength_and_dose(qtbot: QtBot, dossier: Dossier) -> None:
    dialog = MedicineEdit(Session(dossier), None, title="New medicine")
    qtbot.addWidget(dialog)
    strength = dialog.form.editors["strength"].widget
    dose = dialog.form.editors["dose"].widget
    assert isinstance(strength, QLineEdit) and isinstance(dose, QLineEdit)
    assert strength.placeholderText() == "For example: 500 mg"
    assert dose.placeholderText() == "For example: 1 tablet twice a day"
