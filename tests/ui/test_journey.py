"""A new user's whole journey, driven only by the keys and clicks a person would use.

From the welcome screen with no dossier: a new dossier for someone the user helps, a
case, two doctors, two documents dropped on the window and filed under the case, two
opinions that disagree on the treatment, the comparison that lays them side by side, a
question made from that difference, an appointment with the doctor, appointment mode
(the question ticked as asked and its answer typed), the decision, and the printed
consultation brief, read back from its PDF.

Widgets are found by reading the window (which button, which row), never by calling the
program to do a step. The system's file dialogs are the one thing stood in for: the
documents arrive by a drop on the window, and the place to save the PDF is given in the
save dialog's stead. Two things the offscreen platform does not do are done by hand:
typing letters outside ASCII (QTest types ASCII only) and giving the window its
activation back after a pop-up closes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core.textpdf import Block, write_pdf
from dossier.ui.appointment.mode import AppointmentMode
from dossier.ui.comparison import ComparisonView
from dossier.ui.comparison.dialogs import DecisionDialog, QuestionDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.new_dossier import NewDossierDialog
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.pages.questions import QuestionsPage
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.printing.preview import PreviewWindow
from dossier.ui.printing.print_dialog import PrintDialog
from dossier.ui.widgets.date_field import DateField
from dossier.ui.widgets.record_form import RecordForm
from tests.pinned_day import PinDay
from tests.ui.dialog_hand import DialogHand

WAIT_MS = 30_000  # an import starts sandboxed readers; a preview renders on a thread
PATIENT = "Маргарита Cohen-Levi"
CASE = "Left breast: mastectomy or lumpectomy?"
SURGEON = "Dr. Ilana Weiss"
ONCOLOGIST = "Dr. Pieter de Vries"
MASTECTOMY = "Mastectomy of the left breast"
LUMPECTOMY = "Breast-conserving surgery (lumpectomy)"
ANSWER = "Margins were clear on both sides; the scar would be smaller."
DECISION = "Breast-conserving surgery with radiotherapy"


# Hands ------------------------------------------------------------------------------
def click(qtbot: QtBot, widget: QWidget) -> None:
    """Scroll the widget into sight if need be, and click it."""
    assert widget.isVisible() and widget.isEnabled(), widget
    scroll_to(qtbot, widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def scroll_to(qtbot: QtBot, widget: QWidget) -> None:
    """Scroll every scrolling area around ``widget`` until it is in sight, as a person
    turns the wheel (a click goes to what is on screen at that place). A widget just
    made is placed once its layout has run: wait for that."""

    def in_sight() -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()
        return not widget.visibleRegion().isEmpty()

    qtbot.waitUntil(in_sight)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into a field, select what is in it and type over it."""
    target = widget.line if isinstance(widget, DateField) else widget
    click(qtbot, target)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, target, text)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into the focused ``widget``. QTest types ASCII only: a letter of
    another script comes as a keyboard with that layout sends it, a key event with text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def choose(qtbot: QtBot, combo: QWidget, text: str) -> None:
    """Open a drop-down list with a click, go to the entry that says ``text`` with the
    arrow keys and take it with Enter."""
    assert isinstance(combo, QComboBox)
    assert combo.isVisible() and combo.isEnabled(), combo
    click(qtbot, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rows = [combo.itemText(i) for i in range(combo.count())]
    row = next((i for i, t in enumerate(rows) if text in t), None)
    assert row is not None, (text, rows)
    while view.currentIndex().row() != row:
        key = Qt.Key.Key_Down if view.currentIndex().row() < row else Qt.Key.Key_Up
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == row, (combo.currentText(), text)
    back_to(qtbot, combo.window())


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform leaves no window active after a pop-up or a dialog closes;
    a desktop gives the activation back, which the keyboard shortcuts need."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def go_to(qtbot: QtBot, window: MainWindow, title: str) -> QWidget:
    """Click a page's name in the navigation on the left."""
    assert window.view is not None
    nav = window.view.nav
    item = next(nav.item(r) for r in range(nav.count()) if nav.item(r).text() == title)
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    page = window.view.stack.currentWidget()
    assert page is window.view.pages[window.view.current_page_key()]
    return page


def open_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> QWidget:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith(title))
    assert tabs.isTabEnabled(index), title
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index
    page = tabs.currentWidget()
    assert page is not None
    return page


