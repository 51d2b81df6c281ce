"""The comparison of opinions driven for real on the demo dossier: verdicts, notes, a
question made from a difference, a source followed to its page, the decision recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import clock, records
from dossier.core import comparison as cmp
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui.comparison import ComparisonView
from dossier.ui.comparison.aspect_row import AspectRow
from dossier.ui.comparison.dialogs import DecisionDialog, QuestionDialog, StepDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.pages.questions import QuestionsPage


@pytest.fixture
def window(qtbot: QtBot, demo_copy: Path) -> Iterator[MainWindow]:
    window = MainWindow(open_dossier(demo_copy))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.close()


def case_id(dossier: Dossier, kind: str) -> int:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return int(found["id"])


def open_comparison(window: MainWindow, kind: str = "treatment") -> ComparisonView:
    assert window.view is not None
    page = window.view.show_page("cases")
    assert isinstance(page, CasesPage)
    assert page.show_case(case_id(window.view.session.dossier, kind))
    page.tabs.setCurrentWidget(page.comparison)
    assert page.comparison.isVisible()
    return page.comparison


def click(qtbot: QtBot, button: QWidget) -> None:
    assert isinstance(button, QPushButton) and button.isEnabled(), button.objectName()
    assert button.isVisible(), button.objectName()
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):  # a click lands only where the button is on screen
        area = parent

        def on_screen() -> bool:
            area.ensureWidgetVisible(button)
            return button.visibleRegion().contains(button.rect().center())

        qtbot.waitUntil(on_screen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(qtbot: QtBot, dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    click(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))


def stored_aspect(dossier: Dossier, comparison_id: int, aspect: str) -> dict[str, object]:
    return dict(records.get(dossier, "comparison", comparison_id)["aspects"].get(aspect) or {})


def test_the_treatment_case_agrees_on_diagnosis_and_differs_on_treatment(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_comparison(window)
    table = view.table
    assert table is not None and table.stored and len(table.columns) == 2
    diagnosis, treatment = view.rows["diagnosis"], view.rows["treatment"]
    assert diagnosis.verdict.currentData() == "same"
    assert treatment.verdict.currentData() == "different"
    # The verdict is read in a sign and a word, not in colour.
    assert "= The same" in diagnosis.heading.text()
    assert "≠ Different" in treatment.heading.text()
    # Changed words are bold and underlined; the same words are not marked.
    assert "text-decoration:underline" in treatment.cells[1].text()
    assert "font-weight:bold" in treatment.cells[1].text()
    assert "text-decoration:underline" not in view.rows["stage"].cells[0].text()
    # The columns say who gave which opinion.
    heads = [c.who for c in table.columns]
    assert heads == ["Dr. Jürgen Weiß", "Dr. Zoë Martínez"]
    # Differences offer a question and a next step; agreements do not.
    assert treatment.ask.isVisible() and treatment.step.isVisible()
    assert not diagnosis.ask.isVisible()
    # The summary says in plain words where they differ, and what the guides advise.
    assert "say the same on" in view.summary_label.text()
    assert "third opinion" in view.advice.text()
    assert "no medical advice" in view.disclaimer.text()
    assert view.add_steps_button.isEnabled()


def test_a_verdict_and_a_note_are_stored_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    view = open_comparison(window, "surgery")
    assert view.table is not None and view.table.comparison_id is not None
    comparison_id = view.table.comparison_id
    dossier = window.view.session.dossier  # type: ignore[union-attr]
    row = view.rows["outcome"]
    assert row.verdict.currentData() == "different"
    assert "(suggested)" in row.verdict.currentText()  # core's proposal, not yet the person's

    row.verdict.setFocus()
    index = row.verdict.findData("partly")
    row.verdict.setCurrentIndex(index)
    row.verdict.activated.emit(index)  # what picking it with mouse or keyboard sends
    assert stored_aspect(dossier, comparison_id, "outcome")["verdict"] == "partly"
    assert view.rows["outcome"].verdict.currentData() == "partly"
    assert "(suggested)" not in view.rows["outcome"].verdict.currentText()
    assert "≈ Partly the same" in view.rows["outcome"].heading.text()

    row.note.setFocus()
    qtbot.keyClicks(row.note, "Ask how likely each outcome is")
    qtbot.keyClick(row.note, Qt.Key.Key_Return)
    assert stored_aspect(dossier, comparison_id, "outcome") == {
        "verdict": "partly",
        "note": "Ask how likely each outcome is",
    }

    window.undo_action.trigger()
    assert stored_aspect(dossier, comparison_id, "outcome").get("note") is None
    assert view.rows["outcome"].note.text() == ""
    window.undo_action.trigger()
    assert stored_aspect(dossier, comparison_id, "outcome").get("verdict") is None
    assert view.rows["outcome"].verdict.currentData() == "different"
    assert "(suggested)" in view.rows["outcome"].verdict.currentText()


def test_a_difference_becomes_a_question_on_the_questions_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_comparison(window)
    click(qtbot, view.rows["treatment"].ask)
    dialog = view.dialog
    assert isinstance(dialog, QuestionDialog) and dialog.isVisible()
    assert dialog.question().startswith("On the recommended treatment the opinions differ")
    dialog.text.setPlainText("Why surgery first, and not the trial of exercise?")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert "Question added: Why surgery first" in view.rows["treatment"].origins.text()

    assert window.view is not None
    questions = window.view.show_page("questions")
    assert isinstance(questions, QuestionsPage)
    texts = [q["text"] for q in questions.model.all_records()]
    assert "Why surgery first, and not the trial of exercise?" in texts


def test_a_difference_becomes_a_next_step_with_a_due_date(qtbot: QtBot, window: MainWindow) -> None:
    view = open_comparison(window, "surgery")
    row = view.rows["risks"]  # the second opinion says nothing about the risks
    assert row.verdict.currentData() == "not_addressed"
    assert "text-decoration:underline" not in row.cells[0].text()  # nothing to set it against
    click(qtbot, row.step)
    dialog = view.dialog
    assert isinstance(dialog, StepDialog)
    assert dialog.step_title() == "Ask Dr. Ingrid Halvorsen about the risks and side effects"
    dialog.due.set_text("2026-12-30")
    ok(qtbot, dialog)
    dossier = window.view.session.dossier  # type: ignore[union-attr]
    (task,) = [t for t in records.list_records(dossier, "task") if t.get("aspect") == "risks"]
    assert task["due_on"] == "2026-12-30"
    assert "Next step due 30 Dec 2026" in view.rows["risks"].origins.text()


def test_suggested_steps_are_added_once(qtbot: QtBot, window: MainWindow) -> None:
    view = open_comparison(window)
    click(qtbot, view.add_steps_button)
    assert not view.add_steps_button.isEnabled()
    assert view.summary is not None and all(s.added for s in view.summary.suggested)
    window.undo_action.trigger()
    assert view.add_steps_button.isEnabled()


def test_a_source_opens_the_document_at_its_page(qtbot: QtBot, window: MainWindow) -> None:
    view = open_comparison(window)
    assert view.table is not None
    (citation,) = view.table.row("treatment").cells[1].citations
    link = f"doc:{citation.document_id}:{citation.page}"
    assert link in view.rows["treatment"].cells[1].text()
    view.rows["treatment"].cells[1].linkActivated.emit(link)
    assert window.view is not None
    assert window.view.current_page_key() == "documents"
    documents = window.view.pages["documents"]
    assert isinstance(documents, DocumentsPage)
    qtbot.waitUntil(lambda: documents.current_document_id() == citation.document_id)
    if documents.viewer.mode == "pdf":
        qtbot.waitUntil(lambda: documents.viewer.current_page() == citation.page)


def test_the_decision_is_recorded_and_shown_on_the_overview(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_comparison(window)
    click(qtbot, view.decision_button)
    dialog = view.dialog
    assert isinstance(dialog, DecisionDialog)
    ok(qtbot, dialog)  # nothing written yet: it says so and stays open
    assert dialog.isVisible() and "which option" in dialog.error.text()
    dialog.choice.setPlainText("Breast-conserving surgery with radiotherapy")
    dialog.reason.setPlainText("Same outcome, smaller operation.")
    decided_on = clock.today().isoformat()  # the deadline of the example is weeks after
    dialog.decided_on.set_text(decided_on)
    dialog.participants.setText("Maggie, Anna, Dr. Martínez")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: view.dialog is None)

    dossier = window.view.session.dossier  # type: ignore[union-attr]
    assert view.table is not None and view.table.comparison_id is not None
    stored = records.get(dossier, "comparison", view.table.comparison_id)
    assert stored["decision"] == "Breast-conserving surgery with radiotherapy"
    assert stored["decided_on"] == decided_on
    assert stored["decision_participants"] == "Maggie, Anna, Dr. Martínez"
    assert cmp.decision_within_deadline(dossier, view.table.comparison_id) is True
    assert "within the decision deadline" in view.decision_label.text()

    assert window.view is not None
    overview = window.view.show_page("overview")
    assert isinstance(overview, OverviewPage)
    assert "Breast-conserving surgery with radiotherapy" in overview.html()


def test_picking_opinions_and_starting_a_comparison(qtbot: QtBot, window: MainWindow) -> None:
    assert window.view is not None
    session = window.view.session
    knee = case_id(session.dossier, "surgery")
    (stored,) = records.list_records(session.dossier, "comparison", case_id=knee)
    session.apply(lambda d: records.delete(d, "comparison", stored["id"]))
    view = open_comparison(window, "surgery")
    assert view.table is not None and not view.table.stored
    assert view.start_button.isVisible()
    assert not view.rows["treatment"].verdict.isEnabled()  # nothing to store it in yet
    click(qtbot, view.start_button)
    assert view.table is not None and view.table.stored
    assert not view.start_button.isVisible()
    assert view.rows["treatment"].verdict.isEnabled()
    session.undo()
    assert view.table is not None and not view.table.stored


def pick(row: AspectRow, data: str) -> None:
    """Choose an entry of a row's verdict list as a person does (the list sends activated)."""
    row.verdict.setFocus()
    index = row.verdict.findData(data)
    assert index >= 0, data
    row.verdict.setCurrentIndex(index)
    row.verdict.activated.emit(index)


