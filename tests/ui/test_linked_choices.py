"""What a form offers when a record is linked to another: an appointment named by its day,
time and doctor; an opinion's written report chosen among its case's documents; a new
opinion numbered after the case's others; the doctor's institution as the place; the one
open case for a new appointment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.errors import DossierError
from dossier.core.storage import Dossier
from dossier.ui.models.names import appointment_label
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.pages.cases import CasesPage
from dossier.ui.session import Session
from dossier.ui.widgets.record_form import RecordForm


def entries(combo: Any) -> list[str]:
    assert isinstance(combo, QComboBox)
    return [combo.itemText(i) for i in range(combo.count())]


def refused(error: DossierError) -> None:
    raise AssertionError(error.message)


def test_an_appointment_is_named_by_its_day_time_and_doctor(qtbot: QtBot, dossier: Dossier) -> None:
    session = Session(dossier)
    doctor = records.create(dossier, "contact", {"name": "Dr. Ana Silva"}).id
    visit = records.create(
        dossier, "appointment", {"starts_at": "2026-03-09 10:30", "contact_id": doctor}
    )
    assert visit.after is not None
    form = RecordForm(session, "question", fields=("text", "appointment_id"))
    qtbot.addWidget(form)
    named = entries(form.editors["appointment_id"].widget)
    assert named == ["(none)", appointment_label(session, visit.after)]
    assert "10:30" in named[1] and "Dr. Ana Silva" in named[1] and "2026-03-09" not in named[1]


def test_the_written_report_is_one_of_the_case_documents(qtbot: QtBot, demo: Dossier) -> None:
    session = Session(demo)
    page = CasesPage(session)
    qtbot.addWidget(page)
    case, other = records.list_records(demo, "case")[:2]
    theirs = [d["title"] for d in records.list_records(demo, "document", case_id=case["id"])]
    elsewhere = next(
        d
        for d in records.list_records(demo, "document", case_id=other["id"])
        if d["title"] not in theirs
    )
    assert page.show_case(case["id"])
    page.tabs.setCurrentWidget(page.opinions)
    report = page.opinions.form.editors["report_document_id"].widget
    assert entries(report) == ["(none)", *theirs]

    # A report filed under another case (by the command line, say) is shown by its title.
    opinion = records.list_records(demo, "opinion", case_id=case["id"])[0]
    moved = {"report_document_id": elsewhere["id"]}
    assert session.apply(lambda d: records.update(d, "opinion", opinion["id"], moved), refused)
    assert page.opinions.form.record is not None
    assert page.opinions.form.record["id"] == opinion["id"]
    assert isinstance(report, QComboBox)
    assert report.currentText() == elsewhere["title"]


def test_a_new_opinion_is_numbered_after_the_others(qtbot: QtBot, dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Knee"}).id
    session = Session(dossier)
    page = CasesPage(session)
    qtbot.addWidget(page)
    assert page.show_case(case)
    page.tabs.setCurrentWidget(page.opinions)
    ordinal = page.opinions.form.editors["ordinal"]
    qtbot.mouseClick(page.opinions.new_button, Qt.MouseButton.LeftButton)
    assert ordinal.value() == "1"
    second = {"case_id": case, "ordinal": 2}
    assert session.apply(lambda d: records.create(d, "opinion", second), refused)
    qtbot.mouseClick(page.opinions.new_button, Qt.MouseButton.LeftButton)
    assert ordinal.value() == "3"


def test_the_doctor_gives_the_place_unless_one_is_typed(qtbot: QtBot, dossier: Dossier) -> None:
    doctor = records.create(
        dossier, "contact", {"name": "Dr. Ana Silva", "institution": "Lake Clinic"}
    ).id
    records.create(dossier, "case", {"title": "Knee"})
    records.create(dossier, "case", {"title": "Hip"})
    page = CalendarPage(Session(dossier))
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_appointment_button, Qt.MouseButton.LeftButton)
    form = page.appointment_form
    assert form.editors["case_id"].value() is None  # two open cases: the person chooses
    doctors = form.editors["contact_id"].widget
    assert isinstance(doctors, QComboBox)
    doctors.setCurrentIndex(doctors.findData(doctor))
    doctors.activated.emit(doctors.currentIndex())  # as a pick from the list does
    assert form.editors["location"].value() == "Lake Clinic"
    form.editors["location"].set_value("Home visit")
    doctors.activated.emit(doctors.currentIndex())
    assert form.editors["location"].value() == "Home visit"