def click_row(qtbot: QtBot, view: QAbstractItemView, text: str) -> None:
    """Click the row of a list or table that shows ``text``."""
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if text in str(index.data() or ""):
                view.scrollTo(index)
                where = view.visualRect(index).center()
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
                return
    raise AssertionError(f"no row shows {text!r}")


def button(parent: QWidget, text: str) -> QPushButton:
    """The visible button whose words are ``text`` (an "&" for its key left out)."""
    found = [
        b
        for b in parent.findChildren(QPushButton)
        if b.text().replace("&", "") == text and b.isVisible()
    ]
    assert len(found) == 1, (text, [b.text() for b in parent.findChildren(QPushButton)])
    return found[0]


def shown_dialog(qtbot: QtBot, comparison: ComparisonView) -> QDialog:
    """The dialog the comparison just opened, once it is on screen."""
    qtbot.waitUntil(lambda: comparison.dialog is not None and comparison.dialog.isVisible())
    assert comparison.dialog is not None
    return comparison.dialog


def drop_files(window: MainWindow, files: list[Path]) -> None:
    """Drag files from the file manager and let go over the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    where = QPointF(window.width() / 2, window.height() / 2)
    for event_type in (QDragEnterEvent, QDropEvent):
        event = event_type(
            where,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window, event)
        assert event.isAccepted()


def errors_in(form: RecordForm) -> list[str]:
    """What a form says is wrong (for the message of a failed check)."""
    said = [f"{name}: {label.text()}" for name, label in form.errors.items() if label.text()]
    return [*said, form.message.text()] if form.message.isVisible() else said


def plain(text: str) -> str:
    """``text`` without the marks that keep a name's direction apart (bidi isolates)."""
    return re.sub("[\u2066-\u2069]", "", text)


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(path).pages))


# The documents the patient brings home -----------------------------------------------------
def letters(folder: Path) -> list[Path]:
    folder.mkdir()
    surgeon = folder / "weiss-consultation.pdf"
    write_pdf(
        surgeon,
        [
            Block("Breast surgery clinic: consultation letter", "heading"),
            Block(f"Patient: {PATIENT}. Invasive ductal carcinoma, left breast, 2.8 cm."),
            Block(f"Recommendation: {MASTECTOMY}."),
        ],
    )
    oncologist = folder / "de-vries-second-opinion.pdf"
    write_pdf(
        oncologist,
        [
            Block("Second opinion", "heading"),
            Block("Invasive ductal carcinoma, left breast, 2.8 cm, margins achievable."),
            Block(f"Recommendation: {LUMPECTOMY} followed by radiotherapy."),
        ],
    )
    return [surgeon, oncologist]