def test_the_verdict_goes_back_to_the_suggestion(qtbot: QtBot, window: MainWindow) -> None:
    # The demo's breast case: a mastectomy against a wide local excision, much else shared.
    view = open_comparison(window)
    assert view.table is not None and view.table.comparison_id is not None
    comparison_id = view.table.comparison_id
    dossier = window.view.session.dossier  # type: ignore[union-attr]
    pick(view.rows["treatment"], "same")
    assert stored_aspect(dossier, comparison_id, "treatment")["verdict"] == "same"
    row = view.rows["treatment"]
    back = row.verdict.findData("suggestion")
    assert back > 0 and "Use the suggestion (different)" in row.verdict.itemText(back)
    pick(row, "suggestion")
    assert stored_aspect(dossier, comparison_id, "treatment").get("verdict") is None
    assert stored_aspect(dossier, comparison_id, "treatment").get("note")  # the note stays
    row = view.rows["treatment"]
    assert row.verdict.currentData() == "different"
    assert "(suggested)" in row.verdict.currentText()
    assert "(suggested)" in row.heading.text()
    # The hint says why: the opinions name different treatments.
    assert "Suggested as different" in row.source.text()
    assert "mastectomy" in row.source.text() and "excision" in row.source.text()
    window.undo_action.trigger()
    assert stored_aspect(dossier, comparison_id, "treatment")["verdict"] == "same"
    assert view.rows["treatment"].verdict.currentData() == "same"


