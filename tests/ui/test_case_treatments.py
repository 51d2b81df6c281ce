"""Treatments given or tried, the person's sex and a case's doctors, entered in the window
as a person would: typed, picked with the keyboard, saved with a click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.person_dialog import PersonDialog
from dossier.ui.session import Session
from tests.ui.test_cases import click, editor, make_page, type_into


def pick(qtbot: QtBot, form: Any, name: str, typed: str) -> Any:
    """Choose in the form's list ``name`` by typing the start of the choice (no space:
    a space opens the list)."""
    combo = form.editors[name].widget
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClicks(combo, typed)
    return form.editors[name].value()


def type_date(qtbot: QtBot, form: Any, name: str, text: str) -> None:
    line = form.editors[name].widget.findChild(QLineEdit)
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def labels_in_order(form: Any) -> list[str]:
    layout = form.findChild(QFormLayout)
    assert isinstance(layout, QFormLayout)
    out = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            out.append(label.text().rstrip(" *"))
    return out


def cell(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_a_treatment_typed_into_its_tab_is_saved_and_listed(
    qtbot: QtBot, dossier: Dossier, qtmodeltester: ModelTester
) -> None:
    case = records.create(dossier, "case", {"title": "Right knee"}).id
    physio = records.create(
        dossier, "contact", {"name": "Mia Jansen", "specialty": "Physiotherapy"}
    ).id
    page, _session = make_page(qtbot, dossier)
    assert page.show_case(case)
    tabs = page.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][:3] == [
        "Details",
        "Diagnoses (0)",
        "Treatments (0)",
    ]
    tabs.setCurrentWidget(page.treatments)
    form = page.treatments.form
    assert labels_in_order(form) == [
        "Treatment",
        "Kind",
        "Started",
        "Ended",
        "Given by",
        "Where",
        "Result or why it stopped",
        "Notes",
    ]
    click(qtbot, page.treatments.new_button)
    click(qtbot, form.save_button)  # the treatment's name is needed: said beside it
    assert form.errors["name"].isVisible() and records.list_records(dossier, "treatment") == []

    type_into(qtbot, editor(form, "name"), "Supervised exercise therapy")
    assert pick(qtbot, form, "kind", "Phys") == "physiotherapy"
    type_date(qtbot, form, "started_on", "2026-03-02")
    form.editors["contact_id"].refresh()  # type: ignore[attr-defined]
    assert pick(qtbot, form, "contact_id", "Mia") == physio
    type_into(qtbot, editor(form, "place"), "Northfield practice")
    type_into(qtbot, editor(form, "outcome"), "Stairs a little easier.")
    click(qtbot, form.save_button)

    (saved,) = records.list_records(dossier, "treatment")
    assert {k: saved[k] for k in ("case_id", "name", "kind", "started_on", "ended_on")} == {
        "case_id": case,
        "name": "Supervised exercise therapy",
        "kind": "physiotherapy",
        "started_on": "2026-03-02",
        "ended_on": None,
    }
    assert (saved["contact_id"], saved["place"], saved["outcome"]) == (
        physio,
        "Northfield practice",
        "Stairs a little easier.",
    )
    model = page.treatments.model
    assert model.rowCount() == 1
    assert cell(model, 0, 0) == "Supervised exercise therapy"
    assert cell(model, 0, 1) == "Physiotherapy"
    assert "2026" in cell(model, 0, 2) and cell(model, 0, 3) == ""
    assert cell(model, 0, 4) == "Mia Jansen"
    assert tabs.tabText(tabs.indexOf(page.treatments)) == "Treatments (1)"
    qtmodeltester.check(model)

    # Ended later: the same form, the date typed, saved again.
    type_date(qtbot, form, "ended_on", "2026-04-27")
    click(qtbot, form.save_button)
    assert records.get(dossier, "treatment", saved["id"])["ended_on"] == "2026-04-27"
    assert model.rowCount() == 1


def test_the_case_details_name_the_referring_and_the_treating_doctor(
    qtbot: QtBot, dossier: Dossier
) -> None:
    gp = records.create(dossier, "contact", {"name": "Thomas Achterberg"}).id
    surgeon = records.create(dossier, "contact", {"name": "Samuel Okonkwo"}).id
    page, _session = make_page(qtbot, dossier)
    details = page.details
    names = labels_in_order(details)
    assert names.index("Description") < names.index("Referred by")
    assert names.index("Referred by") + 1 == names.index("Treating doctor")
    type_into(qtbot, editor(details, "title"), "Knee: replace now?")
    for name in ("referred_by_id", "treating_id"):
        details.editors[name].refresh()  # type: ignore[attr-defined]
    assert pick(qtbot, details, "referred_by_id", "Tho") == gp
    assert pick(qtbot, details, "treating_id", "Sam") == surgeon
    click(qtbot, details.save_button)
    (case,) = records.list_records(dossier, "case")
    assert (case["referred_by_id"], case["treating_id"]) == (gp, surgeon)


def test_the_person_s_sex_may_be_given_or_left_unsaid(qtbot: QtBot, dossier: Dossier) -> None:
    dialog = PersonDialog(Session(dossier))
    qtbot.addWidget(dialog)
    form = dialog.form
    names = labels_in_order(form)
    assert names.index("Date of birth") + 1 == names.index("Sex")
    combo = form.editors["sex"].widget
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(not given)",
        "Female",
        "Male",
        "Other",
    ]
    assert combo.currentIndex() == 0  # nothing given yet: nothing chosen for the person
    assert pick(qtbot, form, "sex", "F") == "female"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert records.get(dossier, "person", 1)["sex"] == "female"

    again = PersonDialog(Session(dossier))
    qtbot.addWidget(again)
    shown: QWidget = again.form.editors["sex"].widget
    assert isinstance(shown, QComboBox) and shown.currentText() == "Female"
    assert pick(qtbot, again.form, "sex", "(") is None  # back to "(not given)"
    qtbot.mouseClick(again.form.save_button, Qt.MouseButton.LeftButton)
    assert records.get(dossier, "person", 1)["sex"] is None


def test_a_treatment_found_by_the_search_opens_in_its_case_s_tab(
    qtbot: QtBot, dossier: Dossier
) -> None:
    from dossier.ui.main_window import MainWindow

    records.create(dossier, "case", {"title": "Breast"})
    knee = records.create(dossier, "case", {"title": "Knee"}).id
    made = records.create(
        dossier, "treatment", {"case_id": knee, "name": "Steroid injection", "kind": "medication"}
    ).id
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    window.view.open_record("treatment", made)  # as a search hit does
    page = window.view.pages["cases"]
    assert window.view.current_page_key() == "cases" and page.case_id == knee
    assert page.tabs.currentWidget() is page.treatments
    current = page.treatments.current_record()
    assert current is not None and current["id"] == made
    assert page.treatments.form.editors["name"].value() == "Steroid injection"
    window.close()
