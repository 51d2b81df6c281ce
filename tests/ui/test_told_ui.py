"""Back into ongoing care in the window: the Overview asks who has been told about a decision
(ticked with real clicks, stored, undone with the app's Undo, gone once everyone is ticked),
the case's Hand-over tab lists its hand-overs with the same checklist, and the case form
helps with the real motive and the report sent with the hand-over letter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.clock import today
from dossier.core.handover.told import told_checklist
from dossier.core.storage import Dossier
from dossier.ui.cases.told_checks import handover_printable
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.session import Session
from dossier.ui.widgets.editors import RefEditor
from tests.ui.windows import page_of, shown_window


def case_of(dossier: Dossier, kind: str) -> dict[str, Any]:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return found


def contact_named(dossier: Dossier, name: str) -> int:
    (found,) = [c for c in records.list_records(dossier, "contact") if c["name"] == name]
    return int(found["id"])


def overview(qtbot: QtBot, dossier: Dossier) -> tuple[OverviewPage, Session]:
    session = Session(dossier)
    page = OverviewPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitExposed(page):
        page.show()
    return page, session


def click(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.waitUntil(box.isVisible)  # on screen, where a person can click it
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def told_rows(dossier: Dossier, case_id: int, contact_id: int) -> list[dict[str, Any]]:
    return records.list_records(
        dossier, "hand_over", case_id=case_id, equal={"contact_id": contact_id, "kind": "told"}
    )


def test_the_overview_asks_who_has_been_told_and_a_click_ticks_the_gp(
    qtbot: QtBot, demo: Dossier
) -> None:
    page, session = overview(qtbot, demo)
    knee = case_of(demo, "surgery")
    panel = page.told
    assert panel.isVisible() and list(panel.boxes) == [knee["id"]]
    box = panel.boxes[knee["id"]]
    assert (
        box.heading.text()
        == f"Who has been told about the decision on “\u2068{knee['title']}\u2069”?"
    )
    assert "Exercise therapy for three months first" in box.decision.text()
    gp = contact_named(demo, "Dr. Thomas Achterberg")
    checks = box.checks.boxes
    assert [checks[c].isChecked() for c in checks] == [False, True, True]
    said = without_isolates(checks[gp].accessibleName())
    assert said == "Dr. Thomas Achterberg (referring doctor): not told yet"

    click(qtbot, checks[gp])  # the last one: everyone has been told now
    [stored] = told_rows(demo, knee["id"], gp)
    assert stored["done_on"] == today().isoformat()
    assert panel.boxes == {}
    assert panel.done.isVisible() and "Everyone has been told" in panel.done.text()
    assert session.history.undo_text().startswith("Undo adding hand-over")

    session.undo()  # the app's Undo takes the tick back: the box is there again
    assert told_rows(demo, knee["id"], gp) == []
    box = panel.boxes[knee["id"]]
    assert not box.checks.boxes[gp].isChecked()
    assert not panel.done.isVisible()
    assert "not told yet" in box.checks.boxes[gp].accessibleName()


def test_unticking_takes_it_back_to_the_trash_and_undo_returns_it(
    qtbot: QtBot, demo: Dossier
) -> None:
    page, session = overview(qtbot, demo)
    knee = case_of(demo, "surgery")
    surgeon = contact_named(demo, "Dr. Samuel Okonkwo")
    [before] = told_rows(demo, knee["id"], surgeon)
    box = page.told.boxes[knee["id"]]
    check = box.checks.boxes[surgeon]
    check.setFocus()
    click(qtbot, check)
    assert told_rows(demo, knee["id"], surgeon) == []
    assert not check.isChecked()  # the same box, updated in place: the focus stays on it
    assert page.told.boxes[knee["id"]].checks.boxes[surgeon] is check
    session.undo()
    [after] = told_rows(demo, knee["id"], surgeon)
    assert (after["id"], after["done_on"]) == (before["id"], before["done_on"])
    assert check.isChecked()


def test_the_panel_is_hidden_without_a_pending_hand_over(qtbot: QtBot, dossier: Dossier) -> None:
    page, _session = overview(qtbot, dossier)
    assert not page.told.isVisible()


def test_the_panel_follows_a_decision_written_elsewhere(qtbot: QtBot, demo: Dossier) -> None:
    page, session = overview(qtbot, demo)
    breast = case_of(demo, "treatment")
    session.apply(lambda d: records.update(d, "case", breast["id"], {"status": "decided"}))
    assert list(page.told.boxes) == [case_of(demo, "surgery")["id"], breast["id"]]
    session.undo()
    assert breast["id"] not in page.told.boxes


def cases_page(qtbot: QtBot, dossier: Dossier) -> tuple[CasesPage, Session]:
    session = Session(dossier)
    page = CasesPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    with qtbot.waitExposed(page):
        page.show()
    return page, session


def test_the_hand_over_tab_of_the_decided_knee(qtbot: QtBot, demo: Dossier) -> None:
    page, session = cases_page(qtbot, demo)
    knee = case_of(demo, "surgery")
    page.show_case(knee["id"])
    tab = page.tabs.handover
    page.tabs.setCurrentWidget(tab)
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Hand-over"
    assert tab.told_box.isVisible() and tab.checks.isVisible()
    assert tab.records.model.rowCount() == 2  # the two told already
    assert "Told of the decision: 2 of 3." in page.next_step.text()
    assert "Tick each one once they know" in tab.heading.text()  # what a tick means
    gp = contact_named(demo, "Dr. Thomas Achterberg")
    click(qtbot, tab.checks.boxes[gp])
    assert told_checklist(demo, knee["id"])[0].told_on == today().isoformat()
    assert tab.state.text() == "Everyone has been told."
    assert "Tick each one" not in tab.heading.text()
    assert tab.records.model.rowCount() == 3
    assert "Told of the decision" not in page.next_step.text()  # everyone knows
    session.undo()
    assert not tab.checks.boxes[gp].isChecked()


def test_the_hand_over_tab_of_the_open_breast_case_lists_what_was_sent(
    qtbot: QtBot, demo: Dossier
) -> None:
    page, _session = cases_page(qtbot, demo)
    breast = case_of(demo, "treatment")
    page.show_case(breast["id"])
    tab = page.tabs.handover
    page.tabs.setCurrentWidget(tab)
    assert not tab.checks.isVisible() and not tab.print_link.isVisible()
    assert tab.state.text().startswith("When the case is decided")
    model = tab.records.model
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[:3] == ["Records sent", "Dr. Zoë Martínez", cells[2]]
    assert cells[3].startswith("Cover letter, consultation brief")
    # a new hand-over of a case not yet decided starts as records sent; of a decided one, told
    tab.records.new_record()
    assert tab.records.form.editors["kind"].value() == "sent"
    page.show_case(case_of(demo, "surgery")["id"])
    tab.records.new_record()
    assert tab.records.form.editors["kind"].value() == "told"


def test_the_case_form_helps_with_the_motive_and_the_report(qtbot: QtBot, demo: Dossier) -> None:
    page, _session = cases_page(qtbot, demo)
    knee = case_of(demo, "surgery")
    page.show_case(knee["id"])
    form = page.details
    names = list(form.editors)
    assert names.index("motive") == names.index("question") + 1
    motive = form.editors["motive"].widget
    assert isinstance(motive, QPlainTextEdit)
    assert motive.toPlainText() == knee["motive"]
    assert "doubt the diagnosis" in motive.placeholderText()
    assert "rare disease" in motive.placeholderText()
    report = form.editors["handover_report_id"]
    assert isinstance(report, RefEditor)
    listed = {report.combo.itemData(i) for i in range(1, report.combo.count())}
    own = {d["id"] for d in records.list_records(demo, "document", case_id=knee["id"])}
    assert listed == own and own


def test_the_print_link_opens_the_hand_over_letter_of_the_case(qtbot: QtBot, demo: Dossier) -> None:
    window = shown_window(qtbot, demo)
    page = page_of(window, "overview", OverviewPage)
    knee = case_of(demo, "surgery")
    link: QLabel = page.told.boxes[knee["id"]].print_link
    assert handover_printable() and link.isVisible()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    dialog = window.menus.print_menu.dialog
    assert dialog is not None and dialog.kind == "handover"
    assert dialog.options.case_combo.currentData() == knee["id"]
    dialog.close()

    cases = page_of(window, "cases", CasesPage)  # the same link on the case's Hand-over tab
    cases.show_case(knee["id"])
    cases.tabs.setCurrentWidget(cases.tabs.handover)
    link = cases.tabs.handover.print_link
    qtbot.waitUntil(link.isVisible)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    dialog = window.menus.print_menu.dialog
    assert dialog is not None and dialog.kind == "handover" and dialog.isVisible()
    assert dialog.options.case_combo.currentData() == knee["id"]
    dialog.close()


def test_many_doctors_scroll_and_many_cases_are_counted(qtbot: QtBot, dossier: Dossier) -> None:
    """Hostile sizes: a decided case naming forty doctors keeps its list to a scrolling
    strip; of five decided cases, three are shown and the others counted."""
    for number in range(5):
        case = records.create(dossier, "case", {"title": f"Case {number}", "status": "decided"}).id
        for doctor in range(40 if number == 0 else 1):
            contact = records.create(dossier, "contact", {"name": f"Dr. {number}-{doctor}"}).id
            records.create(
                dossier,
                "appointment",
                {"case_id": case, "contact_id": contact, "starts_at": "2026-04-01 10:00"},
            )
    page, _session = overview(qtbot, dossier)
    panel = page.told
    assert len(panel.boxes) == 3
    assert panel.more.isVisible() and panel.more.text().startswith("2 more decided cases")
    first = next(iter(panel.boxes.values()))
    assert len(first.checks.boxes) == 40
    assert first.checks.height() <= first.checks.MOST
    assert page.summary.height() > page.height() // 3  # the Overview itself keeps its room
