"""The Cases page driven for real: a case made through its form, a diagnosis and an opinion
added in its tabs, links followed, the case moved to the trash and brought back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.pages.trash import TrashPage
from dossier.ui.session import Session


def make_page(qtbot: QtBot, dossier: Dossier) -> tuple[CasesPage, Session]:
    session = Session(dossier)
    page = CasesPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitExposed(page):
        page.show()
    return page, session


def click(qtbot: QtBot, button: QWidget) -> None:
    assert isinstance(button, QPushButton) and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    assert isinstance(widget, QLineEdit | QPlainTextEdit)
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def editor(page_form: Any, name: str) -> QWidget:
    widget = page_form.editors[name].widget
    assert isinstance(widget, QWidget)
    return widget


def case_by_kind(dossier: Dossier, kind: str) -> dict[str, Any]:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return found


def test_a_case_made_through_the_form_gets_a_diagnosis_and_an_opinion(
    qtbot: QtBot, dossier: Dossier, qtmodeltester: ModelTester
) -> None:
    page, _session = make_page(qtbot, dossier)
    # An empty dossier starts on the form of a new case; its other tabs wait for it.
    assert page.case_id is None and page.title.text() == "New case"
    assert [page.tabs.isTabEnabled(i) for i in range(4)] == [True, False, False, False]

    details = page.details
    type_into(qtbot, editor(details, "question"), "Do I need a new hip now?")
    click(qtbot, details.save_button)
    assert details.errors["title"].isVisible()  # the title is required: said beside it
    assert records.list_records(dossier, "case") == []

    type_into(qtbot, editor(details, "title"), "Hip: replace now or wait?")
    click(qtbot, details.save_button)
    (case,) = records.list_records(dossier, "case")
    assert case["title"] == "Hip: replace now or wait?"
    assert case["question"] == "Do I need a new hip now?"
    assert page.case_id == case["id"] and page.title.text() == case["title"]
    assert page.model.rowCount() == 1 and all(page.tabs.isTabEnabled(i) for i in range(4))
    assert (
        "Next, step 1 of 6 (not done yet" in page.next_step.text()
    )  # the case says what to do first
    qtmodeltester.check(page.model)

    # Diagnoses tab: a wrong ICD-10 code is explained beside the field, nothing is stored.
    page.tabs.setCurrentWidget(page.diagnoses)
    click(qtbot, page.diagnoses.new_button)
    form = page.diagnoses.form
    type_into(qtbot, editor(form, "name"), "Osteoarthritis of the right hip")
    type_into(qtbot, editor(form, "icd10"), "M1G-1")
    click(qtbot, form.save_button)
    assert form.errors["icd10"].isVisible()
    assert "ICD-10 code should look like" in form.errors["icd10"].text()
    assert records.list_records(dossier, "diagnosis") == []
    code = editor(form, "icd10")
    assert isinstance(code, QLineEdit)
    code.clear()
    type_into(qtbot, code, "m16.1")
    click(qtbot, form.save_button)
    (diagnosis,) = records.list_records(dossier, "diagnosis")
    assert diagnosis["case_id"] == case["id"] and diagnosis["icd10"] == "M16.1"
    assert not form.errors["icd10"].isVisible()
    assert page.diagnoses.model.rowCount() == 1
    assert page.tabs.tabText(1) == "Diagnoses (1)"
    qtmodeltester.check(page.diagnoses.model)

    # Opinions tab: the doctor is picked from the contacts; the new opinion joins the case.
    doctor = records.create(dossier, "contact", {"name": "Dr. Ana Silva"}).id
    page.tabs.setCurrentWidget(page.opinions)
    click(qtbot, page.opinions.new_button)
    form = page.opinions.form
    combo = form.editors["contact_id"]
    combo.refresh()  # type: ignore[attr-defined]
    combo.widget.setFocus()
    qtbot.keyClicks(combo.widget, "Dr. A")  # choose by typing, as with the keyboard
    assert combo.value() == doctor
    type_into(qtbot, editor(form, "institution"), "Lake Clinic")
    type_into(qtbot, editor(form, "treatment"), "Physiotherapy for three months first.")
    click(qtbot, form.save_button)
    (opinion,) = records.list_records(dossier, "opinion")
    assert opinion["case_id"] == case["id"] and opinion["contact_id"] == doctor
    assert opinion["ordinal"] == 1
    assert page.opinion_heading.text() == "First opinion from \u2068Dr. Ana Silva\u2069"  # isolated
    assert page.opinion_heading.isVisible() and not form.heading.isVisible()
    assert f"contact:{doctor}" in page.opinion_links.text()
    assert page.opinions.model.record(0)["id"] == opinion["id"]
    qtmodeltester.check(page.opinions.model)


def test_the_list_shows_open_cases_first(
    qtbot: QtBot, dossier: Dossier, qtmodeltester: ModelTester
) -> None:
    for title, status, deadline in (
        ("Closed one", "closed", None),
        ("Decided one", "decided", "2030-01-01"),
        ("Open, later", "open", "2031-06-01"),
        ("Open, soon", "open", "2030-02-01"),
        ("Open, no date", "open", None),
    ):
        records.create(
            dossier, "case", {"title": title, "status": status, "decision_deadline": deadline}
        )
    page, _session = make_page(qtbot, dossier)
    # A title inside a label is isolated: a Hebrew title keeps "(decided)" where it belongs.
    assert page.proxy.index(3, 0).data() == "\u2068Decided one\u2069 (decided)"
    shown = [
        without_isolates(page.proxy.index(row, 0).data()) for row in range(page.proxy.rowCount())
    ]
    assert shown == [
        "Open, soon",
        "Open, later",
        "Open, no date",
        "Decided one (decided)",
        "Closed one (closed)",
    ]
    assert page.title.text() == "Open, soon"  # the first open case is shown
    qtmodeltester.check(page.model)
    type_into(qtbot, page.filter, "decided")
    assert page.proxy.rowCount() == 1


def test_opinion_links_open_the_doctor_and_the_written_report(qtbot: QtBot, demo: Dossier) -> None:
    page, _session = make_page(qtbot, demo)
    case = case_by_kind(demo, "treatment")
    assert page.show_case(case["id"])
    page.tabs.setCurrentWidget(page.opinions)
    second = next(
        o for o in records.list_records(demo, "opinion", case_id=case["id"]) if o["ordinal"] == 2
    )
    assert page.opinions.select_record(second["id"])
    links = page.opinion_links
    assert links.isVisible()
    assert f"contact:{second['contact_id']}" in links.text()
    assert f"document:{second['report_document_id']}" in links.text()

    # Keyboard: into the label, Tab to the first link (the doctor), Enter follows it.
    with qtbot.waitActive(page):
        page.activateWindow()
    links.setFocus()
    qtbot.keyClick(links, Qt.Key.Key_Tab)
    with qtbot.waitSignal(page.open_record) as doctor:
        qtbot.keyClick(links, Qt.Key.Key_Return)
    assert doctor.args == ["contact", second["contact_id"]]
    qtbot.keyClick(links, Qt.Key.Key_Tab)
    with qtbot.waitSignal(page.open_document) as report:
        qtbot.keyClick(links, Qt.Key.Key_Return)
    assert report.args == [second["report_document_id"]]


def test_documents_tab_lists_the_case_documents_and_opens_one(
    qtbot: QtBot, demo: Dossier, qtmodeltester: ModelTester
) -> None:
    page, _session = make_page(qtbot, demo)
    case = case_by_kind(demo, "treatment")
    page.show_case(case["id"])
    page.tabs.setCurrentWidget(page.documents)
    filed = records.list_records(demo, "document", case_id=case["id"])
    table = page.documents.table
    assert table.model().rowCount() == len(filed) > 0
    assert page.tabs.tabText(page.tabs.indexOf(page.documents)) == f"Documents ({len(filed)})"
    assert {table.model().index(r, 0).data() for r in range(len(filed))} == {
        d["title"] for d in filed
    }
    qtmodeltester.check(page.documents.model)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    with qtbot.waitSignal(page.open_document) as opened:
        qtbot.keyClick(table.viewport(), Qt.Key.Key_Return)
    assert opened.args == [filed[0]["id"]]
    with qtbot.waitSignal(page.open_document):
        click(qtbot, page.documents.open_button)


def test_deleting_a_case_takes_its_records_to_the_trash_and_back(
    qtbot: QtBot, demo: Dossier
) -> None:
    page, session = make_page(qtbot, demo)
    trash = TrashPage(session)
    qtbot.addWidget(trash)
    case = case_by_kind(demo, "treatment")
    opinions = len(records.list_records(demo, "opinion", case_id=case["id"]))
    page.show_case(case["id"])
    cases_before = page.model.rowCount()

    click(qtbot, page.delete_button)
    assert page.model.rowCount() == cases_before - 1
    assert page.case_id != case["id"] and page.case_id is not None  # the next case is shown
    assert "is in the trash, with the" in page.message.text()
    assert "Undo (Ctrl+Z)" in page.message.text()
    assert records.list_records(demo, "opinion", case_id=case["id"]) == []
    (entry,) = trash.model.entries
    assert (entry.entity, entry.record_id) == ("case", case["id"])
    assert entry.with_it > opinions
    assert trash.model.index(0, 3).data() == f"with {entry.with_it} other records"

    click(qtbot, trash.restore_button)
    assert trash.model.rowCount() == 0
    assert page.model.rowCount() == cases_before
    assert page.case_id == case["id"]  # the restored case is shown again
    assert len(records.list_records(demo, "opinion", case_id=case["id"])) == opinions

    session.undo()  # undoing the restore puts it back in the trash
    assert trash.model.rowCount() == 1 and page.model.rowCount() == cases_before - 1
    session.undo()  # undoing the deletion brings it back
    assert trash.model.rowCount() == 0 and page.model.row_of(case["id"]) is not None


def test_editing_the_case_details_and_undo(qtbot: QtBot, demo: Dossier) -> None:
    page, session = make_page(qtbot, demo)
    case = case_by_kind(demo, "surgery")
    page.show_case(case["id"])
    title = editor(page.details, "title")
    assert isinstance(title, QLineEdit)
    title.selectAll()
    qtbot.keyClicks(title, "Right knee: what now?")
    click(qtbot, page.details.save_button)
    assert records.get(demo, "case", case["id"])["title"] == "Right knee: what now?"
    assert page.title.text() == "Right knee: what now?"
    shown = without_isolates(page.list.currentIndex().data())
    assert shown == "Right knee: what now? (decided)"  # still selected
    session.undo()
    assert page.title.text() == case["title"]
    assert page.details.editors["title"].value() == case["title"]
    deadline = editor(page.details, "decision_deadline")
    deadline.setFocus()
    line = deadline.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "2026-02-30")
    click(qtbot, page.details.save_button)
    assert page.details.errors["decision_deadline"].isVisible()


def test_show_case_from_elsewhere_and_new_case_defaults(qtbot: QtBot, demo: Dossier) -> None:
    page, _session = make_page(qtbot, demo)
    appeal = case_by_kind(demo, "administrative")
    page.filter.setText("knee")  # the appeal is filtered out: showing it clears the filter
    assert page.show_case(appeal["id"])
    assert page.filter.text() == "" and page.title.text() == appeal["title"]
    assert not page.show_case(9999)
    click(qtbot, page.new_button)
    assert page.case_id is None and page.details.is_new()
    assert page.details.editors["opened_on"].value()  # today, already filled in
    assert not page.tabs.isTabEnabled(1)


def test_links_lead_to_the_contacts_and_documents_pages(qtbot: QtBot, demo: Dossier) -> None:
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("cases")
    assert isinstance(page, CasesPage)
    case = case_by_kind(demo, "treatment")
    (_first, second) = records.list_records(demo, "opinion", case_id=case["id"])
    page.show_case(case["id"])
    page.tabs.setCurrentWidget(page.opinions)
    page.opinions.select_record(second["id"])
    page.open_record.emit("contact", second["contact_id"])  # as the doctor link does
    assert window.view.current_page_key() == "contacts"
    contacts = window.view.pages["contacts"]
    assert isinstance(contacts, RecordPage)
    current = contacts.current_record()
    assert current is not None and current["id"] == second["contact_id"]
    window.view.show_page("cases")
    page.open_document.emit(second["report_document_id"])  # as a document link does
    assert window.view.current_page_key() == "documents"
    window.close()