# The journey ------------------------------------------------------------------------------
def test_a_new_user_goes_from_welcome_to_the_printed_brief(
    qtbot: QtBot, tmp_path: Path, today: PinDay, monkeypatch: pytest.MonkeyPatch
) -> None:
    today("2026-03-02")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.welcome is not None and window.session is None

    # 1. A new dossier, for the mother the user helps.
    def fill_new_dossier(dialog: QDialog) -> None:
        assert isinstance(dialog, NewDossierDialog)
        type_into(qtbot, dialog.name, PATIENT)
        type_into(qtbot, dialog.born, "14 March 1957")
        # The folder is left as suggested; the grey text says it is named after her.
        assert dialog.folder.placeholderText().endswith(PATIENT)
        click(qtbot, button(dialog, "Create"))

    hand = DialogHand(NewDossierDialog, fill_new_dossier)
    click(qtbot, button(window.welcome, "Start a dossier for someone I help"))
    hand.check()
    assert window.view is not None and window.session is not None
    qtbot.waitUntil(lambda: window.after_paint.done)
    assert PATIENT in window.windowTitle()
    assert PATIENT in window.view.person.text()

    # 2. The case: what she is unsure about.
    cases = go_to(qtbot, window, "Cases")
    assert isinstance(cases, CasesPage)
    details = cases.details
    assert details.isVisible()  # no case yet: the empty form is waiting
    type_into(qtbot, details.editors["title"].widget, CASE)
    choose(qtbot, details.editors["kind"].widget, "Surgery")
    type_into(qtbot, details.editors["question"].widget, "Is removing the whole breast needed?")
    type_into(qtbot, details.editors["decision_deadline"].widget, "20 March 2026")
    click(qtbot, details.save_button)
    assert cases.case_id is not None
    assert CASE in cases.title.text()

    # 3. The two doctors.
    contacts = go_to(qtbot, window, "Contacts")
    assert isinstance(contacts, RecordPage)
    for name, specialty, place in (
        (SURGEON, "Breast surgeon", "Rabin Medical Center"),
        (ONCOLOGIST, "Surgical oncologist", "Antoni van Leeuwenhoek"),
    ):
        click(qtbot, contacts.new_button)
        type_into(qtbot, contacts.form.editors["name"].widget, name)
        type_into(qtbot, contacts.form.editors["specialty"].widget, specialty)
        type_into(qtbot, contacts.form.editors["institution"].widget, place)
        click(qtbot, contacts.form.save_button)
    assert contacts.model.rowCount() == 2

    # 4. The two letters, dropped on the window, then filed under the case.
    documents = window.view.pages["documents"]
    assert isinstance(documents, DocumentsPage)
    with qtbot.waitSignal(documents.imports_finished, timeout=WAIT_MS) as imported:
        drop_files(window, letters(tmp_path / "letters"))
    assert [r.status for r in imported.args[0]] == ["imported", "imported"]
    assert window.view.current_page_key() == "documents"
    import_dialog = documents.imports.dialog
    if import_dialog is not None and import_dialog.isVisible():
        click(qtbot, import_dialog.close_button)
    for title in ("consultation", "second opinion"):
        view = documents.table if documents.table.isVisible() else documents.grid
        click_row(qtbot, view, title)  # opens it, with its details beside it
        form = documents.form
        qtbot.waitUntil(documents.form.isVisible)
        cases_list = form.cases
        assert isinstance(cases_list, QListWidget)
        item = cases_list.item(0)
        assert item.text() == CASE
        qtbot.mouseClick(
            cases_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=cases_list.visualItemRect(item).center(),
        )
        qtbot.keyClick(cases_list, Qt.Key.Key_Space)
        assert item.checkState() == Qt.CheckState.Checked
        click(qtbot, form.save_button)
        assert form.record is not None and form.record["case_ids"] == [cases.case_id]

    # 5. Two opinions that disagree on the treatment.
    go_to(qtbot, window, "Cases")
    opinions = open_tab(qtbot, cases.tabs, "Opinions")
    assert opinions is cases.opinions
    for doctor, place, given, treatment, report in (
        (SURGEON, "Rabin Medical Center", "16 February 2026", MASTECTOMY, "Weiss"),
        (ONCOLOGIST, "Antoni van Leeuwenhoek", "27 February 2026", LUMPECTOMY, "second opinion"),
    ):
        click(qtbot, cases.opinions.new_button)
        form = cases.opinions.form
        choose(qtbot, form.editors["contact_id"].widget, doctor)
        assert form.editors["institution"].value() == place  # the doctor's, to change if need be
        choose(qtbot, form.editors["report_document_id"].widget, report)
        type_into(qtbot, form.editors["given_on"].widget, given)
        type_into(qtbot, form.editors["diagnosis"].widget, "Invasive ductal carcinoma, left breast")
        type_into(qtbot, form.editors["treatment"].widget, treatment)
        qtbot.keyClick(
            form.editors["treatment"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
        assert form.record is not None, errors_in(form)
    assert cases.opinions.count() == 2
    assert plain(cases.opinion_heading.text()) == f"Second opinion from {ONCOLOGIST}"
    assert "De vries second opinion" in cases.opinion_links.text()

    # 6. The comparison, side by side; a question made from the difference.
    comparison = cases.comparison
    open_tab(qtbot, cases.tabs, "Comparison")
    row = comparison.rows["treatment"]  # the first opinion on the left, the second beside it
    assert [plain(cell.accessibleName()).split(": ", 1)[1] for cell in row.cells] == [
        MASTECTOMY,
        LUMPECTOMY,
    ]
    assert "Different" in row.heading.text()  # a different operation is a difference
    click(qtbot, comparison.start_button)
    qtbot.waitUntil(lambda: comparison.table is not None and comparison.table.stored)
    row = comparison.rows["treatment"]
    assert row.ask.isVisible()

    click(qtbot, row.ask)  # the dialog opens over the window, without blocking it
    asking = shown_dialog(qtbot, comparison)
    assert isinstance(asking, QuestionDialog)
    question = asking.question()
    assert "treatment" in question.lower(), question
    click(qtbot, asking.ok_button)
    qtbot.waitUntil(lambda: comparison.dialog is None)
    back_to(qtbot, window)

    # 7. The appointment with the second doctor (the Calendar by its key, Ctrl+5).
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_page_key() == "calendar"
    calendar = window.view.pages["calendar"]
    assert isinstance(calendar, CalendarPage)
    click(qtbot, calendar.new_appointment_button)
    form = calendar.appointment_form
    type_into(qtbot, form.editors["starts_at"].widget, "9 March 2026 10:30")
    choose(qtbot, form.editors["contact_id"].widget, ONCOLOGIST)
    assert form.editors["location"].value() == "Antoni van Leeuwenhoek"  # the doctor's
    where = form.editors["location"].widget
    click(qtbot, where)
    qtbot.keyClick(where, Qt.Key.Key_End)
    type_text(qtbot, where, ", outpatients")
    assert form.editors["case_id"].widget.currentText() == CASE  # the one open case
    click(qtbot, form.save_button)
    assert form.record is not None, errors_in(form)

    # 8. The question goes on that appointment's list (Questions page).
    questions = go_to(qtbot, window, "Questions")
    assert isinstance(questions, QuestionsPage)
    click_row(qtbot, questions.table, question[:30])
    choose(qtbot, questions.form.editors["appointment_id"].widget, "Dr. Pieter de Vries")
    click(qtbot, questions.form.save_button)

    # 9. A week later, at the appointment: appointment mode, the question asked and its
    # answer typed.
    today("2026-03-09")
    click(qtbot, questions.mode_button)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, AppointmentMode) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    mode = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentMode))
    ours = next(r for r in mode.rows if r.text.text() == question)
    click(qtbot, ours.asked)
    type_into(qtbot, ours.answer, ANSWER)
    click(qtbot, mode.leave_button)
    qtbot.waitUntil(lambda: not mode.isVisible())
    back_to(qtbot, window)
    assert questions.form.editors["answer"].value() == ANSWER  # kept, on the Questions page
    assert questions.form.editors["asked"].value() is True

    # 10. The decision, on the comparison.
    go_to(qtbot, window, "Cases")
    open_tab(qtbot, cases.tabs, "Comparison")

    click(qtbot, comparison.decision_button)
    deciding = shown_dialog(qtbot, comparison)
    assert isinstance(deciding, DecisionDialog)
    type_into(qtbot, deciding.choice, DECISION)
    type_into(qtbot, deciding.reason, "Same outcome expected; a smaller operation.")
    type_into(qtbot, deciding.participants, "Mum, me, Dr. de Vries")
    click(qtbot, deciding.ok_button)
    qtbot.waitUntil(lambda: DECISION in comparison.decision_label.text())
    back_to(qtbot, window)

    # 11. The consultation brief, printed to a PDF.
    saved = tmp_path / "brief.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(saved), "PDF files (*.pdf)")
    )
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog)
    qtbot.waitExposed(dialog)
    assert dialog.case_combo.currentText() == CASE
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        click(qtbot, dialog.preview_button)
    preview = ready.args[0]
    assert isinstance(preview, PreviewWindow)
    click(qtbot, preview.save_button)
    qtbot.waitUntil(saved.exists)
    assert preview.saved_bar.isVisible() and preview.saved_bar.path == saved  # says where
    text = pdf_text(saved)
    assert CASE in text and PATIENT in text
    assert f"The decision was taken on 9 March 2026: {DECISION}" in text
    assert "The question for this consultation" in text
    assert "Is removing the whole breast needed?" in text
    preview.close()
    window.close()