def test_a_source_is_removed_and_the_removal_undone(qtbot: QtBot, window: MainWindow) -> None:
    view = open_comparison(window)
    assert view.table is not None
    column = view.table.columns[1]
    (citation,) = view.table.row("treatment").cells[1].citations
    cell = view.rows["treatment"].cells[1]
    assert "href='remove:0'" in cell.text() and "remove</a>" in cell.text()
    cell.linkActivated.emit("remove:0")
    dossier = window.view.session.dossier  # type: ignore[union-attr]
    opinion = records.get(dossier, "opinion", column.opinion_id)
    assert "treatment" not in (opinion.get("citations") or {})
    assert "diagnosis" in opinion["citations"]  # the other aspects keep theirs
    assert not view.table.row("treatment").cells[1].citations
    assert "remove:" not in view.rows["treatment"].cells[1].text()
    window.undo_action.trigger()
    assert view.table is not None
    (back,) = view.table.row("treatment").cells[1].citations
    assert (back.document_id, back.page) == (citation.document_id, citation.page)
    assert "href='remove:0'" in view.rows["treatment"].cells[1].text()


def test_three_opinions_side_by_side(qtbot: QtBot, window: MainWindow) -> None:
    assert window.view is not None
    session = window.view.session
    breast = case_id(session.dossier, "treatment")
    first = records.list_records(session.dossier, "opinion", case_id=breast)[0]
    view = open_comparison(window)
    session.apply(
        lambda d: records.create(
            d,
            "opinion",
            {
                "case_id": breast,
                "institution": "Northern Cancer Centre",
                "given_on": "2026-11-10",
                "ordinal": 3,
                "diagnosis": first["diagnosis"],
                "treatment": "Breast-conserving surgery with sentinel node biopsy, then "
                "radiotherapy; no biopsy of the second area first.",
            },
        )
    )
    assert len(view.opinion_boxes) == 3 and all(b.isVisible() for b in view.opinion_boxes.values())
    third = list(view.opinion_boxes.values())[-1]
    assert not third.isChecked()
    third.setChecked(True)
    table = view.table
    assert table is not None and len(table.columns) == 3 and not table.stored
    assert [c.who for c in table.columns][2] == "Northern Cancer Centre"
    items = [view.head_grid.itemAtPosition(0, n) for n in range(3)]
    heads = [item.widget() if item is not None else None for item in items]
    assert all(isinstance(h, QLabel) and h.isVisible() for h in heads), heads
    assert isinstance(heads[2], QLabel) and "Northern Cancer Centre" in heads[2].text()
    for row in view.rows.values():
        assert len(row.cells) == 3 and all(c.isVisible() for c in row.cells)
    qtbot.wait(50)
    assert window.width() <= 1280  # three opinions still fit the window
    # The proposals weigh all three: the same diagnosis, three different treatments, and
    # what only one opinion speaks to is not addressed by the others.
    assert view.rows["diagnosis"].verdict.currentData() == "same"
    assert view.rows["treatment"].verdict.currentData() in ("partly", "different")
    assert view.rows["risks"].verdict.currentData() == "not_addressed"
    assert "Northern Cancer Centre" in view.advice.text()
    click(qtbot, view.start_button)
    assert view.table is not None and view.table.stored and len(view.table.columns) == 3
    stored = records.get(session.dossier, "comparison", view.table.comparison_id)
    assert len(stored["opinion_ids"]) == 3
    window.undo_action.trigger()
    assert view.table is not None and not view.table.stored


def test_the_advice_folds_away_and_the_summary_scrolls_with_the_aspects(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = open_comparison(window)
    assert view.summary_box.parent() is not None
    assert view.body.isAncestorOf(view.summary_box)  # it scrolls away with the aspects
    assert not view.body.isAncestorOf(view.head)  # the opinions' names stay in sight
    assert view.summary_details.isVisible()
    view.summary_toggle.click()
    assert not view.summary_details.isVisible() and not view.advice.isVisible()
    assert view.summary_label.isVisible() and view.decision_button.isVisible()
    assert view.summary_toggle.accessibleName() == "Show what the guides advise"
    view.summary_toggle.click()
    assert view.advice.isVisible()
